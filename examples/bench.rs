//! Times `nianbao::check` on every fixture (native, release build) and prints a table.
//!
//! `cargo run --release --example bench [ITERATIONS]` — the median and the fastest of N runs per
//! fixture, and the throughput. The browser budget (a seed well under 1 ms) is measured in the
//! page; this is the native figure the core has to beat first.

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
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
        .collect();
    files.sort();
    println!(
        "{:<40} {:>8} {:>10} {:>10} {:>9}",
        "fixture", "bytes", "median", "fastest", "MB/s"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut times: Vec<Duration> = (0..iterations)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(nianbao::check(
                    std::hint::black_box(&text),
                    &nianbao::Options {
                        utf16: true,
                        ..Default::default()
                    },
                ));
                t.elapsed()
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        let mbs = text.len() as f64 / median.as_secs_f64() / 1e6;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        println!(
            "{name:<40} {:>8} {:>8.0}µs {:>8.0}µs {mbs:>9.1}",
            text.len(),
            median.as_secs_f64() * 1e6,
            times[0].as_secs_f64() * 1e6
        );
    }
}
