//! Tables that arrive with a grid (HTML from the clipboard, Word .docx) are read by the grid.
//!
//! The text reader finds each row by its label, as for any text. When that label stands in a
//! cell of a grid, the row's values are then taken from the grid, not from the words that follow
//! the label: a value's column is the grid column under the template's column header (merged
//! header cells resolved), an empty cell is a blank cell at its own column, and a cell merged
//! over several rows (a group label) belongs to every row it spans. What the laid-out text lost —
//! empty cells at the edges of a row, a 总计 column left blank — the grid still knows.
//!
//! Columns are mapped by the header rows above the table's first row of values: each header
//! leaf (the lowest header cell of a column) is matched to a template column in template order.
//! A leaf that matches no template column is an extra column (an invented 小计), named; a
//! template column with no leaf is missing, and its values are unknown, never 0. Without a
//! header that maps, a row is read by position only when it has exactly as many cells after its
//! label as the template has columns; otherwise the text reading stands.
//!
//! Invariant: every value read here is the content of one grid cell, located at that cell in
//! the laid-out text; nothing is shifted to make a row fit.

use std::ops::Range;

use super::labels::{label_status, LabelStatus};
use super::row::{Cell, RowRead};
use super::tokens::{is_blank, parse_amount, parse_number, Num};
use crate::doc::{Grid, Place};
use crate::span::Span;
use crate::template::{RowDef, COLUMN_VARIANTS};
use crate::text::{compact, contains, is_cjk, normalize_char};

/// The grids of a document and the text they are laid out in (the text being checked).
#[derive(Clone, Copy, Debug, Default)]
pub struct Grids<'a> {
    text: &'a str,
    grids: &'a [Grid],
}

/// How a table's grid columns compare with the template's columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    /// Indexes of the template columns the grid has no column for.
    pub missing: Vec<usize>,
    /// Grid columns the template does not have: their header text as written, and its span.
    pub extra: Vec<(String, Span)>,
    /// Grid columns whose header cannot be read (a character of it is U+FFFD, which a PDF's
    /// font left undecodable) and names no template column: their header as written, and its
    /// span. Which column they are is not known, so their values are not read; they are not
    /// among `extra`.
    pub unreadable: Vec<(String, Span)>,
}

/// What one grid cell holds, as a value.
enum Content {
    Number(Num),
    Blank,
    /// Words that are not a number (`380元`, `不适用`); an amount with its unit is read as one
    /// only in a column that takes it (see [`Spec::amounts`]).
    Other(String),
}

/// What reading a table's rows by the grid established.
#[derive(Clone, Debug, Default)]
pub struct GridRead {
    /// The columns of the grid that holds most of the table's rows.
    pub columns: Columns,
    /// The text ranges of the grid rows read (a number there belongs to its row or to an
    /// extra column, never to no row).
    pub lines: Vec<Range<usize>>,
}

impl GridRead {
    /// True when text offset `at` lies on a grid row that was read.
    pub fn claims(&self, at: usize) -> bool {
        self.lines.iter().any(|l| l.start <= at && at <= l.end)
    }
}

/// Template columns mapped onto a grid: for each, the grid columns under its header leaf.
struct Mapping {
    cols: Vec<Option<Range<usize>>>,
    columns: Columns,
}

