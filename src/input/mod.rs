//! Reading what users paste: YAML or JSON, one or several documents
//! (`---`, or JSON values one after another), `kind: List` and the typed
//! lists (`NodeList`, `PodList`, ...), real `kubectl get -o yaml|json` dumps
//! (unknown fields are skipped), and the shorthand node list
//! ([`shorthand`]). Every problem is a [`Diagnostic`] with the field path
//! and the line and column in the text.
//!
//! JSON is read with serde_json straight into the small model types (an
//! order of magnitude faster than a YAML parser on a 60 MiB dump); YAML
//! with serde_yaml. serde_yaml names the field path of a type error; for
//! JSON a small scanner finds the path of the value at the error position.

mod any;
pub mod locate;
pub(crate) mod shorthand;

use crate::diagnostic::Diagnostic;
use crate::k8s::defaults;
use crate::k8s::model::{DaemonSet, Deployment, Node, Pod, ResourceList};
use crate::k8s::quantity::Quantity;
use any::AnyObject;
use serde::Deserialize;
use std::collections::HashMap;

/// The syntax of one input text (JSON or YAML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// JSON when the first non-blank character opens an object or array.
    pub fn detect(text: &str) -> Syntax {
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .as_bytes()
            .first()
        {
            Some(b'{') | Some(b'[') => Syntax::Json,
            _ => Syntax::Yaml,
        }
    }
}

/// Where an object came from, so that its field paths can be located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index of the input in the list given to [`parse`].
    pub input: usize,
    pub syntax: Syntax,
    /// Which document (or JSON value) of the text.
    pub doc: usize,
    /// Path of the object inside its document (`items[3]`, `nodes[1]`), or "".
    pub prefix: String,
    /// The object came from the shorthand list: its own fields differ
    /// from the Kubernetes ones.
    pub shorthand: bool,
}

impl Origin {
    /// The full path inside the document of a field of this object.
    pub fn path(&self, field: &str) -> String {
        match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_string(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{}", self.prefix, field),
        }
    }
}

/// An object and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub object: T,
    pub origin: Origin,
}

/// One text to read, with the name errors should cite (a file name,
/// `-` for stdin, an editor name), if any.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: Option<&'a str>,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(name: Option<&'a str>, text: &'a str) -> Self {
        Source { name, text }
    }
}

/// Everything found in the inputs.
#[derive(Debug, Clone, Default)]
pub struct Objects {
    pub daemon_sets: Vec<Located<DaemonSet>>,
    pub deployments: Vec<Located<Deployment>>,
    pub nodes: Vec<Located<Node>>,
    /// Pods, defaulted as the API server stores them.
    pub pods: Vec<Located<Pod>>,
    /// Errors: the input cannot be used as it is.
    pub errors: Vec<Diagnostic>,
    /// Warnings: something was skipped (another kind, an unbound pod).
    pub warnings: Vec<Diagnostic>,
}

/// Reads every source; errors and warnings carry positions.
pub fn parse(sources: &[Source]) -> Objects {
    let mut out = Objects::default();
    for (i, src) in sources.iter().enumerate() {
        parse_one(i, src, &mut out);
    }
    check_nodes(sources, &mut out);
    check_pods(sources, &mut out);
    out
}

/// Locates `field` (a path inside the object) in its source text.
pub fn locate(sources: &[Source], origin: &Origin, field: &str) -> Option<(u32, u32)> {
    let text = sources.get(origin.input)?.text;
    let path = locate::parse_path(&origin.path(field));
    match origin.syntax {
        Syntax::Json => locate::locate_json(text, origin.doc, &path),
        Syntax::Yaml => locate::locate_yaml(text, origin.doc, &path),
    }
}

/// Places a diagnostic about `field` (a path inside the object) of an
/// object: its full path in the document, its line and column, and the
/// name of its text.
pub fn place(sources: &[Source], origin: &Origin, field: &str, mut d: Diagnostic) -> Diagnostic {
    d = d.with_position(locate(sources, origin, field));
    d.field = Some(origin.path(field)).filter(|f| !f.is_empty());
    d.source = sources
        .get(origin.input)
        .and_then(|s| s.name.map(str::to_string));
    d
}

