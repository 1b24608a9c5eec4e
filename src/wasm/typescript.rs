//! The TypeScript declarations of the wasm package, generated from the
//! engine's serde types (ts-rs derives them in test builds only) and
//! checked in as `src/wasm/types.d.ts`, which `src/wasm/mod.rs` includes
//! in the package's `.d.ts`.
//!
//! `cargo test` fails when the file is out of date;
//! `UPDATE_TYPESCRIPT=1 cargo test --lib typescript` rewrites it.

use std::any::TypeId;
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::{Config, TypeVisitor, TS};

/// Declarations of the package's own making: the thrown error (a real
/// `Error` carrying a [`crate::diagnostic::Diagnostic`]'s fields) and what a
/// Kubernetes object is in a request.
const PRELUDE: &str = r#"/** What the functions throw: a real `Error` carrying the diagnostic's fields;
 *  `message` is `[source:]line:column: field: type: detail (hint)`, `text` the
 *  diagnostic's own message (`Diagnostic.message`). `type` is `"Panic"` after an
 *  internal error (then load the module again). */
export interface DiagnosticError extends Error, Omit<Diagnostic, "source" | "message" | "hint"> {
  source: string | null;
  hint: string | null;
  text: string;
  /** Every diagnostic of a refusal (the first is this error's own). */
  diagnostics?: Diagnostic[];
  /** The API server would refuse the workload (the CLI's exit status 1). */
  refused?: boolean;
}

/** What `Simulator.evaluateGrid` returns: the report without its nodes, and
 *  per node (in `setCluster` order) its state (an index in `stateNames`) and
 *  its reason (an index in `reasonTexts`). */
export type GridResult = Grid & { states: Uint8Array; reasons: Uint32Array };

/** A Kubernetes object in its JSON form (`kubectl get ... -o json`). */
export type KubernetesObject = Record<string, unknown>;
"#;

/// Collects the declaration of every type reachable from the roots.
struct Declarations {
    cfg: Config,
    seen: BTreeSet<TypeIdKey>,
    decls: BTreeMap<String, String>,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct TypeIdKey(String);

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let key = TypeIdKey(format!("{:?}", TypeId::of::<T>()));
        if !self.seen.insert(key) {
            return;
        }
        if T::output_path().is_some() {
            let mut d = String::new();
            if let Some(docs) = T::docs() {
                d.push_str(&docs);
            }
            d.push_str("export ");
            d.push_str(&T::decl(&self.cfg));
            self.decls.insert(T::ident(&self.cfg), d);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The whole file: the prelude, then every declaration in name order.
pub fn declarations() -> String {
    let mut v = Declarations {
        cfg: Config::new().with_large_int("number"),
        seen: BTreeSet::new(),
        decls: BTreeMap::new(),
    };
    // what the wasm functions return or take
    v.visit::<crate::diagnostic::Diagnostic>();
    v.visit::<crate::check::Report>();
    v.visit::<crate::check::grid::Grid>();
    v.visit::<crate::session::ClusterSummary>();
    v.visit::<crate::session::NodeEntry<'static>>();
    v.visit::<crate::session::AppliedFix>();
    v.visit::<crate::session::Completions>();
    v.visit::<crate::session::RolloutOptions>();
    v.visit::<crate::session::RolloutRequest>();
    v.visit::<crate::rollout::Timeline>();
    v.visit::<crate::rollout::Snapshot>();
    v.visit::<crate::rollout::NodeChangeReport>();
    v.visit::<crate::compare::CompareResult>();
    v.visit::<crate::cluster::ClusterView>();
    v.visit::<crate::cluster::Options>();
    let mut out = String::from(
        "// Generated from the engine's Rust types by src/wasm/typescript.rs (ts-rs).\n\
         // Do not edit: `UPDATE_TYPESCRIPT=1 cargo test --lib typescript` rewrites it.\n\n",
    );
    out.push_str(PRELUDE);
    for d in v.decls.values() {
        out.push('\n');
        out.push_str(d);
        out.push('\n');
    }
    out
}

#[test]
fn typescript_declarations_are_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wasm/types.d.ts");
    let want = declarations();
    if std::env::var_os("UPDATE_TYPESCRIPT").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "src/wasm/types.d.ts is out of date: run `UPDATE_TYPESCRIPT=1 cargo test --lib typescript`"
    );
}
