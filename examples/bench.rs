//! Native figures for `npm run bench` (`scripts/bench.mjs`), and by hand.
//!
//! - `cargo run --release --example bench [time] [ITERATIONS]` — the median and the fastest of N
//!   runs of `nianbao::check` per fixture (seeds and extracted reports), then on a ~1 MB and a
//!   10 MB report made of real report sections, with the throughput; `time N small` leaves the
//!   two large reports out.
//! - `… --example bench rss KIND MIB` — checks one generated input of `MIB` MiB and prints the
//!   peak resident memory (`VmHWM`) per input byte. `KIND`: `report` (report sections repeated),
//!   `line` (the same text on one line), `tabs`, `digits`, `newlines`, `cells` (`0` and two tabs,
//!   repeated: a table of numbers and empty cells), `numbers` (`1` and a tab, repeated, on one
//!   line), `headings` (`一、` lines), `markdown` (`|0|0|` lines), `html` (one HTML table row of
//!   `<td>0</td>` cells, through `check_html`), or `file:PATH` (`MIB` ignored).
//! - `… --example bench gen MIB` — writes the generated report of `MIB` MiB to stdout.
//! - `… --example bench hard` — times the hard inputs of `tests/layouts/hard.rs` (zip and PDF
//!   bombs, thousands of heading-like lines, damaged files; the tests assert what nianbao
//!   answers on them) and prints each case's slowest input and total beside its budgets.
//!
//! Output lines are tab-separated, so the script can read them; the first is a header.

#[path = "../tests/layouts/mod.rs"]
mod layouts;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use layouts::hard::{Hard, Input};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(0) {
        Some("rss") => rss(arg(1).unwrap_or("report"), number(arg(2), 16.0)),
        Some("gen") => print!("{}", report_text(mib(number(arg(1), 1.0)))),
        Some("hard") => hard(),
        Some("time") => time(number(arg(1), 200.0) as usize, arg(2) != Some("small")),
        other => time(number(other, 200.0) as usize, true),
    }
}

fn number(arg: Option<&str>, default: f64) -> f64 {
    arg.and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn mib(n: f64) -> usize {
    (n * 1024.0 * 1024.0) as usize
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = ["seeds", "reports"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Times every fixture, then the generated 1 MB and 10 MB reports.
fn time(iterations: usize, large: bool) {
    println!("input\tbytes\tmedian_us\tfastest_us\tMB/s");
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        row(&name.unwrap_or_default(), &text, iterations.max(1));
    }
    if !large {
        return;
    }
    row(
        "report-1MB",
        &report_text(1_000_000),
        (iterations / 10).max(3),
    );
    row(
        "report-10MB",
        &report_text(10_000_000),
        (iterations / 100).max(3),
    );
}

fn row(name: &str, text: &str, iterations: usize) {
    let options = nianbao::Options {
        utf16: true,
        ..Default::default()
    };
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(nianbao::check(std::hint::black_box(text), &options));
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let mbs = text.len() as f64 / median.as_secs_f64() / 1e6;
    println!(
        "{name}\t{}\t{:.1}\t{:.1}\t{mbs:.1}",
        text.len(),
        median.as_secs_f64() * 1e6,
        times[0].as_secs_f64() * 1e6
    );
}

/// A report of about `bytes` bytes: the seeds one after another, repeated, so that its title
/// and six sections come first and every table after them is read as a table region too.
fn report_text(bytes: usize) -> String {
    let seeds: Vec<String> = fixtures()
        .iter()
        .filter(|p| p.to_string_lossy().contains("/seeds/"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut out = String::with_capacity(bytes + 8192);
    while out.len() < bytes && !seeds.is_empty() {
        for seed in &seeds {
            out.push_str(seed);
            out.push('\n');
        }
    }
    out.truncate(nianbao::span::floor_char_boundary(&out, bytes));
    out
}

/// The input of one RSS run.
fn input(kind: &str, bytes: usize) -> String {
    if let Some(path) = kind.strip_prefix("file:") {
        return std::fs::read_to_string(path).unwrap_or_default();
    }
    match kind {
        "line" => report_text(bytes).replace(['\n', '\r'], " "),
        "tabs" => "\t".repeat(bytes),
        "cells" => "0\t\t".repeat(bytes / 3),
        "numbers" => "1\t".repeat(bytes / 2),
        "headings" => "一、\n".repeat(bytes / 7),
        "markdown" => "|0|0|\n".repeat(bytes / 6),
        "html" => {
            let cells = "<td>0</td>".repeat(bytes.saturating_sub(64) / 10);
            format!("<table><tr>{cells}</tr></table>")
        }
        "digits" => "7".repeat(bytes),
        "newlines" => "\n".repeat(bytes),
        _ => report_text(bytes),
    }
}

/// Checks one generated input and prints the peak RSS per input byte.
fn rss(kind: &str, size_mib: f64) {
    let text = input(kind, mib(size_mib));
    // Forget the peak of making the input: what is measured is the input plus the check.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kib("VmRSS:");
    let t = Instant::now();
    let options = nianbao::Options::default();
    let report = if kind == "html" {
        nianbao::check_html(&text, &options)
    } else {
        nianbao::check(&text, &options)
    };
    let elapsed = t.elapsed();
    let peak = status_kib("VmHWM:");
    println!("input\tbytes\tseconds\tfindings\tpeak_kib\tbefore_kib\tpeak_per_byte");
    println!(
        "{kind}\t{}\t{:.3}\t{}\t{peak}\t{before}\t{:.1}",
        text.len(),
        elapsed.as_secs_f64(),
        report.diagnostics.len(),
        (peak * 1024) as f64 / text.len().max(1) as f64
    );
}

/// A `kB` line of `/proc/self/status` (0 where there is no /proc).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Times every hard case: its slowest input and all its inputs, beside the budgets.
fn hard() {
    println!("case\tinputs\tslowest_ms\ttotal_ms\teach_budget_ms\tall_budget_ms");
    for case in layouts::hard::cases() {
        let Hard {
            name,
            inputs,
            each,
            all,
        } = case;
        let (mut count, mut slowest, mut total) = (0, Duration::ZERO, Duration::ZERO);
        for input in inputs {
            let took = time_one(&input);
            count += 1;
            slowest = slowest.max(took);
            total += took;
        }
        let all_ms = all.map_or(String::new(), |a| a.as_millis().to_string());
        println!(
            "{name}\t{count}\t{:.3}\t{:.3}\t{}\t{all_ms}",
            slowest.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            each.as_millis()
        );
    }
}

/// The time nianbao takes to answer on one input.
fn time_one(input: &Input) -> Duration {
    let options = nianbao::Options::default();
    let t = Instant::now();
    match input {
        Input::Text(text) => drop(std::hint::black_box(nianbao::check(text, &options))),
        Input::Docx(bytes) => drop(std::hint::black_box(nianbao::check_docx(bytes, &options))),
        Input::Pdf(bytes) => drop(std::hint::black_box(nianbao::check_pdf(bytes, &options))),
    }
    t.elapsed()
}
