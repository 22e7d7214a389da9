//! `--format sarif`: one SARIF 2.1.0 log for all checked files, for code review and CI tools.
//!
//! The log has one run. Its `tool.driver.rules` is the whole catalogue (`nianbao::rules()`), in
//! id order, each with its Chinese title as `shortDescription`, what it checks as
//! `fullDescription`, how to fix as `help` and its default level. Each finding is a result with
//! `ruleId` and `ruleIndex`, its level (`error`, `warning`, `note` for info, after any
//! `--severity`), its message, the fingerprint as `partialFingerprints["nianbao/v1"]`, and
//! expected, actual, suggestion and the rows it counts (`items`) in `properties`.
//!
//! Locations: the artifact URI is the path as given, `/`-separated and percent-encoded (`-` for
//! standard input; a `file:` URI for an absolute path). For a text file the region gives `startLine`, `startColumn`, `endLine`,
//! `endColumn` (exclusive) and `charOffset`/`charLength`, all counted in Unicode code points of
//! the decoded text (`columnKind` is `unicodeCodePoints`), so they hold whatever the file's
//! encoding. An .html, .docx or PDF file is checked as the text it is laid out as, whose lines are
//! not the file's: its results name the file without a region, and give the line and column in
//! the laid-out text in `properties.laidOut` (for a PDF with its `page`), rather than point at
//! a wrong place of the file.
//!
//! The log is written as it goes: the head (with the rules) first, then each file's results as
//! the file is done, then the tail, which lists the files that could not be read as
//! `toolExecutionNotifications` and sets `executionSuccessful`.

use std::collections::HashMap;

use nianbao::report::{Diagnostic, Report, Severity};
use nianbao::span::{LineIndex, Location, Span};
use serde_json::{json, Map, Value};

use crate::render::value;

/// The schema the log declares.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The start of the log, up to the opening of the results array.
pub fn head() -> String {
    let rules: Vec<Value> = nianbao::rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": r.what },
                "help": { "text": r.fix },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "family": r.family, "clause": r.clause },
            })
        })
        .collect();
    let driver = json!({
        "name": "nianbao",
        "version": nianbao::VERSION,
        "semanticVersion": nianbao::VERSION,
        "rules": rules,
    });
    let driver = serde_json::to_string(&driver).unwrap_or_else(|_| "{}".into());
    format!(
        "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\
         \"columnKind\":\"unicodeCodePoints\",\"results\":["
    )
}

/// The end of the log: the inputs that could not be read, as `(file, message)`.
pub fn tail(unreadable: &[(String, String)]) -> String {
    let notes: Vec<Value> = unreadable
        .iter()
        .map(|(file, message)| {
            json!({
                "level": "error",
                "message": { "text": message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(file) } } }],
            })
        })
        .collect();
    let invocation = json!({
        "executionSuccessful": unreadable.is_empty(),
        "toolExecutionNotifications": notes,
    });
    let invocation = serde_json::to_string(&invocation).unwrap_or_else(|_| "{}".into());
    format!("],\"invocations\":[{invocation}]}}]}}\n")
}

/// The results of one report, each a JSON object, to be joined by commas into the array.
/// `text` is the text the report's spans refer to.
pub fn results(report: &Report, text: &str, file: &str) -> Vec<String> {
    let ids: HashMap<&str, usize> = nianbao::rules()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let places = Places::new(text, report);
    let document = report.source.is_some();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let result = one(d, ids.get(d.rule).copied(), &places, document, file);
            serde_json::to_string(&result).unwrap_or_else(|_| "{}".into())
        })
        .collect()
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One result.
fn one(d: &Diagnostic, index: Option<usize>, places: &Places, document: bool, file: &str) -> Value {
    let at = |loc: Option<Location>| places.location(loc, document, file);
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [at(d.span)],
        "partialFingerprints": { "nianbao/v1": d.fingerprint },
    });
    let object = result.as_object_mut().expect("a result is an object");
    if let Some(index) = index {
        object.insert("ruleIndex".into(), index.into());
    }
    if !d.related.is_empty() {
        let related = d.related.iter().enumerate().map(|(i, r)| {
            let mut place = at(Some(*r));
            place["id"] = i.into();
            place
        });
        object.insert("relatedLocations".into(), related.collect());
    }
    let mut properties = Map::new();
    for (key, v) in [("expected", &d.expected), ("actual", &d.actual)] {
        if let Some(v) = v {
            properties.insert(key.into(), value(v).into());
        }
    }
    if let Some(s) = &d.suggestion {
        properties.insert("suggestion".into(), s.clone().into());
    }
    if !d.items.is_empty() {
        properties.insert("items".into(), d.items.clone().into());
    }
    if document {
        if let Some(loc) = d.span {
            let mut laid_out = json!({ "line": loc.line, "column": loc.column });
            if let Some(page) = loc.page {
                laid_out["page"] = page.into();
            }
            properties.insert("laidOut".into(), laid_out);
        }
    }
    if !properties.is_empty() {
        object.insert("properties".into(), properties.into());
    }
    result
}

