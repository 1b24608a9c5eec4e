//! Generates `src/k8s/schema/v1_36.rs`: every Go struct type reachable from
//! the root kinds that daemonset-sim reads (DaemonSet, Deployment, Node, Pod,
//! PriorityClass and their lists, and the generic `v1 List`), each with its
//! JSON fields, their shapes and their Go types.
//!
//! Sources:
//! - the `k8s-openapi` crate (feature `v1_36`, with `schemars`): the
//!   Kubernetes v1.36 OpenAPI definitions, reached from the root kinds;
//! - `go_types.toml` beside this file: the Go named types that OpenAPI does
//!   not show (`v1.TaintEffect`, `v1.ResourceList`, ...) and the embedded
//!   (`json:",inline"`) structs, read from the Go source of k8s.io/api v0.36.2.
//!
//! Usage: `schema-gen [--out FILE] [--cross-check _definitions.json]`
//! (`scripts/gen-schema.sh` runs it). `--cross-check` compares the result
//! with a JSON-schema definitions file such as the one the PyPI package
//! `kubernetes-validate` 1.36.0 ships
//! (`kubernetes_validate/kubernetes-json-schema/v1.36.0-local-strict/_definitions.json`)
//! and fails on any difference in field names or shapes.

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::api::scheduling::v1::PriorityClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ListMeta;
use k8s_openapi::{ListableResource, Resource};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

const QUANTITY: &str = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING: &str = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const MICRO_TIME: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
const FIELDS_V1: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
const RAW_EXTENSION: &str = "io.k8s.apimachinery.pkg.runtime.RawExtension";
const JSON: &str = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON";
const LIST_META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

/// The shape of a JSON value, as the generated table spells it.
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    String,
    Bool,
    Int32,
    Int64,
    Float64,
    Quantity,
    IntOrString,
    Time,
    Bytes,
    FreeForm,
    /// An object of the struct type with this OpenAPI definition name.
    Object(String),
    Array(Box<Val>),
    Map(Box<Val>),
}

#[derive(Clone, Debug, PartialEq)]
struct Val {
    shape: Shape,
    go_type: String,
}

#[derive(Debug)]
struct Field {
    name: String,
    val: Val,
    embedded: Option<String>,
}

#[derive(Debug)]
struct Type {
    go_pkg: String,
    go_name: String,
    fields: Vec<Field>,
}

impl Type {
    fn go_type(&self) -> String {
        format!("{}.{}", pkg_name(&self.go_pkg), self.go_name)
    }
}

fn pkg_name(pkg: &str) -> &str {
    pkg.rsplit('/').next().unwrap()
}

/// `io.k8s.api.core.v1.PodSpec` -> (`k8s.io/api/core/v1`, `PodSpec`).
fn go_of_def(def: &str) -> (String, String) {
    let rest = def
        .strip_prefix("io.k8s.")
        .unwrap_or_else(|| panic!("definition {def} is not io.k8s.*"));
    let (pkg, name) = rest.rsplit_once('.').unwrap();
    (
        format!("k8s.io/{}", pkg.replace('.', "/")),
        name.to_string(),
    )
}

fn go_type_of_def(def: &str) -> String {
    let (pkg, name) = go_of_def(def);
    format!("{}.{}", pkg_name(&pkg), name)
}

fn die(msg: String) -> ! {
    eprintln!("schema-gen: {msg}");
    std::process::exit(1)
}

/// `{"allOf": [{"$ref": X}], "description": ...}` -> `{"$ref": X}`.
fn unwrap_all_of(s: &Value) -> &Value {
    match s.get("allOf").and_then(Value::as_array) {
        Some(a) if a.len() == 1 => &a[0],
        _ => s,
    }
}

fn ref_name(s: &Value) -> Option<&str> {
    unwrap_all_of(s)
        .get("$ref")
        .and_then(Value::as_str)
        .map(|r| r.rsplit('/').next().unwrap())
}

fn types_of(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => vec![],
    }
}

