//! Numbers written as a person writes them, for messages and suggestions, and decimals read.
//!
//! Rust prints an `f64` as the shortest decimal that reads back as the same float, which shows
//! the float's error when the value was computed (`18651.06 / 10000.0` prints
//! `1.8651060000000002`). Here a value is written with at most a fixed number of decimals, and
//! trailing zeros dropped: a computed amount reads `1.8651`, a written one keeps its digits.
//!
//! Both directions are written here rather than taken from `core` (`{}`/`{:.N}` of an `f64`,
//! `str::parse::<f64>`): the standard library's float printing and parsing are 12 KB and 16 KB
//! of the page's module (Grisu, Dragon, and a 10 KB table of powers of five), and the checker
//! needs only a few numbers in messages and the decimals of a report. Exact arithmetic on a
//! small big integer (`big.rs`) is slower but gives the same results.
//!
//! Invariant: [`decimal`] writes what `to_string`/`{:.N}` trimmed writes, and [`parse`] reads
//! what `str::parse::<f64>` reads, for every input; the tests compare them.

mod big;

use big::Big;
use std::cmp::Ordering;

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
/// first, the way Dragon4 does, reading each back as [`parse`] reads (correctly rounded).
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
        let mut n = Big::from_u64(m);
        if e >= 0 {
            n.shl(e.unsigned_abs());
        } else {
            n.mul_pow5(e.unsigned_abs());
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

    /// Whether this decimal reads as `v` (rounded to the nearest `f64`, as [`parse`] reads).
    fn reads_as(&self, v: f64) -> bool {
        let exponent = i64::from(self.point) - self.digits.len() as i64;
        nearest(self.digits.clone(), exponent) == v
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

/// Reads `s` as `str::parse::<f64>` does, with the same result for every string: an optional
/// sign, then `inf`, `infinity` or `nan` in any case, or digits with at most one point (and a
/// digit before or after it) and an optional exponent (`e` or `E`, a sign, digits); rounded
/// to the nearest `f64`, half to even. `None` for anything else, as `parse` errs.
pub fn parse(s: &str) -> Option<f64> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let value = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        let (digits, exponent) = decimal_parts(body.as_bytes())?;
        nearest(digits, exponent)
    };
    Some(if negative { -value } else { value })
}

/// The most significant digits kept when reading: a decimal halfway between two `f64`s has at
/// most 767, so the digits beyond can only say "a little more", which one more digit says.
const KEPT_DIGITS: usize = 800;