/// A new diagnostic about `field` of an object, placed (see [`place`]).
pub fn diagnostic_at(
    sources: &[Source],
    origin: &Origin,
    field: &str,
    kind: &str,
    detail: impl Into<String>,
) -> Diagnostic {
    place(sources, origin, field, Diagnostic::new(None, kind, detail))
}

fn parse_one(input: usize, src: &Source, out: &mut Objects) {
    let syntax = Syntax::detect(src.text);
    let source = src.name.map(str::to_string);
    let push_err = |mut d: Diagnostic, out: &mut Objects| {
        d.source = source.clone();
        out.errors.push(d);
    };
    let origin = |doc| Origin {
        input,
        syntax,
        doc,
        prefix: String::new(),
        shorthand: false,
    };
    match syntax {
        Syntax::Json => {
            let stream =
                serde_json::Deserializer::from_str(src.text).into_iter::<Option<AnyObject>>();
            for (doc, item) in stream.enumerate() {
                match item {
                    Ok(Some(obj)) => accept(obj, origin(doc), out, src),
                    Ok(None) => {}
                    Err(e) => {
                        push_err(json_error(src.text, doc, &e), out);
                        break;
                    }
                }
            }
        }
        Syntax::Yaml => {
            for (doc, de) in serde_yaml::Deserializer::from_str(src.text).enumerate() {
                match Option::<AnyObject>::deserialize(de) {
                    Ok(Some(obj)) => accept(obj, origin(doc), out, src),
                    Ok(None) => {}
                    Err(e) => {
                        let syntax = yaml_syntax_is_broken(src.text, doc);
                        push_err(yaml_error(e, syntax), out);
                        if syntax {
                            break;
                        }
                    }
                }
            }
        }
    }
}

/// A document that does not even read as untyped YAML has a syntax error
/// (rather than a value of the wrong type).
fn yaml_syntax_is_broken(text: &str, doc: usize) -> bool {
    serde_yaml::Deserializer::from_str(text)
        .nth(doc)
        .is_none_or(|d| serde::de::IgnoredAny::deserialize(d).is_err())
}

