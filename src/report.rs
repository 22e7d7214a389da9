//! The result of a check: the JSON contract shared by the CLI (`--format json`), the wasm
//! `check()` and every later consumer.
//!
//! Field by field:
//! - `tool`: `{name, version}` of this checker.
//! - `template`: the notice of the format the report was checked against:
//!   `国办公开办函〔2021〕30号`, or for a 2019 or 2020 report (by its year, else by its section
//!   二 table) the trial format's `国办公开办函〔2019〕60号` (O002 says so once).
//! - `format`: which template the tables follow: `"2021"`, or `"2019"` when section 二 is in the
//!   2019 format (its five groups and their columns in `tables.s2.groups`).
//! - `outline`: `{title, title_span, year, sections}`; `sections` always has six entries, numbers
//!   1..6, with the canonical `title`, the `heading` as written (or null), `found` and `span`.
//! - `tables.s2.groups`: the four 第二十条 captions with their column headers and row keys.
//! - `tables.s2.rows`: six rows `{key, label, group, values, cells, span}`; `regulations` and
//!   `normative_docs` have 3 values, the others 1. `fees` may be a decimal (万元).
//! - `tables.s3`: `{columns, rows}`: seven canonical column names and the 25 template rows in
//!   template order, each `{key, label, group, values: [7 × integer|null], cells, span}`. A row that is
//!   missing from the text is present with `span: null` and all values null.
//! - `tables.s3.extra_rows`: only when present, rows of the 2019 format read in place of
//!   template rows (the single `（六）其他处理` row, key `other`).
//! - `tables.s4`: `{columns: [{key, group, label}], values: [15 × integer|null], cells, span}` in
//!   template column order.
//! - `diagnostics`: `[{rule, severity, message, span, expected?, actual?, suggestion?, related?,
//!   items?}]` sorted by position; findings without a place (`span: null`) come first. `items`
//!   lists the rows a finding is about when there are more than three: the message then names
//!   their number, not each.
//! - `previous_year`: only when last year's report was given, `{year, compared, checks}`: last
//!   year's report's year, false in `compared` when the years do not follow each other (then
//!   `checks` is empty), and each comparison `{key, title, status, detail}` — `key` one of
//!   `carried_over`, `in_force`, `identical`; `status` one of `passed`, `failed`, `not_checked`;
//!   `detail` the numbers compared or why it was not made, in Chinese.
//! - `source`: only for HTML, .docx and PDF input, `{kind: "html"|"docx"|"pdf", text, tables,
//!   pages?, page_lines?}`: the text the document was laid out as (see `doc.rs`; for a PDF, its
//!   lines as `pdf.rs` extracts them), which every span refers to, the number of tables the
//!   document holds (for a PDF, the tables drawn with rules) and, for a PDF only, its number of
//!   pages and the line each page begins on.
//!
//! `cells` runs parallel to `values`: the span of the text each value was read from, or null.
//! A value is null when the cell is missing, blank (`—`, `/`, `无`…) or could not be read with
//! certainty; the diagnostics say which.
//!
//! Every span is a [`Location`]: UTF-8 byte offsets into the input plus the 1-based line and
//! character column of its start; the wasm layer adds UTF-16 offsets. For a PDF (or its text
//! checked again with `Options::pages`) a location also has `page`, the 1-based page of the
//! PDF its start stands on; otherwise there is no `page`.

use serde::Serialize;

use crate::span::Location;

/// The whole result of checking one report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub tool: Tool,
    pub template: &'static str,
    pub format: &'static str,
    pub outline: Outline,
    pub tables: Tables,
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings the configuration left out (rules or single findings ignored).
    pub ignored: usize,
    /// Present when the report was read from HTML, .docx or PDF: the kind (`"html"`, `"docx"`,
    /// `"pdf"`) and the text derived from it, which every span refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Present when last year's report was given: what the two-year check compared, and how
    /// each comparison came out (failures are also findings, Y001–Y004 and A007).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_year: Option<PreviousYear>,
}

/// What the check against the same body's report for the previous year compared.
#[derive(Clone, Debug, Serialize)]
pub struct PreviousYear {
    /// The year of last year's report, as read from it.
    pub year: Option<u16>,
    /// False when the two reports' years do not follow each other: nothing was compared (Y004
    /// says so).
    pub compared: bool,
    /// Each comparison, in order: `carried_over`, `in_force`, `identical`.
    pub checks: Vec<YearCheck>,
}

/// One comparison with last year's report.
#[derive(Clone, Debug, Serialize)]
pub struct YearCheck {
    /// `carried_over` (上年结转 against last year's 结转下年度), `in_force` (现行有效件数
    /// carried on) or `identical` (section 三 the same as last year's, cell for cell).
    pub key: &'static str,
    /// What was compared, in Chinese.
    pub title: &'static str,
    pub status: YearStatus,
    /// One Chinese sentence: the numbers compared, or why the comparison was not made.
    pub detail: String,
}

