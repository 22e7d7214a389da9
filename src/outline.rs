//! The report's outline: title, year and the six statutory sections.
//!
//! Headings are found line by line in the normalised text. A candidate is a short line that
//! starts with a Chinese numeral and a separator (`一、` `一.` `一 、` `## 二、`), or `第一部分`,
//! or that is a bare section title. Table rows that look like headings (`一、本年新收…`,
//! `四、结转下年度继续办理`) and sub-items in brackets (`（一）主动公开`) are never candidates.
//!
//! Each candidate is scored against the six titles (exact, a known variant, keywords only, or the
//! numeral alone), and the sections are chosen as the best-scoring sequence of candidates in
//! document order. What is left over is kept as facts: a second heading for a found section
//! (duplicate), a section heading that came out of order, or a sub-topic of section 一 numbered
//! as a top-level heading. Only `rules::structure` turns these into findings.
//!
//! Work is linear in the number of lines: the selection keeps, per section, the best sequence
//! ending before the current candidate. At most [`MAX_CANDIDATES`] candidates are kept; a text
//! with more heading-like lines is searched up to there, and `unread_from` says where the search
//! stopped, so that no section is called missing for text that was not searched.
//!
//! Invariant: `sections[k]` is the heading chosen for section k+1; `bodies[k]` is the normalised
//! byte range of its text, up to the next found heading.

use std::ops::Range;

use crate::report;
use crate::span::{LineIndex, Span};
use crate::template::{compacted, SectionDef, S3_ROWS, SECTION1_TOPICS, SECTIONS};
use crate::text::{cn_numeral, compact, is_cjk, Normalized};

/// At most this many heading candidates are kept: far beyond any report (a long one has a few
/// hundred numbered lines), and it bounds the memory the outline takes.
pub const MAX_CANDIDATES: usize = 20_000;
/// A heading is a short line: at most this many characters once white space is removed.
const MAX_HEADING_CHARS: usize = 48;

/// How well a heading's words match its section's title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TitleMatch {
    /// Only the numeral places it; the words name no section.
    NumeralOnly,
    /// The words contain the section's keywords but are not its title.
    Keywords,
    /// A retyped title seen in real reports.
    Variant,
    /// The template's title.
    Exact,
}

/// A section heading as found in the text.
#[derive(Clone, Debug)]
pub struct Heading {
    /// The section (1..6) this heading was taken for.
    pub section: u8,
    /// The numeral as written (`三` → 3), if any.
    pub numeral: Option<u8>,
    /// The numeral is in the style of sub-items, `（二）` or `2、`, not of sections.
    pub sub_item: bool,
    /// The whole heading line as written, trimmed.
    pub text: String,
    /// The heading's span in the original text.
    pub span: Span,
    /// The heading's title words (numeral removed), compacted.
    pub title: String,
    pub matched: TitleMatch,
    /// Text before the numeral that does not belong there (`|三、`, `1三、`).
    pub junk: Option<Span>,
    /// The heading stands after a later section's heading.
    pub out_of_order: bool,
    /// Normalised byte range of the heading line.
    pub line: Range<usize>,
}

/// A heading-like line that was not taken as a section.
#[derive(Clone, Debug)]
pub enum Leftover {
    /// A second heading for section `n`.
    Duplicate { section: u8, heading: Heading },
    /// A sub-topic of section 一 (主动公开, 依申请公开…) numbered like a statutory section.
    SubTopic {
        heading: Heading,
        topic: &'static str,
    },
}

/// Title, year and sections of one report.
#[derive(Debug, Default)]
pub struct Outline {
    /// The title as written and its span.
    pub title: Option<(String, Span)>,
    /// The report year, from the title or the statistics period.
    pub year: Option<u16>,
    /// The chosen heading of each section, index 0 = section 一.
    pub sections: [Option<Heading>; 6],
    /// Normalised byte range of each found section's body.
    pub bodies: [Option<Range<usize>>; 6],
    pub leftovers: Vec<Leftover>,
    /// The first line that was not searched for headings, when the text has more than
    /// [`MAX_CANDIDATES`] heading-like lines; sections not found may stand after it.
    pub unread_from: Option<Span>,
}

/// A heading candidate with its score against each section.
#[derive(Clone, Debug)]
struct Candidate {
    heading: Heading,
    /// Best match per section (index 0 = section 一).
    matches: [Option<TitleMatch>; 6],
}

