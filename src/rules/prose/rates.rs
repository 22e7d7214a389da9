//! P005: shares (`予以公开258件，占33.9%`) and 办结率 the prose states, recomputed from section
//! 三's table; any of the wholes reports divide by is accepted.

use crate::num;
use std::ops::Range;

use super::super::{Finding, Rule};
use super::counts::{total, Quantity, Stated};
use crate::report::Severity::Warning;
use crate::template::S3Row;
use crate::Facts;

pub(super) static P005: Rule = Rule {
    id: "P005",
    family: "prose",
    title: "正文的比例与表格算出的不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分统计表",
    what: "正文写的占比（如“予以公开258件，占33.9%”）或办结率，与按第三部分表格算出的不一致。占比按（七）总计或本年新收（含或不含上年结转）计算，办结率按（七）总计除以本年新收（含或不含上年结转），任一种相符即不提示。",
    why: "比例算错会误导读者，也常说明件数本身有误。",
    bad: "予以公开10件，占50%（（七）总计为40件）",
    good: "予以公开10件，占25%",
    fix: "按表格重新计算比例。",
};

/// A percentage written in `text` at or after byte `from` (within a few chars): its value, its
/// number of decimals and its byte range.
pub(super) fn percent_after(
    text: &str,
    from: usize,
    within: usize,
) -> Option<(f64, usize, Range<usize>)> {
    let tail = text.get(from..)?;
    let window_end = tail
        .char_indices()
        .nth(within)
        .map_or(tail.len(), |(i, _)| i);
    let window = tail.get(..window_end)?;
    let pct = window.find('%').or_else(|| window.find('％'))?;
    let digits_start = window
        .get(..pct)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let number = window.get(digits_start..pct)?;
    let value = crate::num::parse(number)?;
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    Some((value, decimals, from + digits_start..from + pct))
}

/// True when `written` (with `decimals` decimals) is `part / whole` as a percentage, rounded.
fn same_share(written: f64, decimals: usize, part: i64, whole: i64) -> bool {
    if whole <= 0 {
        return false;
    }
    let exact = part as f64 * 100.0 / whole as f64;
    let unit = 10f64.powi(-(decimals.min(6) as i32));
    (written - exact).abs() <= unit / 2.0 + 1e-9
}

/// P005: shares (`N件，占X%`) and 办结率 against the table.
pub(super) fn check(facts: &Facts, range: Range<usize>, stated: &[Stated], out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let (Some((new, _)), Some((answered, _))) =
        (total(facts, S3Row::New), total(facts, S3Row::Total))
    else {
        return;
    };
    let carried = total(facts, S3Row::CarriedOver).map_or(0, |c| c.0);
    let wholes = [answered, new, new + carried];
    // What was received with last year's carried over, said only when something was carried.
    let with_carried = if carried > 0 {
        format!("，加上年结转为{}件", new + carried)
    } else {
        String::new()
    };
    let mut push = |part: i64, at: (f64, usize, Range<usize>), what: String| {
        let (written, decimals, r) = at;
        if wholes
            .iter()
            .any(|&w| same_share(written, decimals, part, w))
        {
            return;
        }
        let span = facts.norm.span(r);
        out.push(
            Finding::new(
                &P005,
                Some(span),
                format!("正文{what}写作{}%，按第三部分表格算不出这个比例（（七）总计{answered}件，本年新收{new}件{with_carried}）", num::decimal(written, decimals)),
            ),
        );
    };
    // Shares right after a stated count: `予以公开258件，占33.9%`.
    for stated in stated {
        if !matches!(stated.what, Quantity::Outcome(..) | Quantity::Answered) {
            continue;
        }
        let Some(after) = text.get(stated.range.end..) else {
            continue;
        };
        let window: String = after.chars().take(8).collect();
        if !window.contains('占') {
            continue;
        }
        if let Some(at) = percent_after(text, stated.range.end, 12) {
            push(stated.value, at, format!("{}件的占比", stated.value));
        }
    }
    // 办结率 / 答复率: （七）总计 over what was received.
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    for word in ["办结率", "答复率"] {
        for (p, _) in slice.match_indices(word) {
            let from = range.start + p + word.len();
            if let Some(at) = percent_after(text, from, 6) {
                let (written, decimals, r) = at.clone();
                let ok = [new, new + carried]
                    .iter()
                    .any(|&w| same_share(written, decimals, answered, w));
                if !ok {
                    let span = facts.norm.span(r);
                    out.push(Finding::new(
                        &P005,
                        Some(span),
                        format!("正文{word}写作{}%，按第三部分表格算不出这个比例（（七）总计{answered}件，本年新收{new}件{with_carried}）", num::decimal(written, decimals)),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::report;
    use crate::rules::tests::findings;

    #[test]
    fn shares_and_rates_recomputed() {
        // S3: new 21, carried 3, (七)总计 23 — 办结率 23/24 = 95.8%, or 23/21 (more than all).
        assert!(findings(&report("全年办结申请23件，办结率95.8%。"), "P005").is_empty());
        let got = findings(&report("全年办结申请23件，办结率100%。"), "P005");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("P005 warning 2:14 正文办结率写作100%"),
            "{got:?}"
        );
        assert!(
            findings(&report("全年办结申请23件，占比100%。"), "P005").is_empty(),
            "23 of 23"
        );
        let got = findings(&report("全年办结申请23件，占比50%。"), "P005");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
