//! Section 三 when its numbers stand apart from their labels, as in reading-order PDF extraction.
//!
//! Some PDF tools write a table block by block: a few rows row by row, then the numbers of the
//! next ten rows column by column (ten 自然人 values, then ten 商业企业 values, …), the labels of
//! those rows somewhere else. The row reader cannot place such numbers; this module tries to
//! read the table from the order of its numbers alone, and does so only when the structure
//! makes the reading certain:
//!
//! - the region holds exactly 7 numbers per template row (25 rows, or 23 with the 2019 single
//!   （六）其他处理 row), and the label of every one of those rows stands somewhere in it;
//! - the numbers, in order, split into consecutive groups of rows, each group written row by row
//!   (one row) or column by column (several rows), such that every row satisfies its identity
//!   (总计 = the six applicant columns) — except a row its label places, whose numbers may be
//!   wrong and are then reported by the arithmetic rules;
//! - every such split gives every row the same numbers. A row whose label is followed right
//!   away by its seven numbers, at the place the template order gives it, stands alone in every
//!   split: the text itself says it is written row by row.
//!
//! Otherwise the table stays unreadable, and the finding says how to paste it instead.
//!
//! Invariant: the work is bounded: splits are counted by dynamic programming over rows × group
//! sizes, never enumerated.

use super::rows::{Cell, Fit, Reader, RowRead};
use crate::template::{RowDef, S3_OLD_OTHER, S3_OTHER_RANGE, S3_ROWS};
use crate::text::compact;

/// Columns of section 三.
const WIDTH: usize = 7;

/// A certain reading from the numbers' order: the rows read, in template order.
#[derive(Debug)]
pub struct BlockReading {
    /// (row definition, its seven cells).
    pub rows: Vec<(&'static RowDef, Vec<Cell>)>,
    /// True when the single 2019 （六）其他处理 row stands for `other_1..3`.
    pub old_other: bool,
}

/// Reads section 三 from the order of its numbers when that is certain.
pub fn read(
    reader: &Reader,
    identity: &dyn Fn(&[i64]) -> bool,
    read: &[RowRead],
) -> Option<BlockReading> {
    let stream = reader.values_in(0..reader.tokens.len());
    if stream.is_empty() || stream.len() % WIDTH != 0 {
        return None;
    }
    let defs = row_set(stream.len() / WIDTH)?;
    let text = compact(&reader.words_in(0..reader.tokens.len()));
    let all_labelled = defs
        .iter()
        .all(|d| d.anchors.iter().any(|a| text.contains(a)));
    if !all_labelled {
        return None;
    }
    let values: Vec<i64> = stream.iter().map(Cell::count).collect::<Option<_>>()?;
    let alone: Vec<bool> = defs
        .iter()
        .enumerate()
        .map(|(r, def)| written_alone(r, def, read, &stream))
        .collect();
    let starts = group_starts(reader, &stream, defs.len());
    let rows = solve(&values, &alone, &starts, identity)?;
    let old_other = defs.len() != S3_ROWS.len();
    let rows = defs
        .into_iter()
        .zip(rows)
        .map(|(def, positions)| {
            let cells = positions
                .iter()
                .filter_map(|&p| stream.get(p).cloned())
                .collect();
            (def, cells)
        })
        .collect();
    Some(BlockReading { rows, old_other })
}

/// True when row `r` was read by its label with exactly its seven numbers, and those stand at
/// the place of row `r` in the stream.
fn written_alone(r: usize, def: &RowDef, read: &[RowRead], stream: &[Cell]) -> bool {
    let Some(row) = read
        .iter()
        .find(|x| x.def.key == def.key && x.fit == Fit::Exact && x.found.len() == WIDTH)
    else {
        return false;
    };
    row.found.iter().enumerate().all(|(c, cell)| {
        stream
            .get(WIDTH * r + c)
            .is_some_and(|s| s.span == cell.span)
    })
}

/// Rows where a group must start: a row label that interrupts the numbers right before the
/// first number of row `r` (position 7r) marks the start of a block there.
fn group_starts(reader: &Reader, stream: &[Cell], rows: usize) -> Vec<bool> {
    let mut starts = vec![false; rows + 1];
    let mut seen_label = false;
    let mut at = 0;
    for token in &reader.tokens {
        if token.is_value() {
            if seen_label && at % WIDTH == 0 {
                if let Some(s) = starts.get_mut(at / WIDTH) {
                    *s = true;
                }
            }
            seen_label = false;
            at += 1;
        } else {
            let word = compact(reader.norm_text(token.range.clone()));
            seen_label |= S3_ROWS
                .iter()
                .chain(std::iter::once(&S3_OLD_OTHER))
                .any(|d| d.anchors.iter().any(|a| word.contains(a)));
        }
    }
    debug_assert_eq!(at, stream.len());
    starts
}

/// The template rows a table of `n` rows stands for: all 25, or 23 with the 2019 （六） row.
fn row_set(n: usize) -> Option<Vec<&'static RowDef>> {
    if n == S3_ROWS.len() {
        return Some(S3_ROWS.iter().collect());
    }
    if n + S3_OTHER_RANGE.len() - 1 != S3_ROWS.len() {
        return None;
    }
    let mut defs: Vec<&'static RowDef> = Vec::with_capacity(n);
    for (i, def) in S3_ROWS.iter().enumerate() {
        if i == S3_OTHER_RANGE.start {
            defs.push(&S3_OLD_OTHER);
        }
        if !S3_OTHER_RANGE.contains(&i) {
            defs.push(def);
        }
    }
    Some(defs)
}