impl Outline {
    /// Reads the outline of a report from its normalised text; headings and the title are
    /// given as written in `original`.
    pub fn read(original: &str, norm: &Normalized) -> Outline {
        let (mut candidates, unread_from) = candidates(norm);
        drop_list_items(&mut candidates);
        let chosen = choose(&candidates);
        let mut outline = Outline {
            unread_from,
            ..Outline::default()
        };
        let mut taken = vec![false; candidates.len()];
        for (k, (pick, slot)) in chosen.iter().zip(outline.sections.iter_mut()).enumerate() {
            let Some((c, t)) = pick.and_then(|i| candidates.get(i).zip(taken.get_mut(i))) else {
                continue;
            };
            let mut h = c.heading.clone();
            h.section = k as u8 + 1;
            h.matched = c
                .matches
                .get(k)
                .copied()
                .flatten()
                .unwrap_or(TitleMatch::NumeralOnly);
            *slot = Some(h);
            *t = true;
        }
        outline.place_out_of_order(&candidates, &mut taken);
        outline.collect_leftovers(&candidates, &taken);
        outline.bodies = bodies(&outline.sections, norm.text.len());
        let first = outline
            .sections
            .iter()
            .flatten()
            .map(|h| h.line.start)
            .min()
            .unwrap_or(norm.text.len());
        outline.title = title(norm, first);
        outline.year = year(norm, outline.title.as_ref().map(|t| t.0.as_str()), first);
        outline.as_written(original);
        outline
    }

    /// Replaces the headings' and the title's texts with the original text they were read from.
    fn as_written(&mut self, original: &str) {
        let written = |span: Span| -> Option<String> {
            let t = original.get(span.range())?;
            Some(
                t.split(['\n', '\r'])
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(""),
            )
        };
        let headings = self
            .sections
            .iter_mut()
            .flatten()
            .chain(self.leftovers.iter_mut().map(|l| match l {
                Leftover::Duplicate { heading, .. } | Leftover::SubTopic { heading, .. } => heading,
            }));
        for h in headings {
            if let Some(t) = written(h.span) {
                h.text = t;
            }
        }
        if let Some((text, span)) = self.title.as_mut() {
            if let Some(t) = written(*span) {
                // One line of text: what a batch table or a CSV cell can show.
                *text = t.replace('\t', " ");
            }
        }
    }

    /// Sections the best sequence skipped but whose exact title stands elsewhere: out of order.
    fn place_out_of_order(&mut self, candidates: &[Candidate], taken: &mut [bool]) {
        for (k, slot) in self.sections.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            let strong_match = |c: &Candidate| {
                c.matches
                    .get(k)
                    .copied()
                    .flatten()
                    .filter(|&m| m >= TitleMatch::Variant)
            };
            let strong = candidates
                .iter()
                .zip(taken.iter_mut())
                .find_map(|(c, t)| (!*t).then(|| strong_match(c).map(|m| (c, m, t))).flatten());
            if let Some((c, m, t)) = strong {
                let mut h = c.heading.clone();
                h.section = k as u8 + 1;
                h.matched = m;
                h.out_of_order = true;
                *slot = Some(h);
                *t = true;
            }
        }
    }

    fn collect_leftovers(&mut self, candidates: &[Candidate], taken: &[bool]) {
        let s1 = self.section(1).map(|h| h.line.end);
        let s2 = self.section(2).map(|h| h.line.start);
        for (c, _) in candidates.iter().zip(taken).filter(|(_, t)| !**t) {
            let h = &c.heading;
            let in_section1 =
                s1.is_some_and(|a| h.line.start > a) && s2.is_none_or(|b| h.line.start < b);
            // A sub-item of section 一 numbered as one (`（一）主动公开政府信息情况`) is in its
            // place: neither misnumbered nor a second heading of section 二.
            if in_section1 && h.sub_item {
                continue;
            }
            let topic = SECTION1_TOPICS.iter().find(|t| h.title.contains(*t));
            if let (true, Some(topic), Some(_)) = (in_section1, topic, h.numeral) {
                self.leftovers.push(Leftover::SubTopic {
                    heading: h.clone(),
                    topic,
                });
                continue;
            }
            let dup = c.matches.iter().zip(&self.sections).position(|(m, found)| {
                m.is_some_and(|m| m >= TitleMatch::Variant) && found.is_some()
            });
            if let Some(k) = dup {
                self.leftovers.push(Leftover::Duplicate {
                    section: k as u8 + 1,
                    heading: h.clone(),
                });
            }
        }
    }

    /// The chosen heading of section `n` (1..6).
    pub fn section(&self, n: u8) -> Option<&Heading> {
        self.sections.get(usize::from(n).wrapping_sub(1))?.as_ref()
    }

    /// The normalised body of section `n` (1..6), if the section was found.
    pub fn body(&self, n: u8) -> Option<Range<usize>> {
        self.bodies.get(usize::from(n).wrapping_sub(1))?.clone()
    }

    /// The outline as the report shows it.
    pub fn to_report(&self, index: &LineIndex) -> report::Outline {
        report::Outline {
            title: self.title.as_ref().map(|t| t.0.clone()),
            title_span: self.title.as_ref().map(|t| index.locate(t.1)),
            year: self.year,
            sections: SECTIONS
                .iter()
                .zip(&self.sections)
                .map(|(def, h)| report::Section {
                    number: def.number,
                    title: def.heading,
                    heading: h.as_ref().map(|h| h.text.clone()),
                    found: h.is_some(),
                    span: h.as_ref().map(|h| index.locate(h.span)),
                })
                .collect(),
        }
    }
}

