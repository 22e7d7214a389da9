//! The diagnosis benchmark: one typing error planted at a time in every readable cell of
//! sections 三 and 四 of real reports and of generated ones, and what nianbao then says.
//!
//! `cargo run --release --example plant [N] [--subjects]` reads the real reports in
//! `tests/fixtures/` (seeds and extracted reports as text; web pages, .docx and PDF files
//! through their readers) and N consistent generated reports per layout of `tests/layouts`
//! (default 4). A document is planted in its table cell and read again; "edited" rows plant the
//! same documents in the text they were laid out as, checked laid out, as the page re-checks a
//! drafter's edit. Plants: the last digit one up or down, two adjacent different digits swapped,
//! and (in their own column) a digit dropped or doubled.
//!
//! Columns, per input kind:
//! - 三 named: ±1 and swap plants in section 三 whose cell is named with its true value (one
//!   A007 or A006 at the cell, `expected` what was there) — budget ≥ 99%;
//! - 三 complete: the same, in tables whose every identity is checked and no sum left blank
//!   (the unplanted report has no A005 and no A006): where the identities can tell;
//! - 三 unread/open/silent: the 三 plants not named — the cell's row no longer read (the plant
//!   made the reading uncertain), named among the candidates of an A001–A004 finding, neither;
//! - 四 swaps: swaps in section 四 named — budget ≥ 90%; 四 tellable: those whose true value no
//!   other cell of the group holds (else swapping either is the same typing error);
//! - 四 ±1: last-digit changes in section 四 named (a group's one identity rarely tells which of
//!   its five cells is off by one);
//! - drop/double: digits dropped or doubled, named, in 三 and in 四;
//! - false: plants after which a finding proposes a value (`expected`) for a place that was not
//!   changed and that the unplanted report's A, P and Y findings did not already involve —
//!   budget 0.
//!
//! `--subjects` also prints the 三 figure of each report; with `PLANT_SILENT=1` in the
//! environment, each silent 三 plant is printed to stderr with the A findings it got. Exits 1
//! when a budget is missed.

#[path = "../tests/layouts/mod.rs"]
mod layouts;

use layouts::{generate, Input, LAYOUTS};
use nianbao::doc::{Block, Document};
use nianbao::report::{Report, Value};
use nianbao::{check, check_document, docx, html, pdf, Options};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

/// One input: its kind, the text planted into, and whether it is laid out from a document.
struct Subject {
    kind: &'static str,
    text: String,
    laid_out: bool,
    /// For a document: the document itself, planted in its table cell and read again.
    doc: Option<(Document, &'static str)>,
}

impl Subject {
    fn text(kind: &'static str, text: String) -> Subject {
        Subject {
            kind,
            text,
            laid_out: false,
            doc: None,
        }
    }

    /// A document (`kind`: html, docx, pdf) and, as a second subject, the text it is laid out
    /// as, edited on the page and checked laid out.
    fn document(kind: &'static str, edited: &'static str, doc: Document) -> [Subject; 2] {
        let text = doc.layout().text;
        [
            Subject {
                kind,
                text: text.clone(),
                laid_out: true,
                doc: Some((doc, kind)),
            },
            Subject {
                kind: edited,
                text,
                laid_out: true,
                doc: None,
            },
        ]
    }

    fn check(&self) -> Report {
        match &self.doc {
            Some((doc, kind)) => check_document(doc, kind, &Options::default()),
            None => check(
                &self.text,
                &Options {
                    laid_out: self.laid_out,
                    ..Options::default()
                },
            ),
        }
    }

