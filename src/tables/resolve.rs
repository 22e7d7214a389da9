//! Rows with more or fewer values than the template has columns: the one certain reading, if
//! there is one.
//!
//! Every order-preserving way of dropping surplus values (at most [`MAX_SURPLUS`]) or of adding
//! blank cells is tried against the row's identity; the row is resolved only when every reading
//! that satisfies it gives the same numbers. The work is bounded by [`MAX_READINGS`].

use super::tokens::Num;
use crate::span::Span;

/// A row's identity over its values in template order (its total equals the sum of its parts).
pub type Identity<'f> = &'f dyn Fn(&[i64]) -> bool;

/// At most this many readings are tried when resolving a row.
const MAX_READINGS: usize = 2_000;
/// At most this many surplus values may be dropped to resolve a row.
const MAX_SURPLUS: usize = 3;

/// A certain reading of a row whose number of values was wrong.
pub(super) struct Reading {
    pub values: Vec<Option<Num>>,
    pub cells: Vec<Option<Span>>,
}

/// Tries every way of dropping surplus values or adding blank cells; returns the reading when
/// every one that satisfies `identity` gives the same numbers. `found` is each value found, as
/// a count (`None` when it is not one) with its span.
pub(super) fn resolve(
    found: &[(Option<i64>, Span)],
    width: usize,
    identity: Identity,
) -> Option<Reading> {
    let n = found.len();
    if n > width + MAX_SURPLUS || n == 0 {
        return None;
    }
    let numeric: Vec<i64> = found.iter().map(|f| f.0).collect::<Option<Vec<_>>>()?;
    // Each reading maps every column to a found index, or to None for an added blank.
    let mut readings: Vec<Vec<Option<usize>>> = Vec::new();
    let mut tried = 0usize;
    let mut pick = Vec::with_capacity(width);
    choose(n, width, 0, &mut pick, &mut |cols: &[Option<usize>]| {
        tried += 1;
        let vals: Vec<i64> = cols
            .iter()
            .map(|c| c.and_then(|i| numeric.get(i).copied()).unwrap_or(0))
            .collect();
        if identity(&vals) {
            readings.push(cols.to_vec());
        }
        tried < MAX_READINGS
    });
    let first = readings.first()?;
    let value_of = |cols: &Vec<Option<usize>>| -> Vec<i64> {
        cols.iter()
            .map(|c| c.and_then(|i| numeric.get(i).copied()).unwrap_or(0))
            .collect()
    };
    let reference = value_of(first);
    if readings.iter().any(|r| value_of(r) != reference) || tried >= MAX_READINGS {
        return None;
    }
    let cells = first
        .iter()
        .enumerate()
        .map(|(col, src)| {
            let src = (*src)?;
            let agreed = readings.iter().all(|r| r.get(col) == Some(&Some(src)));
            agreed.then(|| found.get(src).map(|f| f.1)).flatten()
        })
        .collect();
    Some(Reading {
        values: reference.into_iter().map(|v| Some(Num::Int(v))).collect(),
        cells,
    })
}

/// Enumerates order-preserving assignments of `n` found values to `width` columns: when
/// `n > width` some values are dropped, when `n < width` some columns get a blank.
/// `visit` returns false to stop.
fn choose(
    n: usize,
    width: usize,
    next: usize,
    pick: &mut Vec<Option<usize>>,
    visit: &mut dyn FnMut(&[Option<usize>]) -> bool,
) -> bool {
    if pick.len() == width {
        return if n >= width || next == n {
            visit(pick)
        } else {
            true
        };
    }
    let cols_left = width - pick.len();
    if n > width {
        // Take one of the remaining found values for this column, leaving enough for the rest.
        let mut i = next;
        while i + cols_left <= n {
            pick.push(Some(i));
            let go = choose(n, width, i + 1, pick, visit);
            pick.pop();
            if !go {
                return false;
            }
            i += 1;
        }
        true
    } else {
        let vals_left = n - next;
        if vals_left > 0 {
            pick.push(Some(next));
            let go = choose(n, width, next + 1, pick, visit);
            pick.pop();
            if !go {
                return false;
            }
        }
        if cols_left > vals_left {
            pick.push(None);
            let go = choose(n, width, next, pick, visit);
            pick.pop();
            if !go {
                return false;
            }
        }
        true
    }
}