/// Drops untitled numbered items of a list (`一、加强组织领导` … `六、加强培训` inside section 五):
/// once an untitled item numbered 一 opens a list, untitled items after it are list items, until
/// a line with a section's title closes it. Such an item is never a section named only by its
/// numeral.
fn drop_list_items(cands: &mut Vec<Candidate>) {
    let mut list_open = false;
    cands.retain(|c| {
        let titled = c
            .matches
            .iter()
            .any(|m| m.is_some_and(|m| m >= TitleMatch::Variant));
        let numeral_only = c
            .matches
            .iter()
            .flatten()
            .all(|m| *m == TitleMatch::NumeralOnly);
        if titled {
            list_open = false;
        } else if c.heading.numeral == Some(1) {
            list_open = true;
        }
        !(list_open && numeral_only)
    });
}

/// Every heading-like line, in document order, and the span of the first line not searched
/// when there are more than [`MAX_CANDIDATES`].
fn candidates(norm: &Normalized) -> (Vec<Candidate>, Option<Span>) {
    let text = norm.text.as_str();
    // Each candidate with the index of its line among the non-empty lines.
    let mut out: Vec<(usize, Candidate)> = Vec::new();
    let mut unread_from = None;
    let mut pos = 0;
    let mut nonempty = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        if out.len() >= MAX_CANDIDATES {
            unread_from = Some(norm.span(start..start + line.len()));
            break;
        }
        nonempty += 1;
        if let Some(c) = candidate(norm, line, start) {
            out.push((nonempty, c));
        }
    }
    (drop_contents_tables(out), unread_from)
}

/// Drops a table of contents: three or more section titles on consecutive lines, in order,
/// with nothing between them, whose first title stands again further on (the real heading).
fn drop_contents_tables(cands: Vec<(usize, Candidate)>) -> Vec<Candidate> {
    let section = |c: &Candidate| {
        c.matches
            .iter()
            .position(|m| m.is_some_and(|m| m >= TitleMatch::Keywords))
    };
    // The last candidate of each section, to tell in constant time whether a title stands again.
    let mut last = [None; 6];
    for (i, (_, c)) in cands.iter().enumerate() {
        if let Some(slot) = section(c).and_then(|k| last.get_mut(k)) {
            *slot = Some(i);
        }
    }
    let mut keep = vec![true; cands.len()];
    let mut start = 0;
    while start < cands.len() {
        let mut end = start + 1;
        while let (Some((la, a)), Some((lb, b))) = (cands.get(end - 1), cands.get(end)) {
            let adjacent = *lb == la + 1;
            let rising = matches!((section(a), section(b)), (Some(x), Some(y)) if y > x);
            if !(adjacent && rising) {
                break;
            }
            end += 1;
        }
        // The titles of a table of contents stand again further on, as the real headings.
        let first = cands.get(start).and_then(|(_, c)| section(c));
        let again = first
            .and_then(|k| last.get(k).copied().flatten())
            .is_some_and(|i| i >= end);
        if end - start >= 3 && again {
            keep.iter_mut()
                .skip(start)
                .take(end - start)
                .for_each(|k| *k = false);
        }
        start = end;
    }
    cands
        .into_iter()
        .zip(keep)
        .filter_map(|((_, c), k)| k.then_some(c))
        .collect()
}

/// The candidate a line makes, if it looks like a section heading.
fn candidate(norm: &Normalized, line: &str, start: usize) -> Option<Candidate> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.contains('\t') {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let body = trimmed.trim_start_matches(['#', '>', '*', ' ']);
    // A heading is short and has words: skip other lines before any comparison.
    if body.chars().nth(MAX_HEADING_CHARS * 2).is_some() || !body.chars().any(is_cjk) {
        return None;
    }
    let (junk_len, numeral, rest, bracketed) = split_numeral(body);
    // A heading run into its first paragraph (`一、总体情况。2023年，我局…`) ends with its title.
    let run_in = numeral.and_then(|_| run_in_title(rest));
    let rest = run_in.map_or(rest, |len| rest.get(..len).unwrap_or(rest));
    let title =
        compact(rest.trim_end_matches(['。', '.', ':', ';', '，', ',', '|', '*', '#', ' ']));
    let title = title.trim_start_matches(['、', '.', ':', ' ']).to_string();
    // Without a numeral only a known title makes a heading: most lines stop here.
    if numeral.is_none() && !is_known_title(&title) {
        return None;
    }
    if title.is_empty() || title.chars().count() > MAX_HEADING_CHARS || is_table_row(&title) {
        return None;
    }
    let matches = match_sections(&title, numeral);
    // Without a numeral, a known title makes a heading; with a bracketed one (`（二）`, the
    // style of sub-items) only the template's exact title does.
    let least = if bracketed {
        TitleMatch::Exact
    } else {
        TitleMatch::Variant
    };
    if (numeral.is_none() || bracketed) && !matches.iter().any(|m| m.is_some_and(|m| m >= least)) {
        return None;
    }
    if matches.iter().all(Option::is_none) {
        return None;
    }
    let head_start = start + lead;
    let head_end = match run_in {
        // The heading ends where its title ends, inside the line.
        Some(_) => rest.as_ptr() as usize - line.as_ptr() as usize + rest.len() + start,
        None => start + line.trim_end().len(),
    };
    let junk_start = head_start + (trimmed.len() - body.len());
    let junk = (junk_len > 0).then(|| norm.span(junk_start..junk_start + junk_len));
    let span = norm.span(head_start..head_end);
    Some(Candidate {
        heading: Heading {
            section: 0,
            numeral,
            sub_item: bracketed,
            text: String::new(),
            span,
            title,
            matched: TitleMatch::NumeralOnly,
            junk,
            out_of_order: false,
            line: head_start..head_end,
        },
        matches,
    })
    .map(|mut c| {
        c.heading.text = norm
            .text
            .get(c.heading.line.clone())
            .unwrap_or("")
            .to_string();
        c
    })
}

