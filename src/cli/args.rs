//! Every command, flag and value of the command line, in one place (clap).

use crate::rollout::{ManualDelete, TemplateChange, DEFAULT_TICK_LIMIT};
use clap::{Args, Parser, Subcommand, ValueEnum};

const HELP_TEMPLATE: &str =
    "{usage-heading} {usage}\n\n{about-with-newline}\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "daemonset-sim",
    version,
    about = "Why is my DaemonSet pod not on that node? Kubernetes v1.36 DaemonSet placement, rollout and scheduling, simulated exactly.",
    help_template = HELP_TEMPLATE,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per node, whether the DaemonSet's pod runs there and why.
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Reads DaemonSets and the cluster's nodes (YAML or JSON, several documents, kubectl dumps or the shorthand node list) from the files and directories ('-' for stdin) and shows, for every DaemonSet, per node, whether its pod runs there and why.",
        after_help = "Exit status: 0 valid input, 1 a DaemonSet fails API validation (the report is still printed), 2 the input cannot be read or holds no DaemonSet, or the command line is wrong, 3 a --fail-on condition matched. When several apply, 2 wins over 1, and 1 over 3."
    )]
    Check(CheckArgs),
    /// How a change of the pod template rolls across the nodes, second by second.
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Simulates how a change of a DaemonSet's pod template rolls across the nodes, second by second, as the DaemonSet controller does it: which pods are created and deleted when, the status counters, what `kubectl rollout status` prints, and whether the rollout completes or where it stalls and why.\n\nFILEs ('-' for stdin) hold the current DaemonSet and the nodes (YAML or JSON, kubectl dumps, the shorthand node list), and optionally pods: the DaemonSet's own are what the nodes start with (without them, each node starts as `daemonset-sim check` shows it), the others use the nodes' resources and host ports. The change is the DaemonSet in --new FILE, an image (--image), an env var (--env), a restart annotation (--restart, as `kubectl rollout restart`), or else a second DaemonSet in the FILEs; with none of these, a restart.",
        after_help = "Kubernetes picks which nodes to update first at random; the simulator takes them in name order: the timeline is one of the possible ones.\n\nExit status: 0 simulated, 2 the input cannot be read or holds no DaemonSet."
    )]
    Rollout(Box<RolloutArgs>),
    /// Where a Deployment with the same pod template would put its replicas instead.
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Reads a DaemonSet and/or a Deployment, the cluster's nodes and the pods on them (YAML or JSON, several documents, kubectl dumps or the shorthand node list) from the files ('-' for stdin), and shows where the default scheduler would put the replicas of a Deployment with the same pod template, next to the DaemonSet's pods, with the differences that follow from Kubernetes.\n\nWithout a Deployment in the files, one is derived from the DaemonSet with replicas = desiredNumberScheduled; --replicas N sets another count.",
        after_help = "The scheduler breaks ties between equally scored nodes at random; this tool picks the node with the smallest name and lists the tie.\n\nExit status: 0 ok, 2 the input cannot be read or holds no DaemonSet or Deployment."
    )]
    Compare(CompareArgs),
    /// Every DaemonSet at once: the node × DaemonSet matrix and the DaemonSet tax per node pool.
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Reads every DaemonSet, the cluster's nodes and the pods on them (YAML or JSON, several documents, `kubectl get ds,nodes,pods -A -o yaml` dumps or the shorthand node list) from the files and directories ('-' for stdin), and places all the DaemonSets against the same nodes: the DaemonSets' own pods in the input stay where they are; the others are placed in the order the scheduler's queue takes them (priority, then creation timestamp, then namespace/name), each seeing what the earlier ones took, with preemption. Shows per node one cell per DaemonSet, and per node pool what the daemon pods request of the allocatable (the DaemonSet tax).",
        after_help = "Nodes are grouped by cloud.google.com/gke-nodepool, eks.amazonaws.com/nodegroup, karpenter.sh/nodepool, kubernetes.azure.com/agentpool, else node.kubernetes.io/instance-type, or --group-by LABEL.\n\nExit status: 0 valid input, 1 a DaemonSet fails API validation (it is left out, the rest is printed), 2 the input cannot be read or holds no DaemonSet, or the command line is wrong."
    )]
    Cluster(ClusterArgs),
    /// Prints a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Prints the completion script for SHELL on standard output, generated from the argument definitions. For example:\n  daemonset-sim completion bash > ~/.local/share/bash-completion/completions/daemonset-sim\n  daemonset-sim completion zsh > \"${fpath[1]}/_daemonset-sim\"\n  daemonset-sim completion fish > ~/.config/fish/completions/daemonset-sim.fish"
    )]
    Completion {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Prints the man page (roff) of daemonset-sim or of one command.
    #[command(
        help_template = HELP_TEMPLATE,
        long_about = "Prints the man page of daemonset-sim, or of COMMAND (daemonset-sim-COMMAND(1)), as roff on standard output, generated from the argument definitions. For example:\n  daemonset-sim man > ~/.local/share/man/man1/daemonset-sim.1\n  daemonset-sim man check | man -l -"
    )]
    Man {
        /// check, rollout, compare, cluster, completion or man.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

/// How `rollout` and `compare` print their answer (`-o`, kubectl's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables and sentences for people.
    Text,
    /// The whole answer as JSON (the same object the wasm module returns).
    Json,
    /// The JSON answer as YAML.
    Yaml,
    /// The text with more columns.
    Wide,
    /// The workloads' names only (`daemonset.apps/NAME`).
    Name,
}

