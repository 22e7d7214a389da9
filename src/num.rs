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
///
/// The same text as `v.to_string()` or `format!("{v:.decimals$}")` trimmed, written without
/// `core::fmt`'s float printing (Grisu and Dragon, 12 KB of the page's module): `v`'s exact
/// decimal expansion is computed with a small big integer, rounded half to even as `{:.N}`
/// rounds, and the shortest form found by trying the two candidates of each length, shortest
/// first, the way Dragon4 does, reading each back with `str::parse` (correctly rounded, and in
/// the module anyway to read numbers).
pub fn decimal(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let exact = Decimal::exact(v.abs());
    let shortest = exact.shortest(v.abs());
    let written = if shortest.places() <= decimals {
        shortest
    } else {
        exact.rounded(
            exact
                .point
                .saturating_add(i32::try_from(decimals).unwrap_or(i32::MAX)),
        )
    };
    let text = written.written();
    if v < 0.0 && !written.digits.is_empty() {
        format!("-{text}")
    } else {
        text
    }
}

/// A non-negative decimal `0.d₁d₂…dₙ × 10^point`: digits 0–9, the first not 0 and the last not
/// 0; no digits is zero.
#[derive(Clone, Debug, PartialEq)]
struct Decimal {
    digits: Vec<u8>,
    point: i32,
}

impl Decimal {
    /// The exact value of a finite `v ≥ 0`: `m·2^e` is `m·5^-e / 10^-e` when `e < 0`.
    fn exact(v: f64) -> Decimal {
        let bits = v.to_bits();
        let field = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        let (mut m, mut e) = if field == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), field - 1075)
        };
        if m == 0 {
            return Decimal::ZERO;
        }
        while m % 2 == 0 && e < 0 {
            m /= 2;
            e += 1;
        }
        let mut n = Big::from(m);
        if e >= 0 {
            n.times_power(2, e.unsigned_abs());
        } else {
            n.times_power(5, e.unsigned_abs());
        }
        let mut digits = n.digits();
        let len = digits.len() as i32;
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Decimal {
            digits,
            point: if e >= 0 { len } else { len + e },
        }
    }

    /// The number of decimals it is written with.
    fn places(&self) -> usize {
        usize::try_from(self.digits.len() as i32 - self.point).unwrap_or(0)
    }

    /// Rounded half to even at `keep` digits, as `{:.N}` rounds: `keep` is the point's place
    /// plus the decimals wanted; 0 or less rounds at the first digit's left or further.
    fn rounded(&self, keep: i32) -> Decimal {
        let Ok(n) = usize::try_from(keep) else {
            return Decimal::ZERO;
        };
        let Some(&next) = self.digits.get(n) else {
            return self.clone();
        };
        let beyond = self.digits.len() > n + 1;
        // Nothing kept is a 0 kept: even.
        let odd = n
            .checked_sub(1)
            .and_then(|i| self.digits.get(i))
            .is_some_and(|d| d % 2 == 1);
        if next > 5 || (next == 5 && (beyond || odd)) {
            self.raised(n)
        } else {
            self.truncated(n)
        }
    }

    /// The first `n` digits.
    fn truncated(&self, n: usize) -> Decimal {
        let mut digits = self.digits.get(..n).unwrap_or_default().to_vec();
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            return Decimal::ZERO;
        }
        Decimal {
            digits,
            point: self.point,
        }
    }

    /// The first `n` digits plus one in the last of them: trailing 9s carry.
    fn raised(&self, n: usize) -> Decimal {
        let mut digits = self.digits.get(..n).unwrap_or_default().to_vec();
        while digits.last() == Some(&9) {
            digits.pop();
        }
        match digits.last_mut() {
            Some(d) => {
                *d += 1;
                Decimal {
                    digits,
                    point: self.point,
                }
            }
            None => Decimal {
                digits: vec![1],
                point: self.point + 1,
            },
        }
    }

    /// The shortest decimal that reads back as `v` (this is `v`'s exact value), as
    /// `v.to_string()` writes it: for each length, shortest first, the two candidates around
    /// `v`; the first length where one reads back wins, and when both do, the nearer (the upper
    /// when they are equally near).
    fn shortest(&self, v: f64) -> Decimal {
        for n in 1..self.digits.len() {
            let (down, up) = (self.truncated(n), self.raised(n));
            match (down.reads_as(v), up.reads_as(v)) {
                (true, true) if self.digits.get(n).is_some_and(|&d| d >= 5) => return up,
                (true, _) => return down,
                (false, true) => return up,
                (false, false) => {}
            }
        }
        self.clone()
    }

    /// Whether `str::parse` reads this decimal as `v`.
    fn reads_as(&self, v: f64) -> bool {
        let digits: String = self.digits.iter().map(|&d| char::from(b'0' + d)).collect();
        let exponent = i64::from(self.point) - self.digits.len() as i64;
        format!("{digits}e{exponent}").parse::<f64>() == Ok(v)
    }
}

