//! Name and label syntax checks (k8s.io/apimachinery/pkg/util/validation and
//! k8s.io/apimachinery/pkg/api/validate/content), with Kubernetes' exact
//! messages.
//!
//! Each function returns the list of problems, empty when the value is
//! valid, exactly as the Go functions do; the regular expressions are
//! matched by hand. Two message families exist side by side in Kubernetes
//! v1.36 and both are reproduced: label keys and values (the `content`
//! package) say `must be no more than 63 bytes`, while object names, DNS
//! labels and subdomains (`util/validation`) say `must be no more than 253
//! characters`.

const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_ERR_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const PERCENT_FMT: &str = "[0-9]+%";
const PERCENT_ERR_MSG: &str =
    "a valid percent string must be a numeric string followed by an ending '%'";

/// Maximum length of a label value and of a label key's name part.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;
/// `DNS1123LabelMaxLength`.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// `DNS1123SubdomainMaxLength`.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;

/// Which wording a "too long" message uses.
#[derive(Clone, Copy)]
enum Unit {
    /// `content.MaxLenError`: `must be no more than N bytes`.
    Bytes,
    /// `validation.MaxLenError`: `must be no more than N characters`.
    Characters,
}

fn max_len(unit: Unit, n: usize) -> String {
    match unit {
        Unit::Bytes => format!("must be no more than {n} bytes"),
        Unit::Characters => format!("must be no more than {n} characters"),
    }
}

/// `validation.MaxLenError` (`must be no more than N characters`).
pub fn max_len_error(n: usize) -> String {
    max_len(Unit::Characters, n)
}

/// `RegexError`: the message, then examples and the regular expression,
/// worded (and spaced) as Kubernetes does.
pub fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut s = String::from(msg);
    s.push_str(" (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push('\'');
        s.push_str(e);
        s.push_str("', ");
    }
    s.push_str("regex used for validation is '");
    s.push_str(fmt);
    s.push_str("')");
    s
}

/// `InclusiveRangeError`.
pub fn inclusive_range_error(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

/// `EmptyError`.
pub fn empty_error() -> &'static str {
    "must be non-empty"
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, anchored.
fn matches_label_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_alnum(f)
                && is_alnum(l)
                && b.iter()
                    .all(|&c| is_alnum(c) || c == b'-' || c == b'_' || c == b'.')
        }
        _ => false,
    }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, anchored.
fn matches_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter().all(|&c| is_lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// The DNS-1123 subdomain regular expression, anchored.
fn matches_dns1123_subdomain(s: &str) -> bool {
    s.split('.').all(matches_dns1123_label)
}

/// `content.IsLabelKey` (= `validation.IsQualifiedName`): label keys,
/// annotation keys, resource names, toleration keys.
pub fn qualified_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push(format!("prefix part {}", empty_error()));
            } else {
                for msg in subdomain_errors(prefix, Unit::Bytes) {
                    errs.push(format!("prefix part {msg}"));
                }
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push(format!("name part {}", empty_error()));
    } else if name.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len(Unit::Bytes, LABEL_VALUE_MAX_LENGTH)
        ));
    }
    if !matches_label_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_KEY_ERR_MSG,
                LABEL_KEY_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// `content.IsLabelValue` (= `validation.IsValidLabelValue`).
