//! Tokens of a table region: label text, numbers and blank placeholders.
//!
//! A region of the normalised text is split at white space and at `|` (Markdown tables). A word
//! that is a whole number (`12`, `1,234`, `7730.28`, `-3`) is a number; a word that is a
//! placeholder for an empty cell (`—`, `-`, `/`, `无`, `空`) is a blank; anything else is text.
//! Digits inside a word (`数据1`, `1.属于国家秘密`, `保留4位小数`) never make a number, so prose and
//! labels cannot shift the cells. Page markers that PDF extraction leaves between rows
//! (`- 3 -`, `-3-`, `第 3 页`) and Markdown rule rows (`|---|---|`) are skipped.
//!
//! Invariant: token ranges are normalised byte ranges, in increasing order, on char boundaries.

use std::ops::Range;

/// What a token is: one byte, so that a [`Token`] stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Label or other words.
    Text,
    /// A whole number as written; its value is read again from the word ([`Token::number`]).
    Number,
    /// A placeholder for an empty cell.
    Blank,
    /// An empty tab- or `|`-separated cell at the edge of a row's values: layout padding, or a
    /// blank cell when the row is short of values (see `row::RowRead::fill`).
    Empty,
}

/// A number read from a word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Dec(f64),
}

/// One word of a table region, in 16 bytes: a region of numbers and empty cells (`0\t\t`)
/// holds two tokens per three bytes, so the size of a token is most of the reader's memory.
/// Offsets are `u32`: the text checked is at most 16 MiB (`rules::input::MAX_TEXT_BYTES`) and
/// its normalised form is never longer than that, far below 4 GiB.
#[derive(Clone, Debug)]
pub struct Token {
    /// Normalised byte offset where the word starts.
    start: u32,
    /// Normalised byte offset just past the word.
    end: u32,
    /// The line of the region the token stands on (0-based).
    pub line: u32,
    pub kind: Kind,
}

impl Token {
    fn new(kind: Kind, range: Range<usize>) -> Token {
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Token {
            start: offset(range.start),
            end: offset(range.end),
            line: 0,
            kind,
        }
    }

    /// Normalised byte range of the word.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Normalised byte offset where the word starts.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The value of a number token, read from its word in the normalised `text`.
    pub fn number(&self, text: &str) -> Option<Num> {
        if self.kind != Kind::Number {
            return None;
        }
        text.get(self.range()).and_then(parse_number)
    }

    /// True for numbers and blanks: the tokens that fill cells.
    pub fn is_value(&self) -> bool {
        matches!(self.kind, Kind::Number | Kind::Blank)
    }
}

/// Splits `text[region]` into tokens.
pub fn tokenize(text: &str, region: Range<usize>) -> Vec<Token> {
    let mut out = Vec::with_capacity(region.len() / 8);
    let Some(slice) = text.get(region.clone()) else {
        return out;
    };
    let mut pos = region.start;
    for (n, line) in slice.split('\n').enumerate() {
        let start = pos;
        pos += line.len() + 1;
        if !is_page_marker(line) {
            let from = out.len();
            tokenize_line(&mut out, line, start);
            for t in out.iter_mut().skip(from) {
                t.line = u32::try_from(n).unwrap_or(u32::MAX);
            }
        }
    }
    out
}

