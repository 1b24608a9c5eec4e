//! Errors as values: every problem found in the user's input, with the
//! Kubernetes field path and, where it can be found, the line and column
//! in the text the user pasted.

use serde::Serialize;

/// One problem in the input.
///
/// For API validation errors `kind` is the Kubernetes `field.ErrorType`
/// text (`Required value`, `Invalid value`, `Unsupported value`,
/// `Forbidden`, `Duplicate value`, ...) and [`Diagnostic::message`] renders
/// exactly what the API server returns:
/// `spec.selector: Invalid value: {}: empty selector is invalid for daemonset`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(as = "DiagnosticJson"))]
pub struct Diagnostic {
    /// Field path in the object (`spec.template.spec.tolerations[1].effect`),
    /// `None` for text-level problems (a YAML syntax error).
    pub field: Option<String>,
    /// Error type: a Kubernetes `field.ErrorType` text, or `Syntax error`,
    /// `Invalid type`, `Duplicate node`, `Unknown kind`, ... for input problems.
    pub kind: String,
    /// Everything after the type in the Kubernetes error string, including
    /// the quoted bad value (`"Evict": supported values: ...`). May be empty.
    pub detail: String,
    /// 1-based line in the text, where known.
    pub line: Option<u32>,
    /// 1-based column in the text, where known.
    pub column: Option<u32>,
    /// Which input the position refers to (a file name, `-`, or an editor
    /// name such as `daemonset` / `nodes`), where there are several.
    pub source: Option<String>,
    /// A hint of this tool's own: the field an unknown one is probably
    /// meant to be, the API version to use instead, ...
    pub hint: Option<String>,
    /// For a message of this tool's own (not one Kubernetes prints): its
    /// code and parameters, so that a front-end can word it in the
    /// reader's language. `None` for Kubernetes' own messages, which stay
    /// word for word.
    pub words: Option<Words>,
    /// The same for the hint.
    pub hint_words: Option<Words>,
}

/// A message of this tool's own as a code and its parameters: the page
/// words it in the reader's language (`words.<code>` in its i18n tables),
/// the CLI prints the English text beside which it is made. Every code is
/// in [`WORD_CODES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Words {
    /// One of [`WORD_CODES`] (`skipped`, `duplicateNode`, ...).
    pub code: &'static str,
    /// The parameters by name.
    #[cfg_attr(test, ts(as = "std::collections::BTreeMap<String, WordArg>"))]
    pub args: WordArgs,
}

/// The parameters of a [`Words`] by name, in name order (a JSON object):
/// a handful each, so a sorted list (a `BTreeMap` of these compiled about
/// 6 KB of wasm code for them alone).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordArgs(Vec<(&'static str, WordArg)>);

impl WordArgs {
    /// The parameter `name`.
    pub fn get(&self, name: &str) -> Option<&WordArg> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Sets the parameter `name` (in its place by name).
    fn set(&mut self, name: &'static str, value: WordArg) {
        match self.0.iter().position(|(k, _)| *k >= name) {
            Some(i) if self.0[i].0 == name => self.0[i].1 = value,
            Some(i) => self.0.insert(i, (name, value)),
            None => self.0.push((name, value)),
        }
    }
}

impl<'a> IntoIterator for &'a WordArgs {
    type Item = (&'a &'static str, &'a WordArg);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'static str, WordArg)>,
        fn(&'a (&'static str, WordArg)) -> (&'a &'static str, &'a WordArg),
    >;

    /// The parameters in name order, as a map's `iter` gives them.
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for WordArgs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One parameter of a [`Words`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum WordArg {
    /// A name, a field, a kind: shown as it is.
    Text(String),
    /// A count, shown in the reader's number format (and plural).
    Count(u64),
    /// Counts of things (`[["ClusterRole", 9], ["ConfigMap", 2]]`), shown
    /// as a list in the reader's language.
    Counts(Vec<(String, u64)>),
}

impl From<&str> for WordArg {
    fn from(s: &str) -> Self {
        WordArg::Text(s.to_string())
    }
}

impl From<String> for WordArg {
    fn from(s: String) -> Self {
        WordArg::Text(s)
    }
}

impl From<usize> for WordArg {
    fn from(n: usize) -> Self {
        WordArg::Count(n as u64)
    }
}

impl From<u32> for WordArg {
    fn from(n: u32) -> Self {
        WordArg::Count(u64::from(n))
    }
}

impl Words {
    /// Words of `code` with the parameters `args`.
    pub fn new<const N: usize>(code: &'static str, args: [(&'static str, WordArg); N]) -> Self {
        debug_assert!(WORD_CODES.contains(&code), "unknown word code {code}");
        let mut map = WordArgs::default();
        for (k, v) in args {
            map.set(k, v);
        }
        Words { code, args: map }
    }
}

