//! Normalisation that keeps a map back to the original text.
//!
//! Pasted reports come with full-width digits and brackets, ideographic and no-break spaces,
//! zero-width characters, CRLF line ends, and labels broken by stray spaces (`自然 人`,
//! `社会 公益 组织`). Matching works on a normalised copy; every span reported is mapped back
//! through [`Normalized::span`] to the user's original text.
//!
//! What normalisation does, character by character:
//! - full-width ASCII forms (U+FF01..U+FF5E) become ASCII; U+3000 and the other Unicode spaces,
//!   NBSP included, become an ASCII space;
//! - zero-width characters and the BOM are dropped; CRLF and lone CR become LF;
//! - a single space between two label characters (Han, CJK punctuation, brackets) is dropped, so
//!   `自然 人` reads `自然人`; two or more spaces are kept, because PDF text uses them between
//!   columns.
//!
//! Invariant: for every byte of the normalised text, the map gives the original char it came
//! from, so any range of the normalised text maps to a span on char boundaries of the original.

use crate::span::{floor_char_boundary, Span};

/// The normalised text and, piece by piece, where it came from in the original.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// In order of `text`: each piece runs from its `norm` offset to the next piece's.
    pieces: Vec<Piece>,
}

/// A stretch of the normalised text: either a copy of the original bytes from `orig` on, or
/// one char that replaced the `len` original bytes at `orig`.
#[derive(Clone, Copy, Debug)]
struct Piece {
    norm: u32,
    orig: u32,
    /// [`COPY`], or the length in bytes of the original text one char replaced.
    len: u32,
}

/// The `len` of a piece that copies the original.
const COPY: u32 = u32::MAX;

impl Normalized {
    /// Normalises `original`; see the module documentation for what changes.
    pub fn new(original: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            pieces: Vec::new(),
        };
        let mut pos = 0;
        while let Some(rest) = original.get(pos..).filter(|r| !r.is_empty()) {
            // Most of a report is copied as it is, a run at a time.
            let plain = plain_len(rest);
            if plain > 0 {
                out.copy(rest.get(..plain).unwrap_or(""), pos);
                pos += plain;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            let start = pos;
            let end = start + c.len_utf8();
            pos = end;
            match normalize_char(c) {
                None => {}
                Some('\r') => {
                    // CRLF and lone CR both become one LF covering the original break.
                    if original.get(end..).is_some_and(|r| r.starts_with('\n')) {
                        pos += 1;
                    }
                    out.replace('\n', start, pos);
                }
                Some(' ') if out.folds_space(original.get(end..).unwrap_or("")) => {}
                Some(n) if n == c => out.copy(rest.get(..c.len_utf8()).unwrap_or(""), start),
                Some(n) => out.replace(n, start, end),
            }
        }
        out
    }

    /// Appends `run`, unchanged from the original at `pos`.
    #[inline]
    fn copy(&mut self, run: &str, pos: usize) {
        let at = self.text.len();
        let continues = self
            .pieces
            .last()
            .is_some_and(|p| p.len == COPY && (p.orig as usize) + (at - p.norm as usize) == pos);
        if !continues {
            self.pieces.push(Piece {
                norm: at as u32,
                orig: pos as u32,
                len: COPY,
            });
        }
        self.text.push_str(run);
    }

    /// Appends `c`, which replaced the original bytes `start..end`.
    fn replace(&mut self, c: char, start: usize, end: usize) {
        self.pieces.push(Piece {
            norm: self.text.len() as u32,
            orig: start as u32,
            len: (end - start) as u32,
        });
        self.text.push(c);
    }

    /// True when the space about to be pushed sits alone between two label characters; `rest`
    /// is the original text after it.
    fn folds_space(&self, rest: &str) -> bool {
        let Some(prev) = self.text.chars().next_back() else {
            return false;
        };
        let Some(following) = rest.chars().find_map(normalize_char) else {
            return false;
        };
        is_label_char(prev) && is_label_char(following) && (is_cjk(prev) || is_cjk(following))
    }

