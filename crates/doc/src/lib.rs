//! nianbao-doc, the seam between nianbao's readers and its checker: a document with real tables
//! (from HTML, Word .docx or PDF), and the text a person sees in it. It also holds what both
//! sides share: the [`wire`] format a document crosses between the page's two wasm modules in,
//! the union–find [`sets`], and [`floor_char_boundary`].
//!
//!
//! HTML from the clipboard and a .docx file both arrive as paragraphs and tables whose cells
//! may span rows and columns. [`Document::to_text`] lays them out as plain text — one line per
//! paragraph, one line per table row with cells separated by tabs, as a browser copies a table —
//! and the ordinary text pipeline checks that text. Every span of the resulting report refers to
//! that text, which the report carries in `source.text` so the page can show it.
//!
//! Merged cells are resolved into the table's grid: a cell spanning several columns is written
//! once followed by empty cells; a cell spanning several rows is written in its first row only,
//! its place in the following rows left empty — exactly what the template's merged group labels
//! (`三、本年度办理结果`, `（三）不予公开`) look like when a browser copies the table.
//!
//! [`Document::layout`] also says where each place of each grid stands in that text, so the
//! table readers can read a table by its grid (see `tables::grid`).
//!
//! Invariant: `to_text` never fails and is linear in the size of the document (the grid is
//! capped at [`MAX_GRID_CELLS`]).

use std::ops::Range;

pub mod sets;
pub mod wire;

/// A paragraph or a table, in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

/// A table as written: rows of cells, each possibly spanning rows and columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: its text (paragraphs inside joined by a space) and its spans (at least 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

impl Cell {
    /// A cell spanning one row and one column.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// Paragraphs and tables in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// For a document read from pages (a PDF): where each page begins, in page order. Empty
    /// for a document without pages (HTML, .docx).
    pub pages: Vec<PageStart>,
}

/// Where a page begins in a document: at the start of block `block`, or — for a table
/// continued from the page before — at its row `row`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageStart {
    pub block: usize,
    /// The first table row on the page; 0 for a paragraph or a table that starts on it.
    pub row: usize,
}

/// Tables larger than this many grid cells are cut (a report's tables have a few hundred).
pub const MAX_GRID_CELLS: usize = 200_000;
/// A span larger than this is taken as 1 (malformed `rowspan="100000"`).
const MAX_SPAN: usize = 1_000;

impl Document {
    /// The text a person sees: paragraphs on their own lines, table rows as tab-separated lines.
    pub fn to_text(&self) -> String {
        self.layout().text
    }

    /// The text a person sees (see [`Document::to_text`]) and, for each table, where each
    /// place of its grid stands in that text.
    pub fn layout(&self) -> Layout {
        let mut text = String::new();
        let mut grids = Vec::new();
        // Where each block starts and, for a table, where each of its rows does.
        let mut starts: Vec<(usize, Vec<usize>)> = Vec::with_capacity(self.blocks.len());
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    starts.push((text.len(), Vec::new()));
                    text.push_str(&one_line(p));
                    text.push('\n');
                }
                Block::Table(t) => {
                    let at = text.len();
                    let grid = t.lay_out(&mut text);
                    starts.push((at, grid.rows.iter().map(|r| r.range.start).collect()));
                    grids.push(grid);
                }
            }
        }
        let pages = self.page_offsets(&starts, text.len());
        Layout { text, grids, pages }
    }

    /// The text offset where each page begins, given where each block (and table row) starts;
    /// never decreasing, a start past the end of the document at its end.
    fn page_offsets(&self, starts: &[(usize, Vec<usize>)], end: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(self.pages.len());
        for page in &self.pages {
            let at = match starts.get(page.block) {
                Some((_, rows)) if page.row > 0 => rows
                    .get(page.row)
                    .copied()
                    .unwrap_or(starts.get(page.block + 1).map_or(end, |(next, _)| *next)),
                Some((start, _)) => *start,
                None => end,
            };
            let floor = out.last().copied().unwrap_or(0);
            out.push(at.max(floor));
        }
        out
    }
}

/// A document's text and the grids of its tables, located in that text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub text: String,
    /// One grid per table, in document order.
    pub grids: Vec<Grid>,
    /// For a document with pages, the text offset where each page begins (a line start), in
    /// page order; empty otherwise.
    pub pages: Vec<usize>,
}

/// A table's grid as laid out in the text: rows of places, every place located.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The text range of the whole table.
    pub range: Range<usize>,
    pub rows: Vec<GridRow>,
}

/// One row of a grid: its line in the text and its places, left to right.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridRow {
    pub range: Range<usize>,
    pub places: Vec<Place>,
}

/// One place of a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The text of the cell written here; empty for an empty cell and for a place covered by a
    /// merged cell (then `origin` is not this place), positioned where the place stands.
    pub range: Range<usize>,
    /// Grid row and column of the cell covering this place (its top-left place).
    pub origin: (usize, usize),
}