fn position_suffix_stripped(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// A typed-parse error of YAML document `doc`: the path comes from a
/// second pass that tracks it.
fn yaml_error(e: serde_yaml::Error, syntax: bool) -> Diagnostic {
    let pos = e.location().map(|l| (l.line() as u32, l.column() as u32));
    let msg = position_suffix_stripped(&e.to_string());
    if syntax {
        return Diagnostic::new(None, "Syntax error", msg).with_position(pos);
    }
    let (path, detail) = split_yaml_path(&msg);
    Diagnostic::new(path, "Invalid value", detail).with_position(pos)
}

/// serde_yaml writes a type error as `<path>: <message>` (the path it
/// tracks while deserializing, e.g. `spec.template.spec.containers[0].name`).
/// A path has no white space; serde's own messages (`invalid type: ...`) do.
fn split_yaml_path(msg: &str) -> (Option<String>, String) {
    match msg.split_once(": ") {
        Some((path, rest))
            if !path.is_empty() && !path.contains(char::is_whitespace) && path != "." =>
        {
            (Some(path.to_string()), rest.to_string())
        }
        _ => (None, msg.to_string()),
    }
}

/// A JSON error: syntax errors as they are; for a type error the field
/// path is that of the value at the error's position (serde_json gives
/// the position only).
fn json_error(text: &str, doc: usize, e: &serde_json::Error) -> Diagnostic {
    let pos = Some((e.line() as u32, e.column() as u32)).filter(|p| p.0 > 0);
    let msg = position_suffix_stripped(&e.to_string());
    if e.is_syntax() || e.is_eof() {
        return Diagnostic::new(None, "Syntax error", msg).with_position(pos);
    }
    let path = pos.and_then(|(l, c)| locate::json_path_at(text, doc, l, c));
    Diagnostic::new(path, "Invalid value", msg).with_position(pos)
}

fn is_list_kind(kind: &str) -> bool {
    kind == "List" || kind.ends_with("List")
}

/// Files an object by kind.
fn accept(obj: AnyObject, origin: Origin, out: &mut Objects, src: &Source) {
    let sources = std::slice::from_ref(src);
    // locate() takes a list of sources; within this function there is one
    let local = Origin {
        input: 0,
        ..origin.clone()
    };
    let kind = obj.kind.clone().unwrap_or_default();
    match kind.as_str() {
        "DaemonSet" => out.daemon_sets.push(Located {
            object: obj.into_daemon_set(),
            origin,
        }),
        "Deployment" => out.deployments.push(Located {
            object: obj.into_deployment(),
            origin,
        }),
        "Node" => out.nodes.push(Located {
            object: obj.into_node(),
            origin,
        }),
        "Pod" => {
            let mut pod = obj.into_pod();
            defaults::default_pod(&mut pod);
            out.pods.push(Located {
                object: pod,
                origin,
            })
        }
        k if is_list_kind(k) || (k.is_empty() && !obj.items.is_empty()) => {
            for (i, item) in obj.items.into_iter().enumerate() {
                let o = Origin {
                    prefix: origin.path(&format!("items[{i}]")),
                    ..origin.clone()
                };
                accept(item, o, out, src);
            }
        }
        "" => match obj.nodes {
            Some(list) => {
                for (i, entry) in list.iter().enumerate() {
                    let entry_origin = Origin {
                        prefix: origin.path(&format!("nodes[{i}]")),
                        shorthand: true,
                        ..origin.clone()
                    };
                    match entry.expand() {
                        Ok((nodes, pods)) => {
                            for n in nodes {
                                out.nodes.push(Located {
                                    object: n,
                                    origin: entry_origin.clone(),
                                });
                            }
                            for mut p in pods {
                                defaults::default_pod(&mut p);
                                out.pods.push(Located {
                                    object: p,
                                    origin: entry_origin.clone(),
                                });
                            }
                        }
                        Err(errs) => {
                            let lo = Origin {
                                input: 0,
                                ..entry_origin.clone()
                            };
                            for e in errs {
                                out.errors
                                    .push(diagnostic_at(sources, &lo, &e.field, e.kind, e.detail));
                            }
                        }
                    }
                }
            }
            None => {
                out.errors.push(diagnostic_at(
                    sources,
                    &local,
                    "",
                    "Unknown document",
                    "expected a Kubernetes object with `kind` (DaemonSet, Node, Pod, Deployment, a List) or a shorthand `nodes:` list",
                ));
            }
        },
        other => {
            out.warnings.push(diagnostic_at(
                sources,
                &local,
                "kind",
                "Ignored",
                format!("kind {other:?} is not used by daemonset-sim"),
            ));
        }
    }
}

fn quantity_errors(list: &ResourceList, field: &str) -> Vec<(String, String)> {
    list.iter()
        .filter_map(|(k, v)| {
            Quantity::parse(v.as_str())
                .err()
                .map(|e| (format!("{field}[{k}]"), format!("{:?}: {e}", v.as_str())))
        })
        .collect()
}

/// Node names must be present and unique; quantities must parse.
fn check_nodes(sources: &[Source], out: &mut Objects) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, n) in out.nodes.iter().enumerate() {
        let name_field = if n.origin.shorthand {
            "name"
        } else {
            "metadata.name"
        };
        let name = n.object.name();
        if name.is_empty() {
            errors.push(diagnostic_at(
                sources,
                &n.origin,
                name_field,
                "Required value",
                "a node needs a name",
            ));
            continue;
        }
        if let Some(&first) = seen.get(name) {
            let f = &out.nodes[first];
            let at = locate(
                sources,
                &f.origin,
                if f.origin.shorthand {
                    "name"
                } else {
                    "metadata.name"
                },
            );
            let at = at
                .map(|(l, c)| format!(" (first at line {l}, column {c})"))
                .unwrap_or_default();
            errors.push(diagnostic_at(
                sources,
                &n.origin,
                name_field,
                "Duplicate value",
                format!("{name:?}: two nodes have this name{at}"),
            ));
        } else {
            seen.insert(name.to_string(), i);
        }
        if !n.origin.shorthand {
            let st = &n.object.status;
            let mut bad = quantity_errors(&st.capacity, "status.capacity");
            if let Some(a) = &st.allocatable {
                bad.extend(quantity_errors(a, "status.allocatable"));
            }
            for (field, detail) in bad {
                errors.push(diagnostic_at(
                    sources,
                    &n.origin,
                    &field,
                    "Invalid value",
                    detail,
                ));
            }
        } else {
            for (field, detail) in quantity_errors(n.object.allocatable(), "allocatable") {
                errors.push(diagnostic_at(
                    sources,
                    &n.origin,
                    &field,
                    "Invalid value",
                    detail,
                ));
            }
        }
    }
    out.errors.extend(errors);
}