fn val_of(s: &Value, defs: &Map<String, Value>, ctx: &str) -> Val {
    if let Some(r) = ref_name(s) {
        let shape = match r {
            QUANTITY => Shape::Quantity,
            INT_OR_STRING => Shape::IntOrString,
            TIME | MICRO_TIME => Shape::Time,
            FIELDS_V1 | RAW_EXTENSION | JSON => Shape::FreeForm,
            _ => {
                let d = defs
                    .get(r)
                    .unwrap_or_else(|| die(format!("{ctx}: no definition {r}")));
                if d.get("properties").is_none() {
                    die(format!(
                        "{ctx}: {r} is neither a struct nor a known special type"
                    ));
                }
                Shape::Object(r.to_string())
            }
        };
        let go_type = match r {
            RAW_EXTENSION => "runtime.RawExtension".to_string(),
            _ => go_type_of_def(r),
        };
        return Val { shape, go_type };
    }
    let t = types_of(s);
    let format = s.get("format").and_then(Value::as_str);
    let scalar = |shape: Shape, go: &str| Val {
        shape,
        go_type: go.to_string(),
    };
    match (t.as_slice(), format) {
        (["string"], Some("byte")) => scalar(Shape::Bytes, "[]uint8"),
        (["string"], Some("date-time")) => {
            die(format!("{ctx}: date-time string without a Time $ref"))
        }
        (["string"], _) => scalar(Shape::String, "string"),
        (["boolean"], _) => scalar(Shape::Bool, "bool"),
        (["integer"], Some("int32")) => scalar(Shape::Int32, "int32"),
        (["integer"], Some("int64")) => scalar(Shape::Int64, "int64"),
        (["number"], Some("double")) => scalar(Shape::Float64, "float64"),
        (["array"], _) => {
            let items = s
                .get("items")
                .unwrap_or_else(|| die(format!("{ctx}: array without items")));
            let elem = val_of(items, defs, &format!("{ctx}[]"));
            Val {
                go_type: format!("[]{}", elem.go_type),
                shape: Shape::Array(Box::new(elem)),
            }
        }
        (["object"], _) => match s.get("additionalProperties") {
            Some(ap @ Value::Object(_)) => {
                let v = val_of(ap, defs, &format!("{ctx}{{}}"));
                Val {
                    go_type: format!("map[string]{}", v.go_type),
                    shape: Shape::Map(Box::new(v)),
                }
            }
            _ if s.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true)) => {
                scalar(Shape::FreeForm, "map[string]interface {}")
            }
            _ => die(format!(
                "{ctx}: object without properties or additionalProperties"
            )),
        },
        _ => die(format!("{ctx}: unsupported schema {s}")),
    }
}

/// Gives `val` the declared Go type `go` and pushes the element type down
/// into arrays and maps. Fails when `go` disagrees with the shape.
fn apply_go_type(val: &mut Val, go: &str, named: &BTreeMap<String, String>, ctx: &str) {
    if val.go_type == go {
        return;
    }
    val.go_type = go.to_string();
    let underlying = named.get(go).map(String::as_str).unwrap_or(go);
    match &mut val.shape {
        Shape::Array(elem) => {
            let e = underlying.strip_prefix("[]").unwrap_or_else(|| {
                die(format!(
                    "{ctx}: {go} is not a slice but the field is an array"
                ))
            });
            apply_go_type(elem, e, named, ctx);
        }
        Shape::Map(v) => {
            let rest = underlying
                .strip_prefix("map[")
                .unwrap_or_else(|| die(format!("{ctx}: {go} is not a map but the field is a map")));
            let close = rest
                .find(']')
                .unwrap_or_else(|| die(format!("{ctx}: bad map type {go}")));
            apply_go_type(v, &rest[close + 1..], named, ctx);
        }
        Shape::String | Shape::Bool | Shape::Int32 | Shape::Int64 | Shape::Float64 => {
            if underlying.starts_with("[]")
                || underlying.starts_with("map[")
                || named.contains_key(go)
            {
                die(format!(
                    "{ctx}: {go} is composite but the field is a scalar"
                ));
            }
        }
        other => die(format!(
            "{ctx}: no Go type override expected for a {other:?} field"
        )),
    }
}

struct Overrides {
    fields: BTreeMap<(String, String), String>,
    named: BTreeMap<String, String>,
    embedded: BTreeMap<String, (String, Vec<String>)>,
}

fn read_overrides(path: &PathBuf) -> Overrides {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| die(format!("{}: {e}", path.display())));
    let t: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| die(format!("{}: {e}", path.display())));
    let table = |k: &str| {
        t.get(k)
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default()
    };
    let mut fields = BTreeMap::new();
    for (s, fs) in table("fields") {
        for (f, go) in fs
            .as_table()
            .unwrap_or_else(|| die(format!("[fields] {s}: not a table")))
        {
            let go = go
                .as_str()
                .unwrap_or_else(|| die(format!("[fields] {s}.{f}: not a string")));
            fields.insert((s.clone(), f.clone()), go.to_string());
        }
    }
    let named = table("named")
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap().to_string()))
        .collect();
    let mut embedded = BTreeMap::new();
    for (s, e) in table("embedded") {
        let ty = e
            .get("type")
            .and_then(toml::Value::as_str)
            .unwrap_or_else(|| die(format!("[embedded] {s}: no type")));
        let own = e
            .get("own")
            .and_then(toml::Value::as_array)
            .unwrap_or_else(|| die(format!("[embedded] {s}: no own")))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        embedded.insert(s, (ty.to_string(), own));
    }
    Overrides {
        fields,
        named,
        embedded,
    }
}

