//! `--format csv` (a row per finding) and `--format csv-summary` (a row per file).
//!
//! Made to open by double-click in Excel and WPS on a Chinese Windows: UTF-8 with a byte-order
//! mark (without it Excel reads the bytes as GBK), CRLF line ends, and RFC 4180 quoting — a
//! field holding a comma, a quote, a line break or leading/trailing space is quoted, and quotes
//! inside are doubled. A text field that a spreadsheet would run as a formula (`=`, `+`, `@`,
//! and `-` not followed by a digit) gets a leading `'`, so that a report's text never becomes a
//! formula on someone's desktop.
//!
//! Columns of `csv`: file, rule, severity, section, line, column, message, expected, actual,
//! page, items. `section` is the canonical heading of the section the finding stands in (empty before
//! the first section found or for a finding without a place); line and column are 1-based, the
//! column counted in characters of the checked text (for .html, .docx and PDF input, the text it
//! was laid out as); `page` is the PDF page the finding stands on (empty for other input);
//! `items` the rows a finding counts rather than names (its `items`), joined by `；`. Columns of `csv-summary`: file, title, year, sections found (of 6), errors,
//! warnings, infos, and why the file could not be read (empty when it was checked).

use nianbao::report::{Diagnostic, Report};

use crate::render::value;
use crate::summary::{Row, SECTIONS};

/// The byte-order mark that tells spreadsheets the file is UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// The header of `--format csv`, with the byte-order mark.
pub fn findings_header() -> String {
    let names = [
        "file", "rule", "severity", "section", "line", "column", "message", "expected", "actual",
        "page", "items",
    ];
    format!("{BOM}{}", record(&names.map(String::from)))
}

/// The header of `--format csv-summary`, with the byte-order mark.
pub fn summary_header() -> String {
    let names = [
        "file", "title", "year", "sections", "errors", "warnings", "infos", "failure",
    ];
    format!("{BOM}{}", record(&names.map(String::from)))
}

/// The rows of one report's findings.
pub fn findings(report: &Report, file: &str) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.span.map_or((String::new(), String::new()), |s| {
                (s.line.to_string(), s.column.to_string())
            });
            record(&[
                file.to_string(),
                d.rule.to_string(),
                d.severity.as_str().to_string(),
                section(report, d).to_string(),
                line,
                column,
                d.message.clone(),
                d.expected.as_ref().map(value).unwrap_or_default(),
                d.actual.as_ref().map(value).unwrap_or_default(),
                d.span
                    .and_then(|s| s.page)
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                d.items.join("；"),
            ])
        })
        .collect()
}

/// The summary row of one file; a file not read has only its name and why.
pub fn summary(row: &Row) -> String {
    if let Some(why) = &row.failure {
        let empty = String::new;
        let mut fields = vec![row.file.clone()];
        fields.extend(std::iter::repeat_with(empty).take(6));
        fields.push(why.clone());
        return record(&fields);
    }
    let number = |n: usize| n.to_string();
    record(&[
        row.file.clone(),
        row.title.clone().unwrap_or_default(),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        format!("{}/{SECTIONS}", row.found),
        number(row.counts.errors),
        number(row.counts.warnings),
        number(row.counts.infos),
        String::new(),
    ])
}

/// The canonical heading of the section a finding stands in: the last section found that
/// starts at or before it.
fn section<'a>(report: &'a Report, d: &Diagnostic) -> &'a str {
    let Some(at) = d.span.map(|s| s.start) else {
        return "";
    };
    report
        .outline
        .sections
        .iter()
        .filter_map(|s| Some((s.span?.start, s.title)))
        .filter(|&(start, _)| start <= at)
        .max_by_key(|&(start, _)| start)
        .map_or("", |(_, title)| title)
}

/// One record: the fields quoted as needed, joined by commas, ended by CRLF.
fn record(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// One field, defused and quoted as described in the module documentation.
fn field(text: &str) -> String {
    let formula = match text.as_bytes() {
        [b'=' | b'+' | b'@', ..] => true,
        [b'-', next, ..] => !next.is_ascii_digit(),
        _ => false,
    };
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    let quote = text.contains([',', '"', '\n', '\r']) || text.trim() != text;
    if quote {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(field("行政许可"), "行政许可");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"3\""), "\"say \"\"3\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" 3"), "\" 3\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn formulas_are_defused_but_negative_numbers_kept() {
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("@SUM"), "'@SUM");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("-x"), "'-x");
    }

    #[test]
    fn records_end_with_crlf_and_headers_start_with_the_bom() {
        assert_eq!(record(&["a".into(), "b c".into()]), "a,b c\r\n");
        assert!(findings_header().starts_with("\u{FEFF}file,rule,severity,section,line,"));
        assert!(summary_header().ends_with(",failure\r\n"));
    }

    #[test]
    fn a_file_not_read_has_only_its_name_and_why() {
        let row = Row::failed("-", "读不出".into());
        assert_eq!(summary(&row), "-,,,,,,,读不出\r\n");
    }

    #[test]
    fn findings_name_their_section() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n行政事业性收费\t380元\n";
        let report = nianbao::check(text, &nianbao::Options::default());
        let rows = findings(&report, "a.txt");
        let n003 = rows
            .lines()
            .find(|l| l.contains(",N003,"))
            .expect("N003 row");
        assert!(
            n003.starts_with("a.txt,N003,error,二、主动公开政府信息情况,4,"),
            "{n003}"
        );
    }
}
