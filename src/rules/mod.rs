//! The rule catalogue and the runner: the only place that creates findings.
//!
//! Parsing records facts (a section found, a row missing, a cell read from a placeholder, a row
//! whose number of cells did not fit); each family module turns facts into [`Finding`]s. A rule
//! is a [`Rule`] descriptor plus the code that checks it, side by side in its family's file.
//! Wording lives in the family files; severity defaults live in the descriptor, so
//! `nianbao rules`, the page and the README all print from this one source.
//!
//! A rule is a `static` descriptor in its family's file (`T005`), and a finding holds a reference
//! to it, so a check cannot name a rule that does not exist.
//!
//! Invariant: rule ids are a family letter plus three digits, never renumbered or reused.

use serde::Serialize;

use crate::ledger::Ledger;
use crate::report::{Severity, Value};
use crate::span::Span;
use crate::Facts;

/// One of a rule's documentation texts (what, why, bad, good, fix): the text itself with the
/// `docs` feature (the CLI, the tests), an empty string without it. The page's module is built
/// without: the page loads the texts only when a rule's explanation is shown, from
/// `www/pkg/rule-docs.js`, which scripts/build.mjs writes from `nianbao rules --format json`.
#[cfg(feature = "docs")]
macro_rules! docs {
    ($text:literal) => {
        $text
    };
}

/// Without the `docs` feature the texts are left out of the build.
#[cfg(not(feature = "docs"))]
macro_rules! docs {
    ($text:literal) => {
        ""
    };
}

mod arithmetic;
mod content;
mod input;
mod numbers;
mod other;
mod prose;
mod scan;
mod structure;
mod template_rules;
mod year;

/// The documentation and defaults of one rule. Without the `docs` feature the five texts are
/// empty and not serialized: the page's `rules()` gives id, family, title, severity and clause.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Rule {
    /// Stable id: family letter + three digits.
    pub id: &'static str,
    /// Family name (structure, template, arithmetic, prose, year, number, other).
    pub family: &'static str,
    /// Short Chinese title.
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The template clause or note the rule enforces.
    pub clause: &'static str,
    /// What it checks.
    #[cfg_attr(not(feature = "docs"), serde(skip))]
    pub what: &'static str,
    /// Why it matters.
    #[cfg_attr(not(feature = "docs"), serde(skip))]
    pub why: &'static str,
    /// A minimal example that triggers it.
    #[cfg_attr(not(feature = "docs"), serde(skip))]
    pub bad: &'static str,
    /// The same, written correctly.
    #[cfg_attr(not(feature = "docs"), serde(skip))]
    pub good: &'static str,
    /// How to fix it.
    #[cfg_attr(not(feature = "docs"), serde(skip))]
    pub fix: &'static str,
}

/// A finding before it is located: spans are still raw byte ranges.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    /// The rule that found it: a family's descriptor, so an unknown id cannot be written.
    pub rule: &'static Rule,
    pub span: Option<Span>,
    pub message: String,
    pub expected: Option<Value>,
    pub actual: Option<Value>,
    pub suggestion: Option<String>,
    pub related: Vec<Span>,
    /// The rows (or other things) the finding is about, when there are too many to name in its
    /// message (see [`listed`]).
    pub items: Vec<String>,
}

/// The most names a message writes out (`「a」「b」「c」`); more are the finding's items and
/// the message gives their number.
pub(crate) const MAX_NAMED: usize = 3;

/// Names for a message: `Some("「a」「b」")` when there are at most [`MAX_NAMED`], else `None`
/// (the message then says how many, and the names go to [`Finding::items`]).
pub(crate) fn listed<S: AsRef<str>>(names: &[S]) -> Option<String> {
    (names.len() <= MAX_NAMED).then(|| {
        names
            .iter()
            .map(|n| format!("「{}」", n.as_ref()))
            .collect()
    })
}

impl Finding {
    /// A finding of `rule` at `span` with `message`.
    pub(crate) fn new(
        rule: &'static Rule,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            span,
            message: message.into(),
            expected: None,
            actual: None,
            suggestion: None,
            related: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Adds the things the finding is about, too many for its message (see [`listed`]).
    pub(crate) fn items<S: Into<String>>(mut self, items: impl IntoIterator<Item = S>) -> Finding {
        self.items.extend(items.into_iter().map(Into::into));
        self
    }

    /// Adds the expected and actual values.
    pub(crate) fn values(
        mut self,
        expected: impl Into<Value>,
        actual: impl Into<Value>,
    ) -> Finding {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }

    /// Adds a replacement text to show.
    pub(crate) fn suggest(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds other places involved.
    pub(crate) fn related(mut self, spans: impl IntoIterator<Item = Span>) -> Finding {
        self.related.extend(spans);
        self
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Dec(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

/// Every rule, grouped by family, in id order.
pub(crate) fn catalogue() -> Vec<&'static Rule> {
    let families: [&'static [&'static Rule]; 9] = [
        structure::RULES,
        content::RULES,
        input::RULES,
        template_rules::RULES,
        arithmetic::RULES,
        prose::RULES,
        year::RULES,
        numbers::RULES,
        other::RULES,
    ];
    families.iter().flat_map(|f| f.iter().copied()).collect()
}

/// The catalogue as a Markdown table (编号, 级别, 规则): what `nianbao rules --format md` prints
/// and the README holds.
pub fn markdown_table() -> String {
    let mut out = String::from("| 编号 | 级别 | 规则 |\n|---|---|---|\n");
    for r in catalogue() {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            r.id,
            r.severity.zh(),
            r.title
        ));
    }
    out
}

/// The descriptor of `id`, if it exists.
pub fn rule(id: &str) -> Option<&'static Rule> {
    catalogue().into_iter().find(|r| r.id == id)
}

