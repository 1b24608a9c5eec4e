//! `intstr.IntOrString` arithmetic (k8s.io/apimachinery/pkg/util/intstr):
//! a `maxUnavailable: 1` or `maxUnavailable: "25%"` scaled against a total,
//! with the errors Kubernetes gives for values that are neither.

use crate::diagnostic::kubernetes_error;
use crate::k8s::field::go_quote;
use crate::k8s::model::IntOrString;

kubernetes_error!(
    /// An IntOrString that is neither a whole number nor a percentage
    /// (`invalid value for IntOrString: ...`).
    IntOrPercentError
);

/// `intstr.GetScaledValueFromIntOrPercent`.
pub fn scaled_value(v: &IntOrString, total: i64, round_up: bool) -> Result<i64, IntOrPercentError> {
    match v {
        IntOrString::Int(i) => Ok(*i),
        IntOrString::String(s) => {
            let Some(num) = s.strip_suffix('%') else {
                return Err(IntOrPercentError(
                    "invalid value for IntOrString: invalid type: string is not a percentage"
                        .into(),
                ));
            };
            let p = go_atoi(num).map_err(|e| {
                IntOrPercentError(format!(
                    "invalid value for IntOrString: invalid value {}: {e}",
                    go_quote(s)
                ))
            })?;
            let x = p as f64 * total as f64 / 100.0;
            Ok(if round_up { x.ceil() } else { x.floor() } as i64)
        }
    }
}

/// Go's `strconv.Atoi`, with its error text.
fn go_atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            go_quote(s)
        ));
    }
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", go_quote(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_rounds_percentages_up() {
        assert_eq!(
            scaled_value(&IntOrString::String("30%".into()), 10, true),
            Ok(3)
        );
        assert_eq!(
            scaled_value(&IntOrString::String("33%".into()), 10, true),
            Ok(4)
        );
        assert_eq!(
            scaled_value(&IntOrString::String("33%".into()), 10, false),
            Ok(3)
        );
        assert_eq!(scaled_value(&IntOrString::Int(2), 10, true), Ok(2));
        assert_eq!(
            scaled_value(&IntOrString::String("5".into()), 10, true),
            Err(IntOrPercentError(
                "invalid value for IntOrString: invalid type: string is not a percentage".into()
            ))
        );
        assert_eq!(
            scaled_value(&IntOrString::String("x%".into()), 10, true),
            Err(IntOrPercentError("invalid value for IntOrString: invalid value \"x%\": strconv.Atoi: parsing \"x\": invalid syntax".into()))
        );
    }
}
