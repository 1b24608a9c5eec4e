//! Which files a command reads: kubectl's `-f FILE|DIR|-` and `-R`.
//!
//! As `kubectl apply -f DIR` does (its `ExpandPathsToFileVisitors`): a
//! directory stands for its files whose names end in `.json`, `.yaml` or
//! `.yml`, in lexical order; its subdirectories only with `-R`, visited
//! in place (a directory's entries in lexical order, depth first). A file
//! named explicitly is read whatever its name.

use std::path::Path;

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The path as given, or joined to its directory; `-` is stdin.
    pub name: String,
    /// Found by listing a directory (not named on the command line).
    pub in_directory: bool,
}

const EXTENSIONS: [&str; 3] = ["json", "yaml", "yml"];

/// The files behind the paths, in order. `Err` (naming the path) when a
/// path does not exist, is a URL, or is a directory without a manifest.
pub fn expand(paths: &[String], recursive: bool) -> Result<Vec<InputFile>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputFile {
                name: p.clone(),
                in_directory: false,
            });
            continue;
        }
        if p.starts_with("http://") || p.starts_with("https://") {
            return Err(format!(
                "{p}: reading a URL is not supported: download it, or pipe it into -f -"
            ));
        }
        let meta = std::fs::metadata(p).map_err(|e| format!("{p}: {e}"))?;
        if !meta.is_dir() {
            out.push(InputFile {
                name: p.clone(),
                in_directory: false,
            });
            continue;
        }
        let before = out.len();
        walk(Path::new(p), recursive, &mut out).map_err(|e| format!("{p}: {e}"))?;
        if out.len() == before {
            let hint = if recursive {
                ""
            } else {
                " (-R reads its subdirectories too)"
            };
            return Err(format!(
                "{p}: the directory holds no .json, .yaml or .yml file{hint}"
            ));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, recursive: bool, out: &mut Vec<InputFile>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        // a symlink to a directory is not followed (kubectl's filepath.Walk)
        let kind = e.file_type()?;
        if kind.is_dir() {
            if recursive {
                walk(&path, recursive, out)?;
            }
            continue;
        }
        let manifest = path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| EXTENSIONS.contains(&x));
        if manifest && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.push(InputFile {
                name: path.to_string_lossy().into_owned(),
                in_directory: true,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_to_their_manifests_in_order() {
        let root = std::env::temp_dir().join(format!("dss-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        for f in [
            "b.yaml",
            "a.json",
            "c.yml",
            "README.md",
            "d.YAML",
            "sub/x.yaml",
            "sub/deeper/y.yml",
        ] {
            std::fs::write(root.join(f), "").unwrap();
        }
        let r = root.to_string_lossy().into_owned();
        let names = |rec| -> Vec<String> {
            expand(std::slice::from_ref(&r), rec)
                .unwrap()
                .into_iter()
                .map(|f| f.name[r.len() + 1..].to_string())
                .collect()
        };
        assert_eq!(names(false), ["a.json", "b.yaml", "c.yml"]);
        assert_eq!(
            names(true),
            [
                "a.json",
                "b.yaml",
                "c.yml",
                "sub/deeper/y.yml",
                "sub/x.yaml"
            ]
        );
        // a file named explicitly is read whatever its name
        let md = format!("{r}/README.md");
        let got = expand(&[md.clone(), "-".into()], false).unwrap();
        assert_eq!(
            got[0],
            InputFile {
                name: md,
                in_directory: false
            }
        );
        assert_eq!(got[1].name, "-");
        let empty = format!("{r}/empty");
        assert!(expand(&[empty], false)
            .unwrap_err()
            .contains("no .json, .yaml or .yml"));
        assert!(expand(&[format!("{r}/nope")], false).is_err());
        assert!(expand(&["https://x/y.yaml".into()], false).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }
}
