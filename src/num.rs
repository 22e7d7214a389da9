//! Numbers written as a person writes them, for messages and suggestions.
//!
//! Rust prints an `f64` as the shortest decimal that reads back as the same float, which shows
//! the float's error when the value was computed (`18651.06 / 10000.0` prints
//! `1.8651060000000002`). Here a value is written with at most a fixed number of decimals, and
//! trailing zeros dropped: a computed amount reads `1.8651`, a written one keeps its digits.

/// The most decimals an amount is written with: a 万元 figure to four decimals is exact to one 元.
pub const AMOUNT_DECIMALS: usize = 4;

/// `v` as a person writes it: the shortest decimal that reads back as `v` when it has at most
/// `decimals` decimals, else `v` rounded to `decimals` decimals; trailing zeros, a bare point
/// and the sign of a zero dropped (`3.0` → `3`, `-0.00001` → `0`).
pub fn decimal(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let shortest = v.to_string();
    let places = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    let written = if places <= decimals {
        shortest
    } else {
        format!("{v:.decimals$}")
    };
    let trimmed = if written.contains('.') {
        written.trim_end_matches('0').trim_end_matches('.')
    } else {
        written.as_str()
    };
    match trimmed {
        "-0" => "0".to_string(),
        t => t.to_string(),
    }
}

/// An amount (万元, 亿元) as a person writes it: at most [`AMOUNT_DECIMALS`] decimals.
pub fn amount(v: f64) -> String {
    decimal(v, AMOUNT_DECIMALS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_values_lose_their_float_error() {
        assert_eq!(amount(18_651.06 / 10_000.0), "1.8651");
        assert_eq!(amount(0.1 + 0.2), "0.3");
        assert_eq!(amount(38_000.0 / 10_000.0), "3.8");
    }

    #[test]
    fn written_values_keep_their_digits() {
        assert_eq!(amount(7730.28), "7730.28");
        assert_eq!(amount(4068.208), "4068.208");
        assert_eq!(amount(96_171.6), "96171.6");
        assert_eq!(amount(0.038), "0.038");
        assert_eq!(amount(12.0), "12");
        assert_eq!(amount(251_000.0), "251000");
        assert_eq!(amount(1e21), "1000000000000000000000");
    }

    #[test]
    fn rounding_trailing_zeros_and_signs() {
        assert_eq!(amount(2.00004), "2");
        assert_eq!(amount(2.00005_1), "2.0001");
        assert_eq!(amount(-12.5), "-12.5");
        assert_eq!(amount(-0.00001), "0");
        assert_eq!(amount(-0.0), "0");
        assert_eq!(decimal(7_539.443_252, 6), "7539.443252");
        assert_eq!(decimal(75_394_432.52 / 10_000.0, 6), "7539.443252");
        assert_eq!(decimal(12.04, 1), "12");
        assert_eq!(decimal(f64::NAN, 2), "NaN");
    }
}
