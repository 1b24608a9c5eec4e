//! Benchmark on a realistic big cluster (numbers only, never asserted):
//!
//! ```text
//! cargo run --release --example bench                  # 5,000 nodes, prints ms
//! cargo run --release --example bench -- --nodes 1000 --out target/bench
//! cargo run --release --example bench -- --gen-only    # only write the inputs
//! cargo run --release --example bench -- --nodes 65000 --no-images --json-only
//! ```
//!
//! `--no-images` leaves out the nodes' image lists and managedFields (the
//! files are then named `cluster-N-noimages.*`); `--json-only` writes no
//! YAML.
//!
//! It generates what `kubectl get nodes -o json` prints for a cluster of
//! `--nodes` nodes (about 12 KiB a node: labels, annotations, taints,
//! managedFields, conditions, addresses, nodeInfo, a dozen images with
//! digests; control-plane, GPU, spot, NotReady and cordoned nodes), and
//! the same as YAML, writes them with three DaemonSets to `--out`
//! (default `target/bench/`, where scripts/bench-browser.mjs reads them),
//! then times parsing and evaluation separately.

use daemonset_sim::input::{self, Objects, Source};
use daemonset_sim::session::{self, Session};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A small deterministic PRNG (xorshift64*), so every run sees the same cluster.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    fn hex(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len);
        while s.len() < len {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s.truncate(len);
        s
    }
    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }
}

const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];
const IMAGES: [&str; 24] = [
    "registry.k8s.io/kube-proxy",
    "registry.k8s.io/pause",
    "registry.k8s.io/coredns/coredns",
    "docker.io/calico/node",
    "docker.io/calico/cni",
    "quay.io/prometheus/node-exporter",
    "quay.io/cilium/cilium",
    "public.ecr.aws/eks-distro/kubernetes-csi/livenessprobe",
    "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver",
    "docker.io/fluent/fluent-bit",
    "docker.io/grafana/promtail",
    "docker.io/library/nginx",
    "docker.io/library/redis",
    "docker.io/library/postgres",
    "ghcr.io/example/api-server",
    "ghcr.io/example/worker",
    "ghcr.io/example/frontend",
    "ghcr.io/example/batch",
    "quay.io/jetstack/cert-manager-controller",
    "registry.k8s.io/ingress-nginx/controller",
    "docker.io/istio/proxyv2",
    "nvcr.io/nvidia/k8s-device-plugin",
    "docker.io/datadog/agent",
    "docker.io/bitnami/kubectl",
];

fn ts(rng: &mut Rng) -> String {
    format!(
        "2025-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}

/// The managedFields noise of a real node: who set which field.
fn managed_fields(rng: &mut Rng, labels: &Map<String, Value>) -> Value {
    let label_fields: Map<String, Value> = labels
        .keys()
        .map(|k| (format!("f:{k}"), json!({})))
        .collect();
    json!([
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "manager": "kubelet", "operation": "Update", "time": ts(rng),
         "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:volumes.kubernetes.io/controller-managed-attach-detach": {}},
                      "f:labels": Value::Object(label_fields.clone())}, "f:spec": {"f:providerID": {}}}},
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "manager": "kube-controller-manager", "operation": "Update", "time": ts(rng),
         "fieldsV1": {"f:metadata": {"f:annotations": {"f:node.alpha.kubernetes.io/ttl": {}}}, "f:spec": {"f:podCIDR": {}, "f:podCIDRs": {".": {}, "v:\"10.0.0.0/24\"": {}}}}},
        {"apiVersion": "v1", "fieldsType": "FieldsV1", "manager": "kubelet", "operation": "Update", "subresource": "status", "time": ts(rng),
         "fieldsV1": {"f:status": {"f:allocatable": {"f:cpu": {}, "f:ephemeral-storage": {}, "f:memory": {}, "f:pods": {}},
                      "f:capacity": {"f:cpu": {}, "f:ephemeral-storage": {}, "f:memory": {}, "f:pods": {}},
                      "f:conditions": {"k:{\"type\":\"Ready\"}": {"f:lastHeartbeatTime": {}, "f:lastTransitionTime": {}, "f:message": {}, "f:reason": {}, "f:status": {}}},
                      "f:images": {}, "f:nodeInfo": {"f:bootID": {}, "f:containerRuntimeVersion": {}, "f:kernelVersion": {}}}}}
    ])
}

