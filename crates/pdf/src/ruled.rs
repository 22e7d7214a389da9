//! Ruled tables: the cells of a table drawn with borders, found from the page's rules, so a
//! PDF table is read by its grid like a .docx table (blank cells included).
//!
//! A glyph stands in a cell when a vertical rule runs past it on the left and on the right and
//! a horizontal rule above and below it; the nearest four bound its cell. Cells whose rules
//! cross or meet form one table (blank cells between them have rules but no glyphs); the
//! table's grid columns and rows are its rules, and each cell spans the grid columns and rows
//! between its edges. Grid places no text cell covers are
//! blank cells. Text outside any cell, and tables of a single cell, stay lines of text.
//!
//! Only rules are trusted: stroked lines and thin filled rectangles (at most `marks::THIN` points),
//! never filled areas such as row shading or a page background.
//!
//! Invariants: never panics; at most [`MAX_RULES`] rules and [`MAX_CELL_GLYPHS`] glyphs per
//! page, and at most [`MAX_CELLS`] cells, are looked at (beyond them the page is read as lines,
//! as without rules); the work is O(glyphs × rules + rules² + cells × tables) within those caps.

use nianbao_doc as doc;
use nianbao_doc::sets::Sets;

use super::layout;
use super::marks::{Glyph, Rule, MAX_RULES, SNAP};

/// The most glyphs placed in cells per page.
const MAX_CELL_GLYPHS: usize = 20_000;
/// The most cells per page grouped into tables (a report's largest table has a few hundred).
const MAX_CELLS: usize = 3_000;
/// One item of a page in reading order: a line of text or a piece of a table.
#[derive(Debug)]
pub enum Item {
    Line(layout::Line),
    Table(Piece),
}

/// The part of a ruled table on one page (or several, once continued): its cells and the
/// edges of its grid, in page space.
#[derive(Debug)]
pub struct Piece {
    cells: Vec<(Bounds, Vec<Glyph>)>,
    /// Column edges, left to right.
    columns: Vec<f64>,
    /// Row edges, bottom to top.
    rows: Vec<f64>,
    /// The pages this table was continued onto, each with the y (in this piece's space) where
    /// its part begins.
    breaks: Vec<(usize, f64)>,
}

impl Piece {
    /// The y of its top edge.
    pub fn top(&self) -> f64 {
        self.rows.last().copied().unwrap_or(0.0)
    }

    /// True when `next`, at the top of the next page, continues this table: the same outer
    /// left and right edges.
    pub fn continued_by(&self, next: &Piece) -> bool {
        let near = |a: Option<&f64>, b: Option<&f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 2.0,
            _ => false,
        };
        near(self.columns.first(), next.columns.first())
            && near(self.columns.last(), next.columns.last())
    }

    /// Appends `next`, the table's part on page `page`, below this piece: its rows moved so
    /// that its top meets this bottom, its column edges added to the grid.
    pub fn continue_with(&mut self, next: Piece, page: usize) {
        let bottom = self.rows.first().copied().unwrap_or(0.0);
        self.breaks.push((page, bottom));
        let shift = next.top() - bottom;
        let mut rows: Vec<f64> = next.rows.iter().map(|y| y - shift).collect();
        rows.extend_from_slice(&self.rows);
        self.rows = edges(rows);
        let mut columns = next.columns;
        columns.extend_from_slice(&self.columns);
        self.columns = edges(columns);
        for (mut b, glyphs) in next.cells {
            b[2] -= shift;
            b[3] -= shift;
            self.cells.push((b, glyphs));
        }
    }

    /// The pages the table was continued onto, each with the first row of the built table
    /// (top to bottom) on it.
    pub fn page_rows(&self) -> Vec<(usize, usize)> {
        let last = self.rows.len().saturating_sub(1);
        self.breaks
            .iter()
            .map(|&(page, y)| (page, last.saturating_sub(index_of(&self.rows, y))))
            .collect()
    }

    /// The table, and the glyphs of cells that did not fit its grid (never dropped: the caller
    /// keeps them as lines).
    pub fn build(self) -> (doc::Table, Vec<Glyph>) {
        table(self.cells, self.columns, self.rows)
    }
}

/// A cell's box: left, right, top, bottom.
type Bounds = [f64; 4];