/// Splits one line into words. An empty tab- or `|`-separated cell between two values on the
/// line is a blank cell (`1\t\t1`); empty cells before the first value or after the last are
/// layout (merged columns, trailing separators) and are not cells of the row.
fn tokenize_line(out: &mut Vec<Token>, line: &str, start: usize) {
    let mut word_start = None;
    let mut cell_has_content = false;
    let mut value_seen = false;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        let cell_sep = matches!(c, '\t' | '|' | '│' | '┃');
        let sep = c.is_whitespace() || cell_sep;
        if sep {
            if let Some(ws) = word_start.take() {
                let before = out.len();
                push_word(out, line.get(ws..i).unwrap_or(""), start + ws);
                match out.get(before) {
                    Some(t) if t.is_value() => {
                        if value_seen {
                            // Empty cells between two values are blank cells of the row.
                            for t in out
                                .iter_mut()
                                .rev()
                                .skip(1)
                                .take_while(|t| t.kind == Kind::Empty)
                            {
                                t.kind = Kind::Blank;
                            }
                        }
                        value_seen = true;
                    }
                    Some(_) => value_seen = false,
                    None => {}
                }
            }
            if cell_sep {
                if !cell_has_content && i < line.len() {
                    push(out, Token::new(Kind::Empty, start + i..start + i + 1));
                }
                cell_has_content = false;
            }
        } else {
            cell_has_content = true;
            if word_start.is_none() {
                word_start = Some(i);
            }
        }
    }
    // A tab at the end of the line leaves one more cell, empty (`行政事业性收费\t`).
    if line.trim_end_matches(' ').ends_with('\t') {
        let end = start + line.len();
        push(out, Token::new(Kind::Empty, end..end));
    }
}

fn push_word(out: &mut Vec<Token>, word: &str, at: usize) {
    // Rule rows of Markdown and text-drawn tables (`|---|:---:|`, `+----+`, `├──┼──┤`).
    let rule_char = |c: char| matches!(c, '-' | ':' | '=' | '+' | '\u{2500}'..='\u{257F}');
    if word.chars().count() >= 3 && word.chars().all(rule_char) && !is_blank(word) {
        return;
    }
    let kind = if is_blank(word) {
        Kind::Blank
    } else if parse_number(word).is_some() {
        Kind::Number
    } else {
        Kind::Text
    };
    push(out, Token::new(kind, at..at + word.len()));
}

/// Appends a token, growing the list by an eighth when it is full instead of doubling it: a
/// doubled list of tokens could hold twice the memory the region needs (32 bytes per input byte
/// on a line of `1` and tabs); an eighth keeps the unused part at most 12% of the list, and
/// the copies still add up to a linear cost.
fn push(out: &mut Vec<Token>, token: Token) {
    if out.len() == out.capacity() {
        out.reserve_exact((out.len() / 8).max(64));
    }
    out.push(token);
}

/// Placeholders written in empty cells.
pub fn is_blank(word: &str) -> bool {
    matches!(
        word,
        "—" | "——" | "-" | "--" | "–" | "―" | "/" | "无" | "空" | "…" | "……" | "\\"
    )
}

/// Parses a whole word as a number: digits with an optional sign, thousands separators and
/// decimal part. Anything else (units, CJK, more than 15 digits) is not a number.
pub fn parse_number(word: &str) -> Option<Num> {
    // The common case first: a plain count.
    if !word.is_empty() && word.len() <= 15 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok().map(Num::Int);
    }
    // Words that cannot be numbers at all (labels) are turned away before any work.
    if !word
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
    {
        return None;
    }
    // A count written with its unit (`21件`, `3人次`) is the count.
    let word = ["件", "人次", "个", "条", "项", "次"]
        .iter()
        .find_map(|u| {
            word.strip_suffix(u)
                .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap_or(word);
    let (neg, body) = match word.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, word.strip_prefix('+').unwrap_or(word)),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        int_part.replace(',', "")
    } else {
        int_part.to_string()
    };
    let digits_ok =
        |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(&digits) {
        return None;
    }
    match frac {
        None => {
            let v: i64 = digits.parse().ok()?;
            Some(Num::Int(if neg { -v } else { v }))
        }
        Some(f) if digits_ok(f) => {
            let v = crate::num::parse(&format!("{digits}.{f}"))?;
            Some(Num::Dec(if neg { -v } else { v }))
        }
        Some(_) => None,
    }
}

/// Parses an amount written with its unit, `251000元` or `25.1万元`: the number as written
/// (the unit is not converted). Only columns whose header fixes no unit take such a word.
pub fn parse_amount(word: &str) -> Option<Num> {
    let number = word
        .strip_suffix("万元")
        .or_else(|| word.strip_suffix('元'))?;
    parse_number(number)
}