impl<'a> Grids<'a> {
    /// The grids of `text` (as laid out by `doc::Document::layout`).
    pub fn new(text: &'a str, grids: &'a [Grid]) -> Grids<'a> {
        Grids { text, grids }
    }

    /// The grid holding text offset `at`, and the place there (row, column).
    fn find(&self, at: usize) -> Option<(&'a Grid, usize, usize)> {
        let i = self.grids.partition_point(|g| g.range.end <= at);
        let grid = self.grids.get(i).filter(|g| g.range.start <= at)?;
        let (r, c) = grid.locate(at)?;
        Some((grid, r, c))
    }

    /// The cell holding a row's own label, among the cells the label's text covers (which may
    /// take in a group label before it or the next row's group label after it): the cell that
    /// is the template label or part of it, else one with an anchor word, else the first.
    fn label_cell(&self, label: Span, def: &RowDef) -> Option<(&'a Grid, (usize, usize))> {
        let (grid, r, c) = self.find(label.start as usize)?;
        let want = compact(def.label);
        let mut with_anchor = None;
        let cells = grid
            .rows
            .iter()
            .enumerate()
            .skip(r)
            .flat_map(|(r, row)| row.places.iter().enumerate().map(move |(c, p)| (r, c, p)));
        for (r, c, place) in cells {
            if place.range.start >= label.end as usize {
                break;
            }
            if place.origin != (r, c) || place.range.end <= label.start as usize {
                continue;
            }
            let text = compact(self.text.get(place.range.clone()).unwrap_or(""));
            if !text.chars().any(is_cjk) {
                continue;
            }
            if want.contains(&text) || text.contains(&want) {
                return Some((grid, (r, c)));
            }
            if with_anchor.is_none() && def.anchors.iter().any(|a| contains(&text, a)) {
                with_anchor = Some((r, c));
            }
        }
        Some((grid, with_anchor.unwrap_or((r, c))))
    }

    /// The text written in the cell covering `place`.
    fn cell_text(&self, grid: &Grid, place: &Place) -> &'a str {
        let (r, c) = place.origin;
        let range = grid.place(r, c).map_or(0..0, |p| p.range.clone());
        self.text.get(range).unwrap_or("")
    }

    fn span_of(&self, grid: &Grid, place: &Place) -> Span {
        let (r, c) = place.origin;
        let range = grid
            .place(r, c)
            .map_or(place.range.clone(), |p| p.range.clone());
        Span::new(range.start, range.end)
    }

    fn content(&self, grid: &Grid, place: &Place) -> Content {
        let written: String = self
            .cell_text(grid, place)
            .chars()
            .filter_map(normalize_char)
            .collect();
        let word = written.trim();
        if word.is_empty() || is_blank(word) {
            Content::Blank
        } else if let Some(n) = parse_number(word) {
            Content::Number(n)
        } else {
            Content::Other(word.to_string())
        }
    }

    /// True when grid row `r` holds a number in any cell.
    fn has_number(&self, grid: &Grid, r: usize) -> bool {
        grid.rows.get(r).is_some_and(|row| {
            row.places
                .iter()
                .any(|p| p.origin.0 == r && matches!(self.content(grid, p), Content::Number(_)))
        })
    }
}

/// How a table's rows are read by the grid: the template columns, and how a header path (the
/// header texts above one grid column, top to bottom, compacted) names template column `j`.
pub struct Spec<'s> {
    pub width: usize,
    pub names: Option<Names<'s>>,
    /// Template columns whose header fixes no unit, so that a cell may hold an amount with its
    /// unit (`251000元`): such a cell is read as the number written.
    pub amounts: &'s [usize],
}

/// Whether a header path (the compacted header texts above a grid column, top to bottom)
/// names template column `j`.
pub type Names<'s> = &'s dyn Fn(usize, &[String]) -> bool;