/// Splits a page's glyphs into tables (glyphs in ruled cells) and the rest.
pub fn split(glyphs: Vec<Glyph>, rules: &[Rule]) -> (Vec<Piece>, Vec<Glyph>) {
    if rules.len() > MAX_RULES || glyphs.len() > MAX_CELL_GLYPHS || rules.len() < 4 {
        return (Vec::new(), glyphs);
    }
    let (mut vertical, mut horizontal): (Vec<Rule>, Vec<Rule>) =
        rules.iter().copied().partition(|r| !r.horizontal);
    // A table broken across pages lacks its top or bottom border on one of them: each
    // network is closed by the edges of its box.
    let network = networks(&vertical, &horizontal);
    let (more_vertical, more_horizontal) = outlines(&vertical, &horizontal, &network);
    vertical.extend(more_vertical);
    horizontal.extend(more_horizontal);
    let network = networks(&vertical, &horizontal);
    // Cells by their bounds, each with the rule network (table) it belongs to.
    let mut cells: Vec<(Bounds, usize, Vec<Glyph>)> = Vec::new();
    // Bounds come from the rules' own values, so equal cells have equal bits.
    let mut index: std::collections::HashMap<[u64; 4], usize> = std::collections::HashMap::new();
    let mut free = Vec::new();
    for g in glyphs {
        let Some((b, left)) = cell_of(&g, &vertical, &horizontal) else {
            free.push(g);
            continue;
        };
        let i = *index.entry(b.map(f64::to_bits)).or_insert(cells.len());
        match cells.get_mut(i) {
            Some((_, _, list)) => list.push(g),
            None => cells.push((b, network.get(left).copied().unwrap_or(0), vec![g])),
        }
    }
    if cells.len() > MAX_CELLS {
        let mut all: Vec<Glyph> = cells.into_iter().flat_map(|(_, _, g)| g).collect();
        all.append(&mut free);
        return (Vec::new(), all);
    }
    // One table per network, in the order its first cell was met.
    let mut order: Vec<usize> = Vec::new();
    for (_, net, _) in &cells {
        if !order.contains(net) {
            order.push(*net);
        }
    }
    let mut tables = Vec::new();
    for net in order {
        let (members, rest): (Vec<_>, Vec<_>) = cells.into_iter().partition(|c| c.1 == net);
        cells = rest;
        if members.len() < 2 {
            free.extend(members.into_iter().flat_map(|(_, _, g)| g));
            continue;
        }
        let members: Vec<(Bounds, Vec<Glyph>)> =
            members.into_iter().map(|(b, _, g)| (b, g)).collect();
        // The grid's edges are the network's rules: a column blank on this page keeps its place.
        let of_net = |rules: &[Rule], offset: usize| -> Vec<f64> {
            rules
                .iter()
                .enumerate()
                .filter(|(i, _)| network.get(offset + i) == Some(&net))
                .map(|(_, r)| r.at)
                .collect()
        };
        tables.push(Piece {
            cells: members,
            columns: edges(of_net(&vertical, 0)),
            rows: edges(of_net(&horizontal, vertical.len())),
            breaks: Vec::new(),
        });
    }
    (tables, free)
}

/// The bounds of the cell `g` stands in, if rules enclose it on all four sides, and the index
/// (in `vertical`) of its left rule.
fn cell_of(g: &Glyph, vertical: &[Rule], horizontal: &[Rule]) -> Option<(Bounds, usize)> {
    let cx = g.x + g.width / 2.0;
    let cy = g.y + 0.3 * g.size;
    let (left_rule, left) = vertical
        .iter()
        .enumerate()
        .filter(|(_, r)| r.at <= cx && r.spans(cy))
        .max_by(|a, b| a.1.at.total_cmp(&b.1.at))
        .map(|(i, r)| (i, r.at))?;
    let right = vertical
        .iter()
        .filter(|r| r.at >= cx && r.spans(cy))
        .map(|r| r.at)
        .fold(f64::INFINITY, f64::min);
    let top = horizontal
        .iter()
        .filter(|r| r.at >= cy && r.spans(cx))
        .map(|r| r.at)
        .fold(f64::INFINITY, f64::min);
    let bottom = horizontal
        .iter()
        .filter(|r| r.at <= cy && r.spans(cx))
        .map(|r| r.at)
        .fold(f64::NEG_INFINITY, f64::max);
    let bounds = [left, right, top, bottom];
    bounds
        .iter()
        .all(|v| v.is_finite())
        .then_some((bounds, left_rule))
}