impl Decimal {
    const ZERO: Decimal = Decimal {
        digits: Vec::new(),
        point: 0,
    };

    /// Written as `f64`'s `Display` writes it: never an exponent.
    fn written(&self) -> String {
        let digits: String = self.digits.iter().map(|&d| char::from(b'0' + d)).collect();
        let len = self.digits.len() as i32;
        let zeros = |n: i32| "0".repeat(usize::try_from(n).unwrap_or(0));
        if digits.is_empty() {
            "0".to_string()
        } else if self.point <= 0 {
            "0.".to_string() + &zeros(-self.point) + &digits
        } else if self.point >= len {
            digits + &zeros(self.point - len)
        } else {
            let (whole, fraction) = digits.split_at(self.point as usize);
            [whole, ".", fraction].concat()
        }
    }
}

/// A non-negative integer in base 10⁹, lowest limb first: just enough to multiply by powers of
/// 2 and 5 and to write the digits.
struct Big(Vec<u32>);

const LIMB: u64 = 1_000_000_000;

impl Big {
    fn from(mut n: u64) -> Big {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % LIMB) as u32);
            n /= LIMB;
        }
        Big(limbs)
    }

    /// Multiplies by `base^exponent` (`base` 2 or 5), a few powers at a time.
    fn times_power(&mut self, base: u64, mut exponent: u32) {
        // The largest power below 2³² that keeps a limb's product and carry within a u64.
        let step = if base == 2 { 31 } else { 13 };
        while exponent > 0 {
            let k = exponent.min(step);
            self.times(base.pow(k));
            exponent -= k;
        }
    }

    fn times(&mut self, factor: u64) {
        let mut carry = 0;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * factor + carry;
            *limb = (product % LIMB) as u32;
            carry = product / LIMB;
        }
        while carry > 0 {
            self.0.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    /// The decimal digits, most significant first.
    fn digits(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 9);
        for (i, &limb) in self.0.iter().rev().enumerate() {
            let mut piece = [0u8; 9];
            let mut rest = limb;
            for d in piece.iter_mut().rev() {
                *d = (rest % 10) as u8;
                rest /= 10;
            }
            let skip = if i == 0 {
                piece.iter().take_while(|&&d| d == 0).count()
            } else {
                0
            };
            out.extend(piece.iter().skip(skip));
        }
        out
    }
}

/// An amount (万元, 亿元) as a person writes it: at most [`AMOUNT_DECIMALS`] decimals.
pub fn amount(v: f64) -> String {
    decimal(v, AMOUNT_DECIMALS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `decimal` wrote with `core::fmt`'s float printing: the reference it must equal.
    fn reference(v: f64, decimals: usize) -> String {
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

    /// A small deterministic generator, so a failure names the value that failed.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 ^ (self.0 >> 29)
        }
    }

    fn same_as_reference(v: f64) {
        for decimals in 0..=8 {
            assert_eq!(
                decimal(v, decimals),
                reference(v, decimals),
                "{v:e} ({:#x}) to {decimals}",
                v.to_bits()
            );
        }
        if v.is_finite() {
            let shortest = Decimal::exact(v.abs()).shortest(v.abs()).written();
            assert_eq!(shortest, v.abs().to_string(), "{v:e}");
        }
    }

    #[test]
    fn the_same_text_as_core_fmt() {
        let mut rng = Lcg(7);
        // Any bits: every exponent, subnormals included.
        for _ in 0..3_000 {
            let v = f64::from_bits(rng.next());
            same_as_reference(v);
        }
        // Values as reports hold them and as rules compute them: written decimals, quotients,
        // percentages, halves (ties), powers of two and ten and their neighbours.
        for _ in 0..10_000 {
            let a = (rng.next() % 100_000_000) as f64;
            let scale = 10f64.powi((rng.next() % 9) as i32);
            let b = 1.0 + (rng.next() % 10_000) as f64;
            for v in [
                a / scale,
                a / b,
                a * 100.0 / b,
                (a + 0.5) / scale,
                -a / scale,
            ] {
                same_as_reference(v);
            }
        }
        for k in -1074..1024 {
            let v = 2f64.powi(k);
            for w in [
                v,
                f64::from_bits(v.to_bits() + 1),
                f64::from_bits(v.to_bits().saturating_sub(1)),
            ] {
                same_as_reference(w);
            }
        }
        for k in -30..30 {
            let v = 10f64.powi(k);
            for w in [
                v,
                f64::from_bits(v.to_bits() + 1),
                f64::from_bits(v.to_bits() - 1),
                9.5 * v,
                0.95 * v,
                0.999_95 * v,
            ] {
                same_as_reference(w);
            }
        }
        for v in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            1e21,
            1e22,
            1e23,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same_as_reference(v);
        }
    }

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