/// Every code a [`Words`] may carry; each has a text in both of the page's
/// languages (a test checks `web/i18n/en.js` and `web/i18n/zh-TW.js`).
pub const WORD_CODES: &[&str] = &[
    // input
    "tooManyProblems",
    "limit",
    "limitFound",
    "repeatedKey",
    "invalidDocument",
    "unknownDocument",
    "nodesNotAList",
    "nodeNameRequired",
    "duplicateNode",
    "duplicateNodeAt",
    "duplicateNodeIn",
    "podUnbound",
    "skipped",
    // hints
    "kindCase",
    "removedVersion",
    "removedVersionSelector",
    "noApiVersion",
    "servedAs",
    "shorthandExpansion",
    "didYouMean",
    "unknownFieldInDump",
    "unknownFieldInDumpDidYouMean",
    "templateText",
    // session
    "ignoredDaemonSets",
    "ignoredInClusterText",
    "clusterTextDaemonSet",
    "ignoredInDaemonSetText",
    "noDaemonSet",
    "noDaemonSetInText",
    "noObjectInFile",
    "noWorkload",
    // applying a fix (Session::apply_fix): why it cannot be done
    "noSuchNode",
    "noSuchFix",
    "noSuchDaemonSet",
    "taintFromCondition",
    "fixAboutOtherPods",
    "requestFits",
    "requestNotLowerable",
    "jsonOneObject",
    // the text cannot take the edit (input::edit)
    "editMoved",
    "editUnreadable",
    "editEmptyPath",
    "editAlias",
    "editNotList",
    "editNoElement",
    "editEmptyBlockMap",
    "editNotMap",
    "editEmptyValueNoKey",
    "editBlockValueNoKey",
    "editValueNoKey",
    "editScalar",
    "editKeyNoColon",
    "editNotAList",
    "editSharedLine",
];

/// A message of this tool's own before it becomes a [`Diagnostic`]: its
/// English text and its words (an edit the text cannot take, a fix that
/// cannot be applied). Its `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    pub words: Words,
}

impl Worded {
    pub fn new<const N: usize>(
        text: impl Into<String>,
        code: &'static str,
        args: [(&'static str, WordArg); N],
    ) -> Self {
        Worded {
            text: text.into(),
            words: Words::new(code, args),
        }
    }

    /// The message as a diagnostic of type `kind` (its detail the text).
    pub fn diagnostic(&self, kind: &str) -> Diagnostic {
        Diagnostic {
            words: Some(self.words.clone()),
            ..Diagnostic::new(None, kind, self.text.clone())
        }
    }
}

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The JSON form of a [`Diagnostic`]: its fields, and its
/// [`Diagnostic::message`] so that no front-end words it again.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "Diagnostic"))]
#[serde(rename_all = "camelCase")]
struct DiagnosticJson<'a> {
    /// Field path in the object (`spec.template.spec.tolerations[1].effect`),
    /// `null` for text-level problems (a YAML syntax error).
    field: Option<&'a str>,
    /// Error type: a Kubernetes `field.ErrorType` text (`Invalid value`), or
    /// this tool's own for input problems (`Syntax error`, `Decode error`).
    #[serde(rename = "type")]
    kind: &'a str,
    /// Everything after the type in the Kubernetes error string. May be empty.
    detail: &'a str,
    /// The error as the API server or kubectl prints it.
    message: String,
    /// 1-based line in the text, where known.
    line: Option<u32>,
    /// 1-based column (in characters) in the text, where known.
    column: Option<u32>,
    /// Which input the position refers to (a file name, `-`, or an editor
    /// name such as `daemonset` / `nodes`), where there are several.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    source: Option<&'a str>,
    /// A hint of this tool's own: the field an unknown one is probably
    /// meant to be, the API version to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    hint: Option<&'a str>,
    /// For a message of this tool's own: its code and parameters, to word
    /// it in the reader's language (`message` is the English text).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    words: Option<&'a Words>,
    /// The same for the hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    hint_words: Option<&'a Words>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DiagnosticJson {
            field: self.field.as_deref(),
            kind: &self.kind,
            detail: &self.detail,
            message: self.message(),
            line: self.line,
            column: self.column,
            source: self.source.as_deref(),
            hint: self.hint.as_deref(),
            words: self.words.as_ref(),
            hint_words: self.hint_words.as_ref(),
        }
        .serialize(s)
    }
}

