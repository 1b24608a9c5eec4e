//! Exact decimals for the slow path (`inf.Dec` in apimachinery's
//! `amount.go`): sign, base-10 digits and a power-of-ten exponent, with
//! Go's wrapping conversions where Kubernetes uses them.

use super::*;

pub(super) type Digits = Vec<u8>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Exact {
    pub(super) neg: bool,
    pub(super) mag: Digits,
    pub(super) exp: i64,
}

pub(super) fn strip_leading(d: &mut Digits) {
    let n = d.iter().take_while(|&&c| c == 0).count();
    if n > 0 {
        d.drain(..n);
    }
}

/// Removes trailing zeros, returning how many were removed (0 for zero).
pub(super) fn strip_trailing(d: &mut Digits) -> i64 {
    let n = d.iter().rev().take_while(|&&c| c == 0).count();
    if n == d.len() {
        d.clear();
        return 0;
    }
    d.truncate(d.len() - n);
    n as i64
}

pub(super) fn digits_of_u128(mut v: u128) -> Digits {
    let mut out = Vec::new();
    while v > 0 {
        out.push((v % 10) as u8);
        v /= 10;
    }
    out.reverse();
    out
}

pub(super) fn digits_of_ascii(s: &[u8]) -> Digits {
    let mut d: Digits = s
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|c| c - b'0')
        .collect();
    strip_leading(&mut d);
    d
}

pub(super) fn digits_to_string(d: &[u8]) -> String {
    if d.is_empty() {
        return "0".to_string();
    }
    d.iter().map(|&c| (b'0' + c) as char).collect()
}

/// Compares two magnitudes without leading zeros.
pub(super) fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

pub(super) fn add_digits(a: &[u8], b: &[u8]) -> Digits {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let (mut i, mut j, mut carry) = (a.len(), b.len(), 0u8);
    while i > 0 || j > 0 || carry > 0 {
        let mut s = carry;
        if i > 0 {
            i -= 1;
            s += a[i];
        }
        if j > 0 {
            j -= 1;
            s += b[j];
        }
        out.push(s % 10);
        carry = s / 10;
    }
    out.reverse();
    strip_leading(&mut out);
    out
}

