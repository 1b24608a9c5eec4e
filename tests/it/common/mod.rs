//! Loads the conformance corpus: `../shared/conformance/<name>.jsonl`
//! (the project's ground truth, produced by running Kubernetes v1.36.2),
//! or, in a clone without it, the copy kept in `tests/conformance/`
//! (gzip-compressed). Each line is one case.
#![allow(dead_code)]

pub mod placement;

use std::io::Read;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every YAML and JSON file of the directory `dir` (from the repository's
/// root), sorted by name, with its text.
pub fn data_files(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

pub fn shared_path(name: &str) -> PathBuf {
    root()
        .join("..")
        .join("shared")
        .join("conformance")
        .join(format!("{name}.jsonl"))
}

pub fn copy_path(name: &str) -> PathBuf {
    root()
        .join("tests")
        .join("conformance")
        .join(format!("{name}.jsonl.gz"))
}

pub fn read_copy(name: &str) -> Option<String> {
    let bytes = std::fs::read(copy_path(name)).ok()?;
    let mut s = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut s)
        .expect("corrupt gzip corpus copy");
    Some(s)
}

/// The corpus text, or `None` (after a loud message) when neither the
/// shared folder nor the in-repo copy exists.
pub fn corpus_text(name: &str) -> Option<String> {
    if let Ok(s) = std::fs::read_to_string(shared_path(name)) {
        return Some(s);
    }
    if let Some(s) = read_copy(name) {
        eprintln!("note: ../shared/conformance is absent; using tests/conformance/{name}.jsonl.gz");
        return Some(s);
    }
    eprintln!(
        "\n\n!!! SKIPPING {name} conformance: neither {} nor {} exists !!!\n\n",
        shared_path(name).display(),
        copy_path(name).display()
    );
    None
}

/// Every case of a corpus file, parsed.
pub fn corpus(name: &str) -> Vec<serde_json::Value> {
    let Some(text) = corpus_text(name) else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}.jsonl line {}: {e}", i + 1))
        })
        .collect()
}

/// Collects failures and panics with the first few and the total, so a run
/// reports agreement as a count instead of stopping at the first case.
pub struct Tally {
    pub name: &'static str,
    pub total: usize,
    pub failures: Vec<String>,
}

impl Tally {
    pub fn new(name: &'static str) -> Self {
        Tally {
            name,
            total: 0,
            failures: Vec::new(),
        }
    }
    pub fn case(&mut self, ok: Result<(), String>) {
        self.total += 1;
        if let Err(e) = ok {
            self.failures.push(e);
        }
    }
    pub fn finish(self) {
        let agree = self.total - self.failures.len();
        eprintln!("{}: {agree}/{} cases agree", self.name, self.total);
        if !self.failures.is_empty() {
            let shown: Vec<_> = self.failures.iter().take(15).cloned().collect();
            panic!(
                "{}: {} of {} cases disagree; first ones:\n{}",
                self.name,
                self.failures.len(),
                self.total,
                shown.join("\n---\n")
            );
        }
    }
}

/// xorshift64*: a deterministic generator for the fuzz-style tests, so a
/// failure is reproducible.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Replaces one randomly chosen node of a JSON tree by `odd_value(rng)`
/// (a leaf, or a subtree one time in six), for the fuzz-style tests.
pub fn mutate_json(
    v: &mut serde_json::Value,
    rng: &mut Rng,
    depth: usize,
    odd_value: fn(&mut Rng) -> serde_json::Value,
) {
    use serde_json::Value;
    let children = match v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => 0,
    };
    if children == 0 || depth > 12 || rng.below(6) == 0 {
        *v = odd_value(rng);
        return;
    }
    let i = rng.below(children);
    match v {
        Value::Object(m) => {
            if let Some((_, child)) = m.iter_mut().nth(i) {
                mutate_json(child, rng, depth + 1, odd_value)
            }
        }
        Value::Array(a) => {
            if let Some(child) = a.get_mut(i) {
                mutate_json(child, rng, depth + 1, odd_value)
            }
        }
        _ => {}
    }
}

/// A DaemonSet the API server accepts, with one container and nothing
/// else: `agent` in the default namespace.
pub const AGENT_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: agent:1}]
";