impl Grid {
    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.places.len()).max().unwrap_or(0)
    }

    /// The place at grid row `r`, column `c`.
    pub fn place(&self, r: usize, c: usize) -> Option<&Place> {
        self.rows.get(r)?.places.get(c)
    }

    /// The place covering text offset `at`, as (row, column): the place whose range holds it,
    /// or an empty place positioned at it.
    pub fn locate(&self, at: usize) -> Option<(usize, usize)> {
        let r = self.rows.partition_point(|row| row.range.end < at);
        let row = self
            .rows
            .get(r)
            .filter(|row| row.range.contains(&at) || row.range.end == at)?;
        let c = row.places.partition_point(|p| p.range.end < at);
        row.places
            .get(c)
            .filter(|p| p.range.start <= at)
            .map(|_| (r, c))
    }
}

/// The grids of a text laid out by [`Document::layout`] and perhaps edited since: every run of
/// consecutive lines holding a tab is one grid, each tab-separated field one place. Merged
/// cells are no longer known (each place is its own cell), but the columns are: the layout
/// writes every place of every row.
pub fn grids_in_text(text: &str) -> Vec<Grid> {
    let mut grids = Vec::new();
    let mut open: Option<Grid> = None;
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.contains('\t') {
            grids.extend(open.take());
            continue;
        }
        let grid = open.get_or_insert_with(|| Grid {
            range: start..start,
            rows: Vec::new(),
        });
        let r = grid.rows.len();
        let mut places = Vec::new();
        let mut at = start;
        for (c, field) in line.split('\t').enumerate() {
            places.push(Place {
                range: at..at + field.len(),
                origin: (r, c),
            });
            at += field.len() + 1;
        }
        grid.rows.push(GridRow {
            range: start..start + line.len(),
            places,
        });
        grid.range.end = (start + line.len() + 1).min(text.len());
    }
    grids.extend(open);
    grids
}

/// A place of a table's grid before it is laid out: its text (empty when covered from another
/// place) and the place of the cell covering it.
struct RawPlace {
    text: String,
    origin: (usize, usize),
}

impl Table {
    /// The table resolved into its grid: each row a list of cell texts, with spanned places
    /// empty and empty places at the end of a row dropped.
    pub fn grid(&self) -> Vec<Vec<String>> {
        self.places()
            .into_iter()
            .map(|row| {
                let mut line: Vec<String> = row.into_iter().map(|p| p.text).collect();
                while line.last().is_some_and(String::is_empty) {
                    line.pop();
                }
                line
            })
            .collect()
    }

    /// Appends the table to `text`, one tab-separated line per grid row (every place written,
    /// empty ones too, as a browser copies a table), and returns where each place stands.
    fn lay_out(&self, text: &mut String) -> Grid {
        let start = text.len();
        let mut rows = Vec::new();
        for row in self.places() {
            let line_start = text.len();
            let mut places = Vec::with_capacity(row.len());
            for (c, place) in row.into_iter().enumerate() {
                if c > 0 {
                    text.push('\t');
                }
                let at = text.len();
                text.push_str(&place.text);
                places.push(Place {
                    range: at..text.len(),
                    origin: place.origin,
                });
            }
            rows.push(GridRow {
                range: line_start..text.len(),
                places,
            });
            text.push('\n');
        }
        Grid {
            range: start..text.len(),
            rows,
        }
    }

    /// Every place of the grid, row by row, with merged cells resolved.
    fn places(&self) -> Vec<Vec<RawPlace>> {
        // The origin of each place taken by a cell from a row above: row -> columns.
        let mut taken: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
        let mut out = Vec::with_capacity(self.rows.len());
        let mut budget = MAX_GRID_CELLS;
        for (r, row) in self.rows.iter().enumerate() {
            let mut line: Vec<RawPlace> = Vec::new();
            let mut col = 0;
            let covered = |taken: &[Vec<Option<(usize, usize)>>], col: usize| {
                taken.get(r).and_then(|t| t.get(col)).copied().flatten()
            };
            for cell in row {
                while let Some(origin) = covered(&taken, col) {
                    line.push(RawPlace {
                        text: String::new(),
                        origin,
                    });
                    col += 1;
                }
                let colspan = clamp_span(cell.colspan);
                let rowspan = clamp_span(cell.rowspan);
                if budget < colspan * rowspan {
                    break;
                }
                budget -= colspan * rowspan;
                let origin = (r, col);
                line.push(RawPlace {
                    text: one_line(&cell.text),
                    origin,
                });
                line.extend((1..colspan).map(|_| RawPlace {
                    text: String::new(),
                    origin,
                }));
                for below in r + 1..r + rowspan {
                    if taken.len() <= below {
                        taken.resize_with(below + 1, Vec::new);
                    }
                    if let Some(t) = taken.get_mut(below) {
                        if t.len() < col + colspan {
                            t.resize(col + colspan, None);
                        }
                        t.iter_mut()
                            .skip(col)
                            .take(colspan)
                            .for_each(|x| *x = Some(origin));
                    }
                }
                col += colspan;
            }
            // Places taken from above after the last cell of this row.
            while let Some(origin) = covered(&taken, col) {
                line.push(RawPlace {
                    text: String::new(),
                    origin,
                });
                col += 1;
            }
            out.push(line);
        }
        out
    }
}

