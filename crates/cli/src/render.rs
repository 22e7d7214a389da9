//! Printing results: findings as text or JSON, and the rule catalogue.
//!
//! Every function here is pure: it takes a report (or rules) and returns the string to print,
//! so the output is unit-testable and `main` does all writing.
//!
//! **Text** (`--format text`) follows rustc and ruff: a header `severity[ID]: message`, an arrow
//! with `file:line:column` (for a PDF followed by `（第 N 页）`), the source line with tabs
//! expanded, a `^` marker under the span, and `= ` notes with the value the place should hold (only when the finding determines it), the suggestion and related places. The
//! marker is measured in terminal columns, with CJK characters two columns wide, so it sits
//! under the text it means. A span over several lines is marked to the end of its first line.
//! Given last year's report, what the two-year check compared follows, one line each (通过,
//! 不符 or 未核对). Each file ends with a summary line.
//!
//! Text output is bounded, whatever the input: a long line is shown as a window of about 100
//! columns around the span (`excerpt.rs`); long messages and values are cut with `…`; at most
//! [`MAX_PER_RULE`] findings of one rule are printed per file and one line says how many more
//! there are; at most [`MAX_RELATED`] related places are listed per finding. The summary line
//! counts every finding. JSON keeps everything.
//!
//! **JSON** (`--format json`) is one object per input file on one line: the fields of
//! `nianbao::report::Report` (documented in that module) preceded by `"file"`, the path as
//! given or `-` for standard input. Spans are UTF-8 byte offsets into the decoded text, plus
//! 1-based line and character column.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use nianbao::report::{Diagnostic, Report, Severity, Value};
use nianbao::rules::Rule;
use nianbao::span::LineIndex;
use serde::Serialize;

use crate::excerpt::excerpt;
use crate::width::{char_width, expand_tabs};

/// The most findings of one rule printed in text for one file.
pub const MAX_PER_RULE: usize = 20;

/// The most related places listed under one finding.
pub const MAX_RELATED: usize = 10;

/// The widest value or suggestion printed, in terminal columns.
const MAX_NOTE_COLUMNS: usize = 400;

/// The widest message printed: far above any message the rules write (the longest list all
/// rows of a table), but a bound if one ever quotes a huge piece of the input.
const MAX_MESSAGE_COLUMNS: usize = 4000;

/// How many findings of each severity a report holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    /// Counts the findings of `report`.
    pub fn of(report: &Report) -> Counts {
        let mut counts = Counts::default();
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// `1 个错误，0 个警告，2 个提示`.
    fn zh(self) -> String {
        format!(
            "{} 个{}，{} 个{}，{} 个{}",
            self.errors,
            Severity::Error.zh(),
            self.warnings,
            Severity::Warning.zh(),
            self.infos,
            Severity::Info.zh()
        )
    }
}

/// The findings of one report as text, ending with the file's summary line; at most
/// [`MAX_PER_RULE`] findings of each rule, then one line for the rest.
pub fn text(report: &Report, source: &str, name: &str) -> String {
    let index = LineIndex::new(source, false);
    let mut out = String::new();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        let seen = per_rule.entry(d.rule).or_insert(0);
        *seen += 1;
        if *seen <= MAX_PER_RULE {
            diagnostic(&mut out, d, &index, source, name);
            out.push('\n');
        }
    }
    for (rule, seen) in per_rule {
        if let Some(more) = seen.checked_sub(MAX_PER_RULE).filter(|&n| n > 0) {
            let _ = writeln!(
                out,
                "… 另有 {more} 个 [{rule}] 问题未逐条列出（用 --format json 查看全部）\n"
            );
        }
    }
    if let Some(year) = &report.previous_year {
        out.push_str(&previous_year(year));
    }
    let _ = writeln!(out, "{name}：{}", Counts::of(report).zh());
    out
}

/// What the check against last year's report compared, one line per comparison.
fn previous_year(year: &nianbao::report::PreviousYear) -> String {
    use nianbao::report::YearStatus;
    let of = year
        .year
        .map(|y| format!("（上一年报告为{y}年度）"))
        .unwrap_or_default();
    if !year.compared {
        return format!("两年衔接核对{of}：两份报告的年度不相邻，未核对\n\n");
    }
    let mut out = format!("两年衔接核对{of}：\n");
    for check in &year.checks {
        let status = match check.status {
            YearStatus::Passed => "通过  ",
            YearStatus::Failed => "不符  ",
            YearStatus::NotChecked => "未核对",
        };
        let _ = writeln!(out, "  {status}  {}：{}", check.title, check.detail);
    }
    out.push('\n');
    out
}

/// `s` cut to at most `columns` terminal columns, with `…` where it was cut.
pub fn clip(s: &str, columns: usize) -> String {
    let mut width = 0;
    // Where the text is cut when it does not fit: room is left for the `…`.
    let mut cut = None;
    for (i, c) in s.char_indices() {
        width += char_width(c);
        if cut.is_none() && width > columns.saturating_sub(1) {
            cut = Some(i);
        }
        if width > columns {
            return format!("{}…", s.get(..cut.unwrap_or(i)).unwrap_or(""));
        }
    }
    s.to_string()
}

