//! A document with real tables (from HTML or Word .docx), and the text a person sees in it.
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
//! Invariant: `to_text` never fails and is linear in the size of the document (the grid is
//! capped at [`MAX_GRID_CELLS`]).

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
}

/// Tables larger than this many grid cells are cut (a report's tables have a few hundred).
pub const MAX_GRID_CELLS: usize = 200_000;
/// A span larger than this is taken as 1 (malformed `rowspan="100000"`).
const MAX_SPAN: usize = 1_000;

impl Document {
    /// The text a person sees: paragraphs on their own lines, table rows as tab-separated lines.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    out.push_str(&one_line(p));
                    out.push('\n');
                }
                Block::Table(t) => {
                    for row in t.grid() {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

impl Table {
    /// The table resolved into its grid: each row a list of cell texts, with spanned places
    /// empty.
    pub fn grid(&self) -> Vec<Vec<String>> {
        // Places taken by a cell from a row above: row -> columns.
        let mut taken: Vec<Vec<bool>> = Vec::new();
        let mut out = Vec::with_capacity(self.rows.len());
        let mut budget = MAX_GRID_CELLS;
        for (r, row) in self.rows.iter().enumerate() {
            if taken.len() <= r {
                taken.resize_with(r + 1, Vec::new);
            }
            let mut line: Vec<String> = Vec::new();
            let mut col = 0;
            for cell in row {
                while is_taken(&taken, r, col) {
                    line.push(String::new());
                    col += 1;
                }
                let colspan = clamp_span(cell.colspan);
                let rowspan = clamp_span(cell.rowspan);
                if budget < colspan * rowspan {
                    break;
                }
                budget -= colspan * rowspan;
                line.push(one_line(&cell.text));
                line.extend(std::iter::repeat_n(String::new(), colspan - 1));
                for below in r + 1..r + rowspan {
                    if taken.len() <= below {
                        taken.resize_with(below + 1, Vec::new);
                    }
                    if let Some(t) = taken.get_mut(below) {
                        if t.len() < col + colspan {
                            t.resize(col + colspan, false);
                        }
                        t.iter_mut().skip(col).take(colspan).for_each(|x| *x = true);
                    }
                }
                col += colspan;
            }
            // Places taken from above after the last cell of this row.
            while is_taken(&taken, r, col) {
                line.push(String::new());
                col += 1;
            }
            while line.last().is_some_and(String::is_empty) {
                line.pop();
            }
            out.push(line);
        }
        out
    }
}

/// True when grid place (`r`, `col`) is covered by a cell from a row above.
fn is_taken(taken: &[Vec<bool>], r: usize, col: usize) -> bool {
    taken
        .get(r)
        .and_then(|t| t.get(col))
        .copied()
        .unwrap_or(false)
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
    fn text_lines_and_absurd_spans() {
        let d = Document {
            blocks: vec![
                Block::Paragraph("一、总体\n情况 ".into()),
                Block::Table(Table {
                    rows: vec![vec![cell("规章", 1, 1), cell("0", 0, 999_999)]],
                }),
            ],
        };
        assert_eq!(d.to_text(), "一、总体 情况\n规章\t0\n");
    }
}
