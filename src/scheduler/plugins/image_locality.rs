//! ImageLocality scoring (weight 1): favours nodes that already have the
//! pod's images (`status.images` of the node). Each image present adds
//! `size * nodesHavingIt / allNodes`; the sum is clamped to
//! [23Mi, 1000Mi × containers] and scaled to 0..=100. An image name
//! without a tag is looked up as `:latest`. No normalization.

use super::super::snapshot::CachedNode;
use super::{PluginScores, ScoreInput, MAX_NODE_SCORE};

pub const NAME: &str = "ImageLocality";
pub const WEIGHT: i64 = 1;

const MB: i64 = 1024 * 1024;
const MIN_THRESHOLD: i64 = 23 * MB;
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// `normalizedImageName`: adds `:latest` when the name has no tag.
pub fn normalized_image_name(name: &str) -> String {
    let colon = name.rfind(':');
    let slash = name.rfind('/');
    let has_tag = match (colon, slash) {
        (Some(c), Some(s)) => c > s,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if has_tag {
        name.to_string()
    } else {
        format!("{name}:latest")
    }
}

/// `calculatePriority`.
pub fn calculate_priority(sum: i64, num_containers: usize) -> i64 {
    let max_threshold = MAX_CONTAINER_THRESHOLD.saturating_mul(num_containers as i64);
    let sum = if sum < MIN_THRESHOLD {
        MIN_THRESHOLD
    } else if sum > max_threshold {
        max_threshold
    } else {
        sum
    };
    let range = max_threshold - MIN_THRESHOLD;
    if range <= 0 {
        return 0;
    }
    // i128: size × 100 can exceed i64 for absurd image sizes
    ((MAX_NODE_SCORE as i128 * (sum - MIN_THRESHOLD) as i128) / range as i128) as i64
}

/// `sumImageScores`.
pub fn sum_image_scores(node: &CachedNode, images: &[String], total_nodes: usize) -> i64 {
    images
        .iter()
        .filter_map(|img| node.images.get(&normalized_image_name(img)))
        .map(|&(size, holders)| {
            let spread = holders as f64 / total_nodes.max(1) as f64;
            (size as f64 * spread) as i64
        })
        .fold(0i64, i64::saturating_add)
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let spec = input.pod.spec();
    let images: Vec<String> = spec
        .init_containers
        .iter()
        .chain(spec.containers.iter())
        .map(|c| c.image.clone().unwrap_or_default())
        .collect();
    let total = input.snapshot.nodes.len();
    let raw = input
        .nodes()
        .map(|n| calculate_priority(sum_image_scores(n, &images, total), images.len()))
        .collect();
    Some(PluginScores::unnormalized(NAME, WEIGHT, raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_get_latest() {
        assert_eq!(normalized_image_name("nginx"), "nginx:latest");
        assert_eq!(normalized_image_name("nginx:1.25"), "nginx:1.25");
        assert_eq!(
            normalized_image_name("registry:5000/app"),
            "registry:5000/app:latest"
        );
        assert_eq!(
            normalized_image_name("registry:5000/app:2"),
            "registry:5000/app:2"
        );
    }

    #[test]
    fn priority_is_clamped_and_scaled() {
        assert_eq!(calculate_priority(0, 1), 0);
        assert_eq!(calculate_priority(23 * MB, 1), 0);
        assert_eq!(calculate_priority(2000 * MB, 1), 100);
        // 500Mi on one container: (500-23)*100/(1000-23) = 48
        assert_eq!(calculate_priority(500 * MB, 1), 48);
        assert_eq!(calculate_priority(500 * MB, 0), 0);
    }
}
