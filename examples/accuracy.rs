//! The accuracy benchmark: for every layout of the test generator, N generated reports are
//! checked and every cell of sections 二, 三 and 四 is compared with the truth.
//!
//! `cargo run --release --example accuracy [N] [LAYOUT]` (N defaults to 200 per layout) prints
//! one line per layout — reports, cells, the share read correctly, cells read wrongly without a
//! finding that says the reading is uncertain (must be 0), cells flagged as uncertain, cells read
//! wrongly under a T006 warning — and a total. With `LAYOUT`, it also prints the first report
//! of that layout that has a silent miss (else the first that is not read 100% correctly) and,
//! for a silent miss, its text shrunk to the lines the miss needs.
//! `cargo run --example accuracy I LAYOUT --text` prints report I of that layout.
//! Exits 1 when any cell was read wrongly without a finding, or an arithmetic finding for a
//! deliberately changed cell is missing. Outcomes are defined in `tests/layouts/score.rs`.

#[path = "../tests/layouts/mod.rs"]
mod layouts;

use layouts::{
    changed_caught, generate, missing_arithmetic, score, Filled, Layout, Outcome, Score, LAYOUTS,
};
use nianbao::{check, Options};
use std::process::ExitCode;

#[derive(Default)]
struct Tally {
    reports: usize,
    cells: usize,
    correct: usize,
    silent: usize,
    flagged: usize,
    warned: usize,
    arithmetic: usize,
    /// Reports with one cell changed, and how many of them an arithmetic finding caught.
    changed: usize,
    caught: usize,
}

impl Tally {
    fn add(&mut self, s: &Score, missing: usize, caught: Option<bool>) {
        self.changed += usize::from(caught.is_some());
        self.caught += usize::from(caught == Some(true));
        self.reports += 1;
        self.cells += s.cells.len();
        self.correct += s.count(Outcome::Correct);
        self.silent += s.count(Outcome::Silent);
        self.flagged += s.count(Outcome::Flagged);
        self.warned += s.count(Outcome::Warned);
        self.arithmetic += missing;
    }

    fn line(&self, name: &str, ambiguous: bool) -> String {
        let pct = 100.0 * self.correct as f64 / self.cells.max(1) as f64;
        let caught = 100.0 * self.caught as f64 / self.changed.max(1) as f64;
        format!(
            "{name:<16} {:>3} {:>7} {:>7} {:>8.2}% {:>7} {:>8} {:>7} {:>6} {:>7.1}%",
            if ambiguous { "yes" } else { "no" },
            self.reports,
            self.cells,
            pct,
            self.silent,
            self.flagged,
            self.warned,
            self.arithmetic,
            caught
        )
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let focus = args.next().and_then(|a| Layout::by_name(&a));
    if let (Some(layout), Some("--text")) = (focus, args.next().as_deref()) {
        print!("{}", generate(layout, n).1.text());
        return ExitCode::SUCCESS;
    }
    println!(
        "{:<16} {:>3} {:>7} {:>7} {:>9} {:>7} {:>8} {:>7} {:>6} {:>8}",
        "layout",
        "amb",
        "reports",
        "cells",
        "correct",
        "silent",
        "flagged",
        "warned",
        "arith",
        "caught"
    );
    let mut total = Tally::default();
    for info in LAYOUTS {
        let mut tally = Tally::default();
        let (mut first_silent, mut first_miss) = (None, None);
        for i in 0..n {
            let (filled, input) = generate(info.layout, i);
            let report = input.check();
            let s = score(&filled, &report);
            let missing = missing_arithmetic(&filled, &report, &s);
            tally.add(&s, missing.len(), changed_caught(&filled, &report));
            if s.count(Outcome::Silent) > 0 || !missing.is_empty() {
                first_silent = first_silent.or(Some(i));
            }
            if s.count(Outcome::Correct) < s.cells.len() {
                first_miss = first_miss.or(Some(i));
            }
        }
        if let (Some(i), true) = (first_silent.or(first_miss), focus == Some(info.layout)) {
            let (filled, input) = generate(info.layout, i);
            let report = input.check();
            let s = score(&filled, &report);
            explain(
                &filled,
                i,
                &input.text(),
                &s,
                &missing_arithmetic(&filled, &report, &s),
            );
        }
        println!("{}", tally.line(info.name, info.ambiguous));
        for (field, value) in [
            (&mut total.reports, tally.reports),
            (&mut total.cells, tally.cells),
            (&mut total.correct, tally.correct),
            (&mut total.silent, tally.silent),
            (&mut total.flagged, tally.flagged),
            (&mut total.warned, tally.warned),
            (&mut total.arithmetic, tally.arithmetic),
            (&mut total.changed, tally.changed),
            (&mut total.caught, tally.caught),
        ] {
            *field += value;
        }
    }
    println!("{}", total.line("total", false).replacen(" no", "   ", 1));
    println!("silent = read wrongly without an uncertainty finding (must be 0); warned = wrong value under a T006; arith = missing A-finding for a changed cell whose identity was read; caught = reports with one changed cell reported by an A-finding");
    if total.silent > 0 || total.arithmetic > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints the misses of one report and its text shrunk to the lines that keep the first miss
/// (the same value read, the same outcome).
fn explain(filled: &Filled, index: u64, text: &str, s: &Score, missing: &[String]) {
    println!("--- report {index}: misses");
    let misses = s.cells.iter().filter(|c| c.outcome != Outcome::Correct);
    for c in s.misses(Outcome::Silent).chain(misses).take(12) {
        println!("  {:?}: {}", c.outcome, c.what);
    }
    for m in missing {
        println!("  missing: {m}");
    }
    let first = s.misses(Outcome::Silent).next();
    let Some(first) = first.or_else(|| s.cells.iter().find(|c| c.outcome != Outcome::Correct))
    else {
        return;
    };
    let keeps = |kept: &[&str]| {
        let again = score(filled, &check(&kept.join("\n"), &Options::default()));
        again
            .cell(first.table, first.row, first.col)
            .is_some_and(|c| c.outcome == first.outcome && c.what == first.what)
    };
    if first.outcome != Outcome::Silent {
        return;
    }
    let shrunk = shrink(text.lines().collect(), keeps);
    println!(
        "--- shrunk text ({} lines):\n{}\n---",
        shrunk.len(),
        shrunk.join("\n")
    );
}

/// Greedy line removal: drops chunks of lines while `keeps` still holds.
fn shrink<'a>(mut lines: Vec<&'a str>, keeps: impl Fn(&[&'a str]) -> bool) -> Vec<&'a str> {
    let mut chunk = lines.len() / 2;
    while chunk >= 1 {
        let mut i = 0;
        while i < lines.len() {
            let mut trial = lines.clone();
            trial.drain(i..(i + chunk).min(lines.len()));
            if keeps(&trial) {
                lines = trial;
            } else {
                i += chunk;
            }
        }
        chunk /= 2;
    }
    lines
}
