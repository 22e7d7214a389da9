//! Checking many inputs on several threads while printing them in input order.
//!
//! [`ordered`] hands the items to `jobs` worker threads (std threads only) and gives each
//! result to the caller's `emit` on the calling thread, strictly in item order, as soon as the
//! next one is ready. Workers never run more than [`window`] items ahead of the last one
//! emitted, so at most that many results wait in memory however many items there are: 10,000
//! reports never sit in memory at once.
//!
//! When `emit` fails (a closed pipe, say) the workers stop after their current item and the
//! error is returned. A worker that panics stops the others too, and the panic is passed on.
//!
//! Invariant: `emit` sees indices 0, 1, 2, … in order, whatever `jobs` is.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How many results may wait for their turn, for `jobs` workers.
pub fn window(jobs: usize) -> usize {
    (jobs * 4).max(8)
}

/// Where the workers stand: the next item to take, how many were emitted, whether to stop.
struct State {
    next: usize,
    emitted: usize,
    stop: bool,
}

/// The state the workers share, and the signal that it changed.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    /// The next item for a worker, waiting while it would run too far ahead; `None` at the end.
    fn take(&self, len: usize, window: usize) -> Option<usize> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.stop && state.next < len && state.next >= state.emitted + window {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.stop || state.next >= len {
            return None;
        }
        state.next += 1;
        Some(state.next - 1)
    }

    /// Records progress (or the order to stop) and wakes the waiting workers.
    fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify_all();
    }
}

/// Stops the other workers when a worker unwinds, so that nobody waits for its item forever.
struct StopOnPanic<'a>(&'a Shared);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.update(|s| s.stop = true);
        }
    }
}

/// Runs `work` on every item with `jobs` threads and calls `emit(index, result)` in order.
pub fn ordered<T, R, E>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let window = window(jobs);
    let shared = Shared {
        state: Mutex::new(State {
            next: 0,
            emitted: 0,
            stop: false,
        }),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let (sender, results) = mpsc::channel();
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            let (sender, shared, work) = (sender.clone(), &shared, &work);
            scope.spawn(move || {
                let _guard = StopOnPanic(shared);
                while let Some(i) = shared.take(items.len(), window) {
                    let Some(item) = items.get(i) else { break };
                    if sender.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, result) in results {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                if let Err(err) = emit(next, result) {
                    shared.update(|s| s.stop = true);
                    return Err(err);
                }
                next += 1;
                shared.update(|s| s.emitted = next);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_order_for_any_number_of_jobs() {
        let items: Vec<u64> = (0..200).collect();
        for jobs in [1, 2, 4, 7] {
            let mut seen = Vec::new();
            // Later items finish first: the order must come from the indices, not the clock.
            let work = |&n: &u64| {
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 3));
                n * 2
            };
            ordered(&items, jobs, work, |i, r| {
                seen.push((i, r));
                Ok::<(), ()>(())
            })
            .unwrap();
            let expected: Vec<(usize, u64)> = (0..200).map(|n| (n as usize, n * 2)).collect();
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    #[test]
    fn workers_stay_within_the_window() {
        let items: Vec<usize> = (0..100).collect();
        let started = AtomicUsize::new(0);
        let jobs = 4;
        let mut most_ahead = 0;
        ordered(
            &items,
            jobs,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |i, _| {
                let ahead = started.load(Ordering::SeqCst) - i;
                most_ahead = most_ahead.max(ahead);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert!(most_ahead <= window(jobs), "{most_ahead}");
    }

    #[test]
    fn an_emit_error_stops_the_workers() {
        let items: Vec<usize> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let got = ordered(
            &items,
            2,
            |_| done.fetch_add(1, Ordering::SeqCst),
            |i, _| if i == 3 { Err("closed") } else { Ok(()) },
        );
        assert_eq!(got, Err("closed"));
        assert!(done.load(Ordering::SeqCst) <= 3 + window(2) + 2);
    }

    #[test]
    fn no_items_no_calls() {
        let items: [u8; 0] = [];
        let mut calls = 0;
        ordered(
            &items,
            3,
            |_| 0,
            |_, _: i32| {
                calls += 1;
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(calls, 0);
    }
}
