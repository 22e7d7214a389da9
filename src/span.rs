//! Locations in the user's original text.
//!
//! Every finding and every parsed cell points into the text the user gave us, never into the
//! normalised copy the parser works on. A [`Span`] is a pair of UTF-8 byte offsets; a
//! [`LineIndex`] turns it into the 1-based line and character column a person reads, and into
//! the UTF-16 offsets a JavaScript string uses.
//!
//! Invariant: every `Span` handed out by the core lies inside the original text and both of its
//! ends are on `char` boundaries.

use serde::Serialize;

/// A half-open range `[start, end)` of UTF-8 byte offsets into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Creates a span; `end` is raised to `start` when it lies before it.
    pub fn new(start: usize, end: usize) -> Span {
        let start = start as u32;
        Span {
            start,
            end: (end as u32).max(start),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The range, for slicing the original text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// True when the span is empty.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A span as the report shows it: byte offsets plus where a person finds the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// UTF-8 byte offset of the first byte.
    pub start: u32,
    /// UTF-8 byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, counted in characters.
    pub column: u32,
    /// UTF-16 offset of `start`, for JavaScript strings (only when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start16: Option<u32>,
    /// UTF-16 offset of `end` (only when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end16: Option<u32>,
    /// The 1-based page of `start`, when the text was read from a PDF (see
    /// [`LineIndex::with_pages`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// Line starts and UTF-16 positions of a text, for turning spans into [`Location`]s.
///
/// Building it is one pass over the bytes; each lookup is one binary search for the line plus
/// a count of at most [`BLOCK`] bytes from the block before the offset, so locating all
/// findings stays linear even in one very long line. Chars and UTF-16 units are counted from
/// the bytes alone: every byte that is not a UTF-8 continuation byte starts one char, and a
/// four-byte char (lead byte `0xF0..`) is two UTF-16 units.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts. A line ends at `\n`, `\r\n` or a lone `\r`.
    line_starts: Vec<u32>,
    /// For every multiple of [`BLOCK`] bytes: (chars before it, UTF-16 units before it).
    blocks: Vec<(u32, u32)>,
    utf16: bool,
    /// The first line of each page, for a text read from a PDF; empty otherwise.
    pages: Vec<u32>,
}

/// Bytes between two counted positions of a [`LineIndex`].
const BLOCK: usize = 64;

impl<'a> LineIndex<'a> {
    /// Indexes `text`; `utf16` asks for `start16`/`end16` in every location.
    pub fn new(text: &'a str, utf16: bool) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: line_starts(text.as_bytes()),
            blocks: blocks(text.as_bytes()),
            utf16,
            pages: Vec::new(),
        }
    }

    /// The same index, for a text read from a PDF whose page `n` begins at line
    /// `first_lines[n - 1]`: every location then says its page. Lines before the first page
    /// start are on page 1.
    pub fn with_pages(mut self, first_lines: &[u32]) -> LineIndex<'a> {
        self.pages = first_lines.to_vec();
        self
    }

    /// The line (1-based) of byte `offset`.
    pub fn line(&self, offset: u32) -> u32 {
        self.line_of(offset) as u32 + 1
    }

    /// The page of line `line`, when pages are known.
    fn page_of(&self, line: u32) -> Option<u32> {
        if self.pages.is_empty() {
            return None;
        }
        let on = self.pages.partition_point(|&first| first <= line);
        Some(on.max(1) as u32)
    }

    /// The location of `span` (clamped into the text).
    pub fn locate(&self, span: Span) -> Location {
        let len = self.text.len() as u32;
        let start = floor_char_boundary(self.text, span.start.min(len) as usize) as u32;
        let end = floor_char_boundary(self.text, span.end.clamp(start, len) as usize) as u32;
        let line = self.line_of(start);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let at = self.counts(start);
        let column = at.0 - self.counts(line_start).0 + 1;
        let (start16, end16) = if self.utf16 {
            (Some(at.1), Some(self.offset16(end)))
        } else {
            (None, None)
        };
        Location {
            start,
            end,
            line: line as u32 + 1,
            column,
            start16,
            end16,
            page: self.page_of(line as u32 + 1),
        }
    }

    /// The text of the line holding byte `offset`, without its line break.
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line as usize).saturating_sub(1);
        let start = self.line_starts.get(i).copied().unwrap_or(0) as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn offset16(&self, offset: u32) -> u32 {
        self.counts(offset).1
    }

    /// Chars and UTF-16 units before byte `offset` (a char boundary): the block's counts plus
    /// at most [`BLOCK`] bytes counted.
    fn counts(&self, offset: u32) -> (u32, u32) {
        let block = offset as usize / BLOCK;
        let (chars, units) = self.blocks.get(block).copied().unwrap_or((0, 0));
        let from = block * BLOCK;
        let bytes = self.text.as_bytes();
        let (c, u) = count_units(bytes.get(from..offset as usize).unwrap_or(&[]));
        (chars + c, units + u)
    }
}

