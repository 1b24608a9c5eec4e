//! `check`'s outputs for CI systems and its `--fail-on` gates:
//!
//! - `-o github`: GitHub Actions workflow commands, `::error` for each
//!   error (validation, input) and `::warning` for each node (and, with
//!   `--fail-on warnings`, each warning) that a `--fail-on` condition
//!   matches, escaped as the Actions toolkit escapes them;
//! - `-o sarif`: SARIF 2.1.0, one rule per error type and per condition,
//!   results located by file (relative to the working directory), line
//!   and column;
//! - `-o junit`: JUnit XML, one test suite per DaemonSet, one test case
//!   for its API validation and one per node.
//!
//! Errors and warnings of the input are in every DaemonSet's report; each
//! distinct one is written once.

use super::args::FailOn;
use super::check::{fail_on_of, state_word};
use crate::check::Report;
use crate::diagnostic::Diagnostic;
use crate::session::CheckedDaemonSet;
use clap::ValueEnum;
use serde::Serialize;
use std::collections::BTreeSet;

/// One `--fail-on` condition met: a node (index in `report.nodes`) or a
/// warning (index in `report.warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gate {
    pub condition: FailOn,
    pub node: Option<usize>,
    pub warning: Option<usize>,
}

/// The conditions of `fail_on` that a report meets, nodes first.
pub fn gates(r: &Report, fail_on: &[FailOn]) -> Vec<Gate> {
    let mut out: Vec<Gate> = r
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let c = fail_on_of(n.state).filter(|c| fail_on.contains(c))?;
            Some(Gate {
                condition: c,
                node: Some(i),
                warning: None,
            })
        })
        .collect();
    if fail_on.contains(&FailOn::Warnings) {
        out.extend((0..r.warnings.len()).map(|i| Gate {
            condition: FailOn::Warnings,
            node: None,
            warning: Some(i),
        }));
    }
    out
}

impl Gate {
    /// The condition's name on the command line (`keeps-existing`).
    pub fn condition_name(&self) -> String {
        self.condition
            .to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    /// `pending: DaemonSet default/x: node worker-3 is Pending: <reason>`,
    /// or the warning's message.
    pub fn message(&self, r: &Report) -> String {
        match (self.node.and_then(|i| r.nodes.get(i)), self.warning) {
            (Some(n), _) => {
                let reason = n.reason();
                let mut s = format!(
                    "{}: node {} is {}",
                    daemon_set_words(r),
                    n.name,
                    state_word(n.state)
                );
                if !reason.is_empty() {
                    s.push_str(": ");
                    s.push_str(&reason);
                }
                s
            }
            (None, Some(w)) => r
                .warnings
                .get(w)
                .map(Diagnostic::message)
                .unwrap_or_default(),
            (None, None) => String::new(),
        }
    }
}

/// `DaemonSet default/x`.
fn daemon_set_words(r: &Report) -> String {
    match &r.daemon_set {
        Some(d) => format!("DaemonSet {}/{}", d.namespace, d.name),
        None => "DaemonSet".into(),
    }
}

/// A file name as CI systems want it: relative to the working directory
/// when it is inside it, with `/` separators; `None` for standard input.
pub fn relative_path(name: &str) -> Option<String> {
    if name == "-" || name.is_empty() {
        return None;
    }
    let path = std::path::Path::new(name);
    let rel = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path),
        _ => path,
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    Some(s.to_string())
}

/// Where a diagnostic or a DaemonSet is: file, line, column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
}

impl Place {
    fn of(d: &Diagnostic) -> Place {
        Place {
            file: d.source.as_deref().and_then(relative_path),
            line: d.line,
            column: d.column,
        }
    }

    fn of_daemon_set(c: &CheckedDaemonSet) -> Place {
        Place {
            file: c.source.as_deref().and_then(relative_path),
            line: c.line,
            column: c.column,
        }
    }
}

/// What a CI format writes, in order: per DaemonSet its errors, then the
/// nodes and warnings that `--fail-on` matched; each distinct error or
/// warning once.
enum Finding {
    Error(Diagnostic),
    Node {
        condition: FailOn,
        message: String,
        place: Place,
    },
    Warning(Diagnostic),
}

