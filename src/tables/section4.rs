//! Section 四: 政府信息公开行政复议、行政诉讼情况, one row of 15 values.
//!
//! The values are the block of numbers that follows the headers; header words may stand between
//! the numbers (OCR tools write the three groups as three small tables). When the section's
//! heading is missing, a block of exactly 15 values right after section 三's table is read as
//! this table, and recorded as read without its heading.

use std::ops::Range;

use super::grid::{self, names_header, Columns, Grids, Spec};
use super::header::{self, HeaderIssue};
use super::reader::Reader;
use super::row::{Padding, RowRead, RowSpec};
use super::section3::Table3;
use super::tokens::Kind;
use crate::outline::Outline;
use crate::template::{S4_COLUMNS, S4_HEADER_COUNTS, S4_HEADER_WORDS, S4_ROW};
use crate::text::{compact, Normalized};

/// Number of values in section 四.
pub const WIDTH: usize = 15;

/// Section 四's table as read.
#[derive(Debug)]
pub struct Table4 {
    pub region: Option<Range<usize>>,
    /// True when the values were found (possibly not fitting 15 columns).
    pub found_table: bool,
    /// True when the table was read after section 三 because section 四's heading is missing.
    pub headless: bool,
    /// The 15 values, read like a row of the template (see [`S4_ROW`]).
    pub row: RowRead,
    pub header: Vec<HeaderIssue>,
    /// When the table was read by its grid (HTML, .docx): its columns against the template's.
    pub columns: Option<Columns>,
}

/// The identity of section 四: in each group, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
pub fn identity(v: &[i64]) -> bool {
    v.len() == WIDTH
        && v.chunks(5)
            .all(|g| g.get(4) == Some(&g.iter().take(4).sum::<i64>()))
}

pub(super) fn read(norm: &Normalized, outline: &Outline, s3: &Table3, grids: &Grids) -> Table4 {
    let spec = RowSpec {
        def: &S4_ROW,
        width: WIDTH,
        amounts: false,
    };
    let mut table = Table4 {
        region: None,
        found_table: false,
        headless: false,
        row: RowRead::missing(&spec),
        header: Vec::new(),
        columns: None,
    };
    let (region, headless) = match (outline.body(4), &s3.tail_range) {
        (Some(body), _) => (body, false),
        (None, Some(tail)) if s3.tail.len() == WIDTH => (tail.clone(), true),
        _ => return table,
    };
    let reader = Reader::new(norm, region.clone());
    table.region = Some(region.clone());
    table.headless = headless;
    let Some(block) = choose_block(&reader) else {
        // No number in the text: a grid may still hold the row, every cell left empty.
        if read_grid(norm, region, grids, &mut table) && !headless {
            let head = reader.text_in(0..reader.tokens.len());
            table.header = header::check(&head, S4_HEADER_COUNTS);
        }
        return table;
    };
    if !headless {
        let head = reader.text_in(0..block.end);
        table.header = header::check(&head, S4_HEADER_COUNTS);
    }
    let cells = reader.values_in(block.clone());
    table.found_table = true;
    table.row.span = cells
        .first()
        .map(|f| cells.iter().fold(f.span, |a, c| a.cover(c.span)));
    let values: Vec<usize> = (block.clone())
        .filter(|&i| reader.tokens.get(i).is_some_and(|t| t.is_value()))
        .collect();
    let padding = match (values.first(), values.last()) {
        (Some(&first), Some(&last)) => reader.padding(first, last, 0..reader.tokens.len()),
        _ => Padding::default(),
    };
    table.row.fill_padded(cells, &padding, Some(&identity));
    read_grid(norm, region, grids, &mut table);
    table
}

/// Reads the 15 values by the grid they stand in, or by the first grid of the region whose
/// header names the columns. True when a grid was read.
fn read_grid(norm: &Normalized, region: Range<usize>, grids: &Grids, table: &mut Table4) -> bool {
    let names = |j: usize, path: &[String]| {
        S4_COLUMNS.get(j).is_some_and(|col| {
            path.last()
                .is_some_and(|leaf| names_header(leaf, col.label))
                && path.iter().any(|p| p.contains(col.group))
        })
    };
    let spec = Spec {
        width: WIDTH,
        names: Some(&names),
        amounts: &[],
    };
    let at = table.row.found.first().map(|c| c.span.start as usize);
    let Some(columns) =
        grid::read_block(grids, at, norm.span(region).range(), &spec, &mut table.row)
    else {
        return false;
    };
    table.found_table = true;
    table.columns = Some(columns);
    true
}

/// The token range of the value block: blocks are separated by words that are not section 四
/// headers; prefer a block of exactly 15 values after the headers.
fn choose_block(reader: &Reader) -> Option<Range<usize>> {
    let mut blocks: Vec<(Range<usize>, usize, bool)> = Vec::new();
    let mut open: Option<(usize, usize, usize, bool)> = None; // start, end, count, after header
    let mut seen_header = false;
    for (i, t) in reader.tokens.iter().enumerate() {
        match t.kind {
            Kind::Text => {
                let word = reader_word(reader, i);
                if is_header_word(&word) {
                    seen_header = true;
                    continue;
                }
                if let Some((s, e, n, h)) = open.take() {
                    blocks.push((s..e, n, h));
                }
                seen_header = false;
            }
            Kind::Empty => {}
            Kind::Number | Kind::Blank => {
                let entry = open.get_or_insert((i, i, 0, seen_header));
                entry.1 = i + 1;
                entry.2 += 1;
            }
        }
    }
    if let Some((s, e, n, h)) = open {
        blocks.push((s..e, n, h));
    }
    let pick = blocks
        .iter()
        .find(|b| b.1 == WIDTH && b.2)
        .or_else(|| blocks.iter().find(|b| b.1 == WIDTH))
        .or_else(|| blocks.iter().find(|b| b.2))
        .or_else(|| blocks.first())?;
    Some(pick.0.clone())
}

fn reader_word(reader: &Reader, i: usize) -> String {
    reader.words_in(i..i + 1)
}

/// A word made only of section 四 header texts and punctuation.
fn is_header_word(word: &str) -> bool {
    let mut rest = compact(word);
    for h in S4_HEADER_WORDS {
        rest = rest.replace(h, "");
    }
    rest.retain(|c| !(c.is_ascii_punctuation() || matches!(c, '·' | '、' | '（' | '）')));
    rest.is_empty()
}
