//! Golden files: each fixture's full report as pretty JSON in `tests/golden/`.
//!
//! A golden is a judgement: read every diff before committing it. `UPDATE_GOLDEN=1 cargo test`
//! rewrites them.

use std::path::Path;

use nianbao::{check, Options};

use crate::fixture;

const FIXTURES: &[&str] = &[
    "seeds/000_3fdcef6c825e6b6d.txt",
    "seeds/001_f25b27e041e62a7d.txt",
    "seeds/002_3c9d37f73f8f4a79.txt",
    "seeds/003_16e51b8a446c7100.txt",
    "seeds/004_b5a011f3d089b4ff.txt",
    "template-2021.txt",
    "reports/hongze-2023-pdf-raw.txt",
    "reports/hongze-2023-pdf-layout.txt",
    "reports/hongze-2023-pdf-blocks.txt",
    "reports/shuyang-2025-ocr-markdown.txt",
];

#[test]
fn reports_match_their_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for name in FIXTURES {
        let report = check(&fixture(name), &Options::default());
        let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
        let stem = Path::new(name)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let path = dir.join(format!("{stem}.json"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != json {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "goldens differ (read the diff, then UPDATE_GOLDEN=1): {stale:#?}"
    );
}
