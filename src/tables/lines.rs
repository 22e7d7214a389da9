//! Section 三 read line by line when some row labels stand away from their numbers.
//!
//! Text extracted from a PDF in reading order keeps the rows of numbers in order, one row (or
//! two run together) per line, but often moves a label that sat in a wrapped or merged cell:
//! a line of seven numbers with no label, and the label lines later or earlier; Markdown made
//! from such a PDF has rows with an empty label cell and labels in rows of their own. The row
//! reader, which takes a row's numbers from after its label, then finds a row with fourteen
//! numbers and another with none.
//!
//! Here the numbers are cut into rows of seven by the lines they stand on (a line whose count is
//! not a multiple of seven ends the attempt), and each row of numbers is placed on a template
//! row:
//! - a row of numbers right after a row label on its line is *anchored* to that row;
//! - between two anchors (and before the first, after the last) the unanchored rows of numbers
//!   are placed, in order, on the template rows between them whose labels stand somewhere in
//!   the table — only when there are exactly as many of each, so that the template order and
//!   the counts leave one placement. Where they do not, those rows stay unplaced.
//!
//! Rows of numbers placed by order keep their own numbers, so a wrong number in one is reported
//! by the arithmetic rules like any other; but a stretch where more than one of them breaks its
//! row identity (总计 = the applicants) is taken for a misplacement and left unplaced.
//!
//! Invariant: a row is placed only by its label on the line, or by the order of a stretch whose
//! counts match exactly; anchors that contradict the template order make the whole attempt
//! fail. Linear in the tokens, quadratic only in the 25 rows.

use super::labels::strip_numbering;
use super::reader::Reader;
use super::row::Cell;
use super::tokens::Kind;
use crate::template::RowDef;
use crate::text::{compact, find};

/// Columns of section 三.
const WIDTH: usize = 7;

/// How the rows of numbers were placed on the template rows.
#[derive(Debug, Default)]
pub struct Placement {
    /// Per template row: its seven cells, when placed.
    pub rows: Vec<Option<Vec<Cell>>>,
    /// Template rows placed by the order of their numbers, not by a label on their line.
    pub by_order: Vec<usize>,
}

/// One row of numbers: its seven cells and the template row whose label leads its line.
struct Chunk {
    cells: Vec<Cell>,
    anchor: Option<usize>,
}

/// Places the rows of numbers of the table that starts at token `from` on `defs` (the template
/// rows, in order); `None` when the lines do not cut into rows of seven or anchors contradict
/// the order.
pub fn place(
    reader: &Reader,
    from: usize,
    defs: &[&'static RowDef],
    identity: &dyn Fn(&[i64]) -> bool,
) -> Option<Placement> {
    let (chunks, present) = chunks(reader, from, defs)?;
    // Anchors in order of the numbers must be in template order too.
    let anchors: Vec<(usize, usize)> = chunks
        .iter()
        .enumerate()
        .filter_map(|(k, c)| c.anchor.map(|r| (k, r)))
        .collect();
    if anchors
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.1 >= b.1))
    {
        return None;
    }
    let mut out = Placement {
        rows: vec![None; defs.len()],
        by_order: Vec::new(),
    };
    for &(k, r) in &anchors {
        if let (Some(slot), Some(chunk)) = (out.rows.get_mut(r), chunks.get(k)) {
            *slot = Some(chunk.cells.clone());
        }
    }
    // The stretches between anchors: (chunks after k0 before k1, rows after r0 before r1).
    let mut bounds: Vec<(Option<usize>, Option<usize>)> = vec![(None, None)];
    bounds.extend(anchors.iter().map(|&(k, r)| (Some(k), Some(r))));
    bounds.push((Some(chunks.len()), Some(defs.len())));
    for w in bounds.windows(2) {
        let [(k0, r0), (k1, r1)] = w else { continue };
        let after = |x: Option<usize>| x.map_or(0, |x| x + 1);
        let free: Vec<usize> = (after(*k0)..k1.unwrap_or(0)).collect();
        let rows: Vec<usize> = (after(*r0)..r1.unwrap_or(0))
            .filter(|r| present.get(*r).copied().unwrap_or(false))
            .collect();
        if free.is_empty() || free.len() != rows.len() {
            continue;
        }
        let broken = free
            .iter()
            .filter_map(|&k| chunks.get(k))
            .filter(|c| {
                let counts: Option<Vec<i64>> = c.cells.iter().map(Cell::count).collect();
                !counts.is_some_and(|v| identity(&v))
            })
            .count();
        if broken > 1 {
            continue;
        }
        for (&k, &r) in free.iter().zip(&rows) {
            if let (Some(slot), Some(chunk)) = (out.rows.get_mut(r), chunks.get(k)) {
                *slot = Some(chunk.cells.clone());
                out.by_order.push(r);
            }
        }
    }
    Some(out)
}

