//! The progress line on standard error while many files are checked.
//!
//! Shown only when standard error is a terminal and there is more than one file; never on
//! standard output, never into a pipe or a file, so logs and redirected output stay clean. The
//! line is redrawn in place (`\r`, then erase to the end of the line) at most ten times a
//! second, and erased before anything else is printed and at the end.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// The least time between two redraws.
const REDRAW: Duration = Duration::from_millis(100);

/// Erases the line the cursor is on, from its start.
const ERASE: &str = "\r\x1b[K";

/// The progress of a batch.
pub struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    drawn: Option<Instant>,
    shown: bool,
    /// True when standard output goes to the same screen, so printing there erases the line.
    stdout_terminal: bool,
}

impl Progress {
    /// A progress line for `total` files; drawn only when `total > 1` and stderr is a terminal.
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            drawn: None,
            shown: total > 1 && io::stderr().is_terminal(),
            stdout_terminal: io::stdout().is_terminal(),
        }
    }

    /// Counts one more file done and redraws when it is time.
    pub fn step(&mut self) {
        self.done += 1;
        if !self.shown || self.drawn.is_some_and(|t| t.elapsed() < REDRAW) {
            return;
        }
        self.drawn = Some(Instant::now());
        let text = line(self.done, self.total, self.started.elapsed());
        let _ = write!(io::stderr().lock(), "{ERASE}{text}");
    }

    /// Erases the line before printing on standard output, when that is the same screen.
    pub fn before_stdout(&mut self) {
        if self.stdout_terminal {
            self.clear();
        }
    }

    /// Erases the line, before a message and at the end; it comes back at the next step.
    pub fn clear(&mut self) {
        if self.shown && self.drawn.take().is_some() {
            let _ = write!(io::stderr().lock(), "{ERASE}");
        }
    }
}

/// `已检查 120/10000 个文件，每秒 812.3 个，预计还需 12 秒`.
pub fn line(done: usize, total: usize, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-3);
    let rate = done as f64 / seconds;
    let left = total.saturating_sub(done) as f64 / rate.max(1e-9);
    format!(
        "已检查 {done}/{total} 个文件，每秒 {rate:.1} 个，预计还需 {}",
        duration(left)
    )
}

/// `12 秒`, `3 分 20 秒`, `1 小时 5 分`.
fn duration(seconds: f64) -> String {
    let s = seconds.round().min(1e7) as u64;
    match s {
        0..=59 => format!("{s} 秒"),
        60..=3599 => format!("{} 分 {} 秒", s / 60, s % 60),
        _ => format!("{} 小时 {} 分", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_done_rate_and_time_left() {
        let got = line(100, 1000, Duration::from_secs(2));
        assert_eq!(got, "已检查 100/1000 个文件，每秒 50.0 个，预计还需 18 秒");
        assert!(line(1, 10_000, Duration::from_secs(1)).ends_with("2 小时 46 分"));
        assert!(line(0, 5, Duration::ZERO).starts_with("已检查 0/5"));
        assert_eq!(duration(200.0), "3 分 20 秒");
    }
}
