//! One template row as read: its label, the values found, how they fit the columns, and where
//! they stand. Filling the columns lives here, once, for every table.

use super::labels::LabelRead;
use super::resolve::resolve;
pub use super::resolve::Identity;
use super::tokens::Num;
use crate::span::Span;
use crate::template::RowDef;

/// A row to look for: its template definition and how many values it has.
#[derive(Clone, Copy, Debug)]
pub struct RowSpec {
    pub def: &'static RowDef,
    pub width: usize,
    /// The row has a column whose header fixes no unit (the 2019 format's 采购总金额), so an
    /// amount written with its unit (`251000元`) is one of its values.
    pub amounts: bool,
}

/// How the values found fit the template's columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fit {
    /// As many values as columns.
    #[default]
    Exact,
    /// `found` values, resolved by the row's identity to one certain reading.
    Resolved { found: usize },
    /// `found` values and no certain reading: the values are unknown.
    Ambiguous { found: usize },
    /// The row's numbers stand apart from its label (reading-order PDF text) and the table's
    /// structure leaves more than one set of numbers for it: the values are unknown.
    Unplaced,
}

/// A value token as found: its number (`None` for a blank) and where it stands.
#[derive(Clone, Debug)]
pub struct Cell {
    pub value: Option<Num>,
    pub span: Span,
}

impl Cell {
    /// The cell as a count for an identity: a blank is 0, a decimal is not a count.
    pub fn count(&self) -> Option<i64> {
        match self.value {
            Some(Num::Int(v)) => Some(v),
            None => Some(0),
            Some(Num::Dec(_)) => None,
        }
    }
}

/// One template row as read.
#[derive(Clone, Debug)]
pub struct RowRead {
    pub def: &'static RowDef,
    pub width: usize,
    pub label: Option<LabelRead>,
    /// Every value token found for the row, in order.
    pub found: Vec<Cell>,
    /// The value of each column for checking: `None` when unknown or blank.
    pub values: Vec<Option<Num>>,
    /// True where the cell is a blank placeholder (counted as 0 in sums).
    pub blank: Vec<bool>,
    /// The span of each column's cell, when certain.
    pub cells: Vec<Option<Span>>,
    pub fit: Fit,
    /// Words with digits where the row's values stand that are not numbers (`380元`, `1.2.3`).
    pub unreadable: Vec<(String, Span)>,
    /// From the label to the last value; `None` when the row is missing.
    pub span: Option<Span>,
    /// Token index where the row's label run starts.
    pub start_token: usize,
    /// Token index of the token where the row's own label starts (after any header text).
    pub label_token: usize,
    /// Token index just past the row's last value.
    pub end_token: usize,
}

impl RowRead {
    /// A row that was not found: no label, no values.
    pub fn missing(spec: &RowSpec) -> RowRead {
        RowRead {
            def: spec.def,
            width: spec.width,
            label: None,
            found: Vec::new(),
            values: vec![None; spec.width],
            blank: vec![false; spec.width],
            cells: vec![None; spec.width],
            fit: Fit::Exact,
            unreadable: Vec::new(),
            span: None,
            start_token: 0,
            label_token: 0,
            end_token: 0,
        }
    }

    /// Places the values found into the row's columns: one per column when they fit, else the
    /// one reading `identity` makes certain, else none (the values stay unknown).
    pub fn fill(&mut self, found: Vec<Cell>, identity: Option<Identity>) {
        if found.len() == self.width {
            self.place(found);
            return;
        }
        self.fit = Fit::Ambiguous { found: found.len() };
        let counts: Vec<_> = found.iter().map(|c| (c.count(), c.span)).collect();
        if let Some(reading) = identity.and_then(|id| resolve(&counts, self.width, id)) {
            self.values = reading.values;
            self.cells = reading.cells;
            self.fit = Fit::Resolved { found: found.len() };
        }
        self.found = found;
    }