/// When `rest` (the text after a numeral) is longer than a heading but starts with a section's
/// exact or known title followed by punctuation, the byte length of that title part.
fn run_in_title(rest: &str) -> Option<usize> {
    let head = rest.trim_start_matches(['、', '.', ':', ' ']);
    let skipped = rest.len() - head.len();
    if compact(head).chars().count() <= MAX_HEADING_CHARS / 2 {
        return None;
    }
    let c = compacted();
    let titles = c
        .section_titles
        .iter()
        .chain(c.section_variants.iter().flatten());
    let mut best: Option<usize> = None;
    for title in titles {
        // Walk `head`, skipping white space, until the title's characters are consumed.
        let mut want = title.chars().peekable();
        let mut end = 0;
        for (i, ch) in head.char_indices() {
            if want.peek().is_none() {
                break;
            }
            if ch.is_whitespace() {
                continue;
            }
            if want.next() != Some(ch) {
                end = 0;
                break;
            }
            end = i + ch.len_utf8();
        }
        if want.peek().is_some() || end == 0 {
            continue;
        }
        let after = head.get(end..).unwrap_or("").trim_start();
        let stops = after.starts_with(['。', '.', ':', ';', ',', '，', '：', '；']);
        if stops && best.is_none_or(|b| end > b) {
            best = Some(end);
        }
    }
    best.map(|end| skipped + end)
}

/// Splits `一、总体情况` into (junk length, numeral, rest, sub-item style). The sub-item styles
/// `（二）` and `2、` number a section only when its title is exact. Junk is a short run of digits or
/// punctuation before the numeral (`1三、`, `|三、`).
fn split_numeral(s: &str) -> (usize, Option<u8>, &str, bool) {
    // `（一）总体情况`: a bracketed numeral, taken only for an exact or known title.
    let mut chars = s.chars();
    if let (Some('('), Some(n), Some(')')) = (
        chars.next(),
        chars.next().and_then(cn_numeral),
        chars.next(),
    ) {
        return (0, Some(n), chars.as_str(), true);
    }
    // `1、总体情况`: an Arabic numeral, likewise taken only for an exact title.
    let mut chars = s.chars();
    if let (Some(d @ '1'..='6'), Some('、' | '.')) = (chars.next(), chars.next()) {
        let n = d as u8 - b'0';
        return (0, Some(n), chars.as_str(), true);
    }
    for (skip, c) in s.char_indices().take(3) {
        if let Some(n) = numeral_at(s.get(skip..).unwrap_or("")) {
            let junk = s.get(..skip).unwrap_or("");
            if junk
                .chars()
                .all(|c| c.is_ascii_punctuation() || c.is_ascii_digit())
            {
                return (skip, Some(n.0), s.get(skip + n.1..).unwrap_or(""), false);
            }
        }
        if !(c.is_ascii_punctuation() || c.is_ascii_digit()) {
            break;
        }
    }
    (0, None, s, false)
}

/// Reads `一、` `一.` `一 、` `第一部分` at the start of `s`: (numeral, bytes used).
fn numeral_at(s: &str) -> Option<(u8, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if first == '第' {
        let (_, c) = chars.next()?;
        let n = cn_numeral(c)?;
        let (i, unit) = chars.next()?;
        if !matches!(unit, '部' | '章' | '节') {
            return None;
        }
        let after = s.get(i..)?;
        let after = after.trim_start_matches(['部', '分', '章', '节']);
        let used = s.len() - after.len();
        let rest = after.trim_start_matches([' ', '、', ':', '.']);
        return Some((n, used + (after.len() - rest.len())));
    }
    let n = cn_numeral(first)?;
    if n > 6 {
        return None;
    }
    let rest = s.get(first.len_utf8()..)?;
    let sep = rest.trim_start_matches(' ');
    let mut sc = sep.chars();
    match sc.next()? {
        '、' | '.' | ',' | ':' => Some((n, s.len() - sc.as_str().len())),
        _ => None,
    }
}

/// True when `title` is a section's exact title or a known variant.
fn is_known_title(title: &str) -> bool {
    let c = compacted();
    c.section_titles
        .iter()
        .chain(c.section_variants.iter().flatten())
        .any(|t| t == title)
}

