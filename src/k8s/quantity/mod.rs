//! `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource): parsing,
//! canonical form, and the int64 `MilliValue()` / `Value()` results.
//!
//! This follows the Kubernetes code path by path, because the results
//! users see depend on which path a quantity took:
//!
//! - **int64 fast path** (`int64Amount`): a parsed number with at most 18
//!   significant digits (BinarySI: fewer, see [`Quantity::parse`]) and an
//!   exponent of at least `-9` is kept as `value × 10^scale` in an `i64`.
//!   `Value()` / `MilliValue()` then scale it with Kubernetes' int64 helpers,
//!   which wrap around (`1Ei` has a `MilliValue()` of `i64::MIN`) or return 0
//!   (`1E` has a `MilliValue()` of 0) on overflow, and round *away from zero*
//!   (`-1.5` has a `Value()` of -2).
//! - **inf.Dec slow path**: anything else becomes an arbitrary-precision
//!   decimal, rounded *up* (away from zero) to a whole number of nanos and
//!   kept with 9 decimal places (`-0.1n` becomes `-1n`). BinarySI values are
//!   capped at `2^63 - 1` (`16Ei` becomes `9223372036854775807`).
//!   `Value()` / `MilliValue()` go through `scaledValue`, which converts the
//!   big unscaled integer with Go's wrapping `big.Int.Int64()`; negative
//!   values always take its int64 shortcut, so `-1.5` on this path rounds
//!   *towards* zero and `-9223372036854775808` has a `Value()` of 0.
//! - **canonical form** (`String()`): exponent (or suffix) as large as
//!   possible without losing precision, in multiples of 3 (base 10) or of
//!   1024 (BinarySI, only for whole numbers of magnitude at least 1024).
//!   DecimalSI has no suffix beyond `E` (10^18): a larger exponent is printed
//!   with no suffix at all, as Kubernetes does. When the fast path finds the
//!   input already canonical-looking, Kubernetes keeps the input text as is,
//!   sign and leading zeros included (`+01Ki` stays `+01Ki`).
//!
//! The decimal arithmetic here is exact (a base-10 digit vector plus an
//! exponent); no input panics.

use std::cmp::Ordering;
use std::fmt;

/// How a quantity is written back (`String()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    DecimalExponent,
    BinarySI,
    DecimalSI,
}

impl Format {
    /// The Kubernetes name (`"DecimalSI"`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::DecimalExponent => "DecimalExponent",
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The regular expression Kubernetes quotes in its format error.
pub const SPLIT_RE: &str = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
/// `ErrFormatWrong`.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `ErrNumeric`.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";
/// `ErrSuffix`.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

/// `resource.Scale` values (power-of-ten exponents) for [`Quantity::scaled_value`].
pub const NANO: i32 = -9;
pub const MICRO: i32 = -6;
pub const MILLI: i32 = -3;
pub const KILO: i32 = 3;
pub const MEGA: i32 = 6;
pub const GIGA: i32 = 9;
pub const TERA: i32 = 12;
pub const PETA: i32 = 15;
pub const EXA: i32 = 18;

/// `maxInt64Factors`: the most decimal digits the int64 fast path accepts.
const MAX_INT64_FACTORS: i64 = 18;
const MOST_NEGATIVE: i64 = i64::MIN;
/// Exact arithmetic writes numbers out digit by digit; beyond this many
/// digits (only reachable with exponents in the millions) `add`, `sub` and
/// BinarySI printing approximate instead of exhausting memory.
const MAX_DIGITS: usize = 1 << 20;

/// A Kubernetes `resource.Quantity`.
///
/// Equality and ordering compare the exact values (`Cmp`), ignoring the
/// format, like Go's `Quantity.Equal`.
#[derive(Debug, Clone)]
pub struct Quantity {
    amount: Amount,
    format: Format,
    /// The cached `String()` (`q.s`): set by `ParseQuantity` when the input
    /// was already in canonical form, and then printed verbatim.
    s: Option<String>,
}

#[derive(Debug, Clone)]
enum Amount {
    /// `int64Amount`: `value × 10^scale`.
    Int { value: i64, scale: i32 },
    /// `infDecAmount`.
    Dec(Dec),
}

/// An `inf.Dec`: the exact value plus the inf scale (digits after the
/// decimal point of its unscaled integer), which `scaledValue` depends on.
/// Invariant: `x.exp + scale >= 0` (the unscaled value is an integer).
#[derive(Debug, Clone)]
struct Dec {
    x: Exact,
    scale: i64,
}

/// Parse errors, with Kubernetes' messages (`quantities must match the
/// regular expression '...'`, `unable to parse quantity's suffix`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityError(pub String);

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QuantityError {}

fn err(msg: &str) -> QuantityError {
    QuantityError(msg.to_string())
}

// ---------------------------------------------------------------------------
// Exact decimals: sign, base-10 digits (most significant first, no leading
// or trailing zeros; empty for zero) and a power-of-ten exponent.

type Digits = Vec<u8>;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Exact {
    neg: bool,
    mag: Digits,
    exp: i64,
}

fn strip_leading(d: &mut Digits) {
    let n = d.iter().take_while(|&&c| c == 0).count();
    if n > 0 {
        d.drain(..n);
    }
}

/// Removes trailing zeros, returning how many were removed (0 for zero).
fn strip_trailing(d: &mut Digits) -> i64 {
    let n = d.iter().rev().take_while(|&&c| c == 0).count();
    if n == d.len() {
        d.clear();
        return 0;
    }
    d.truncate(d.len() - n);
    n as i64
}

fn digits_of_u128(mut v: u128) -> Digits {
    let mut out = Vec::new();
    while v > 0 {
        out.push((v % 10) as u8);
        v /= 10;
    }
    out.reverse();
    out
}

fn digits_of_ascii(s: &[u8]) -> Digits {
    let mut d: Digits = s
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|c| c - b'0')
        .collect();
    strip_leading(&mut d);
    d
}