/// The stream positions of each row's seven values, when every valid split agrees on the
/// numbers of every row.
fn solve(
    values: &[i64],
    alone: &[bool],
    starts: &[bool],
    identity: &dyn Fn(&[i64]) -> bool,
) -> Option<Vec<Vec<usize>>> {
    let rows = alone.len();
    // A group of `k` rows starting at row `r` occupies values [7r, 7(r+k)); row i of the group,
    // column c, is value 7r + c·k + i when written column by column (k = 1: row by row).
    let positions = |r: usize, k: usize, i: usize| -> Vec<usize> {
        (0..WIDTH).map(|c| WIDTH * r + c * k + i).collect()
    };
    let row_of = |pos: &[usize]| -> Vec<i64> {
        pos.iter().filter_map(|&p| values.get(p).copied()).collect()
    };
    let group_ok = |r: usize, k: usize| {
        let keeps_alone = k == 1 || (r..r + k).all(|i| !alone.get(i).copied().unwrap_or(false));
        let no_start_inside = (r + 1..r + k).all(|i| !starts.get(i).copied().unwrap_or(false));
        // A row its label places needs no identity to be certain (and may break it: the
        // arithmetic rules then say so); rows placed by the order of the numbers do.
        let placed_by_label = k == 1 && alone.get(r).copied().unwrap_or(false);
        keeps_alone
            && no_start_inside
            && (placed_by_label || (0..k).all(|i| identity(&row_of(&positions(r, k, i)))))
    };
    // reach[r]: rows [0, r) split validly; finish[r]: rows [r, rows) split validly.
    let mut ok = vec![vec![false; rows + 1]; rows + 1];
    for (r, line) in ok.iter_mut().enumerate() {
        for (k, cell) in line.iter_mut().enumerate().skip(1) {
            *cell = r + k <= rows && group_ok(r, k);
        }
    }
    let valid = |r: usize, k: usize| ok.get(r).and_then(|l| l.get(k)).copied().unwrap_or(false);
    let mut reach = vec![false; rows + 1];
    if let Some(first) = reach.first_mut() {
        *first = true;
    }
    for r in 0..rows {
        if !reach.get(r).copied().unwrap_or(false) {
            continue;
        }
        for k in 1..=rows - r {
            if valid(r, k) {
                if let Some(x) = reach.get_mut(r + k) {
                    *x = true;
                }
            }
        }
    }
    let mut finish = vec![false; rows + 1];
    if let Some(x) = finish.get_mut(rows) {
        *x = true;
    }
    for r in (0..rows).rev() {
        let any =
            (1..=rows - r).any(|k| valid(r, k) && finish.get(r + k).copied().unwrap_or(false));
        if let Some(x) = finish.get_mut(r) {
            *x = any;
        }
    }
    if !finish.first().copied().unwrap_or(false) {
        return None;
    }
    // Every group that lies on some valid split must give each of its rows the same numbers.
    let mut chosen: Vec<Option<(Vec<i64>, Vec<usize>)>> = vec![None; rows];
    for r in 0..rows {
        if !reach.get(r).copied().unwrap_or(false) {
            continue;
        }
        for k in 1..=rows - r {
            if !(valid(r, k) && finish.get(r + k).copied().unwrap_or(false)) {
                continue;
            }
            for i in 0..k {
                let pos = positions(r, k, i);
                let nums = row_of(&pos);
                match chosen.get_mut(r + i) {
                    Some(slot @ None) => *slot = Some((nums, pos)),
                    Some(Some((seen, _))) if *seen != nums => return None,
                    _ => {}
                }
            }
        }
    }
    chosen.into_iter().map(|c| c.map(|(_, pos)| pos)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(v: &[i64]) -> bool {
        v.len() == 7 && v.iter().take(6).sum::<i64>() == v[6]
    }

    #[test]
    fn row_and_column_blocks_are_read_when_certain() {
        // Row 0 row by row; rows 1-2 column by column: (4,1) (0,0) (0,0) (0,0) (0,0) (0,0) (4,1).
        let mut values = vec![2, 0, 0, 0, 0, 0, 2];
        values.extend([4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1]);
        let rows = solve(&values, &[false; 3], &[false; 4], &identity).unwrap();
        let read: Vec<Vec<i64>> = rows
            .iter()
            .map(|p| p.iter().map(|&i| values[i]).collect())
            .collect();
        assert_eq!(
            read,
            vec![
                vec![2, 0, 0, 0, 0, 0, 2],
                vec![4, 0, 0, 0, 0, 0, 4],
                vec![1, 0, 0, 0, 0, 0, 1]
            ]
        );
    }

    #[test]
    fn a_row_placed_by_its_label_may_break_its_identity() {
        // Row 0 is [1,0,0,0,0,0,5] (wrong total) but its label placed it; rows 1-2 by columns.
        let mut values = vec![1, 0, 0, 0, 0, 0, 5];
        values.extend([4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1]);
        assert!(solve(&values, &[false; 3], &[false; 4], &identity).is_none());
        let rows = solve(&values, &[true, false, false], &[false; 4], &identity).unwrap();
        assert_eq!(rows[0], (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn two_readings_with_different_numbers_are_not_certain() {
        // Row by row the second row is [0,0,0,0,1,0,1]; column by column it is [0,0,0,0,0,1,1].
        let values = vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1];
        assert!(solve(&values, &[false; 2], &[false; 3], &identity).is_none());
        // The text says the first row is written row by row: then the reading is certain.
        assert!(solve(&values, &[true, false], &[false; 3], &identity).is_some());
        // So does a label that starts the second row.
        assert!(solve(&values, &[false; 2], &[false, true, false], &identity).is_some());
    }
}
