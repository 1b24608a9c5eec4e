//! The repository keeps a gzip copy of the conformance corpus so that a
//! clone without ../shared still runs it. When both exist they must be
//! the same bytes, or the copy is stale.

#[test]
fn in_repo_copy_matches_shared_corpus() {
    let names = [
        "placement",
        "quantity",
        "validation",
        "selector",
        "rollout",
        "deployment",
    ];
    let mut compared = 0;
    for name in names {
        let copy = crate::common::read_copy(name)
            .unwrap_or_else(|| panic!("tests/conformance/{name}.jsonl.gz is missing"));
        match std::fs::read_to_string(crate::common::shared_path(name)) {
            Ok(shared) => {
                assert!(shared == copy, "tests/conformance/{name}.jsonl.gz differs from ../shared/conformance/{name}.jsonl: refresh it with scripts/refresh-corpus.sh");
                compared += 1;
            }
            Err(_) => {
                eprintln!("note: ../shared/conformance/{name}.jsonl absent; the copy is used as is")
            }
        }
        assert!(copy.lines().count() > 100, "{name}: copy too small");
    }
    eprintln!(
        "corpus copy: {compared}/{} files compared with ../shared",
        names.len()
    );
}
