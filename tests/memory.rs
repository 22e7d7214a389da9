//! Peak heap memory of `check` per input byte (issue 14: at most 16 bytes per input byte).
//!
//! A global allocator is per binary, so this is a test target of its own: the allocator below
//! counts the live bytes of every allocation and keeps their peak. One lock makes the tests run
//! one at a time, so that no other test's allocations are counted in a peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The budget: peak live heap bytes, the input included, per input byte.
const BUDGET: f64 = 16.0;
const INPUT_BYTES: usize = 2 * 1024 * 1024;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::SeqCst) + bytes;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The live bytes change by the difference: a large block grows in place or is remapped,
        // not copied, so the old and the new block are not both held.
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            grew(new_size.saturating_sub(layout.size()));
            shrank(layout.size().saturating_sub(new_size));
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Holds the lock for a whole test: another test's input, made while a peak is taken, would be
/// counted in it.
fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// The peak live heap bytes while `check` reads `text`, the text itself included, per byte.
/// What was live before (the harness, a failed test's backtrace) is left out.
fn peak_per_byte(text: &str) -> f64 {
    peak_per_byte_of(text, |t| nianbao::check(t, &nianbao::Options::default()))
}

/// The same for `run` (a check of some kind) reading `text`.
fn peak_per_byte_of(text: &str, run: impl FnOnce(&str) -> nianbao::report::Report) -> f64 {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let report = run(text);
    let peak = PEAK.load(Ordering::SeqCst);
    assert!(
        !report.diagnostics.is_empty(),
        "the check ran and found something"
    );
    drop(report);
    let per_byte = (peak - before + text.len()) as f64 / text.len() as f64;
    // Shown with `cargo test --test memory -- --nocapture`.
    println!("peak {per_byte:.1} bytes per input byte");
    per_byte
}

/// Fails when `check` on `text` holds more than [`BUDGET`] bytes per input byte.
fn assert_under_budget(text: &str) {
    assert_per_byte_under_budget(peak_per_byte(text), text);
}

fn assert_per_byte_under_budget(per_byte: f64, text: &str) {
    assert!(
        per_byte < BUDGET,
        "{per_byte:.1} bytes per input byte ({})",
        text.len()
    );
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

#[test]
fn numbers_and_empty_cells_stay_under_the_budget() {
    // `0` and two tabs: two table tokens per three bytes, the most tokens any text makes.
    let _alone = alone();
    let text = repeat_to("0\t\t", INPUT_BYTES);
    assert_under_budget(&text);
}

#[test]
fn one_long_line_stays_under_the_budget() {
    let _alone = alone();
    let seed = include_str!("fixtures/seeds/000_3fdcef6c825e6b6d.txt").replace(['\n', '\r'], " ");
    let text = repeat_to(&seed, INPUT_BYTES);
    assert_under_budget(&text);
}

#[test]
fn an_html_table_of_many_small_cells_stays_under_the_budget() {
    // One row of `<td>0</td>`: the most cells per byte a pasted table has. Each cell was kept
    // with its whole paragraph state until the table closed: 17.7 bytes per byte at 4 MiB.
    let _alone = alone();
    let html = format!(
        "<table><tr>{}</tr></table>",
        repeat_to("<td>0</td>", INPUT_BYTES)
    );
    let per_byte = peak_per_byte_of(&html, |h| {
        nianbao::check_html(h, &nianbao::Options::default())
    });
    assert_per_byte_under_budget(per_byte, &html);
}

#[test]
fn one_line_of_numbers_and_tabs_stays_under_the_budget() {
    let _alone = alone();
    let text = repeat_to("1\t", INPUT_BYTES);
    assert_under_budget(&text);
}

#[test]
fn the_count_sees_what_check_holds() {
    // The counter itself must see allocations, or the budgets above could never fail.
    let _alone = alone();
    // The harness's own threads may free a little in between (captured output of a finished
    // test), so the check allows for that instead of asking for every byte.
    let before = LIVE.load(Ordering::SeqCst);
    let held = vec![1u8; INPUT_BYTES];
    let seen = LIVE.load(Ordering::SeqCst).saturating_sub(before);
    assert!(
        seen >= INPUT_BYTES / 2,
        "the counter saw {seen} of {INPUT_BYTES} bytes"
    );
    drop(held);
}
