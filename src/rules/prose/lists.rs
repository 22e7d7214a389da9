//! P008: the numbered lists of the prose (`一是……二是……三是……`) that repeat or skip a number.
//!
//! A list begins at `一是` and runs on, across paragraphs, to the end of its section or to the
//! next sub-heading (`（二）依申请公开情况`); a new `一是` begins a new list. Only a marker that
//! stands where an item begins — at the start of the text or a line, or after a punctuation
//! mark — is read as one (`统一是`, `之一是` are words). Before a skip or a repeat is reported,
//! the text between the two markers is searched for any `N是` that would explain it (a marker in
//! a word-wrapped PDF line, a `首先` that began a new list): the rule never cries wolf.

use std::ops::Range;

use super::super::{Finding, Rule};
use crate::report::Severity::Warning;
use crate::Facts;

pub(in crate::rules) static P008: Rule = Rule {
    id: "P008",
    family: "prose",
    title: "正文“一是、二是……”的序号重复或跳号",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式（正文的文字规范）",
    what: "正文用“一是、二是、三是……”列举时，同一列举中的序号重复、倒退或跳过。列举从“一是”开始，到本部分结束或下一个小标题为止。",
    why: "序号错乱说明内容有删改后未重新编号，读者会以为漏了一项。",
    bad: "一是完善制度。二是加强培训。四是强化监督。",
    good: "一是完善制度。二是加强培训。三是强化监督。",
    fix: "按顺序重新编号；确有遗漏的，补上缺的一项。",
};

/// Chinese numerals a marker is written with.
const NUMERALS: &str = "一二三四五六七八九十";

/// Words that begin a list without `一是`: a list after them is not followed.
const FIRST: &[&str] = &["首先", "第一", "其一", "一方面"];

/// One `N是` in the text.
#[derive(Clone, Debug)]
struct Marker {
    n: u32,
    /// Normalised byte range of the numeral and 是.
    range: Range<usize>,
    /// True when it stands where an item begins; false inside a word (`统一是`).
    item: bool,
}

/// P008 over the prose in `range` (normalised), one section's body or the text before 一.
pub(super) fn check(facts: &Facts, range: Range<usize>, out: &mut Vec<Finding>) {
    let Some(text) = facts.norm.text.get(range.clone()) else {
        return;
    };
    let markers = markers(text);
    let mut previous: Option<&Marker> = None;
    for (i, m) in markers.iter().enumerate() {
        if !m.item {
            continue;
        }
        let between = previous.map_or(0, |p| p.range.end)..m.range.start;
        if previous.is_some() && sub_heading_in(text, between.clone()) {
            previous = None;
        }
        let Some(p) = previous.filter(|_| m.n != 1) else {
            previous = (m.n == 1).then_some(m);
            continue;
        };
        previous = Some(m);
        if m.n == p.n + 1 {
            continue;
        }
        // Any `N是` between the two (of a number that is missing, or a new list's first) or a
        // word that begins a list makes the order uncertain.
        let explained = markers
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|o| o.range.start >= between.start)
            .any(|o| o.n == 1 || p.n < o.n && o.n < m.n)
            || FIRST
                .iter()
                .any(|w| text.get(between.clone()).is_some_and(|t| t.contains(w)));
        if !explained {
            out.push(finding(facts, range.start, p, m));
        }
    }
}

/// The finding for `m` after `p` (ranges relative to `at`).
fn finding(facts: &Facts, at: usize, p: &Marker, m: &Marker) -> Finding {
    let (was, now, next) = (marker(p.n), marker(m.n), marker(p.n + 1));
    let message = if m.n == p.n {
        format!("“一是、二是……”的序号“{now}”重复出现，此处应为“{next}”")
    } else if m.n < p.n {
        format!("“一是、二是……”的序号在“{was}”之后是“{now}”，此处应为“{next}”")
    } else {
        let missing: Vec<String> = (p.n + 1..m.n).map(marker).collect();
        format!(
            "“一是、二是……”的序号在“{was}”之后是“{now}”，跳过了“{}”",
            missing.join("”“")
        )
    };
    let span = |r: &Range<usize>| facts.norm.span(at + r.start..at + r.end);
    Finding::new(&P008, Some(span(&m.range)), message)
        .suggest(next.clone())
        .related([span(&p.range)])
}

