//! Column headers: which of the template's header texts stand in the text above a table.
//!
//! Header cells come in every arrangement: one per line, tab-separated over three lines, stacked
//! character pairs from PDF text (`社会` / `公益` / `组织`), several small Markdown tables. The
//! check works on the joined header text (white space removed): a header is present when its
//! exact text occurs; a known retyped form ([`COLUMN_VARIANTS`]) is a variant with the canonical
//! text as suggestion; a header whose characters all occur but not together is taken as present
//! but interleaved by the layout (nothing to report); anything else is missing.

use super::reader::Joined;
use crate::span::Span;
use crate::template::COLUMN_VARIANTS;
use crate::text::compact;

/// What is wrong with one expected header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderIssue {
    /// Written as a known variant, e.g. `本年度止件数` for `本年废止件数`.
    Variant {
        canonical: &'static str,
        written: String,
        span: Span,
    },
    /// Not in the header text at all.
    Missing { canonical: &'static str },
}

/// Checks that each of `expected` (with how many times it must occur) is in `header`.
/// Returns the issues; an empty header text yields nothing (the table's absence is a fact of
/// its own).
pub fn check(header: &Joined, expected: &[(&'static str, usize)]) -> Vec<HeaderIssue> {
    let text = &header.text;
    if text.is_empty() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    let mut pool: Vec<char> = text.chars().collect();
    for &(canonical, times) in expected {
        let want = compact(canonical);
        let have = text.matches(want.as_str()).count();
        if have >= times {
            continue;
        }
        if let Some((written, span)) = variant_in(header, canonical) {
            issues.push(HeaderIssue::Variant {
                canonical,
                written,
                span,
            });
            continue;
        }
        if take_chars(&mut pool, &want, times - have) {
            continue;
        }
        issues.push(HeaderIssue::Missing { canonical });
    }
    issues
}

/// A known retyped form of `canonical` in the header, with its span.
fn variant_in(header: &Joined, canonical: &str) -> Option<(String, Span)> {
    COLUMN_VARIANTS
        .iter()
        .filter(|(_, c)| *c == canonical)
        .find_map(|(variant, _)| {
            let v = compact(variant);
            let at = find_alone(&header.text, &v, &compact(canonical))?;
            Some((v.clone(), header.span(at..at + v.len())?))
        })
}

/// The first occurrence of `needle` that is not part of an occurrence of `whole`.
fn find_alone(text: &str, needle: &str, whole: &str) -> Option<usize> {
    let wholes: Vec<usize> = text.match_indices(whole).map(|(w, _)| w).collect();
    text.match_indices(needle).map(|(at, _)| at).find(|&at| {
        // The last occurrence of `whole` starting at or before `at` is the only one that can
        // contain it.
        let i = wholes.partition_point(|&w| w <= at);
        i.checked_sub(1)
            .and_then(|i| wholes.get(i))
            .is_none_or(|&w| at + needle.len() > w + whole.len())
    })
}

/// Removes the characters of `word` (`times` over) from `pool` when they are all there.
fn take_chars(pool: &mut Vec<char>, word: &str, times: usize) -> bool {
    let mut trial = pool.clone();
    for _ in 0..times {
        for c in word.chars() {
            match trial.iter().position(|&p| p == c) {
                Some(i) => {
                    trial.swap_remove(i);
                }
                None => return false,
            }
        }
    }
    *pool = trial;
    true
}