pub fn label_value_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len(Unit::Bytes, LABEL_VALUE_MAX_LENGTH));
    }
    if !value.is_empty() && !matches_label_name(value) {
        errs.push(regex_error(
            LABEL_VALUE_ERR_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

fn subdomain_errors(value: &str, unit: Unit) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len(unit, DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !matches_dns1123_subdomain(value) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `validation.IsDNS1123Subdomain`: object names, node names, priority
/// class names.
pub fn dns1123_subdomain_errors(value: &str) -> Vec<String> {
    subdomain_errors(value, Unit::Characters)
}

/// `validation.IsDNS1123Label`: namespaces, container names.
pub fn dns1123_label_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len(Unit::Characters, DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_dns1123_label(value) {
        if matches_dns1123_subdomain(value) {
            // A valid subdomain but not a valid label: it has dots.
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// Generated names get a 5-character random suffix, so a prefix may end in
/// a dash (`maskTrailingDash`).
fn mask_trailing_dash(name: &str) -> String {
    if name.len() > 1 && name.ends_with('-') {
        let mut s = name[..name.len() - 1].to_string();
        s.push('a');
        s
    } else {
        name.to_string()
    }
}

/// `NameIsDNSSubdomain(name, prefix)`: DaemonSet and node names.
pub fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1123_subdomain_errors(&mask_trailing_dash(name))
    } else {
        dns1123_subdomain_errors(name)
    }
}

/// `NameIsDNSLabel(name, prefix)` / `ValidateNamespaceName`.
pub fn name_is_dns_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1123_label_errors(&mask_trailing_dash(name))
    } else {
        dns1123_label_errors(name)
    }
}

/// `IsValidPortNum`.
pub fn port_num_errors(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec![inclusive_range_error(1, 65535)]
    }
}

/// `IsValidPortName` (container port names, IANA service names).
pub fn port_name_errors(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = port.as_bytes();
    if b.len() > 15 {
        errs.push(max_len(Unit::Characters, 15));
    }
    if b.is_empty() || !b.iter().all(|&c| is_lower_alnum(c) || c == b'-') {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !b.iter().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
        if f == b'-' || l == b'-' {
            errs.push("must not begin or end with a hyphen".to_string());
        }
    }
    errs
}

/// `IsValidPercent`: `^[0-9]+%$`.
pub fn percent_errors(percent: &str) -> Vec<String> {
    let ok = percent
        .strip_suffix('%')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()));
    if ok {
        Vec::new()
    } else {
        vec![regex_error(PERCENT_ERR_MSG, PERCENT_FMT, &["1%", "93%"])]
    }
}

/// `IsEnvVarName`.
pub fn env_var_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = value.as_bytes();
    let first_ok = b
        .first()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'.' || c == b'_');
    let rest_ok = b
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_');
    if !(first_ok && rest_ok) {
        errs.push(regex_error(
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
            "[-._a-zA-Z][-._a-zA-Z0-9]*",
            &["my.env-name", "MY_ENV.NAME", "MyEnvName1"],
        ));
    }
    chdir_prefix_errors(value, &mut errs);
    errs
}

/// `hasChDirPrefix`.
fn chdir_prefix_errors(value: &str, errs: &mut Vec<String>) {
    if value == "." {
        errs.push("must not be '.'".to_string());
    } else if value == ".." {
        errs.push("must not be '..'".to_string());
    } else if value.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
}

/// `IsConfigMapKey`: a config map or secret key.
pub fn config_map_key_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_');
    if !ok {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    chdir_prefix_errors(value, &mut errs);
    errs
}

/// `IsRelaxedEnvVarName` (RelaxedEnvironmentVariableValidation, GA and
/// locked on in v1.36): printable ASCII other than `=`.
pub fn relaxed_env_var_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() {
        errs.push(format!("environment variable name {}", empty_error()));
    }
    // unicode.IsPrint of an ASCII rune: ' ' to '~'
    if value.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        errs.push(
            "a valid environment variable name must consist only of printable ASCII characters other than '='"
                .to_string(),
        );
    }
    errs
}

/// `IsHTTPHeaderName`: `[-A-Za-z0-9]+`.
pub fn http_header_name_errors(value: &str) -> Vec<String> {
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            "a valid HTTP header must consist of alphanumeric characters or '-'",
            "[-A-Za-z0-9]+",
            &["X-Header-Name"],
        )]
    }
}