    /// The original span of the normalised byte range `range` (clamped, never panics).
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let len = self.text.len();
        if len == 0 {
            return Span::default();
        }
        let a = range.start.min(len - 1);
        let b = range.end.clamp(a + 1, len);
        let start = self.origin(a).0;
        if range.end <= range.start {
            return Span::new(start, start);
        }
        Span::new(start, self.origin(b - 1).1)
    }

    /// The original range of the char that normalised byte `at` (inside the text) is part of.
    fn origin(&self, at: usize) -> (usize, usize) {
        let i = self
            .pieces
            .partition_point(|p| p.norm as usize <= at)
            .saturating_sub(1);
        let Some(piece) = self.pieces.get(i) else {
            return (0, 0);
        };
        let orig = piece.orig as usize;
        if piece.len != COPY {
            return (orig, orig + piece.len as usize);
        }
        let char_start = floor_char_boundary(&self.text, at);
        let width = self
            .text
            .get(char_start..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let offset = char_start - piece.norm as usize;
        (orig + offset, orig + offset + width)
    }
}

/// The length in bytes of the leading run of `s` that normalisation copies as it is: no space
/// (which may fold), no CR, and no char that [`normalize_char`] changes or drops.
#[inline]
fn plain_len(s: &str) -> usize {
    for (i, c) in s.char_indices() {
        let plain = if c.is_ascii() {
            !matches!(c, ' ' | '\r' | '\u{0B}' | '\u{0C}')
        } else {
            normalize_char(c) == Some(c)
        };
        if !plain {
            return i;
        }
    }
    s.len()
}

/// The normalised form of one char, or `None` when the char is dropped.
/// A `'\r'` result marks a line break that the caller joins with a following `'\n'`.
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\u{2028}' | '\u{2029}' | '\u{85}' => Some('\n'),
        '\r' => Some('\r'),
        '\u{0B}' | '\u{0C}' => Some(' '),
        _ => Some(c),
    }
}

/// A Han character or CJK punctuation (the ranges regex-lite cannot name).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '\u{3001}'..='\u{303F}' | '\u{2018}'..='\u{201D}'
        | '\u{FE30}'..='\u{FE4F}')
}

/// A character that can be part of a label around a stray space.
fn is_label_char(c: char) -> bool {
    is_cjk(c) || matches!(c, '(' | ')' | ',' | ':' | ';' | '.' | '“' | '”' | '、')
}

/// A label reduced for comparison: normalised, with all white space removed.
///
/// Runs that stay as they are (ASCII other than white space, and U+4000..U+9FFF, which holds
/// the Han characters and nothing that normalises or is white space) are copied whole; only
/// the other chars are looked at one by one.
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let (mut i, mut run) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        // ASCII other than white space is one byte; a lead byte E4..E9 starts a three-byte
        // char from U+4000 to U+9FFF.
        let plain = if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') {
            1
        } else if (0xE4..=0xE9).contains(&b) {
            3
        } else {
            0
        };
        if plain > 0 {
            i += plain;
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or(""));
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            return out;
        };
        i += c.len_utf8();
        run = i;
        if let Some(n) = normalize_char(c).filter(|n| !n.is_whitespace()) {
            out.push(n);
        }
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out
}

/// The byte offset of the first `needle` in `hay`, like `str::find` with a `&str`.
///
/// The standard searcher prepares a two-way search for every call, and without SIMD (wasm) that
/// costs more than the search itself on the short texts and words the parsers and rules
/// compare. This scans for the needle's last byte (for Chinese, a continuation byte: one of 64,
/// rarer than a lead byte) and compares the needle there. Needles are short template words, so
/// the work stays linear in `hay`. A match of a valid UTF-8 needle is on char boundaries.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&last) = n.last() else {
        return Some(0);
    };
    let mut from = n.len() - 1;
    while let Some(p) = h.get(from..)?.iter().position(|&b| b == last) {
        let end = from + p + 1;
        if h.get(end - n.len()..end) == Some(n) {
            return Some(end - n.len());
        }
        from = end;
    }
    None
}

