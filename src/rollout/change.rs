//! Building the changed DaemonSet from the current one and a simple
//! template change (what `kubectl set image`, `kubectl rollout restart`,
//! `kubectl set env` do).

use crate::k8s::model::{DaemonSet, EnvVar};
use serde::{Deserialize, Serialize};

/// The annotation `kubectl rollout restart` sets on the pod template.
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";
/// The annotation's value in a simulated restart (a fixed time, so that
/// the same input always gives the same output).
pub const DEFAULT_RESTARTED_AT: &str = "2026-01-01T00:00:00Z";

/// A change to the pod template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TemplateChange {
    /// `kubectl set image ds/x CONTAINER=IMAGE` (no container: the first).
    #[serde(rename_all = "camelCase")]
    Image {
        #[serde(default)]
        #[cfg_attr(test, ts(optional = nullable))]
        container: Option<String>,
        image: String,
    },
    /// `kubectl rollout restart`: the `kubectl.kubernetes.io/restartedAt`
    /// template annotation.
    #[serde(rename_all = "camelCase")]
    RestartAnnotation {
        #[serde(default = "default_restarted_at")]
        #[cfg_attr(test, ts(type = "string", optional))]
        restarted_at: String,
    },
    /// `kubectl set env ds/x NAME=VALUE` (no container: every container).
    #[serde(rename_all = "camelCase")]
    Env {
        #[serde(default)]
        #[cfg_attr(test, ts(optional = nullable))]
        container: Option<String>,
        name: String,
        value: String,
    },
    /// Remove every toleration from the template.
    RemoveTolerations,
}

fn default_restarted_at() -> String {
    DEFAULT_RESTARTED_AT.to_string()
}

impl TemplateChange {
    /// `kubectl rollout restart`, at [`DEFAULT_RESTARTED_AT`].
    pub fn restart() -> TemplateChange {
        TemplateChange::RestartAnnotation {
            restarted_at: default_restarted_at(),
        }
    }
}

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ChangeError {
    /// The template has no container of that name.
    #[serde(rename_all = "camelCase")]
    NoSuchContainer {
        container: String,
        containers: Vec<String>,
    },
    /// The template has no containers at all.
    NoContainers,
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ChangeError::NoSuchContainer {
                container,
                containers,
            } => write!(
                f,
                "the pod template has no container {container:?} (it has: {})",
                containers.join(", ")
            ),
            ChangeError::NoContainers => f.write_str("the pod template has no containers"),
        }
    }
}

/// The DaemonSet after the change, with its generation bumped.
pub fn apply_change(old: &DaemonSet, change: &TemplateChange) -> Result<DaemonSet, ChangeError> {
    let mut ds = old.clone();
    let spec = &mut ds.spec.template.spec;
    let names: Vec<String> = spec
        .containers
        .iter()
        .map(|c| c.name.clone().unwrap_or_default())
        .collect();
    let missing = |c: &str| ChangeError::NoSuchContainer {
        container: c.to_string(),
        containers: names.clone(),
    };
    match change {
        TemplateChange::Image { container, image } => {
            let c = match container.as_deref() {
                None | Some("") => spec
                    .containers
                    .first_mut()
                    .ok_or(ChangeError::NoContainers)?,
                Some(n) => spec
                    .containers
                    .iter_mut()
                    .chain(spec.init_containers.iter_mut())
                    .find(|c| c.name.as_deref() == Some(n))
                    .ok_or_else(|| missing(n))?,
            };
            c.image = Some(image.clone());
        }
        TemplateChange::RestartAnnotation { restarted_at } => {
            ds.spec
                .template
                .metadata
                .annotations
                .insert(RESTARTED_AT, restarted_at);
        }
        TemplateChange::Env {
            container,
            name,
            value,
        } => {
            if spec.containers.is_empty() {
                return Err(ChangeError::NoContainers);
            }
            let mut found = false;
            for c in spec.containers.iter_mut() {
                if container
                    .as_deref()
                    .is_some_and(|want| !want.is_empty() && c.name.as_deref() != Some(want))
                {
                    continue;
                }
                found = true;
                match c.env.iter_mut().find(|e| &e.name == name) {
                    // kubectl set env replaces the whole variable
                    Some(e) => {
                        e.value = Some(value.clone());
                        e.value_from = None;
                    }
                    None => c.env.push(EnvVar {
                        name: name.clone(),
                        value: Some(value.clone()),
                        value_from: None,
                    }),
                }
            }
            if !found {
                return Err(missing(container.as_deref().unwrap_or("")));
            }
        }
        TemplateChange::RemoveTolerations => spec.tolerations.clear(),
    }
    ds.metadata.generation = Some(
        old.metadata
            .generation
            .unwrap_or(1)
            .max(1)
            .saturating_add(1),
    );
    Ok(ds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::Container;

    fn ds() -> DaemonSet {
        let mut ds = DaemonSet::default();
        ds.spec.template.spec.containers = vec![
            Container {
                name: Some("app".into()),
                image: Some("a:1".into()),
                ..Container::default()
            },
            Container {
                name: Some("side".into()),
                image: Some("s:1".into()),
                ..Container::default()
            },
        ];
        ds
    }

    #[test]
    fn image_change_targets_the_named_container() {
        let new = apply_change(
            &ds(),
            &TemplateChange::Image {
                container: Some("side".into()),
                image: "s:2".into(),
            },
        )
        .unwrap();
        assert_eq!(
            new.spec.template.spec.containers[1].image.as_deref(),
            Some("s:2")
        );
        assert_eq!(
            new.spec.template.spec.containers[0].image.as_deref(),
            Some("a:1")
        );
        assert_eq!(new.metadata.generation, Some(2));
        let err = apply_change(
            &ds(),
            &TemplateChange::Image {
                container: Some("nope".into()),
                image: "x".into(),
            },
        )
        .unwrap_err();
        assert!(matches!(err, ChangeError::NoSuchContainer { .. }));
    }

    #[test]
    fn restart_sets_the_kubectl_annotation() {
        let new = apply_change(
            &ds(),
            &TemplateChange::RestartAnnotation {
                restarted_at: "2026-02-03T04:05:06Z".into(),
            },
        )
        .unwrap();
        assert_eq!(
            new.spec.template.metadata.annotations.get(RESTARTED_AT),
            Some("2026-02-03T04:05:06Z")
        );
    }

    #[test]
    fn env_change_adds_or_replaces() {
        let new = apply_change(
            &ds(),
            &TemplateChange::Env {
                container: None,
                name: "LOG".into(),
                value: "debug".into(),
            },
        )
        .unwrap();
        assert!(new
            .spec
            .template
            .spec
            .containers
            .iter()
            .all(|c| c.env.len() == 1 && c.env[0].value.as_deref() == Some("debug")));
    }
}
