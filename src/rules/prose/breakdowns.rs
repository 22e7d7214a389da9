//! P004: `共N条，其中A条、B条……` whose parts, in the same unit, do not add up to N.

use std::ops::Range;

use super::super::scan::pieces;
use super::super::{Finding, Rule};
use super::counts_with_units;
use crate::report::Severity::Warning;
use crate::text::{contains, find};
use crate::Facts;

pub(super) static P004: Rule = Rule {
    id: "P004",
    family: "prose",
    title: "正文的“共…其中…”分项相加不等于总数",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式（正文数字的一致性）",
    what: "正文“共N条（件），其中A条、B条……”列出的各分项相加，与所说的总数不一致。",
    why: "分项与总数对不上，读者无法判断哪个数字是对的。",
    bad:
        "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息40条。",
    good:
        "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息43条。",
    fix: "核对总数和各分项；只列了部分分项时，写明“主要包括”或列全。",
};

/// P004: `共N条，其中A条、B条……` whose parts, in the same unit, do not add up to N.
pub(super) fn check(facts: &Facts, range: Range<usize>, out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut sentence_start = range.start;
    for sentence in pieces(slice, &['。', '！', '？', '\n']) {
        let at = sentence_start;
        sentence_start += sentence.len();
        let Some(k) = find(sentence, "其中") else {
            continue;
        };
        let (head, tail) = sentence.split_at(k);
        // The total: the last count before 其中, in a clause that says 共.
        let Some((total, total_range, unit)) = counts_with_units(head).pop() else {
            continue;
        };
        let lead = head.trim_end_matches(['，', ',', ' ']);
        let clause_start = lead
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '，' | '；' | ',' | ';'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        if !lead.get(clause_start..).unwrap_or("").contains('共') {
            continue;
        }
        let mut parts: Vec<(i64, Range<usize>)> = Vec::new();
        let mut offset = k;
        for clause in pieces(tail, &['，', '、', '；', ',', ';']) {
            let here = offset;
            offset += clause.len();
            if !parts.is_empty() && (clause.contains('共') || contains(clause, "另")) {
                break;
            }
            let counts = counts_with_units(clause);
            let Some((v, r, u)) = counts.first().cloned() else {
                break;
            };
            if u != unit || counts.len() > 1 {
                break;
            }
            parts.push((v, here + r.start..here + r.end));
        }
        if parts.len() < 2 {
            continue;
        }
        let sum: i64 = parts.iter().map(|p| p.0).sum();
        if sum == total {
            continue;
        }
        let span = facts
            .norm
            .span(at + total_range.start..at + total_range.end);
        let related = parts
            .iter()
            .map(|(_, r)| facts.norm.span(at + r.start..at + r.end));
        out.push(
            Finding::new(
                &P004,
                Some(span),
                format!(
                    "正文说共{total}{unit}，其中列出的{}项相加为{sum}{unit}",
                    parts.len()
                ),
            )
            .related(related),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::report;
    use crate::rules::tests::findings;

    #[test]
    fn breakdowns_that_do_not_add_up() {
        let good = "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息43条。";
        assert!(findings(&report(good), "P004").is_empty());
        let listed = "我委主动公开政府信息190条，其中工作动态类信息150条、公告通知类36条、财政信息类4条，办理市民服务热线138件次。";
        assert!(
            findings(&report(listed), "P004").is_empty(),
            "no 共: not a total"
        );
        let bad = "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息40条。";
        assert_eq!(
            findings(&report(bad), "P004"),
            ["P004 warning 2:12 正文说共422条，其中列出的3项相加为419条"]
        );
        let after_a_comma = format!("2023年，{bad}");
        assert_eq!(findings(&report(&after_a_comma), "P004").len(), 1);
        let units = "收取信息处理费共计380元，其中民政局1件，收取380元。";
        assert!(findings(&report(units), "P004").is_empty());
    }
}
