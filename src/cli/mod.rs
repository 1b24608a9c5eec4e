//! The `daemonset-sim` command: the only module that prints.
//!
//! One argument definition ([`args`], clap), one output [`Format`], one
//! file per command ([`check`], [`rollout`], [`compare`]) that calls the
//! session and renders its answer, and the shared pieces below (reading
//! files, the kubectl-style table, JSON output).

pub mod args;
pub mod check;
pub mod compare;
pub mod rollout;

use args::{Cli, Command};
use clap::Parser;
use std::io::{Read, Write};

pub use args::Format;

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
    let cli = match Cli::try_parse_from(std::iter::once("daemonset-sim".to_string()).chain(args)) {
        Ok(cli) => cli,
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
    }
}

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

    /// Reads every file argument, in order: `(name, text)`.
    pub fn read_all(&mut self, names: &[String]) -> Result<Vec<(String, String)>, String> {
        names
            .iter()
            .map(|n| self.read(n).map(|t| (n.clone(), t)))
            .collect()
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