fn findings(checked: &[CheckedDaemonSet], gates: &[Vec<Gate>]) -> Vec<Finding> {
    let mut seen: BTreeSet<(Place, String)> = BTreeSet::new();
    let mut first = |d: &Diagnostic| seen.insert((Place::of(d), d.message()));
    let mut out = Vec::new();
    for (c, gs) in checked.iter().zip(gates) {
        for e in c.report.input_errors.iter().chain(&c.report.errors) {
            if first(e) {
                out.push(Finding::Error(e.clone()));
            }
        }
        for g in gs {
            if g.node.is_some() {
                out.push(Finding::Node {
                    condition: g.condition,
                    message: g.message(&c.report),
                    place: Place::of_daemon_set(c),
                });
            } else if let Some(w) = g.warning.and_then(|i| c.report.warnings.get(i)) {
                if first(w) {
                    out.push(Finding::Warning(w.clone()));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------- GitHub

/// A workflow command's message: `%`, CR and LF escaped (the Actions
/// toolkit's `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` (the toolkit's
/// `escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn workflow_command(command: &str, place: &Place, message: &str) -> String {
    let mut props = Vec::new();
    if let Some(f) = &place.file {
        props.push(format!("file={}", escape_property(f)));
        if let Some(l) = place.line {
            props.push(format!("line={l}"));
            if let Some(c) = place.column {
                props.push(format!("col={c}"));
            }
        }
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!(" {}", props.join(","))
    };
    format!("::{command}{props}::{}\n", escape_data(message))
}

/// `-o github`: one workflow command a line.
pub fn github(checked: &[CheckedDaemonSet], gates: &[Vec<Gate>]) -> String {
    findings(checked, gates)
        .iter()
        .map(|f| match f {
            Finding::Error(d) => workflow_command("error", &Place::of(d), &d.message()),
            Finding::Node { message, place, .. } => workflow_command("warning", place, message),
            Finding::Warning(d) => workflow_command("warning", &Place::of(d), &d.message()),
        })
        .collect()
}

// ----------------------------------------------------------------- SARIF

/// SARIF 2.1.0's log (the parts written here).
#[derive(Debug, Serialize)]
pub struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun>,
}

#[derive(Debug, Serialize)]
struct SarifRun {
    tool: SarifTool,
    results: Vec<SarifResult>,
}

#[derive(Debug, Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Debug, Serialize)]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: String,
    name: String,
    short_description: SarifText,
}

#[derive(Debug, Serialize)]
struct SarifText {
    text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: SarifText,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Debug, Serialize)]
struct SarifArtifact {
    uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

/// A relative path as a URI reference: bytes other than unreserved
/// characters and `/` percent-encoded (RFC 3986).
pub fn uri_reference(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// A rule id from an error type: `Unsupported value` → `unsupported-value`.
fn rule_id(kind: &str) -> String {
    let words: Vec<String> = kind
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "error".into()
    } else {
        words.join("-")
    }
}

/// `unsupported-value` → `UnsupportedValue`.
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn condition_rule(c: FailOn) -> (&'static str, &'static str) {
    match c {
        FailOn::Pending => (
            "daemon-pod-pending",
            "The DaemonSet's pod on this node would be Pending: the scheduler rejects it",
        ),
        FailOn::Excluded => ("node-excluded", "The DaemonSet does not target this node"),
        FailOn::KeepsExisting => (
            "keeps-existing-pod",
            "A running daemon pod stays on this node, but no new one would be created there",
        ),
        FailOn::FailedCreate => (
            "daemon-pod-create-refused",
            "The DaemonSet controller cannot create its pod for this node: the API server refuses it",
        ),
        FailOn::Warnings => ("warning", "A warning about the input"),
    }
}

fn sarif_locations(place: &Place) -> Vec<SarifLocation> {
    let Some(file) = &place.file else {
        return Vec::new();
    };
    vec![SarifLocation {
        physical_location: SarifPhysical {
            artifact_location: SarifArtifact {
                uri: if file.starts_with('/') {
                    format!("file://{}", uri_reference(file))
                } else {
                    uri_reference(file)
                },
            },
            region: place.line.map(|l| SarifRegion {
                start_line: l,
                start_column: place.column,
            }),
        },
    }]
}

/// `-o sarif`: one run; the rules that the results use, in the order
/// first used.
pub fn sarif(checked: &[CheckedDaemonSet], gates: &[Vec<Gate>]) -> SarifLog {
    let mut rules: Vec<SarifRule> = Vec::new();
    let mut rule_index = |id: String, text: &str| -> (String, usize) {
        if let Some(i) = rules.iter().position(|r| r.id == id) {
            return (id, i);
        }
        rules.push(SarifRule {
            name: rule_name(&id),
            id: id.clone(),
            short_description: SarifText { text: text.into() },
        });
        (id, rules.len() - 1)
    };
    let mut results = Vec::new();
    for f in findings(checked, gates) {
        let (id, index, level, message, place) = match f {
            Finding::Error(d) => {
                let (id, i) = rule_index(rule_id(&d.kind), &d.kind);
                (id, i, "error", d.message(), Place::of(&d))
            }
            Finding::Node {
                condition,
                message,
                place,
            } => {
                let (id, text) = condition_rule(condition);
                let (id, i) = rule_index(id.into(), text);
                (id, i, "warning", message, place)
            }
            Finding::Warning(d) => {
                let (id, i) = rule_index(rule_id(&d.kind), &d.kind);
                (id, i, "warning", d.message(), Place::of(&d))
            }
        };
        results.push(SarifResult {
            rule_id: id,
            rule_index: index,
            level,
            message: SarifText { text: message },
            locations: sarif_locations(&place),
        });
    }
    SarifLog {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "daemonset-sim",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
        }],
    }
}

// ----------------------------------------------------------------- JUnit

