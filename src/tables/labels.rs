//! Row labels as written against the template's: numbering, loose comparison, and labels that
//! continue after their numbers or run into table furniture.
//!
//! A label is compared "loosely": white space, width and punctuation do not count, so `1. 属于国家秘密`,
//! `1、属于国家秘密` and `1.属于国家秘密` are the same label. What remains different is a retyped
//! label (a known variant, or other words), which the template rules report.

use crate::span::Span;
use crate::template::{
    RowDef, S2_CONTENT_HEADER, S2_GROUPS, S2_GROUPS_2019, S3_COLUMNS, S3_GROUP_LABELS,
    S3_HEADER_EXTRAS, S3_OLD_OTHER, S3_ROWS, S4_ROW,
};
use crate::text::compact;

/// How the written label compares with the template's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStatus {
    /// The same words (white space, width and punctuation aside).
    Exact,
    /// A retyped label known from real reports.
    Variant,
    /// Other words.
    Differs,
}

/// The label of a row as written.
#[derive(Clone, Debug)]
pub struct LabelRead {
    /// The label's words as written (normalised, white space removed).
    pub text: String,
    pub span: Span,
    pub status: LabelStatus,
}

/// The length of a row numbering at the start of `s`: `一、` `(一)` `1.` `1、` `(1)`.
pub fn numbering_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if first == '(' {
        let (_, n) = chars.next()?;
        let (j, close) = chars.next()?;
        let is_num = crate::text::cn_numeral(n).is_some() || n.is_ascii_digit();
        return (is_num && close == ')').then_some(j + 1);
    }
    if crate::text::cn_numeral(first).is_some() {
        let (j, sep) = chars.next()?;
        return (sep == '、').then_some(j + sep.len_utf8());
    }
    if first.is_ascii_digit() {
        let mut end = 1;
        let mut next = chars.next();
        if let Some((_, d)) = next.filter(|(_, d)| d.is_ascii_digit()) {
            end += d.len_utf8();
            next = chars.next();
        }
        let (j, sep) = next?;
        let after = s.get(j + sep.len_utf8()..).and_then(|r| r.chars().next());
        if matches!(sep, '.' | '、') && !after.is_some_and(|c| c.is_ascii_digit()) {
            return Some(end + sep.len_utf8());
        }
    }
    None
}

/// Compares a written label with the template's, ignoring white space, width and punctuation.
pub fn label_status(written: &str, def: &RowDef) -> LabelStatus {
    let w = loose(written);
    if w == loose_template(def.label) {
        return LabelStatus::Exact;
    }
    if def.variants.iter().any(|v| loose_template(v) == w) {
        return LabelStatus::Variant;
    }
    LabelStatus::Differs
}

/// True when `head` (a truncated label) and the text `rest` after the row's numbers together
/// spell the template's label, with nothing else in `rest` but fragments of merged group labels.
pub(super) fn continues(head: &str, rest: &str, def: &RowDef) -> bool {
    let canonical = loose_template(def.label);
    let head = loose(head);
    let Some(remainder) = canonical.strip_prefix(head.as_str()) else {
        return false;
    };
    if remainder.is_empty() || head.chars().count() < 2 {
        return false;
    }
    let group_chars: String = S3_GROUP_LABELS.iter().map(|g| loose(g)).collect();
    let mut want = remainder.chars().peekable();
    for c in loose(rest).chars() {
        if want.peek() == Some(&c) {
            want.next();
        } else if !group_chars.contains(c) {
            return false;
        }
    }
    want.peek().is_none()
}

