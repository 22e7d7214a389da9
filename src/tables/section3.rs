//! Section 三: 收到和处理政府信息公开申请情况, 25 rows × 7 columns.
//!
//! The rows are read in template order with the single `（六）其他处理` row of the 2019 format
//! as an optional alternative to `other_1..3`. A row with a wrong number of values is resolved
//! with the row identity 总计 = the six applicant columns. Numbers between rows that no row
//! claims are kept as orphans; what follows the last row is kept as the tail, where section 四's
//! table may stand when its heading is missing.

use std::ops::Range;

use super::blocks::{self, BlockRow};
use super::grid::{self, names_header, Columns, Grids, Spec};
use super::header::{self, HeaderIssue};
use super::lines;
use super::reader::Reader;
use super::row::{forget_values, unreliable, Cell, Fit, RowRead, RowSpec};
use crate::outline::Outline;
use crate::template::{
    RowDef, S3_COLUMNS, S3_HEADER_EXTRAS, S3_OLD_OTHER, S3_OTHER_RANGE, S3_ROWS, S3_TOTAL_COL,
};
use crate::text::Normalized;

/// This many rows whose values cannot be placed make the whole table unreliable.
const UNRELIABLE_ROWS: usize = 3;

/// Section 三's table as read.
#[derive(Debug, Default)]
pub struct Table3 {
    /// The normalised range read; `None` when there was nowhere to look.
    pub region: Option<Range<usize>>,
    /// False when the range was inferred because the section heading is missing.
    pub under_heading: bool,
    /// The 25 template rows, in order.
    pub rows: Vec<RowRead>,
    /// The 2019 format's single （六）其他处理 row, when it stands in place of `other_1..3`.
    pub old_other: Option<RowRead>,
    pub header: Vec<HeaderIssue>,
    /// Values between rows that belong to no row.
    pub orphans: Vec<Cell>,
    /// Values after the last row.
    pub tail: Vec<Cell>,
    /// The normalised range after the last row's values.
    pub tail_range: Option<Range<usize>>,
    /// Normalised offset where the first row's label starts.
    pub start: Option<usize>,
    /// When the table cannot be read reliably: how many rows could not be placed. All values
    /// are then unknown.
    pub unreliable: Option<usize>,
    /// True when the table was read from the order of its numbers (column blocks far from the
    /// labels), because that reading was certain.
    pub from_blocks: bool,
    /// When the table was read by its grid (HTML, .docx): its columns against the template's.
    pub columns: Option<Columns>,
    /// Labels of the rows whose numbers stand away from their labels and were placed by the
    /// template order (see [`lines`]).
    pub by_order: Vec<&'static str>,
}

impl Table3 {
    /// Takes a reading from the numbers' order (see [`blocks`]): every row is then read, from
    /// column blocks far from their labels, and nothing is orphaned.
    fn take_blocks(&mut self, reading: blocks::BlockReading) {
        let width = S3_COLUMNS.len();
        // The 2019 single （六） row's label, if the row reader found it, stays its label.
        let old_label = self.old_other.take().and_then(|r| r.label);
        for (def, cells) in reading.rows {
            let spec = RowSpec {
                def,
                width,
                amounts: false,
            };
            let mut row = RowRead::missing(&spec);
            let slot = self.rows.iter_mut().find(|r| r.def.key == def.key);
            let label = match &slot {
                Some(r) => r.label.clone(),
                None => old_label.clone(),
            };
            match cells {
                BlockRow::Read(cells) => row.place(cells),
                BlockRow::Uncertain { label: at } => {
                    // Uncertain: the row is there (its label), its numbers unknown.
                    row.span = label.as_ref().map(|l| l.span).or(at);
                    row.fit = Fit::Unplaced;
                }
            }
            // The label the row reader found, far from the numbers, is still the row's label:
            // it is checked against the template, but the row's span stays on its numbers.
            row.label = label;
            match slot {
                Some(slot) => *slot = row,
                None => self.old_other = Some(row),
            }
        }
        if reading.old_other {
            for r in self
                .rows
                .iter_mut()
                .filter(|r| r.def.key.starts_with("other_"))
            {
                *r = RowRead::missing(&RowSpec {
                    def: r.def,
                    width,
                    amounts: false,
                });
            }
        }
        self.unreliable = None;
        self.from_blocks = true;
        self.orphans.clear();
        self.tail.clear();
    }