/// Pods must be bound to a node to matter; quantities must parse.
fn check_pods(sources: &[Source], out: &mut Objects) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for p in &out.pods {
        if p.object.spec.node_name.as_deref().is_none_or(str::is_empty) {
            let mut d = diagnostic_at(
                sources,
                &p.origin,
                "spec",
                "Ignored",
                format!(
                    "pod {:?} has no spec.nodeName: only pods bound to a node use its resources",
                    p.object.metadata.name()
                ),
            );
            // located at `spec` (nodeName is missing), named for the field
            d.field = Some(p.origin.path("spec.nodeName"));
            warnings.push(d);
        }
        if p.origin.shorthand {
            continue;
        }
        for (ci, c) in p.object.spec.containers.iter().enumerate() {
            for (field, detail) in quantity_errors(
                &c.resources.requests,
                &format!("spec.containers[{ci}].resources.requests"),
            )
            .into_iter()
            .chain(quantity_errors(
                &c.resources.limits,
                &format!("spec.containers[{ci}].resources.limits"),
            )) {
                errors.push(diagnostic_at(
                    sources,
                    &p.origin,
                    &field,
                    "Invalid value",
                    detail,
                ));
            }
        }
    }
    out.errors.extend(errors);
    out.warnings.extend(warnings);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Objects {
        parse(&[Source::new(None, text)])
    }

    #[test]
    fn kubectl_json_list_with_kind_last() {
        let o = one(
            r#"{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"a","managedFields":[{"x":1}]},"status":{"images":[{"names":["x"],"sizeBytes":5}],"capacity":{"cpu":"2"}}}],"kind":"List","metadata":{"resourceVersion":""}}"#,
        );
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        assert_eq!(o.nodes.len(), 1);
        assert_eq!(o.nodes[0].origin.prefix, "items[0]");
        assert_eq!(o.nodes[0].object.allocatable()["cpu"].as_str(), "2");
    }

    #[test]
    fn yaml_documents_and_shorthand() {
        let o = one("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\n---\nnodes:\n- name: w\n  count: 2\n---\n");
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        assert_eq!(o.daemon_sets.len(), 1);
        assert_eq!(o.nodes.len(), 2);
    }

    #[test]
    fn duplicate_node_names_are_errors_with_positions() {
        let o = one("nodes:\n- name: a\n- name: b\n- name: a\n");
        assert_eq!(o.errors.len(), 1);
        let e = &o.errors[0];
        assert_eq!(e.kind, "Duplicate value");
        assert_eq!(e.field.as_deref(), Some("nodes[2].name"));
        assert_eq!((e.line, e.column), (Some(4), Some(9)));
        assert!(e.detail.contains("first at line 2"));
    }

    #[test]
    fn type_errors_have_paths_and_positions() {
        let o = one("kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: http\n");
        assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
        let e = &o.errors[0];
        assert_eq!(
            e.field.as_deref(),
            Some("spec.template.spec.containers[0].ports[0].containerPort")
        );
        assert_eq!(e.line, Some(8));
        let o = one("{\"kind\": \"Node\", \"metadata\": {\"name\": 5}}");
        assert_eq!(o.errors[0].field.as_deref(), Some("metadata.name"));
        assert_eq!(o.errors[0].line, Some(1));
    }

    #[test]
    fn syntax_errors_and_unknown_documents() {
        let o = one("kind: Node\nmetadata:\n  name: [a\n");
        assert_eq!(o.errors[0].kind, "Syntax error");
        assert!(o.errors[0].line.is_some());
        let o = one("foo: bar\n");
        assert_eq!(o.errors[0].kind, "Unknown document");
        let o = one("{\"kind\": ");
        assert_eq!(o.errors[0].kind, "Syntax error");
        let o = one("kind: Service\nmetadata: {name: x}\n");
        assert!(o.errors.is_empty());
        assert_eq!(o.warnings.len(), 1);
    }
}
