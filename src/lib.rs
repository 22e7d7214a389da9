//! nianbao checks a government information-disclosure annual report (政府信息公开工作年度报告)
//! against the official format, 国办公开办函〔2021〕30号.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! text ──► text::Normalized ──► outline::Outline ──► tables::{Table2, Table3, Table4} ──► Facts
//!                                                                                          │
//!                              Report ◄── report (locate, sort) ◄── rules::run ◄───────────┘
//! ```
//!
//! - [`text`] normalises the pasted text and keeps a map back to the original;
//! - [`template`] holds the official format as data;
//! - [`outline`] finds the title, the year and the six sections;
//! - [`tables`] reads the tables of sections 二, 三 and 四, guided by the template;
//! - [`rules`](mod@rules) is the only place that turns facts into findings;
//! - [`report`] is the serde result model (the JSON contract).
//!
//! The core is pure: no I/O, no wasm types. It never panics and never fails on bad input;
//! damage and ambiguity are findings. The CLI (`src/bin/nianbao`) and the wasm bindings
//! (`wasm.rs`) are thin adapters over [`check`].

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::string_slice, clippy::indexing_slicing)
)]

pub mod config;
pub(crate) mod ledger;
pub(crate) mod localize;
pub(crate) mod num;
pub(crate) mod outline;
#[cfg(test)]
mod properties;
pub mod report;
pub mod rules;
mod sort;
pub mod span;
pub(crate) mod tables;
pub mod template;
pub(crate) mod text;

/// The document model the readers produce (crates/doc).
pub use nianbao_doc as doc;
use nianbao_doc::sets;

/// The limits a caller may meet. Each is said in a finding when reached, never silently.
pub mod limits {
    /// The largest HTML read; a larger one is not read, and one finding says so.
    pub use crate::html::MAX_INPUT as MAX_HTML_BYTES;
    /// The most heading candidates kept; S018 says from which line none was searched.
    pub use crate::outline::MAX_CANDIDATES as MAX_HEADING_CANDIDATES;
    /// The largest text checked; a larger one is not read, and one finding says so.
    pub use crate::rules::MAX_TEXT_BYTES;
}
/// The .docx reader (crates/docx).
pub use nianbao_docx as docx;
/// The HTML reader (crates/html).
pub use nianbao_html as html;
/// The PDF reader (crates/pdf).
#[cfg(feature = "pdf")]
pub use nianbao_pdf as pdf;

use report::{Diagnostic, Report, Tool};
use span::LineIndex;

/// The version of this checker.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to check and what to put into the report.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Add UTF-16 offsets (`start16`, `end16`) to every location, for JavaScript callers.
    pub utf16: bool,
    /// The text is a document nianbao laid out (`report.source.text` of an HTML paste or a
    /// .docx), perhaps edited since: its tab-separated lines are read as the grids they were
    /// laid out from, so a table keeps being read by its columns after the text is edited.
    pub laid_out: bool,
    /// Rules and findings left out, severities changed.
    pub config: config::Config,
    /// For a text read from a PDF (`report.source.page_lines`, perhaps edited since): the
    /// first line (1-based) of each page, in page order. Every location then says its page.
    /// Empty for any other text.
    pub pages: Vec<u32>,
}

/// Everything the analysis established about one report; the input of the rules.
#[derive(Debug)]
pub(crate) struct Facts<'a> {
    /// The text as the user gave it.
    pub original: &'a str,
    /// The normalised copy the parsers read.
    pub norm: text::Normalized,
    pub outline: outline::Outline,
    pub tables: tables::Tables,
}

/// Analyses `text`: normalisation, outline and tables, without judging anything.
pub(crate) fn analyse(text: &str) -> Facts<'_> {
    analyse_grids(text, &[])
}

/// Analyses `text` laid out from a document whose tables are `grids` (see
/// [`doc::Document::layout`]): tables that stand in a grid are read by it.
pub(crate) fn analyse_grids<'a>(text: &'a str, grids: &[doc::Grid]) -> Facts<'a> {
    let norm = text::Normalized::new(text);
    let outline = outline::Outline::read(text, &norm);
    let tables = tables::Tables::read(&norm, &outline, &tables::Grids::new(text, grids));
    Facts {
        original: text,
        norm,
        outline,
        tables,
    }
}

/// Checks one report and returns the full result.
pub fn check(text: &str, options: &Options) -> Report {
    check_grids(text, &text_grids(text, options.laid_out), None, options)
}