/// Where each line starts: 0, and after every `\n` and every `\r` not followed by `\n`.
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = vec![0u32];
    for (i, &b) in bytes.iter().enumerate() {
        let is_break = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if is_break {
            starts.push(i as u32 + 1);
        }
    }
    starts
}

/// The counts before every multiple of [`BLOCK`] bytes, the first being (0, 0).
fn blocks(bytes: &[u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(bytes.len() / BLOCK + 1);
    let mut total = (0u32, 0u32);
    out.push(total);
    for chunk in bytes.chunks_exact(BLOCK) {
        let (c, u) = count_units(chunk);
        total = (total.0 + c, total.1 + u);
        out.push(total);
    }
    out
}

/// Chars and UTF-16 units whose first byte lies in `bytes`: each byte that is not a
/// continuation byte starts a char, and a lead byte `0xF0..` starts a surrogate pair.
#[inline]
fn count_units(bytes: &[u8]) -> (u32, u32) {
    let mut chars = 0u32;
    let mut wide = 0u32;
    for &b in bytes {
        chars += u32::from((b as i8) >= -0x40);
        wide += u32::from(b >= 0xF0);
    }
    (chars, chars + wide)
}

pub use nianbao_doc::floor_char_boundary;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_char_columns() {
        let text = "标题\r\n一、总体情况\n\tab𝄞x";
        let idx = LineIndex::new(text, true);
        let pos = text.find("总体").unwrap();
        let loc = idx.locate(Span::new(pos, pos + "总体".len()));
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!(idx.line_text(2), "一、总体情况");
        let x = text.find('x').unwrap();
        let loc = idx.locate(Span::new(x, x + 1));
        assert_eq!((loc.line, loc.column), (3, 5));
        // 标题\r\n一、总体情况\n\tab𝄞 : 2+2+6+1+3+2 (surrogate pair) = 16 UTF-16 units.
        assert_eq!(loc.start16, Some(16));
        assert_eq!(loc.end16, Some(17));
    }

    #[test]
    fn lone_cr_is_a_line_break_and_spans_are_clamped() {
        let text = "a\rb";
        let idx = LineIndex::new(text, false);
        let loc = idx.locate(Span::new(2, 99));
        assert_eq!((loc.line, loc.column, loc.end), (2, 1, 3));
        assert_eq!(loc.start16, None);
    }

    #[test]
    fn locations_say_their_page_when_pages_are_known() {
        let text = "标题\n一、总体情况\n第二页\n\n第三页";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let plain = LineIndex::new(text, false);
        assert_eq!(plain.locate(at("第二页")).page, None);
        let index = LineIndex::new(text, false).with_pages(&[1, 3, 5]);
        let pages: Vec<_> = ["标题", "总体", "第二页", "第三页"]
            .iter()
            .map(|s| index.locate(at(s)).page)
            .collect();
        assert_eq!(pages, [Some(1), Some(1), Some(2), Some(3)]);
        // A page list that does not start at line 1 (the text edited above it): page 1.
        let late = LineIndex::new(text, false).with_pages(&[2, 3]);
        assert_eq!(late.locate(at("标题")).page, Some(1));
        assert_eq!(late.locate(at("第三页")).page, Some(2));
    }

    #[test]
    fn spans_inside_a_char_are_floored() {
        let text = "总计";
        let loc = LineIndex::new(text, false).locate(Span::new(1, 4));
        assert_eq!((loc.start, loc.end), (0, 3));
    }

    #[test]
    fn columns_in_a_very_long_line_cross_checkpoints() {
        // 3,000 chars of mixed widths on one line, then a second line.
        let line: String = (0..3000)
            .map(|i| {
                if i % 3 == 0 {
                    '表'
                } else if i % 7 == 0 {
                    '𠀀'
                } else {
                    'a'
                }
            })
            .collect();
        let text = format!("{line}\n第二行");
        let index = LineIndex::new(&text, true);
        for (n, (at, _)) in text.char_indices().enumerate().step_by(97) {
            let loc = index.locate(Span::new(at, at));
            let before = &text[..at];
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            assert_eq!(
                loc.column as usize,
                text[line_start..at].chars().count() + 1,
                "char {n}"
            );
            let units: usize = before.chars().map(char::len_utf16).sum();
            assert_eq!(loc.start16, Some(units as u32), "char {n}");
        }
    }
}