/// How a comparison with last year's report came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    /// It holds.
    Passed,
    /// It does not hold: a finding says where.
    Failed,
    /// It could not be made (a number not read, the 2019 format).
    NotChecked,
}

/// Where the checked text came from, when it was not given as plain text.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub kind: &'static str,
    pub text: String,
    /// How many tables the document holds (for a PDF, the ruled tables found).
    pub tables: usize,
    /// For a PDF, its number of pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// For a PDF, the line of `text` each page begins on (1-based), in page order: give them
    /// back as `Options::pages` when checking the text again, and locations keep their page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_lines: Vec<u32>,
}

/// Name and version of the checker.
#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// The report's title, year and six statutory sections.
#[derive(Clone, Debug, Serialize)]
pub struct Outline {
    pub title: Option<String>,
    pub title_span: Option<Location>,
    pub year: Option<u16>,
    pub sections: Vec<Section>,
}

/// One of the six statutory sections, found or not.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub number: u8,
    /// The canonical title from the template.
    pub title: &'static str,
    /// The heading as written in the report, or null when the section was not found.
    pub heading: Option<String>,
    pub found: bool,
    /// The heading's span.
    pub span: Option<Location>,
}

/// The three tables of sections 二, 三 and 四.
#[derive(Clone, Debug, Serialize)]
pub struct Tables {
    pub s2: Table2,
    pub s3: Table3,
    pub s4: Table4,
}

/// Section 二: six rows under four captions.
#[derive(Clone, Debug, Serialize)]
pub struct Table2 {
    /// The four 第二十条 groups: caption, value column headers and the keys of their rows.
    pub groups: Vec<Group2>,
    pub rows: Vec<Row>,
}

/// One caption group of section 二, as the template prints it.
#[derive(Clone, Debug, Serialize)]
pub struct Group2 {
    pub caption: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<&'static str>,
}

/// Section 三: 25 rows × 7 columns.
#[derive(Clone, Debug, Serialize)]
pub struct Table3 {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
    /// Rows of the 2019 format found in place of template rows (key `other` for the single
    /// （六）其他处理 row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra_rows: Vec<Row>,
}

/// Section 四: one row of 15 values.
#[derive(Clone, Debug, Serialize)]
pub struct Table4 {
    /// The 15 columns in order: key (`review.upheld` …), group (行政复议, 未经复议直接起诉,
    /// 复议后起诉) and label (结果维持 … 总计).
    pub columns: Vec<Column>,
    pub values: Vec<Option<Number>>,
    pub cells: Vec<Option<Location>>,
    pub span: Option<Location>,
}

/// A column of section 四.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub group: &'static str,
    pub label: &'static str,
}

/// One template row as read from the report.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub key: &'static str,
    /// The canonical label from the template.
    pub label: &'static str,
    /// The merged label the row stands under (`三、本年度办理结果`, `（三）不予公开`…), if any.
    pub group: Option<&'static str>,
    pub values: Vec<Option<Number>>,
    pub cells: Vec<Option<Location>>,
    /// From the start of the row's label to its last value; null when the row is missing.
    pub span: Option<Location>,
}

/// A number read from a cell: an integer count, or a decimal amount (the 万元 fee).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Dec(f64),
}

impl Number {
    /// The integer value, when the number is a whole count.
    pub fn as_int(self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(i),
            Number::Dec(_) => None,
        }
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Chinese name shown to users.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// A value shown as expected or actual: a number or a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Int(i64),
    Dec(f64),
    Text(String),
}

/// A value as a person writes it: the number (an amount with at most four decimals, never a
/// float's error digits) or the text.
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Dec(x) => f.write_str(&crate::num::amount(*x)),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// One finding, located in the original text.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `A001`.
    pub rule: &'static str,
    pub severity: Severity,
    /// One Chinese sentence.
    pub message: String,
    pub span: Option<Location>,
    /// What the place `span` points at should hold, and what it holds (`actual`). The contract:
    /// `expected` is given only when the finding determines that value — for a table cell, when
    /// the identities (with the prose and last year's report) leave exactly one explanation and
    /// it is this cell; a finding that cannot tell which cell is wrong names the candidates in
    /// its message and `related`, with no `expected`. So a page, a CSV or SARIF consumer may
    /// offer `expected` as the fix for the cell itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
    /// Replacement text for the place `span` points at: shown, and written into the text only
    /// when the reader asks (the page's 改为 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Other places the finding involves (the other terms of an identity, say).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Location>,
    /// The rows (or other things) the finding is about when they are too many to name in the
    /// message, which then gives their number (`第三部分表格有66个空白单元格，分布在22行`); a
    /// list to show folded. Absent when the message names them itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Names this finding across edits elsewhere in the text: give it back in
    /// `ignore_findings` (CLI `--ignore-finding`) to leave it out (see `config.rs`).
    pub fingerprint: String,
}