/// How `check` prints its reports: [`Format`]'s forms and three for CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Tables for people, one report per DaemonSet.
    Text,
    /// The report as JSON; several DaemonSets: a `kind: List` of reports.
    Json,
    /// The JSON as YAML.
    Yaml,
    /// The text with more columns (failing plugin, taints, labels).
    Wide,
    /// `daemonset.apps/NAME`, one line per DaemonSet.
    Name,
    /// GitHub Actions workflow commands (`::error file=...,line=...::`).
    Github,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// JUnit XML: a test suite per DaemonSet, a test case per node.
    Junit,
}

/// A `--fail-on` condition: exit 3 when a report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    /// A node where the daemon pod would be Pending.
    Pending,
    /// A node the DaemonSet does not target.
    Excluded,
    /// A node that keeps a running daemon pod but gets no new one.
    KeepsExisting,
    /// A node whose daemon pod the API server refuses to create (a
    /// PriorityClass that does not exist).
    FailedCreate,
    /// Any warning about the input (a skipped document, an unbound pod).
    Warnings,
}

/// The inputs of every command, as kubectl takes them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// A file, a directory (its .json, .yaml and .yml files, sorted) or '-'
    /// for standard input; repeatable. Read together with FILEs.
    #[arg(short = 'f', long = "filename", value_name = "FILE|DIR|-")]
    pub filename: Vec<String>,
    /// Read the directories given with -f (or as FILE) recursively.
    #[arg(short = 'R', long)]
    pub recursive: bool,
    /// Files or directories to read ('-' for standard input), as one input.
    #[arg(value_name = "FILE", required_unless_present = "filename")]
    pub files: Vec<String>,
}

impl InputArgs {
    /// Every path, `-f` ones first, in the order given.
    pub fn paths(&self) -> Vec<String> {
        self.filename.iter().chain(&self.files).cloned().collect()
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format: text, json, yaml, wide, name, github, sarif or junit.
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "format",
        value_name = "FORMAT",
        value_enum,
        default_value_t = CheckFormat::Text
    )]
    pub format: CheckFormat,
    /// Exit 3 when a node is in one of these states, or the input has
    /// warnings (comma-separated, repeatable).
    #[arg(long, value_name = "CONDITION,...", value_enum, value_delimiter = ',')]
    pub fail_on: Vec<FailOn>,
    /// Report only this node (repeatable); the others are still simulated.
    #[arg(long, value_name = "NODE")]
    pub node: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How `cluster` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterFormat {
    /// The matrix and the tax table.
    Text,
    /// The whole answer as JSON (the same object the wasm module returns).
    Json,
}

