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
/// BinarySI printing divides the value by 1024 once per power of 1024 it
/// holds, each time over all its digits: work that grows with the square
/// of the digits (`20e200000` as BinarySI took 5.7 s). Whole values of
/// more digits than this (far beyond any int64 quantity: parsing clamps
/// BinarySI values to int64 anyway) are printed as DecimalExponent,
/// exact, in one pass: the divisions stop at 4,096 digits times 1,361.
const MAX_BINARY_DIGITS: i64 = 4096;

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

mod decimal;
mod math;
mod parse;

use decimal::*;
use math::*;
use parse::*;

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
            if x.cmp_abs(&k) == Ordering::Less || !x.is_integer() {
                // Between -1024 and 1024, or not whole: DecimalSI.
                format = Format::DecimalSI;
            } else if x.order() > MAX_BINARY_DIGITS {
                // too long to divide by 1024 digit by digit: exact, with
                // its exponent
                format = Format::DecimalExponent;
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
        // (Only reached with at most MAX_BINARY_DIGITS digits.)
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
mod tests;