/// A list kind: `TypeMeta` inline, `metadata` (ListMeta) and `items`.
fn list_type(go_pkg: &str, go_name: &str, items: Val) -> Type {
    let tm = Some("v1.TypeMeta".to_string());
    let s = |n: &str, e: &Option<String>| Field {
        name: n.into(),
        val: Val {
            shape: Shape::String,
            go_type: "string".into(),
        },
        embedded: e.clone(),
    };
    Type {
        go_pkg: go_pkg.into(),
        go_name: go_name.into(),
        fields: vec![
            s("apiVersion", &tm),
            Field {
                name: "items".into(),
                val: Val {
                    go_type: format!("[]{}", items.go_type),
                    shape: Shape::Array(Box::new(items)),
                },
                embedded: None,
            },
            s("kind", &tm),
            Field {
                name: "metadata".into(),
                val: Val {
                    shape: Shape::Object(LIST_META.into()),
                    go_type: "v1.ListMeta".into(),
                },
                embedded: None,
            },
        ],
    }
}

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut cross: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--cross-check" => cross = args.next().map(PathBuf::from),
            _ => die(format!("unknown argument {a}; usage: schema-gen [--out FILE] [--cross-check _definitions.json]")),
        }
    }
    let overrides_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("go_types.toml");
    let ov = read_overrides(&overrides_path);

    // 1. The OpenAPI definitions reachable from the root kinds.
    let mut g = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut kinds: Vec<(String, String, String, String)> = Vec::new(); // apiVersion, kind, list kind, definition
    macro_rules! kind {
        ($t:ty) => {{
            let r = g.subschema_for::<$t>();
            let def = ref_name(r.as_value()).unwrap().to_string();
            kinds.push((
                <$t as Resource>::API_VERSION.to_string(),
                <$t as Resource>::KIND.to_string(),
                <$t as ListableResource>::LIST_KIND.to_string(),
                def,
            ));
        }};
    }
    kind!(DaemonSet);
    kind!(Deployment);
    kind!(Node);
    kind!(Pod);
    kind!(PriorityClass);
    g.subschema_for::<ListMeta>();
    let defs = g.take_definitions(true);

    // 2. One Type per struct definition.
    let mut types: BTreeMap<String, Type> = BTreeMap::new();
    let mut used_overrides = BTreeSet::new();
    let mut used_embedded = BTreeSet::new();
    for (def, s) in &defs {
        let Some(props) = s.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let (go_pkg, go_name) = go_of_def(def);
        let key = format!("{go_pkg}.{go_name}");
        let emb = ov.embedded.get(&key);
        if emb.is_some() {
            used_embedded.insert(key.clone());
        }
        if kinds.iter().any(|k| &k.3 == def) && emb.map(|e| e.0.as_str()) != Some("v1.TypeMeta") {
            die(format!(
                "{key} is a kind but has no [embedded] entry for its TypeMeta"
            ));
        }
        if let Some((_, own)) = emb {
            for o in own {
                if !props.contains_key(o) {
                    die(format!(
                        "[embedded] {key}: own field {o} is not in the schema"
                    ));
                }
            }
        }
        let mut fields = Vec::new();
        for (name, p) in props {
            let ctx = format!("{key}.{name}");
            let mut val = val_of(p, &defs, &ctx);
            if let Some(go) = ov.fields.get(&(key.clone(), name.clone())) {
                apply_go_type(&mut val, go, &ov.named, &ctx);
                used_overrides.insert((key.clone(), name.clone()));
            }
            let embedded = emb
                .filter(|(_, own)| !own.contains(name))
                .map(|(t, _)| t.clone());
            fields.push(Field {
                name: name.clone(),
                val,
                embedded,
            });
        }
        types.insert(
            def.clone(),
            Type {
                go_pkg,
                go_name,
                fields,
            },
        );
    }
    for k in ov.fields.keys() {
        if !used_overrides.contains(k) {
            die(format!(
                "go_types.toml: [fields] {}.{} names no field of the schema",
                k.0, k.1
            ));
        }
    }
    for k in ov.embedded.keys() {
        if !used_embedded.contains(k) {
            die(format!(
                "go_types.toml: [embedded] {k} names no struct of the schema"
            ));
        }
    }

    // 3. The list kinds (OpenAPI has no definitions for them).
    let mut roots: Vec<(String, String, String)> = Vec::new(); // apiVersion, kind, definition key
    for (av, kind, list_kind, def) in &kinds {
        let (go_pkg, _) = go_of_def(def);
        let item = Val {
            shape: Shape::Object(def.clone()),
            go_type: go_type_of_def(def),
        };
        let list_def = format!("{}List", def);
        types.insert(list_def.clone(), list_type(&go_pkg, list_kind, item));
        roots.push((av.clone(), kind.clone(), def.clone()));
        roots.push((av.clone(), list_kind.clone(), list_def));
    }
    // `kind: List, apiVersion: v1`: k8s.io/api/core/v1 `type List metav1.List`,
    // whose items are []runtime.RawExtension (any object).
    let raw = Val {
        shape: Shape::FreeForm,
        go_type: "runtime.RawExtension".into(),
    };
    types.insert(
        "io.k8s.api.core.v1.List".into(),
        list_type("k8s.io/api/core/v1", "List", raw),
    );
    roots.push(("v1".into(), "List".into(), "io.k8s.api.core.v1.List".into()));
    roots.sort();

    for t in types.values_mut() {
        t.fields
            .sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    }

    if let Some(p) = &cross {
        cross_check(p, &types);
    }

    // 4. Ids: types sorted by Go package path, then name.
    let mut order: Vec<&String> = types.keys().collect();
    order.sort_by_key(|d| (types[*d].go_pkg.clone(), types[*d].go_name.clone()));
    let id: BTreeMap<&String, usize> = order.iter().enumerate().map(|(i, d)| (*d, i)).collect();

    let text = emit(&types, &order, &id, &roots);
    match out {
        Some(p) => {
            std::fs::write(&p, text).unwrap_or_else(|e| die(format!("{}: {e}", p.display())))
        }
        None => print!("{text}"),
    }
}