/// The four sides of each network's box, as rules.
fn outlines(vertical: &[Rule], horizontal: &[Rule], network: &[usize]) -> (Vec<Rule>, Vec<Rule>) {
    // Box per network: x0, x1, y0, y1.
    let mut boxes: std::collections::BTreeMap<usize, [f64; 4]> = std::collections::BTreeMap::new();
    let all = vertical.iter().map(|r| (r, [r.at, r.at, r.from, r.to]));
    let all = all.chain(horizontal.iter().map(|r| (r, [r.from, r.to, r.at, r.at])));
    for (i, (_, [x0, x1, y0, y1])) in all.enumerate() {
        let net = network.get(i).copied().unwrap_or(i);
        let b = boxes.entry(net).or_insert([x0, x1, y0, y1]);
        *b = [b[0].min(x0), b[1].max(x1), b[2].min(y0), b[3].max(y1)];
    }
    let (mut v, mut h) = (Vec::new(), Vec::new());
    for [x0, x1, y0, y1] in boxes.into_values() {
        if x1 - x0 < 1.0 || y1 - y0 < 1.0 {
            continue;
        }
        v.extend([x0, x1].map(|at| Rule {
            horizontal: false,
            at,
            from: y0,
            to: y1,
        }));
        h.extend([y0, y1].map(|at| Rule {
            horizontal: true,
            at,
            from: x0,
            to: x1,
        }));
    }
    (v, h)
}

/// For each rule (vertical ones first, then horizontal ones), the rule network it belongs to:
/// rules that cross or meet are one network (a table's borders), so cells between blank cells
/// still belong to their table.
fn networks(vertical: &[Rule], horizontal: &[Rule]) -> Vec<usize> {
    // Union-find over vertical rules, then horizontal ones after them.
    let mut sets = Sets::new(vertical.len() + horizontal.len());
    for (i, v) in vertical.iter().enumerate() {
        for (j, h) in horizontal.iter().enumerate() {
            if h.spans(v.at) && v.spans(h.at) {
                sets.join(i, vertical.len() + j);
            }
        }
    }
    (0..sets.len()).map(|i| sets.find(i)).collect()
}

/// Distinct values, snapped, in increasing order.
fn edges(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        if out.last().is_none_or(|last| v - last >= SNAP) {
            out.push(v);
        }
    }
    out
}

/// The index of the edge nearest `v`.
fn index_of(edges: &[f64], v: f64) -> usize {
    edges
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
        .map_or(0, |(i, _)| i)
}

/// The table of a network's cells on the grid of its rules (`columns` left to right, `rows`
/// bottom to top), and the glyphs of cells that do not fit the grid (given back as lines, never
/// dropped).
fn table(
    cells: Vec<(Bounds, Vec<Glyph>)>,
    columns: Vec<f64>,
    mut rows: Vec<f64>,
) -> (doc::Table, Vec<Glyph>) {
    // Rows top to bottom: y decreasing.
    rows.reverse();
    let width = columns.len().saturating_sub(1);
    let height = rows.len().saturating_sub(1);
    // The cell written at each grid place (its origin), and the places covered.
    let mut origin: Vec<Vec<Option<doc::Cell>>> = vec![vec![None; width]; height];
    let mut covered = vec![vec![false; width]; height];
    let mut left_over = Vec::new();
    for ((r0, r1, c0, c1), glyphs) in on_grid(cells, &columns, &rows) {
        if c1 <= c0 || r1 <= r0 || covered.get(r0).and_then(|r| r.get(c0)) != Some(&false) {
            left_over.extend(glyphs);
            continue;
        }
        for row in covered.iter_mut().take(r1).skip(r0) {
            for place in row.iter_mut().take(c1).skip(c0) {
                *place = true;
            }
        }
        if let Some(slot) = origin.get_mut(r0).and_then(|r| r.get_mut(c0)) {
            *slot = Some(doc::Cell {
                text: cell_text(&glyphs),
                colspan: c1 - c0,
                rowspan: r1 - r0,
            });
        }
    }
    let mut table = doc::Table::default();
    for (r, row) in origin.into_iter().enumerate() {
        let mut cells_of_row = Vec::new();
        for (c, cell) in row.into_iter().enumerate() {
            match cell {
                Some(cell) => cells_of_row.push(cell),
                None if covered.get(r).and_then(|x| x.get(c)) == Some(&false) => {
                    cells_of_row.push(doc::Cell::new(""));
                }
                None => {}
            }
        }
        table.rows.push(cells_of_row);
    }
    (table, left_over)
}

