//! Template-guided reading of labelled rows, shared by the tables of sections 二 and 三.
//!
//! Reading never goes by the position of numbers alone. Consecutive text tokens form a *run*
//! (labels broken over lines, merged group labels, header cells); each template row is found, in
//! template order, by one of its anchor words in a run after the previous row. A row's values
//! are the number and blank tokens after its label run and before the next row's run; once a row
//! has all its values, the next text ends it, so a label fragment or header that follows is not
//! read as part of it, and any number after that belongs to no row (an orphan, reported).
//!
//! Labels that are not where the words alone would put them are handled here too: a label
//! broken by its own numbers, anchor words that come after the numbers, a label glued to a
//! header word, cells of a header row (OCR filler headers, headers repeated at page breaks) that
//! name rows but are not rows. Filling a row's columns — including a wrong number of values,
//! resolved by `resolve.rs` only when the row identity leaves one reading — lives in `row.rs`;
//! comparing labels in `labels.rs`.
//!
//! Invariant: a row's values are either read exactly, resolved with a recorded `Fit::Resolved`,
//! or unknown; a number is never shifted silently.

use std::ops::Range;

use super::labels::{
    cap_chars, continues, followed_by_furniture, furniture_words, label_status, loose,
    loose_template, numbering_len, strip_numbering, LabelRead, LabelStatus,
};
use super::row::{Cell, Identity, Padding, RowRead, RowSpec};
use super::tokens::{parse_amount, Kind, Token};
use crate::span::Span;
use crate::template::{compacted, RowDef, S3_ROWS};
use crate::text::{compact, contains, find, Normalized};

/// What follows a row's label: its values, the empty cells around them, where the row ends,
/// and words with digits that are not numbers.
struct Collected {
    found: Vec<Cell>,
    padding: Padding,
    end: usize,
    unreadable: Vec<(String, Span)>,
}

/// A maximal sequence of text tokens, with its words joined (white space removed).
#[derive(Debug)]
struct Run {
    tokens: Range<usize>,
    text: String,
    /// Normalised byte offset of each token's first byte: the token's bytes in `text` are its
    /// bytes of the normalised text.
    token_norm: Vec<u32>,
    /// Byte offsets in `text` where a token starts.
    token_starts: Vec<usize>,
    /// Byte offsets in `text` where a token ends.
    token_ends: Vec<usize>,
    /// The index (in the region's tokens) of each text token of the run.
    token_ids: Vec<usize>,
}

/// Where a row's anchor was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    run: usize,
    at: usize,
    len: usize,
}

/// The tokens and runs of one table region.
pub struct Reader<'a> {
    norm: &'a Normalized,
    pub tokens: Vec<Token>,
    runs: Vec<Run>,
    /// Tokens that are cells of a header row naming several rows (`| 项目 | 本年新收件数 |
    /// 上年结转件数 | 予以公开 | … |`, as OCR tools write filler headers): never a row's label.
    header_cells: Vec<bool>,
}

/// The longest label text kept, in chars (the template's longest label has 38).
const MAX_LABEL_CHARS: usize = 120;
/// How far (in chars) before an anchor a row's numbering may stand.
const MAX_NUMBERING_GAP: usize = 30;

