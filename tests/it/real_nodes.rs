//! Real node dumps (`tests/data/real/nodes/`, sources in SOURCES.md there):
//! `kubectl get node(s) -o yaml|json` outputs and Node objects of GKE,
//! EKS (arm64), AKS, OpenShift on GCP, RKE2 with a GPU, kind and minikube,
//! from Kubernetes v1.11 to v1.32.
//!
//! What is asserted was derived from the Kubernetes source, not copied
//! from this tool's output:
//! - every field of these dumps is a field of the v1.36 `v1.Node`
//!   (k8s.io/api v0.36.2 `core/v1/types.go`: `status.config`,
//!   `spec.externalID`, `nodeInfo.kubeProxyVersion`, `volumesAttached`,
//!   `runtimeHandlers[].features.userNamespaces`, `daemonEndpoints.
//!   kubeletEndpoint.Port` with its capital P), so nothing is unknown;
//! - allocatable as the scheduler's `framework.NewResource` reads it:
//!   CPU `MilliValue()`, memory, ephemeral-storage, pods and every scalar
//!   resource (`IsScalarResourceName`: extended, `hugepages-*`,
//!   `attachable-volumes-*`) `Value()`;
//! - `NodeShouldRunDaemonPod` (pkg/controller/daemon/daemon_controller.go):
//!   an untolerated NoSchedule taint gives shouldRun=false,
//!   shouldContinueRunning=true; the tolerations every daemon pod gets
//!   (`AddOrUpdateDaemonPodTolerations`, pkg/controller/daemon/util) do
//!   not cover `node-role.kubernetes.io/master`, `type=hound` nor
//!   `node.kubernetes.io/unreachable:NoSchedule` (only `unreachable:NoExecute`);
//! - `NodeResourcesFit` (`fitsRequest`): a request larger than
//!   allocatable minus requested fails with `Insufficient <name>`; the
//!   other nodes are out of the daemon pod's PreFilter result (its
//!   `metadata.name` node affinity): `node(s) didn't satisfy plugin(s)
//!   [NodeAffinity]`, and `FitError.Error()` sorts the histogram.

use crate::common::root;
use daemonset_sim::check::{NodeState, Report};
use daemonset_sim::input::{self, Source};
use daemonset_sim::session;

/// Every file of the directory, sorted by name, with its text.
fn dumps() -> Vec<(String, String)> {
    crate::common::data_files("tests/data/real/nodes")
}

/// The node names of each file, in the order the file lists them.
const NODES: &[(&str, &[&str])] = &[
    (
        "apimachinery-managedfields-gke-node.yaml",
        &["node-default-pool-something"],
    ),
    (
        "edge-cloud-platform-aks-nodes.json",
        &[
            "aks-agentpool-30520393-vmss000000",
            "aks-agentpool-30520393-vmss000001",
            "aks-agentpool-30520393-vmss000002",
        ],
    ),
    ("edge-cloud-platform-rke2-gpu-nodes.json", &["nori"]),
    (
        "gitcd-kind-control-plane-unreachable.yaml",
        &["trishanku-control-plane"],
    ),
    (
        "honeycomb-eks-arm64-nodelist.json",
        &["duckboat-01", "duckboat-02"],
    ),
    (
        "insights-operator-openshift-gcp-master.json",
        &["ci-ln-3z9y7mt-f76d1-69jcr-master-0"],
    ),
    (
        "insights-operator-openshift-gcp-worker.json",
        &["ci-ln-3z9y7mt-f76d1-69jcr-worker-b-q6vs9"],
    ),
    ("k9s-minikube-node.json", &["minikube"]),
];

const ALL_NODES: usize = 11;

fn daemon_set(name: &str, pod_spec: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: {name}, namespace: default}}
spec:
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
{pod_spec}"
    )
}

/// No tolerations of its own, no selector: only the automatic tolerations.
fn plain() -> String {
    daemon_set(
        "plain",
        "      containers: [{name: c, image: registry.k8s.io/pause:3.10}]\n",
    )
}

