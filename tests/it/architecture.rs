//! The layer rule of ARCHITECTURE.md, checked on the source text:
//!
//! ```text
//! sort, strconv <- diagnostic <- k8s <- scheduler, controllers <- check <- rollout, compare, cluster <- session <- cli, wasm
//! input -> k8s, diagnostic; nothing below the session imports it, the CLI or wasm
//! ```
//!
//! plus "only the CLI prints" and "only the wasm module touches JsValue".
//! Test code (files named `tests.rs` or `*.tests.rs` or under a `tests/`
//! folder of a module, and everything after a `#[cfg(test)]` in a file)
//! may use more: tests build fixtures from text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each top-level module may use (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("sort", &[]),
    ("strconv", &[]),
    ("diagnostic", &["sort", "strconv"]),
    ("k8s", &["diagnostic", "sort", "strconv"]),
    ("input", &["sort", "strconv", "k8s", "diagnostic"]),
    ("scheduler", &["sort", "strconv", "k8s", "diagnostic"]),
    (
        "controllers",
        &["sort", "strconv", "k8s", "diagnostic", "scheduler"],
    ),
    (
        "check",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "scheduler",
            "controllers",
        ],
    ),
    (
        "rollout",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "scheduler",
            "controllers",
            "check",
        ],
    ),
    (
        "compare",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "scheduler",
            "controllers",
            "check",
        ],
    ),
    (
        "cluster",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "scheduler",
            "controllers",
            "check",
        ],
    ),
    (
        "session",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "input",
            "scheduler",
            "controllers",
            "check",
            "rollout",
            "compare",
            "cluster",
        ],
    ),
    (
        "cli",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "input",
            "scheduler",
            "controllers",
            "check",
            "rollout",
            "compare",
            "cluster",
            "session",
        ],
    ),
    (
        "wasm",
        &[
            "sort",
            "strconv",
            "k8s",
            "diagnostic",
            "input",
            "scheduler",
            "controllers",
            "check",
            "rollout",
            "compare",
            "cluster",
            "session",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The non-test code of a file, without comments.
fn code(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    let in_tests_dir = path
        .parent()
        .is_some_and(|d| d.components().any(|c| c.as_os_str() == "tests"));
    if name == "tests.rs" || name.ends_with(".tests.rs") || in_tests_dir {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`src/k8s/model.rs` -> `k8s`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn layers_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut seen_modules = BTreeSet::new();
    for f in &files {
        let module = module_of(&src, f);
        if module == "lib" || module == "main" {
            continue;
        }
        seen_modules.insert(module.clone());
        let Some(ok) = allowed.get(module.as_str()) else {
            violations.push(format!(
                "{}: module {module} is not in the layer table",
                f.display()
            ));
            continue;
        };
        let code = code(f);
        for (i, _) in code.match_indices("crate::") {
            let mut used: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // the crate root's re-exports (src/lib.rs)
            for (item, home) in [
                ("Diagnostic", "diagnostic"),
                ("Report", "check"),
                ("Session", "session"),
            ] {
                if used == item {
                    used = home.to_string();
                }
            }
            if used != module && !ok.contains(used.as_str()) {
                violations.push(format!("{}: {module} uses crate::{used}", f.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "layer rule broken:\n{}",
        violations.join("\n")
    );
    // the table names every module there is
    let table: BTreeSet<String> = allowed.keys().map(|s| s.to_string()).collect();
    assert_eq!(seen_modules, table);
}

#[test]
fn only_the_cli_prints_and_only_wasm_touches_js_values() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for f in &files {
        let module = module_of(&src, f);
        let code = code(f);
        if module != "cli" && module != "main" {
            for p in [
                "println!",
                "print!",
                "eprintln!",
                "eprint!",
                "stdout()",
                "stderr()",
                "dbg!",
            ] {
                if code.contains(p) {
                    violations.push(format!("{}: {p} outside src/cli/", f.display()));
                }
            }
        }
        if module != "wasm" && (code.contains("JsValue") || code.contains("wasm_bindgen")) {
            violations.push(format!(
                "{}: JsValue / wasm_bindgen outside src/wasm/",
                f.display()
            ));
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
