//! The `daemonset-sim` command: the only module that prints.
//!
//! One argument definition ([`args`], clap), one output [`Format`], one
//! file per command ([`check`], [`rollout`], [`compare`]) that calls the
//! session and renders its answer, and the shared pieces below (reading
//! files, the kubectl-style table, JSON output).

pub mod args;
pub mod check;
pub mod ci;
pub mod cluster;
pub mod compare;
mod files;
pub mod rollout;

use args::{Cli, Command, InputArgs};
use clap::{CommandFactory, FromArgMatches};
use std::io::{Read, Write};

pub use args::{CheckFormat, Format};
pub use files::{expand, InputFile};

/// Runs the CLI; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    run_with(args, &mut std::io::stdin(), &mut out, &mut err)
}

/// Runs the CLI against the given streams (tests use buffers). `args` are
/// the arguments after the program name.
pub fn run_with(
    args: Vec<String>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let argv = std::iter::once("daemonset-sim".to_string()).chain(args);
    let parsed = Cli::command()
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (mut cli, matches) = match parsed {
        Ok(p) => p,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = write!(err, "{text}");
                2
            } else {
                let _ = write!(out, "{text}");
                0
            };
        }
    };
    if let (Some(input), Some((_, sub))) = (cli.command.input_mut(), matches.subcommand()) {
        input.files = paths_in_order(sub);
        input.filename.clear();
    }
    let mut io = Io {
        stdin,
        stdin_text: None,
        out,
        err,
    };
    match cli.command {
        Command::Check(a) => check::run(&a, &mut io),
        Command::Rollout(a) => rollout::run(&a, &mut io),
        Command::Compare(a) => compare::run(&a, &mut io),
        Command::Cluster(a) => cluster::run(&a, &mut io),
        Command::Completion { shell } => {
            // into a buffer: clap_complete panics when its writer fails
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "daemonset-sim", &mut script);
            write_quietly(&mut io, "completion", &script)
        }
        Command::Man { command } => man(command.as_deref(), &mut io),
    }
}

/// Prints why a command has no answer, with its hints; returns the exit
/// code: 1 when the API server would refuse a workload, else 2.
fn refused(io: &mut Io, command: &str, refusal: &crate::session::Refusal) -> i32 {
    for d in refusal.diagnostics() {
        let _ = writeln!(io.err, "daemonset-sim {command}: {}", d.located_message());
    }
    match refusal {
        crate::session::Refusal::Refused(_) => 1,
        _ => 2,
    }
}

/// The `-f` and positional paths of a command in the order they were
/// typed (`check ds.yaml -f nodes/` reads ds.yaml first), as kubectl
/// reads its `-f`s.
fn paths_in_order(m: &clap::ArgMatches) -> Vec<String> {
    let mut all: Vec<(usize, String)> = Vec::new();
    for id in ["filename", "files"] {
        if let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_many::<String>(id)) {
            all.extend(idx.zip(vals.cloned()));
        }
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, v)| v).collect()
}

impl Command {
    /// The inputs of a command that reads files.
    fn input_mut(&mut self) -> Option<&mut InputArgs> {
        match self {
            Command::Check(a) => Some(&mut a.input),
            Command::Rollout(a) => Some(&mut a.input),
            Command::Compare(a) => Some(&mut a.input),
            Command::Cluster(a) => Some(&mut a.input),
            Command::Completion { .. } | Command::Man { .. } => None,
        }
    }
}

/// `daemonset-sim man [COMMAND]`: the roff page, from the definitions.
fn man(command: Option<&str>, io: &mut Io) -> i32 {
    let cmd = Cli::command();
    let page = match command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                let _ = writeln!(
                    io.err,
                    "daemonset-sim man: no command {name:?} (commands: {})",
                    names.join(", ")
                );
                return 2;
            };
            // the page of `daemonset-sim check` is daemonset-sim-check(1)
            let full: &'static str = match sub.get_name() {
                "check" => "daemonset-sim-check",
                "rollout" => "daemonset-sim-rollout",
                "compare" => "daemonset-sim-compare",
                "completion" => "daemonset-sim-completion",
                _ => "daemonset-sim-man",
            };
            sub.clone()
                .name(full)
                .bin_name(format!("daemonset-sim {}", sub.get_name()))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    match clap_mangen::Man::new(page).render(&mut roff) {
        Ok(()) => write_quietly(io, "man", &roff),
        Err(e) => {
            let _ = writeln!(io.err, "daemonset-sim man: {e}");
            2
        }
    }
}