/// The previous year's report of the same body, for the year-over-year rules.
#[derive(Clone, Copy, Debug)]
pub struct Previous<'a> {
    /// Its text (for a document, the text it was laid out as: `report.source.text`).
    pub text: &'a str,
    /// True when `text` was laid out from a document (see [`Options::laid_out`]).
    pub laid_out: bool,
}

/// Checks one report against its own format and against the same body's report for the
/// previous year (上年结转 against last year's 结转下年度, 现行有效件数 carried on).
pub fn check_with_previous(text: &str, previous: &Previous, options: &Options) -> Report {
    // Last year's text is read only when it would be read on its own (not empty, not too large).
    if rules::unread(previous.text).is_some() {
        return check(text, options);
    }
    let grids = text_grids(previous.text, previous.laid_out);
    let last = analyse_grids(previous.text, &grids);
    check_grids(
        text,
        &text_grids(text, options.laid_out),
        Some(&last),
        options,
    )
}

/// The grids a text carries: none, or — for a laid-out document — its tab-separated lines.
fn text_grids(text: &str, laid_out: bool) -> Vec<doc::Grid> {
    if laid_out {
        doc::grids_in_text(text)
    } else {
        Vec::new()
    }
}

/// Checks a report laid out from a document whose tables are `grids`, against last year's
/// facts when given.
fn check_grids(text: &str, grids: &[doc::Grid], last: Option<&Facts>, options: &Options) -> Report {
    // A text not read (empty, or beyond the size limit) is said so in one finding, and
    // nothing of it is analysed.
    if let Some(finding) = rules::unread(text) {
        return not_read(finding, options);
    }
    let facts = analyse_grids(text, grids);
    let (findings, previous_year) = rules::run(&facts, last);
    let mut report = report_of(text, &facts, findings, options);
    report.previous_year = previous_year;
    report
}

/// The report of an input that was not read: no sections, no tables, and the one finding
/// saying why.
fn not_read(finding: rules::Finding, options: &Options) -> Report {
    report_of("", &analyse(""), vec![finding], options)
}

/// The report of `findings` about the text `facts` were read from.
fn report_of(
    text: &str,
    facts: &Facts,
    findings: Vec<rules::Finding>,
    options: &Options,
) -> Report {
    let index = LineIndex::new(text, options.utf16).with_pages(&options.pages);
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|f| Diagnostic {
            rule: f.rule.id,
            severity: f.rule.severity,
            span: f.span.map(|s| index.locate(s)),
            expected: f.expected,
            actual: f.actual,
            suggestion: f.suggestion.filter(|s| !replaces_itself(text, f.span, s)),
            related: f.related.into_iter().map(|s| index.locate(s)).collect(),
            items: f.items,
            fingerprint: String::new(),
            message: f.message,
        })
        .collect();
    sort::by_key(&mut diagnostics, |d| {
        (d.span.map(|s| (s.start, s.end)), d.rule)
    });
    fingerprints(text, &mut diagnostics);
    let ignored = options.config.apply(&mut diagnostics);
    Report {
        tool: Tool {
            name: "nianbao",
            version: VERSION,
        },
        template: rules::applied_template(facts),
        format: facts.tables.format(),
        outline: facts.outline.to_report(&index),
        tables: facts.tables.to_report(&index),
        diagnostics,
        ignored,
        source: None,
        previous_year: None,
    }
}

/// True when `suggestion` is the very text at `span`: a replacement that changes nothing is
/// never shown.
fn replaces_itself(text: &str, span: Option<span::Span>, suggestion: &str) -> bool {
    span.and_then(|s| text.get(s.range()))
        .is_some_and(|written| written.trim() == suggestion.trim())
}

