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
//!   (one row) or column by column (several rows); a split is scored by how many rows break
//!   their identity (总计 = the six applicant columns), a row its label places counting as
//!   unbroken (its numbers may be wrong, and the arithmetic rules then say so);
//! - the splits that break the fewest identities — none, or one or two, since one wrong number
//!   is exactly what the checker must report — give every row the same numbers; and when they
//!   break any, so does every split that breaks fewer than two more. Readings that are equally
//!   good, or nearly so, are never chosen between. A row whose label is followed right away by
//!   its seven numbers, at the place the template order gives it, stands alone in every split:
//!   the text itself says it is written row by row.
//!
//! Otherwise the table stays unreadable, and the finding says how to paste it instead.
//!
//! Invariant: the work is bounded: splits are counted by dynamic programming over rows × group
//! sizes, never enumerated.

use super::reader::Reader;
use super::row::{Cell, Fit, RowRead};
use crate::span::Span;
use crate::template::{RowDef, S3_OLD_OTHER, S3_OTHER_RANGE, S3_ROWS};
use crate::text::{compact, contains, find};

/// Columns of section 三.
const WIDTH: usize = 7;

/// A certain reading from the numbers' order: the rows read, in template order.
#[derive(Debug)]
pub struct BlockReading {
    /// Each row with its seven cells, or its label's span when its numbers stay uncertain.
    pub rows: Vec<(&'static RowDef, BlockRow)>,
    /// True when the single 2019 （六）其他处理 row stands for `other_1..3`.
    pub old_other: bool,
}

/// One row of a reading from the numbers' order.
#[derive(Debug)]
pub enum BlockRow {
    /// Its seven cells.
    Read(Vec<Cell>),
    /// More than one set of numbers fits: the row stands at its label, its numbers unknown.
    Uncertain { label: Option<Span> },
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
    let joined = reader.text_in(0..reader.tokens.len());
    let text = &joined.text;
    let all_labelled = defs
        .iter()
        .all(|d| d.anchors.iter().any(|a| contains(text, a)));
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
            let row = match positions {
                Some(positions) => BlockRow::Read(
                    positions
                        .iter()
                        .filter_map(|&p| stream.get(p).cloned())
                        .collect(),
                ),
                None => BlockRow::Uncertain {
                    label: def.anchors.iter().find_map(|a| {
                        let at = find(text, a)?;
                        joined.span(at..at + a.len())
                    }),
                },
            };
            (def, row)
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
            let word = compact(reader.norm_text(token.range()));
            seen_label |= S3_ROWS
                .iter()
                .chain(std::iter::once(&S3_OLD_OTHER))
                .any(|d| d.anchors.iter().any(|a| contains(&word, a)));
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

/// The most rows a reading may leave breaking their identity (总计 = the applicants): a wrong
/// number or two is what the checker exists to find, so it must not make the table unreadable.
const MAX_BROKEN: u32 = 2;
/// A reading that breaks identities is taken only when every reading with other numbers breaks
/// at least this many more.
const MARGIN: u32 = 2;
/// A reading is taken when at most one row in this many stays uncertain; more, and the
/// table is better said to be unreadable than flagged row by row.
const MAX_UNCERTAIN_SHARE: usize = 4;
/// What the best splits say of one row's numbers.
enum Agreed {
    Unset,
    /// The numbers every best split so far gives the row, and where they stand.
    One(Vec<i64>, Vec<usize>),
    /// Two best splits give the row different numbers.
    Differ,
}

impl Agreed {
    fn add(&mut self, nums: Vec<i64>, pos: Vec<usize>) {
        *self = match std::mem::replace(self, Agreed::Differ) {
            Agreed::Unset => Agreed::One(nums, pos),
            Agreed::One(seen, at) if seen == nums => Agreed::One(seen, at),
            _ => Agreed::Differ,
        };
    }
}

/// A cost no reading has.
const NONE: u32 = u32::MAX;

/// The stream positions of each row's seven values, row by row where one reading stands out:
/// the splits that break the fewest row identities (at most [`MAX_BROKEN`]) all give the row the
/// same numbers, and — when those break any — so does every split within [`MARGIN`] of them.
/// A row where they differ is `None` (uncertain); `None` for the table when no split is good
/// enough or too many rows stay uncertain.
fn solve(
    values: &[i64],
    alone: &[bool],
    starts: &[bool],
    identity: &dyn Fn(&[i64]) -> bool,
) -> Option<Vec<Option<Vec<usize>>>> {
    let rows = alone.len();
    // A group of `k` rows starting at row `r` occupies values [7r, 7(r+k)); row i of the group,
    // column c, is value 7r + c·k + i when written column by column (k = 1: row by row).
    let positions = |r: usize, k: usize, i: usize| -> Vec<usize> {
        (0..WIDTH).map(|c| WIDTH * r + c * k + i).collect()
    };
    let row_of = |pos: &[usize]| -> Vec<i64> {
        pos.iter().filter_map(|&p| values.get(p).copied()).collect()
    };
    // How many rows of the group break their identity, or NONE when the text rules it out.
    let group_cost = |r: usize, k: usize| -> u32 {
        let keeps_alone = k == 1 || (r..r + k).all(|i| !alone.get(i).copied().unwrap_or(false));
        let no_start_inside = (r + 1..r + k).all(|i| !starts.get(i).copied().unwrap_or(false));
        if !(keeps_alone && no_start_inside) {
            return NONE;
        }
        // A row its label places needs no identity to be certain (and may break it: the
        // arithmetic rules then say so); rows placed by the order of the numbers do.
        if k == 1 && alone.get(r).copied().unwrap_or(false) {
            return 0;
        }
        (0..k)
            .filter(|&i| !identity(&row_of(&positions(r, k, i))))
            .count() as u32
    };
    let mut cost = vec![vec![NONE; rows + 1]; rows + 1];
    for (r, line) in cost.iter_mut().enumerate() {
        for (k, cell) in line.iter_mut().enumerate().skip(1) {
            if r + k <= rows {
                *cell = group_cost(r, k);
            }
        }
    }
    let cost_of = |r: usize, k: usize| cost.get(r).and_then(|l| l.get(k)).copied().unwrap_or(NONE);
    let add = |a: u32, b: u32| if a == NONE || b == NONE { NONE } else { a + b };
    // before[r]: the fewest broken rows splitting rows [0, r); after[r]: rows [r, rows).
    let mut before = vec![NONE; rows + 1];
    if let Some(first) = before.first_mut() {
        *first = 0;
    }
    for r in 0..rows {
        let here = before.get(r).copied().unwrap_or(NONE);
        for k in 1..=rows - r {
            let through = add(here, cost_of(r, k));
            if let Some(x) = before.get_mut(r + k) {
                *x = (*x).min(through);
            }
        }
    }
    let mut after = vec![NONE; rows + 1];
    if let Some(x) = after.get_mut(rows) {
        *x = 0;
    }
    for r in (0..rows).rev() {
        let best = (1..=rows - r)
            .map(|k| add(cost_of(r, k), after.get(r + k).copied().unwrap_or(NONE)))
            .min()
            .unwrap_or(NONE);
        if let Some(x) = after.get_mut(r) {
            *x = best;
        }
    }
    let best = after.first().copied().unwrap_or(NONE);
    if best > MAX_BROKEN {
        return None;
    }
    // Splits that break no identity must agree among themselves; splits that break some must
    // also agree with every split within MARGIN of them.
    let within = if best == 0 { 0 } else { best + MARGIN - 1 };
    // Per row: the numbers the best splits give it, and the numbers the near splits give it.
    let mut best_rows: Vec<Agreed> = (0..rows).map(|_| Agreed::Unset).collect();
    let mut rivals: Vec<Vec<Vec<i64>>> = vec![Vec::new(); rows];
    for r in 0..rows {
        for k in 1..=rows - r {
            let through = add(
                add(before.get(r).copied().unwrap_or(NONE), cost_of(r, k)),
                after.get(r + k).copied().unwrap_or(NONE),
            );
            if through > within {
                continue;
            }
            for i in 0..k {
                let pos = positions(r, k, i);
                let nums = row_of(&pos);
                if through == best {
                    if let Some(slot) = best_rows.get_mut(r + i) {
                        slot.add(nums, pos);
                    }
                } else if let Some(list) = rivals.get_mut(r + i) {
                    list.push(nums);
                }
            }
        }
    }
    let read: Vec<Option<Vec<usize>>> = best_rows
        .into_iter()
        .zip(&rivals)
        .map(|(chosen, others)| match chosen {
            Agreed::One(nums, pos) => others.iter().all(|o| *o == nums).then_some(pos),
            Agreed::Unset | Agreed::Differ => None,
        })
        .collect();
    let uncertain = read.iter().filter(|r| r.is_none()).count();
    (uncertain <= rows / MAX_UNCERTAIN_SHARE).then_some(read)
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
            .map(|p| p.as_ref().unwrap().iter().map(|&i| values[i]).collect())
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
        let rows = solve(&values, &[true, false, false], &[false; 4], &identity).unwrap();
        assert_eq!(rows[0], Some((0..7).collect::<Vec<_>>()));
    }

