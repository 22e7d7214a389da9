//! Family P: counts stated in the prose against the tables.
//!
//! Reports restate their tables in words (`全年共受理政府信息公开申请749件……共办理718件，结转下一年
//! 31件`). A number is compared only when its clause names the same quantity, unmistakably, and
//! the table cell it must equal was read; anything unclear yields nothing, so the rule never
//! cries wolf. What counts as which quantity:
//!
//! - *received* (受理/收到/新收/接收 … 申请 N件) is 本年新收's 总计, or — many reports count it
//!   so — 本年新收 plus 上年结转; either is accepted, and the message says both;
//! - *answered* (办结/答复/办理 N件, in a sentence about 申请, not about 建议/提案/信访) is （七）总计;
//! - *carried forward* (结转下年/下一年 N件) is 四、结转下年度继续办理; *carried over* (上年结转 N件)
//!   is 二、上年结转;
//! - 行政复议 N件 is section 四's 行政复议 总计; 行政诉讼 N件 the two 行政诉讼 总计 together; a
//!   clause naming both (行政复议、行政诉讼案件 N件) their sum;
//! - `未收到……申请` states 0 received;
//! - a count said of many bodies (`全区各部门共收到……`) is not the report's and is not read; one
//!   said of the government or its office (`本级政府收到`, `区政府办公室收到`) is read only in the
//!   government's own report (its title names 人民政府 right before the year), and only as a
//!   warning like every count here, since the office may have counted only its own;
//! - a result of section 三 named right before its count (`予以公开1431件、部分公开471件`,
//!   `不予公开N件`, `予以公开、部分公开共258件`, `因本机关不掌握等原因无法提供265件`) is the sum
//!   of its rows' 总计 — the typical error is a number that matches only one sub-row or one
//!   applicant column. A count given for one reason (`因本机关不掌握无法提供N件`) is a sub-row's,
//!   and one given for several results together (`不予公开、无法提供共N件`) is no row's: neither
//!   is read.
//!
//! Only the prose is read: the text before section 一 and the bodies of sections 一, 五 and 六.
//! Each finding points at the number in the sentence and relates the table cell.
//!
//! This file lists the family's rules and holds the scanning of counts they share. Each check
//! stands in `prose/` by the quantity it compares:
//! - `counts.rs`: applications and cases (P001–P003), as statements the diagnosis weighs;
//! - `breakdowns.rs`: a total and its parts (P004, `共N，其中…`);
//! - `rates.rs`: shares and 办结率 (P005);
//! - `section2.rs`: section 二's counts (P006);
//! - `growth.rs`: growth against last year (P007);
//! - `lists.rs`: numbered lists (P008, `一是、二是……`).

use std::ops::Range;

mod breakdowns;
mod counts;
mod growth;
mod lists;
mod rates;
mod section2;

pub(super) use counts::statements;
pub(super) use growth::growth;

use super::{Finding, Rule};
use crate::ledger::{Diagnosis, Ledger};
use crate::text::years_in;
use crate::Facts;

/// Runs the family on every part of the prose.
pub(super) fn check(facts: &Facts, ledger: &Ledger, diagnosis: &Diagnosis, out: &mut Vec<Finding>) {
    for range in prose_ranges(facts) {
        let stated = counts::check(facts, ledger, diagnosis, range.clone(), out);
        breakdowns::check(facts, range.clone(), out);
        rates::check(facts, range.clone(), &stated, out);
        section2::check(facts, range.clone(), out);
        lists::check(facts, range, out);
    }
}

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[
    &counts::P001,
    &counts::P002,
    &counts::P003,
    &breakdowns::P004,
    &rates::P005,
    &section2::P006,
    &growth::P007,
    &lists::P008,
];

/// Units a count is written with, longest first.
const UNITS: &[&str] = &[
    "人次", "件次", "万元", "条", "件", "个", "项", "篇", "次", "元", "起", "宗",
];

/// Every count with its unit in `text`: (value, byte range of the digits, unit).
fn counts_with_units(text: &str) -> Vec<(i64, Range<usize>, &'static str)> {
    counts(text).collect()
}

/// The counts with their unit in `text`, in order, without allocating: most callers want only
/// the first.
fn counts(text: &str) -> impl Iterator<Item = (i64, Range<usize>, &'static str)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let (value, digits) = next_number(text, &mut i)?;
        let rest = text.get(digits.end..).unwrap_or("").trim_start();
        let unit = UNITS.iter().find(|u| rest.starts_with(*u));
        if let (Some(unit), Some(value)) = (unit, value) {
            return Some((value, digits, *unit));
        }
    })
}