fn clamp_span(n: usize) -> usize {
    if (1..=MAX_SPAN).contains(&n) {
        n
    } else {
        1
    }
}

/// A cell or paragraph text on one line: line breaks and tabs become spaces, runs of white
/// space shrink to one, and the ends are trimmed.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() && c != '\u{3000}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The largest char boundary of `s` at or before `i` (`s.len()` when `i` is past the end).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, colspan: usize, rowspan: usize) -> Cell {
        Cell {
            text: text.into(),
            colspan,
            rowspan,
        }
    }

    #[test]
    fn merged_cells_resolve_into_the_grid() {
        let t = Table {
            rows: vec![
                vec![
                    cell("三、本年度办理结果", 1, 3),
                    cell("（一）予以公开", 2, 1),
                    cell("1", 1, 1),
                ],
                vec![
                    cell("（三）不予公开", 1, 2),
                    cell("1.属于国家秘密", 1, 1),
                    cell("0", 1, 1),
                ],
                vec![cell("2.其他法律行政法规禁止公开", 1, 1), cell("0", 1, 1)],
            ],
        };
        assert_eq!(
            t.grid(),
            vec![
                vec!["三、本年度办理结果", "（一）予以公开", "", "1"],
                vec!["", "（三）不予公开", "1.属于国家秘密", "0"],
                vec!["", "", "2.其他法律行政法规禁止公开", "0"],
            ]
        );
    }

    #[test]
    fn laid_out_text_gives_back_its_grids() {
        let t = Table {
            rows: vec![
                vec![
                    cell("三、本年度办理结果", 1, 2),
                    cell("（一）予以公开", 2, 1),
                    cell("1", 1, 1),
                ],
                vec![cell("（二）部分公开", 2, 1), cell("", 1, 1)],
            ],
        };
        let d = Document {
            blocks: vec![
                Block::Paragraph("三、收到和处理政府信息公开申请情况".into()),
                Block::Table(t),
                Block::Paragraph("四、".into()),
            ],
            pages: Vec::new(),
        };
        let layout = d.layout();
        let again = grids_in_text(&layout.text);
        assert_eq!(again.len(), 1);
        let (laid, read) = (&layout.grids[0], &again[0]);
        assert_eq!(laid.range, read.range);
        assert_eq!(laid.rows.len(), read.rows.len());
        for (a, b) in laid.rows.iter().zip(&read.rows) {
            let ranges = |r: &GridRow| r.places.iter().map(|p| p.range.clone()).collect::<Vec<_>>();
            assert_eq!(ranges(a), ranges(b));
        }
        // Merges are known only to the document: the spanned place below is its own cell now.
        assert_eq!(laid.place(1, 0).map(|p| p.origin), Some((0, 0)));
        assert_eq!(read.place(1, 0).map(|p| p.origin), Some((1, 0)));
        let text = &layout.text;
        let locate = |s: &str| read.locate(text.find(s).unwrap());
        assert_eq!(locate("（二）部分公开"), Some((1, 1)));
    }

    #[test]
    fn text_lines_and_absurd_spans() {
        let d = Document {
            blocks: vec![
                Block::Paragraph("一、总体\n情况 ".into()),
                Block::Table(Table {
                    rows: vec![vec![cell("规章", 1, 1), cell("0", 0, 999_999)]],
                }),
            ],
            pages: Vec::new(),
        };
        assert_eq!(d.to_text(), "一、总体 情况\n规章\t0\n");
    }

    #[test]
    fn pages_begin_at_their_block_or_at_a_continued_table_row() {
        let row = |label: &str| vec![cell(label, 1, 1), cell("1", 1, 1)];
        let d = Document {
            blocks: vec![
                Block::Paragraph("标题".into()),
                Block::Table(Table {
                    rows: vec![row("甲"), row("乙"), row("丙")],
                }),
                Block::Paragraph("四、".into()),
            ],
            pages: vec![
                PageStart { block: 0, row: 0 },
                // Page 2 begins inside the table, at its row 乙.
                PageStart { block: 1, row: 1 },
                PageStart { block: 2, row: 0 },
                // A start past the document (an empty last page) is its end.
                PageStart { block: 9, row: 0 },
            ],
        };
        let layout = d.layout();
        let text = &layout.text;
        assert_eq!(
            layout.pages,
            [
                0,
                text.find("乙").unwrap(),
                text.find("四、").unwrap(),
                text.len()
            ]
        );
        assert_eq!(Document::default().layout().pages, Vec::<usize>::new());
    }
}