fn tolerate_all(name: &str, rest: &str) -> String {
    daemon_set(
        name,
        &format!("      tolerations: [{{operator: Exists}}]\n{rest}"),
    )
}

fn with_requests(name: &str, requests: &str) -> String {
    tolerate_all(
        name,
        &format!(
            "      containers:
      - name: c
        image: registry.k8s.io/pause:3.10
        resources: {requests}
"
        ),
    )
}

/// `check` of one DaemonSet against every dump at once.
fn check_all(ds: &str) -> Report {
    let files = dumps();
    let mut sources = vec![Source::new(Some("ds.yaml"), ds)];
    sources.extend(files.iter().map(|(n, t)| Source::new(Some(n), t)));
    let report = session::check(&sources).unwrap_or_else(|r| panic!("{r:?}"));
    for list in [&report.errors, &report.input_errors, &report.warnings] {
        let messages: Vec<String> = list.iter().map(|d| d.message()).collect();
        assert_eq!(messages, Vec::<String>::new());
    }
    assert_eq!(report.nodes.len(), ALL_NODES);
    report
}

fn node<'a>(report: &'a Report, name: &str) -> &'a daemonset_sim::check::NodeReport {
    report
        .nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

#[test]
fn every_real_node_dump_reads_without_errors_warnings_or_unknown_fields() {
    let files = dumps();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let want: Vec<&str> = NODES.iter().map(|(f, _)| *f).collect();
    assert_eq!(names, want, "files of tests/data/real/nodes");
    for ((file, text), (_, nodes)) in files.iter().zip(NODES) {
        let objects = input::parse(&[Source::new(Some(file), text)]);
        let messages = |l: &[daemonset_sim::diagnostic::Diagnostic]| {
            l.iter().map(|d| d.message()).collect::<Vec<_>>()
        };
        assert_eq!(messages(&objects.errors), Vec::<String>::new(), "{file}");
        assert_eq!(messages(&objects.warnings), Vec::<String>::new(), "{file}");
        assert!(objects.skipped.is_empty(), "{file}: {:?}", objects.skipped);
        assert!(objects.daemon_sets.is_empty(), "{file}");
        let got: Vec<&str> = objects.nodes.iter().map(|n| n.object.name()).collect();
        assert_eq!(got, *nodes, "{file}");
    }
}

