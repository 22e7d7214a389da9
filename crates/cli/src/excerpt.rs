//! The part of a source line shown above a finding's marker, bounded in width.
//!
//! A line that fits in [`MAX_COLUMNS`] terminal columns is shown whole, tabs expanded from the
//! line's start. A longer line (a PDF pasted without line breaks, a table row of 100,000
//! characters) is shown as a window of about [`MAX_COLUMNS`] columns around the span, with `…`
//! where it was cut, as rustc does; tabs are then expanded from the window's start. Either way
//! the marker is measured on the shown text itself, CJK characters two columns wide, so it sits
//! under the span.
//!
//! Invariant: the work and the output for one finding are bounded by the window, not by the
//! length of the line, so a long line with many findings prints and costs little.

use crate::width::{char_width, expand_tabs, str_width, TAB_STOP};

/// The widest source excerpt shown, in terminal columns (ellipses included).
pub const MAX_COLUMNS: usize = 100;

/// Columns kept before the span when the line has to be cut.
const CONTEXT_BEFORE: usize = 40;

/// The mark at a cut end; one column wide.
const CUT: char = '…';

/// A line as shown, with the marker under the span.
#[derive(Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The shown text: tabs expanded, control characters replaced, cut ends marked.
    pub text: String,
    /// Columns before the marker.
    pub indent: usize,
    /// Width of the marker (at least one).
    pub carets: usize,
}

/// The excerpt of `line` for the span `start..end`, byte offsets into `line` (clamped to it and
/// to char boundaries).
pub fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
    let start = floor_boundary(line, start.min(line.len()));
    let end = floor_boundary(line, end.clamp(start, line.len()));
    if fits(line) {
        return shown(line, 0, line.len(), start, end);
    }
    let right = bounded_width(line.get(start..).unwrap_or(""), MAX_COLUMNS);
    let before = CONTEXT_BEFORE.max(MAX_COLUMNS.saturating_sub(right + 2));
    let from = back(line, start, before.min(MAX_COLUMNS - 2));
    let to = forward(line, from, MAX_COLUMNS - 2);
    shown(line, from, to, start, end)
}

/// True when the whole line is at most [`MAX_COLUMNS`] wide; reads no more than that.
fn fits(line: &str) -> bool {
    if line.len() > MAX_COLUMNS * 4 {
        return false;
    }
    str_width(&expand_tabs(line)) <= MAX_COLUMNS
}

/// The width of the start of `s`, counting a tab as [`TAB_STOP`], stopping past `limit`.
fn bounded_width(s: &str, limit: usize) -> usize {
    let mut width = 0;
    for c in s.chars() {
        width += rough_width(c);
        if width > limit {
            break;
        }
    }
    width
}

/// The widest a character can show: a tab counts as a whole tab stop.
fn rough_width(c: char) -> usize {
    match c {
        '\t' => TAB_STOP,
        c if c.is_control() => 1,
        c => char_width(c),
    }
}

/// The byte offset at most `columns` columns before `at` (a char boundary).
fn back(line: &str, at: usize, columns: usize) -> usize {
    let mut width = 0;
    let mut from = at;
    for (i, c) in line.get(..at).unwrap_or("").char_indices().rev() {
        width += rough_width(c);
        if width > columns {
            break;
        }
        from = i;
    }
    from
}

/// The byte offset where `columns` columns after `from` end (a char boundary).
fn forward(line: &str, from: usize, columns: usize) -> usize {
    let mut width = 0;
    let rest = line.get(from..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        width += rough_width(c);
        if width > columns {
            return from + i;
        }
    }
    line.len()
}

/// The excerpt of `line[from..to]` with the span `start..end` marked inside it.
fn shown(line: &str, from: usize, to: usize, start: usize, end: usize) -> Excerpt {
    let part = |a: usize, b: usize| {
        line.get(a.max(from)..b.min(to).max(a.max(from)))
            .unwrap_or("")
    };
    let lead = if from > 0 {
        CUT.to_string()
    } else {
        String::new()
    };
    let before = expand_tabs(part(from, start));
    let through = expand_tabs(part(from, end));
    let mut text = lead.clone() + &expand_tabs(part(from, to));
    if to < line.len() {
        text.push(CUT);
    } else {
        text.truncate(text.trim_end().len());
    }
    let indent = str_width(&lead) + str_width(&before);
    // The marker ends where the shown text does (trailing spaces are not shown).
    let through = str_width(&through).min(str_width(&text).saturating_sub(str_width(&lead)));
    let carets = through.saturating_sub(str_width(&before)).max(1);
    Excerpt {
        text,
        indent,
        carets,
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text under the marker, read back from the shown text by columns.
    fn under(e: &Excerpt) -> String {
        let mut column = 0;
        let mut out = String::new();
        for c in e.text.chars() {
            if column >= e.indent && column < e.indent + e.carets {
                out.push(c);
            }
            column += char_width(c);
        }
        out
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "（一）\t新收申请\t3\t0";
        let at = line.find('0').unwrap();
        let e = excerpt(line, at, at + 1);
        assert_eq!(e.text, "（一）  新收申请    3   0");
        assert_eq!((e.indent, e.carets), (24, 1));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_and_the_marker_stays_under_it() {
        let line = format!("{}「380元」{}", "文字".repeat(5_000), "甲乙".repeat(5_000));
        let at = line.find("380元").unwrap();
        let e = excerpt(&line, at, at + "380元".len());
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert!(str_width(&e.text) <= MAX_COLUMNS, "{}", str_width(&e.text));
        assert_eq!(under(&e), "380元");
        assert_eq!(e.carets, 5);
    }

    #[test]
    fn a_span_near_either_end_of_a_long_line() {
        let line = format!("标签\t{}", "\t0".repeat(10_000));
        let e = excerpt(&line, 0, "标签".len());
        assert!(!e.text.starts_with('…') && e.text.ends_with('…'));
        assert_eq!((e.indent, under(&e).as_str()), (0, "标签"));
        let last = line.len() - 1;
        let e = excerpt(&line, last, line.len());
        assert!(
            e.text.starts_with('…') && e.text.ends_with('0'),
            "{}",
            e.text
        );
        assert!(str_width(&e.text) <= MAX_COLUMNS);
        assert_eq!(under(&e), "0");
    }

    #[test]
    fn a_span_longer_than_the_window_is_marked_to_the_cut() {
        let line = "长".repeat(1_000);
        let e = excerpt(&line, 3 * 10, line.len());
        assert!(str_width(&e.text) <= MAX_COLUMNS);
        assert_eq!(e.indent + e.carets, str_width(&e.text) - 1);
    }

    #[test]
    fn offsets_off_the_line_or_inside_a_character_are_clamped() {
        let e = excerpt("总计", 1, 99);
        assert_eq!((e.text.as_str(), e.indent, e.carets), ("总计", 0, 4));
        let e = excerpt("总计", 6, 6);
        assert_eq!((e.indent, e.carets), (4, 1));
        // Trailing tabs are not shown, so the marker stops at the last shown character.
        let e = excerpt("1\t\t1\t\t\t", 0, 8);
        assert_eq!((e.text.as_str(), e.indent, e.carets), ("1       1", 0, 9));
    }
}