/// Reads the found rows of one table whose labels stand in a grid, replacing their values by the
/// grid's. `None` when no row stands in a grid.
pub fn read_rows(grids: &Grids, rows: &mut [RowRead], spec: &Spec) -> Option<GridRead> {
    if grids.grids.is_empty() {
        return None;
    }
    // Each found row's grid row, its label's column, and the first column after its label.
    let found: Vec<Option<(&Grid, usize, usize, usize)>> = rows
        .iter_mut()
        .map(|row| {
            let (grid, (r, c)) = grids.label_cell(row.label.as_ref()?.span, row.def)?;
            let place = grid.place(r, c)?;
            own_label(grids, grid, place, row);
            Some((grid, r, c, after_cell(grid, r, place.origin)))
        })
        .collect();
    // A row broken across a page is read at its start, unless another found row stands there.
    let located: Vec<Option<(&Grid, usize, usize)>> = found
        .iter()
        .zip(rows.iter())
        .map(|(f, row)| {
            let (grid, r, c, from) = (*f)?;
            let start = broken_row_start(grids, grid, r, c, from, row.def).filter(|&p| {
                !found
                    .iter()
                    .flatten()
                    .any(|&(g, other, _, _)| std::ptr::eq(g, grid) && other == p)
            });
            Some((grid, start.unwrap_or(r), from))
        })
        .collect();
    let mut best: Option<(usize, Columns)> = None;
    let mut lines = Vec::new();
    for grid in grids.grids {
        let here: Vec<usize> = located
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_some_and(|(g, _, _)| std::ptr::eq(g, grid)))
            .map(|(i, _)| i)
            .collect();
        let Some(first) = here
            .iter()
            .filter_map(|&i| located.get(i).copied().flatten())
            .min_by_key(|&(_, r, _)| r)
        else {
            continue;
        };
        let (_, first_row, first_col) = first;
        let mapping = spec.names.and_then(|names| {
            map_header(
                grids,
                grid,
                header_rows(grids, grid, first_row),
                first_col,
                spec.width,
                names,
            )
        });
        for &i in &here {
            let (Some(Some((_, r, from))), Some(row)) = (located.get(i), rows.get_mut(i)) else {
                continue;
            };
            read_row(
                grids,
                grid,
                (*r, *from),
                mapping.as_ref(),
                spec.amounts,
                row,
            );
            lines.extend(grid.rows.get(*r).map(|row| row.range.clone()));
        }
        if best.as_ref().is_none_or(|(n, _)| here.len() > *n) {
            let columns = mapping.map(|m| m.columns).unwrap_or_default();
            best = Some((here.len(), columns));
        }
    }
    best.map(|(_, columns)| GridRead { columns, lines })
}

/// Reads one row of values standing alone under a header (section 四) from the grid holding
/// text offset `at`, or from the first grid within `region` whose header maps. Returns the
/// row's cells by template column and the columns as compared with the template's.
pub fn read_block(
    grids: &Grids,
    at: Option<usize>,
    region: Range<usize>,
    spec: &Spec,
    row: &mut RowRead,
) -> Option<Columns> {
    let names = spec.names?;
    let candidates: Vec<&Grid> = match at.and_then(|a| grids.find(a)) {
        Some((grid, _, _)) => vec![grid],
        None => grids
            .grids
            .iter()
            .filter(|g| g.range.start < region.end && region.start < g.range.end)
            .collect(),
    };
    for grid in candidates {
        // The first row of values: the first row with a number right under a row without one.
        let numbered: Vec<bool> = (0..grid.rows.len())
            .map(|r| grids.has_number(grid, r))
            .collect();
        let Some(data) = (1..numbered.len())
            .find(|&r| numbered.get(r) == Some(&true) && numbered.get(r - 1) == Some(&false))
        else {
            continue;
        };
        let Some(mapping) = map_header(
            grids,
            grid,
            header_rows(grids, grid, data),
            0,
            spec.width,
            names,
        ) else {
            continue;
        };
        read_row(grids, grid, (data, 0), Some(&mapping), spec.amounts, row);
        return Some(mapping.columns);
    }
    None
}

/// The most grid rows between the two parts of a row broken across a page: the header rows a
/// table repeats on each page (section 三 has three).
const MAX_REPEATED_HEADER: usize = 4;

/// Where a row broken across a page starts. Word lets a row break: the first line of a long
/// label stays with the row's numbers at the foot of one page, the rest of the label stands on
/// the next page (after the repeated header) over a row of empty cells. When grid row `r`, whose
/// label cell is at column `c`, has no value after column `from`, and a row a few rows up holds
/// numbers and, in the same column, the label's beginning — so that the two cells' text together
/// is the template label `def`, exactly — that row is the row's start, and its values are the
/// row's. Nothing else is joined: two label parts that only resemble the label stay apart.
fn broken_row_start(
    grids: &Grids,
    grid: &Grid,
    r: usize,
    c: usize,
    from: usize,
    def: &RowDef,
) -> Option<usize> {
    let empty_after = |row: usize| {
        grid.rows.get(row).is_some_and(|gr| {
            gr.places
                .iter()
                .enumerate()
                .skip(from)
                .all(|(_, p)| matches!(grids.content(grid, p), Content::Blank))
        })
    };
    if !empty_after(r) {
        return None;
    }
    let tail = grids.cell_text(grid, grid.place(r, c)?);
    (r.saturating_sub(MAX_REPEATED_HEADER + 1)..r)
        .rev()
        .find(|&p| {
            let Some(place) = grid.place(p, c).filter(|place| place.origin == (p, c)) else {
                return false;
            };
            let head = grids.cell_text(grid, place);
            !head.trim().is_empty()
                && grids.has_number(grid, p)
                && label_status(&format!("{head}{tail}"), def) == LabelStatus::Exact
                && label_status(head, def) != LabelStatus::Exact
        })
}

