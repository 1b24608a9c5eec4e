//! Kubernetes' int64 helpers (apimachinery's `math.go` and
//! `amount.go`), with their overflow and rounding rules, and `scaledValue`
//! of the slow path.

use super::decimal::*;
use super::*;

/// `int64Multiply`.
pub(super) fn int64_multiply(a: i64, b: i64) -> Option<i64> {
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
pub(super) fn int64_multiply_scale(a: i64, b: i64) -> (i64, bool) {
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
pub(super) fn positive_scale_int64(base: i64, scale: i32) -> (i64, bool) {
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
pub(super) fn negative_scale_int64(base: i64, scale: i32) -> (i64, bool) {
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
pub(super) fn as_scaled_int64(value: i64, scale: i32, target: i32) -> (i64, bool) {
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
pub(super) fn remove_int64_factors(value: i64, base: i64) -> (i64, i32) {
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
pub(super) fn int_add(a: &mut (i64, i32), b: (i64, i32)) -> bool {
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
pub(super) fn go_pow10_int64(n: i64) -> i64 {
    if (0..=18).contains(&n) {
        10i64.pow(n as u32)
    } else if n < 0 {
        0
    } else {
        MOST_NEGATIVE
    }
}

/// `scaledValue(unscaled, scale, newScale)` for an inf.Dec.
pub(super) fn scaled_value_dec(d: &Dec, new_scale: i64) -> i64 {
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