fn shape_expr(s: &Shape, id: &BTreeMap<&String, usize>) -> String {
    match s {
        Shape::String => "S".into(),
        Shape::Bool => "B".into(),
        Shape::Int32 => "I32".into(),
        Shape::Int64 => "I64".into(),
        Shape::Float64 => "F64".into(),
        Shape::Quantity => "Q".into(),
        Shape::IntOrString => "IOS".into(),
        Shape::Time => "T".into(),
        Shape::Bytes => "BY".into(),
        Shape::FreeForm => "FF".into(),
        Shape::Object(d) => format!("Shape::Object(TypeId({}))", id[d]),
        Shape::Array(v) => format!("Shape::Array(&{})", val_expr(v, id)),
        Shape::Map(v) => format!("Shape::Map(&{})", val_expr(v, id)),
    }
}

fn val_expr(v: &Val, id: &BTreeMap<&String, usize>) -> String {
    format!(
        "Value {{ shape: {}, go_type: {:?} }}",
        shape_expr(&v.shape, id),
        v.go_type
    )
}

fn emit(
    types: &BTreeMap<String, Type>,
    order: &[&String],
    id: &BTreeMap<&String, usize>,
    roots: &[(String, String, String)],
) -> String {
    let nfields: usize = types.values().map(|t| t.fields.len()).sum();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "// @generated by tools/schema-gen from the k8s-openapi crate 0.29.0 (feature v1_36)\n\
         // and tools/schema-gen/go_types.toml. Do not edit: regenerate with\n\
         //     bash scripts/gen-schema.sh\n\
         // {} Go struct types, {} fields, {} root kinds.\n\
         //\n\
         // TYPES[i] is TypeId(i); each type's fields are sorted by name (bytes).\n\
         \n\
         use super::{{FieldDef, Shape, TypeDef, TypeId, Value}};\n\
         \n\
         const S: Shape = Shape::String;\n\
         const B: Shape = Shape::Bool;\n\
         const I32: Shape = Shape::Int32;\n\
         const I64: Shape = Shape::Int64;\n\
         #[allow(dead_code)]\n\
         const F64: Shape = Shape::Float64;\n\
         const Q: Shape = Shape::Quantity;\n\
         const IOS: Shape = Shape::IntOrString;\n\
         const T: Shape = Shape::Time;\n\
         #[allow(dead_code)]\n\
         const BY: Shape = Shape::Bytes;\n\
         const FF: Shape = Shape::FreeForm;\n\
         \n\
         /// A field declared on the struct itself.\n\
         const fn f(name: &'static str, shape: Shape, go_type: &'static str) -> FieldDef {{\n\
         \x20   FieldDef {{ name, shape, go_type, embedded: None }}\n\
         }}\n\
         \n\
         /// A field of an embedded (`json:\",inline\"`) struct.\n\
         const fn e(name: &'static str, shape: Shape, go_type: &'static str, embedded: &'static str) -> FieldDef {{\n\
         \x20   FieldDef {{ name, shape, go_type, embedded: Some(embedded) }}\n\
         }}\n",
        types.len(),
        nfields,
        roots.len()
    );
    let _ = writeln!(o, "/// (apiVersion, kind, type), sorted.");
    let _ = writeln!(
        o,
        "pub(super) static ROOTS: [(&str, &str, TypeId); {}] = [",
        roots.len()
    );
    for (av, k, d) in roots {
        let _ = writeln!(o, "    ({av:?}, {k:?}, TypeId({})),", id[d]);
    }
    let _ = writeln!(o, "];\n");
    let _ = writeln!(o, "pub(super) static TYPES: [TypeDef; {}] = [", order.len());
    for (i, d) in order.iter().enumerate() {
        let t = &types[*d];
        let _ = writeln!(o, "    // {i}");
        let _ = writeln!(o, "    TypeDef {{");
        let _ = writeln!(o, "        go_pkg: {:?},", t.go_pkg);
        let _ = writeln!(o, "        go_name: {:?},", t.go_name);
        let _ = writeln!(o, "        go_type: {:?},", t.go_type());
        let _ = writeln!(o, "        fields: &[");
        for f in &t.fields {
            let shape = shape_expr(&f.val.shape, id);
            match &f.embedded {
                None => {
                    let _ = writeln!(
                        o,
                        "            f({:?}, {shape}, {:?}),",
                        f.name, f.val.go_type
                    );
                }
                Some(e) => {
                    let _ = writeln!(
                        o,
                        "            e({:?}, {shape}, {:?}, {e:?}),",
                        f.name, f.val.go_type
                    );
                }
            }
        }
        let _ = writeln!(o, "        ],");
        let _ = writeln!(o, "    }},");
    }
    let _ = writeln!(o, "];");
    o
}