    /// The report after the number at `start..end` is written as `planted`; `None` when the
    /// document's cell could not be found unambiguously.
    fn planted(&self, start: usize, end: usize, planted: &str) -> Option<Report> {
        let Some((doc, kind)) = &self.doc else {
            let text = format!(
                "{}{planted}{}",
                self.text.get(..start)?,
                self.text.get(end..)?
            );
            return Some(check(
                &text,
                &Options {
                    laid_out: self.laid_out,
                    ..Options::default()
                },
            ));
        };
        let digits = self.text.get(start..end)?;
        let layout = doc.layout();
        let (g, grid) = layout
            .grids
            .iter()
            .enumerate()
            .find(|(_, g)| g.range.contains(&start))?;
        let (r, c) = grid.locate(start)?;
        let origin = grid.place(r, c)?.origin;
        // The k-th cell of a table row is the k-th cell whose top-left place is in that row.
        let mut origins: Vec<(usize, usize)> = grid
            .rows
            .get(origin.0)?
            .places
            .iter()
            .map(|p| p.origin)
            .filter(|o| o.0 == origin.0)
            .collect();
        origins.dedup();
        let k = origins.iter().position(|o| *o == origin)?;
        let mut doc = doc.clone();
        let table = doc
            .blocks
            .iter_mut()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .nth(g)?;
        let cell = table.rows.get_mut(origin.0)?.get_mut(k)?;
        if cell.text.matches(digits).count() != 1 {
            return None;
        }
        cell.text = cell.text.replacen(digits, planted, 1);
        let report = check_document(&doc, kind, &Options::default());
        // The planted number must stand where the original stood.
        let moved = report
            .source
            .as_ref()?
            .text
            .get(start..start + planted.len())
            != Some(planted);
        (!moved).then_some(report)
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    reports: usize,
    plants: usize,
    s3: (usize, usize),
    s4_swap: (usize, usize),
    s4_step: (usize, usize),
    /// Section 三 plants in complete tables: every identity checked, no blank sums.
    s3_complete: (usize, usize),
    /// Digits dropped or doubled, named, in 三 and in 四.
    s3_length: (usize, usize),
    s4_length: (usize, usize),
    /// Section 四 swaps whose true value no other cell of the group holds: the table can tell
    /// the swapped cell from the others.
    s4_tellable: (usize, usize),
    /// Section 三 plants not named: the cell's row no longer read (unread), or an A001–A004
    /// finding naming it among the candidates (open), or neither (silent).
    unread: usize,
    open: usize,
    silent: usize,
    false_proposals: usize,
    /// Document cells that could not be planted (their number stands twice in the cell).
    skipped: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.reports += other.reports;
        self.plants += other.plants;
        for (a, b) in [
            (&mut self.s3, other.s3),
            (&mut self.s4_swap, other.s4_swap),
            (&mut self.s4_step, other.s4_step),
            (&mut self.s4_tellable, other.s4_tellable),
            (&mut self.s3_length, other.s3_length),
            (&mut self.s3_complete, other.s3_complete),
            (&mut self.s4_length, other.s4_length),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.unread += other.unread;
        self.open += other.open;
        self.silent += other.silent;
        self.false_proposals += other.false_proposals;
        self.skipped += other.skipped;
    }
}

fn pct((named, of): (usize, usize)) -> String {
    if of == 0 {
        "–".to_string()
    } else {
        format!("{:.1}%/{of}", 100.0 * named as f64 / of as f64)
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .unwrap_or_default()
}

fn files(dir: &str, ext: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut out: Vec<String> = std::fs::read_dir(root)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(ext))
                .map(|n| format!("{dir}/{n}"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The real inputs: text as given, documents as the text they are laid out as.
fn real() -> Vec<Subject> {
    let mut out = Vec::new();
    for path in files("seeds", ".txt")
        .into_iter()
        .chain(files("reports", ".txt"))
    {
        out.push(Subject::text(
            "text",
            String::from_utf8_lossy(&fixture(&path)).into_owned(),
        ));
    }
    for path in files("html", ".html")
        .into_iter()
        .chain(files("grid", ".html"))
    {
        let html = String::from_utf8_lossy(&fixture(&path)).into_owned();
        out.extend(Subject::document("html", "html edited", html::parse(&html)));
    }
    for path in files("grid", ".docx") {
        if let Ok(doc) = docx::read(&fixture(&path)) {
            out.extend(Subject::document("docx", "docx edited", doc));
        }
    }
    // The published PDF and the unencrypted PDFs of the grid fixtures (the encrypted copies
    // read to the same document).
    for path in files("pdf", ".pdf")
        .into_iter()
        .filter(|p| !p.contains("-aes") && !p.contains("-rc4") && !p.contains("encrypted"))
    {
        if let Ok(pdf) = pdf::read(&fixture(&path)) {
            out.extend(Subject::document("pdf", "pdf edited", pdf.document));
        }
    }
    out
}

/// N consistent generated reports per layout.
fn generated(n: u64) -> Vec<Subject> {
    let mut out = Vec::new();
    for info in LAYOUTS {
        for i in (0..).filter(|i| i % 4 != 3).take(n as usize) {
            let (_, input) = generate(info.layout, i);
            let kind = match input {
                Input::Text(_) => "generated text",
                Input::Html(_) => "generated html",
                Input::Docx(_) => "generated docx",
                Input::Pdf(_) => "generated pdf",
            };
            let doc = match &input {
                Input::Text(t) => {
                    out.push(Subject::text(kind, t.clone()));
                    continue;
                }
                Input::Html(h) => Some(html::parse(h)),
                Input::Docx(d) => docx::read(d).ok(),
                Input::Pdf(d) => pdf::read(d).ok().map(|p| p.document),
            };
            if let Some(doc) = doc {
                let [planted, _] = Subject::document(kind, "", doc);
                out.push(planted);
            }
        }
    }
    out
}

/// The typing errors of a number written as `digits`: the last digit one up or down, and each
/// pair of adjacent different digits swapped (never a leading zero).
/// What a plant does to the digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Typo {
    /// The last digit one up or down.
    Step,
    /// Two adjacent different digits swapped.
    Swap,
    /// A digit dropped or doubled.
    Length,
}

fn plants(digits: &str) -> Vec<(String, Typo)> {
    let b = digits.as_bytes();
    let mut out = Vec::new();
    let text = |v: &[u8]| String::from_utf8_lossy(v).into_owned();
    if let Some(&last) = b.last() {
        for d in [last.wrapping_add(1), last.wrapping_sub(1)] {
            if d.is_ascii_digit() {
                let mut v = b.to_vec();
                if let Some(slot) = v.last_mut() {
                    *slot = d;
                }
                out.push((text(&v), Typo::Step));
            }
        }
    }
    for i in 1..b.len() {
        if b.get(i) != b.get(i - 1) {
            let mut v = b.to_vec();
            v.swap(i - 1, i);
            if v.first() != Some(&b'0') {
                out.push((text(&v), Typo::Swap));
            }
        }
    }
    for i in 0..b.len() {
        let mut dropped = b.to_vec();
        dropped.remove(i);
        if !dropped.is_empty() && (dropped.len() == 1 || dropped.first() != Some(&b'0')) {
            out.push((text(&dropped), Typo::Length));
        }
        let mut doubled = b.to_vec();
        if let Some(&d) = b.get(i) {
            doubled.insert(i, d);
        }
        if doubled.first() != Some(&b'0') && (i + 1 == b.len() || b.get(i + 1) != b.get(i)) {
            out.push((text(&doubled), Typo::Length));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out.retain(|(p, _)| p != digits);
    out
}

/// The places `expected` is proposed for: (rule, start, expected).
fn proposals(report: &Report) -> HashSet<(String, u32, String)> {
    report
        .diagnostics
        .iter()
        .filter_map(|d| {
            let e = d.expected.as_ref()?;
            Some((d.rule.to_string(), d.span?.start, format!("{e:?}")))
        })
        .collect()
}

/// Every readable cell: (section, start, end).
fn cells(report: &Report) -> Vec<(u8, u32, u32)> {
    let s3 = &report.tables.s3;
    let mut out = Vec::new();
    for row in s3.rows.iter().chain(&s3.extra_rows) {
        for (v, c) in row.values.iter().zip(&row.cells) {
            if let (Some(nianbao::report::Number::Int(_)), Some(c)) = (v, c) {
                out.push((3, c.start, c.end));
            }
        }
    }
    let s4 = &report.tables.s4;
    for (v, c) in s4.values.iter().zip(&s4.cells) {
        if let (Some(nianbao::report::Number::Int(_)), Some(c)) = (v, c) {
            out.push((4, c.start, c.end));
        }
    }
    out
}

/// True when no other cell of the section 四 group of the cell at `start` holds `truth`.
fn tellable(report: &Report, start: u32, truth: i64) -> bool {
    let s4 = &report.tables.s4;
    let Some(i) = s4
        .cells
        .iter()
        .position(|c| c.map(|l| l.start) == Some(start))
    else {
        return false;
    };
    let group = i / 5 * 5;
    !(group..group + 5).any(|j| {
        j != i && s4.values.get(j).copied().flatten() == Some(nianbao::report::Number::Int(truth))
    })
}

fn run(subject: &Subject, tally: &mut Tally, examples: &mut Vec<String>) {
    let s3_before = tally.s3;
    let base = subject.check();
    // The places the unplanted report's identity findings (A, P, Y) already involve, pointed at
    // or related: a plant that joins a report's own error may shift what is proposed there.
    let before: HashSet<u32> = base
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with(['A', 'P', 'Y']))
        .flat_map(|d| d.span.iter().chain(&d.related).map(|l| l.start))
        .collect();
    let proposed = proposals(&base);
    let complete = !base
        .diagnostics
        .iter()
        .any(|d| matches!(d.rule, "A005" | "A006"));
    tally.reports += 1;
    for (section, start, end) in cells(&base) {
        let (s, e) = (start as usize, end as usize);
        let Some(digits) = subject.text.get(s..e) else {
            continue;
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(truth) = digits.parse::<i64>() else {
            continue;
        };
        for (planted, typo) in plants(digits) {
            let swap = typo == Typo::Swap;
            let shift = planted.len() as i64 - digits.len() as i64;
            let Some(r) = subject.planted(s, e, &planted) else {
                tally.skipped += 1;
                continue;
            };
            tally.plants += 1;
            let named = r.diagnostics.iter().any(|d| {
                matches!(d.rule, "A006" | "A007")
                    && d.span.map(|x| x.start) == Some(start)
                    && d.expected == Some(Value::Int(truth))
            });
            let slot = match (section, typo) {
                (3, Typo::Length) => &mut tally.s3_length,
                (3, _) => &mut tally.s3,
                (_, Typo::Swap) => &mut tally.s4_swap,
                (_, Typo::Step) => &mut tally.s4_step,
                (_, Typo::Length) => &mut tally.s4_length,
            };
            slot.1 += 1;
            slot.0 += usize::from(named);
            if section == 3 && typo != Typo::Length && complete {
                tally.s3_complete.1 += 1;
                tally.s3_complete.0 += usize::from(named);
            }
            if section == 4 && swap && tellable(&base, start, truth) {
                tally.s4_tellable.1 += 1;
                tally.s4_tellable.0 += usize::from(named);
            }
            if section == 3 && typo != Typo::Length && !named {
                let involved = |d: &nianbao::report::Diagnostic| {
                    d.span.iter().chain(&d.related).any(|l| l.start == start)
                };
                if !cells(&r).iter().any(|c| c.1 == start) {
                    tally.unread += 1;
                } else if r.diagnostics.iter().any(|d| {
                    matches!(d.rule, "A001" | "A002" | "A003" | "A004" | "A008" | "A009")
                        && involved(d)
                }) {
                    tally.open += 1;
                } else {
                    tally.silent += 1;
                    if std::env::var_os("PLANT_SILENT").is_some() {
                        let said: Vec<String> = r
                            .diagnostics
                            .iter()
                            .filter(|d| d.rule.starts_with('A'))
                            .map(|d| format!("{} {}", d.rule, d.message))
                            .collect();
                        eprintln!("silent: {} {digits} → {planted}: {said:?}", subject.kind);
                    }
                }
            }
            let wrong: Vec<_> = proposals(&r)
                .into_iter()
                .filter(|(_, at, _)| *at != start)
                .map(|(rule, at, e)| {
                    let at = if at > start {
                        (at as i64 - shift) as u32
                    } else {
                        at
                    };
                    (rule, at, e)
                })
                .filter(|p| !proposed.contains(p) && !before.contains(&p.1))
                .collect();
            if !wrong.is_empty() {
                tally.false_proposals += 1;
                if examples.len() < 5 {
                    examples.push(format!(
                        "{}: {digits} → {planted} at {start}: {wrong:?}",
                        subject.kind
                    ));
                }
            }
        }
    }
    if std::env::args().any(|a| a == "--subjects") {
        let (named, of) = (tally.s3.0 - s3_before.0, tally.s3.1 - s3_before.1);
        let head: String = subject.text.chars().take(30).collect();
        println!(
            "  {} 三 {named}/{of}: {}",
            subject.kind,
            head.replace('\n', " ")
        );
    }
}

const HEAD: [&str; 11] = [
    "input kind",
    "reports",
    "plants",
    "三 named",
    "三 complete",
    "三 unread/open/silent",
    "四 swaps",
    "四 tellable",
    "四 ±1",
    "drop/double 三 四",
    "false",
];

fn row(cells: [String; 11]) -> String {
    let [a, b, c, d, e, f, g, h, i, j, k] = cells;
    format!("{a:<15} {b:>7} {c:>7}  {d:<14} {e:<14} {f:<21} {g:<12} {h:<12} {i:<12} {j:<25} {k:>5}")
}

fn line(kind: &str, t: &Tally) -> String {
    row([
        kind.to_string(),
        t.reports.to_string(),
        t.plants.to_string(),
        pct(t.s3),
        pct(t.s3_complete),
        format!("{}/{}/{}", t.unread, t.open, t.silent),
        pct(t.s4_swap),
        pct(t.s4_tellable),
        pct(t.s4_step),
        format!("{} {}", pct(t.s3_length), pct(t.s4_length)),
        t.false_proposals.to_string(),
    ])
}

fn main() -> ExitCode {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4);
    let mut subjects = real();
    subjects.extend(generated(n));
    let mut kinds: Vec<&'static str> = Vec::new();
    for s in &subjects {
        if !kinds.contains(&s.kind) {
            kinds.push(s.kind);
        }
    }
    println!("{}", row(HEAD.map(String::from)));
    let mut total = Tally::default();
    let mut examples = Vec::new();
    for kind in kinds {
        let mut tally = Tally::default();
        for s in subjects.iter().filter(|s| s.kind == kind) {
            run(s, &mut tally, &mut examples);
        }
        println!("{}", line(kind, &tally));
        total.add(&tally);
    }
    println!("{}", line("total", &total));
    for e in &examples {
        println!("  {e}");
    }
    let rate = |(a, b): (usize, usize)| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let budgets = [
        ("三 named ≥ 99%", rate(total.s3) >= 0.99),
        ("三 complete ≥ 99%", rate(total.s3_complete) >= 0.99),
        ("四 swaps ≥ 90%", rate(total.s4_swap) >= 0.90),
        ("false = 0", total.false_proposals == 0),
    ];
    let said: Vec<String> = budgets
        .iter()
        .map(|(name, met)| format!("{name} {}", if *met { "met" } else { "MISSED" }))
        .collect();
    println!("budgets: {}", said.join("; "));
    let ok = budgets.iter().all(|(_, met)| *met);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