/// Cuts a row's label to its own cell when the text reader ran it on into the cells after it
/// (a row whose cells are all empty has nothing to end its label in the laid-out text).
fn own_label(grids: &Grids, grid: &Grid, place: &Place, row: &mut RowRead) {
    let Some(label) = row.label.as_mut() else {
        return;
    };
    let cell = compact(grids.cell_text(grid, place));
    if label.text.len() > cell.len() && label.text.starts_with(&cell) {
        label.span = grids.span_of(grid, place);
        label.status = label_status(&cell, row.def);
        label.text = cell;
    }
}

/// The grid column just after the cell whose top-left place is `origin`, on row `r`.
fn after_cell(grid: &Grid, r: usize, origin: (usize, usize)) -> usize {
    let places = grid.rows.get(r).map_or(&[][..], |row| &row.places[..]);
    let first = places.iter().position(|p| p.origin == origin).unwrap_or(0);
    first
        + places
            .iter()
            .skip(first)
            .take_while(|p| p.origin == origin)
            .count()
}

/// The header rows above grid row `data`: the rows right above it that hold no number.
fn header_rows(grids: &Grids, grid: &Grid, data: usize) -> Range<usize> {
    let mut start = data;
    while start > 0 && !grids.has_number(grid, start - 1) {
        start -= 1;
    }
    start..data
}

/// Maps the template's columns onto the grid's, by the header texts above each grid column
/// from column `from` on. `None` when fewer than half of the template columns are named, which
/// means the grid has no header the template would recognise.
fn map_header(
    grids: &Grids,
    grid: &Grid,
    header: Range<usize>,
    from: usize,
    width: usize,
    names: Names,
) -> Option<Mapping> {
    if header.is_empty() {
        return None;
    }
    // Consecutive grid columns under the same header leaf form one header column.
    let mut leaves: Vec<(Range<usize>, Vec<String>, Option<Span>)> = Vec::new();
    let mut last_leaf: Option<(usize, usize)> = None;
    for c in from..grid.width() {
        let mut path: Vec<String> = Vec::new();
        let mut leaf = None;
        let mut seen = None;
        for r in header.clone() {
            let Some(place) = grid.place(r, c) else {
                continue;
            };
            let text = compact(grids.cell_text(grid, place));
            if text.is_empty() || is_blank(&text) || seen == Some(place.origin) {
                continue;
            }
            seen = Some(place.origin);
            leaf = Some((place.origin, grids.span_of(grid, place)));
            path.push(text);
        }
        match (leaf, leaves.last_mut()) {
            (Some((origin, _)), Some(last)) if last_leaf == Some(origin) => last.0.end = c + 1,
            (leaf, _) => {
                last_leaf = leaf.map(|(o, _)| o);
                leaves.push((c..c + 1, path, leaf.map(|(_, s)| s)));
            }
        }
    }
    let mut cols: Vec<Option<Range<usize>>> = vec![None; width];
    let mut used = vec![false; leaves.len()];
    let mut next = 0;
    for (j, col) in cols.iter_mut().enumerate() {
        let hit = leaves
            .iter()
            .enumerate()
            .skip(next)
            .find(|(_, (_, path, _))| !path.is_empty() && names(j, path));
        if let Some((k, (range, _, _))) = hit {
            *col = Some(range.clone());
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
            next = k + 1;
        }
    }
    let named = cols.iter().filter(|c| c.is_some()).count();
    if named * 2 < width {
        return None;
    }
    let first = cols.iter().flatten().map(|c| c.start).min().unwrap_or(from);
    // Leaves that name no template column: unreadable wherever they stand (the first column's
    // header too), extra after the first template column (before it stand the row labels).
    let unnamed = leaves
        .iter()
        .zip(&used)
        .filter(|((_, path, _), used)| !**used && !path.is_empty())
        .filter_map(|((range, path, span), _)| Some((range.start, path.last()?, (*span)?)));
    let (mut extra, mut unreadable) = (Vec::new(), Vec::new());
    for (start, header, span) in unnamed {
        if header.contains('\u{FFFD}') {
            unreadable.push((header.clone(), span));
        } else if start > first {
            extra.push((header.clone(), span));
        }
    }
    let missing = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .map(|(j, _)| j)
        .collect();
    Some(Mapping {
        cols,
        columns: Columns {
            missing,
            extra,
            unreadable,
        },
    })
}