/// `_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?`, anchored.
fn matches_dns1123_label_with_underscore(s: &str) -> bool {
    let b = s.strip_prefix('_').unwrap_or(s).as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter()
                    .all(|&c| is_lower_alnum(c) || c == b'-' || c == b'_')
        }
        _ => false,
    }
}

/// `IsDNS1123SubdomainWithUnderscore` (a DNS search domain under
/// RelaxedDNSSearchValidation, GA and locked on in v1.36).
pub fn dns1123_subdomain_with_underscore_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !value.split('.').all(matches_dns1123_label_with_underscore) {
        errs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
            "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*",
            &["example.com"],
        ));
    }
    errs
}

/// `netutils.ParseIPSloppy(value) != nil`: Go's `net.ParseIP` (no zone),
/// retried with the leading zeros of a trailing dotted quad removed.
pub fn is_ip_sloppy(value: &str) -> bool {
    fn parse(s: &str) -> bool {
        s.parse::<std::net::Ipv4Addr>().is_ok() || s.parse::<std::net::Ipv6Addr>().is_ok()
    }
    if parse(value) {
        return true;
    }
    // matchZeros: `(^|:)` then four dotted decimal numbers (and an
    // optional `/n`) to the end; each number loses its leading zeros
    let (head, tail) = match value.rfind(':') {
        Some(i) => value.split_at(i + 1),
        None => ("", value),
    };
    let (quad, prefix) = match tail.split_once('/') {
        Some((q, p)) => (q, Some(p)),
        None => (tail, None),
    };
    let parts: Vec<&str> = quad.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 4 || !parts.iter().all(numeric) || !prefix.iter().all(numeric) {
        return false;
    }
    let strip = |p: &str| match p.trim_start_matches('0') {
        "" => "0".to_string(),
        rest => rest.to_string(),
    };
    let mut stripped = String::from(head);
    stripped.push_str(&parts.iter().map(|p| strip(p)).collect::<Vec<_>>().join("."));
    if let Some(p) = prefix {
        stripped.push('/');
        stripped.push_str(&strip(p));
    }
    parse(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME_PART_REGEX: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    #[test]
    fn qualified_names() {
        let long63 = "k".repeat(63);
        let long64 = "k".repeat(64);
        let cases: Vec<(&str, Vec<String>)> = vec![
            ("app", vec![]),
            ("example.com/team", vec![]),
            ("a.b-c_d", vec![]),
            (&long63, vec![]),
            ("bad key", vec![NAME_PART_REGEX.to_string()]),
            ("-x", vec![NAME_PART_REGEX.to_string()]),
            ("", vec!["name part must be non-empty".to_string(), NAME_PART_REGEX.to_string()]),
            (&long64, vec!["name part must be no more than 63 bytes".to_string()]),
            ("/x", vec!["prefix part must be non-empty".to_string()]),
            (
                "a/b/c",
                vec!["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".to_string()],
            ),
            (
                "Example.com/x",
                vec!["prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(qualified_name_errors(input), want, "{input:?}");
        }
    }

    #[test]
    fn label_values() {
        let regex = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
        let cases: Vec<(String, Vec<String>)> = vec![
            (String::new(), vec![]),
            ("prod".into(), vec![]),
            ("a_b.c-d".into(), vec![]),
            ("bad value!".into(), vec![regex.to_string()]),
            ("-start".into(), vec![regex.to_string()]),
            ("é".into(), vec![regex.to_string()]),
            (
                "v".repeat(64),
                vec!["must be no more than 63 bytes".to_string()],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(label_value_errors(&input), want, "{input:?}");
        }
    }

    #[test]
    fn dns_names() {
        let sub = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        let label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
        assert!(dns1123_subdomain_errors("node-1.example.com").is_empty());
        assert_eq!(dns1123_subdomain_errors("Bad_Name"), vec![sub.to_string()]);
        assert_eq!(dns1123_subdomain_errors("a..b"), vec![sub.to_string()]);
        assert_eq!(dns1123_subdomain_errors(""), vec![sub.to_string()]);
        assert_eq!(
            dns1123_subdomain_errors(&"a".repeat(254)),
            vec!["must be no more than 253 characters".to_string()]
        );
        assert!(dns1123_label_errors("main").is_empty());
        assert_eq!(
            dns1123_label_errors("ns.with.dots"),
            vec!["must not contain dots".to_string()]
        );
        assert_eq!(dns1123_label_errors("Main"), vec![label.to_string()]);
        assert_eq!(
            dns1123_label_errors(&"a".repeat(64)),
            vec!["must be no more than 63 characters".to_string()]
        );
        assert!(name_is_dns_subdomain("prefix-", true).is_empty());
        assert!(!name_is_dns_subdomain("prefix-", false).is_empty());
    }

    #[test]
    fn ports_and_percents() {
        let cases: Vec<(i64, usize)> = vec![(0, 1), (1, 0), (65535, 0), (65536, 1), (-1, 1)];
        for (port, n) in cases {
            assert_eq!(port_num_errors(port).len(), n, "{port}");
        }
        assert_eq!(
            port_num_errors(70000),
            vec!["must be between 1 and 65535, inclusive".to_string()]
        );
        assert!(percent_errors("25%").is_empty());
        for bad in ["%", "5", "12.5%", "-5%", "abc", ""] {
            assert_eq!(
                percent_errors(bad),
                vec!["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')".to_string()],
                "{bad}"
            );
        }
        assert!(port_name_errors("metrics").is_empty());
        assert_eq!(port_name_errors("9100").len(), 1);
        assert_eq!(port_name_errors("-a--").len(), 2);
    }

    #[test]
    fn relaxed_env_names_header_names_search_domains_and_ips() {
        let relaxed = "a valid environment variable name must consist only of printable ASCII characters other than '='";
        assert!(relaxed_env_var_name_errors("1 weird-but:ok").is_empty());
        assert_eq!(
            relaxed_env_var_name_errors("A=B"),
            vec![relaxed.to_string()]
        );
        assert_eq!(
            relaxed_env_var_name_errors("é\t"),
            vec![relaxed.to_string()]
        );
        assert_eq!(
            relaxed_env_var_name_errors(""),
            vec!["environment variable name must be non-empty".to_string()]
        );
        let header = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
        assert!(http_header_name_errors("X-Forwarded-For").is_empty());
        assert_eq!(http_header_name_errors("X_Bad"), vec![header.to_string()]);
        assert_eq!(http_header_name_errors(""), vec![header.to_string()]);
        for ok in ["svc.cluster.local", "_srv._tcp.example.com", "a"] {
            assert!(
                dns1123_subdomain_with_underscore_errors(ok).is_empty(),
                "{ok}"
            );
        }
        for bad in ["", "a_", "_", "__a", "Example.com", "a..b"] {
            assert_eq!(
                dns1123_subdomain_with_underscore_errors(bad).len(),
                1,
                "{bad}"
            );
        }
        for ok in [
            "10.0.0.10",
            "010.001.0.1",
            "::1",
            "2001:db8::ffff",
            "::ffff:1.2.3.4",
            "::ffff:01.2.3.4",
            "1:2:3:4:5:6:7::",
        ] {
            assert!(is_ip_sloppy(ok), "{ok}");
        }
        for bad in [
            "",
            "1.2.3",
            "1.2.3.256",
            "1.2.3.4/24",
            "fe80::1%eth0",
            "::1::2",
            "a.b.c.d",
            " 1.2.3.4",
            "1.2.3.4.",
        ] {
            assert!(!is_ip_sloppy(bad), "{bad}");
        }
    }

    #[test]
    fn env_names() {
        assert!(env_var_name_errors("MY_VAR").is_empty());
        assert_eq!(env_var_name_errors("1abc").len(), 1);
        assert_eq!(
            env_var_name_errors("..x"),
            vec!["must not start with '..'".to_string()]
        );
    }
}
