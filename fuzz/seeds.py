#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target to fuzz/seeds/<target>/:
the web examples, the manifests of tests/data, and inputs taken from the
conformance corpus (tests/conformance/*.jsonl.gz). A target's input is
one or more texts separated by NUL bytes (fuzz/fuzz_targets/common.rs).
Run by scripts/fuzz.sh; the output is not kept in git."""

import glob
import gzip
import hashlib
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds")
# inputs taken from each conformance file at most (evenly spread)
PER_FILE = 150


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def cases(name):
    with gzip.open(os.path.join(ROOT, "tests", "conformance", name + ".jsonl.gz"), "rt") as f:
        lines = f.read().splitlines()
    step = max(1, len(lines) // PER_FILE)
    return [json.loads(line) for line in lines[::step]]


def js(v):
    return json.dumps(v, separators=(",", ":")).encode()


def lst(items):
    return js({"apiVersion": "v1", "kind": "List", "items": items})


def join(*texts):
    return b"\0".join(texts)


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    examples = sorted(glob.glob(os.path.join(ROOT, "web", "examples", "*.daemonset.yaml")))
    pairs = []
    for ds in examples:
        nodes = ds.replace(".daemonset.yaml", ".nodes.yaml")
        pairs.append((read(ds), read(nodes)))
    manifests = [
        read(os.path.relpath(p, ROOT))
        for p in sorted(
            glob.glob(os.path.join(ROOT, "tests", "data", "**", "*.y*ml"), recursive=True)
            + glob.glob(os.path.join(ROOT, "tests", "data", "kubectl", "*.json"))
            + glob.glob(os.path.join(ROOT, "tests", "data", "manifests", "*.json"))
        )
    ]
    nodes_dump = read("tests/data/kubectl/nodes.json")
    for ds, nodes in pairs:
        write("check", join(ds, nodes))
        write("cluster_evaluate", join(nodes, ds))
        write("rollout", join(ds + b"\n---\n" + nodes))
        write("compare", join(ds, nodes))
        write("cluster", join(nodes, ds))
        write("cluster", join(ds + b"\n---\n" + nodes, b"", b"kubernetes.io/os"))
    for ds, nodes in pairs:
        write("yaml_fast", ds)
        write("yaml_fast", nodes)
    for m in manifests:
        write("yaml_fast", m)
        write("check", join(m, nodes_dump))
        write("cluster_evaluate", join(nodes_dump, m))
        write("rollout", join(m + b"\n", nodes_dump))
        write("compare", m)
        write("cluster", join(nodes_dump, m))
    for m in manifests:
        if m.lstrip().startswith(b"{"):
            write("direct_json", m)
    for c in cases("placement"):
        write("direct_json", lst(c.get("nodes", []) + c.get("pods", [])))
        write("check", join(js(c["daemonset"]), lst(c.get("nodes", [])), lst(c.get("pods", []))))
        write("cluster_evaluate", join(lst(c.get("nodes", []) + c.get("pods", [])), js(c["daemonset"])))
        write("cluster", join(lst(c.get("nodes", []) + c.get("pods", [])), js(c["daemonset"])))
    for c in cases("validation"):
        write("check", js(c["daemonset"]))
    for c in cases("rollout"):
        new = c.get("newDaemonSet")
        texts = [js(c["daemonset"]) + b"\n" + lst(c.get("nodes", []))]
        if new:
            texts.append(js(new))
        write("rollout", join(*texts))
        write("cluster_evaluate", join(lst(c.get("nodes", [])), js(c["daemonset"]), lst(c.get("nodes", [])[1:])))
    for c in cases("deployment"):
        write("compare", join(js(c["deployment"]), lst(c.get("nodes", [])), lst(c.get("pods", []))))
    for c in cases("quantity"):
        write("quantity", c["input"].encode())
    for c in cases("selector"):
        for m in c.get("matches", [])[:2] or [{"labels": {}}]:
            write("selector", js({"selector": c["selector"], "labels": m.get("labels", {})}))
    for t in sorted(os.listdir(OUT)):
        print(f"{t}: {len(os.listdir(os.path.join(OUT, t)))} seeds")


if __name__ == "__main__":
    main()
