//! Glyphs to text: glyphs joined into lines by their baseline and ordered by x, with a space
//! where the gap is a word's and a tab where it is a column's, so that a table row reads as
//! `pdftotext -layout` gives it, which the table reader already reads.
//!
//! A glyph whose text is unknown (at most 1% of a file's, see `pdf.rs`) is written as U+FFFD,
//! so a number or label it stands in is never read as another.
//!
//! Page numbers (`- 3 -`, `第 3 页`, `3/12`) in the top or bottom margin, and margin lines
//! repeated on most pages (running headers and footers), are left out, so they never stand
//! between a table's rows.
//!
//! Invariants: never panics; time O(n log n) in the glyphs.

use super::marks::Glyph;

/// A gap wider than this share of the font size is a space.
const SPACE_GAP: f64 = 0.25;
/// A gap wider than this share of the font size is a column break (a tab).
const TAB_GAP: f64 = 1.5;
/// The share of the page height at the top and at the bottom that is margin.
const MARGIN: f64 = 0.1;

/// One line of a page: its text, baseline and whether it stands in a margin.
#[derive(Debug)]
pub struct Line {
    pub text: String,
    pub y: f64,
}

/// The lines of one page, top to bottom.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite());
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out = Vec::new();
    let mut current: Vec<Glyph> = Vec::new();
    let mut baseline = f64::NAN;
    for g in glyphs {
        let tolerance = 0.4 * g.size.max(1.0);
        if !current.is_empty() && (baseline - g.y).abs() > tolerance {
            out.push(join(std::mem::take(&mut current)));
        }
        if current.is_empty() {
            baseline = g.y;
        }
        current.push(g);
    }
    if !current.is_empty() {
        out.push(join(current));
    }
    out.retain(|l| !l.text.trim().is_empty());
    out
}

/// The text of one line's glyphs, ordered by x.
fn join(mut glyphs: Vec<Glyph>) -> Line {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let y = glyphs.first().map_or(0.0, |g| g.y);
    let mut text = String::new();
    let mut end: Option<(f64, &Glyph)> = None;
    for g in &glyphs {
        // An undecodable glyph stands as U+FFFD: left out, it could turn 12 into 1.
        let t = g.text.as_deref().unwrap_or("\u{FFFD}");
        if let Some((right, last)) = end {
            // The same glyph drawn twice at one place (fake bold) is one glyph.
            if last.text == g.text && (g.x - last.x).abs() < 0.1 * g.size {
                continue;
            }
            let gap = g.x - right;
            let size = g.size.max(last.size).max(1.0);
            if gap > TAB_GAP * size {
                text.push('\t');
            } else if gap > SPACE_GAP * size && !text.ends_with(' ') && t != " " {
                text.push(' ');
            }
        }
        text.push_str(t);
        end = Some((g.x + g.width, g));
    }
    Line {
        text: text.trim_end().to_string(),
        y,
    }
}

/// Drops page numbers and running headers and footers from the pages' lines (`height` is each
/// page's height, `bottom` its lowest y).
pub fn drop_margins(pages: &mut [(Vec<Line>, f64, f64)]) {
    let in_margin = |l: &Line, height: f64, bottom: f64| {
        let h = height.max(1.0);
        l.y < bottom + MARGIN * h || l.y > bottom + (1.0 - MARGIN) * h
    };
    // Margin lines, digits taken out, by how many pages show them.
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (lines, height, bottom) in pages.iter() {
        let mut seen: Vec<String> = lines
            .iter()
            .filter(|l| in_margin(l, *height, *bottom))
            .map(|l| without_digits(&l.text))
            .collect();
        seen.sort();
        seen.dedup();
        for key in seen {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    // A key of digits only (a row of numbers) is never a running header. On more than half the
    // pages: of a two-page file, on both (a short report's running header stood between the
    // two pieces of its table, and before its title).
    let repeated = |key: &str| {
        key.chars().count() >= 2
            && pages.len() >= 2
            && counts.get(key).copied().unwrap_or(0) * 2 > pages.len()
    };
    let mut keep: Vec<Vec<bool>> = Vec::with_capacity(pages.len());
    for (lines, height, bottom) in pages.iter() {
        keep.push(
            lines
                .iter()
                .map(|l| {
                    !(in_margin(l, *height, *bottom)
                        && (is_page_number(&l.text) || repeated(&without_digits(&l.text))))
                })
                .collect(),
        );
    }
    for ((lines, _, _), keep) in pages.iter_mut().zip(keep) {
        let mut flags = keep.into_iter();
        lines.retain(|_| flags.next().unwrap_or(true));
    }
}

/// The text with its ASCII digits taken out (page numbers differ from page to page).
fn without_digits(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// True for a line that only numbers the page: `- 3 -`, `—3—`, `3`, `第 3 页`, `第3页 共9页`,
/// `3/9`, `Page 3`.
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // One number, or two with `/` or 共 between (`3/12`, `第3页共12页`): a row of numbers is
    // never a page number.
    let groups: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let paired = groups.len() == 2 && (t.contains('/') || t.contains('共'));
    let zero = groups.first().is_some_and(|g| g.bytes().all(|b| b == b'0'));
    if !(groups.len() == 1 || paired) || zero || groups.iter().any(|g| g.len() > 4) {
        return false;
    }
    let rest: String = t
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .filter(|c| !matches!(c, '-' | '—' | '–' | '―' | '/' | '第' | '页' | '共' | '·'))
        .collect();
    rest.is_empty() || rest.eq_ignore_ascii_case("page") || rest.eq_ignore_ascii_case("pageof")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, t: &str) -> Glyph {
        Glyph::sample(x, y, 10.0, t)
    }

    #[test]
    fn glyphs_become_lines_with_spaces_and_tabs() {
        let glyphs = vec![
            glyph(60.0, 100.0, "1"),
            glyph(0.0, 100.2, "规"),
            glyph(10.0, 99.9, "章"),
            glyph(24.0, 100.0, "0"),
            glyph(0.0, 80.0, "下"),
        ];
        let lines = lines(glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["规章 0\t1", "下"]);
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "- 3 -",
            "—3—",
            "12",
            "第 3 页",
            "第3页 共9页",
            "3/9",
            "Page 3",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "一、总体情况",
            "规章 0 0 0",
            "2023 年",
            "-",
            "1.属于国家秘密",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