/// Compares field names and shapes with another JSON-schema definitions
/// file (kubernetes-validate's `_definitions.json`, `$defs` or `definitions`).
fn cross_check(path: &PathBuf, types: &BTreeMap<String, Type>) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| die(format!("{}: {e}", path.display())));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| die(format!("{}: {e}", path.display())));
    let defs = v
        .get("$defs")
        .or_else(|| v.get("definitions"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| die(format!("{}: no $defs or definitions", path.display())))
        .clone();
    let mut problems = 0;
    let mut checked = 0;
    for (def, t) in types {
        let Some(d) = defs.get(def) else {
            if !def.ends_with("List") {
                eprintln!("cross-check: {def} missing there");
                problems += 1;
            }
            continue;
        };
        checked += 1;
        let props = d
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let ours: BTreeSet<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
        let theirs: BTreeSet<&str> = props.keys().map(String::as_str).collect();
        if ours != theirs {
            eprintln!(
                "cross-check: {def}: fields differ: only ours {:?}, only theirs {:?}",
                &ours - &theirs,
                &theirs - &ours
            );
            problems += 1;
        }
        for f in &t.fields {
            let Some(p) = props.get(&f.name) else {
                continue;
            };
            let theirs = val_of(p, &defs, &format!("cross-check {def}.{}", f.name));
            if !same_shape(&f.val.shape, &theirs.shape) {
                eprintln!(
                    "cross-check: {def}.{}: {:?} vs {:?}",
                    f.name, f.val.shape, theirs.shape
                );
                problems += 1;
            }
        }
    }
    if problems > 0 {
        die(format!(
            "cross-check with {}: {problems} differences",
            path.display()
        ));
    }
    eprintln!(
        "cross-check with {}: {checked} definitions, no difference",
        path.display()
    );
}

fn same_shape(a: &Shape, b: &Shape) -> bool {
    match (a, b) {
        (Shape::Array(x), Shape::Array(y)) | (Shape::Map(x), Shape::Map(y)) => {
            same_shape(&x.shape, &y.shape)
        }
        _ => a == b,
    }
}