/// Every `N是` in `text`, in order (the numeral may be cut from 是 by a line break).
fn markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('是') {
        let Some(before) = text.get(..at) else {
            continue;
        };
        if text
            .get(at + '是'.len_utf8()..)
            .is_some_and(|t| t.starts_with('否'))
        {
            continue;
        }
        let joined = before.trim_end_matches([' ', '\t', '\n']);
        let digits = joined
            .char_indices()
            .rev()
            .take_while(|(_, c)| NUMERALS.contains(*c))
            .last()
            .map_or(joined.len(), |(i, _)| i);
        let Some(n) = joined.get(digits..).and_then(number) else {
            continue;
        };
        out.push(Marker {
            n,
            range: digits..at + '是'.len_utf8(),
            item: begins_item(text.get(..digits).unwrap_or("")),
        });
    }
    out
}

/// True when an item may begin after `before`: at the start, after a punctuation mark, or at
/// the start of a line whose previous line ended a sentence or was a heading.
fn begins_item(before: &str) -> bool {
    let line = before.trim_end_matches([' ', '\t', '#', '*', '>']);
    let Some(last) = line.chars().next_back() else {
        return true;
    };
    if "。；;：:！？!?，,、".contains(last) {
        return true;
    }
    if last != '\n' {
        return false;
    }
    let previous = line.trim_end_matches([' ', '\t', '\n']);
    let line_start = previous.rfind('\n').map_or(0, |i| i + 1);
    let previous_line = previous.get(line_start..).unwrap_or("");
    // A blank line (a new paragraph), a heading, or a line that ended a sentence.
    line.ends_with("\n\n")
        || previous_line.trim_start().starts_with('#')
        || sub_heading(previous_line)
        || previous_line
            .chars()
            .next_back()
            .is_none_or(|c| "。；;：:！？!?”）)".contains(c))
}

/// True when a line of `text` that begins inside `range` is a sub-heading.
fn sub_heading_in(text: &str, range: Range<usize>) -> bool {
    let Some(slice) = text.get(range.clone()) else {
        return false;
    };
    let at_start = range.start == 0 || text.get(..range.start).is_some_and(|t| t.ends_with('\n'));
    let mut lines = slice.split('\n');
    if !at_start {
        lines.next();
    }
    lines.any(sub_heading)
}

/// True when `line` begins with a heading's number: `（二）`, `(2)`, `二、`, `2.`, `2、`.
fn sub_heading(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '#', '*']);
    let numeral = |c: char| c.is_ascii_digit() || NUMERALS.contains(c);
    if let Some(inner) = line.strip_prefix(['（', '(']) {
        let rest = inner.trim_start_matches(numeral);
        return rest.len() < inner.len() && rest.starts_with(['）', ')']);
    }
    let rest = line.trim_start_matches(numeral);
    rest.len() < line.len() && rest.starts_with(['、', '.', '．'])
}

/// The value of a Chinese numeral from 一 to 九十九.
fn number(numeral: &str) -> Option<u32> {
    let digit = |c: char| NUMERALS.find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    match chars.as_slice() {
        [d] => Some(*d),
        [10, d] if *d < 10 => Some(10 + d),
        [t, 10] if *t > 1 && *t < 10 => Some(t * 10),
        [t, 10, d] if *t > 1 && *t < 10 && *d < 10 => Some(t * 10 + d),
        _ => None,
    }
}