    /// Like [`RowRead::fill`], but a row short of values may take empty cells at the edges of
    /// its values on their line (tab- or `|`-separated) as blank cells, when exactly one way of
    /// doing so fits the columns, or when the row's identity leaves one reading.
    pub fn fill_padded(&mut self, found: Vec<Cell>, padding: &Padding, identity: Option<Identity>) {
        let short = self.width.saturating_sub(found.len());
        if found.is_empty() && padding.lead.is_empty() && padding.trail.len() == self.width {
            // Every cell of the row written and left empty.
            self.place(padding.trail.clone());
            return;
        }
        if found.is_empty() || short == 0 || padding.lead.len() + padding.trail.len() < short {
            self.fill(found, identity);
            return;
        }
        // Each way: `lead` empty cells before the values (those nearest to them) and the rest
        // after them.
        let ways: Vec<Vec<Cell>> = (0..=short.min(padding.lead.len()))
            .filter(|lead| short - lead <= padding.trail.len())
            .map(|lead| {
                let before = padding.lead.iter().skip(padding.lead.len() - lead);
                let after = padding.trail.iter().take(short - lead);
                before.chain(found.iter()).chain(after).cloned().collect()
            })
            .collect();
        let numbers =
            |cells: &Vec<Cell>| -> Option<Vec<i64>> { cells.iter().map(Cell::count).collect() };
        let valid: Vec<&Vec<Cell>> = ways
            .iter()
            .filter(|w| identity.is_none_or(|id| numbers(w).is_some_and(|v| id(&v))))
            .collect();
        if let [only] = ways.as_slice() {
            // One way fits the cells: the layout decides, and the identity is checked later.
            self.place(only.clone());
            return;
        }
        match valid.as_slice() {
            [only] => {
                let reading = (*only).clone();
                self.place(reading);
                self.fit = Fit::Resolved { found: found.len() };
                self.found = found;
            }
            _ => self.fill(found, identity),
        }
    }

    /// Takes `cells` as the row's values, one per column, in order; the row's span then covers
    /// its label (if any) and its cells.
    pub fn place(&mut self, cells: Vec<Cell>) {
        self.place_columns(cells.into_iter().map(Some).collect());
    }

    /// Takes one cell per column, `None` where the column's value is unknown (a column the
    /// table lacks, a cell that is not a number); the row's span covers its label and cells.
    pub fn place_columns(&mut self, columns: Vec<Option<Cell>>) {
        self.values = columns
            .iter()
            .map(|c| c.as_ref().and_then(|c| c.value))
            .collect();
        self.blank = columns
            .iter()
            .map(|c| c.as_ref().is_some_and(|c| c.value.is_none()))
            .collect();
        self.cells = columns.iter().map(|c| c.as_ref().map(|c| c.span)).collect();
        self.fit = Fit::Exact;
        let found: Vec<Cell> = columns.into_iter().flatten().collect();
        let cover = found
            .first()
            .map(|f| found.iter().fold(f.span, |a, c| a.cover(c.span)));
        let label = self.label.as_ref().map(|l| l.span);
        self.span = match (label, cover) {
            (Some(l), Some(c)) => Some(l.cover(c)),
            (l, c) => l.or(c),
        };
        self.found = found;
    }

    /// True when the row was found in the text.
    pub fn is_found(&self) -> bool {
        self.span.is_some()
    }

    /// The value of column `i` for arithmetic: a blank counts as 0, unknown is `None`.
    pub fn int(&self, i: usize) -> Option<i64> {
        match (
            self.values.get(i).copied().flatten(),
            self.blank.get(i).copied(),
        ) {
            (Some(Num::Int(v)), _) => Some(v),
            (Some(Num::Dec(_)), _) => None,
            (None, Some(true)) => Some(0),
            (None, _) => None,
        }
    }
}

/// The number of found rows whose values could not be placed, when it is so large that the
/// table as a whole cannot be read reliably from this text (numbers and labels in separate
/// blocks, as some PDF extractions give them).
pub fn unreliable(rows: &[RowRead], threshold: usize) -> Option<usize> {
    let lost = rows
        .iter()
        .filter(|r| r.is_found() && matches!(r.fit, Fit::Ambiguous { .. }))
        .count();
    (lost >= threshold).then_some(lost)
}

/// Forgets every value of a table that cannot be read reliably: no number is reported from it.
pub fn forget_values(rows: &mut [RowRead]) {
    for r in rows {
        r.values.iter_mut().for_each(|v| *v = None);
        r.cells.iter_mut().for_each(|c| *c = None);
        r.blank.iter_mut().for_each(|b| *b = false);
    }
}

/// Empty cells at the edges of a row's values, on the same line: before the first value and
/// after the last.
#[derive(Debug, Default)]
pub struct Padding {
    pub lead: Vec<Cell>,
    pub trail: Vec<Cell>,
}