/// Writes `bytes` to stdout: 0, or 2 after a message when that fails
/// (a reader that stops early, `| head`, is no failure).
fn write_quietly(io: &mut Io, command: &str, bytes: &[u8]) -> i32 {
    match io.out.write_all(bytes).and_then(|()| io.out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io.err, "daemonset-sim {command}: {e}");
            2
        }
        _ => 0,
    }
}

/// A command's texts, `(name, text)`, and the warnings about the files
/// of directories left out (see [`Io::read_inputs`]).
pub type Inputs = (Vec<(String, String)>, Vec<crate::diagnostic::Diagnostic>);

/// The streams a command reads and writes.
pub struct Io<'a> {
    stdin: &'a mut dyn Read,
    /// Standard input, once read (`-` may be named more than once).
    stdin_text: Option<String>,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Io<'_> {
    /// Reads a file argument (`-` is standard input); the error names the file.
    pub fn read(&mut self, name: &str) -> Result<String, String> {
        if name != "-" {
            return std::fs::read_to_string(name).map_err(|e| format!("{name}: {e}"));
        }
        if let Some(t) = &self.stdin_text {
            return Ok(t.clone());
        }
        let mut s = String::new();
        self.stdin
            .read_to_string(&mut s)
            .map_err(|e| format!("-: {e}"))?;
        self.stdin_text = Some(s.clone());
        Ok(s)
    }

    /// Reads a command's inputs: files, `-`, and the files of directories
    /// ([`expand`]). A file found in a directory that holds no Kubernetes
    /// object (a `Chart.yaml`, a CI config) is left out; the warnings say
    /// which. Returns `(name, text)` pairs and those warnings.
    pub fn read_inputs(&mut self, input: &InputArgs) -> Result<Inputs, String> {
        let files = expand(&input.paths(), input.recursive)?;
        let mut texts = Vec::with_capacity(files.len());
        let mut skipped = Vec::new();
        for f in files {
            let text = self.read(&f.name)?;
            if f.in_directory {
                let unused =
                    crate::session::unused_text(&crate::input::Source::new(Some(&f.name), &text));
                if let Some(w) = unused {
                    skipped.push(w);
                    continue;
                }
            }
            texts.push((f.name, text));
        }
        Ok((texts, skipped))
    }

    /// Writes a value as YAML (the JSON answer's fields, in its order).
    pub fn yaml<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        let text = serde_yaml::to_string(value).map_err(std::io::Error::other)?;
        write!(self.out, "{text}")
    }

    /// Writes a value as indented JSON and a newline.
    pub fn json<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *self.out, value).map_err(std::io::Error::other)?;
        writeln!(self.out)
    }
}

/// A kubectl-style table: columns padded to their widest cell (counted in
/// characters), `gap` spaces between them, trailing spaces trimmed.
pub fn table(rows: &[Vec<String>], gap: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < r.len() {
                // padding by hand: format width arguments stop at 65,535
                let pad = widths.get(c).copied().unwrap_or(0) - cell.chars().count() + gap;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_columns_and_takes_cells_of_any_length() {
        let rows = vec![
            vec!["NAME".to_string(), "STATE".into()],
            vec!["a".to_string(), "Pending".into()],
        ];
        assert_eq!(table(&rows, 3), "NAME   STATE\na      Pending\n");
        // longer than a format width can be (65,535)
        let long = "x".repeat(70_000);
        let rows = vec![vec![long.clone(), "y".into()], vec!["a".into(), "b".into()]];
        let t = table(&rows, 2);
        assert_eq!(t.lines().nth(1).map(str::len), Some(70_003));
    }
}
