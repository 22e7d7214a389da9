//! Writes generated reports to a directory, for timing `nianbao check DIR --jobs N`.
//!
//! `cargo run --release --example batch -- DIR [N]` writes N reports (10,000 by default) into
//! DIR, in every layout of the test generator (`tests/layouts/`) in turn: plain text as `.txt`,
//! clipboard and saved-page HTML as `.html`, Word, WPS and LibreOffice documents as `.docx`,
//! PDF files as `.pdf`.
//! Every fourth report of a layout has one cell changed, so the checker finds something, as it
//! does in real batches. Reports go into subdirectories of 1,000, so the walk is exercised too.
//! The same N always gives the same files. `scripts/bench-batch.mjs` runs this, then times the
//! CLI on the directory.

#[path = "../tests/layouts/mod.rs"]
mod layouts;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use layouts::{generate, Input, LAYOUTS};

/// Reports per subdirectory.
const PER_DIRECTORY: usize = 1_000;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: cargo run --release --example batch -- DIR [N]");
        return ExitCode::from(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    match write_all(&dir, count) {
        Ok(bytes) => {
            println!(
                "{count} reports, {:.1} MB, in {}",
                bytes as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}: {err}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes `count` reports under `dir` and returns the bytes written.
fn write_all(dir: &Path, count: usize) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..count {
        let info = &LAYOUTS[i % LAYOUTS.len()];
        let index = (i / LAYOUTS.len()) as u64;
        let (_, input) = generate(info.layout, index);
        let (ext, data) = match input {
            Input::Text(t) => ("txt", t.into_bytes()),
            Input::Html(h) => ("html", h.into_bytes()),
            Input::Docx(d) => ("docx", d),
            Input::Pdf(d) => ("pdf", d),
        };
        let sub = dir.join(format!("{:02}", i / PER_DIRECTORY));
        std::fs::create_dir_all(&sub)?;
        let path = sub.join(format!("{i:05}-{}.{ext}", info.name));
        std::fs::write(path, &data)?;
        bytes += data.len() as u64;
    }
    Ok(bytes)
}