impl<'a> Reader<'a> {
    /// Tokenises `region` of the normalised text.
    pub fn new(norm: &'a Normalized, region: Range<usize>) -> Reader<'a> {
        let tokens = super::tokens::tokenize(&norm.text, region);
        let runs = runs(&norm.text, &tokens);
        let header_cells = header_cells(&tokens, &runs);
        Reader {
            norm,
            tokens,
            runs,
            header_cells,
        }
    }

    /// Reads `specs` in order, starting at token `from`; returns one [`RowRead`] per spec.
    pub fn read_rows(
        &self,
        specs: &[RowSpec],
        from: usize,
        identity: Option<Identity>,
    ) -> Vec<RowRead> {
        let hits = self.match_rows(specs, from);
        // Where each row's own label starts inside its run.
        let starts: Vec<Option<usize>> = hits
            .iter()
            .zip(specs)
            .map(|(hit, spec)| {
                let numbered = numbering_len(&compact(spec.def.label)).is_some();
                hit.and_then(|h| Some(self.runs.get(h.run)?.label_start(h, numbered)))
            })
            .collect();
        let labels: Vec<Option<(LabelRead, usize)>> = hits
            .iter()
            .zip(specs)
            .enumerate()
            .map(|(i, (hit, spec))| {
                let hit = (*hit)?;
                // The label ends where the next row's label starts, when that is in the same run.
                let until = hits
                    .iter()
                    .zip(&starts)
                    .skip(i + 1)
                    .find_map(|(h, s)| h.zip(*s))
                    .filter(|(next, _)| next.run == hit.run)
                    .map(|(_, at)| at);
                Some(self.label(spec.def, self.runs.get(hit.run)?, hit, until))
            })
            .collect();
        let mut rows = Vec::with_capacity(specs.len());
        for (i, ((spec, hit), label)) in specs.iter().zip(&hits).zip(&labels).enumerate() {
            let (Some(hit), Some((label, label_token))) = (hit, label.clone()) else {
                rows.push(RowRead::missing(spec));
                continue;
            };
            let next_start = labels
                .iter()
                .skip(i + 1)
                .flatten()
                .map(|(_, t)| *t)
                .next()
                .unwrap_or(self.tokens.len());
            rows.push(self.read_row(spec, *hit, label, label_token, next_start, identity));
        }
        rows
    }

    /// Finds each spec's anchor in template order.
    fn match_rows(&self, specs: &[RowSpec], from: usize) -> Vec<Option<Hit>> {
        let first_run = self.runs.iter().position(|r| r.tokens.start >= from);
        let mut cursor = (first_run.unwrap_or(self.runs.len()), 0);
        let mut hits = vec![None; specs.len()];
        // A row not found from some cursor is not found from any later one either.
        let mut absent: Vec<bool> = vec![false; specs.len()];
        let mut find = |i: usize, cursor: (usize, usize)| -> Option<Hit> {
            if absent.get(i).copied().unwrap_or(true) {
                return None;
            }
            let hit = self.find(specs.get(i)?.def, cursor);
            if hit.is_none() {
                if let Some(a) = absent.get_mut(i) {
                    *a = true;
                }
            }
            hit
        };
        for i in 0..specs.len() {
            let Some(hit) = find(i, cursor) else {
                continue;
            };
            // A later row found first means this row is absent here, not further on.
            let later_first =
                find(i + 1, cursor).is_some_and(|n| (n.run, n.at) < (hit.run, hit.at));
            if later_first {
                continue;
            }
            if let Some(slot) = hits.get_mut(i) {
                *slot = Some(hit);
            }
            cursor = (hit.run, hit.at + hit.len);
        }
        hits
    }

    /// The first place at or after `cursor` where one of `def`'s anchors stands.
    fn find(&self, def: &RowDef, cursor: (usize, usize)) -> Option<Hit> {
        for (ri, run) in self.runs.iter().enumerate().skip(cursor.0) {
            let from = if ri == cursor.0 { cursor.1 } else { 0 };
            let mut best: Option<Hit> = None;
            for anchor in def.anchors {
                let mut search = from;
                while let Some(p) = run.text.get(search..).and_then(|t| find(t, anchor)) {
                    let at = search + p;
                    let hit = Hit {
                        run: ri,
                        at,
                        len: anchor.len(),
                    };
                    let header = self.is_header_cell(run, at);
                    if !header && (!def.whole || run.is_whole(at, anchor.len())) {
                        if best.is_none_or(|b| at < b.at) {
                            best = Some(hit);
                        }
                        break;
                    }
                    search = at + anchor.len();
                }
            }
            if let Some(hit) = best {
                return Some(self.retarget(def, hit, cursor));
            }
            if let Some(hit) = self.straddling(def, ri, from) {
                return Some(hit);
            }
        }
        None
    }

    /// True when byte `at` of `run` lies in a header cell (see `header_cells`).
    fn is_header_cell(&self, run: &Run, at: usize) -> bool {
        let id = run.token_ids.get(run.token_index_at(at));
        id.and_then(|&i| self.header_cells.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// A numbered row whose anchor words came after its numbers (`6.属于四` 0 1 2 … `类过程性信息`):
    /// when the anchor's run does not hold the row's numbering but the run before it ends with
    /// the numbering and the start of the label, the row starts there.
    fn retarget(&self, def: &RowDef, hit: Hit, cursor: (usize, usize)) -> Hit {
        let label = compact(def.label);
        let Some(numbering) = numbering_len(&label).and_then(|n| label.get(..n)) else {
            return hit;
        };
        let Some(run) = self.runs.get(hit.run) else {
            return hit;
        };
        let start = run.label_start(hit, true);
        if run
            .text
            .get(start..)
            .is_some_and(|t| numbering_len(t).is_some())
        {
            return hit;
        }
        let Some(prev_index) = hit.run.checked_sub(1).filter(|&p| p >= cursor.0) else {
            return hit;
        };
        let Some(prev) = self.runs.get(prev_index) else {
            return hit;
        };
        let canonical = loose_template(def.label);
        let found = prev
            .text
            .rmatch_indices(numbering)
            .map(|(p, _)| p)
            .find(|&p| {
                let fragment = loose(prev.text.get(p..).unwrap_or(""));
                (prev_index > cursor.0 || p >= cursor.1)
                    && fragment.chars().count() > loose(numbering).chars().count()
                    && canonical.starts_with(&fragment)
            });
        match found {
            Some(p) => Hit {
                run: prev_index,
                at: p,
                len: prev.text.len() - p,
            },
            None => hit,
        }
    }

    /// An anchor broken by the row's own numbers: its start ends run `ri` and its rest starts the
    /// next run (`…属于国家` 0 0 0 … `秘密`), as labels wrapped in PDF and Word layouts come.
    fn straddling(&self, def: &RowDef, ri: usize, from: usize) -> Option<Hit> {
        if def.whole {
            return None;
        }
        let run = self.runs.get(ri)?;
        let next = self.runs.get(ri + 1)?;
        for anchor in def.anchors {
            for (k, _) in anchor.char_indices().skip(1) {
                let (head, tail) = (anchor.get(..k)?, anchor.get(k..)?);
                let at = run.text.len().checked_sub(head.len())?;
                if at >= from && run.text.ends_with(head) && next.text.starts_with(tail) {
                    return Some(Hit {
                        run: ri,
                        at,
                        len: head.len(),
                    });
                }
            }
        }
        None
    }

    fn read_row(
        &self,
        spec: &RowSpec,
        hit: Hit,
        mut label: LabelRead,
        label_token: usize,
        next_start: usize,
        identity: Option<Identity>,
    ) -> RowRead {
        let Some(run) = self.runs.get(hit.run) else {
            return RowRead::missing(spec);
        };
        // Values come after the label's run; empty cells may stand right after the label.
        let Collected {
            found,
            padding,
            end: end_token,
            unreadable,
        } = self.collect(label_token + 1, next_start, spec);
        if label.status == LabelStatus::Differs {
            // A label interrupted by its numbers continues after them (PDF and Word layouts).
            let rest = self.words_in(end_token.min(next_start)..next_start);
            if continues(&label.text, &rest, spec.def) {
                label.status = LabelStatus::Exact;
            }
        }
        let mut row = RowRead::missing(spec);
        let label_span = label.span;
        row.label = Some(label);
        row.start_token = run.tokens.start;
        row.label_token = label_token;
        row.end_token = end_token;
        row.span = Some(
            found
                .last()
                .map_or(label_span, |c| label_span.cover(c.span)),
        );
        row.fill_padded(found, &padding, identity);
        row.unreadable = unreadable;
        row
    }

    /// Value tokens from `from` up to `until`; after the row's width of values the next text
    /// ends the row. An amount with its unit is a value of a row that takes one.
    fn collect(&self, from: usize, until: usize, spec: &RowSpec) -> Collected {
        let width = spec.width;
        let mut found = Vec::new();
        let mut values: Vec<usize> = Vec::new();
        let mut unreadable = Vec::new();
        let mut end = from;
        for (i, t) in self.tokens.iter().enumerate().take(until).skip(from) {
            let span = self.norm.span(t.range());
            match t.kind {
                Kind::Text if found.len() >= width => break,
                Kind::Text => {
                    let word = self.norm.text.get(t.range()).unwrap_or("");
                    if let Some(amount) = parse_amount(word).filter(|_| spec.amounts) {
                        found.push(Cell {
                            value: Some(amount),
                            span,
                        });
                        values.push(i);
                        end = i + 1;
                        continue;
                    }
                    let digits = word.bytes().any(|b| b.is_ascii_digit());
                    if digits && word.chars().count() <= 16 && numbering_len(word).is_none() {
                        unreadable.push((word.to_string(), span, t.line));
                    }
                }
                Kind::Empty => {}
                Kind::Number => {
                    found.push(Cell {
                        value: t.number(&self.norm.text),
                        span,
                    });
                    values.push(i);
                }
                Kind::Blank => {
                    found.push(Cell { value: None, span });
                    values.push(i);
                }
            }
            end = i + 1;
        }
        let padding = match (values.first(), values.last()) {
            (Some(&first), Some(&last)) => self.padding(first, last, from..end),
            // No value: the cells left empty after the label, at the end of its line.
            _ => {
                let label_line = from
                    .checked_sub(1)
                    .and_then(|i| self.tokens.get(i))
                    .map(|t| t.line);
                let on_line: Vec<(usize, &Token)> = self
                    .tokens
                    .iter()
                    .enumerate()
                    .take(end)
                    .skip(from)
                    .filter(|(_, t)| Some(t.line) == label_line)
                    .collect();
                let after_text = on_line
                    .iter()
                    .rposition(|(_, t)| t.kind == Kind::Text)
                    .map_or(0, |p| p + 1);
                let trail = on_line
                    .iter()
                    .skip(after_text)
                    .filter(|(_, t)| t.kind == Kind::Empty)
                    .map(|(i, _)| self.blank_cell(*i))
                    .collect();
                Padding {
                    lead: Vec::new(),
                    trail,
                }
            }
        };
        // Only words on the row's own lines (its label's and its values') stand in its cells.
        let label_line = from
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.line);
        let value_lines: Vec<u32> = values
            .iter()
            .filter_map(|&i| self.tokens.get(i))
            .map(|t| t.line)
            .collect();
        let unreadable = unreadable
            .into_iter()
            .filter(|(_, _, line)| Some(*line) == label_line || value_lines.contains(line))
            .map(|(word, span, _)| (word, span))
            .collect();
        Collected {
            found,
            padding,
            end,
            unreadable,
        }
    }

    /// The empty cells in `within` (token indices) on the line of token `first` before it, and
    /// on the line of token `last` after it.
    pub fn padding(&self, first: usize, last: usize, within: Range<usize>) -> Padding {
        let line = |i: usize| self.tokens.get(i).map(|t| t.line);
        let empties = || {
            self.tokens
                .iter()
                .enumerate()
                .take(within.end)
                .skip(within.start)
                .filter(|(_, t)| t.kind == Kind::Empty)
                .map(|(i, t)| (i, t.line))
        };
        Padding {
            lead: empties()
                .filter(|&(i, l)| i < first && Some(l) == line(first))
                .map(|(i, _)| self.blank_cell(i))
                .collect(),
            trail: empties()
                .filter(|&(i, l)| i > last && Some(l) == line(last))
                .map(|(i, _)| self.blank_cell(i))
                .collect(),
        }
    }

    /// An empty cell taken as a blank cell of a row.
    fn blank_cell(&self, i: usize) -> Cell {
        Cell {
            value: None,
            span: self
                .tokens
                .get(i)
                .map_or(Span::default(), |t| self.norm.span(t.range())),
        }
    }

    /// The row's label, from its numbering (or the start of its word) to the end of the run or
    /// to `until` (where the next row's label starts in the same run), and the index of the
    /// token where it starts.
    fn label(&self, def: &RowDef, run: &Run, hit: Hit, until: Option<usize>) -> (LabelRead, usize) {
        let start = run.label_start(hit, numbering_len(&compact(def.label)).is_some());
        let end = until.filter(|&u| u > start).unwrap_or(run.text.len());
        // A label is short; text far beyond it in the same run is not part of it.
        let end = cap_chars(&run.text, start, end, MAX_LABEL_CHARS);
        let end = before_cell_words(run, def, start, end);
        let text = run.text.get(start..end).unwrap_or("").to_string();
        let span = run.span(self.norm, start..end);
        let mut status = label_status(&text, def);
        if status == LabelStatus::Differs && followed_by_furniture(&text, def) {
            status = LabelStatus::Exact;
        }
        // Header cells that stand between a row's own numbering and its label (OCR tables that
        // repeat the label under a small header) do not make the label wrong: any suffix that
        // starts at a word boundary and is the template's label counts.
        if status == LabelStatus::Differs {
            let first = run.token_starts.partition_point(|&s| s <= start);
            let last = run.token_starts.partition_point(|&s| s < end);
            let bare = loose(&strip_numbering(def.label));
            let suffix_exact = run
                .token_starts
                .get(first..last)
                .unwrap_or(&[])
                .iter()
                .any(|&s| {
                    run.text.get(s..end).is_some_and(|t| {
                        label_status(t, def) == LabelStatus::Exact || loose(t) == bare
                    })
                });
            if suffix_exact {
                status = LabelStatus::Exact;
            }
        }
        let token = run
            .token_ids
            .get(run.token_index_at(start))
            .copied()
            .unwrap_or(run.tokens.start);
        (LabelRead { text, span, status }, token)
    }

    /// Value tokens in `range` of token indices (for orphans and headless tables).
    pub fn values_in(&self, range: Range<usize>) -> Vec<Cell> {
        self.tokens
            .get(range)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.is_value())
            .map(|t| Cell {
                value: t.number(&self.norm.text),
                span: self.norm.span(t.range()),
            })
            .collect()
    }

    /// The joined text of all text tokens in `range` (no spans: see [`Reader::text_in`]).
    pub fn words_in(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        for t in self.tokens.get(range).unwrap_or(&[]) {
            if t.kind == Kind::Text {
                out.push_str(self.norm.text.get(t.range()).unwrap_or(""));
            }
        }
        out
    }

    /// The joined text of all text tokens in `range`, with the span of each byte.
    pub fn text_in(&self, range: Range<usize>) -> Joined {
        let mut out = Joined::default();
        for t in self.tokens.get(range).unwrap_or(&[]).iter() {
            if t.kind != Kind::Text {
                continue;
            }
            let word = self.norm.text.get(t.range()).unwrap_or("");
            for (i, c) in word.char_indices() {
                let at = t.start() + i;
                out.text.push(c);
                let span = self.norm.span(at..at + c.len_utf8());
                for _ in 0..c.len_utf8() {
                    out.spans.push(span);
                }
            }
        }
        out
    }

    /// The normalised text of `range`.
    pub fn norm_text(&self, range: Range<usize>) -> &str {
        self.norm.text.get(range).unwrap_or("")
    }
}

/// Text joined from tokens, with the original span of each byte.
#[derive(Debug, Default)]
pub struct Joined {
    pub text: String,
    spans: Vec<Span>,
}

impl Joined {
    /// The original span of `text[range]`.
    pub fn span(&self, range: Range<usize>) -> Option<Span> {
        let a = self.spans.get(range.start)?;
        let b = self.spans.get(range.end.checked_sub(1)?)?;
        Some(a.cover(*b))
    }
}

impl Run {
    /// The start of the token holding byte `at` of the run text (token starts are sorted).
    fn token_start_at(&self, at: usize) -> usize {
        let i = self.token_starts.partition_point(|&s| s <= at);
        i.checked_sub(1)
            .and_then(|i| self.token_starts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The index (within the run) of the token holding byte `at`.
    fn token_index_at(&self, at: usize) -> usize {
        self.token_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// True when `text[at..at+len]` is a whole word: it ends at a token end, and starts at a
    /// token start or right after a numbering such as `3.` or `(七)`.
    fn is_whole(&self, at: usize, len: usize) -> bool {
        let end = at + len;
        if self.token_ends.binary_search(&end).is_err() {
            return false;
        }
        let token_start = self.token_start_at(at);
        let before = self.text.get(token_start..at).unwrap_or("");
        // A header word may be glued to the label when single spaces were folded away
        // (`现行有效件数 规章` in a table flattened into one line).
        before.is_empty()
            || numbering_len(before) == Some(before.len())
            || furniture_words()
                .iter()
                .any(|w| before.ends_with(w.as_str()))
    }

    /// Where the label of the row anchored at `hit` starts: its numbering when it has one,
    /// else the start of the token holding the anchor.
    fn label_start(&self, hit: Hit, numbered: bool) -> usize {
        let token_start = self.token_start_at(hit.at);
        if !numbered {
            return token_start;
        }
        let mut floor = hit.at;
        let mut chars = 0;
        for (i, _) in self.text.get(..hit.at).unwrap_or("").char_indices().rev() {
            chars += 1;
            if chars > MAX_NUMBERING_GAP {
                break;
            }
            floor = i;
            if let Some(n) = numbering_len(self.text.get(i..).unwrap_or("")) {
                if i + n <= hit.at {
                    return i;
                }
            }
        }
        token_start.max(floor).min(hit.at)
    }

    fn span(&self, norm: &Normalized, range: Range<usize>) -> Span {
        let a = self.norm_char(range.start).map_or(0, |c| c.0);
        let b = range
            .end
            .checked_sub(1)
            .and_then(|e| self.norm_char(e))
            .map_or(a, |c| c.1);
        norm.span(a..b.max(a))
    }

    /// The normalised byte range of the char holding byte `at` of the run text.
    fn norm_char(&self, at: usize) -> Option<(usize, usize)> {
        if at >= self.text.len() {
            return None;
        }
        let i = self.token_index_at(at);
        let token_start = *self.token_starts.get(i)?;
        let start = crate::span::floor_char_boundary(&self.text, at);
        let width = self.text.get(start..)?.chars().next()?.len_utf8();
        let norm = *self.token_norm.get(i)? as usize + (start - token_start);
        Some((norm, norm + width))
    }
}

/// Marks the cells of header rows: in a run, short tokens without numbering that each hold a
/// section 三 row's anchor (or are one of its whole-word anchors), when three or more rows are
/// named by their distinctive words.
fn header_cells(tokens: &[Token], runs: &[Run]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    for run in runs.iter().filter(|r| r.token_ids.len() >= 3) {
        let mut cells: Vec<(usize, &str, bool)> = Vec::new();
        for ((&id, &a), &b) in run
            .token_ids
            .iter()
            .zip(&run.token_starts)
            .zip(&run.token_ends)
        {
            let word = run.text.get(a..b).unwrap_or("");
            if word.chars().count() > 8 || numbering_len(word).is_some() {
                continue;
            }
            let row = S3_ROWS.iter().find(|r| {
                r.anchors.iter().any(|an| {
                    if r.whole {
                        word == *an
                    } else {
                        contains(word, an)
                    }
                })
            });
            if let Some(row) = row {
                cells.push((id, row.key, row.whole));
            }
        }
        // Whole-word rows (总计, 其他) count only with others: alone they are ordinary labels.
        let mut keys: Vec<&str> = cells.iter().filter(|c| !c.2).map(|c| c.1).collect();
        crate::sort::ascending(&mut keys);
        keys.dedup();
        if keys.len() >= 3 {
            for (id, _, _) in cells {
                if let Some(x) = out.get_mut(id) {
                    *x = true;
                }
            }
        }
        // The column headers of section 三, repeated where a page breaks the table: their
        // `其他` and `总计` are headers, not the rows 3.其他 and （七）总计.
        let columns: Vec<usize> = run
            .token_ids
            .iter()
            .zip(&run.token_starts)
            .zip(&run.token_ends)
            .filter(|((_, &a), &b)| {
                let word = run.text.get(a..b).unwrap_or("");
                compacted().s3_header_words.iter().any(|c| c == word)
            })
            .map(|((&id, _), _)| id)
            .collect();
        if columns.len() >= 3 {
            for id in columns {
                if let Some(x) = out.get_mut(id) {
                    *x = true;
                }
            }
        }
    }
    out
}

/// Groups consecutive text tokens into runs.
fn runs(text: &str, tokens: &[Token]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut open = false;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Text => {}
            // An empty cell between two label cells does not part them.
            Kind::Empty => continue,
            Kind::Number | Kind::Blank => {
                open = false;
                continue;
            }
        }
        if !open {
            out.push(Run {
                tokens: i..i,
                text: String::new(),
                token_norm: Vec::new(),
                token_starts: Vec::new(),
                token_ends: Vec::new(),
                token_ids: Vec::new(),
            });
            open = true;
        }
        let Some(run) = out.last_mut() else { continue };
        run.tokens.end = i + 1;
        run.token_ids.push(i);
        run.token_starts.push(run.text.len());
        run.token_norm.push(t.start() as u32);
        run.text.push_str(text.get(t.range()).unwrap_or(""));
        run.token_ends.push(run.text.len());
    }
    out
}

/// Where a label that is the template's label followed by words with digits ends: the words
/// are cell contents that are not numbers (`行政事业性收费 380元`), reported as such, not part
/// of the label. Otherwise `end`.
fn before_cell_words(run: &Run, def: &RowDef, start: usize, end: usize) -> usize {
    let text = run.text.get(start..end).unwrap_or("");
    if label_status(text, def) == LabelStatus::Exact {
        return end;
    }
    let first = run.token_starts.partition_point(|&s| s <= start);
    let last = run.token_starts.partition_point(|&s| s < end);
    let starts = run.token_starts.get(first..last).unwrap_or(&[]);
    let has_digits = |a: usize, b: usize| {
        run.text
            .get(a..b)
            .is_some_and(|w| w.bytes().any(|c| c.is_ascii_digit()))
    };
    for (k, &cut) in starts.iter().enumerate() {
        let ends = starts.iter().skip(k + 1).copied().chain([end]);
        let cell_words = starts
            .iter()
            .skip(k)
            .zip(ends)
            .all(|(&a, b)| has_digits(a, b));
        let head = run.text.get(start..cut).unwrap_or("");
        if cell_words && label_status(head, def) == LabelStatus::Exact {
            return cut;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::row::Fit;
    use crate::template::S3_ROWS;

    fn row_identity(v: &[i64]) -> bool {
        v.len() == 7 && v[..6].iter().sum::<i64>() == v[6]
    }

    fn read(text: &str, keys: &[&str]) -> Vec<RowRead> {
        let norm = Normalized::new(text);
        let reader = Reader::new(&norm, 0..norm.text.len());
        let specs: Vec<RowSpec> = keys
            .iter()
            .map(|k| RowSpec {
                def: S3_ROWS.iter().find(|r| r.key == *k).unwrap(),
                width: 7,
                amounts: false,
            })
            .collect();
        reader.read_rows(&specs, 0, Some(&row_identity))
    }

    fn ints(r: &RowRead) -> Vec<Option<i64>> {
        (0..r.width).map(|i| r.int(i)).collect()
    }

    #[test]
    fn tab_separated_rows() {
        let rows = read(
            "（七）总计\t1\t0\t0\t0\t0\t0\t1\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            &["total", "carry_forward"],
        );
        assert_eq!(ints(&rows[0]), [1, 0, 0, 0, 0, 0, 1].map(Some));
        assert_eq!(rows[0].label.as_ref().unwrap().status, LabelStatus::Exact);
        assert_eq!(rows[1].fit, Fit::Exact);
    }

    #[test]
    fn label_interrupted_by_numbers() {
        let text = "（二）部分公开（区分处理的，只\t0\t0\t0\t0\t0\t0\t0\n\n度办 理结 果\t计这一情形，不计其他情形)\n\t(三) 不予公 开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0";
        let rows = read(text, &["partial", "denied_1"]);
        assert_eq!(rows[0].found.len(), 7);
        assert_eq!(rows[1].found.len(), 7);
        assert_eq!(rows[1].label.as_ref().unwrap().text, "1.属于国家秘密");
    }

    #[test]
    fn surplus_value_resolved_only_when_certain() {
        let rows = read(
            "1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t0\t1",
            &["unable_1"],
        );
        assert_eq!(rows[0].fit, Fit::Resolved { found: 8 });
        assert_eq!(ints(&rows[0]), [1, 0, 0, 0, 0, 0, 1].map(Some));
        // Two readings balance with different numbers: stays unknown.
        let rows = read(
            "1.本机关不掌握相关政府信息\t1\t1\t0\t0\t0\t0\t1\t1",
            &["unable_1"],
        );
        assert_eq!(rows[0].fit, Fit::Ambiguous { found: 8 });
        assert_eq!(ints(&rows[0]), [None; 7]);
    }

    #[test]
    fn missing_rows_stay_missing() {
        let rows = read(
            "1.属于国家秘密 0 0 0 0 0 0 0\n3.危及“三安全一稳定” 0 0 0 0 0 0 0",
            &["denied_1", "denied_2", "denied_3"],
        );
        assert!(rows[0].is_found() && !rows[1].is_found() && rows[2].is_found());
        assert_eq!(ints(&rows[1]), [None; 7]);
    }

    #[test]
    fn misspelled_label_is_found_and_flagged() {
        let rows = read("2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0", &["denied_2"]);
        assert_eq!(rows[0].label.as_ref().unwrap().status, LabelStatus::Variant);
    }

    #[test]
    fn column_headers_repeated_at_a_page_break_are_not_rows() {
        let text = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n- 4 -\n自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n3.其他\t1\t0\t0\t0\t0\t0\t1\n（七）总计\t2\t0\t0\t0\t0\t0\t2";
        let rows = read(text, &["other_2", "other_3", "total"]);
        assert_eq!(ints(&rows[1]), [1, 0, 0, 0, 0, 0, 1].map(Some));
        assert_eq!(ints(&rows[2]), [2, 0, 0, 0, 0, 0, 2].map(Some));
        assert_eq!(rows[1].label.as_ref().unwrap().status, LabelStatus::Exact);
    }

    #[test]
    fn anchor_broken_by_the_numbers() {
        let text = "1.属于国家\t0\t0\t0\t0\t0\t0\t0\n秘密\n2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0";
        let rows = read(text, &["denied_1", "denied_2"]);
        assert_eq!(rows[0].found.len(), 7);
        assert_eq!(rows[0].label.as_ref().unwrap().status, LabelStatus::Exact);
        assert_eq!(rows[1].found.len(), 7);
    }

    #[test]
    fn numbering_forms() {
        assert_eq!(numbering_len("1.属于"), Some(2));
        assert_eq!(numbering_len("12、x"), Some(5));
        assert_eq!(numbering_len("(七)总计"), Some(5));
        assert_eq!(numbering_len("一、本年"), Some(6));
        assert_eq!(numbering_len("1.5"), None);
        assert_eq!(numbering_len("三安全"), None);
    }
}