/// The rows of numbers from token `from` on, and which template rows' labels stand there.
fn chunks(
    reader: &Reader,
    from: usize,
    defs: &[&'static RowDef],
) -> Option<(Vec<Chunk>, Vec<bool>)> {
    let mut chunks = Vec::new();
    let mut present = vec![false; defs.len()];
    let tokens = reader.tokens.get(from..)?;
    let mut i = 0;
    while i < tokens.len() {
        let line = tokens.get(i).map(|t| t.line)?;
        let end = i + tokens
            .get(i..)?
            .iter()
            .take_while(|t| t.line == line)
            .count();
        let first_value = (i..end).find(|&j| tokens.get(j).is_some_and(|t| t.is_value()));
        // Row labels on the line, in order, and the last one before the line's numbers.
        let mut leading = None;
        let words: Vec<(usize, String)> = (i..end)
            .filter(|&j| tokens.get(j).is_some_and(|t| t.kind == Kind::Text))
            .map(|j| (j, compact(&reader.words_in(from + j..from + j + 1))))
            .collect();
        let joined: String = words.iter().map(|(_, w)| w.as_str()).collect();
        for (r, def) in defs.iter().enumerate() {
            let Some(at) = occurs(def, &words, &joined) else {
                continue;
            };
            if let Some(p) = present.get_mut(r) {
                *p = true;
            }
            if first_value.is_none_or(|v| at < v) && leading.is_none_or(|(a, _)| at >= a) {
                leading = Some((at, r));
            }
        }
        let values: Vec<Cell> = reader.values_in(from + i..from + end);
        if !values.is_empty() {
            if values.len() % WIDTH != 0 {
                return None;
            }
            for (n, cells) in values.chunks(WIDTH).enumerate() {
                chunks.push(Chunk {
                    cells: cells.to_vec(),
                    anchor: leading.filter(|_| n == 0).map(|(_, r)| r),
                });
            }
        }
        i = end;
    }
    Some((chunks, present))
}

/// The index (among the line's tokens) of the word where one of `def`'s anchors stands, if any.
/// A row whose anchor must be its whole label (`3.其他`, `（七）总计`) needs a word that is just
/// that, numbering aside.
fn occurs(def: &RowDef, words: &[(usize, String)], joined: &str) -> Option<usize> {
    if def.whole {
        return words
            .iter()
            .find(|(_, w)| def.anchors.iter().any(|a| strip_numbering(w) == *a))
            .map(|(j, _)| *j);
    }
    let at = def.anchors.iter().filter_map(|a| find(joined, a)).min()?;
    // The word holding byte `at` of the joined text.
    let mut offset = 0;
    for (j, w) in words {
        offset += w.len();
        if at < offset {
            return Some(*j);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::section3::row_identity;
    use crate::template::S3_ROWS;
    use crate::text::Normalized;

    /// The seven values of each template row, `None` when unplaced.
    type Rows = Vec<Option<Vec<i64>>>;

    /// The rows placed from `text`, and the rows placed by order.
    fn placed(text: &str) -> Option<(Rows, Vec<usize>)> {
        let norm = Normalized::new(text);
        let reader = Reader::new(&norm, 0..norm.text.len());
        let defs: Vec<&'static RowDef> = S3_ROWS.iter().take(5).collect();
        let p = place(&reader, 0, &defs, &row_identity)?;
        let rows = p
            .rows
            .iter()
            .map(|r| {
                r.as_ref()
                    .map(|c| c.iter().map(|c| c.count().unwrap()).collect())
            })
            .collect();
        Some((rows, p.by_order))
    }

    const NEW: &str = "一、本年新收政府信息公开申请数量";
    const CARRIED: &str = "二、上年结转政府信息公开申请数量";

    #[test]
    fn a_label_moved_after_its_numbers_is_placed_by_order() {
        let text = format!(
            "{NEW}\t1 0 0 0 0 0 1\n2 0 0 0 0 0 2\n（一）予以公开\t3 0 0 0 0 0 3\n{CARRIED}\n"
        );
        let (rows, by_order) = placed(&text).unwrap();
        assert_eq!(rows[1], Some(vec![2, 0, 0, 0, 0, 0, 2]));
        assert_eq!(rows[2], Some(vec![3, 0, 0, 0, 0, 0, 3]));
        assert_eq!(by_order, [1]);
    }

    #[test]
    fn two_rows_on_one_line_are_cut_at_seven() {
        let text = format!("{NEW}\t1 0 0 0 0 0 1 2 0 0 0 0 0 2\n{CARRIED}\n");
        let (rows, by_order) = placed(&text).unwrap();
        assert_eq!(rows[0], Some(vec![1, 0, 0, 0, 0, 0, 1]));
        assert_eq!(rows[1], Some(vec![2, 0, 0, 0, 0, 0, 2]));
        assert_eq!(by_order, [1]);
    }

    #[test]
    fn counts_that_do_not_match_leave_the_stretch_unplaced() {
        // Two rows of numbers without labels, but only one template row between the anchors.
        let text = format!(
            "{NEW}\t1 0 0 0 0 0 1\n2 0 0 0 0 0 2\n5 0 0 0 0 0 5\n（一）予以公开\t3 0 0 0 0 0 3\n{CARRIED}\n"
        );
        let (rows, by_order) = placed(&text).unwrap();
        assert_eq!(rows[1], None);
        assert!(by_order.is_empty());
        assert_eq!(rows[2], Some(vec![3, 0, 0, 0, 0, 0, 3]));
    }

    #[test]
    fn a_stretch_breaking_two_identities_is_a_misplacement() {
        let text = format!(
            "{NEW}\t1 0 0 0 0 0 1\n2 0 0 0 0 0 9\n3 0 0 0 0 0 9\n（二）部分公开\t4 0 0 0 0 0 4\n{CARRIED}\n（一）予以公开\n"
        );
        let (rows, _) = placed(&text).unwrap();
        assert_eq!(rows[1], None);
        assert_eq!(rows[2], None);
    }

    #[test]
    fn anchors_against_the_template_order_or_ragged_lines_read_nothing() {
        let swapped = format!("{CARRIED}\t2 0 0 0 0 0 2\n{NEW}\t1 0 0 0 0 0 1\n");
        assert!(placed(&swapped).is_none());
        let ragged = format!("{NEW}\t1 0 0 0 0 1\n{CARRIED}\t2 0 0 0 0 0 2\n");
        assert!(placed(&ragged).is_none());
    }
}