/// A cell's place on the grid: first row, end row, first column, end column.
type Rect = (usize, usize, usize, usize);

/// The cells as grid rectangles, in the order first met. Cells whose bounds differ by less than
/// the grid's snap are one cell: a producer that places each cell's edges on its own (Word, a
/// little off the shared line) gives the glyphs of one cell different nearest rules on either
/// side of a neighbour's edge.
fn on_grid(
    cells: Vec<(Bounds, Vec<Glyph>)>,
    columns: &[f64],
    rows: &[f64],
) -> Vec<(Rect, Vec<Glyph>)> {
    let mut out: Vec<(Rect, Vec<Glyph>)> = Vec::new();
    let mut index: std::collections::HashMap<Rect, usize> = std::collections::HashMap::new();
    for (b, glyphs) in cells {
        let rect = (
            index_of(rows, b[2]),
            index_of(rows, b[3]),
            index_of(columns, b[0]),
            index_of(columns, b[1]),
        );
        match index.get(&rect).and_then(|&i| out.get_mut(i)) {
            Some((_, list)) => list.extend(glyphs),
            None => {
                index.insert(rect, out.len());
                out.push((rect, glyphs));
            }
        }
    }
    out
}

/// A cell's text: its lines joined, without a space between CJK characters.
fn cell_text(glyphs: &[Glyph]) -> String {
    let mut text = String::new();
    for line in layout::lines(glyphs.to_vec()) {
        let line = line.text.replace('\t', " ");
        let joins_tight = |c: Option<char>| c.is_none_or(|c| !c.is_ascii());
        let tight =
            text.is_empty() || joins_tight(text.chars().last()) || joins_tight(line.chars().next());
        if !tight {
            text.push(' ');
        }
        text.push_str(line.trim());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, t: &str) -> Glyph {
        Glyph::sample(x, y, 8.0, t)
    }

    fn grid_rules(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[0], ys[ys.len() - 1]);
        let mut out: Vec<Rule> = xs
            .iter()
            .filter_map(|&x| Rule::between(x, y0, x, y1))
            .collect();
        out.extend(ys.iter().filter_map(|&y| Rule::between(x0, y, x1, y)));
        out
    }

    #[test]
    fn ruled_cells_make_a_grid_with_blank_cells() {
        // Two rows, three columns; the middle cell of the second row is blank.
        let rules = grid_rules(&[0.0, 50.0, 100.0, 150.0], &[100.0, 80.0, 60.0]);
        let glyphs = vec![
            glyph(5.0, 85.0, "规"),
            glyph(14.0, 85.0, "章"),
            glyph(55.0, 85.0, "1"),
            glyph(105.0, 85.0, "2"),
            glyph(5.0, 65.0, "其"),
            glyph(105.0, 65.0, "3"),
            glyph(5.0, 30.0, "下"),
        ];
        let (tables, free) = split(glyphs, &rules);
        assert_eq!(free.len(), 1);
        assert_eq!(tables.len(), 1, "{tables:?}");
        let (table, rest) = tables.into_iter().next().unwrap().build();
        assert!(rest.is_empty());
        assert_eq!(table.grid(), [["规章", "1", "2"], ["其", "", "3"]]);
    }

    #[test]
    fn a_cell_spanning_rows_is_written_once() {
        // A left cell spanning both rows: its inner horizontal rule stops at x = 50.
        let mut rules = grid_rules(&[0.0, 50.0, 100.0], &[100.0, 60.0]);
        rules.extend(Rule::between(50.0, 80.0, 100.0, 80.0));
        let glyphs = vec![
            glyph(5.0, 75.0, "三"),
            glyph(55.0, 85.0, "1"),
            glyph(55.0, 65.0, "2"),
        ];
        let (tables, _) = split(glyphs, &rules);
        assert_eq!(tables.len(), 1, "{tables:?}");
        let (table, _) = tables.into_iter().next().unwrap().build();
        assert_eq!(table.rows[0][0].rowspan, 2);
        assert_eq!(table.grid(), [["三", "1"], ["", "2"]]);
    }
}
