//! Every field of every object that [`root`] knows, in the real manifests of
//! `tests/data/real/` (files as their projects publish them; see SOURCES.md
//! there), resolves in the schema: no false "unknown field". The files in
//! `tests/data/real/old/` use API versions that v1.36 no longer serves.
//! The YAML is read with serde_yaml as plain values; only field names are
//! checked here, not scalar types (serde_yaml resolves scalars by YAML 1.2,
//! kubectl by YAML 1.1).

use super::super::*;
use std::path::{Path, PathBuf};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(sub)
}

fn manifests(sub: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn documents(path: &Path) -> Vec<serde_yaml::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut docs = Vec::new();
    for de in serde_yaml::Deserializer::from_str(&text) {
        let mut v = serde_yaml::Value::deserialize(de)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        v.apply_merge().unwrap();
        if !v.is_null() {
            docs.push(v);
        }
    }
    docs
}

use serde::Deserialize;

fn key_text(k: &serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap().trim_end().to_string(),
    }
}

/// Appends the path of every field of `v` that `shape` does not know.
fn unknown_fields(v: &serde_yaml::Value, shape: Shape, path: &str, out: &mut Vec<String>) {
    match (shape, v) {
        (Shape::Object(id), serde_yaml::Value::Mapping(m)) => {
            for (k, val) in m {
                let k = key_text(k);
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match field(id, &k) {
                    Some(f) => unknown_fields(val, f.shape, &p, out),
                    None => out.push(match suggest(id, &k) {
                        Some(s) => format!("{p} (in {}; did you mean {s}?)", ty(id).go_type),
                        None => format!("{p} (in {})", ty(id).go_type),
                    }),
                }
            }
        }
        (Shape::Array(e), serde_yaml::Value::Sequence(s)) => {
            for (i, x) in s.iter().enumerate() {
                unknown_fields(x, e.shape, &format!("{path}[{i}]"), out);
            }
        }
        (Shape::Map(e), serde_yaml::Value::Mapping(m)) => {
            for (k, x) in m {
                unknown_fields(x, e.shape, &format!("{path}[{}]", key_text(k)), out);
            }
        }
        _ => {}
    }
}

fn str_of<'a>(v: &'a serde_yaml::Value, k: &str) -> &'a str {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("")
}

/// The objects of a document: itself, or the items of a `kind: *List`
/// (kubectl sends each item of a list on its own).
fn objects(doc: &serde_yaml::Value) -> Vec<&serde_yaml::Value> {
    match doc.get("items").and_then(|i| i.as_sequence()) {
        Some(items) if str_of(doc, "kind").ends_with("List") => items.iter().collect(),
        _ => vec![doc],
    }
}

/// Fields that a published file really has and that a v1.36 API server's
/// strict decoding rejects: genuine findings, listed in SOURCES.md.
/// (file name, field path)
const GENUINE: &[(&str, &str)] = &[];

#[test]
fn every_field_of_the_accepted_manifests_resolves() {
    let files = manifests("");
    assert!(files.len() >= 20, "{} files", files.len());
    let mut checked = 0;
    let mut daemonsets = 0;
    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        for doc in documents(path) {
            for obj in objects(&doc) {
                let (av, kind) = (str_of(obj, "apiVersion"), str_of(obj, "kind"));
                if served_versions(kind).is_empty() {
                    continue; // a kind the schema does not cover (ConfigMap, CRD, ...)
                }
                let id = root(av, kind)
                    .unwrap_or_else(|| panic!("{name}: {av} {kind} is not served by v1.36"));
                let mut out = Vec::new();
                unknown_fields(obj, Shape::Object(id), "", &mut out);
                let obj_name = obj.get("metadata").map(|m| str_of(m, "name")).unwrap_or("");
                for p in out {
                    let bare = p.split(" (").next().unwrap().to_string();
                    if !GENUINE.contains(&(name, bare.as_str())) {
                        problems.push(format!("{name}: {kind} {obj_name}: unknown field {p}"));
                    }
                }
                checked += 1;
                daemonsets += usize::from(kind == "DaemonSet");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        files.len() >= 20 && daemonsets >= 16,
        "{daemonsets} DaemonSets"
    );
    eprintln!(
        "{} files, {checked} objects ({daemonsets} DaemonSets), every field resolves",
        files.len()
    );
}

#[test]
fn the_old_manifests_use_versions_v1_36_no_longer_serves() {
    let files = manifests("old");
    assert!(files.len() >= 4, "{} files", files.len());
    for path in &files {
        let mut refused = 0;
        for doc in documents(path) {
            for obj in objects(&doc) {
                let (av, kind) = (str_of(obj, "apiVersion"), str_of(obj, "kind"));
                if kind == "DaemonSet" && root(av, kind).is_none() {
                    assert!(
                        removed_versions(kind).iter().any(|r| r.api_version == av),
                        "{}: {av}",
                        path.display()
                    );
                    refused += 1;
                }
            }
        }
        assert!(refused > 0, "{}: no refused DaemonSet", path.display());
    }
}

#[test]
fn the_check_finds_unknown_fields() {
    let path = dir("").join("kube-flannel.yml");
    let docs = documents(&path);
    let mut ds = docs
        .into_iter()
        .find(|d| str_of(d, "kind") == "DaemonSet")
        .unwrap();
    let spec = ds["spec"]["template"]["spec"].as_mapping_mut().unwrap();
    spec.insert("nodeselector".into(), serde_yaml::Value::Null);
    let tol = spec["tolerations"][0].as_mapping_mut().unwrap();
    tol.insert("operater".into(), "Exists".into());
    let mut out = Vec::new();
    let id = root("apps/v1", "DaemonSet").unwrap();
    unknown_fields(&ds, Shape::Object(id), "", &mut out);
    out.sort();
    assert_eq!(
        out,
        [
            "spec.template.spec.nodeselector (in v1.PodSpec; did you mean nodeSelector?)",
            "spec.template.spec.tolerations[0].operater (in v1.Toleration; did you mean operator?)",
        ]
    );
}

/// The old files' DaemonSets, read as apps/v1 DaemonSets (what converting
/// them by changing `apiVersion` gives): every field of theirs exists in
/// apps/v1 too.
#[test]
fn the_old_daemonsets_have_only_apps_v1_fields() {
    let id = root("apps/v1", "DaemonSet").unwrap();
    let mut n = 0;
    for path in manifests("old") {
        for doc in documents(&path) {
            for obj in objects(&doc) {
                if str_of(obj, "kind") != "DaemonSet" {
                    continue;
                }
                let mut out = Vec::new();
                unknown_fields(obj, Shape::Object(id), "", &mut out);
                assert!(out.is_empty(), "{}: {out:?}", path.display());
                n += 1;
            }
        }
    }
    assert!(n >= 5, "{n}");
}