pub use input::MAX_TEXT_BYTES;
pub(crate) use input::{too_large, unread};
pub(crate) use other::applied_template;

/// True when the report is a 人民政府's own, not one of its offices' or departments': its title
/// names the government right before the year (`…人民政府2023年政府信息…`).
fn government_report(facts: &Facts) -> bool {
    let Some((title, _)) = &facts.outline.title else {
        return false;
    };
    let title = crate::text::compact(title);
    title.find("人民政府").is_some_and(|at| {
        let after = title.get(at + "人民政府".len()..).unwrap_or("");
        after.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Runs every family over the facts (and, given last year's report, the year-over-year
/// family) and returns the findings in no particular order, with what the year-over-year family
/// compared when it ran. The identities are diagnosed once, here, and the families word the
/// diagnosis.
pub(crate) fn run(
    facts: &Facts,
    last: Option<&Facts>,
) -> (Vec<Finding>, Option<crate::report::PreviousYear>) {
    let mut out = Vec::new();
    let ledger = Ledger::build(facts, last, prose::statements(facts));
    let diagnosis = ledger.diagnose();
    structure::check(facts, &mut out);
    input::check(facts, &mut out);
    content::check(facts, &mut out);
    template_rules::check(facts, &mut out);
    arithmetic::check(facts, &ledger, &diagnosis, &mut out);
    prose::check(facts, &ledger, &diagnosis, &mut out);
    numbers::check(facts, &mut out);
    other::check(facts, &mut out);
    let Some(last) = last else {
        return (out, None);
    };
    year::check(facts, last, &ledger, &diagnosis, &mut out);
    prose::growth(facts, last, &mut out);
    let compared = year::summary(facts, last, &ledger, &diagnosis);
    (out, Some(compared))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::report::Value;
    use crate::{check, Options};

    fn show(v: &Value) -> String {
        match v {
            Value::Int(i) => i.to_string(),
            Value::Dec(d) => crate::num::amount(*d),
            Value::Text(t) => t.clone(),
        }
    }

    /// Section 三 with `rows`, tab-separated under its heading.
    pub fn section3(rows: &[(&str, [i64; 7])]) -> String {
        let mut s = String::from("三、收到和处理政府信息公开申请情况\n");
        for (label, v) in rows {
            let cells: Vec<String> = v.iter().map(i64::to_string).collect();
            s.push_str(&format!("{label}\t{}\n", cells.join("\t")));
        }
        s
    }

    /// The findings of rules whose id starts with `prefix`, one compact line each:
    /// `ID severity line:col message (expected≠actual) → suggestion`.
    pub fn findings(text: &str, prefix: &str) -> Vec<String> {
        check(text, &Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with(prefix))
            .map(|d| {
                let at = d
                    .span
                    .map_or("-".to_string(), |s| format!("{}:{}", s.line, s.column));
                let mut line = format!("{} {} {at} {}", d.rule, d.severity.as_str(), d.message);
                if let (Some(e), Some(a), Some('A')) =
                    (&d.expected, &d.actual, d.rule.chars().next())
                {
                    line.push_str(&format!(" ({}≠{})", show(e), show(a)));
                }
                if let Some(s) = &d.suggestion {
                    line.push_str(&format!(" → {s}"));
                }
                line
            })
            .collect()
    }

    #[test]
    fn every_rule_is_documented_and_ids_are_unique() {
        let all = super::catalogue();
        let mut ids: Vec<&str> = all.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "duplicate rule id");
        for r in all {
            let id_ok = r.id.len() == 4 && r.id[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(id_ok, "{}: id must be a letter and three digits", r.id);
            let docs = [
                ("what", r.what),
                ("why", r.why),
                ("bad", r.bad),
                ("good", r.good),
                ("fix", r.fix),
            ];
            // Without the `docs` feature the texts are not compiled in.
            let docs = if cfg!(feature = "docs") {
                &docs[..]
            } else {
                &[]
            };
            for (field, text) in [("title", r.title), ("clause", r.clause)]
                .iter()
                .chain(docs)
            {
                assert!(!text.trim().is_empty(), "{} lacks {field}", r.id);
            }
        }
    }
}