/// Text for XML 1.0 content or a double-quoted attribute: the five
/// special characters as entities, tabs and line ends as character
/// references (attribute values keep them so), and the characters XML
/// 1.0 cannot hold at all replaced by U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A test case: `failure` is `(type, message, body)`.
fn testcase(name: &str, classname: &str, failure: Option<(&str, &str, &str)>) -> String {
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\"",
        xml_escape(name),
        xml_escape(classname)
    );
    match failure {
        None => format!("{open}/>\n"),
        Some((kind, message, body)) => format!(
            "{open}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
            xml_escape(kind),
            xml_escape(message),
            xml_escape(body)
        ),
    }
}

/// `-o junit`: per DaemonSet a test suite with a test case for its API
/// validation (failing on validation errors, and on warnings with
/// `--fail-on warnings`) and one per node (failing when a `--fail-on`
/// condition matches its verdict).
pub fn junit(checked: &[CheckedDaemonSet], gates: &[Vec<Gate>]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for (c, gs) in checked.iter().zip(gates) {
        let r = &c.report;
        let classname = r
            .daemon_set
            .as_ref()
            .map(|d| format!("{}/{}", d.namespace, d.name))
            .unwrap_or_default();
        let mut cases = String::new();
        let mut suite_failures = 0;

        let warned: Vec<&Diagnostic> = gs
            .iter()
            .filter_map(|g| g.warning.and_then(|i| r.warnings.get(i)))
            .collect();
        let errors: Vec<&Diagnostic> = r.input_errors.iter().chain(&r.errors).collect();
        let mut lines: Vec<String> = errors
            .iter()
            .map(|e| format!("error: {}", e.located_message()))
            .collect();
        lines.extend(
            warned
                .iter()
                .map(|w| format!("warning: {}", w.located_message())),
        );
        let failure = match (errors.first(), warned.first()) {
            (Some(e), _) => Some(("ValidationError", e.message())),
            (None, Some(w)) => Some(("Warning", w.message())),
            (None, None) => None,
        };
        let body = lines.join("\n");
        suite_failures += usize::from(failure.is_some());
        cases.push_str(&testcase(
            "API validation",
            &classname,
            failure
                .as_ref()
                .map(|(k, m)| (*k, m.as_str(), body.as_str())),
        ));

        for (i, n) in r.nodes.iter().enumerate() {
            let gate = gs.iter().find(|g| g.node == Some(i));
            let failure = gate.map(|g| {
                let reason = n.reason();
                let word = state_word(n.state);
                let message = if reason.is_empty() {
                    word.to_string()
                } else {
                    format!("{word}: {reason}")
                };
                (word, message, g.message(r))
            });
            suite_failures += usize::from(failure.is_some());
            cases.push_str(&testcase(
                &format!("node/{}", n.name),
                &classname,
                failure
                    .as_ref()
                    .map(|(k, m, b)| (*k, m.as_str(), b.as_str())),
            ));
        }
        let suite_tests = r.nodes.len() + 1;
        tests += suite_tests;
        failures += suite_failures;
        let file = c
            .source
            .as_deref()
            .and_then(relative_path)
            .map(|f| format!(" file=\"{}\"", xml_escape(&f)))
            .unwrap_or_default();
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{suite_tests}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"0\"{file}>\n{cases}  </testsuite>\n",
            xml_escape(&daemon_set_words(r)),
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"daemonset-sim\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("100% a\r\nb:c,d"), "100%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        let place = Place {
            file: Some("dir,1/a:b.yaml".into()),
            line: Some(3),
            column: Some(7),
        };
        assert_eq!(
            workflow_command("error", &place, "x\ny"),
            "::error file=dir%2C1/a%3Ab.yaml,line=3,col=7::x%0Ay\n"
        );
        let nowhere = Place {
            file: None,
            line: Some(3),
            column: None,
        };
        assert_eq!(workflow_command("warning", &nowhere, "m"), "::warning::m\n");
    }

    #[test]
    fn xml_and_uri_escapes() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'\n\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;\u{FFFD}&lt;/a&gt;"
        );
        assert_eq!(uri_reference("my dir/ds#1.yaml"), "my%20dir/ds%231.yaml");
        assert_eq!(uri_reference("é"), "%C3%A9");
        assert_eq!(rule_id("Unsupported value"), "unsupported-value");
        assert_eq!(rule_name("unsupported-value"), "UnsupportedValue");
        assert_eq!(rule_id("%%"), "error");
    }

    #[test]
    fn paths_are_relative_to_the_working_directory() {
        assert_eq!(relative_path("-"), None);
        assert_eq!(relative_path("./a/b.yaml").as_deref(), Some("a/b.yaml"));
        let cwd = std::env::current_dir().unwrap();
        let abs = cwd.join("x").join("y.yaml");
        assert_eq!(
            relative_path(&abs.to_string_lossy()).as_deref(),
            Some("x/y.yaml")
        );
        assert_eq!(
            relative_path("/elsewhere/y.yaml").as_deref(),
            Some("/elsewhere/y.yaml")
        );
    }
}