/// The closing line after several files.
pub fn total(counts: Counts, files: usize) -> String {
    format!("合计 {files} 个文件：{}\n", counts.zh())
}

/// Writes one finding: header, location, source line with marker, notes.
fn diagnostic(out: &mut String, d: &Diagnostic, index: &LineIndex, source: &str, name: &str) {
    let message = clip(&d.message, MAX_MESSAGE_COLUMNS);
    let _ = writeln!(out, "{}[{}]: {message}", d.severity.as_str(), d.rule);
    let Some(loc) = d.span else {
        let _ = writeln!(out, "  --> {name}");
        return notes(out, d, "  ", name);
    };
    let number = loc.line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(
        out,
        "{gutter}--> {name}:{}:{}{}",
        loc.line,
        loc.column,
        page(&loc)
    );
    let _ = writeln!(out, "{gutter} |");
    let line = index.line_text(loc.line);
    // `line` is a slice of `source`: where it starts is where its pointer stands.
    let line_start = (line.as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
    let at = |offset: u32| (offset as usize).saturating_sub(line_start);
    let shown = excerpt(line, at(loc.start), at(loc.end));
    let _ = writeln!(out, "{number} | {}", shown.text);
    let _ = writeln!(
        out,
        "{gutter} | {}{}",
        " ".repeat(shown.indent),
        "^".repeat(shown.carets)
    );
    notes(out, d, &gutter, name);
}

/// Writes the `= ` notes: expected and actual values, the suggestion, the rows the message
/// counts (its items, at most [`MAX_RELATED`]), related places.
fn notes(out: &mut String, d: &Diagnostic, gutter: &str, name: &str) {
    // `expected` is there only when the finding determines the place's value (see report.rs).
    let values: Vec<String> = [("应为", &d.expected), ("现为", &d.actual)]
        .into_iter()
        .filter_map(|(label, v)| {
            v.as_ref()
                .map(|v| format!("{label}：{}", clip(&value(v), MAX_NOTE_COLUMNS)))
        })
        .collect();
    if !values.is_empty() {
        let _ = writeln!(out, "{gutter} = {}", values.join("，"));
    }
    if let Some(s) = &d.suggestion {
        let _ = writeln!(out, "{gutter} = 建议：{}", clip(s, MAX_NOTE_COLUMNS));
    }
    for item in d.items.iter().take(MAX_RELATED) {
        let _ = writeln!(out, "{gutter} = 涉及：{}", clip(item, MAX_NOTE_COLUMNS));
    }
    if let Some(more) = d.items.len().checked_sub(MAX_RELATED).filter(|&n| n > 0) {
        let _ = writeln!(
            out,
            "{gutter} = 另涉及 {more} 项（用 --format json 查看全部）"
        );
    }
    for r in d.related.iter().take(MAX_RELATED) {
        let _ = writeln!(
            out,
            "{gutter} = 相关位置：{name}:{}:{}{}",
            r.line,
            r.column,
            page(r)
        );
    }
    if let Some(more) = d.related.len().checked_sub(MAX_RELATED).filter(|&n| n > 0) {
        let _ = writeln!(out, "{gutter} = 另有 {more} 处相关位置");
    }
}

/// `（第 3 页）` for a place in a PDF's text, else nothing.
fn page(loc: &nianbao::span::Location) -> String {
    loc.page
        .map(|p| format!("（第 {p} 页）"))
        .unwrap_or_default()
}

/// A value as shown: the number or the text.
pub fn value(v: &Value) -> String {
    v.to_string()
}

/// A report with the input's name in front, for JSON output.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

/// The report as one line of JSON with `"file"` first, without the line break.
pub fn json(report: &Report, file: &str) -> serde_json::Result<String> {
    serde_json::to_string(&FileReport { file, report })
}

/// The catalogue as text: one line per rule, then how to read more.
pub fn rules_text(rules: &[&Rule]) -> String {
    let mut out = String::new();
    for r in rules {
        let _ = writeln!(out, "{}  {:<7}  {}", r.id, r.severity.as_str(), r.title);
    }
    let _ = writeln!(
        out,
        "共 {} 条规则；运行 nianbao rule <编号> 查看一条规则的完整说明",
        rules.len()
    );
    out
}

/// One rule's full documentation as text; empty fields are left out.
pub fn rule_text(r: &Rule) -> String {
    let mut out = format!("{}：{}\n", r.id, r.title);
    let sev = r.severity;
    let _ = writeln!(out, "默认级别：{}（{}）", sev.as_str(), sev.zh());
    let _ = writeln!(out, "类别：{}", r.family);
    if !r.clause.is_empty() {
        let _ = writeln!(out, "依据：{}", r.clause);
    }
    let sections = [
        ("检查什么", r.what),
        ("为什么", r.why),
        ("错误示例", r.bad),
        ("正确写法", r.good),
        ("如何修改", r.fix),
    ];
    for (heading, body) in sections.into_iter().filter(|(_, b)| !b.trim().is_empty()) {
        let _ = writeln!(out, "\n{heading}：");
        for line in body.trim_end().lines() {
            let _ = writeln!(out, "    {}", expand_tabs(line).trim_end());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao::span::{Location, Span};

    fn located(source: &str, needle: &str) -> Location {
        let start = source.find(needle).expect("needle in source");
        LineIndex::new(source, false).locate(Span::new(start, start + needle.len()))
    }

    fn finding(rule: &'static str, severity: Severity, span: Option<Location>) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: "「一、本年新收政府信息公开申请数量」行的总计应为 3，实际为 0".into(),
            span,
            expected: None,
            actual: None,
            suggestion: None,
            related: Vec::new(),
            items: Vec::new(),
            fingerprint: String::new(),
        }
    }

    fn render(source: &str, diagnostics: Vec<Diagnostic>) -> String {
        let mut report = nianbao::check(source, &nianbao::Options::default());
        report.diagnostics = diagnostics;
        text(&report, source, "a.txt")
    }

    #[test]
    fn marker_sits_under_cjk_text_after_tabs() {
        let source = "标题\n（一）\t新收申请\t3\t0\n";
        let mut d = finding("A001", Severity::Error, Some(located(source, "0")));
        d.expected = Some(Value::Int(3));
        d.actual = Some(Value::Int(0));
        d.suggestion = Some("本年废止件数".into());
        d.related = vec![located(source, "3")];
        let expected = "\
error[A001]: 「一、本年新收政府信息公开申请数量」行的总计应为 3，实际为 0
 --> a.txt:2:12
  |
2 | （一）  新收申请    3   0
  |                         ^
  = 应为：3，现为：0
  = 建议：本年废止件数
  = 相关位置：a.txt:2:10

a.txt：1 个错误，0 个警告，0 个提示
";
        assert_eq!(render(source, vec![d]), expected);
    }

    #[test]
    fn multi_line_span_is_marked_to_the_end_of_its_first_line() {
        let source = "一、总体情况\n二、主动公开";
        let start = source.find("总体").unwrap();
        let loc = LineIndex::new(source, false).locate(Span::new(start, source.len()));
        let out = render(source, vec![finding("S001", Severity::Warning, Some(loc))]);
        assert!(
            out.contains("1 | 一、总体情况\n  |     ^^^^^^^^\n"),
            "{out}"
        );
        assert!(out.contains("0 个错误，1 个警告，0 个提示"), "{out}");
    }

    #[test]
    fn finding_without_span_names_only_the_file() {
        let mut d = finding("S002", Severity::Info, None);
        d.actual = Some(Value::Text("无".into()));
        let out = render("", vec![d]);
        assert!(out.starts_with("info[S002]: "), "{out}");
        assert!(out.contains("\n  --> a.txt\n   = 现为：无\n"), "{out}");
        assert!(
            out.ends_with("a.txt：0 个错误，0 个警告，1 个提示\n"),
            "{out}"
        );
    }

    #[test]
    fn empty_span_at_end_of_line_still_gets_a_marker() {
        let source = "总计";
        let loc = LineIndex::new(source, false).locate(Span::new(source.len(), source.len()));
        let out = render(source, vec![finding("A002", Severity::Error, Some(loc))]);
        assert!(out.contains("1 | 总计\n  |     ^\n"), "{out}");
    }

    #[test]
    fn json_puts_file_first_and_keeps_report_fields() {
        let report = nianbao::check("标题", &nianbao::Options::default());
        let line = json(&report, "-").unwrap();
        assert!(line.starts_with("{\"file\":\"-\","), "{line}");
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        for key in ["tool", "outline", "tables", "diagnostics"] {
            assert!(value.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn counts_and_total() {
        let mut report = nianbao::check("", &nianbao::Options::default());
        report.diagnostics = vec![
            finding("A001", Severity::Error, None),
            finding("A001", Severity::Info, None),
        ];
        let mut counts = Counts::of(&report);
        counts.add(Counts::of(&report));
        let expected = "合计 2 个文件：2 个错误，0 个警告，2 个提示\n";
        assert_eq!(total(counts, 2), expected);
    }

    #[test]
    fn rule_text_prints_every_documented_field() {
        let rule = Rule {
            id: "Z999",
            family: "test",
            title: "测试规则",
            severity: Severity::Warning,
            clause: "第一条",
            what: "检查",
            why: "原因",
            bad: "错\t1",
            good: "对",
            fix: "改",
        };
        let out = rule_text(&rule);
        for part in [
            "Z999：测试规则",
            "warning（警告）",
            "第一条",
            "原因",
            "    错  1",
            "改",
        ] {
            assert!(out.contains(part), "{part} missing in {out}");
        }
        assert!(rules_text(&[&rule]).starts_with("Z999  warning  测试规则\n"));
    }
}