/// True for the section 三 rows whose labels start like a heading (`一、本年新收…`).
fn is_table_row(title: &str) -> bool {
    const ROW_STARTS: [&str; 4] = ["本年新收", "上年结转", "本年度办理结果", "结转下年"];
    ROW_STARTS.iter().any(|s| title.starts_with(s))
        || S3_ROWS
            .iter()
            .zip(&compacted().s3_labels)
            .any(|(_, label)| label.ends_with(title) && title.chars().count() > 4)
}

/// How the words of a heading match each section; the numeral alone counts when the words name
/// no section at all.
fn match_sections(title: &str, numeral: Option<u8>) -> [Option<TitleMatch>; 6] {
    let mut out = [None; 6];
    for (slot, def) in out.iter_mut().zip(SECTIONS.iter()) {
        *slot = match_title(title, def);
    }
    if out.iter().all(Option::is_none) {
        if let Some(slot) = numeral.and_then(|n| out.get_mut(usize::from(n).wrapping_sub(1))) {
            *slot = Some(TitleMatch::NumeralOnly);
        }
    }
    out
}

fn match_title(title: &str, def: &SectionDef) -> Option<TitleMatch> {
    let c = compacted();
    let i = usize::from(def.number).wrapping_sub(1);
    if c.section_titles.get(i).is_some_and(|t| t == title) {
        return Some(TitleMatch::Exact);
    }
    if c.section_variants
        .get(i)
        .is_some_and(|vs| vs.iter().any(|v| v == title))
    {
        return Some(TitleMatch::Variant);
    }
    def.keywords
        .iter()
        .any(|set| set.iter().all(|w| title.contains(w)))
        .then_some(TitleMatch::Keywords)
}

fn score(m: TitleMatch, numeral_agrees: bool) -> u32 {
    let base = match m {
        TitleMatch::NumeralOnly => 1,
        TitleMatch::Keywords => 3,
        TitleMatch::Variant => 5,
        TitleMatch::Exact => 6,
    };
    base + if numeral_agrees { 2 } else { 0 }
}

/// The best sequence of candidates for sections 1..6 in document order (dynamic programming over
/// candidates × sections); `None` where a section has no candidate in the sequence.
///
/// Linear: `ahead[k]` holds the best cell with section k among the candidates already seen, so
/// each candidate looks at six cells, not at every candidate before it. Ties go to the earliest
/// candidate, then the lowest section.
fn choose(cands: &[Candidate]) -> [Option<usize>; 6] {
    // best[i][k]: the best total with candidate i taken as section k, and its predecessor.
    let mut best: Vec<[Step; 6]> = Vec::with_capacity(cands.len());
    // ahead[k]: (total, candidate) of the best cell for section k before the current candidate.
    let mut ahead: [Option<(u32, usize)>; 6] = [None; 6];
    for (i, cand) in cands.iter().enumerate() {
        let mut row: [Step; 6] = [None; 6];
        for (k, (slot, m)) in row.iter_mut().zip(cand.matches).enumerate() {
            let Some(m) = m else { continue };
            let own = score(m, cand.heading.numeral == Some(k as u8 + 1));
            *slot = Some(match best_before(&ahead, k) {
                Some((s, j, kk)) => (s + own, Some((j, kk))),
                None => (own, None),
            });
        }
        for (cell, top) in row.iter().zip(ahead.iter_mut()) {
            if let Some((s, _)) = cell {
                if top.is_none_or(|(t, _)| *s > t) {
                    *top = Some((*s, i));
                }
            }
        }
        best.push(row);
    }
    let end = best_before(&ahead, 6).map(|(_, i, k)| (i, k));
    trace(&best, end)
}

/// The best of `ahead`'s cells for sections before `k`: (total, candidate, section); among equal
/// totals the earliest candidate, then the lowest section.
fn best_before(ahead: &[Option<(u32, usize)>; 6], k: usize) -> Option<(u32, usize, usize)> {
    let mut top: Option<(u32, usize, usize)> = None;
    for (kk, cell) in ahead.iter().enumerate().take(k) {
        let Some((s, j)) = *cell else { continue };
        let better = top.is_none_or(|(ts, tj, _)| s > ts || (s == ts && j < tj));
        if s > 0 && better {
            top = Some((s, j, kk));
        }
    }
    top
}

/// Follows the predecessors back from `end`: the candidate chosen for each section.
fn trace(best: &[[Step; 6]], mut end: Option<(usize, usize)>) -> [Option<usize>; 6] {
    let mut out = [None; 6];
    while let Some((i, k)) = end {
        if let Some(slot) = out.get_mut(k) {
            *slot = Some(i);
        }
        end = best
            .get(i)
            .and_then(|row| row.get(k))
            .copied()
            .flatten()
            .and_then(|(_, prev)| prev);
    }
    out
}

/// One cell of the selection table: the best total and the predecessor (candidate, section).
type Step = Option<(u32, Option<(usize, usize)>)>;

