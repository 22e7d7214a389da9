//! Property tests of the two maps every location goes through: `text::Normalized` (normalised
//! text back to the original) and `span::LineIndex` (byte offsets to line, character column and
//! UTF-16 offsets). Inputs mix what pasted reports hold: CJK and full-width forms, Unicode and
//! zero-width spaces, CR, LF and CRLF, tabs, NUL, emoji, combining marks and astral ideographs.
//! proptest shrinks a failure to a small input and prints it; make it a named regression test.

use crate::span::{LineIndex, Location, Span};
use crate::text::Normalized;
use proptest::prelude::*;

/// A few hundred cases per property keep `cargo test` lean; nothing is written to disk (a
/// failure is printed, shrunk, for a regression test).
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One piece of a pasted report.
fn piece() -> impl Strategy<Value = String> {
    let one = |lo: char, hi: char| proptest::char::range(lo, hi).prop_map(String::from);
    prop_oneof![
        4 => one('\u{4E00}', '\u{9FFF}'),
        2 => one('\u{FF01}', '\u{FF5E}'),
        2 => one(' ', '~'),
        2 => prop::sample::select(vec![
            "\r\n", "\r", "\n", "\t", "\0", " ", "  ", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}",
            "\u{2028}", "\u{85}", "\u{0B}", "、", "（一）", "自然 人",
        ])
        .prop_map(String::from),
        1 => one('\u{1F300}', '\u{1FAFF}'),
        1 => one('\u{0300}', '\u{036F}'),
        1 => one('\u{20000}', '\u{2A6DF}'),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A text of up to 48 pieces.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|pieces| pieces.concat())
}

/// The line a person reads `offset` on: one more than the breaks before it, a break being LF
/// or a CR not followed by LF.
fn line_of(text: &str, offset: usize) -> usize {
    let before = &text[..offset];
    let lone_crs = before
        .match_indices('\r')
        .filter(|&(i, _)| !text[i + 1..].starts_with('\n'))
        .count();
    1 + before.matches('\n').count() + lone_crs
}

/// The byte offset of the start of `line` (1-based), through `line_text`, which returns a
/// slice of the text.
fn line_start(index: &LineIndex, text: &str, line: u32) -> usize {
    index.line_text(line).as_ptr() as usize - text.as_ptr() as usize
}

/// The byte offset of a location's line and column: the inverse of `locate`.
fn offset_of(index: &LineIndex, text: &str, loc: &Location) -> usize {
    let start = line_start(index, text, loc.line);
    let skipped: usize = text[start..]
        .chars()
        .take(loc.column as usize - 1)
        .map(char::len_utf8)
        .sum();
    start + skipped
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// A span lies inside `text`, on char boundaries, and does not run backwards.
fn assert_inside(text: &str, span: Span, what: &str) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{what}: {span:?} in {}",
        text.len()
    );
    assert!(text.is_char_boundary(start), "{what}: start {start}");
    assert!(text.is_char_boundary(end), "{what}: end {end}");
}

proptest! {
    #![proptest_config(config())]

    /// Every char of the normalised text maps to a span of the original, in order, that
    /// normalises to that char alone; what lies between the spans is dropped (zero-width
    /// characters, the BOM) or a folded space.
    #[test]
    fn each_normalised_char_maps_back_to_what_it_came_from(original in text()) {
        let n = Normalized::new(&original);
        let mut last_end = 0;
        for (at, c) in n.text.char_indices() {
            let span = n.span(at..at + c.len_utf8());
            assert_inside(&original, span, "char span");
            let came_from = &original[span.range()];
            prop_assert_eq!(Normalized::new(came_from).text, c.to_string(), "{:?} at {}", c, at);
            let gap = &original[last_end..span.start as usize];
            prop_assert!(
                Normalized::new(gap).text.chars().all(|g| g == ' '),
                "{:?} dropped before {:?}", gap, c
            );
            last_end = span.end as usize;
        }
    }

    /// Any range of the normalised text, even one past its end or running backwards, maps to
    /// a span inside the original on char boundaries, covering the spans of the chars in it.
    #[test]
    fn any_range_maps_inside_the_original(original in text(), a in 0usize..400, b in 0usize..400) {
        let n = Normalized::new(&original);
        let span = n.span(a..b);
        assert_inside(&original, span, "range span");
        let inside: Vec<(usize, char)> = n.text.char_indices().filter(|&(i, _)| a <= i && i < b).collect();
        if let (Some(&(first, _)), Some(&(last, c))) = (inside.first(), inside.last()) {
            let from = n.span(first..first + 1).start;
            let to = n.span(last..last + c.len_utf8()).end;
            prop_assert!(span.start <= from && to <= span.end, "{:?} covers {}..{}", span, from, to);
        }
    }

    /// Every char boundary round-trips: offset → line and column → offset; the line is the one
    /// counted from the breaks before it; the UTF-16 offsets are those of the text before.
    #[test]
    fn offsets_round_trip_through_lines_and_columns(original in text()) {
        let index = LineIndex::new(&original, true);
        let ends: Vec<usize> = original.char_indices().map(|(i, _)| i).chain([original.len()]).collect();
        for (k, &start) in ends.iter().enumerate() {
            let end = ends[(k + 3).min(ends.len() - 1)];
            let loc = index.locate(Span::new(start, end));
            prop_assert_eq!((loc.start as usize, loc.end as usize), (start, end));
            prop_assert_eq!(loc.line as usize, line_of(&original, start), "line at {}", start);
            prop_assert_eq!(offset_of(&index, &original, &loc), start, "{:?}", loc);
            prop_assert_eq!(loc.start16, Some(utf16_len(&original[..start])));
            prop_assert_eq!(loc.end16, Some(utf16_len(&original[..end])));
        }
    }

    /// Any span, even inside a char or past the end, is located inside the text on char
    /// boundaries, at or before where it was asked for.
    #[test]
    fn any_span_is_located_inside_the_text(original in text(), a in 0usize..400, b in 0usize..400) {
        let index = LineIndex::new(&original, false);
        let loc = index.locate(Span::new(a, b));
        assert_inside(&original, Span { start: loc.start, end: loc.end }, "location");
        prop_assert!(loc.start as usize <= a.min(original.len()));
        prop_assert_eq!(loc.start16, None);
    }

    /// The lines of the text, without their breaks, are the text split at LF, CRLF and lone CR.
    #[test]
    fn line_texts_are_the_lines(original in text()) {
        let index = LineIndex::new(&original, false);
        let lines: Vec<&str> = original.split('\n').flat_map(|l| {
            l.strip_suffix('\r').unwrap_or(l).split('\r')
        }).collect();
        for (i, want) in lines.iter().enumerate() {
            prop_assert_eq!(index.line_text(i as u32 + 1), *want, "line {}", i + 1);
        }
    }
}
