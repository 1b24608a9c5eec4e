//! Numbers as they reach the API server from `kubectl apply`.
//!
//! kubectl reads every document into `Unstructured`
//! (`UnmarshalCaseSensitivePreserveInts`, apimachinery
//! `pkg/util/json/json.go`): a number without `.`, `e` or `E` that fits an
//! `int64` stays an integer, any other becomes a `float64`; then it sends
//! the object as JSON again (Go's `encoding/json`). So `replicas: 1.0`
//! arrives as `1`, `1e3` as `1000`, `1.5` as `1.5` and `1e21` as `1e+21`.
//! YAML numbers take one more step first: go-yaml v2 resolves the scalar
//! (`0x1F` is 31, `010` is 8, `1_000` is 1000) and sigs.k8s.io/yaml writes
//! it as JSON.

use crate::strconv;
use std::borrow::Cow;

/// The JSON text the API server receives for a JSON number literal `lit`.
pub fn normalize(lit: &str) -> Cow<'_, str> {
    if !lit.contains(['.', 'e', 'E']) {
        if let Ok(i) = lit.parse::<i64>() {
            let s = i.to_string();
            return if s == lit {
                Cow::Borrowed(lit)
            } else {
                Cow::Owned(s)
            };
        }
    }
    match strconv::parse_f64(lit) {
        Some(f) if f.is_finite() => {
            let s = strconv::go_json_float(f);
            if s == lit {
                Cow::Borrowed(lit)
            } else {
                Cow::Owned(s)
            }
        }
        // out of float64's range: the server meets the literal (and fails
        // on it as Go does)
        _ => Cow::Borrowed(lit),
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 32)`: how sigs.k8s.io/yaml writes a
/// float map key (`1.5:` becomes `"1.5"`).
pub fn go_float_key(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        };
    }
    let f32v = f as f32;
    if f32v == 0.0 {
        return if f32v.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sign = if f32v < 0.0 { "-" } else { "" };
    let (digits, exp) = strconv::shortest_f32(f32v.abs());
    format!("{sign}{}", strconv::format_g(&digits, exp))
}

/// Whether a number's text (as the server receives it) is a whole number
/// in `i64`, and which.
pub fn as_i64(text: &str) -> Option<i64> {
    if text.contains(['.', 'e', 'E']) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_round_trip() {
        let cases = [
            ("1", "1"),
            ("-0", "0"),
            ("1.0", "1"),
            ("1e3", "1000"),
            ("1.5", "1.5"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
            ("1.5e-10", "1.5e-10"),
            ("-2.5E-3", "-0.0025"),
            ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "9223372036854776000"),
            ("18446744073709551615", "18446744073709552000"),
            ("3000000000", "3000000000"),
            ("123456789.125", "123456789.125"),
            ("0.1", "0.1"),
            ("1e400", "1e400"),
            // halfway between two shortest texts: to even, as Go's Ryu
            ("2.98023223876953125e-8", "2.9802322387695312e-8"),
        ];
        for (lit, want) in cases {
            assert_eq!(normalize(lit), want, "{lit}");
        }
        assert_eq!(as_i64("3000000000"), Some(3_000_000_000));
        assert_eq!(as_i64("1.5"), None);
    }

    #[test]
    fn float_keys_at_32_bit_precision() {
        assert_eq!(go_float_key(1.5), "1.5");
        assert_eq!(go_float_key(0.1), "0.1");
        assert_eq!(go_float_key(1.23456789), "1.2345679");
        assert_eq!(go_float_key(1e6), "1e+06");
        assert_eq!(go_float_key(123456.0), "123456");
        assert_eq!(go_float_key(0.0001), "0.0001");
        assert_eq!(go_float_key(0.00001), "1e-05");
        assert_eq!(go_float_key(f64::INFINITY), ".inf");
    }
}