/// The marker of item `n`: `三是`, `十二是`.
fn marker(n: u32) -> String {
    let digit = |d: u32| {
        let i = (d as usize).checked_sub(1);
        i.and_then(|i| NUMERALS.chars().nth(i)).unwrap_or('十')
    };
    let numeral = match n {
        1..=10 => digit(n).to_string(),
        11..=19 => format!("十{}", digit(n - 10)),
        _ if n % 10 == 0 => format!("{}十", digit(n / 10)),
        _ => format!("{}十{}", digit(n / 10), digit(n % 10)),
    };
    format!("{numeral}是")
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    fn report(body: &str) -> String {
        format!("一、总体情况\n无。\n五、存在的主要问题及改进情况\n{body}\n六、其他需要报告的事项\n无。\n")
    }

    #[test]
    fn lists_in_order_give_nothing() {
        for body in [
            "一是完善制度。二是加强培训。三是强化监督。",
            "存在问题：一是人员不足；二是更新不及时。改进措施：一是充实人员；二是定期巡查；三是加强考核。",
            "一是完善制度。\n二是加强培训。\n三是强化监督。",
            "（一）存在的问题\n一是人员不足。二是更新不及时。\n（二）改进情况\n一是充实人员。",
            "我局统一是非标准。二是加强培训。",
            "一是完善制度。首先是人员。二是加强培训。",
            "### 一是从严管理\n### 二是开展清理\n### 三是定期巡查",
            "一是完善制度。二是加强培训，强化统\n一是非标准。三是强化监督。",
            "一是完善制度。二\n是加强培训。三是强化监督。",
        ] {
            assert!(findings(&report(body), "P008").is_empty(), "{body}: {:?}", findings(&report(body), "P008"));
        }
    }

    #[test]
    fn a_skipped_or_repeated_number_is_reported_at_its_marker() {
        let got = findings(
            &report("一是完善制度。二是加强培训。四是强化监督。"),
            "P008",
        );
        assert_eq!(
            got,
            ["P008 warning 4:15 “一是、二是……”的序号在“二是”之后是“四是”，跳过了“三是” → 三是"]
        );
        let got = findings(
            &report("一是完善制度；二是加强培训；二是强化监督。"),
            "P008",
        );
        assert_eq!(
            got,
            ["P008 warning 4:15 “一是、二是……”的序号“二是”重复出现，此处应为“三是” → 三是"]
        );
        let got = findings(
            &report(
                "一是完善制度。\n二是加强培训。\n三是强化监督。\n二是做好解读。\n三是公开平台。",
            ),
            "P008",
        );
        assert_eq!(
            got,
            ["P008 warning 7:1 “一是、二是……”的序号在“三是”之后是“二是”，此处应为“四是” → 四是"]
        );
    }

    #[test]
    fn the_finding_relates_the_previous_marker() {
        let text = report("一是完善制度。二是加强培训。四是强化监督。");
        let report = crate::check(&text, &crate::Options::default());
        let d = &report
            .diagnostics
            .iter()
            .find(|d| d.rule == "P008")
            .expect("P008");
        let at = |l: &crate::span::Location| &text[l.start as usize..l.end as usize];
        assert_eq!(d.span.as_ref().map(at), Some("四是"));
        assert_eq!(d.related.iter().map(at).collect::<Vec<_>>(), ["二是"]);
    }

    #[test]
    fn a_list_ends_at_its_section_and_at_a_sub_heading() {
        for body in [
            "（一）存在的问题\n一是人员不足。二是更新不及时。三是解读不够。\n（二）改进情况\n二是充实人员。",
            "### (1) 存在的问题\n一是人员不足。二是更新不及时。\n### (2) 改进情况\n二是充实人员。",
        ] {
            assert!(findings(&report(body), "P008").is_empty(), "{body}: {:?}", findings(&report(body), "P008"));
        }
        let sections = "一、总体情况\n一是完善制度。二是加强培训。\n五、存在的主要问题及改进情况\n二是人员不足。\n";
        assert!(findings(sections, "P008").is_empty());
    }
}
