//! Turning the operands of `check` into the list of inputs: files as given, directories walked.
//!
//! A file named on the command line is always checked, whatever its extension. A directory is
//! walked recursively, entries sorted by name at every level, so the inputs come in sorted path
//! order and the output is the same on every run and every machine. Inside a directory only
//! the extensions in [`REPORT_EXTENSIONS`] are taken (any case); other files are counted and
//! said once on standard error by `main`.
//!
//! Symbolic links are followed, but each directory is entered once, by its canonical path, so
//! a link loop (`a/b -> ..`) ends instead of hanging. A directory that cannot be listed is an
//! error of its own and the walk goes on with the rest.
//!
//! Invariant: the order of [`Walk::inputs`] depends only on the operands and the names on disk.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::Source;

/// The extensions taken from a directory (compared without regard to case).
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx", "pdf"];

/// What the operands came to.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every input to check, in order.
    pub inputs: Vec<Source>,
    /// Files inside directories left out because of their extension.
    pub skipped: usize,
    /// Directories that could not be listed, or held nothing to check.
    pub errors: Vec<Error>,
}

/// Expands `sources`: files and standard input as given, directories walked.
pub fn expand(sources: &[Source]) -> Walk {
    let mut walk = Walk::default();
    let mut seen = HashSet::new();
    for source in sources {
        let Source::Path(path) = source else {
            walk.inputs.push(source.clone());
            continue;
        };
        if !path.is_dir() {
            walk.inputs.push(source.clone());
            continue;
        }
        let before = walk.inputs.len();
        directory(path, &mut seen, &mut walk);
        if walk.inputs.len() == before {
            walk.errors
                .push(Error::NoReports(path.display().to_string()));
        }
    }
    walk
}

/// Walks one directory, depth first in name order, unless it was entered before.
fn directory(dir: &Path, seen: &mut HashSet<PathBuf>, walk: &mut Walk) {
    // The canonical path names a directory however it was reached, links included.
    let canonical = match fs::canonicalize(dir) {
        Ok(canonical) => canonical,
        Err(source) => {
            let name = dir.display().to_string();
            return walk.errors.push(Error::Read { name, source });
        }
    };
    if !seen.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            let name = dir.display().to_string();
            return walk.errors.push(Error::Read { name, source });
        }
    };
    let mut names: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        if path.is_dir() {
            directory(&path, seen, walk);
        } else if is_report(&path) {
            walk.inputs.push(Source::Path(path));
        } else {
            walk.skipped += 1;
        }
    }
}

/// True when the file's extension is one of [`REPORT_EXTENSIONS`].
fn is_report(path: &Path) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    REPORT_EXTENSIONS
        .iter()
        .any(|known| ext.eq_ignore_ascii_case(known))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-walk-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(walk: &Walk, root: &Path) -> Vec<String> {
        walk.inputs
            .iter()
            .map(|s| match s {
                Source::Path(p) => p.strip_prefix(root).unwrap().display().to_string(),
                Source::Stdin => "-".into(),
            })
            .collect()
    }

    #[test]
    fn directories_are_walked_in_sorted_order_and_other_files_counted() {
        let root = scratch("sorted");
        fs::create_dir_all(root.join("b/sub")).unwrap();
        for name in [
            "b/sub/z.TXT",
            "b/a.docx",
            "a.htm",
            "c.html",
            "notes.md",
            "b/x.pdf",
            "b/y.svg",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let walk = expand(&[Source::Path(root.clone())]);
        assert_eq!(
            names(&walk, &root),
            ["a.htm", "b/a.docx", "b/sub/z.TXT", "b/x.pdf", "c.html"]
        );
        assert_eq!(walk.skipped, 2);
        assert!(walk.errors.is_empty());
        // A file named explicitly is checked whatever its extension, in the operands' order.
        let md = Source::Path(root.join("notes.md"));
        let walk = expand(&[md.clone(), Source::Stdin]);
        assert_eq!(walk.inputs, [md, Source::Stdin]);
        let _ = fs::remove_dir_all(&root);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_ends() {
        let root = scratch("loop");
        fs::create_dir_all(root.join("d")).unwrap();
        fs::write(root.join("d/r.txt"), "x").unwrap();
        std::os::unix::fs::symlink("..", root.join("d/up")).unwrap();
        let walk = expand(&[Source::Path(root.clone())]);
        assert_eq!(names(&walk, &root), ["d/r.txt"]);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn an_empty_directory_is_an_error() {
        let root = scratch("empty");
        fs::write(root.join("readme.md"), "x").unwrap();
        let walk = expand(&[Source::Path(root.clone())]);
        assert!(walk.inputs.is_empty());
        assert!(matches!(walk.errors.as_slice(), [Error::NoReports(_)]));
        let _ = fs::remove_dir_all(&root);
    }
}