/// `a - b` for `a >= b`.
pub(super) fn sub_digits(a: &[u8], b: &[u8]) -> Digits {
    let mut out = Vec::with_capacity(a.len());
    let (mut i, mut j, mut borrow) = (a.len(), b.len(), 0i8);
    while i > 0 {
        i -= 1;
        let mut s = a[i] as i8 - borrow;
        if j > 0 {
            j -= 1;
            s -= b[j] as i8;
        }
        if s < 0 {
            s += 10;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out.push(s as u8);
    }
    out.reverse();
    strip_leading(&mut out);
    out
}

pub(super) fn mul_small(a: &[u8], m: u64) -> Digits {
    let mut out = Vec::with_capacity(a.len() + 20);
    let mut carry: u128 = 0;
    for &c in a.iter().rev() {
        let v = c as u128 * m as u128 + carry;
        out.push((v % 10) as u8);
        carry = v / 10;
    }
    while carry > 0 {
        out.push((carry % 10) as u8);
        carry /= 10;
    }
    out.reverse();
    strip_leading(&mut out);
    out
}

pub(super) fn divmod_small(a: &[u8], d: u64) -> (Digits, u64) {
    let mut out = Vec::with_capacity(a.len());
    let mut rem: u128 = 0;
    for &c in a {
        let v = rem * 10 + c as u128;
        out.push((v / d as u128) as u8);
        rem = v % d as u128;
    }
    strip_leading(&mut out);
    (out, rem as u64)
}

pub(super) fn increment(d: &mut Digits) {
    for c in d.iter_mut().rev() {
        if *c == 9 {
            *c = 0;
        } else {
            *c += 1;
            return;
        }
    }
    d.insert(0, 1);
}

/// The low 64 bits of the magnitude (`low64(x.abs)` in math/big).
pub(super) fn low64(d: &[u8]) -> u64 {
    d.iter()
        .fold(0u64, |acc, &c| acc.wrapping_mul(10).wrapping_add(c as u64))
}

/// `10^k mod 2^64`.
pub(super) fn pow10_mod64(k: i64) -> u64 {
    if k >= 64 {
        0 // 2^k divides 10^k
    } else if k <= 0 {
        1
    } else {
        10u64.wrapping_pow(k as u32)
    }
}

/// `big.Int.Int64()` of `±mag × 10^zeros`: the low 64 bits, negated for a
/// negative value.
pub(super) fn wrap_int64(neg: bool, mag: &[u8], zeros: i64) -> i64 {
    let v = low64(mag).wrapping_mul(pow10_mod64(zeros)) as i64;
    if neg {
        v.wrapping_neg()
    } else {
        v
    }
}

impl Exact {
    pub(super) fn zero() -> Exact {
        Exact {
            neg: false,
            mag: Vec::new(),
            exp: 0,
        }
    }

    /// `±digits × 10^exp`, normalized.
    pub(super) fn new(neg: bool, mut mag: Digits, exp: i64) -> Exact {
        strip_leading(&mut mag);
        if mag.is_empty() {
            return Exact::zero();
        }
        let tz = strip_trailing(&mut mag);
        Exact {
            neg,
            mag,
            exp: exp.saturating_add(tz),
        }
    }

    pub(super) fn from_int(value: i64, scale: i64) -> Exact {
        Exact::new(
            value < 0,
            digits_of_u128(value.unsigned_abs() as u128),
            scale,
        )
    }

    pub(super) fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub(super) fn sign(&self) -> i32 {
        if self.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    pub(super) fn is_integer(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// Position of the most significant digit: `10^(order-1) <= |x| < 10^order`.
    pub(super) fn order(&self) -> i64 {
        (self.mag.len() as i64).saturating_add(self.exp)
    }

    pub(super) fn cmp_abs(&self, o: &Exact) -> Ordering {
        match (self.is_zero(), o.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        self.order().cmp(&o.order()).then_with(|| {
            // Same order: compare digit by digit; with no trailing zeros, a
            // longer digit string with an equal prefix is larger.
            self.mag.cmp(&o.mag)
        })
    }

    pub(super) fn cmp(&self, o: &Exact) -> Ordering {
        match self.sign().cmp(&o.sign()) {
            Ordering::Equal => {}
            other => return other,
        }
        let abs = self.cmp_abs(o);
        if self.neg {
            abs.reverse()
        } else {
            abs
        }
    }

    pub(super) fn neg(mut self) -> Exact {
        if !self.is_zero() {
            self.neg = !self.neg;
        }
        self
    }

    pub(super) fn add(&self, o: &Exact) -> Exact {
        if self.is_zero() {
            return o.clone();
        }
        if o.is_zero() {
            return self.clone();
        }
        let e = self.exp.min(o.exp);
        let width = self.order().max(o.order()).saturating_sub(e);
        if width > MAX_DIGITS as i64 {
            // Writing the sum out would take more than MAX_DIGITS digits
            // (e.g. 1e999999999 + 1m). The orders differ by more than the
            // operands' lengths, so drop the far smaller operand.
            return if self.order() >= o.order() {
                self.clone()
            } else {
                o.clone()
            };
        }
        let widen = |x: &Exact| {
            let mut d = x.mag.clone();
            d.resize(d.len() + (x.exp - e) as usize, 0);
            d
        };
        let (a, b) = (widen(self), widen(o));
        if self.neg == o.neg {
            return Exact::new(self.neg, add_digits(&a, &b), e);
        }
        match cmp_digits(&a, &b) {
            Ordering::Equal => Exact::zero(),
            Ordering::Greater => Exact::new(self.neg, sub_digits(&a, &b), e),
            Ordering::Less => Exact::new(o.neg, sub_digits(&b, &a), e),
        }
    }

    /// The digits of an integer value (`exp >= 0`), zeros written out.
    pub(super) fn integer_digits(&self) -> Digits {
        let mut d = self.mag.clone();
        if !d.is_empty() && self.exp > 0 {
            d.resize(d.len() + self.exp as usize, 0);
        }
        d
    }

    /// `ceil(x × 10^shift)`, exactly, as a decimal string; `None` when it
    /// would have more than `MAX_DIGITS` digits.
    pub(super) fn ceil_shifted_string(&self, shift: i64) -> Option<String> {
        if self.is_zero() {
            return Some("0".to_string());
        }
        let e = self.exp.saturating_add(shift);
        if self.order().saturating_add(shift) > MAX_DIGITS as i64 {
            return None;
        }
        let mut d;
        if e >= 0 {
            d = self.mag.clone();
            d.resize(d.len() + e as usize, 0);
        } else {
            // Dropped digits include the last one, which is non-zero.
            let drop = e.unsigned_abs();
            d = if drop >= self.mag.len() as u64 {
                Vec::new()
            } else {
                self.mag[..self.mag.len() - drop as usize].to_vec()
            };
            if !self.neg {
                increment(&mut d);
            }
        }
        if d.is_empty() {
            return Some("0".to_string());
        }
        Some(sign_prefix(self.neg, digits_to_string(&d)))
    }
}