/// Gives every diagnostic its fingerprint (see `config::fingerprint`): rule, message and the
/// text it points at, and which of several identical ones it is.
fn fingerprints(text: &str, diagnostics: &mut [Diagnostic]) {
    let pointed = |d: &Diagnostic| {
        d.span
            .and_then(|s| text.get(s.start as usize..s.end as usize))
            .unwrap_or("")
    };
    let bases: Vec<String> = diagnostics
        .iter()
        .map(|d| config::fingerprint(d.rule, &d.message, pointed(d), 0))
        .collect();
    // How many identical findings came before each: positions grouped by base fingerprint, in
    // order (a sort rather than a hash map, which would add 8 KB of hashing to the wasm).
    let mut order: Vec<usize> = (0..bases.len()).collect();
    sort::by_key(&mut order, |&i| bases.get(i));
    let mut occurrence = vec![0; bases.len()];
    for pair in order.windows(2) {
        if let [a, b] = *pair {
            if bases.get(a) == bases.get(b) {
                let before = occurrence.get(a).copied().unwrap_or(0);
                if let Some(n) = occurrence.get_mut(b) {
                    *n = before + 1;
                }
            }
        }
    }
    for (d, n) in diagnostics.iter_mut().zip(occurrence) {
        d.fingerprint = config::fingerprint(d.rule, &d.message, pointed(d), n);
    }
}

/// Checks a report given as HTML (the clipboard's `text/html` from Word, WPS or a web page).
/// The HTML is never executed or rendered; its paragraphs and tables become the text in
/// `report.source.text`, which every span refers to.
pub fn check_html(html: &str, options: &Options) -> Report {
    if html.len() > html::MAX_INPUT {
        let mut report = not_read(rules::too_large(html.len(), html::MAX_INPUT), options);
        report.source = Some(report::Source {
            kind: "html",
            text: String::new(),
            tables: 0,
            pages: None,
            page_lines: Vec::new(),
        });
        return report;
    }
    check_document(&html::parse(html), "html", options)
}

/// Checks a Word `.docx` file. Fails only when the bytes are not a readable .docx (not a zip,
/// truncated, too large); the error says so in Chinese.
pub fn check_docx(bytes: &[u8], options: &Options) -> Result<Report, docx::Error> {
    let document = docx::read(bytes)?;
    Ok(check_document(&document, "docx", options))
}

#[cfg(feature = "pdf")]
/// Checks a PDF file: its lines of text and its ruled tables (see [`pdf`]) are checked like a
/// document's, and the text is carried in `report.source` with the number of pages. Fails
/// only when the bytes are not a readable PDF or its text cannot be read faithfully; the error
/// says so in Chinese.
pub fn check_pdf(bytes: &[u8], options: &Options) -> Result<Report, pdf::Error> {
    let pdf = pdf::read(bytes)?;
    Ok(check_pdf_document(&pdf.document, pdf.pages, options))
}

/// Checks the document a PDF of `pages` pages was read into (see [`check_pdf`]); the page's PDF
/// module reads the PDF and hands the document to the first module's checker.
pub fn check_pdf_document(document: &doc::Document, pages: usize, options: &Options) -> Report {
    let mut report = check_document(document, "pdf", options);
    if let Some(source) = report.source.as_mut() {
        source.pages = Some(pages);
    }
    report
}

/// Checks a document with real tables: its text (see [`doc::Document::to_text`]) is checked,
/// its tables read by their grids, and the text carried in `report.source`.
pub fn check_document(document: &doc::Document, kind: &'static str, options: &Options) -> Report {
    let doc::Layout { text, grids, pages } = document.layout();
    // A document with pages (a PDF): the line each page begins on, for every location.
    let index = LineIndex::new(&text, false);
    let page_lines: Vec<u32> = pages.iter().map(|&at| index.line(at as u32)).collect();
    let options = Options {
        pages: page_lines.clone(),
        ..options.clone()
    };
    let mut report = check_grids(&text, &grids, None, &options);
    let tables = document
        .blocks
        .iter()
        .filter(|b| matches!(b, doc::Block::Table(_)))
        .count();
    report.source = Some(report::Source {
        kind,
        text,
        tables,
        pages: None,
        page_lines,
    });
    report
}

/// The rule catalogue, in id order.
pub fn rules() -> Vec<&'static rules::Rule> {
    rules::catalogue()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_equal_to_the_text_it_replaces_is_dropped() {
        let text = "一、总体情况\n（一）主动公开\n";
        let rule = rules::rule("S007").expect("S007");
        let at = span::Span::new(text.find('（').unwrap_or(0), text.len() - 1);
        let same = rules::Finding::new(rule, Some(at), "m").suggest("（一）主动公开");
        let other = rules::Finding::new(rule, Some(at), "m").suggest("（二）主动公开");
        let report = report_of(text, &analyse(text), vec![same, other], &Options::default());
        let suggestions: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| d.suggestion.as_deref())
            .collect();
        assert_eq!(suggestions, [None, Some("（二）主动公开")]);
    }
}