    #[test]
    fn one_wrong_number_in_a_column_block_is_read_and_left_to_the_rules() {
        // Row 0 by its label; rows 1-3 column by column, row 1's 总计 written 8 instead of 7.
        // Every other split breaks all three rows.
        let block = [
            [4, 1, 0, 2, 0, 0, 8],
            [1, 2, 3, 0, 0, 1, 7],
            [2, 0, 1, 1, 1, 0, 5],
        ];
        let mut values = vec![2, 0, 0, 0, 0, 0, 2];
        values.extend((0..7).flat_map(|c| block.iter().map(move |row| row[c])));
        let alone = [true, false, false, false];
        let rows = solve(&values, &alone, &[false; 5], &identity).unwrap();
        let read: Vec<Vec<i64>> = rows
            .iter()
            .map(|p| p.as_ref().unwrap().iter().map(|&i| values[i]).collect())
            .collect();
        assert_eq!(read[1..], block.map(|r| r.to_vec()));
    }

    #[test]
    fn a_broken_reading_with_a_near_rival_is_not_taken() {
        // Two rows of zeros but one 1: row by row [0,0,0,0,0,1,0][0,0,0,0,0,0,0] breaks row 0;
        // column by column [0,0,1,0,0,0,0][0,0,0,0,0,0,0] breaks row 0 too. Equally good.
        let mut values = vec![0; 14];
        values[5] = 1;
        assert!(solve(&values, &[false; 2], &[false; 3], &identity).is_none());
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