/// Reads grid row `r` into `row`: by the mapping when there is one, else by position when the
/// row has exactly as many cells after its label (from column `from`) as the template has
/// columns; otherwise the row keeps its text reading. A cell of a template column in `amounts`
/// may hold an amount with its unit.
fn read_row(
    grids: &Grids,
    grid: &Grid,
    (r, from): (usize, usize),
    mapping: Option<&Mapping>,
    amounts: &[usize],
    row: &mut RowRead,
) {
    let Some(places) = grid.rows.get(r).map(|row| &row.places) else {
        return;
    };
    let cells: Vec<Option<&Place>> = match mapping {
        Some(m) => m
            .cols
            .iter()
            .map(|col| {
                col.as_ref()
                    .and_then(|c| pick(grids, grid, places, c.clone(), from))
            })
            .collect(),
        None => {
            let mut distinct: Vec<&Place> = Vec::new();
            for p in places.iter().skip(from) {
                if distinct.last().is_none_or(|d| d.origin != p.origin) {
                    distinct.push(p);
                }
            }
            if distinct.len() != row.width {
                return;
            }
            distinct.into_iter().map(Some).collect()
        }
    };
    let mut unreadable = Vec::new();
    let columns: Vec<Option<Cell>> = cells
        .into_iter()
        .enumerate()
        .map(|(j, place)| {
            let place = place?;
            let span = grids.span_of(grid, place);
            match grids.content(grid, place) {
                Content::Number(n) => Some(Cell {
                    value: Some(n),
                    span,
                }),
                Content::Blank => Some(Cell { value: None, span }),
                Content::Other(word) => {
                    match parse_amount(&word).filter(|_| amounts.contains(&j)) {
                        Some(n) => Some(Cell {
                            value: Some(n),
                            span,
                        }),
                        None => {
                            unreadable.push((word, span));
                            None
                        }
                    }
                }
            }
        })
        .collect();
    row.place_columns(columns);
    row.unreadable = unreadable;
}

/// The one cell of row `places` under grid columns `cols` (right of column `from`): the only
/// cell there, or the only one that is not empty. `None` when several cells with content stand
/// under one header (the column is then unknown for this row).
fn pick<'g>(
    grids: &Grids,
    grid: &'g Grid,
    places: &'g [Place],
    cols: Range<usize>,
    from: usize,
) -> Option<&'g Place> {
    let mut found: Vec<&Place> = Vec::new();
    for p in places.get(cols.start.max(from)..cols.end.min(places.len()))? {
        if found.last().is_none_or(|f| f.origin != p.origin) {
            found.push(p);
        }
    }
    if let [only] = found.as_slice() {
        return Some(only);
    }
    let written: Vec<&Place> = found
        .iter()
        .copied()
        .filter(|p| !matches!(grids.content(grid, p), Content::Blank))
        .collect();
    match written.as_slice() {
        [only] => Some(only),
        [] => found.first().copied(),
        _ => None,
    }
}

/// True when the header text `written` names the template header `label`: the same words, a
/// known retyped form, or the label with a unit in brackets (`自然人（件）`).
pub fn names_header(written: &str, label: &str) -> bool {
    let label = compact(label);
    if written == label {
        return true;
    }
    if COLUMN_VARIANTS
        .iter()
        .any(|(v, canonical)| written == compact(v) && compact(canonical) == label)
    {
        return true;
    }
    written
        .strip_prefix(label.as_str())
        .is_some_and(|rest| rest.starts_with('(') && rest.ends_with(')'))
}