fn condition(rng: &mut Rng, type_: &str, status: bool, reason: &str, message: &str) -> Value {
    json!({"type": type_, "status": if status { "True" } else { "False" }, "lastHeartbeatTime": ts(rng),
           "lastTransitionTime": ts(rng), "reason": reason, "message": message})
}

/// One node as `kubectl get node -o json` prints it.
fn node(rng: &mut Rng, i: usize, n: usize) -> Value {
    let zone = ZONES[i % 3];
    let ip = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
    let name = format!("ip-{}.ec2.internal", ip.replace('.', "-"));
    // pools: 3 control-plane nodes, 4% GPU, 20% spot, the rest general
    let (pool, instance, cpu, mem_gi) = if i < 3 {
        ("control-plane", "m6i.xlarge", 4, 16)
    } else if i % 25 == 0 {
        ("gpu", "g5.4xlarge", 16, 64)
    } else if i % 5 == 0 {
        ("spot", "m6i.2xlarge", 8, 32)
    } else {
        ("general", "m6i.4xlarge", 16, 64)
    };
    let mut labels = Map::new();
    for (k, v) in [
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/instance-type", instance),
        ("beta.kubernetes.io/os", "linux"),
        ("failure-domain.beta.kubernetes.io/region", "us-east-1"),
        ("failure-domain.beta.kubernetes.io/zone", zone),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name.as_str()),
        ("kubernetes.io/os", "linux"),
        ("node.kubernetes.io/instance-type", instance),
        ("topology.kubernetes.io/region", "us-east-1"),
        ("topology.kubernetes.io/zone", zone),
        ("topology.ebs.csi.aws.com/zone", zone),
        ("example.com/pool", pool),
        (
            "example.com/team",
            ["payments", "search", "platform", "data"][i % 4],
        ),
    ] {
        labels.insert(k.into(), json!(v));
    }
    let mut taints = Vec::new();
    match pool {
        "control-plane" => {
            labels.insert("node-role.kubernetes.io/control-plane".into(), json!(""));
            taints.push(
                json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}),
            );
        }
        "gpu" => {
            labels.insert("nvidia.com/gpu.present".into(), json!("true"));
            labels.insert("accelerator".into(), json!("nvidia-a10g"));
            taints
                .push(json!({"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}));
        }
        "spot" => {
            labels.insert("example.com/capacity-type".into(), json!("spot"));
            taints.push(
                json!({"key": "example.com/spot", "value": "true", "effect": "PreferNoSchedule"}),
            );
        }
        _ => {
            labels.insert("node-role.kubernetes.io/worker".into(), json!(""));
            if rng.chance(300) {
                labels.insert("disk-type".into(), json!("ssd"));
            }
        }
    }
    let not_ready = i >= 3 && rng.chance(10);
    let cordoned = i >= 3 && rng.chance(5);
    let memory_pressure = i >= 3 && rng.chance(4);
    if not_ready {
        taints.push(json!({"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"}));
        taints.push(json!({"key": "node.kubernetes.io/not-ready", "effect": "NoExecute", "timeAdded": ts(rng)}));
    }
    if cordoned {
        taints.push(json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": ts(rng)}));
    }
    if memory_pressure {
        taints.push(json!({"key": "node.kubernetes.io/memory-pressure", "effect": "NoSchedule", "timeAdded": ts(rng)}));
    }
    let mem_ki = mem_gi * 1024 * 1024;
    let mut capacity = json!({"cpu": cpu.to_string(), "ephemeral-storage": "104845292Ki", "hugepages-1Gi": "0",
                              "hugepages-2Mi": "0", "memory": format!("{mem_ki}Ki"), "pods": "110"});
    let mut allocatable = json!({"cpu": format!("{}m", cpu * 1000 - 90), "ephemeral-storage": "95551679124",
                                 "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                                 "memory": format!("{}Ki", mem_ki - 1_001_000), "pods": "110"});
    if pool == "gpu" {
        capacity["nvidia.com/gpu"] = json!("1");
        allocatable["nvidia.com/gpu"] = json!("1");
    }
    let images: Vec<Value> = (0..5 + rng.below(6))
        .map(|j| {
            let repo = IMAGES[(j as usize + i) % IMAGES.len()];
            let tag = format!("v{}.{}.{}", rng.below(3), rng.below(30), rng.below(10));
            json!({"names": [format!("{repo}@sha256:{}", rng.hex(64)), format!("{repo}:{tag}")],
                   "sizeBytes": 5_000_000 + rng.below(900_000_000)})
        })
        .collect();
    let mut meta = json!({
        "annotations": {
            "alpha.kubernetes.io/provided-node-ip": ip,
            "csi.volume.kubernetes.io/nodeid": format!("{{\"ebs.csi.aws.com\":\"i-{}\"}}", rng.hex(17)),
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"
        },
        "creationTimestamp": ts(rng),
        "labels": Value::Object(labels.clone()),
        "name": name,
        "resourceVersion": (10_000_000 + rng.below(90_000_000)).to_string(),
        "uid": rng.uuid()
    });
    meta["managedFields"] = managed_fields(rng, &labels);
    let mut spec = json!({"podCIDR": format!("10.{}.{}.0/24", 100 + i / 256 % 100, i % 256),
                          "podCIDRs": [format!("10.{}.{}.0/24", 100 + i / 256 % 100, i % 256)],
                          "providerID": format!("aws:///{zone}/i-{}", rng.hex(17))});
    if !taints.is_empty() {
        spec["taints"] = Value::Array(taints);
    }
    if cordoned {
        spec["unschedulable"] = json!(true);
    }
    let _ = n;
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": meta,
        "spec": spec,
        "status": {
            "addresses": [{"address": ip, "type": "InternalIP"}, {"address": name, "type": "InternalDNS"},
                          {"address": name, "type": "Hostname"}],
            "allocatable": allocatable,
            "capacity": capacity,
            "conditions": [
                condition(rng, "NetworkUnavailable", false, "CiliumIsUp", "Cilium is running on this node"),
                condition(rng, "MemoryPressure", memory_pressure, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition(rng, "DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition(rng, "PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition(rng, "Ready", !not_ready, "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "images": images,
            "nodeInfo": {"architecture": "amd64", "bootID": rng.uuid(), "containerRuntimeVersion": "containerd://1.7.27",
                         "kernelVersion": "6.1.132-147.221.amzn2023.x86_64", "kubeProxyVersion": "",
                         "kubeletVersion": "v1.36.2", "machineID": rng.hex(32), "operatingSystem": "linux",
                         "osImage": "Amazon Linux 2023.7.20250512", "systemUUID": rng.uuid()}
        }
    })
}

/// `kubectl get nodes -o json` for a cluster of `n` nodes.
pub fn cluster(n: usize, images: bool) -> Value {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let mut v = node(&mut rng, i, n);
            if !images {
                // and without managedFields, which kubectl leaves out
                // unless asked (--show-managed-fields)
                v["status"].as_object_mut().unwrap().remove("images");
                v["metadata"]
                    .as_object_mut()
                    .unwrap()
                    .remove("managedFields");
            }
            v
        })
        .collect();
    json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
}

/// kubectl's JSON: indented by four spaces.
fn kubectl_json(v: &Value) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    v.serialize(&mut ser).unwrap();
    String::from_utf8(out).unwrap()
}

/// The DaemonSets evaluated against the cluster.
const DAEMONSETS: [(&str, &str); 3] = [
    (
        "node-exporter",
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: node-exporter}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      hostNetwork: true
      tolerations: [{operator: Exists}]
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        ports: [{containerPort: 9100, hostPort: 9100}]
        resources: {requests: {cpu: 100m, memory: 180Mi}}
",
    ),
    (
        "gpu-driver",
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: nvidia-device-plugin, namespace: kube-system}
spec:
  selector: {matchLabels: {app: nvidia-device-plugin}}
  template:
    metadata: {labels: {app: nvidia-device-plugin}}
    spec:
      nodeSelector: {nvidia.com/gpu.present: \"true\"}
      tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
      containers:
      - name: plugin
        image: nvcr.io/nvidia/k8s-device-plugin:v0.17.0
        resources: {requests: {cpu: 50m, memory: 64Mi}}
",
    ),
    (
        "worker-affinity",
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: log-collector}
spec:
  selector: {matchLabels: {app: log-collector}}
  template:
    metadata: {labels: {app: log-collector}}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: node-role.kubernetes.io/worker, operator: Exists}
              - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a, us-east-1b]}
            - matchExpressions:
              - {key: example.com/pool, operator: In, values: [spot]}
      containers:
      - name: collector
        image: fluent/fluent-bit:3.1
        resources: {requests: {cpu: 100m, memory: 64Mi}}
