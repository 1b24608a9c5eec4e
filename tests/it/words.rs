//! The tool's own messages carry words (a code and its parameters) that the
//! page renders in the reader's language from `web/i18n/<lang>.js`. Here:
//! every code has a text in both languages with the same placeholders, and
//! the English text filled in with a diagnostic's parameters is exactly the
//! English message the CLI prints, so the page and the CLI never drift.
//! Kubernetes' own messages carry no words: they stay word for word.

use crate::common::{root, AGENT_DS};
use daemonset_sim::diagnostic::{Diagnostic, WordArg, Words, WORD_CODES};
use daemonset_sim::input::limits::Limits;
use daemonset_sim::input::{self, Source};
use daemonset_sim::session::{self, ApplyError, Session};
use std::collections::{BTreeMap, BTreeSet};

/// The `'key': 'text'` entries of an i18n table.
fn table(lang: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("web/i18n/{lang}.js"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('\'') else {
            continue;
        };
        let Some((key, value)) = rest.split_once("': ") else {
            continue;
        };
        let value = value.strip_suffix(',').unwrap_or(value);
        let quote = value.chars().next().unwrap();
        assert!(
            (quote == '\'' || quote == '"') && value.ends_with(quote),
            "{lang}.js: {line}"
        );
        let inner = &value[1..value.len() - 1];
        let unescaped = inner.replace("\\'", "'").replace("\\\"", "\"");
        out.insert(key.to_string(), unescaped);
    }
    out
}

/// `{name}` and the count of `{name, plural, …}`.
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let end = rest.find(['}', ',']).unwrap_or(rest.len());
        let name = &rest[..end];
        let plural = rest[end..].starts_with(", plural,");
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && (plural || rest[end..].starts_with('}'))
        {
            out.insert(name.to_string());
        }
    }
    out
}

