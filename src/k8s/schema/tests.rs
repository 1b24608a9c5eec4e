use super::*;

/// Walks a dotted JSON path from a root kind: `spec.template.spec.tolerations[].operator`
/// (`[]` steps into an array's elements, `{}` into a map's values).
fn walk(api_version: &str, kind: &str, path: &str) -> &'static FieldDef {
    let mut id = root(api_version, kind).unwrap_or_else(|| panic!("no root {api_version} {kind}"));
    let mut last = None;
    for step in path.split('.') {
        if let Some(f) = last {
            id = element(f)
                .object()
                .unwrap_or_else(|| panic!("{path}: {step} is below a non-object"));
        }
        let name = step.trim_end_matches("[]").trim_end_matches("{}");
        let f = field(id, name)
            .unwrap_or_else(|| panic!("{path}: no field {name} in {}", ty(id).go_type));
        last = Some((f, step));
    }
    last.unwrap().0
}

/// The shape below `f` after the `[]` / `{}` suffixes of its path step.
fn element((f, step): (&'static FieldDef, &str)) -> Shape {
    let mut shape = f.shape;
    let mut rest = &step[step.trim_end_matches(['[', ']', '{', '}']).len()..];
    while !rest.is_empty() {
        shape = match (shape, &rest[..2]) {
            (Shape::Array(v), "[]") | (Shape::Map(v), "{}") => v.shape,
            _ => panic!("{step}: {:?} is not {}", f.shape, &rest[..2]),
        };
        rest = &rest[2..];
    }
    shape
}

#[test]
fn node_selector_resolves_through_the_pod_template() {
    let ds = root("apps/v1", "DaemonSet").unwrap();
    assert_eq!(ty(ds).go_type, "v1.DaemonSet");
    assert_eq!(ty(ds).go_pkg, "k8s.io/api/apps/v1");
    let spec = field(ds, "spec").unwrap().shape.object().unwrap();
    assert_eq!(ty(spec).go_name, "DaemonSetSpec");
    let template = field(spec, "template").unwrap().shape.object().unwrap();
    assert_eq!(ty(template).go_type, "v1.PodTemplateSpec");
    let pod_spec = field(template, "spec").unwrap().shape.object().unwrap();
    assert_eq!(ty(pod_spec).go_type, "v1.PodSpec");
    assert_eq!(ty(pod_spec).go_pkg, "k8s.io/api/core/v1");
    let ns = field(pod_spec, "nodeSelector").unwrap();
    assert_eq!(ns.go_type, "map[string]string");
    match ns.shape {
        Shape::Map(v) => {
            assert!(matches!(v.shape, Shape::String));
            assert_eq!(v.go_type, "string");
        }
        other => panic!("{other:?}"),
    }
    assert!(field(pod_spec, "nodeselector").is_none());
    assert_eq!(suggest(pod_spec, "nodeselector"), Some("nodeSelector"));
    assert_eq!(suggest(pod_spec, "NodeSelector"), Some("nodeSelector"));
    assert_eq!(suggest(pod_spec, "nodeSelecter"), Some("nodeSelector"));
    assert_eq!(suggest(pod_spec, "nodeSelector"), None);
    assert_eq!(suggest(pod_spec, "completelyDifferent"), None);
}

#[test]
fn toleration_fields_and_suggestions() {
    let op = walk(
        "apps/v1",
        "DaemonSet",
        "spec.template.spec.tolerations[].operator",
    );
    assert_eq!(op.go_type, "v1.TolerationOperator");
    let effect = walk(
        "apps/v1",
        "DaemonSet",
        "spec.template.spec.tolerations[].effect",
    );
    assert_eq!(effect.go_type, "v1.TaintEffect");
    let tols = walk("apps/v1", "DaemonSet", "spec.template.spec.tolerations");
    assert_eq!(tols.go_type, "[]v1.Toleration");
    let tol = match tols.shape {
        Shape::Array(v) => {
            assert_eq!(v.go_type, "v1.Toleration");
            v.shape.object().unwrap()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(ty(tol).go_name, "Toleration");
    assert_eq!(suggest(tol, "operater"), Some("operator"));
    assert_eq!(suggest(tol, "efect"), Some("effect"));
    assert_eq!(suggest(tol, "tolerationseconds"), Some("tolerationSeconds"));
    assert!(matches!(
        walk("v1", "Pod", "spec.tolerations[].tolerationSeconds").shape,
        Shape::Int64
    ));
}

#[test]
fn scalar_shapes_and_go_types() {
    let size = walk("v1", "Node", "status.images[].sizeBytes");
    assert!(matches!(size.shape, Shape::Int64));
    assert_eq!(size.go_type, "int64");
    let fv1 = walk("apps/v1", "DaemonSet", "metadata.managedFields[].fieldsV1");
    assert!(matches!(fv1.shape, Shape::FreeForm));
    assert_eq!(fv1.go_type, "v1.FieldsV1");
    let t = walk("v1", "Pod", "metadata.managedFields[].time");
    assert!(matches!(t.shape, Shape::Time));
    assert_eq!(t.go_type, "v1.Time");
    let hp = walk(
        "apps/v1",
        "DaemonSet",
        "spec.template.spec.volumes[].hostPath.type",
    );
    assert_eq!(hp.go_type, "v1.HostPathType");
    assert!(matches!(hp.shape, Shape::String));
    let host_path = walk(
        "apps/v1",
        "DaemonSet",
        "spec.template.spec.volumes[].hostPath",
    );
    assert_eq!(host_path.embedded, Some("v1.VolumeSource"));
    assert_eq!(host_path.go_type, "v1.HostPathVolumeSource");
    assert_eq!(host_path.embedded_go_field(), Some("VolumeSource"));
    assert_eq!(
        walk("apps/v1", "DaemonSet", "spec.template.spec.volumes[].name").embedded,
        None
    );
    let kind = walk("apps/v1", "DaemonSet", "kind");
    assert_eq!(kind.embedded, Some("v1.TypeMeta"));
    assert_eq!(kind.embedded_go_field(), Some("TypeMeta"));
    assert_eq!(kind.go_type, "string");
    let mu = walk(
        "apps/v1",
        "DaemonSet",
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
    );
    assert!(matches!(mu.shape, Shape::IntOrString));
    assert_eq!(mu.go_type, "intstr.IntOrString");
    assert_eq!(
        walk("apps/v1", "DaemonSet", "spec.updateStrategy.type").go_type,
        "v1.DaemonSetUpdateStrategyType"
    );
    assert_eq!(
        walk("apps/v1", "Deployment", "spec.strategy.type").go_type,
        "v1.DeploymentStrategyType"
    );
    let limits = walk("v1", "Pod", "spec.containers[].resources.limits");
    assert_eq!(limits.go_type, "v1.ResourceList");
    match limits.shape {
        Shape::Map(v) => {
            assert!(matches!(v.shape, Shape::Quantity));
            assert_eq!(v.go_type, "resource.Quantity");
        }
        other => panic!("{other:?}"),
    }
    let add = walk(
        "v1",
        "Pod",
        "spec.containers[].securityContext.capabilities.add",
    );
    assert_eq!(add.go_type, "[]v1.Capability");
    assert!(matches!(
        add.shape,
        Shape::Array(Value {
            go_type: "v1.Capability",
            ..
        })
    ));
    assert_eq!(
        walk("v1", "Pod", "spec.containers[].ports[].protocol").go_type,
        "v1.Protocol"
    );
    assert_eq!(
        walk("v1", "Pod", "spec.containers[].ports[].hostPort").go_type,
        "int32"
    );
    assert_eq!(
        walk("v1", "Pod", "spec.containers[].imagePullPolicy").go_type,
        "v1.PullPolicy"
    );
    assert_eq!(
        walk("v1", "Pod", "spec.restartPolicy").go_type,
        "v1.RestartPolicy"
    );
    assert_eq!(walk("v1", "Pod", "metadata.uid").go_type, "types.UID");
    assert_eq!(
        walk("v1", "Pod", "metadata.creationTimestamp").go_type,
        "v1.Time"
    );
    assert_eq!(
        walk("v1", "Node", "status.daemonEndpoints.kubeletEndpoint.Port").go_type,
        "int32"
    );
    assert!(walk("v1", "Node", "status.allocatable").go_type == "v1.ResourceList");
    let pc = walk("scheduling.k8s.io/v1", "PriorityClass", "preemptionPolicy");
    assert_eq!(pc.go_type, "v1.PreemptionPolicy");
    assert!(matches!(
        walk("scheduling.k8s.io/v1", "PriorityClass", "value").shape,
        Shape::Int32
    ));
    assert!(matches!(
        walk("scheduling.k8s.io/v1", "PriorityClass", "globalDefault").shape,
        Shape::Bool
    ));
    // Probes flatten ProbeHandler; ephemeral containers flatten EphemeralContainerCommon.
    let exec = walk("v1", "Pod", "spec.containers[].livenessProbe.exec.command");
    assert_eq!(exec.go_type, "[]string");
    assert_eq!(
        walk("v1", "Pod", "spec.containers[].livenessProbe.httpGet").embedded,
        Some("v1.ProbeHandler")
    );
    let ec = walk("v1", "Pod", "spec.ephemeralContainers[].image");
    assert_eq!(ec.embedded, Some("v1.EphemeralContainerCommon"));
    assert_eq!(
        walk(
            "v1",
            "Pod",
            "spec.ephemeralContainers[].targetContainerName"
        )
        .embedded,
        None
    );
    assert_eq!(
        walk(
            "v1",
            "Pod",
            "spec.containers[].env[].valueFrom.configMapKeyRef.name"
        )
        .embedded,
        Some("v1.LocalObjectReference")
    );
    assert!(matches!(
        walk("v1", "Pod", "spec.resourceClaims[].name").shape,
        Shape::String
    ));
    assert!(matches!(
        walk(
            "v1",
            "Pod",
            "spec.volumes[].ephemeral.volumeClaimTemplate.spec.resources.requests"
        )
        .shape,
        Shape::Map(_)
    ));
}

#[test]
fn roots_and_lists() {
    for (av, kind) in [
        ("apps/v1", "DaemonSet"),
        ("apps/v1", "DaemonSetList"),
        ("apps/v1", "Deployment"),
        ("apps/v1", "DeploymentList"),
        ("v1", "Node"),
        ("v1", "NodeList"),
        ("v1", "Pod"),
        ("v1", "PodList"),
        ("scheduling.k8s.io/v1", "PriorityClass"),
        ("scheduling.k8s.io/v1", "PriorityClassList"),
        ("v1", "List"),
    ] {
        let id = root(av, kind).unwrap_or_else(|| panic!("{av} {kind}"));
        assert_eq!(ty(id).go_name, kind);
        assert!(served_versions(kind).contains(&av), "{kind}");
        assert!(field(id, "apiVersion").is_some() && field(id, "kind").is_some());
    }
    assert_eq!(roots().count(), 11);
    assert_eq!(root("extensions/v1beta1", "DaemonSet"), None);
    assert_eq!(root("apps/v1beta2", "DaemonSet"), None);
    assert_eq!(root("apps/v1", "daemonset"), None);
    assert_eq!(root("v1", "DaemonSet"), None);
    let items = walk("apps/v1", "DaemonSetList", "items");
    assert_eq!(items.go_type, "[]v1.DaemonSet");
    assert_eq!(
        walk(
            "apps/v1",
            "DaemonSetList",
            "items[].spec.template.spec.hostNetwork"
        )
        .go_type,
        "bool"
    );
    assert_eq!(
        walk("apps/v1", "DaemonSetList", "metadata.resourceVersion").go_type,
        "string"
    );
    assert_eq!(
        walk("apps/v1", "DaemonSetList", "metadata").go_type,
        "v1.ListMeta"
    );
    assert_eq!(
        walk("v1", "NodeList", "metadata.remainingItemCount").go_type,
        "int64"
    );
    let any = walk("v1", "List", "items");
    assert_eq!(any.go_type, "[]runtime.RawExtension");
    assert!(matches!(
        any.shape,
        Shape::Array(Value {
            shape: Shape::FreeForm,
            ..
        })
    ));
    assert_eq!(ty(root("v1", "List").unwrap()).go_type, "v1.List");
}

#[test]
fn served_and_removed_versions() {
    assert_eq!(served_versions("DaemonSet"), ["apps/v1"]);
    assert_eq!(served_versions("DaemonSetList"), ["apps/v1"]);
    assert_eq!(served_versions("Deployment"), ["apps/v1"]);
    assert_eq!(served_versions("Node"), ["v1"]);
    assert_eq!(served_versions("PodList"), ["v1"]);
    assert_eq!(served_versions("List"), ["v1"]);
    assert_eq!(served_versions("PriorityClass"), ["scheduling.k8s.io/v1"]);
    assert!(served_versions("StatefulSet").is_empty());
    let ds: Vec<_> = removed_versions("DaemonSet")
        .iter()
        .map(|r| (r.api_version, r.removed_in))
        .collect();
    assert_eq!(
        ds,
        [("extensions/v1beta1", "v1.16"), ("apps/v1beta2", "v1.16")]
    );
    let dep: Vec<_> = removed_versions("DeploymentList")
        .iter()
        .map(|r| r.api_version)
        .collect();
    assert_eq!(dep, ["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"]);
    assert_eq!(
        removed_versions("PriorityClass")[0].api_version,
        "scheduling.k8s.io/v1beta1"
    );
    assert_eq!(removed_versions("PriorityClass")[0].removed_in, "v1.22");
    assert!(removed_versions("Pod").is_empty());
    for (av, kind, _) in roots() {
        assert!(removed_versions(kind).iter().all(|r| r.api_version != av));
    }
}

#[test]
fn table_is_well_formed() {
    let mut n = 0;
    for (id, t) in types() {
        assert_eq!(
            t.go_type,
            format!("{}.{}", t.go_pkg.rsplit('/').next().unwrap(), t.go_name)
        );
        assert!(!t.fields.is_empty(), "{}", t.go_type);
        for w in t.fields.windows(2) {
            assert!(
                w[0].name.as_bytes() < w[1].name.as_bytes(),
                "{}: {} {}",
                t.go_type,
                w[0].name,
                w[1].name
            );
        }
        for f in t.fields {
            assert!(std::ptr::eq(field(id, f.name).unwrap(), f));
            check_shape(&f.shape, f.go_type);
            n += 1;
        }
    }
    assert_eq!(types().count(), 170);
    assert_eq!(n, 774);
}

fn check_shape(shape: &Shape, go_type: &str) {
    match shape {
        Shape::Object(id) => assert_eq!(ty(*id).go_type, go_type),
        Shape::Array(v) => {
            assert!(
                go_type.starts_with("[]") || go_type.starts_with("v1."),
                "{go_type}"
            );
            check_shape(&v.shape, v.go_type);
        }
        Shape::Map(v) => {
            assert!(
                go_type.starts_with("map[") || go_type == "v1.ResourceList",
                "{go_type}"
            );
            check_shape(&v.shape, v.go_type);
        }
        Shape::Quantity => assert_eq!(go_type, "resource.Quantity"),
        Shape::IntOrString => assert_eq!(go_type, "intstr.IntOrString"),
        Shape::Time => assert!(go_type == "v1.Time" || go_type == "v1.MicroTime"),
        Shape::Int32 => assert_eq!(go_type, "int32"),
        Shape::Int64 => assert_eq!(go_type, "int64"),
        Shape::Bool => assert_eq!(go_type, "bool"),
        Shape::FreeForm | Shape::String | Shape::Float64 | Shape::Bytes => {}
    }
}

#[test]
fn edit_distance_bounds() {
    assert_eq!(edit_distance(b"operater", b"operator", 2), Some(1));
    assert_eq!(edit_distance(b"hostnetwork", b"hostNetwork", 2), Some(0));
    assert_eq!(edit_distance(b"ab", b"ba", 1), Some(1));
    assert_eq!(edit_distance(b"image", b"images", 1), Some(1));
    assert_eq!(edit_distance(b"abc", b"xyz", 2), None);
    assert_eq!(edit_distance(&[b'a'; 70], &[b'a'; 70], 2), None);
}

mod corpus;