/// Each found section's body: from the end of its heading to the next found heading.
fn bodies(sections: &[Option<Heading>; 6], len: usize) -> [Option<Range<usize>>; 6] {
    let mut starts: Vec<usize> = sections.iter().flatten().map(|h| h.line.start).collect();
    crate::sort::ascending(&mut starts);
    let mut out: [Option<Range<usize>>; 6] = Default::default();
    for (slot, h) in out.iter_mut().zip(sections) {
        if let Some(h) = h {
            let end = starts
                .iter()
                .copied()
                .find(|&s| s > h.line.start)
                .unwrap_or(len);
            *slot = Some(h.line.end.min(end)..end);
        }
    }
    out
}

/// The report's title: the first line before the sections that names an annual report, joined
/// with the line above it when that line holds only the body's name.
///
/// A whole web page pasted brings the site's navigation and the article's metadata with it:
/// lines of that kind (see [`is_page_chrome`]) are never the title, nor the body's name above
/// it, and neither are sentences or a bare column name (`政府信息公开工作年度报告` alone, as a
/// site's menu lists it) unless the body's name stands above it.
fn title(norm: &Normalized, before: usize) -> Option<(String, Span)> {
    let head = norm.text.get(..before)?;
    // The non-empty lines before the sections: where each starts and its text, trimmed.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in head.split('\n') {
        let t = line.trim().trim_start_matches(['#', ' ']);
        if !t.is_empty() {
            lines.push((pos + (t.as_ptr() as usize - line.as_ptr() as usize), t));
        }
        pos += line.len() + 1;
    }
    let mut prev: Option<(usize, &str)> = None;
    let mut i = 0;
    while let Some(&(start, t)) = lines.get(i) {
        i += 1;
        if is_page_chrome(t) {
            prev = None;
            continue;
        }
        let (mut text, mut end, mut c) = (t.to_string(), start + t.len(), compact(t));
        // A title wrapped onto a short second line (`……政府信息公开工作年度` / `报告`).
        let wrapped = !names_report(&c) && (c.contains("政府信息公开") || c.ends_with("年度"));
        if let Some(&(next_start, next)) = lines.get(i).filter(|(_, n)| {
            wrapped && n.chars().count() <= 12 && !is_page_chrome(n) && !is_sentence(n)
        }) {
            let joined = format!("{c}{}", compact(next));
            if names_report(&joined) {
                (text, end, c) = (format!("{t}{next}"), next_start + next.len(), joined);
                i += 1;
            }
        }
        if names_report(&c) && !is_sentence(&text) {
            let starts_with_year = c.chars().take(4).all(|ch| ch.is_ascii_digit());
            let generic = is_generic_title(&c);
            let above = prev.filter(|(_, p)| {
                let named = starts_with_year || !c.contains("政府") && !c.contains("局");
                p.chars().count() <= 30 && !is_sentence(p) && (named || generic && is_body_name(p))
            });
            let mut from = start;
            if let Some((pstart, ptext)) = above {
                from = pstart;
                text = format!("{ptext}{text}");
            } else if generic {
                // A column name of the site (its menu, its breadcrumb's last step).
                prev = None;
                continue;
            }
            return Some((text, norm.span(from..end)));
        }
        prev = Some((start, t));
    }
    None
}

/// True when compacted words name an annual report.
fn names_report(compacted: &str) -> bool {
    compacted.contains("年度报告")
        || (compacted.contains("政府信息公开") && compacted.contains("报告"))
}

/// Words a site's navigation and an article's metadata start with (`首页`, `当前位置：`,
/// `发布日期：`, `名称`…), in the normalised text (full-width colons are `:`).
const CHROME_STARTS: &[&str] = &[
    "首页",
    "当前位置",
    "您的位置",
    "您当前的位置",
    "您现在的位置",
    "所在位置",
    "位置:",
    "名称",
    "标题:",
    "索引号",
    "发布机构",
    "发文机关",
    "发布日期",
    "发布时间",
    "发文日期",
    "成文日期",
    "生成日期",
    "文号",
    "发文字号",
    "来源:",
    "信息来源",
    "主题分类",
    "主题词",
    "分类:",
    "公开方式",
    "公开范围",
    "有效性",
    "浏览次数",
    "访问次数",
    "作者:",
    "字号",
    "【字体",
    "[字体",
    "打印本页",
    "关闭窗口",
    "分享到",
];

/// Words only a page's metadata holds, wherever they stand in the line.
const CHROME_WORDS: &[&str] = &[
    "发布日期",
    "发布时间",
    "浏览次数",
    "访问量",
    "字号:",
    "【打印",
    "[打印",
];

/// True for a line of a web page around the report rather than the report: navigation (`首页`,
/// a breadcrumb with `>`), the article's metadata (`发布日期：…`, `名称⇥…`: a tab is a table
/// row, never a title).
fn is_page_chrome(line: &str) -> bool {
    if line.contains('\t') || line.contains(['>', '»', '›']) {
        return true;
    }
    // `标　　题：` is spaced out to line up with the other labels.
    let c = compact(line);
    CHROME_STARTS.iter().any(|w| c.starts_with(w)) || CHROME_WORDS.iter().any(|w| c.contains(w))
}