#[test]
fn allocatable_is_read_as_the_scheduler_reads_it() {
    let report = check_all(&plain());
    let alloc = |name: &str| &node(&report, name).allocatable;
    let scalar = |name: &str, r: &str| alloc(name).scalar.get(r).copied();

    // minikube: cpu "4", memory "8063156Ki", ephemeral-storage "15625027559"
    let m = alloc("minikube");
    assert_eq!(
        (
            m.milli_cpu,
            m.memory,
            m.ephemeral_storage,
            m.allowed_pod_number
        ),
        (4000, 8063156 * 1024, 15625027559, 110)
    );
    assert_eq!(scalar("minikube", "hugepages-2Mi"), Some(0));

    // OpenShift master: cpu "3500m", attachable-volumes-gce-pd "127", pods "250"
    let o = alloc("ci-ln-3z9y7mt-f76d1-69jcr-master-0");
    assert_eq!(
        (
            o.milli_cpu,
            o.memory,
            o.ephemeral_storage,
            o.allowed_pod_number
        ),
        (3500, 14238280 * 1024, 122112633448, 250)
    );
    assert_eq!(
        scalar(
            "ci-ln-3z9y7mt-f76d1-69jcr-master-0",
            "attachable-volumes-gce-pd"
        ),
        Some(127)
    );

    // EKS arm64: hugepages-32Mi and hugepages-64Ki, attachable-volumes-aws-ebs
    let e = alloc("duckboat-01");
    assert_eq!(
        (
            e.milli_cpu,
            e.memory,
            e.ephemeral_storage,
            e.allowed_pod_number
        ),
        (7910, 31127824 * 1024, 122601479578, 58)
    );
    for r in [
        "hugepages-1Gi",
        "hugepages-2Mi",
        "hugepages-32Mi",
        "hugepages-64Ki",
    ] {
        assert_eq!(scalar("duckboat-01", r), Some(0), "{r}");
    }
    assert_eq!(
        scalar("duckboat-01", "attachable-volumes-aws-ebs"),
        Some(39)
    );

    // RKE2 with a GPU: the extended resource nvidia.com/gpu "1"
    let g = alloc("nori");
    assert_eq!(
        (g.milli_cpu, g.memory, g.ephemeral_storage),
        (2000, 16367668 * 1024, 75959683218)
    );
    assert_eq!(scalar("nori", "nvidia.com/gpu"), Some(1));

    // GKE: cpu "3920m"; kind: ephemeral-storage "61255492Ki"
    let k = alloc("node-default-pool-something");
    assert_eq!(
        (k.milli_cpu, k.memory, k.ephemeral_storage),
        (3920, 12700100 * 1024, 104638878617)
    );
    let kind = alloc("trishanku-control-plane");
    assert_eq!(
        (kind.milli_cpu, kind.memory, kind.ephemeral_storage),
        (6000, 2032964 * 1024, 61255492 * 1024)
    );

    // AKS: the third node has 4Ki less memory
    assert_eq!(
        alloc("aks-agentpool-30520393-vmss000001").memory,
        5497568 * 1024
    );
    assert_eq!(
        alloc("aks-agentpool-30520393-vmss000002").memory,
        5497564 * 1024
    );
    assert_eq!(
        scalar(
            "aks-agentpool-30520393-vmss000000",
            "attachable-volumes-azure-disk"
        ),
        Some(4)
    );
}

#[test]
fn untolerated_no_schedule_taints_keep_existing_pods_only() {
    let report = check_all(&plain());
    let tainted = [
        (
            "ci-ln-3z9y7mt-f76d1-69jcr-master-0",
            "node-role.kubernetes.io/master:NoSchedule",
        ),
        ("duckboat-01", "type=hound:NoSchedule"),
        ("duckboat-02", "type=hound:NoSchedule"),
        (
            "trishanku-control-plane",
            "node.kubernetes.io/unreachable:NoSchedule",
        ),
    ];
    for n in &report.nodes {
        match tainted.iter().find(|(name, _)| *name == n.name) {
            Some((_, taint)) => {
                assert_eq!(n.state, NodeState::KeepsExisting, "{}", n.name);
                assert!(!n.should_run && n.should_continue_running, "{}", n.name);
                assert!(n.reason().contains(taint), "{}: {}", n.name, n.reason());
            }
            // no taints: Ready or not, unschedulable or not does not matter
            // to the controller; every other node fits 0 requests
            None => assert_eq!(n.state, NodeState::Scheduled, "{}", n.name),
        }
    }
    assert_eq!(report.desired_number_scheduled, 7);
}

#[test]
fn a_node_selector_on_the_arch_label_picks_the_arm64_nodes() {
    let ds = tolerate_all(
        "arm",
        "      nodeSelector: {kubernetes.io/arch: arm64}
      containers: [{name: c, image: registry.k8s.io/pause:3.10}]
",
    );
    let report = check_all(&ds);
    for n in &report.nodes {
        if n.name.starts_with("duckboat-") {
            assert_eq!(n.state, NodeState::Scheduled, "{}", n.name);
        } else {
            assert_eq!(n.state, NodeState::Excluded, "{}", n.name);
            assert!(!n.should_run && !n.should_continue_running);
            assert_eq!(
                n.reason(),
                "nodeSelector kubernetes.io/arch=arm64 (node has kubernetes.io/arch=amd64)",
                "{}",
                n.name
            );
        }
    }
    assert_eq!(report.desired_number_scheduled, 2);
}

