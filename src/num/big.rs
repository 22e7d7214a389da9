//! A non-negative big integer, just large and just fast enough to write an `f64` exactly and to
//! read a decimal exactly: multiplication by small numbers and powers of 2 and 5, subtraction,
//! comparison, and division by a small number for the decimal digits. Values stay below about
//! 10^1200 (the parser bounds the exponents it gets this far with), so the quadratic algorithms
//! are fast enough.

use std::cmp::Ordering;

/// Base 2³², lowest limb first, no high zero limbs: zero has none.
#[derive(Clone, Debug)]
pub(super) struct Big(Vec<u32>);

impl Big {
    pub(super) fn from_u64(n: u64) -> Big {
        let mut big = Big(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// `self · factor + add`.
    pub(super) fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self · 5^exponent`, thirteen fives at a time (5¹³ < 2³²).
    pub(super) fn mul_pow5(&mut self, mut exponent: u32) {
        while exponent > 0 {
            let k = exponent.min(13);
            self.mul_add(5u32.pow(k), 0);
            exponent -= k;
        }
    }

    /// `self · 2^bits`.
    pub(super) fn shl(&mut self, bits: u32) {
        if self.is_zero() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let wide = (u64::from(*limb) << bits) | carry;
                *limb = wide as u32;
                carry = wide >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        if limbs > 0 {
            let mut shifted = vec![0; limbs];
            shifted.append(&mut self.0);
            self.0 = shifted;
        }
    }

    /// `self / 2`, rounded down.
    pub(super) fn half(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let low = *limb & 1;
            *limb = (*limb >> 1) | (carry << 31);
            carry = low;
        }
        self.trim();
    }

    /// `self - other`, which must not be larger.
    pub(super) fn sub(&mut self, other: &Big) {
        let mut borrow = 0;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let take = u64::from(other.0.get(i).copied().unwrap_or(0)) + borrow;
            let (value, under) = u64::from(*limb).overflowing_sub(take);
            *limb = value as u32;
            borrow = u64::from(under);
        }
        self.trim();
    }

    /// Divides by `divisor` and returns the remainder.
    pub(super) fn div_rem(&mut self, divisor: u32) -> u32 {
        let mut rest = 0u64;
        for limb in self.0.iter_mut().rev() {
            let wide = (rest << 32) | u64::from(*limb);
            *limb = (wide / u64::from(divisor)) as u32;
            rest = wide % u64::from(divisor);
        }
        self.trim();
        rest as u32
    }

    /// The number of bits: the position of the highest one, plus one.
    pub(super) fn bits(&self) -> u32 {
        self.0
            .last()
            .map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    /// The decimal digits (0–9), most significant first; none for zero.
    pub(super) fn digits(&self) -> Vec<u8> {
        let mut rest = self.clone();
        let mut reversed = Vec::new();
        while !rest.is_zero() {
            let mut piece = rest.div_rem(1_000_000_000);
            for _ in 0..9 {
                reversed.push((piece % 10) as u8);
                piece /= 10;
            }
        }
        while reversed.last() == Some(&0) {
            reversed.pop();
        }
        reversed.reverse();
        reversed
    }
}

impl PartialEq for Big {
    fn eq(&self, other: &Big) -> bool {
        self.0 == other.0
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(
            self.0
                .len()
                .cmp(&other.0.len())
                .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Big;

    #[test]
    fn arithmetic_against_u128() {
        let mut s = 1u64;
        for _ in 0..2000 {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let a = s >> (s % 64);
            let b = u64::from((s >> 7) as u32 | 1);
            let bits = (s % 60) as u32;
            let mut x = Big::from_u64(a);
            x.shl(bits);
            let want = u128::from(a) << bits;
            assert_eq!(x.digits(), digits(want), "{a} << {bits}");
            assert_eq!(x.bits(), 128 - want.leading_zeros());
            let mut y = Big::from_u64(a);
            y.mul_add(b as u32, 7);
            let product = u128::from(a) * u128::from(b) + 7;
            assert_eq!(y.digits(), digits(product));
            let mut h = y.clone();
            h.half();
            assert_eq!(h.digits(), digits(product / 2));
            let mut z = y.clone();
            z.sub(&Big::from_u64(a));
            assert_eq!(z.digits(), digits(product - u128::from(a)));
            assert!(Big::from_u64(a) <= y && (a == 0 || z < y));
            let mut q = y.clone();
            let r = q.div_rem(b as u32);
            assert_eq!(
                (q.digits(), u128::from(r)),
                (digits(product / u128::from(b)), product % u128::from(b))
            );
        }
        let mut p = Big::from_u64(3);
        p.mul_pow5(20);
        assert_eq!(p.digits(), digits(3 * 5u128.pow(20)));
    }

    fn digits(n: u128) -> Vec<u8> {
        if n == 0 {
            return Vec::new();
        }
        n.to_string().bytes().map(|b| b - b'0').collect()
    }
}