",
    ),
];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `f` `runs` times; (best, median) in ms.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        times.push(ms(t.elapsed()));
        last = Some(v);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times[0], times[times.len() / 2], last.unwrap())
}

fn mib(n: usize) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

fn main() {
    let mut nodes = 5000;
    let mut out = PathBuf::from("target/bench");
    let mut gen_only = false;
    let mut images = true;
    let mut yaml = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--nodes" => nodes = args.next().and_then(|v| v.parse().ok()).expect("--nodes N"),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--gen-only" => gen_only = true,
            "--no-images" => images = false,
            "--json-only" => yaml = false,
            // `cargo bench` passes --bench
            "--bench" => {}
            other => {
                eprintln!("usage: bench [--nodes N] [--out DIR] [--gen-only] [--no-images] [--json-only] (unknown {other:?})");
                std::process::exit(2);
            }
        }
    }

    let t = Instant::now();
    let value = cluster(nodes, images);
    let json_text = kubectl_json(&value);
    let yaml_text = if yaml {
        serde_yaml::to_string(&value).unwrap()
    } else {
        String::new()
    };
    drop(value);
    std::fs::create_dir_all(&out).unwrap();
    let suffix = if images { "" } else { "-noimages" };
    let json_path = out.join(format!("cluster-{nodes}{suffix}.json"));
    let yaml_path = out.join(format!("cluster-{nodes}{suffix}.yaml"));
    std::fs::write(&json_path, &json_text).unwrap();
    if yaml {
        std::fs::write(&yaml_path, &yaml_text).unwrap();
    }
    for (id, ds) in DAEMONSETS {
        std::fs::write(out.join(format!("{id}.daemonset.yaml")), ds).unwrap();
    }
    println!(
        "generated {nodes} nodes in {:.0} ms: {} ({}), {} ({}), DaemonSets {}",
        ms(t.elapsed()),
        json_path.display(),
        mib(json_text.len()),
        yaml_path.display(),
        mib(yaml_text.len()),
        DAEMONSETS.map(|d| d.0).join(", ")
    );
    if gen_only {
        return;
    }

    println!(
        "\n{:<52} {:>10} {:>10}",
        "step (release build)", "best ms", "median ms"
    );
    let row =
        |what: &str, best: f64, median: f64| println!("{what:<52} {best:>10.1} {median:>10.1}");

    let (b, m, parsed): (f64, f64, Objects) =
        time(5, || input::parse(&[Source::new(None, &json_text)]));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors.first());
    assert_eq!(parsed.nodes.len(), nodes);
    row(&format!("parse JSON ({})", mib(json_text.len())), b, m);
    if yaml {
        let (b, m, parsed_yaml) = time(3, || input::parse(&[Source::new(None, &yaml_text)]));
        assert_eq!(parsed_yaml.nodes.len(), nodes);
        row(&format!("parse YAML ({})", mib(yaml_text.len())), b, m);
    }

    drop(parsed);
    let mut session = Session::new();
    let summary = session.set_cluster(&json_text);
    assert_eq!(summary.nodes, nodes);
    for (id, ds) in DAEMONSETS {
        // the Simulator's path: the nodes kept, the DaemonSet text parsed each time
        let (b, m, report) = time(10, || session.check(ds).unwrap());
        let c = &report.counts;
        row(
            &format!(
                "evaluate {id} ({} sched, {} pend, {} excl, {} keep)",
                c.scheduled, c.pending, c.excluded, c.keeps_existing
            ),
            b,
            m,
        );
        let (b, m, text) = time(10, || serde_json::to_string(&report).unwrap());
        row(&format!("  report to JSON ({})", mib(text.len())), b, m);
        // the page's per-keystroke call: states and reasons only
        let (b, m, grid) = time(10, || session.evaluate_grid(ds).unwrap());
        row(
            &format!("  evaluate_grid ({} verdicts computed)", grid.evaluated),
            b,
            m,
        );
        // a `kubectl rollout restart` of it, with the default node model
        let (b, m, ticks) = time(3, || {
            session
                .rollout(ds, session::RolloutOptions::default())
                .unwrap()
                .ticks
        });
        row(&format!("  rollout restart ({ticks} s simulated)"), b, m);
    }
    // one JSON text: the DaemonSet as JSON, then the node list
    let ds_value: Value = serde_yaml::from_str(DAEMONSETS[0].1).unwrap();
    let all = format!("{ds_value}\n{json_text}");
    let (b, m, _) = time(3, || session::check(&[Source::new(None, &all)]).unwrap());
    row("check(): DaemonSet + JSON cluster, one JSON text", b, m);
}