/// A line that holds only a page number: `- 3 -`, `-3-`, `— 3 —`, `第 3 页`, `第3页 共9页`.
fn is_page_marker(line: &str) -> bool {
    // Most lines are not: only a dash or 第/共 can start one, and markers are short.
    let first = line.trim_start().chars().next();
    if !matches!(first, Some('-' | '—' | '–' | '―' | '第' | '共')) || line.len() > 64 {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dashes = ['-', '—', '–', '―'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|s| s.strip_suffix(dashes)) {
        return !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    }
    let mut rest = t.as_str();
    let mut pages = 0;
    while let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        let Some(after) = r.get(digits..).and_then(|s| s.strip_prefix('页')) else {
            return false;
        };
        if digits == 0 {
            return false;
        }
        rest = after;
        pages += 1;
    }
    pages > 0 && rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        tokenize(s, 0..s.len())
            .iter()
            .map(|t| match (t.kind, t.number(s)) {
                (Kind::Text, _) => format!("T:{}", &s[t.range()]),
                (Kind::Number, Some(Num::Int(i))) => format!("{i}"),
                (Kind::Number, Some(Num::Dec(d))) => format!("{d}"),
                (Kind::Number, None) => "?".into(),
                (Kind::Blank, _) => "_".into(),
                (Kind::Empty, _) => "e".into(),
            })
            .collect()
    }

    #[test]
    fn words_numbers_and_blanks() {
        assert_eq!(kinds("规章\t0\t1,234\t—"), ["T:规章", "0", "1234", "_"]);
        assert_eq!(
            kinds("| 行政事业性收费 | 4068.208 |"),
            ["e", "T:行政事业性收费", "4068.208"]
        );
        assert_eq!(
            kinds("1.属于国家秘密 数据1 -3"),
            ["T:1.属于国家秘密", "T:数据1", "-3"]
        );
        assert_eq!(kinds("|---|:---:|\n0"), ["e", "0"]);
    }

    #[test]
    fn empty_cells_between_values_are_blank() {
        assert_eq!(
            kinds("一、本年新收\t1\t\t\t1\t"),
            ["T:一、本年新收", "1", "_", "_", "1", "e"]
        );
        assert_eq!(
            kinds("\t\t规章\t\t0\t0\t\t"),
            ["e", "e", "T:规章", "e", "0", "0", "e", "e"]
        );
        assert_eq!(kinds("| 规章 | 0 |  | 3 |"), ["e", "T:规章", "0", "_", "3"]);
        assert_eq!(kinds("0\t\t规章\t\t1"), ["0", "e", "T:规章", "e", "1"]);
    }

    #[test]
    fn box_drawn_tables_and_counts_with_units() {
        assert_eq!(
            kinds("│ 规章 │ 0 │ 1 │\n├──┼──┤\n+----+"),
            ["e", "T:规章", "0", "1"]
        );
        assert_eq!(
            kinds("行政许可 21件 3人次 380元"),
            ["T:行政许可", "21", "3", "T:380元"]
        );
    }

    #[test]
    fn a_token_is_sixteen_bytes() {
        assert!(std::mem::size_of::<Token>() <= 16);
    }

    #[test]
    fn page_markers_are_skipped() {
        assert_eq!(kinds("1\n- 3 -\n-4-\n第 5 页\n2"), ["1", "2"]);
        assert_eq!(kinds("- 3 - x"), ["_", "3", "_", "T:x"]);
    }

    #[test]
    fn malformed_numbers_are_text() {
        for w in [
            "1,23",
            "12a",
            "1.",
            ".5",
            "1234567890123456",
            "1.2.3",
            "--1",
        ] {
            assert_eq!(parse_number(w), None, "{w}");
        }
        assert_eq!(parse_number("+7"), Some(Num::Int(7)));
    }

    #[test]
    fn amounts_with_their_unit() {
        assert_eq!(parse_amount("251000元"), Some(Num::Int(251_000)));
        assert_eq!(parse_amount("75394432.52元"), Some(Num::Dec(75_394_432.52)));
        assert_eq!(parse_amount("25.1万元"), Some(Num::Dec(25.1)));
        for w in ["元", "万元", "251000", "约3元", "3亿元"] {
            assert_eq!(parse_amount(w), None, "{w}");
        }
    }
}
