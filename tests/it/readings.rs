//! What the readers make of every document fixture (.html, .docx, .pdf under tests/fixtures),
//! kept in `tests/golden/readings/`: the document block by block in the wire format of
//! `nianbao::doc::wire` (exact to the byte) — for a PDF after its number of pages and where
//! each page begins —, or the reader's refusal. A change to a reader that
//! changes a reading shows here as a diff; `UPDATE_GOLDEN=1 cargo test` rewrites them after
//! the diff has been read.
//!
//! These goldens were first written by the readers as they stood in the single crate, before
//! the workspace split, and the split left every one byte-identical.

use std::path::{Path, PathBuf};

use nianbao::doc::{wire, Document};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(extension(&path), "html" | "docx" | "pdf") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// One line per block, each the wire form of a document of that block alone.
fn blocks(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        out.push_str(&wire::encode(&Document {
            blocks: vec![block.clone()],
            pages: Vec::new(),
        }));
        out.push('\n');
    }
    out
}

/// Where each page begins: `page N: block B` or, inside a table continued from the page
/// before, `block B row R`, on one line.
fn page_starts(document: &Document) -> String {
    let starts: Vec<String> = document
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| match p.row {
            0 => format!("{}:{}", i + 1, p.block),
            row => format!("{}:{}.{row}", i + 1, p.block),
        })
        .collect();
    format!("page starts (page:block[.row]) {}", starts.join(" "))
}

/// The reading of `path` as its golden holds it.
fn reading(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture");
    match extension(path) {
        "pdf" => match nianbao::pdf::read(&bytes) {
            Ok(pdf) => format!(
                "pages {}\n{}\n{}",
                pdf.pages,
                page_starts(&pdf.document),
                blocks(&pdf.document)
            ),
            Err(e) => format!("refused {e:?}\n"),
        },
        "docx" => match nianbao::docx::read(&bytes) {
            Ok(document) => blocks(&document),
            Err(e) => format!("refused {e:?}\n"),
        },
        _ => blocks(&nianbao::html::parse(&String::from_utf8_lossy(&bytes))),
    }
}

#[test]
fn every_document_fixture_reads_as_its_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/golden/readings");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    let files = fixtures();
    assert!(files.len() >= 30, "{files:?}");
    for path in files {
        let name = path
            .strip_prefix(root.join("tests/fixtures"))
            .expect("under fixtures")
            .to_string_lossy()
            .replace('/', "-");
        let golden = dir.join(format!("{name}.txt"));
        let got = reading(&path);
        if update {
            std::fs::create_dir_all(&dir).expect("golden folder");
            std::fs::write(&golden, &got).expect("write golden");
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(got.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "readings differ (read the diff, then UPDATE_GOLDEN=1): {stale:#?}"
    );
}

#[test]
fn a_reading_crosses_between_the_modules_unchanged() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).expect("fixture");
        if let Ok(pdf) = nianbao::pdf::read(&bytes) {
            let wire = wire::encode(&pdf.document);
            assert_eq!(
                wire::decode(&wire).as_ref(),
                Some(&pdf.document),
                "{path:?}"
            );
        }
    }
}
