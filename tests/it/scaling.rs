//! The cost per item does not grow with the input (issue 15): each
//! generated input is run at sizes N and 4N in the same process, best of
//! three runs each, and 4N may take at most 12 times as long as N (linear
//! work gives 4, quadratic 16). A ratio, never an absolute time.

use crate::hostile::{bad_tolerations, daemon_set};
use daemonset_sim::input::{self, Source};
use daemonset_sim::session;
use std::time::{Duration, Instant};

/// The best of three runs of `f`.
fn best_of_3(f: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Runs `make(n)` then `work` on it at N and 4N; panics when the larger
/// costs more than 12 times the smaller.
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String, work: impl Fn(&str)) {
    let small = make(n);
    let large = make(4 * n);
    // warm up (allocator, lazily built tables)
    work(&small);
    let a = best_of_3(&|| work(&small));
    let b = best_of_3(&|| work(&large));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 12.0,
        "{what}: {n} items took {a:?}, {} took {b:?}: {ratio:.1} times as long",
        4 * n
    );
}

fn check(texts: &[&str]) {
    let sources: Vec<Source> = texts.iter().map(|t| Source::new(Some("t"), t)).collect();
    let _ = session::check(&sources);
}

#[test]
fn invalid_tolerations() {
    // below the 1,000 diagnostics kept, so that every one is located
    assert_linear(
        "invalid tolerations",
        200,
        |n| daemon_set("a", "default", &bad_tolerations(n)),
        |t| check(&[t, "nodes:\n- {name: node, count: 3}\n"]),
    );
}

#[test]
fn unbound_pods_located() {
    assert_linear(
        "pods without a node (located warnings)",
        200,
        |n| {
            (0..n)
                .map(|i| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers: [{{name: c, image: x}}]\n"))
                .collect()
        },
        |t| {
            let o = input::parse(&[Source::new(None, t)]);
            assert!(!o.warnings.is_empty());
        },
    );
}

#[test]
fn nesting() {
    // n arrays 200 deep, in YAML and in JSON
    let nested = |n: usize| {
        let one = format!("{}{}", "[".repeat(200), "]".repeat(200));
        format!("[{}]", vec![one; n].join(","))
    };
    assert_linear("nesting (YAML)", 50, nested, |t| {
        let _ = input::parse(&[Source::new(None, &format!("a: {t}"))]);
    });
    assert_linear(
        "nesting (JSON)",
        50,
        |n| format!("{{\"a\": {}}}", nested(n)),
        |t| {
            let _ = input::parse(&[Source::new(None, t)]);
        },
    );
}

#[test]
fn nodes() {
    assert_linear(
        "nodes",
        250,
        |n| {
            let mut s = String::from("nodes:\n");
            for i in 0..n {
                let taint = if i % 3 == 0 {
                    ", taints: ['dedicated=x:NoSchedule']"
                } else {
                    ""
                };
                s.push_str(&format!(
                    "- {{name: n{i}, labels: {{zone: z{}}}{taint}}}\n",
                    i % 5
                ));
            }
            s
        },
        |t| check(&[&daemon_set("a", "default", ""), t]),
    );
}

#[test]
fn pods() {
    assert_linear(
        "pods",
        250,
        |n| {
            let mut s = String::from("nodes:\n- {name: w, count: 50}\n");
            let per_node = n / 50;
            s.push_str(&format!(
                "- {{name: busy, count: 50, pods: [{}]}}\n",
                (0..per_node)
                    .map(|i| format!("{{name: p{i}, requests: {{cpu: 1m}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            s
        },
        |t| check(&[&daemon_set("a", "default", ""), t]),
    );
}