    /// True when at least one row was found.
    pub fn is_found(&self) -> bool {
        self.rows.iter().any(RowRead::is_found) || self.old_other.is_some()
    }

    /// A template row, by its typed key (a string key could be misspelt and find nothing).
    pub fn get(&self, row: crate::template::S3Row) -> Option<&RowRead> {
        self.rows.get(row as usize)
    }
}

/// The identity every row of section 三 satisfies: 总计 = the six applicant columns.
pub fn row_identity(v: &[i64]) -> bool {
    v.len() == S3_COLUMNS.len()
        && v.get(S3_TOTAL_COL) == Some(&v.iter().take(S3_TOTAL_COL).sum::<i64>())
}

pub(super) fn read(norm: &Normalized, outline: &Outline, grids: &Grids) -> Table3 {
    let mut table = Table3 {
        rows: S3_ROWS
            .iter()
            .map(|def| RowSpec {
                def,
                width: 7,
                amounts: false,
            })
            .map(|s| RowRead::missing(&s))
            .collect(),
        ..Table3::default()
    };
    let Some((region, under_heading)) = region(norm, outline) else {
        return table;
    };
    let reader = Reader::new(norm, region.clone());
    let mut specs: Vec<RowSpec> = S3_ROWS
        .iter()
        .map(|def| RowSpec {
            def,
            width: 7,
            amounts: false,
        })
        .collect();
    let old_at = S3_OTHER_RANGE.start;
    specs.insert(
        old_at,
        RowSpec {
            def: &S3_OLD_OTHER,
            width: 7,
            amounts: false,
        },
    );
    let mut rows = reader.read_rows(&specs, 0, Some(&row_identity));
    let old = rows.remove(old_at);
    let others_found = rows
        .get(S3_OTHER_RANGE)
        .unwrap_or(&[])
        .iter()
        .any(RowRead::is_found);
    table.old_other = (old.is_found() && !others_found).then_some(old);

    let mut found: Vec<&RowRead> = rows
        .iter()
        .chain(table.old_other.iter())
        .filter(|r| r.is_found())
        .collect();
    crate::sort::by_key(&mut found, |r| r.start_token);
    if let Some(first) = found.first() {
        table.start = reader.tokens.get(first.start_token).map(|t| t.start());
        let head = reader.text_in(0..first.label_token);
        let mut expected: Vec<(&'static str, usize)> = S3_COLUMNS.iter().map(|c| (*c, 1)).collect();
        expected.extend(S3_HEADER_EXTRAS.iter().map(|c| (*c, 1)));
        table.header = header::check(&head, &expected);
    }
    for (a, b) in found.iter().zip(found.iter().skip(1)) {
        table
            .orphans
            .extend(reader.values_in(a.end_token..b.start_token));
    }
    if let Some(last) = found.last() {
        table.tail = reader.values_in(last.end_token..reader.tokens.len());
        let from = reader
            .tokens
            .get(last.end_token)
            .map_or(region.end, |t| t.start());
        table.tail_range = Some(from..region.end);
    }
    let first_token = found.first().map(|r| r.start_token);
    table.rows = rows;
    if let Some(read) = read_grid(grids, &mut table) {
        table
            .orphans
            .retain(|c| !read.claims(c.span.start as usize));
        table.columns = Some(read.columns);
    } else if let Some(from) = first_token.filter(|_| needs_lines(&table)) {
        read_lines(&reader, from, &mut table);
    }
    table.unreliable = unreliable(&table.rows, UNRELIABLE_ROWS);
    if table.unreliable.is_some() {
        if let Some(reading) = blocks::read(&reader, &row_identity, &table.rows) {
            table.take_blocks(reading);
        } else {
            forget_values(&mut table.rows);
            table
                .old_other
                .iter_mut()
                .for_each(|r| forget_values(std::slice::from_mut(r)));
        }
    }
    table.region = Some(region);
    table.under_heading = under_heading;
    table
}

/// True when the row reader left something a line-by-line reading may place: a row whose
/// numbers did not fit, a row not found, or numbers that belong to no row.
fn needs_lines(table: &Table3) -> bool {
    table.old_other.is_none()
        && (!table.orphans.is_empty()
            || table
                .rows
                .iter()
                .any(|r| !r.is_found() || r.fit != Fit::Exact))
}

/// Places the rows the row reader could not, line by line (see [`lines`]). Where the two
/// readings differ on a row the row reader read exactly, a row of numbers its label leads on
/// the line wins; one placed only by order makes the row uncertain (T014), as does a row whose
/// numbers the line reading gives to another row. Numbers placed are no longer orphans.
fn read_lines(reader: &Reader, from: usize, table: &mut Table3) {
    let defs: Vec<&'static RowDef> = S3_ROWS.iter().collect();
    let Some(placement) = lines::place(reader, from, &defs, &row_identity) else {
        return;
    };
    let spans = |cells: &[Cell]| cells.iter().map(|c| c.span).collect::<Vec<_>>();
    let exact = |row: &RowRead| row.is_found() && row.fit == Fit::Exact;
    // Cells a label on their line gives to a row: the row reader's reading of any other row
    // that took them is refuted.
    let anchored: Vec<_> = placement
        .rows
        .iter()
        .enumerate()
        .filter(|(r, _)| !placement.by_order.contains(r))
        .filter_map(|(_, p)| p.as_ref())
        .flat_map(|cells| spans(cells))
        .collect();
    // What each row becomes: Some(Some(cells)) placed, Some(None) uncertain, None unchanged.
    let mut plan: Vec<Option<Option<Vec<Cell>>>> = Vec::with_capacity(table.rows.len());
    for (r, (row, placed)) in table.rows.iter().zip(&placement.rows).enumerate() {
        let by_order = placement.by_order.contains(&r);
        let refuted = row.found.iter().any(|c| anchored.contains(&c.span));
        plan.push(match placed {
            Some(cells) if exact(row) && spans(cells) == spans(&row.found) => None,
            Some(_) if exact(row) && by_order && !refuted => Some(None),
            Some(cells) => Some(Some(cells.clone())),
            None => None,
        });
    }
    let taken: Vec<_> = plan
        .iter()
        .flatten()
        .flatten()
        .flat_map(|cells| spans(cells))
        .collect();
    for (row, step) in table.rows.iter().zip(plan.iter_mut()) {
        if step.is_none() && row.found.iter().any(|c| taken.contains(&c.span)) {
            *step = Some(None);
        }
    }
    for (r, (row, step)) in table.rows.iter_mut().zip(plan).enumerate() {
        match step {
            None => {}
            Some(Some(cells)) => {
                row.place(cells);
                if placement.by_order.contains(&r) {
                    table.by_order.push(row.def.label);
                }
            }
            Some(None) => {
                forget_values(std::slice::from_mut(row));
                row.fit = Fit::Unplaced;
            }
        }
    }
    table.orphans.retain(|c| !taken.contains(&c.span));
    table.tail.retain(|c| !taken.contains(&c.span));
}

/// Reads the rows whose labels stand in a grid by the grid, the 2019 format's single
/// （六）其他处理 row with them.
fn read_grid(grids: &Grids, table: &mut Table3) -> Option<grid::GridRead> {
    let names = |j: usize, path: &[String]| {
        path.last()
            .zip(S3_COLUMNS.get(j))
            .is_some_and(|(leaf, label)| names_header(leaf, label))
    };
    let spec = Spec {
        width: S3_COLUMNS.len(),
        names: Some(&names),
        amounts: &[],
    };
    let read = grid::read_rows(grids, &mut table.rows, &spec);
    if let Some(old) = table.old_other.as_mut() {
        grid::read_rows(grids, std::slice::from_mut(old), &spec);
    }
    read
}

/// Section 三's body, or — when its heading is missing — the text between the previous and the
/// next found headings.
fn region(norm: &Normalized, outline: &Outline) -> Option<(Range<usize>, bool)> {
    if let Some(body) = outline.body(3) {
        return Some((body, true));
    }
    let start = [2u8, 1]
        .iter()
        .find_map(|&n| outline.body(n))
        .map_or(0, |b| b.start);
    let end = [4u8, 5, 6]
        .iter()
        .find_map(|&n| outline.section(n))
        .map_or(norm.text.len(), |h| h.line.start);
    (start < end).then_some((start..end, false))
}
