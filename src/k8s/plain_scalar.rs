//! Writing a string as a YAML scalar that kubectl reads back as that same
//! string: go-yaml v2 resolves plain scalars by YAML 1.1 (`yes`, `on`,
//! `y` are booleans, `0x1f` and `1_000` numbers, `~` null), so anything
//! that could resolve to another type, or that is not made of letters,
//! digits and `-._/` alone, is written double-quoted (JSON's quoting, which
//! YAML reads the same).

/// Quotes a YAML scalar when plain style would change its meaning (YAML
/// 1.1 booleans and nulls, numbers, anything but letters, digits and
/// `-._/`).
pub fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
        && !s.starts_with(['-', '.'])
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
        && crate::strconv::parse_f64(s).is_none()
        && !["0x", "0b", "0o"].iter().any(|p| s.starts_with(p))
        // ints and floats as go-yaml reads them (`1_000`, `017`, `1.5e3`)
        && !(s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().all(|c| c.is_ascii_digit() || "._eE".contains(c)));
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::yaml_scalar;

    #[test]
    fn what_plain_style_would_change_is_quoted() {
        for (s, want) in [
            ("gpu", "gpu"),
            ("NoSchedule", "NoSchedule"),
            (
                "node-role.kubernetes.io/control-plane",
                "node-role.kubernetes.io/control-plane",
            ),
            ("v1.2", "v1.2"),
            ("true", "\"true\""),
            ("Yes", "\"Yes\""),
            ("y", "\"y\""),
            ("1.5", "\"1.5\""),
            ("1.2.3", "\"1.2.3\""),
            ("0x1f", "\"0x1f\""),
            ("0b101", "\"0b101\""),
            ("1_000", "\"1_000\""),
            ("017", "\"017\""),
            ("inf", "\"inf\""),
            ("a b", "\"a b\""),
            ("", "\"\""),
            ("-x", "\"-x\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ] {
            assert_eq!(yaml_scalar(s), want, "{s}");
        }
    }
}
