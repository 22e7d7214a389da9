//! P007: `同比增长x%` after a stated count, against the same quantity in last year's report.

use super::super::{Finding, Rule};
use super::counts::{stated_counts, table_values};
use super::prose_ranges;
use super::rates::percent_after;
use crate::num;
use crate::report::Severity::Warning;
use crate::text::contains;
use crate::Facts;

pub(super) static P007: Rule = Rule {
    id: "P007",
    family: "prose",
    title: "正文的同比增减与上一年报告算出的不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式（与上一年度报告衔接）",
    what: "给出上一年报告时：正文“同比增长（下降）x%”“较上年增加（减少）x%”，与本年和上一年表格的同一数量算出的增减幅度不一致。",
    why: "增减幅度算错会误导读者对工作成效的判断。",
    bad: "全年共受理政府信息公开申请30件，同比增长50%（上一年为25件，应为20%）",
    good: "全年共受理政府信息公开申请30件，同比增长20%",
    fix: "按两年表格的数字重新计算增减幅度。",
};

/// P007: `同比增长x%` after a stated count, against last year's report.
pub(in crate::rules) fn growth(this: &Facts, last: &Facts, out: &mut Vec<Finding>) {
    let text = &this.norm.text;
    let government = super::super::government_report(this);
    for range in prose_ranges(this) {
        let mut stated = stated_counts(text, range, this.outline.year);
        stated.retain(|s| s.is_own(government));
        for stated in stated {
            let Some(after) = text.get(stated.range.end..) else {
                continue;
            };
            let window: String = after.chars().take(14).collect();
            let down = ["下降", "减少", "降低"]
                .iter()
                .any(|w| contains(&window, w));
            let up = ["增长", "增加", "上升", "提高"]
                .iter()
                .any(|w| contains(&window, w));
            let yearly = ["同比", "较上年", "比上年", "较去年"]
                .iter()
                .any(|w| contains(&window, w));
            if !(yearly && (up || down)) || up && down {
                continue;
            }
            let Some((written, decimals, r)) = percent_after(text, stated.range.end, 16) else {
                continue;
            };
            let before = table_values(last, stated.what);
            if before.is_empty() {
                continue;
            }
            let signed = if down { -written } else { written };
            let fits = before.iter().any(|&m| {
                m > 0 && {
                    let exact = (stated.value - m) as f64 * 100.0 / m as f64;
                    let unit = 10f64.powi(-(decimals.min(6) as i32));
                    (signed - exact).abs() <= unit / 2.0 + 1e-9
                }
            });
            if fits || before.iter().all(|&m| m <= 0) {
                continue;
            }
            let m = before.first().copied().unwrap_or(0);
            let exact = (stated.value - m) as f64 * 100.0 / m as f64;
            out.push(Finding::new(
                &P007,
                Some(this.norm.span(r)),
                format!(
                    "正文写{}{}%，上一年报告的同一数量为{m}件、本年{}件，应为{}{}%",
                    if down { "下降" } else { "增长" },
                    num::decimal(written, decimals),
                    stated.value,
                    if exact < 0.0 { "下降" } else { "增长" },
                    num::decimal(exact.abs(), decimals.max(1))
                ),
            ));
        }
    }
}