/// True for a sentence rather than a title: it has a full stop or a comma, or ends with a colon
/// (`现将……年度报告公布如下：`).
fn is_sentence(line: &str) -> bool {
    line.contains(['。', ',', '，', ';', '；']) || line.ends_with([':', '：'])
}

/// True when a compacted title names no body and no year: only the report's kind.
fn is_generic_title(compacted: &str) -> bool {
    let mut rest = compacted.to_string();
    for word in [
        "政府信息公开",
        "政务公开",
        "信息公开",
        "工作",
        "年度报告",
        "年报",
        "报告",
    ] {
        rest = rest.replace(word, "");
    }
    rest.trim_matches(['(', ')', '《', '》', '“', '”'])
        .is_empty()
}

/// True when `line` ends like a body's name (`某市统计局`, `某区人民政府办公室`).
fn is_body_name(line: &str) -> bool {
    const ENDS: &[&str] = &[
        "局",
        "政府",
        "委员会",
        "委",
        "办公室",
        "办",
        "厅",
        "院",
        "部",
        "中心",
        "所",
        "站",
        "队",
        "会",
        "处",
        "署",
        "馆",
        "街道",
        "镇",
        "乡",
        "公司",
    ];
    ENDS.iter().any(|e| line.ends_with(e))
}

/// The report year: `YYYY年` in the title, else the year of the statistics period.
fn year(norm: &Normalized, title: Option<&str>, before: usize) -> Option<u16> {
    if let Some(y) = title.and_then(first_year) {
        return Some(y);
    }
    let head = norm.text.get(..before.min(norm.text.len()))?;
    let at = head.find("统计期限").or_else(|| head.find("统计期间"))?;
    first_year(head.get(at..)?)
}