/// The types whose detail is the whole message, as the API server or
/// kubectl prints it (it names the field itself).
const WHOLE_MESSAGE: [&str; 3] = ["Decode error", "Unserved API version", "Warning"];

impl Diagnostic {
    pub fn new(field: Option<String>, kind: impl Into<String>, detail: impl Into<String>) -> Self {
        Diagnostic {
            field,
            kind: kind.into(),
            detail: detail.into(),
            line: None,
            column: None,
            source: None,
            hint: None,
            words: None,
            hint_words: None,
        }
    }

    /// A message of this tool's own: its English `detail` (or whole text,
    /// see [`Diagnostic::message`]) and its words for other languages.
    pub fn worded<const N: usize>(
        mut self,
        code: &'static str,
        args: [(&'static str, WordArg); N],
    ) -> Self {
        self.words = Some(Words::new(code, args));
        self
    }

    /// A hint of this tool's own, in English and as words.
    pub fn hinted<const N: usize>(
        mut self,
        hint: impl Into<String>,
        code: &'static str,
        args: [(&'static str, WordArg); N],
    ) -> Self {
        self.hint = Some(hint.into());
        self.hint_words = Some(Words::new(code, args));
        self
    }

    /// A problem with the text itself, at a position.
    pub fn at(kind: impl Into<String>, detail: impl Into<String>, line: u32, column: u32) -> Self {
        Diagnostic {
            line: Some(line),
            column: Some(column),
            ..Diagnostic::new(None, kind, detail)
        }
    }

    pub fn with_position(mut self, pos: Option<(u32, u32)>) -> Self {
        if let Some((l, c)) = pos {
            self.line = Some(l);
            self.column = Some(c);
        }
        self
    }

    /// The error as Kubernetes prints it: `<field>: <type>: <detail>`
    /// (`<field>: <type>` when there is no detail).
    pub fn message(&self) -> String {
        if WHOLE_MESSAGE.contains(&self.kind.as_str()) {
            return self.detail.clone();
        }
        let mut s = String::new();
        if let Some(f) = &self.field {
            s.push_str(f);
            s.push_str(": ");
        }
        s.push_str(&self.kind);
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// `message()` prefixed with `line:column` (and the source) for terminals.
    pub fn located_message(&self) -> String {
        let mut s = String::new();
        if let Some(src) = &self.source {
            s.push_str(src);
            s.push(':');
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            s.push_str(&format!("{l}:{c}: "));
        } else if self.source.is_some() {
            s.push(' ');
        }
        s.push_str(&self.message());
        if let Some(h) = &self.hint {
            s.push_str(" (");
            s.push_str(h);
            s.push(')');
        }
        s
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.located_message())
    }
}

impl std::error::Error for Diagnostic {}

/// Declares an error type that carries the text Kubernetes itself gives
/// for the failure (its `Display` is that text, word for word).
macro_rules! kubernetes_error {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub String);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::error::Error for $name {}
    };
}
pub(crate) use kubernetes_error;

/// An object of a kind the engine does not use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_matches_kubernetes_error_string() {
        let d = Diagnostic::new(
            Some("spec.template.spec.containers".into()),
            "Required value",
            "",
        );
        assert_eq!(d.message(), "spec.template.spec.containers: Required value");
        let d = Diagnostic::new(
            Some("spec.template.spec.tolerations[0].effect".into()),
            "Unsupported value",
            "\"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        )
        .with_position(Some((12, 17)));
        assert_eq!(
            d.located_message(),
            "12:17: spec.template.spec.tolerations[0].effect: Unsupported value: \"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
        );
    }
}