/// True when `written` is the template's label followed only by table furniture (a merged
/// group label, the next group's caption or headers) that the layout put in the same run.
pub(super) fn followed_by_furniture(written: &str, def: &RowDef) -> bool {
    let w = loose(written);
    let Some(rest) = w.strip_prefix(loose_template(def.label).as_ref()) else {
        return false;
    };
    let furniture = furniture_chars();
    if !rest.is_empty() && rest.chars().all(|c| furniture.contains(c)) {
        return true;
    }
    // The next row's numbered label glued on (`2.没有现成信息需要另行制作3.要求提供…`).
    let canonical = loose_template(def.label);
    let c = compact(written);
    let split = c
        .char_indices()
        .map(|(i, ch)| i + ch.len_utf8())
        .find(|&end| c.get(..end).is_some_and(|head| loose(head) == canonical));
    split
        .and_then(|end| c.get(end..))
        .is_some_and(|tail| numbering_len(tail).is_some())
}

/// Every character of the table furniture: group labels, captions and column headers.
fn furniture_chars() -> &'static str {
    static CELL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut all: Vec<&str> = S3_GROUP_LABELS.to_vec();
        all.extend(S3_COLUMNS);
        all.extend(S3_HEADER_EXTRAS);
        all.push(S2_CONTENT_HEADER);
        for g in S2_GROUPS.iter() {
            all.push(g.caption);
            all.extend(g.columns);
        }
        all.iter().map(|s| loose(s)).collect()
    })
}

/// The table furniture as whole words (compacted): headers, captions, group labels.
pub(super) fn furniture_words() -> &'static [String] {
    static CELL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut all: Vec<&str> = S3_GROUP_LABELS.to_vec();
        all.extend(S3_COLUMNS);
        all.extend(S3_HEADER_EXTRAS);
        all.push(S2_CONTENT_HEADER);
        for g in S2_GROUPS.iter().chain(S2_GROUPS_2019.iter()) {
            all.push(g.caption);
            all.extend(g.columns);
        }
        all.iter().map(|s| compact(s)).collect()
    })
}

/// The byte offset `end`, or earlier so that `text[start..]` keeps at most `max` chars.
pub(super) fn cap_chars(text: &str, start: usize, end: usize, max: usize) -> usize {
    text.get(start..end)
        .and_then(|t| t.char_indices().nth(max))
        .map_or(end, |(i, _)| start + i)
}

/// The label without its leading numbering (`1.`, `（一）`, `一、`).
pub(super) fn strip_numbering(label: &str) -> String {
    let c = compact(label);
    let n = numbering_len(&c).unwrap_or(0);
    c.get(n..).unwrap_or("").to_string()
}

/// [`loose`] of a template text, computed once for every label and variant of the template.
/// The table is sorted by text and searched by halves (a hash map would add 8 KB of hashing to
/// the wasm for no gain on some two hundred texts).
pub(super) fn loose_template(label: &str) -> std::borrow::Cow<'static, str> {
    static CELL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let table = CELL.get_or_init(|| {
        let mut defs: Vec<&'static RowDef> = S3_ROWS.iter().collect();
        defs.push(&S3_OLD_OTHER);
        defs.push(&S4_ROW);
        for g in S2_GROUPS.iter().chain(S2_GROUPS_2019.iter()) {
            defs.extend(g.rows.iter());
        }
        let mut table = Vec::new();
        for d in defs {
            table.push((d.label, loose(d.label)));
            for v in d.variants {
                table.push((*v, loose(v)));
            }
        }
        crate::sort::by(&mut table, |a, b| a.0.cmp(b.0));
        table.dedup_by(|a, b| a.0 == b.0);
        table
    });
    let found = table
        .binary_search_by(|(text, _)| (*text).cmp(label))
        .ok()
        .and_then(|i| table.get(i));
    match found {
        Some((_, l)) => std::borrow::Cow::Borrowed(l.as_str()),
        None => std::borrow::Cow::Owned(loose(label)),
    }
}

/// A label reduced for comparison: compacted, punctuation removed.
pub(super) fn loose(s: &str) -> String {
    compact(s)
        .chars()
        .filter(|c| !(c.is_ascii_punctuation() || matches!(c, '、' | '“' | '”' | '。' | '‘' | '’')))
        .collect()
}