fn digits_to_string(d: &[u8]) -> String {
    if d.is_empty() {
        return "0".to_string();
    }
    d.iter().map(|&c| (b'0' + c) as char).collect()
}

/// Compares two magnitudes without leading zeros.
fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn add_digits(a: &[u8], b: &[u8]) -> Digits {
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
fn sub_digits(a: &[u8], b: &[u8]) -> Digits {
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

fn mul_small(a: &[u8], m: u64) -> Digits {
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

fn divmod_small(a: &[u8], d: u64) -> (Digits, u64) {
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

fn increment(d: &mut Digits) {
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
fn low64(d: &[u8]) -> u64 {
    d.iter()
        .fold(0u64, |acc, &c| acc.wrapping_mul(10).wrapping_add(c as u64))
}

/// `10^k mod 2^64`.
fn pow10_mod64(k: i64) -> u64 {
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
fn wrap_int64(neg: bool, mag: &[u8], zeros: i64) -> i64 {
    let v = low64(mag).wrapping_mul(pow10_mod64(zeros)) as i64;
    if neg {
        v.wrapping_neg()
    } else {
        v
    }
}

impl Exact {
    fn zero() -> Exact {
        Exact {
            neg: false,
            mag: Vec::new(),
            exp: 0,
        }
    }

    /// `±digits × 10^exp`, normalized.
    fn new(neg: bool, mut mag: Digits, exp: i64) -> Exact {
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

    fn from_int(value: i64, scale: i64) -> Exact {
        Exact::new(
            value < 0,
            digits_of_u128(value.unsigned_abs() as u128),
            scale,
        )
    }

    fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    fn sign(&self) -> i32 {
        if self.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    fn is_integer(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// Position of the most significant digit: `10^(order-1) <= |x| < 10^order`.
    fn order(&self) -> i64 {
        (self.mag.len() as i64).saturating_add(self.exp)
    }

    fn cmp_abs(&self, o: &Exact) -> Ordering {
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

    fn cmp(&self, o: &Exact) -> Ordering {
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

    fn neg(mut self) -> Exact {
        if !self.is_zero() {
            self.neg = !self.neg;
        }
        self
    }

    fn add(&self, o: &Exact) -> Exact {
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
    fn integer_digits(&self) -> Digits {
        let mut d = self.mag.clone();
        if !d.is_empty() && self.exp > 0 {
            d.resize(d.len() + self.exp as usize, 0);
        }
        d
    }

    /// `ceil(x × 10^shift)`, exactly, as a decimal string; `None` when it
    /// would have more than `MAX_DIGITS` digits.
    fn ceil_shifted_string(&self, shift: i64) -> Option<String> {
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

// ---------------------------------------------------------------------------
// Kubernetes' int64 helpers (math.go, amount.go), with their overflow
// behaviour.

/// `int64Multiply`.
fn int64_multiply(a: i64, b: i64) -> Option<i64> {
    if a == 0 || b == 0 || a == 1 || b == 1 {
        return Some(a.wrapping_mul(b));
    }
    if a == MOST_NEGATIVE || b == MOST_NEGATIVE {
        return None;
    }
    let c = a.wrapping_mul(b);
    if c.wrapping_div(b) == a {
        Some(c)
    } else {
        None
    }
}

/// `int64MultiplyScale` (b > 1): the wrapped product and whether it fits.
fn int64_multiply_scale(a: i64, b: i64) -> (i64, bool) {
    if a == 0 || a == 1 {
        return (a.wrapping_mul(b), true);
    }
    if a == MOST_NEGATIVE && b != 1 {
        return (0, false);
    }
    let c = a.wrapping_mul(b);
    (c, c.wrapping_div(b) == a)
}

/// `positiveScaleInt64`: `base × 10^scale`. On overflow the 1, 2, 3, 6 and
/// 9 cases return the wrapped product, the others 0; a negative scale
/// (possible after int32 wrap-around) leaves `base` unchanged.
fn positive_scale_int64(base: i64, scale: i32) -> (i64, bool) {
    match scale {
        0 => (base, true),
        1 => int64_multiply_scale(base, 10),
        2 => int64_multiply_scale(base, 100),
        3 => int64_multiply_scale(base, 1000),
        6 => int64_multiply_scale(base, 1_000_000),
        9 => int64_multiply_scale(base, 1_000_000_000),
        _ => {
            if base == 0 {
                return (0, true);
            }
            let mut value = base;
            let mut i = 0i32;
            while i < scale {
                let (c, ok) = int64_multiply_scale(value, 10);
                if !ok {
                    return (0, false);
                }
                value = c;
                i += 1;
            }
            (value, true)
        }
    }
}

/// `negativeScaleInt64`: `base / 10^scale`, rounded away from zero.
fn negative_scale_int64(base: i64, scale: i32) -> (i64, bool) {
    if scale == 0 {
        return (base, true);
    }
    let mut value = base;
    let mut fraction = false;
    let mut i = 0i32;
    while i < scale {
        if !fraction && value % 10 != 0 {
            fraction = true;
        }
        value /= 10;
        if value == 0 {
            if fraction {
                return (if base > 0 { 1 } else { -1 }, false);
            }
            return (0, true);
        }
        i += 1;
    }
    if fraction {
        if base > 0 {
            value += 1;
        } else {
            value -= 1;
        }
    }
    (value, !fraction)
}

/// `int64Amount.AsScaledInt64`.
fn as_scaled_int64(value: i64, scale: i32, target: i32) -> (i64, bool) {
    if scale < target {
        (
            negative_scale_int64(value, target.wrapping_sub(scale)).0,
            true,
        )
    } else {
        positive_scale_int64(value, scale.wrapping_sub(target))
    }
}

/// `removeInt64Factors`.
fn remove_int64_factors(value: i64, base: i64) -> (i64, i32) {
    let mut times = 0i32;
    let negative = value < 0;
    let mut result = if negative {
        value.wrapping_neg()
    } else {
        value
    };
    while result >= base && result % base == 0 {
        times += 1;
        result /= base;
    }
    if negative {
        result = result.wrapping_neg();
    }
    (result, times)
}

/// `int64Amount.Add`: false (and `a` unchanged) when the int64 path cannot
/// hold the sum.
fn int_add(a: &mut (i64, i32), b: (i64, i32)) -> bool {
    if b.0 == 0 {
        return true;
    }
    if a.0 == 0 {
        *a = b;
        return true;
    }
    if a.1 == b.1 {
        match a.0.checked_add(b.0) {
            Some(c) => a.0 = c,
            None => return false,
        }
    } else if a.1 > b.1 {
        let (c, ok) = positive_scale_int64(a.0, a.1.wrapping_sub(b.1));
        if !ok {
            return false;
        }
        match c.checked_add(b.0) {
            Some(c) => *a = (c, b.1),
            None => return false,
        }
    } else {
        let (c, ok) = positive_scale_int64(b.0, b.1.wrapping_sub(a.1));
        if !ok {
            return false;
        }
        match a.0.checked_add(c) {
            Some(c) => a.0 = c,
            None => return false,
        }
    }
    true
}

/// `math.Pow10(n)` converted to int64 as Go does on amd64: out-of-range
/// floats become `i64::MIN`.
fn go_pow10_int64(n: i64) -> i64 {
    if (0..=18).contains(&n) {
        10i64.pow(n as u32)
    } else if n < 0 {
        0
    } else {
        MOST_NEGATIVE
    }
}

/// `scaledValue(unscaled, scale, newScale)` for an inf.Dec.
fn scaled_value_dec(d: &Dec, new_scale: i64) -> i64 {
    let x = &d.x;
    if x.is_zero() {
        return 0;
    }
    // unscaled = ±mag × 10^zeros
    let zeros = x.exp.saturating_add(d.scale).max(0);
    let wrapped = wrap_int64(x.neg, &x.mag, zeros);
    let dif = d.scale.saturating_sub(new_scale);
    if dif == 0 {
        return wrapped;
    }
    if dif < 0 {
        return wrapped.wrapping_mul(go_pow10_int64(dif.saturating_neg()));
    }
    // unscaled.Cmp(maxInt64) < 0: every negative value takes this shortcut.
    let below_max = x.neg || {
        let len = (x.mag.len() as i64).saturating_add(zeros);
        match len.cmp(&19) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => {
                let mut full = x.mag.clone();
                full.resize(19, 0);
                cmp_digits(&full, &digits_of_u128(i64::MAX as u128)) == Ordering::Less
            }
        }
    };
    if below_max && dif < 19 {
        let divide = 10i64.pow(dif as u32);
        let result = wrapped / divide;
        if wrapped % divide != 0 {
            return result.wrapping_add(1);
        }
        return result;
    }
    // big.Int DivMod (Euclidean: floor for a positive divisor).
    if zeros >= dif {
        return wrap_int64(x.neg, &x.mag, zeros - dif);
    }
    let drop = (dif - zeros) as u64;
    let mut t = if drop >= x.mag.len() as u64 {
        Vec::new()
    } else {
        x.mag[..x.mag.len() - drop as usize].to_vec()
    };
    // The remainder is non-zero: mag has no trailing zeros.
    if x.neg {
        increment(&mut t); // floor(-M / d) = -(trunc(M / d) + 1)
    }
    wrap_int64(x.neg, &t, 0).wrapping_add(1)
}

// ---------------------------------------------------------------------------
// Parsing (parseQuantityString, ParseQuantity, suffix.go).

struct Scanned<'a> {
    positive: bool,
    value: &'a [u8],
    num: &'a [u8],
    denom: &'a [u8],
    suffix: &'a [u8],
}

const SUFFIX_CHARS: &[u8] = b"eEinumkKMGTP";

/// `parseQuantityString`.
fn parse_quantity_string(s: &[u8]) -> Result<Scanned<'_>, QuantityError> {
    let end = s.len();
    let mut positive = true;
    let mut pos = 0;
    if pos < end {
        match s[0] {
            b'-' => {
                positive = false;
                pos += 1;
            }
            b'+' => pos += 1,
            _ => {}
        }
    }
    // strip leading zeros
    loop {
        if pos >= end {
            return Ok(Scanned {
                positive,
                value: b"0",
                num: b"0",
                denom: b"",
                suffix: b"",
            });
        }
        if s[pos] == b'0' {
            pos += 1;
        } else {
            break;
        }
    }
    // the numerator
    let mut i = pos;
    loop {
        if i >= end {
            return Ok(Scanned {
                positive,
                value: s,
                num: &s[pos..],
                denom: b"",
                suffix: b"",
            });
        }
        if !s[i].is_ascii_digit() {
            break;
        }
        i += 1;
    }
    let mut num = &s[pos..i];
    pos = i;
    if num.is_empty() {
        num = b"0";
    }
    // the denominator
    let mut denom: &[u8] = b"";
    if pos < end && s[pos] == b'.' {
        pos += 1;
        let mut i = pos;
        loop {
            if i >= end {
                return Ok(Scanned {
                    positive,
                    value: s,
                    num,
                    denom: &s[pos..],
                    suffix: b"",
                });
            }
            if !s[i].is_ascii_digit() {
                break;
            }
            i += 1;
        }
        denom = &s[pos..i];
        pos = i;
    }
    let value = &s[..pos];
    // the suffix: letters, then an optional sign and digits
    let suffix_start = pos;
    let mut i = pos;
    loop {
        if i >= end {
            return Ok(Scanned {
                positive,
                value,
                num,
                denom,
                suffix: &s[suffix_start..],
            });
        }
        if !SUFFIX_CHARS.contains(&s[i]) {
            pos = i;
            break;
        }
        i += 1;
    }
    if pos < end && (s[pos] == b'-' || s[pos] == b'+') {
        pos += 1;
    }
    let mut i = pos;
    loop {
        if i >= end {
            return Ok(Scanned {
                positive,
                value,
                num,
                denom,
                suffix: &s[suffix_start..],
            });
        }
        if !s[i].is_ascii_digit() {
            break;
        }
        i += 1;
    }
    Err(err(ERR_FORMAT_WRONG))
}

/// `strconv.ParseInt(s, 10, 64)`.
fn go_parse_int(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    if neg {
        if v > i64::MAX as u64 + 1 {
            None
        } else {
            Some((v as i64).wrapping_neg())
        }
    } else if v > i64::MAX as u64 {
        None
    } else {
        Some(v as i64)
    }
}

/// `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret(s: &[u8]) -> Option<(i32, i32, Format)> {
    use Format::*;
    Some(match s {
        b"" => (10, 0, DecimalSI),
        b"n" => (10, -9, DecimalSI),
        b"u" => (10, -6, DecimalSI),
        b"m" => (10, -3, DecimalSI),
        b"k" => (10, 3, DecimalSI),
        b"M" => (10, 6, DecimalSI),
        b"G" => (10, 9, DecimalSI),
        b"T" => (10, 12, DecimalSI),
        b"P" => (10, 15, DecimalSI),
        b"E" => (10, 18, DecimalSI),
        b"Ki" => (2, 10, BinarySI),
        b"Mi" => (2, 20, BinarySI),
        b"Gi" => (2, 30, BinarySI),
        b"Ti" => (2, 40, BinarySI),
        b"Pi" => (2, 50, BinarySI),
        b"Ei" => (2, 60, BinarySI),
        _ if s.len() > 1 && (s[0] == b'e' || s[0] == b'E') => {
            // int32(parsed): truncated, as Go does.
            (10, go_parse_int(&s[1..])? as i32, DecimalExponent)
        }
        _ => return None,
    })
}

/// `inf.Dec.SetString` on the numeric part: (negative, digits, digits
/// after the point), or `None` when there is no digit.
fn scan_dec(value: &[u8]) -> Option<(bool, Digits, usize)> {
    let (neg, rest) = match value.first() {
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, value),
    };
    if !rest.iter().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = match rest.iter().position(|&c| c == b'.') {
        Some(p) => rest.len() - p - 1,
        None => 0,
    };
    Some((neg, digits_of_ascii(rest), frac))
}

fn decimal_suffix(exponent: i32) -> Option<&'static str> {
    Some(match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => return None,
    })
}

fn binary_suffix(exponent: i32) -> Option<&'static str> {
    Some(match exponent {
        10 => "Ki",
        20 => "Mi",
        30 => "Gi",
        40 => "Ti",
        50 => "Pi",
        60 => "Ei",
        _ => return None,
    })
}

fn sign_prefix(neg: bool, digits: String) -> String {
    if neg {
        format!("-{digits}")
    } else {
        digits
    }
}

impl Quantity {
    /// `resource.ParseQuantity`.
    pub fn parse(s: &str) -> Result<Quantity, QuantityError> {
        if s.is_empty() {
            return Err(err(ERR_FORMAT_WRONG));
        }
        if s == "0" {
            return Ok(Quantity {
                amount: Amount::Int { value: 0, scale: 0 },
                format: Format::DecimalSI,
                s: Some(s.to_string()),
            });
        }
        let sc = parse_quantity_string(s.as_bytes())?;
        let (base, exponent, mut format) = interpret(sc.suffix).ok_or_else(|| err(ERR_SUFFIX))?;

        let precision: i64;
        let mut scale: i32 = 0;
        let mut mantissa: i64 = 1;
        let digits = (sc.num.len() + sc.denom.len()) as i64;
        match format {
            Format::DecimalExponent | Format::DecimalSI => {
                scale = exponent;
                precision = MAX_INT64_FACTORS - digits;
            }
            Format::BinarySI => {
                if (0..63).contains(&exponent) && sc.denom.is_empty() {
                    mantissa <<= exponent;
                    // 1Mi (2^20) has ~6 digits of decimal precision
                    precision = 15 - sc.num.len() as i64 - (exponent as i64 * 3 / 10) - 1;
                } else {
                    precision = -1;
                }
            }
        }

        if precision >= 0 {
            scale = scale.wrapping_sub(sc.denom.len() as i32);
            if scale >= NANO {
                let mut shifted = sc.num.to_vec();
                shifted.extend_from_slice(sc.denom);
                let value = go_parse_int(&shifted).ok_or_else(|| err(ERR_NUMERIC))?;
                if let Some(mut result) = int64_multiply(value, mantissa) {
                    if !sc.positive {
                        result = result.wrapping_neg();
                    }
                    // If the number is in canonical form, keep the string.
                    let canonical = match format {
                        Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
                        _ => {
                            scale % 3 == 0
                                && !shifted.ends_with(b"000")
                                && shifted.first() != Some(&b'0')
                        }
                    };
                    return Ok(Quantity {
                        amount: Amount::Int {
                            value: result,
                            scale,
                        },
                        format,
                        s: if canonical { Some(s.to_string()) } else { None },
                    });
                }
            }
        }

        // The inf.Dec path.
        let (neg, mut unscaled, frac) = scan_dec(sc.value).ok_or_else(|| err(ERR_NUMERIC))?;
        let mut inf_scale = frac as i32;
        if base == 10 {
            inf_scale = inf_scale.wrapping_add(exponent.wrapping_neg());
        } else if (0..64).contains(&exponent) {
            unscaled = mul_small(&unscaled, 1u64 << exponent);
        }
        let mut x = Exact::new(false, unscaled, -(inf_scale as i64));
        let mut dec_scale = inf_scale as i64;
        if !x.is_zero() {
            // Round up to a whole number of nanos (inf.RoundUp on |x|).
            if x.exp < -9 {
                let drop = (-9 - x.exp) as u64;
                let mut mag = if drop >= x.mag.len() as u64 {
                    Vec::new()
                } else {
                    x.mag[..x.mag.len() - drop as usize].to_vec()
                };
                increment(&mut mag);
                x = Exact::new(false, mag, -9);
            }
            dec_scale = 9;
        }
        let max = Exact::from_int(i64::MAX, 0);
        if format == Format::BinarySI && x.cmp(&max) == Ordering::Greater {
            x = max;
            dec_scale = 0;
        }
        if format == Format::BinarySI && !x.is_zero() && x.order() <= 0 {
            // 0 < |x| < 1
            format = Format::DecimalSI;
        }
        if neg {
            x = x.neg();
        }
        Ok(Quantity {
            amount: Amount::Dec(Dec {
                x,
                scale: dec_scale,
            }),
            format,
            s: None,
        })
    }

    /// A quantity of `milli` thousandths, DecimalSI (`100m`; `NewMilliQuantity`).
    pub fn from_milli(milli: i64) -> Quantity {
        Quantity::from_scaled(milli, MILLI)
    }

    /// A whole quantity in the given format (`NewQuantity`).
    pub fn from_value(value: i64, format: Format) -> Quantity {
        Quantity {
            amount: Amount::Int { value, scale: 0 },
            format,
            s: None,
        }
    }

    /// `value × 10^scale`, DecimalSI (`NewScaledQuantity`).
    pub fn from_scaled(value: i64, scale: i32) -> Quantity {
        Quantity {
            amount: Amount::Int { value, scale },
            format: Format::DecimalSI,
            s: None,
        }
    }

    /// `ScaledValue(scale)`: `ceil(q / 10^scale)` as Kubernetes computes it,
    /// including its int64 overflow and rounding behaviour.
    pub fn scaled_value(&self, scale: i32) -> i64 {
        match &self.amount {
            Amount::Int { value, scale: s } => as_scaled_int64(*value, *s, scale).0,
            Amount::Dec(d) => scaled_value_dec(d, -(scale as i64)),
        }
    }

    /// `MilliValue()`, with Kubernetes' int64 overflow and rounding behaviour.
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(MILLI)
    }

    /// `Value()`: rounded up to a whole number.
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// The mathematically exact `ceil(q / 10^scale)`, as a decimal string
    /// (what `scaled_value` returns when nothing overflows or rounds oddly);
    /// `None` for a number of more than a million digits.
    pub fn scaled_value_exact(&self, scale: i32) -> Option<String> {
        self.exact().ceil_shifted_string(-(scale as i64))
    }

    /// `scaled_value(scale)` when it equals the exact ceiling (no overflow,
    /// no Kubernetes rounding quirk), else `None`.
    pub fn checked_scaled_value(&self, scale: i32) -> Option<i64> {
        let x = self.exact();
        if x.order().saturating_sub(scale as i64) > 19 {
            return None;
        }
        let v = self.scaled_value(scale);
        (Some(v.to_string()) == x.ceil_shifted_string(-(scale as i64))).then_some(v)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Changes the format `String()` uses (Go's `q.Format = ...`).
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
        self.s = None;
    }

    /// `String()`: the canonical form (`1.5Gi` → `1536Mi`).
    pub fn canonical(&self) -> String {
        if let Some(s) = &self.s {
            return s.clone();
        }
        let (number, suffix) = self.canonicalize();
        number + &suffix
    }

    /// `MarshalJSON()`: the canonical form as a JSON string.
    pub fn to_json(&self) -> String {
        format!("\"{}\"", self.canonical())
    }

    /// `-1`, `0` or `1`.
    pub fn sign(&self) -> i32 {
        match &self.amount {
            Amount::Int { value, .. } => value.signum() as i32,
            Amount::Dec(d) => d.x.sign(),
        }
    }

    pub fn is_zero(&self) -> bool {
        self.sign() == 0
    }

    /// Exact comparison (`Cmp`).
    pub fn cmp_exact(&self, other: &Quantity) -> Ordering {
        if let (
            Amount::Int {
                value: a,
                scale: sa,
            },
            Amount::Int {
                value: b,
                scale: sb,
            },
        ) = (&self.amount, &other.amount)
        {
            let m = (*sa).min(*sb) as i64;
            let (da, db) = (*sa as i64 - m, *sb as i64 - m);
            if da <= 18 && db <= 18 {
                let x = *a as i128 * 10i128.pow(da as u32);
                let y = *b as i128 * 10i128.pow(db as u32);
                return x.cmp(&y);
            }
        }
        self.exact().cmp(&other.exact())
    }

    /// `CmpInt64`.
    pub fn cmp_int64(&self, y: i64) -> Ordering {
        self.cmp_exact(&Quantity::from_value(y, Format::DecimalSI))
    }

    /// `a + b` (`Add`). If `self` is zero it takes `other`'s format.
    pub fn add(&mut self, other: &Quantity) {
        self.s = None;
        if let (
            Amount::Int { value, scale },
            Amount::Int {
                value: bv,
                scale: bs,
            },
        ) = (&mut self.amount, &other.amount)
        {
            if *value == 0 {
                self.format = other.format;
            }
            let mut a = (*value, *scale);
            if int_add(&mut a, (*bv, *bs)) {
                *value = a.0;
                *scale = a.1;
                return;
            }
        } else if self.is_zero() {
            self.format = other.format;
        }
        let (a, b) = (self.as_dec(), other.as_dec());
        self.amount = Amount::Dec(Dec {
            x: a.x.add(&b.x),
            scale: a.scale.max(b.scale),
        });
    }

    /// `a - b` (`Sub`). If `self` is zero it takes `other`'s format.
    pub fn sub(&mut self, other: &Quantity) {
        self.s = None;
        if self.is_zero() {
            self.format = other.format;
        }
        if let (
            Amount::Int { value, scale },
            Amount::Int {
                value: bv,
                scale: bs,
            },
        ) = (&mut self.amount, &other.amount)
        {
            // -i64::MIN does not fit: leave that one to the decimal path.
            if *bv != MOST_NEGATIVE {
                let mut a = (*value, *scale);
                if int_add(&mut a, (-*bv, *bs)) {
                    *value = a.0;
                    *scale = a.1;
                    return;
                }
            }
        }
        let (a, b) = (self.as_dec(), other.as_dec());
        self.amount = Amount::Dec(Dec {
            x: a.x.add(&b.x.clone().neg()),
            scale: a.scale.max(b.scale),
        });
    }

    /// `Neg`: the quantity with the opposite sign.
    pub fn neg(&mut self) {
        self.s = None;
        match &mut self.amount {
            Amount::Int { value, .. } => *value = value.wrapping_neg(),
            Amount::Dec(d) => d.x = std::mem::replace(&mut d.x, Exact::zero()).neg(),
        }
    }

    /// Whether the quantity took Kubernetes' int64 fast path
    /// (`AsInt64`'s representation) rather than inf.Dec.
    pub fn is_int64_amount(&self) -> bool {
        matches!(self.amount, Amount::Int { .. })
    }

    // -- internals ---------------------------------------------------------

    fn exact(&self) -> Exact {
        match &self.amount {
            Amount::Int { value, scale } => Exact::from_int(*value, *scale as i64),
            Amount::Dec(d) => d.x.clone(),
        }
    }

    /// `AsDec()`.
    fn as_dec(&self) -> Dec {
        match &self.amount {
            Amount::Int { value, scale } => Dec {
                x: Exact::from_int(*value, *scale as i64),
                scale: scale.wrapping_neg() as i64,
            },
            Amount::Dec(d) => d.clone(),
        }
    }

    /// `CanonicalizeBytes`: (number, suffix).
    fn canonicalize(&self) -> (String, String) {
        if self.is_zero() {
            return ("0".to_string(), String::new());
        }
        let x = self.exact();
        let mut format = self.format;
        if format == Format::BinarySI {
            let k = Exact::from_int(1024, 0);
            if x.cmp_abs(&k) == Ordering::Less || !x.is_integer() || x.order() > MAX_DIGITS as i64 {
                // Between -1024 and 1024, or not whole: DecimalSI.
                format = Format::DecimalSI;
            }
        }
        match format {
            Format::DecimalExponent | Format::DecimalSI => {
                let (number, exponent) = self.as_canonical_bytes(&x);
                let suffix = if format == Format::DecimalSI {
                    decimal_suffix(exponent).unwrap_or("").to_string()
                } else if exponent == 0 {
                    String::new()
                } else {
                    format!("e{exponent}")
                };
                (number, suffix)
            }
            Format::BinarySI => {
                let (number, exponent) = self.as_canonical_base1024_bytes(&x);
                let suffix = binary_suffix(exponent.wrapping_mul(10)).unwrap_or("");
                (number, suffix.to_string())
            }
        }
    }

    /// `AsCanonicalBytes`: mantissa and a base-10 exponent that is a
    /// multiple of 3.
    fn as_canonical_bytes(&self, x: &Exact) -> (String, i32) {
        if let Amount::Int { value, scale } = self.amount {
            let (amount, times) = remove_int64_factors(value, 10);
            let exponent = scale.wrapping_add(times);
            let step = match exponent % 3 {
                1 | -2 => Some((int64_multiply_scale(amount, 10), 1)),
                2 | -1 => Some((int64_multiply_scale(amount, 100), 2)),
                _ => None,
            };
            match step {
                None => return (amount.to_string(), exponent),
                Some(((c, true), k)) => return (c.to_string(), exponent.wrapping_sub(k)),
                Some(((_, false), _)) => {} // falls back to inf.Dec
            }
        }
        let mut mag = x.mag.clone();
        let mut exponent = x.exp as i32; // int32, wrapping like Go
        while exponent % 3 != 0 {
            mag.push(0);
            exponent = exponent.wrapping_sub(1);
        }
        (sign_prefix(x.neg, digits_to_string(&mag)), exponent)
    }

    /// `AsCanonicalBase1024Bytes` of a whole value: mantissa and a base-1024
    /// exponent.
    fn as_canonical_base1024_bytes(&self, x: &Exact) -> (String, i32) {
        if let Amount::Int { value, scale } = self.amount {
            // AsScale(0) keeps a non-negative scale; a negative one is exact
            // here (the value is whole), so it is value / 10^-scale.
            let (v, s) = if scale >= 0 {
                (value, scale)
            } else {
                (negative_scale_int64(value, scale.wrapping_neg()).0, 0)
            };
            let (v, ok) = as_scaled_int64(v, s, 0);
            if ok {
                let (amount, times) = remove_int64_factors(v, 1024);
                return (amount.to_string(), times);
            }
        }
        // (Only reached with at most MAX_DIGITS digits.)
        let mut d = x.integer_digits();
        let mut times = 0i32;
        loop {
            let (q, r) = divmod_small(&d, 1024);
            if r != 0 || d.is_empty() {
                break;
            }
            d = q;
            times = times.wrapping_add(1);
        }
        (sign_prefix(x.neg, digits_to_string(&d)), times)
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.cmp_exact(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Quantity) -> Ordering {
        self.cmp_exact(other)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl std::str::FromStr for Quantity {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Quantity, QuantityError> {
        Quantity::parse(s)
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering::*;

    fn q(s: &str) -> Quantity {
        match Quantity::parse(s) {
            Ok(q) => q,
            Err(e) => panic!("{s:?}: {e}"),
        }
    }

    #[test]
    fn canonical_forms() {
        let cases: &[(&str, &str, Format)] = &[
            ("0", "0", Format::DecimalSI),
            ("1", "1", Format::DecimalSI),
            ("1.5Gi", "1536Mi", Format::BinarySI),
            ("1024Ki", "1Mi", Format::BinarySI),
            ("1536Mi", "1536Mi", Format::BinarySI),
            ("0.5Ki", "512", Format::BinarySI),
            ("1.1Ki", "1126400m", Format::BinarySI),
            ("100m", "100m", Format::DecimalSI),
            ("1.5", "1500m", Format::DecimalSI),
            ("1000", "1k", Format::DecimalSI),
            ("1000000", "1M", Format::DecimalSI),
            ("0.1", "100m", Format::DecimalSI),
            ("1e3", "1e3", Format::DecimalExponent),
            ("1e4", "10e3", Format::DecimalExponent),
            ("1.5e3", "1500", Format::DecimalExponent),
            ("1E3", "1E3", Format::DecimalExponent), // kept as typed
            ("1E4", "10e3", Format::DecimalExponent),
            ("-1e-10", "-1e-9", Format::DecimalExponent),
            ("-0.1n", "-1n", Format::DecimalSI),
            ("1n", "1n", Format::DecimalSI),
            ("0.0000000015", "2n", Format::DecimalSI),
            ("985.98E", "985980P", Format::DecimalSI),
            ("1000E", "1", Format::DecimalSI), // no suffix above E
            ("8Ei", "9223372036854775807", Format::BinarySI),
            ("-16Ei", "-9223372036854775807", Format::BinarySI),
            ("0.0001Ki", "102400u", Format::DecimalSI),
            // the input text is kept when the fast path finds it canonical
            ("+1", "+1", Format::DecimalSI),
            ("037E", "037E", Format::DecimalSI),
            ("+01Ki", "+01Ki", Format::BinarySI),
            ("01000", "1k", Format::DecimalSI),
            // odd but valid
            (".", "0", Format::DecimalSI),
            ("-", "0", Format::DecimalSI),
            ("k", "0", Format::DecimalSI),
            ("Ki", "0", Format::BinarySI),
            ("1.Ki", "1.Ki", Format::BinarySI), // kept as typed
            ("8.Ki", "8Ki", Format::BinarySI),
            ("1e+3", "1e+3", Format::DecimalExponent), // kept as typed
            ("1e+4", "10e3", Format::DecimalExponent),
            ("1e4294967296", "1e4294967296", Format::DecimalExponent), // int32(exponent) == 0
        ];
        for &(input, canonical, format) in cases {
            let v = q(input);
            assert_eq!(v.canonical(), canonical, "{input}");
            assert_eq!(v.format(), format, "{input}");
            assert_eq!(v.to_json(), format!("\"{canonical}\""), "{input}");
            assert_eq!(v.to_string(), canonical, "{input}");
        }
    }

    #[test]
    fn errors() {
        let cases: &[(&str, &str)] = &[
            ("", ERR_FORMAT_WRONG),
            (" 1", ERR_FORMAT_WRONG),
            ("1 ", ERR_FORMAT_WRONG),
            ("1.0.0", ERR_FORMAT_WRONG),
            ("1e- 3", ERR_FORMAT_WRONG),
            ("１", ERR_FORMAT_WRONG),
            ("1K", ERR_SUFFIX),
            ("1e", ERR_SUFFIX),
            ("1ee3", ERR_SUFFIX),
            ("1Ki5", ERR_SUFFIX),
            ("1e99999999999999999999", ERR_SUFFIX),
            ("Ei", ERR_NUMERIC),
            (".e-20", ERR_NUMERIC),
        ];
        for &(input, msg) in cases {
            assert_eq!(
                Quantity::parse(input).err(),
                Some(QuantityError(msg.to_string())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn values_and_quirks() {
        // (input, milli, value)
        let cases: &[(&str, i64, i64)] = &[
            ("1.5Gi", 1610612736000, 1610612736),
            ("100m", 100, 1),
            ("1n", 1, 1),
            ("-1.5", -1500, -2), // fast path: away from zero
            ("-100m", -100, -1),
            ("-585.976377064843809431", -585975, -584), // slow path: towards zero
            ("-0.1n", 1, 1),
            ("1E", 0, 1_000_000_000_000_000_000), // milli overflows to 0
            ("1Ei", i64::MIN, 1 << 60),           // wraps
            ("8Ei", -1000, i64::MAX),             // capped, then wraps
            ("1e19", 0, 0),
            ("9223372036854775807", -1000, i64::MAX),
            ("9223372036854775808", 0, i64::MIN),
            ("-9223372036854775808", 0, 0),
            ("-9223372036854775809", -1000, -1),
            ("-3Pi", -8646911284550, -8646911283),
            ("1e300", 0, 0),
        ];
        for &(input, milli, value) in cases {
            let v = q(input);
            assert_eq!(v.milli_value(), milli, "{input} milli");
            assert_eq!(v.value(), value, "{input} value");
        }
        assert_eq!(q("-1.5").scaled_value_exact(0).as_deref(), Some("-1"));
        assert_eq!(
            q("1E").scaled_value_exact(MILLI).as_deref(),
            Some("1000000000000000000000")
        );
        assert_eq!(q("1e999999999").scaled_value_exact(0), None);
        assert_eq!(q("1E").checked_scaled_value(MILLI), None);
        assert_eq!(q("1.5Gi").checked_scaled_value(0), Some(1610612736));
    }

    #[test]
    fn comparisons() {
        let cases: &[(&str, &str, Ordering)] = &[
            ("1", "1000m", Equal),
            ("1Ki", "1024", Equal),
            ("1k", "1Ki", Less),
            ("-1", "1m", Less),
            ("1e300", "1E", Greater),
            ("-1e300", "-1E", Less),
            ("100000000000000000000", "1e20", Equal),
            ("0.000000001", "1n", Equal),
            ("0", "-0", Equal),
            ("1.5Gi", "1536Mi", Equal),
        ];
        for &(a, b, want) in cases {
            assert_eq!(q(a).cmp_exact(&q(b)), want, "{a} vs {b}");
            assert_eq!(q(b).cmp_exact(&q(a)), want.reverse(), "{b} vs {a}");
        }
        assert_eq!(q("1"), q("1000m"));
        assert!(q("2") > q("1999m"));
        assert_eq!(q("1Ki").cmp_int64(1024), Equal);
    }

    #[test]
    fn add_and_sub() {
        // (a, b, a + b canonical, a - b canonical)
        let cases: &[(&str, &str, &str, &str)] = &[
            ("100m", "200m", "300m", "-100m"),
            ("1", "500m", "1500m", "500m"),
            ("1Gi", "1Gi", "2Gi", "0"),
            ("1Ki", "1", "1025", "1023"),
            ("0", "1Ki", "1Ki", "-1Ki"),
            ("1E", "9E", "10E", "-8E"),
            (
                "9223372036854775807",
                "1",
                "9223372036854775808",
                "9223372036854775806",
            ),
            ("1.5", "-1.5", "0", "3"),
        ];
        for &(a, b, sum, diff) in cases {
            let mut x = q(a);
            x.add(&q(b));
            assert_eq!(x.canonical(), sum, "{a} + {b}");
            let mut y = q(a);
            y.sub(&q(b));
            assert_eq!(y.canonical(), diff, "{a} - {b}");
        }
        let mut x = q("1e300");
        x.add(&q("1"));
        assert_eq!(x.canonical(), format!("1{}1", "0".repeat(299)));
        let mut x = q("1e300");
        x.sub(&q("1"));
        assert_eq!(x.canonical(), "9".repeat(300));
        // Absurd exponent gaps stay cheap.
        let mut x = q("1e999999999");
        x.add(&q("1m"));
        assert_eq!(x.canonical(), "1e999999999");
        // Zero takes the other's format.
        let mut z = Quantity::from_value(0, Format::DecimalSI);
        z.add(&q("2Ki"));
        assert_eq!(z.format(), Format::BinarySI);
        // Overflow leaves the int64 path, exactly.
        let mut big = Quantity::from_value(i64::MAX, Format::DecimalSI);
        big.add(&Quantity::from_value(i64::MAX, Format::DecimalSI));
        assert_eq!(big.canonical(), "18446744073709551614");
        let mut n = q("1.5");
        n.neg();
        assert_eq!(n.canonical(), "-1500m");
        let mut m = Quantity::from_value(5, Format::DecimalSI);
        m.sub(&Quantity::from_value(i64::MIN, Format::DecimalSI));
        assert_eq!(m.canonical(), "9223372036854775813");
    }

    #[test]
    fn constructors() {
        assert_eq!(Quantity::from_milli(100).canonical(), "100m");
        assert_eq!(Quantity::from_milli(1500).value(), 2);
        assert_eq!(Quantity::from_milli(-1500).value(), -2);
        assert_eq!(
            Quantity::from_value(2048, Format::BinarySI).canonical(),
            "2Ki"
        );
        assert_eq!(
            Quantity::from_value(1000, Format::BinarySI).canonical(),
            "1k"
        );
        assert_eq!(
            Quantity::from_value(3000, Format::DecimalExponent).canonical(),
            "3e3"
        );
        assert_eq!(
            Quantity::from_value(i64::MIN, Format::BinarySI).canonical(),
            "-9223372036854775808"
        );
        assert_eq!(
            Quantity::from_value(5, Format::DecimalSI).milli_value(),
            5000
        );
        assert_eq!("1Mi".parse::<Quantity>().map(|q| q.value()), Ok(1 << 20));
        assert_eq!(
            serde_json::to_string(&q("1.5Gi")).ok().as_deref(),
            Some("\"1536Mi\"")
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long_digits = "9".repeat(5000);
        let long_frac = format!("0.{}1", "0".repeat(3000));
        let inputs = [
            "",
            "-",
            "+",
            ".",
            "-.",
            "+.",
            "..",
            "e",
            "E",
            "i",
            "Ki",
            "Ei",
            "-Ei",
            ".Ei",
            "1e999999999",
            "1e-999999999",
            "9999999999999999999999999Ei",
            "9999999999999999999999999e999999999",
            "-9999999999999999999999999e-999999999",
            "1.0.0",
            "1e2147483647",
            "1e-2147483648",
            "1.5e-2147483648",
            "1e2147483648",
            "-1e9223372036854775807",
            "1e9223372036854775808",
            &long_digits,
            &long_frac,
            "é",
            "1é",
            "１",
            "\u{0}",
            "1\u{0}",
            "0.0Ei",
            "-0",
            "000",
            "1Ki1",
            "1e+",
            "1e-",
            "+-1",
            "--1",
            "1..5",
            "1.5.",
            "1.5e3.",
            "9223372036854775807Ki",
            "-.5Ei",
            "0.000000000000000000001Ei",
        ];
        for s in inputs {
            if let Ok(v) = Quantity::parse(s) {
                let _ = (
                    v.canonical(),
                    v.value(),
                    v.milli_value(),
                    v.sign(),
                    v.to_json(),
                );
                let _ = (
                    v.scaled_value_exact(0),
                    v.scaled_value(NANO),
                    v.scaled_value(EXA),
                );
                let _ = (v.checked_scaled_value(0), v.checked_scaled_value(MILLI));
                let mut w = v.clone();
                w.add(&q("1m"));
                let _ = w.canonical();
                let _ = v.cmp_exact(&q("1"));
            }
        }
        assert_eq!(q("1e999999999").canonical(), "1e999999999");
        assert_eq!(q("1e999999999").value(), 0);
        assert_eq!(q("1e-999999999").canonical(), "1e-9");
        assert_eq!(q(&long_digits).value(), q(&long_digits).value());
    }
}