/// English's `{name, plural, one {…} other {…}}` with `n` (web/i18n/index.js
/// `plural`: `=n`, then `one` for 1, then `other`; `#` is the number).
fn english_plural(template: &str, name: &str, n: u64) -> String {
    let open = format!("{{{name}, plural,");
    let Some(start) = template.find(&open) else {
        return template.to_string();
    };
    let mut options = BTreeMap::new();
    let bytes = template.as_bytes();
    let mut i = start + open.len();
    loop {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'}' {
            break;
        }
        let sel_end = i + template[i..].find(' ').unwrap();
        let sel = &template[i..sel_end];
        i = sel_end + 1;
        assert_eq!(bytes[i], b'{', "{template}");
        let mut depth = 1;
        let text_start = i + 1;
        i += 1;
        while depth > 0 {
            match bytes[i] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        options.insert(sel.to_string(), template[text_start..i - 1].to_string());
    }
    let text = options
        .get(&format!("={n}"))
        .or(if n == 1 { options.get("one") } else { None })
        .or(options.get("other"))
        .unwrap_or_else(|| panic!("{template}: no form for {n}"));
    let text = text.replace('#', &english_number(n));
    format!(
        "{}{}{}",
        &template[..start],
        text,
        english_plural(&template[i + 1..], name, n)
    )
}

/// `1234567` as English writes it (the page's `num` in English).
fn english_number(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What the page shows for `w` in English (web/ui/diagnostics.js `words`).
fn render(en: &BTreeMap<String, String>, w: &Words) -> String {
    let key = format!("words.{}", w.code);
    let mut out = en
        .get(&key)
        .unwrap_or_else(|| panic!("en.js lacks {key}"))
        .clone();
    for (name, arg) in &w.args {
        if let WordArg::Count(n) = arg {
            out = english_plural(&out, name, *n);
        }
    }
    for (name, arg) in &w.args {
        let value = match arg {
            WordArg::Text(s) if *name == "what" => en[&format!("limitWhat.{s}")].clone(),
            WordArg::Text(s) => s.clone(),
            WordArg::Count(n) => english_number(*n),
            WordArg::Counts(list) => list
                .iter()
                .map(|(kind, n)| {
                    en["words.countOf"]
                        .replace("{n}", &english_number(*n))
                        .replace("{kind}", kind)
                })
                .collect::<Vec<_>>()
                .join(&en["words.listSep"]),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

/// The English the page shows for a worded diagnostic, the way
/// `diagnosticText` builds it.
fn page_english(en: &BTreeMap<String, String>, d: &Diagnostic) -> (String, Option<String>) {
    let main = match &d.words {
        Some(w) => {
            let field = d
                .field
                .as_ref()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            format!("{field}{}", render(en, w))
        }
        None => d.message(),
    };
    let hint = match &d.hint_words {
        Some(w) => Some(render(en, w)),
        None => d.hint.clone(),
    };
    (main, hint)
}

const DS: &str = AGENT_DS;

fn src(texts: &[(&'static str, &'static str)]) -> Vec<Source<'static>> {
    texts
        .iter()
        .map(|(name, text)| Source::new(Some(name), text))
        .collect()
}

/// Diagnostics of every code the engine words, from inputs that cause them.
fn worded_diagnostics() -> Vec<Diagnostic> {
    let mut all = Vec::new();
    let mut read = |texts: &[(&'static str, &'static str)], limits: Limits| {
        let objects = input::parse_with(&src(texts), &limits);
        all.extend(objects.errors);
        all.extend(objects.warnings);
        for ds in objects.daemon_sets {
            all.extend(ds.problems);
        }
    };
    let flannel: &'static str = Box::leak(
        std::fs::read_to_string(root().join("web/examples/flannel.daemonset.yaml"))
            .unwrap()
            .into_boxed_str(),
    );
    let d = Limits::default;
    read(&[("install.yaml", flannel)], d());
    read(
        &[(
            "a.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        )],
        d(),
    );
    read(&[("a.yaml", "a: 1\na: 2\n")], d());
    read(
        &[("a.yaml", "metadata:\n  name: {{ .Values.name }}\n")],
        d(),
    );
    read(&[("a.yaml", "- a\n- b\n")], d());
    read(&[("a.yaml", "foo: bar\n")], d());
    read(&[("a.yaml", "nodes: 3\n")], d());
    read(
        &[("a.yaml", "apiVersion: v1\nkind: Node\nmetadata: {}\n")],
        d(),
    );
    read(
        &[("a.yaml", "nodes: [{name: w1}, {name: w2}, {name: w1}]\n")],
        d(),
    );
    read(
        &[
            ("a.yaml", "nodes: [{name: w1}]\n"),
            ("b.yaml", "nodes: [{name: w1}]\n"),
        ],
        d(),
    );
    read(
        &[("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]}\n")],
        d(),
    );
    read(
        &[("a.yaml", "a: [[[[[1]]]]]\n")],
        Limits {
            max_depth: 3,
            ..d()
        },
    );
    read(
        &[("a.yaml", "nodes: [{name: w, count: 5}]\n")],
        Limits {
            max_nodes: 3,
            ..d()
        },
    );
    read(
        &[("a.yaml", "nodes: []\n")],
        Limits {
            max_input_bytes: 3,
            ..d()
        },
    );
    read(
        &[("a.yaml", "a: 1\na: 2\na: 3\na: 4\n")],
        Limits {
            max_diagnostics: 2,
            ..d()
        },
    );
    read(
        &[(
            "a.yaml",
            "apiVersion: apps/v1\nkind: daemonset\nmetadata: {name: x}\n",
        )],
        d(),
    );
    read(
        &[(
            "a.yaml",
            "apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: x}\n",
        )],
        d(),
    );
    read(
        &[("a.yaml", "apiVersion: scheduling.k8s.io/v1beta1\nkind: PriorityClass\nmetadata: {name: x}\nvalue: 1\n")],
        d(),
    );
    read(&[("a.yaml", "kind: DaemonSet\nmetadata: {name: x}\n")], d());
    read(
        &[(
            "a.yaml",
            "apiVersion: apps/v2\nkind: DaemonSet\nmetadata: {name: x}\n",
        )],
        d(),
    );
    read(
        &[(
            "a.yaml",
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec: {templat: {}}\n",
        )],
        d(),
    );
    read(
        &[(
            "a.yaml",
            "apiVersion: v1\nkind: Node\nmetadata: {name: w}\nspec: {unschedulabel: true}\n",
        )],
        d(),
    );
    read(
        &[(
            "a.yaml",
            "apiVersion: v1\nkind: Node\nmetadata: {name: w}\nspec: {newFeatureField: 1}\n",
        )],
        d(),
    );
    // the session's own
    let two: &'static str =
        Box::leak(format!("{DS}---\n{}", DS.replace("agent}", "other}")).into_boxed_str());
    let report = session::check(&src(&[
        ("ds.yaml", two),
        ("n.yaml", "nodes: [{name: w}]\n"),
    ]))
    .unwrap();
    all.extend(report.warnings);
    let refusal = session::check(&src(&[("n.yaml", "nodes: [{name: w}]\n")])).unwrap_err();
    all.extend(refusal.diagnostics());
    let mut s = Session::new();
    let summary = s.set_cluster(DS);
    all.extend(summary.warnings);
    all.extend(
        s.check("apiVersion: v1\nkind: Node\nmetadata: {name: w}\n")
            .unwrap_err()
            .diagnostics(),
    );
    let summary = s.set_cluster(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n",
    );
    all.extend(summary.warnings);
    s.set_cluster("nodes: [{name: w}]\n");
    all.extend(
        s.check(&format!(
            "{DS}---\napiVersion: v1\nkind: Node\nmetadata: {{name: w}}\n"
        ))
        .unwrap()
        .warnings,
    );
    all.extend(
        s.compare(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
            None,
        )
        .unwrap_err()
        .diagnostics(),
    );
    all.extend(session::unused_text(&Source::new(
        Some("values.yaml"),
        "replicas: 3\n",
    )));
    all.extend(
        session::compare_inputs(&src(&[("n.yaml", "nodes: [{name: w}]\n")]), None)
            .unwrap_err()
            .diagnostics(),
    );
    all.extend(
        apply_refusals()
            .into_iter()
            .flat_map(|(_, e)| e.diagnostics()),
    );
    all
}

/// A DaemonSet text with `more` added to its pod template's spec.
fn ds_with(more: &str) -> String {
    format!("{DS}{more}")
}

/// Fix `kind` of `node` applied (`Session::apply_fix`) with `nodes` kept
/// and `nodes_in_editor` as the text to change: its refusal.
fn refused_fix(ds: &str, nodes: &str, nodes_in_editor: &str, node: &str, kind: &str) -> ApplyError {
    let mut s = Session::new();
    s.set_cluster(nodes);
    let report = s.check(ds).unwrap();
    let n = report.nodes.iter().find(|n| n.name == node).unwrap();
    let i = n
        .fixes
        .iter()
        .position(|f| serde_json::to_value(f).unwrap()["kind"] == kind)
        .unwrap_or_else(|| panic!("{node} has no {kind} fix: {:?}", n.fixes));
    s.apply_fix(ds, nodes_in_editor, node, i)
        .expect_err("the fix is refused")
}

/// Every refusal of Apply that an input reaches, by its code: what the
/// page shows when its Apply button cannot do what it offers.
fn apply_refusals() -> Vec<(&'static str, ApplyError)> {
    let nodes = "nodes: [{name: w}]\n";
    let mut s = Session::new();
    s.set_cluster(nodes);
    let mut out = vec![
        ("noSuchNode", s.apply_fix(DS, nodes, "nope", 0).unwrap_err()),
        ("noSuchFix", s.apply_fix(DS, nodes, "w", 7).unwrap_err()),
        (
            "noSuchDaemonSet",
            s.apply_cluster_fix(DS, nodes, 3, "w", 0).unwrap_err(),
        ),
    ];
    // a taint the shorthand derives from a condition: not in the text
    let not_ready = "nodes: [{name: w, ready: false}]\n";
    out.push((
        "taintFromCondition",
        refused_fix(DS, not_ready, not_ready, "w", "removeTaint"),
    ));
    // a host port another pod holds
    let port = ds_with("      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n");
    let port = port.replace(
        "image: agent:1}",
        "image: agent:1, ports: [{containerPort: 9100, hostPort: 9100}]}",
    );
    let holder = "nodes: [{name: w, pods: [{name: p, hostPorts: [9100]}]}]\n";
    out.push((
        "fixAboutOtherPods",
        refused_fix(&port, holder, holder, "w", "freeHostPort"),
    ));
    // the pod's overhead alone asks for more than the node has
    let overhead = ds_with("      overhead: {cpu: \"8\"}\n");
    let small = "nodes: [{name: w, allocatable: {cpu: \"4\"}}]\n";
    out.push((
        "requestNotLowerable",
        refused_fix(&overhead, small, small, "w", "lowerRequest"),
    ));
    // a PriorityClass cannot be added to a JSON text
    let json = r#"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
 "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}},
  "spec": {"priorityClassName": "node-critical", "containers": [{"name": "agent", "image": "agent:1"}]}}}}
"#;
    out.push((
        "jsonOneObject",
        refused_fix(json, nodes, nodes, "w", "createPriorityClass"),
    ));
    // the Nodes text is no longer the one the cluster was read from
    let tainted = "nodes:\n- name: w\n  taints: ['a=b:NoSchedule']\n";
    out.push((
        "editMoved",
        refused_fix(DS, tainted, "nodes: []\n", "w", "removeTaint"),
    ));
    out.push((
        "editUnreadable",
        refused_fix(
            DS,
            tainted,
            "nodes:\n- name: w\n  taints: ['a=b:NoSchedule'\n",
            "w",
            "removeTaint",
        ),
    ));
    // a node whose labels are an alias of its annotations
    let aliased = "apiVersion: v1\nkind: Node\nmetadata:\n  name: w\n  annotations: &l {disk: hdd}\n  labels: *l\n";
    let selects = ds_with("      nodeSelector: {disk: ssd}\n");
    out.push((
        "editAlias",
        refused_fix(&selects, aliased, aliased, "w", "labelNode"),
    ));
    out
}

#[test]
fn every_apply_refusal_carries_its_words() {
    for (code, e) in apply_refusals() {
        let d = &e.diagnostics()[0];
        assert_eq!(
            d.words.as_ref().map(|w| w.code),
            Some(code),
            "{code}: {e:?}"
        );
        // the English is the message as it was before words
        assert_eq!(d.detail, e.to_string(), "{code}");
    }
}

#[test]
fn every_code_is_worded_in_both_languages_with_the_same_placeholders() {
    let en = table("en");
    let zh = table("zh-TW");
    for code in WORD_CODES {
        let key = format!("words.{code}");
        let (Some(e), Some(z)) = (en.get(&key), zh.get(&key)) else {
            panic!("{key} is missing from en.js or zh-TW.js");
        };
        assert_eq!(placeholders(e), placeholders(z), "{key}");
        assert!(!z.is_ascii(), "{key} in zh-TW.js is not translated: {z}");
    }
    // no stale texts: every words.* key is a code (or a helper of theirs)
    for key in en.keys().filter(|k| k.starts_with("words.")) {
        let code = key["words.".len()..].trim_end_matches(".one");
        assert!(
            WORD_CODES.contains(&code) || ["countOf", "listSep"].contains(&code),
            "{key} has no code in WORD_CODES"
        );
    }
}

#[test]
fn the_page_english_is_the_cli_english_for_every_worded_message() {
    let en = table("en");
    let diags = worded_diagnostics();
    let mut seen = BTreeSet::new();
    for d in &diags {
        for w in [&d.words, &d.hint_words].into_iter().flatten() {
            seen.insert(w.code);
        }
        // the page's editors say "the Nodes editor" where the library's
        // English names Session::set_cluster / evaluate
        if d.words
            .as_ref()
            .is_some_and(|w| w.code.starts_with("ignoredIn") || w.code == "clusterTextDaemonSet")
        {
            continue;
        }
        let (main, hint) = page_english(&en, d);
        assert_eq!(main, d.message(), "{d:?}");
        assert_eq!(hint, d.hint, "{d:?}");
    }
    // a summary of skipped objects is one line, counted per kind
    let skipped: Vec<_> = diags.iter().filter(|d| d.kind == "Skipped").collect();
    assert_eq!(
        skipped[0].message(),
        "Skipped: 5 other objects are not used: 1 ClusterRole, 1 ClusterRoleBinding, 1 ConfigMap, 1 Namespace, 1 ServiceAccount"
    );
    assert_eq!(
        skipped[1].message(),
        "Skipped: 1 other object is not used: 1 ConfigMap"
    );
    // every code is produced by some input above, except the duplicate
    // node without a position (a node always has one when read from text)
    // and the refusals of Apply no input reaches (guards of input::edit
    // against layouts the engine's reading never leaves there, a request
    // check the fix is only proposed without): their English is checked
    // against the engine's source text instead
    let sources: String = ["src/input/edit.rs", "src/session/fix_edit.rs"]
        .iter()
        .map(|p| std::fs::read_to_string(root().join(p)).unwrap())
        .collect();
    let mut unreached = Vec::new();
    for code in WORD_CODES
        .iter()
        .filter(|c| !seen.contains(*c) && **c != "duplicateNode")
    {
        let text =
            text_beside(&sources, code).unwrap_or_else(|| panic!("no input above produces {code}"));
        assert_eq!(
            en[&format!("words.{code}")],
            format!("No edit: {text}"),
            "{code}"
        );
        unreached.push(*code);
    }
    // most of them are edit guards; the reachable ones are reached
    assert!(unreached.len() <= 13, "{unreached:?}");
}

#[test]
fn kubernetes_own_messages_carry_no_words() {
    // strict decoding errors and unserved versions are kubectl's words; only
    // their hints are the tool's own
    let objects = input::parse(&src(&[(
        "a.yaml",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec: {templat: {}}\n---\napiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: y}\n",
    )]));
    assert_eq!(objects.errors.len(), 1, "{:?}", objects.errors);
    let ds = &objects.daemon_sets[0];
    assert!(ds.problems.iter().all(|d| d.words.is_none()));
    assert!(ds.problems.iter().any(|d| d.hint_words.is_some()));
    let unserved = &objects.errors[0];
    assert!(unserved.words.is_none());
    assert_eq!(
        unserved.hint_words.as_ref().unwrap().code,
        "removedVersionSelector"
    );
    // validation errors of the API server
    let report = session::check(&src(&[(
        "a.yaml",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: c}}\n    spec: {containers: [{name: c, image: i}]}\n",
    )]))
    .unwrap();
    let diags = report.errors;
    assert!(!diags.is_empty());
    assert!(
        diags
            .iter()
            .all(|d| d.words.is_none() && d.hint_words.is_none()),
        "{diags:?}"
    );
}

/// The string literal right after `"code", ` in `src`, else right before
/// `, "code"` (`err("editScalar", "a scalar")`, `Worded::new("text",
/// "requestFits", [])`).
fn text_beside(src: &str, code: &str) -> Option<String> {
    let at = src.find(&format!("\"{code}\""))?;
    let after = src[at + code.len() + 2..].trim_start();
    if let Some(rest) = after.strip_prefix(',') {
        if let Some(lit) = rest.trim_start().strip_prefix('"') {
            return Some(lit[..lit.find('"')?].to_string());
        }
    }
    let before = src[..at].trim_end().strip_suffix(',')?.trim_end();
    let lit = before.strip_suffix('"')?;
    Some(lit[lit.rfind('"')? + 1..].to_string())
}