#[test]
fn an_extended_resource_fits_only_the_gpu_node() {
    let report = check_all(&with_requests("gpu", "{limits: {nvidia.com/gpu: 1}}"));
    for n in &report.nodes {
        if n.name == "nori" {
            assert_eq!(n.state, NodeState::Scheduled);
        } else {
            assert_eq!(n.state, NodeState::Pending, "{}", n.name);
            assert_eq!(n.scheduler_reasons, vec!["Insufficient nvidia.com/gpu"]);
            let message = n.message.as_deref().unwrap_or("");
            assert!(
                message.starts_with(
                    "0/11 nodes are available: 1 Insufficient nvidia.com/gpu, \
                     10 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: "
                ),
                "{}: {message}",
                n.name
            );
        }
    }
}

#[test]
fn memory_and_ephemeral_storage_are_compared_to_the_byte() {
    // 5497568Ki is the allocatable memory of two AKS nodes; the third has
    // 5497564Ki.
    let report = check_all(&with_requests("mem", "{requests: {memory: 5497568Ki}}"));
    let state = |name: &str| node(&report, name).state;
    assert_eq!(
        state("aks-agentpool-30520393-vmss000000"),
        NodeState::Scheduled
    );
    assert_eq!(
        state("aks-agentpool-30520393-vmss000001"),
        NodeState::Scheduled
    );
    assert_eq!(
        state("aks-agentpool-30520393-vmss000002"),
        NodeState::Pending
    );
    assert_eq!(
        node(&report, "aks-agentpool-30520393-vmss000002").scheduler_reasons,
        vec!["Insufficient memory"]
    );
    // the kind node: 2032964Ki
    assert_eq!(state("trishanku-control-plane"), NodeState::Pending);
    assert_eq!(state("minikube"), NodeState::Scheduled);

    // 122601479578 bytes: the EKS nodes' ephemeral-storage exactly; the
    // OpenShift nodes have 122112633448, AKS 119716326407.
    let report = check_all(&with_requests(
        "disk",
        "{requests: {ephemeral-storage: \"122601479578\"}}",
    ));
    for n in &report.nodes {
        if n.name.starts_with("duckboat-") {
            assert_eq!(n.state, NodeState::Scheduled, "{}", n.name);
        } else {
            assert_eq!(n.state, NodeState::Pending, "{}", n.name);
            assert_eq!(
                n.scheduler_reasons,
                vec!["Insufficient ephemeral-storage"],
                "{}",
                n.name
            );
        }
    }
}

/// The minikube dump with `spec` and the Ready condition changed as the
/// cluster would change them.
fn minikube_with(spec: serde_json::Value, ready: &str) -> String {
    let text = std::fs::read_to_string(root().join("tests/data/real/nodes/k9s-minikube-node.json"))
        .unwrap();
    let mut node: serde_json::Value = serde_json::from_str(&text).unwrap();
    node["spec"] = spec;
    for c in node["status"]["conditions"].as_array_mut().unwrap() {
        if c["type"] == "Ready" {
            c["status"] = ready.into();
        }
    }
    serde_json::to_string_pretty(&node).unwrap()
}

fn check_one(ds: &str, nodes: &str) -> daemonset_sim::check::NodeReport {
    let sources = [
        Source::new(Some("ds.yaml"), ds),
        Source::new(Some("node.json"), nodes),
    ];
    let report = session::check(&sources).unwrap_or_else(|r| panic!("{r:?}"));
    assert!(report.input_errors.is_empty() && report.warnings.is_empty());
    assert_eq!(report.nodes.len(), 1);
    report.nodes.into_iter().next().unwrap()
}