/// True when `needle` occurs in `hay` (see [`find`]).
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The years written in `text` as four digits followed by 年 (white space between them
/// allowed), in order: `2023年`, `2023 年`; from 1990 to 2099.
pub fn years_in(text: &str) -> Vec<u16> {
    if !text.contains('年') {
        return Vec::new();
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .filter_map(|i| {
            let four = bytes.get(i..i + 4)?;
            let before_digit = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
            if before_digit || !four.iter().all(u8::is_ascii_digit) {
                return None;
            }
            if !compact.get(i + 4..).is_some_and(|r| r.starts_with('年')) {
                return None;
            }
            let y: u16 = std::str::from_utf8(four).ok()?.parse().ok()?;
            (1990..2100).contains(&y).then_some(y)
        })
        .collect()
}

/// Chinese numerals 一..十 as numbers.
pub fn cn_numeral(c: char) -> Option<u8> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// The Chinese numeral for 1..10.
pub fn cn_digit(n: u8) -> char {
    "一二三四五六七八九十"
        .chars()
        .nth(usize::from(n.saturating_sub(1)))
        .unwrap_or('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn widths_spaces_and_breaks() {
        assert_eq!(norm("（一）１２３"), "(一)123");
        assert_eq!(norm("a\u{00A0}b\u{3000}c"), "a b c");
        assert_eq!(norm("a\u{200B}b\u{FEFF}"), "ab");
        assert_eq!(norm("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn folds_single_spaces_inside_labels_only() {
        assert_eq!(norm("自然 人\t社会 公益 组织"), "自然人\t社会公益组织");
        assert_eq!(norm("(三) 不予公开"), "(三)不予公开");
        assert_eq!(norm("规章 0 0 0"), "规章 0 0 0");
        assert_eq!(norm("结果   结果"), "结果   结果");
        assert_eq!(norm("2023 年"), "2023 年");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "Ｘ\r\n自然 人１";
        let n = Normalized::new(original);
        assert_eq!(n.text, "X\n自然人1");
        let at = n.text.find("自然人").unwrap();
        let span = n.span(at..at + "自然人".len());
        assert_eq!(&original[span.range()], "自然 人");
        let one = n.text.find('1').unwrap();
        assert_eq!(&original[n.span(one..one + 1).range()], "１");
        let brk = n.text.find('\n').unwrap();
        assert_eq!(&original[n.span(brk..brk + 1).range()], "\r\n");
    }

    #[test]
    fn find_is_str_find() {
        let hay = "（一）予以公开 aab 公开公开";
        for needle in [
            "",
            "公开",
            "予以公开",
            "aab",
            "ab",
            "b",
            "开公",
            "公开公开x",
            "（一）",
            "x",
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle}");
            assert_eq!(contains(hay, needle), hay.contains(needle), "{needle}");
        }
        assert_eq!(find("", "a"), None);
        assert_eq!(find("", ""), Some(0));
    }

    #[test]
    fn compact_is_normalize_char_without_white_space() {
        let slow = |s: &str| -> String {
            s.chars()
                .filter_map(normalize_char)
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        for s in [
            "",
            " ",
            "（二） 部分公开\t12\r\n",
            "一、总体情况\u{3000}ＡＢＣ\u{200B}x\u{2028}y\u{FEFF}",
            "䀀\u{9FFF}\u{A000}é𠀀 \u{85}\u{0B}z",
        ] {
            assert_eq!(compact(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn compact_ignores_width_and_space() {
        assert_eq!(compact("（二） 部分公开"), "(二)部分公开");
    }
}