/// Where a report's spans end and how many characters precede each of their offsets.
struct Places<'a> {
    index: LineIndex<'a>,
    chars: HashMap<u32, u32>,
}

impl<'a> Places<'a> {
    /// Counts characters up to every offset the report's findings use, in one pass.
    fn new(text: &'a str, report: &Report) -> Places<'a> {
        let mut offsets: Vec<u32> = report
            .diagnostics
            .iter()
            .flat_map(|d| d.span.iter().chain(&d.related))
            .flat_map(|l| [l.start, l.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        Places {
            index: LineIndex::new(text, false),
            chars: char_counts(text, &offsets),
        }
    }

    /// A SARIF location of `loc` in `file`; without a region for a document or no span.
    fn location(&self, loc: Option<Location>, document: bool, file: &str) -> Value {
        let mut physical = json!({ "artifactLocation": { "uri": uri(file) } });
        if let (Some(loc), false) = (loc, document) {
            physical["region"] = self.region(loc);
        }
        json!({ "physicalLocation": physical })
    }

    /// The region of `loc`: lines and columns (end exclusive), character offset and length.
    fn region(&self, loc: Location) -> Value {
        let end = self
            .index
            .locate(Span::new(loc.end as usize, loc.end as usize));
        let mut region = json!({
            "startLine": loc.line,
            "startColumn": loc.column,
            "endLine": end.line,
            "endColumn": end.column,
        });
        if let (Some(&a), Some(&b)) = (self.chars.get(&loc.start), self.chars.get(&loc.end)) {
            region["charOffset"] = a.into();
            region["charLength"] = b.saturating_sub(a).into();
        }
        region
    }
}

/// For each byte offset in `offsets` (sorted), the number of characters of `text` before it.
fn char_counts(text: &str, offsets: &[u32]) -> HashMap<u32, u32> {
    let mut counts = HashMap::with_capacity(offsets.len());
    let mut wanted = offsets.iter().peekable();
    let ends = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    for (chars, i) in (0u32..).zip(ends) {
        while let Some(&&at) = wanted.peek() {
            if at as usize > i {
                break;
            }
            // An offset inside a character (never handed out) counts the character as before.
            counts.insert(at, chars + u32::from(at as usize != i));
            wanted.next();
        }
    }
    counts
}

/// The path as a URI reference: `/`-separated, everything but unreserved characters and `/`
/// percent-encoded as UTF-8; relative as given, or a `file:` URI for an absolute path.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    let absolute = path.starts_with('/') || path.as_bytes().get(1) == Some(&b':');
    if absolute {
        out.push_str(if path.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for b in path.bytes() {
        // A colon is kept only after `file:`, where it cannot be read as a scheme (`C:`).
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (absolute && b == b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("tests/a b.txt"), "tests/a%20b.txt");
        assert_eq!(uri("报告.txt"), "%E6%8A%A5%E5%91%8A.txt");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
        assert_eq!(uri("-"), "-");
        assert_eq!(uri("/tmp/报.txt"), "file:///tmp/%E6%8A%A5.txt");
        assert_eq!(
            uri("C:\\年报\\a.txt"),
            "file:///C:/%E5%B9%B4%E6%8A%A5/a.txt"
        );
    }

    #[test]
    fn characters_are_counted_up_to_each_offset() {
        let text = "总计a\n三";
        let counts = char_counts(text, &[0, 3, 6, 7, 8, 11]);
        let got: Vec<u32> = [0, 3, 6, 7, 8, 11].iter().map(|o| counts[o]).collect();
        assert_eq!(got, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_log_with_no_results_is_valid_json() {
        let log = format!(
            "{}{}",
            head(),
            tail(&[("x.pdf".into(), "不能直接检查".into())])
        );
        let v: Value = serde_json::from_str(&log).expect("JSON");
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], false);
        let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), nianbao::rules().len());
    }
}