/// The digits (leading zeros dropped, at most [`KEPT_DIGITS`] and one for the rest) and the
/// exponent of the value `digits · 10^exponent` that `text` writes, if it is a decimal.
fn decimal_parts(text: &[u8]) -> Option<(Vec<u8>, i64)> {
    let mut digits = Vec::new();
    let mut exponent: i64 = 0;
    let mut dropped = false;
    let mut seen = false;
    let mut rest = text;
    let mut point = false;
    while let Some((&b, tail)) = rest.split_first() {
        match b {
            b'0'..=b'9' => {
                seen = true;
                let d = b - b'0';
                if digits.is_empty() && d == 0 {
                    exponent -= i64::from(point);
                } else if digits.len() < KEPT_DIGITS {
                    digits.push(d);
                    exponent -= i64::from(point);
                } else {
                    dropped |= d != 0;
                    exponent += i64::from(!point);
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        rest = tail;
    }
    if !seen {
        return None;
    }
    if let Some((&(b'e' | b'E'), tail)) = rest.split_first() {
        let (sign, tail) = match tail.split_first() {
            Some((b'-', t)) => (-1, t),
            Some((b'+', t)) => (1, t),
            _ => (1, tail),
        };
        if tail.is_empty() {
            return None;
        }
        let mut written: i64 = 0;
        for &b in tail {
            if !b.is_ascii_digit() {
                return None;
            }
            // Far beyond any f64: saturate rather than overflow.
            written = (written * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        exponent += sign * written;
        rest = &[];
    }
    if !rest.is_empty() {
        return None;
    }
    if dropped {
        digits.push(1);
        exponent -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    Some((digits, exponent))
}

/// Powers of ten an `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The `f64` nearest `digits · 10^exponent` (half to even). Up to 15 digits and a power of ten
/// an `f64` holds, one multiplication or division rounds once, so exactly (Clinger's fast
/// path); else by exact integers.
fn nearest(digits: Vec<u8>, exponent: i64) -> f64 {
    let len = digits.len() as i64;
    if digits.is_empty() || len + exponent < -330 {
        return 0.0;
    }
    if len + exponent > 310 {
        return f64::INFINITY;
    }
    if let (true, Some(&power)) = (
        len <= 15,
        EXACT_POWERS.get(exponent.unsigned_abs() as usize),
    ) {
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d)) as f64;
        return if exponent < 0 { w / power } else { w * power };
    }
    let mut num = Big::from_u64(0);
    for &d in &digits {
        num.mul_add(10, u32::from(d));
    }
    let mut den = Big::from_u64(1);
    // Within ±1200 by the bounds above.
    let scale = exponent.unsigned_abs() as u32;
    if exponent >= 0 {
        num.mul_pow5(scale);
        num.shl(scale);
    } else {
        den.mul_pow5(scale);
        den.shl(scale);
    }
    nearest_ratio(num, den)
}

/// The `f64` nearest `num / den` (both non-zero), half to even.
fn nearest_ratio(mut num: Big, mut den: Big) -> f64 {
    // 2^k ≤ num/den < 2^(k+1).
    let mut k = i64::from(num.bits()) - i64::from(den.bits());
    if shifted(&num, &den, k) == Ordering::Less {
        k -= 1;
    }
    // The value is m · 2^q with 53 bits of m, fewer below the normal range.
    let q = (k - 52).max(-1074);
    if q >= 0 {
        den.shl(q as u32);
    } else {
        num.shl(q.unsigned_abs() as u32);
    }
    // m = num / den < 2^53, one bit at a time.
    let mut m: u64 = 0;
    let mut part = den.clone();
    part.shl(53);
    for bit in (0..54).rev() {
        if num >= part {
            num.sub(&part);
            m |= 1 << bit;
        }
        part.half();
    }
    num.shl(1);
    let up = match num.partial_cmp(&den) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => m % 2 == 1,
        _ => false,
    };
    let (mut m, mut q) = (m + u64::from(up), q);
    if m == 1 << 53 {
        m >>= 1;
        q += 1;
    }
    if m < 1 << 52 {
        // Below the normal range: q is -1074, the exponent field 0.
        return f64::from_bits(m);
    }
    let field = q + 1075;
    if field >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((field as u64) << 52) | (m - (1 << 52)))
}

/// `num` against `den · 2^k`.
fn shifted(num: &Big, den: &Big, k: i64) -> Ordering {
    let (mut a, mut b) = (num.clone(), den.clone());
    if k >= 0 {
        b.shl(k as u32);
    } else {
        a.shl(k.unsigned_abs() as u32);
    }
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
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
        for decimals in [0, 1, 4, 8] {
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

    /// `parse` against `str::parse::<f64>`, bit for bit (NaN's sign included).
    fn reads_as_std(text: &str) {
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse(text).map(f64::to_bits), std, "{text:?}");
    }

    /// Random text of the forms a number takes, and near misses.
    fn number_text(rng: &mut Lcg) -> String {
        const PIECES: [&str; 18] = [
            "", "-", "+", ".", "e", "E", "e-", "e+", "0", "00", "5", "9", "inf", "NaN", "x", "_",
            " ", "元",
        ];
        let mut s = String::new();
        for _ in 0..rng.next() % 6 {
            match rng.next() % 4 {
                0 => s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]),
                _ => {
                    for _ in 0..rng.next() % 25 {
                        s.push(char::from(b'0' + (rng.next() % 10) as u8));
                    }
                }
            }
        }
        s
    }

    /// The decimal halfway between `v` and the next `f64` up, exactly, and its neighbours in
    /// the last digit: where rounding half to even decides.
    fn halfway_texts(v: f64) -> Vec<String> {
        let bits = v.to_bits();
        let field = ((bits >> 52) & 0x7ff) as i64;
        let m = if field == 0 {
            bits & ((1 << 52) - 1)
        } else {
            (bits & ((1 << 52) - 1)) | (1 << 52)
        };
        let e = if field == 0 { -1074 } else { field - 1075 };
        // (2m + 1) · 2^(e - 1).
        let mut n = Big::from_u64(2 * m + 1);
        let exponent = if e > 0 {
            n.shl((e - 1) as u32);
            0
        } else {
            n.mul_pow5((1 - e) as u32);
            e - 1
        };
        let digits: String = n.digits().iter().map(|&d| char::from(b'0' + d)).collect();
        let mut out = vec![format!("{digits}e{exponent}")];
        let last = digits.len() - 1;
        let d = digits.as_bytes()[last];
        if d > b'0' {
            out.push(format!(
                "{}{}e{exponent}",
                &digits[..last],
                char::from(d - 1)
            ));
        }
        out.push(format!("{digits}1e{}", exponent - 1));
        out
    }

    #[test]
    fn reads_what_str_parse_reads() {
        let mut rng = Lcg(11);
        for text in [
            "",
            ".",
            "-",
            "+",
            "1",
            "-0",
            "+0.0",
            "1.",
            ".5",
            "1.e5",
            ".e5",
            "1e",
            "1e+",
            "e5",
            "inf",
            "-Infinity",
            "+nan",
            "-NaN",
            "infin",
            "nan1",
            "1_0",
            " 1",
            "1 ",
            "0x10",
            "1e400",
            "1e-400",
            "1e99999999999999999999",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "0.1",
            "1.2.3",
        ] {
            reads_as_std(text);
        }
        for _ in 0..20_000 {
            reads_as_std(&number_text(&mut rng));
        }
        for _ in 0..3_000 {
            let v = f64::from_bits(rng.next()).abs();
            if v.is_finite() {
                for text in halfway_texts(v) {
                    reads_as_std(&text);
                }
                reads_as_std(&format!("{v:e}"));
                reads_as_std(&format!("{v:.3e}"));
            }
        }
        // Long digit strings: beyond the digits kept, and around halfway.
        let long = "1".repeat(900);
        reads_as_std(&long);
        reads_as_std(&format!("0.{long}"));
        reads_as_std(&format!("{}5{}", "0".repeat(10), "0".repeat(900)));
    }

    #[test]
    fn the_same_text_as_core_fmt() {
        let mut rng = Lcg(7);
        // Any bits: every exponent, subnormals included.
        for _ in 0..1_000 {
            let v = f64::from_bits(rng.next());
            same_as_reference(v);
        }
        // Values as reports hold them and as rules compute them: written decimals, quotients,
        // percentages, halves (ties), powers of two and ten and their neighbours.
        for _ in 0..4_000 {
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
    }

    #[test]
    fn the_same_text_as_core_fmt_at_powers_of_two() {
        for k in -1074..1024 {
            let v = 2f64.powi(k);
            for w in [v, f64::from_bits(v.to_bits().saturating_sub(1))] {
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
