//! Parsing (`parseQuantityString`, `ParseQuantity`) and the suffixes
//! (apimachinery's `suffix.go`).

use super::decimal::*;
use super::*;

pub(super) struct Scanned<'a> {
    pub(super) positive: bool,
    pub(super) value: &'a [u8],
    pub(super) num: &'a [u8],
    pub(super) denom: &'a [u8],
    pub(super) suffix: &'a [u8],
}

pub(super) const SUFFIX_CHARS: &[u8] = b"eEinumkKMGTP";

/// `parseQuantityString`.
pub(super) fn parse_quantity_string(s: &[u8]) -> Result<Scanned<'_>, QuantityError> {
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
pub(super) fn go_parse_int(s: &[u8]) -> Option<i64> {
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
pub(super) fn interpret(s: &[u8]) -> Option<(i32, i32, Format)> {
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
pub(super) fn scan_dec(value: &[u8]) -> Option<(bool, Digits, usize)> {
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

pub(super) fn decimal_suffix(exponent: i32) -> Option<&'static str> {
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

pub(super) fn binary_suffix(exponent: i32) -> Option<&'static str> {
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

pub(super) fn sign_prefix(neg: bool, digits: String) -> String {
    if neg {
        format!("-{digits}")
    } else {
        digits
    }
}
