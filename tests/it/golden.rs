//! Golden files: each fixture's report in `tests/golden/`, written to be read in a diff — the
//! outline, every table value row by row, and one line per finding (rule, severity, place,
//! message, expected and actual, suggestion, how many related places).
//!
//! A golden is a judgement: read every diff before committing it. `UPDATE_GOLDEN=1 cargo test`
//! rewrites them.

use std::fmt::Write;
use std::path::Path;

use nianbao::report::{Number, Report, Value};
use nianbao::span::Location;
use nianbao::{check, check_html, Options};

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
    "html/word-2016.html",
    "html/wps.html",
    "html/web-cms.html",
    "grid/shanghai-2019.html",
    "grid/blanks-2021.html",
    "grid/subtotal-column.html",
    "grid/no-other-column.html",
];

fn at(loc: &Option<Location>) -> String {
    loc.map_or("-".to_string(), |l| format!("{}:{}", l.line, l.column))
}

fn number(n: &Option<Number>) -> String {
    match n {
        None => "_".to_string(),
        Some(Number::Int(i)) => i.to_string(),
        Some(Number::Dec(d)) => d.to_string(),
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Dec(d) => d.to_string(),
        Value::Text(t) => t.clone(),
    }
}

/// The report as reviewable text.
fn render(r: &Report) -> String {
    let mut out = String::new();
    let o = &r.outline;
    let _ = writeln!(
        out,
        "title: {} | year: {} | format: {}",
        o.title.as_deref().unwrap_or("-"),
        o.year.map_or("-".to_string(), |y| y.to_string()),
        r.format
    );
    for s in &o.sections {
        let _ = writeln!(
            out,
            "section {}: {} {}",
            s.number,
            at(&s.span),
            s.heading.as_deref().unwrap_or("(missing)")
        );
    }
    let rows = r
        .tables
        .s2
        .rows
        .iter()
        .map(|row| ("s2", row))
        .chain(r.tables.s3.rows.iter().map(|row| ("s3", row)))
        .chain(r.tables.s3.extra_rows.iter().map(|row| ("s3+", row)));
    for (table, row) in rows {
        let values: Vec<String> = row.values.iter().map(number).collect();
        let _ = writeln!(out, "{table} {}: {}", row.key, values.join(" "));
    }
    let s4: Vec<String> = r.tables.s4.values.iter().map(number).collect();
    let _ = writeln!(out, "s4: {}", s4.join(" "));
    for d in &r.diagnostics {
        let _ = write!(
            out,
            "{} {} {} {}",
            d.rule,
            d.severity.as_str(),
            at(&d.span),
            d.message
        );
        if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
            let _ = write!(out, " (expected {}, actual {})", value(e), value(a));
        }
        if let Some(s) = &d.suggestion {
            let _ = write!(out, " → {s}");
        }
        if !d.related.is_empty() {
            let _ = write!(out, " [+{} related]", d.related.len());
        }
        if !d.items.is_empty() {
            let _ = write!(out, " [items: {}]", d.items.join(" | "));
        }
        out.push('\n');
    }
    out
}

#[test]
fn reports_match_their_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for name in FIXTURES {
        let text = fixture(name);
        let report = if name.ends_with(".html") {
            check_html(&text, &Options::default())
        } else {
            check(&text, &Options::default())
        };
        let golden = render(&report);
        let stem = name.trim_end_matches(".txt").replace('/', "-");
        let path = dir.join(format!("{stem}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &golden).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != golden {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "goldens differ (read the diff, then UPDATE_GOLDEN=1): {stale:#?}"
    );
}