#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Output format: text or json.
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "format",
        value_name = "FORMAT",
        value_enum,
        default_value_t = ClusterFormat::Text
    )]
    pub format: ClusterFormat,
    /// Group the nodes by this label instead of the node-pool labels.
    #[arg(long, value_name = "LABEL")]
    pub group_by: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Output format: text, json, yaml, wide or name.
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "format",
        value_name = "FORMAT",
        value_enum,
        default_value_t = Format::Text
    )]
    pub format: Format,
    /// The Deployment's replica count (default: desiredNumberScheduled).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(0..))]
    pub replicas: Option<i32>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct RolloutArgs {
    /// Output format: text, json, yaml, wide or name.
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "format",
        value_name = "FORMAT",
        value_enum,
        default_value_t = Format::Text
    )]
    pub format: Format,
    /// The DaemonSet after the change is the one in FILE.
    #[arg(long = "new", value_name = "FILE", group = "change")]
    pub new_file: Option<String>,
    /// `kubectl set image`: the new image of CONTAINER (default: the first container).
    #[arg(long, value_name = "[CONTAINER=]IMAGE", value_parser = parse_image, group = "change")]
    pub image: Option<TemplateChange>,
    /// `kubectl set env`: set NAME=VALUE in CONTAINER (default: every container).
    #[arg(long, value_name = "[CONTAINER:]NAME=VALUE", value_parser = parse_env, group = "change")]
    pub env: Option<TemplateChange>,
    /// `kubectl rollout restart`: the restartedAt template annotation.
    #[arg(long, group = "change")]
    pub restart: bool,
    /// Seconds from scheduling to Ready.
    #[arg(long, value_name = "S", default_value_t = 5)]
    pub ready_delay: u32,
    /// The same for one node.
    #[arg(long, value_name = "NODE=S", value_parser = parse_node_seconds)]
    pub ready_delay_node: Vec<(String, u32)>,
    /// The new pod never becomes Ready on NODE.
    #[arg(long, value_name = "NODE")]
    pub never_ready: Vec<String>,
    /// Seconds a deleted pod takes to go.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub termination: u32,
    /// The user deletes NODE's pod at second T (OnDelete).
    #[arg(long, value_name = "T:NODE", value_parser = parse_delete)]
    pub delete: Vec<ManualDelete>,
    /// Stop after N seconds.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TICK_LIMIT)]
    pub tick_limit: u32,
    /// Also show every node's pods at second T.
    #[arg(long, value_name = "T")]
    pub at: Option<u32>,
    /// Instead: the nodes change to those in FILE (a label removed, a taint
    /// added, nodes added or removed); show which daemon pods are created,
    /// kept, deleted.
    #[arg(long, value_name = "FILE", conflicts_with = "change")]
    pub nodes_after: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

impl RolloutArgs {
    /// The template change given by a flag, if any (not `--new`).
    pub fn template_change(&self) -> Option<TemplateChange> {
        self.image
            .clone()
            .or_else(|| self.env.clone())
            .or_else(|| self.restart.then(TemplateChange::restart))
    }
}

fn seconds(v: &str) -> Result<u32, String> {
    v.trim()
        .parse::<u32>()
        .map_err(|_| format!("wants a whole number of seconds, not {v:?}"))
}

fn parse_image(v: &str) -> Result<TemplateChange, String> {
    let (container, image) = match v.split_once('=') {
        Some((c, img)) => (Some(c.to_string()), img.to_string()),
        None => (None, v.to_string()),
    };
    if image.is_empty() {
        return Err("wants [CONTAINER=]IMAGE".into());
    }
    Ok(TemplateChange::Image { container, image })
}

fn parse_env(v: &str) -> Result<TemplateChange, String> {
    let (target, value) = v.split_once('=').ok_or("wants [CONTAINER:]NAME=VALUE")?;
    let (container, name) = match target.split_once(':') {
        Some((c, n)) => (Some(c.to_string()), n.to_string()),
        None => (None, target.to_string()),
    };
    if name.is_empty() {
        return Err("wants [CONTAINER:]NAME=VALUE".into());
    }
    Ok(TemplateChange::Env {
        container,
        name,
        value: value.to_string(),
    })
}

fn parse_node_seconds(v: &str) -> Result<(String, u32), String> {
    let (node, s) = v
        .split_once('=')
        .ok_or_else(|| format!("wants NODE=SECONDS, not {v:?}"))?;
    Ok((node.to_string(), seconds(s)?))
}

fn parse_delete(v: &str) -> Result<ManualDelete, String> {
    let (t, node) = v
        .split_once(':')
        .ok_or_else(|| format!("wants T:NODE, not {v:?}"))?;
    Ok(ManualDelete {
        t: seconds(t)?,
        node: node.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn argument_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