/// The first plausible `YYYY 年` in `s`.
fn first_year(s: &str) -> Option<u16> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = bytes.get(i..i + 4)?;
        let before_ok = i == 0 || !bytes.get(i - 1).is_some_and(|b| b.is_ascii_digit());
        if before_ok && window.iter().all(u8::is_ascii_digit) {
            let rest = s.get(i + 4..).unwrap_or("").trim_start();
            if rest.starts_with('年') {
                let y: u16 = std::str::from_utf8(window).ok()?.parse().ok()?;
                if (2008..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Outline {
        Outline::read(text, &Normalized::new(text))
    }

    fn found(o: &Outline) -> Vec<u8> {
        o.sections.iter().flatten().map(|h| h.section).collect()
    }

    const ALL: &str = "某局2023年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t0\n四、结转下年度继续办理\t0\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无";

    #[test]
    fn six_sections_title_and_year() {
        let o = outline(ALL);
        assert_eq!(found(&o), [1, 2, 3, 4, 5, 6]);
        assert_eq!(
            o.title.as_ref().map(|t| t.0.as_str()),
            Some("某局2023年政府信息公开工作年度报告")
        );
        assert_eq!(o.year, Some(2023));
        assert!(o.leftovers.is_empty());
        let s4 = o.section(4).unwrap();
        assert_eq!(s4.text, "四、政府信息公开行政复议、行政诉讼情况");
    }

    #[test]
    fn bracketed_numerals_only_for_section_titles() {
        let o = outline("（一）总体情况\n（一）主动公开\n（二）依申请公开\n（二）主动公开政府信息情况\n(三)收到和处理政府信息公开申请情况\n");
        assert_eq!(found(&o), [1, 2, 3]);
        assert_eq!(o.section(2).unwrap().text, "（二）主动公开政府信息情况");
        assert!(o.leftovers.is_empty(), "{:?}", o.leftovers);
    }

    #[test]
    fn a_table_of_contents_is_not_the_sections() {
        let toc =
            "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
        let o = outline(&format!("{toc}一、总体情况\n正文\n二、主动公开政府信息情况\n正文\n三、收到和处理政府信息公开申请情况\n正文\n"));
        assert_eq!(found(&o), [1, 2, 3]);
        assert!(o.leftovers.is_empty(), "{:?}", o.leftovers);
        assert_eq!(o.section(1).unwrap().line.start, toc.len());
    }

    #[test]
    fn a_numbered_list_is_not_a_missing_section() {
        let o = outline("一、总体情况\n五、存在的主要问题及改进情况\n一、加强组织领导。\n二、完善制度。\n六、加强培训。\n");
        assert_eq!(found(&o), [1, 5]);
        // A misnamed section is still taken when no list is open.
        let o = outline("一、总体情况\n五、存在的主要问题及改进情况\n六、其他情况说明\n");
        assert_eq!(found(&o), [1, 5, 6]);
    }

    #[test]
    fn arabic_numerals_only_for_exact_titles() {
        let o = outline("1、总体情况\n1、主动公开情况\n2、主动公开政府信息情况\n1.属于国家秘密\n");
        assert_eq!(found(&o), [1, 2]);
        assert_eq!(o.section(2).unwrap().numeral, Some(2));
    }

    #[test]
    fn headings_run_into_their_first_paragraph() {
        let text = "一、总体情况。2023年，我局认真贯彻落实《条例》，主动公开政府信息190条，依申请公开工作规范有序。\n二、主动公开政府信息情况\n";
        let o = outline(text);
        assert_eq!(found(&o), [1, 2]);
        let h = o.section(1).unwrap();
        assert_eq!(h.text, "一、总体情况");
        assert_eq!(h.matched, TitleMatch::Exact);
        let norm = Normalized::new(text);
        let body = o.body(1).and_then(|b| norm.text.get(b)).unwrap_or("");
        assert!(body.starts_with("。2023年"), "{body}");
    }

    #[test]
    fn heading_variants() {
        let o = outline("一 、总体情况\n## 二.主动公开政府信息情况\n第三部分 收到和处理政府信息公开申请情况\n（一）主动公开\n");
        assert_eq!(found(&o), [1, 2, 3]);
    }

    #[test]
    fn numeral_that_disagrees_with_title_and_junk() {
        let o = outline(
            "一、总体情况\n三、主动公开政府信息情况\n|三、收到和处理政府信息公开申请情况\n",
        );
        let s2 = o.section(2).unwrap();
        assert_eq!(s2.numeral, Some(3));
        assert!(o.section(3).unwrap().junk.is_some());
    }

    #[test]
    fn duplicate_and_out_of_order() {
        let o = outline("一、总体情况\n二、主动公开政府信息情况\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n三、收到和处理政府信息公开申请情况\n");
        assert!(matches!(
            o.leftovers.as_slice(),
            [Leftover::Duplicate { section: 2, .. }]
        ));
        let oo: Vec<u8> = o
            .sections
            .iter()
            .flatten()
            .filter(|h| h.out_of_order)
            .map(|h| h.section)
            .collect();
        assert_eq!(oo.len(), 1);
    }

    #[test]
    fn subtopics_numbered_as_sections() {
        let o = outline("一、总体情况\n一、主动公开\n二、依申请公开\n二、主动公开政府信息情况\n");
        assert_eq!(o.section(2).unwrap().matched, TitleMatch::Exact);
        assert!(o.leftovers.iter().any(|l| matches!(
            l,
            Leftover::SubTopic {
                topic: "依申请公开",
                ..
            }
        )));
    }

    #[test]
    fn subtopics_numbered_as_sub_items_are_in_their_place() {
        let o = outline("一、总体情况\n（一）主动公开政府信息情况\n2、依申请公开情况\n二、主动公开政府信息情况\n");
        assert_eq!(found(&o), [1, 2]);
        assert!(o.leftovers.is_empty(), "{:?}", o.leftovers);
    }

    fn title_of(text: &str) -> Option<String> {
        outline(text).title.map(|t| t.0)
    }

    #[test]
    fn navigation_and_metadata_of_a_web_page_are_not_the_title() {
        let title = "某区统计局2023年政府信息公开工作年度报告";
        for chrome in [
            format!("当前位置：首页 > 政务公开 > {title}"),
            format!("首页 » 信息公开 » {title}"),
            format!("名称\t{title}"),
            format!("名称：\t{title}\t文号："),
            format!("标　　题：{title}"),
            format!("发布日期：2024-01-20 来源：{title}"),
            "政府信息公开工作年度报告".to_string(),
            format!("现将{title}公布如下："),
            format!("本报告根据条例编制，为{title}。"),
        ] {
            let text = format!("{chrome}\n一、总体情况\n二、主动公开政府信息情况\n");
            assert_eq!(title_of(&text), None, "{chrome}");
            let text = format!("{chrome}\n{title}\n一、总体情况\n二、主动公开政府信息情况\n");
            assert_eq!(title_of(&text).as_deref(), Some(title), "{chrome}");
        }
    }

    #[test]
    fn a_title_wrapped_or_under_its_body_name_is_whole() {
        let body = "\n一、总体情况\n二、主动公开政府信息情况\n";
        let wrapped = format!("某区某局2019年政府信息公开工作年度\n报告{body}");
        assert_eq!(
            title_of(&wrapped).as_deref(),
            Some("某区某局2019年政府信息公开工作年度报告")
        );
        let named = format!("某市统计局\n政府信息公开工作年度报告{body}");
        assert_eq!(
            title_of(&named).as_deref(),
            Some("某市统计局政府信息公开工作年度报告")
        );
        // A menu item above a column name is not a body's name.
        let menu = format!("法定主动公开内容\n政府信息公开年度报告{body}");
        assert_eq!(title_of(&menu), None);
        // A line of navigation between the body's name and the title is not joined.
        let apart = format!("某区人民政府\n首页\n2023年政府信息公开工作年度报告{body}");
        assert_eq!(
            title_of(&apart).as_deref(),
            Some("2023年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn split_title_and_period_year() {
        let o = outline("洪泽区人民政府\n2023 年政府信息公开工作年度报告\n一、总体情况\n");
        assert_eq!(
            o.title.as_ref().map(|t| t.0.as_str()),
            Some("洪泽区人民政府2023 年政府信息公开工作年度报告")
        );
        assert_eq!(o.year, Some(2023));
    }
}