#[test]
fn not_ready_cordoned_and_no_execute_tainted_nodes_as_the_controller_reads_them() {
    use serde_json::json;
    // Ready=False: the node lifecycle controller adds not-ready:NoSchedule
    // (taint nodes by condition) and not-ready:NoExecute. Daemon pods
    // tolerate only the NoExecute one: no new pod, the running one stays.
    let not_ready = minikube_with(
        json!({"taints": [
            {"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule", "timeAdded": "2019-08-31T04:44:00Z"},
            {"key": "node.kubernetes.io/not-ready", "effect": "NoExecute", "timeAdded": "2019-08-31T04:44:05Z"}
        ]}),
        "False",
    );
    let n = check_one(&plain(), &not_ready);
    assert_eq!(n.state, NodeState::KeepsExisting);
    assert!(!n.should_run && n.should_continue_running);
    assert!(n
        .reason()
        .contains("node.kubernetes.io/not-ready:NoSchedule"));
    assert_eq!(n.ready, Some(false));
    // tolerating it, the pod is created and the scheduler's TaintToleration
    // passes; the Ready condition itself is read by neither
    let tolerating = daemon_set(
        "t",
        "      tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoSchedule}]
      containers: [{name: c, image: registry.k8s.io/pause:3.10}]
",
    );
    assert_eq!(
        check_one(&tolerating, &not_ready).state,
        NodeState::Scheduled
    );
    // the NoExecute taint alone is tolerated automatically
    let no_execute_only = minikube_with(
        json!({"taints": [{"key": "node.kubernetes.io/not-ready", "effect": "NoExecute"}]}),
        "Unknown",
    );
    assert_eq!(
        check_one(&plain(), &no_execute_only).state,
        NodeState::Scheduled
    );

    // kubectl cordon: spec.unschedulable and the unschedulable taint, both
    // tolerated by every daemon pod (NodeUnschedulable checks the toleration)
    let cordoned = minikube_with(
        json!({"unschedulable": true, "taints": [
            {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": "2019-08-31T04:44:00Z"}
        ]}),
        "True",
    );
    let n = check_one(&plain(), &cordoned);
    assert_eq!(n.state, NodeState::Scheduled);
    assert!(n.unschedulable);

    // an untolerated NoExecute taint: no pod, and a running one is evicted
    let no_execute = minikube_with(
        json!({"taints": [{"key": "dedicated", "value": "db", "effect": "NoExecute"}]}),
        "True",
    );
    let n = check_one(&plain(), &no_execute);
    assert_eq!(n.state, NodeState::Excluded);
    assert!(!n.should_run && !n.should_continue_running);
}

#[test]
fn unquoted_timestamps_of_old_kubectl_yaml_are_strings() {
    // kubectl before v1.14 printed timestamps unquoted; go-yaml v2 resolves
    // them as !!timestamp but decodes them into interface{} as the string
    // written ("for backward compatibility", decode.go), so the Node reads
    // the same. A timestamp YAML accepts but RFC 3339 does not fails in
    // metav1.Time's UnmarshalJSON.
    let text = std::fs::read_to_string(
        root().join("tests/data/real/nodes/gitcd-kind-control-plane-unreachable.yaml"),
    )
    .unwrap();
    let unquoted = text
        .replace(
            "creationTimestamp: \"2022-07-13T09:32:33Z\"",
            "creationTimestamp: 2022-07-13T09:32:33Z",
        )
        .replace(
            "timeAdded: \"2022-07-13T09:39:35Z\"",
            "timeAdded: 2022-07-13T09:39:35Z",
        );
    assert_ne!(unquoted, text);
    let n = check_one(&plain(), &unquoted);
    assert_eq!(n.state, NodeState::KeepsExisting);

    let spaced = text.replace(
        "timeAdded: \"2022-07-13T09:39:35Z\"",
        "timeAdded: 2022-07-13 09:39:35",
    );
    let objects = input::parse(&[Source::new(Some("node.yaml"), &spaced)]);
    let errors: Vec<String> = objects.errors.iter().map(|d| d.message()).collect();
    assert_eq!(
        errors,
        vec!["Node in version \"v1\" cannot be handled as a Node: parsing time \"2022-07-13 09:39:35\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 09:39:35\" as \"T\""]
    );
}
