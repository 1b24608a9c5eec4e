//! The limits on what one reading of the input may take, so that no text,
//! however large or hostile, can exhaust memory or time. Each refusal is
//! an error that names the limit and the value found.
//!
//! The defaults are generous for the largest real clusters (100,000 nodes
//! with their pods, `kubectl get nodes -o json` dumps of several hundred
//! megabytes) and far below what would hurt the machine.

/// The limits of one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one input text.
    pub max_input_bytes: usize,
    /// Nesting of arrays and objects in a document.
    pub max_depth: usize,
    /// Values (every scalar, array and object) in one document, aliases
    /// expanded.
    pub max_values: usize,
    /// Nodes in all inputs together, after the shorthand's `count`.
    pub max_nodes: usize,
    /// Pods in all inputs together, after the shorthand's `count`.
    pub max_pods: usize,
    /// Diagnostics kept (the rest are counted, not kept).
    pub max_diagnostics: usize,
}

/// 512 MiB: about twice the largest real node dump seen.
pub const MAX_INPUT_BYTES: usize = 512 << 20;
/// Deeper than any Kubernetes object (a DaemonSet is about a dozen levels;
/// CRD schemas reach a few dozen).
pub const MAX_DEPTH: usize = 256;
/// 64 million values: a 512 MiB dump has fewer.
pub const MAX_VALUES: usize = 64 << 20;
/// Twice EKS's largest cluster (100,000 nodes).
pub const MAX_NODES: usize = 200_000;
/// 110 pods per node on the largest clusters, with room.
pub const MAX_PODS: usize = 2_000_000;
/// Diagnostics kept.
pub const MAX_DIAGNOSTICS: usize = 1000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: MAX_INPUT_BYTES,
            max_depth: MAX_DEPTH,
            max_values: MAX_VALUES,
            max_nodes: MAX_NODES,
            max_pods: MAX_PODS,
            max_diagnostics: MAX_DIAGNOSTICS,
        }
    }
}

/// An input that goes past a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// What is limited (`nesting depth`, `values in one document`, ...).
    pub what: &'static str,
    /// The limit.
    pub max: usize,
    /// The value found, where it is known exactly.
    pub found: Option<usize>,
    /// Byte offset in the text where the limit was reached.
    pub pos: u32,
}

impl LimitError {
    pub fn depth(max: usize, pos: u32) -> LimitError {
        LimitError {
            what: "nesting depth",
            max,
            found: None,
            pos,
        }
    }

    pub fn values(max: usize, pos: u32) -> LimitError {
        LimitError {
            what: "values in one document",
            max,
            found: None,
            pos,
        }
    }

    pub fn input_bytes(max: usize, found: usize) -> LimitError {
        LimitError {
            what: "input size in bytes",
            max,
            found: Some(found),
            pos: 0,
        }
    }
}

impl LimitError {
    /// What is limited as a code for the page's words (`limitWhat.<key>`).
    pub fn key(&self) -> &'static str {
        match self.what {
            "nesting depth" => "depth",
            "values in one document" => "values",
            "input size in bytes" => "inputBytes",
            "number of nodes" => "nodes",
            "number of pods" => "pods",
            _ => "other",
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.found {
            Some(n) => write!(
                f,
                "the {} is {}, more than the limit of {}",
                self.what,
                thousands(n),
                thousands(self.max)
            ),
            None => write!(
                f,
                "the {} goes beyond the limit of {}",
                self.what,
                thousands(self.max)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(
            LimitError::input_bytes(100, 2000).to_string(),
            "the input size in bytes is 2,000, more than the limit of 100"
        );
        assert_eq!(
            LimitError::depth(256, 3).to_string(),
            "the nesting depth goes beyond the limit of 256"
        );
    }
}