/// The next run of digits (and thousands separators) in `text` at or after byte `*i`: its
/// value (none past nine digits) and its byte range; `*i` moves past it.
fn next_number(text: &str, i: &mut usize) -> Option<(Option<i64>, Range<usize>)> {
    let bytes = text.as_bytes();
    // Straight to the next digit: most of a text is not.
    *i += bytes.get(*i..)?.iter().position(u8::is_ascii_digit)?;
    let start = *i;
    let (mut value, mut length) = (Some(0i64), 0usize);
    while let Some(&b) = bytes.get(*i).filter(|b| b.is_ascii_digit() || **b == b',') {
        if b != b',' {
            value = value.and_then(|v| v.checked_mul(10)?.checked_add(i64::from(b - b'0')));
            length += 1;
        }
        *i += 1;
    }
    Some((value.filter(|_| length <= 9), start..*i))
}

/// The prose of the report: before section 一, and the bodies of sections 一, 五 and 六.
fn prose_ranges(facts: &Facts) -> Vec<Range<usize>> {
    let outline = &facts.outline;
    let mut out = Vec::new();
    if let Some(first) = outline.section(1) {
        out.push(0..first.line.start);
    }
    out.extend([1u8, 5, 6].iter().filter_map(|&n| outline.body(n)));
    out
}

/// True when `clause` names a year (`2022年`) that is not the report's year.
fn other_year(clause: &str, year: Option<u16>) -> bool {
    years_in(clause).into_iter().any(|y| Some(y) != year)
}

/// The first count in `clause` (digits followed by 件, 起 or 宗 — not 件次, a count of calls or
/// letters) and its byte range.
fn first_count(clause: &str) -> Option<(i64, Range<usize>)> {
    // The unit test of `counts`, for these three units only: 件 is the unit unless 件次 is.
    let counted = |rest: &str| {
        rest.starts_with('件') && !rest.starts_with("件次")
            || rest.starts_with('起')
            || rest.starts_with('宗')
    };
    let mut i = 0;
    loop {
        let (value, digits) = next_number(clause, &mut i)?;
        let rest = clause.get(digits.end..).unwrap_or("").trim_start();
        if let Some(value) = value.filter(|_| counted(rest)) {
            return Some((value, digits));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    const S3: &str = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t20\t0\t0\t0\t1\t0\t21\n二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n（七）总计\t22\t0\t0\t0\t1\t0\t23\n四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n";
    const S4: &str = "四、政府信息公开行政复议、行政诉讼情况\n2 0 0 0 2 1 0 0 0 1 0 0 0 1 1\n";

    #[test]
    fn a_rate_without_carried_over_applications_names_what_was_received_once() {
        let s3 = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n";
        let text = format!("一、总体情况\n全年办结申请3件，办结率50%。\n{s3}");
        assert_eq!(
            findings(&text, "P005"),
            ["P005 warning 2:13 正文办结率写作50%，按第三部分表格算不出这个比例（（七）总计3件，本年新收3件）"]
        );
    }

    #[test]
    fn first_count_is_the_first_count_in_件_起_or_宗() {
        for clause in [
            "",
            "受理申请25件",
            "接听12件次，受理3件",
            "1234567890件，又2起",
            "0\t0\t0\t12 宗",
            "共1,234 件次、5条、6件",
            "无数字",
        ] {
            let want = super::counts_with_units(clause)
                .into_iter()
                .find(|(_, _, unit)| matches!(*unit, "件" | "起" | "宗"))
                .map(|(value, range, _)| (value, range));
            assert_eq!(super::first_count(clause), want, "{clause}");
        }
        assert_eq!(super::first_count("接听12件次，受理3件"), Some((3, 23..24)));
    }

    pub(super) fn report(prose: &str) -> String {
        format!("一、总体情况\n{prose}\n{S3}{S4}五、存在的主要问题及改进情况\n无。\n")
    }

    /// The text each P finding points at, and the texts of its related spans.
    pub(super) fn pointed(text: &str) -> Vec<(String, Vec<String>)> {
        let at = |l: &crate::span::Location| text[l.start as usize..l.end as usize].to_string();
        crate::check(text, &crate::Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with('P'))
            .map(|d| {
                (
                    d.span.as_ref().map(at).unwrap_or_default(),
                    d.related.iter().map(at).collect(),
                )
            })
            .collect()
    }
}
