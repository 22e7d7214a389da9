//! Family Y: this year's report against the same body's report for the previous year.
//!
//! Given last year's report, three things must hold or be explained: this year's 上年结转 is
//! last year's 结转下年度继续办理, column by column; section 二's 现行有效件数 is last year's plus
//! this year's 本年制发 minus 本年废止 (a warning only: bodies merge, documents lapse and are
//! revised); and a section 三 copied number for number from last year is worth a look. When the
//! two reports' years are not consecutive, that is said instead and nothing is compared.
//!
//! Findings point into this year's text; last year's numbers are in the message and in
//! `expected`.

use super::{Finding, Rule};
use crate::ledger::{Diagnosis, Ledger};
use crate::report::Severity::{Error, Info, Warning};
use crate::report::{PreviousYear, YearCheck, YearStatus};
use crate::span::Span;
use crate::template::identities::{Kind, Qty, Row3};
use crate::template::{S3Col, S3Row, S3_COLUMNS, S3_ROWS};
use crate::Facts;

pub(super) static Y001: Rule = Rule {
    id: "Y001",
    family: "year",
    title: "上年结转与上一年报告的结转下年度不一致",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分 二、上年结转政府信息公开申请数量",
    what: docs!("本年报告第三部分“二、上年结转政府信息公开申请数量”应等于上一年报告“四、结转下年度继续办理”，逐列核对。"),
    why: docs!("结转的申请是同一批申请，两年的数字对不上，至少有一年的表格填错了。"),
    bad: docs!("上一年结转下年度3件，本年上年结转2件"),
    good: docs!("上一年结转下年度3件，本年上年结转3件"),
    fix: docs!("核对两年的表格，改正填错的一处。"),
};

pub(super) static Y002: Rule = Rule {
    id: "Y002",
    family: "year",
    title: "现行有效件数与上一年报告衔接不上",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第二部分 第二十条第（一）项 现行有效件数",
    what: docs!("第二部分规章、行政规范性文件的“现行有效件数”一般应等于上一年报告的现行有效件数加本年制发件数减本年废止件数。"),
    why: docs!("对不上通常是漏计了制发或废止的文件；机构调整、文件失效或修订也会造成差异，请核实。"),
    bad: docs!("上一年现行有效10件，本年制发2件、废止1件，本年现行有效12件"),
    good: docs!("上一年现行有效10件，本年制发2件、废止1件，本年现行有效11件"),
    fix: docs!("核对现行有效件数；差异另有原因的，可在第六部分说明。"),
};

pub(super) static Y003: Rule = Rule {
    id: "Y003",
    family: "year",
    title: "第三部分表格与上一年报告逐格相同",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分",
    what: docs!("本年第三部分表格的175个数字与上一年报告逐格相同（且不全为0）。"),
    why: docs!("两年的申请情况完全相同极少见，常是沿用了上一年的表格忘记更新。"),
    bad: docs!("（本年表格照抄上一年）"),
    good: docs!("（按本年实际情况填写）"),
    fix: docs!("确认表格是本年的数字。"),
};

pub(super) static Y004: Rule = Rule {
    id: "Y004",
    family: "year",
    title: "上一年报告的年度不是前一年",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式",
    what: docs!("作为“上一年报告”给出的报告，其年度不是本报告的前一年，因此没有做两年的衔接核对。"),
    why: docs!("只有相邻两年的报告才能衔接核对。"),
    bad: docs!("（本报告为2024年度，给出的上一年报告为2022年度）"),
    good: docs!("（本报告为2024年度，上一年报告为2023年度）"),
    fix: docs!("给出本机关前一年度的报告。"),
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&Y001, &Y002, &Y003, &Y004];

/// Compares this year's facts with the previous year's.
pub(super) fn check(
    this: &Facts,
    last: &Facts,
    ledger: &Ledger,
    diagnosis: &Diagnosis,
    out: &mut Vec<Finding>,
) {
    let title = this.outline.title.as_ref().map(|(_, s)| *s);
    if let (Some(y), Some(l)) = (this.outline.year, last.outline.year) {
        if l + 1 != y {
            out.push(Finding::new(
                &Y004,
                title,
                format!("给出的上一年报告是{l}年度，本报告是{y}年度，未做两年衔接核对"),
            ));
            return;
        }
    }
    carried(this, ledger, diagnosis, out);
    in_force(this, last, out);
    copied(this, last, out);
}

/// What the comparison with last year's report compared and how each part came out: the
/// same three things `check` looks at, said whether they hold or not.
pub(super) fn summary(
    this: &Facts,
    last: &Facts,
    ledger: &Ledger,
    diagnosis: &Diagnosis,
) -> PreviousYear {
    let follows = match (this.outline.year, last.outline.year) {
        (Some(y), Some(l)) => l + 1 == y,
        _ => true,
    };
    let checks = if follows {
        vec![
            carried_summary(ledger, diagnosis),
            in_force_summary(this, last),
            copied_summary(this, last),
        ]
    } else {
        Vec::new()
    };
    PreviousYear {
        year: last.outline.year,
        compared: follows,
        checks,
    }
}

/// 上年结转 against last year's 结转下年度, column by column.
fn carried_summary(ledger: &Ledger, diagnosis: &Diagnosis) -> YearCheck {
    let value = |qty| ledger.entry(qty).and_then(|e| e.value);
    let pairs: Vec<(S3Col, Option<i64>, Option<i64>)> = S3Col::ALL
        .into_iter()
        .map(|c| {
            let now = value(Qty::S3(Row3::Row(S3Row::CarriedOver), c));
            (c, now, value(Qty::LastForward(c)))
        })
        .collect();
    let differ: Vec<&str> = S3Col::ALL
        .into_iter()
        .filter(|&c| diagnosis.fails(Kind::CarryOver(c)))
        .map(S3Col::label)
        .collect();
    let read = pairs.iter().filter(|(_, a, b)| a.is_some() && b.is_some());
    let total = pairs.iter().find(|(c, _, _)| *c == S3Col::Total);
    let (status, detail) = match (read.count(), differ.as_slice(), total) {
        (0, _, _) => (
            YearStatus::NotChecked,
            "本年「上年结转」或上一年「结转下年度继续办理」没有读出数字".to_string(),
        ),
        (n, [], Some((_, Some(now), Some(then)))) => (
            YearStatus::Passed,
            format!("{n}列逐列一致：本年上年结转{now}件，上一年结转下年度{then}件"),
        ),
        (n, [], _) => (YearStatus::Passed, format!("读出的{n}列逐列一致")),
        (_, columns, _) => (
            YearStatus::Failed,
            format!("{}列不一致：「{}」", columns.len(), columns.join("」「")),
        ),
    };
    YearCheck {
        key: "carried_over",
        title: "本年“上年结转”与上一年“结转下年度继续办理”",
        status,
        detail,
    }
}

/// 现行有效件数 carried on, for 规章 and 行政规范性文件.
fn in_force_summary(this: &Facts, last: &Facts) -> YearCheck {
    let check = |status, detail| YearCheck {
        key: "in_force",
        title: "第二部分“现行有效件数”与上一年衔接",
        status,
        detail,
    };
    if this.tables.s2.format_2019 || last.tables.s2.format_2019 {
        return check(
            YearStatus::NotChecked,
            "2019年试行格式的第二部分没有现行有效件数".to_string(),
        );
    }
    let mut said = Vec::new();
    let mut failed = false;
    for key in ["regulations", "normative_docs"] {
        let (Some(now), Some(then)) = (s2_row(this, key), s2_row(last, key)) else {
            continue;
        };
        let (Some(issued), Some(repealed), Some(in_force), Some(before)) =
            (now.int(0), now.int(1), now.int(2), then.int(2))
        else {
            continue;
        };
        let expected = before + issued - repealed;
        failed |= expected != in_force;
        said.push(format!(
            "{}：上一年{before}件+制发{issued}件−废止{repealed}件={expected}件，本年{in_force}件",
            now.def.label
        ));
    }
    match (said.is_empty(), failed) {
        (true, _) => check(
            YearStatus::NotChecked,
            "两年的规章、行政规范性文件没有都读出数字".to_string(),
        ),
        (false, failed) => check(
            if failed {
                YearStatus::Failed
            } else {
                YearStatus::Passed
            },
            said.join("；"),
        ),
    }
}

/// Section 三 compared with last year's, cell for cell.
fn copied_summary(this: &Facts, last: &Facts) -> YearCheck {
    let (status, detail) = match (s3_cells(this), s3_cells(last)) {
        (Some(now), Some(then)) if now == then && now.iter().any(|&v| v != 0) => {
            (YearStatus::Failed, "175个数字与上一年逐格相同".to_string())
        }
        (Some(now), Some(then)) => {
            let differ = now.iter().zip(&then).filter(|(a, b)| a != b).count();
            (
                YearStatus::Passed,
                if differ == 0 {
                    "两年都全为0".to_string()
                } else {
                    format!("与上一年有{differ}个数字不同")
                },
            )
        }
        _ => (
            YearStatus::NotChecked,
            "两年的第三部分表格没有都完整读出".to_string(),
        ),
    };
    YearCheck {
        key: "identical",
        title: "第三部分表格不是照抄上一年",
        status,
        detail,
    }
}

/// Section 三's 175 numbers, row by row, when every one was read.
fn s3_cells(f: &Facts) -> Option<Vec<i64>> {
    let rows = &f.tables.s3.rows;
    if rows.len() != S3_ROWS.len() {
        return None;
    }
    rows.iter()
        .flat_map(|r| (0..S3_COLUMNS.len()).map(move |c| r.int(c)))
        .collect()
}

/// Y001: per column, this year's 上年结转 = last year's 结转下年度继续办理. A column whose
/// difference the diagnosis puts on this year's cell is A007's (it names last year's report as
/// agreeing); the others are said here, proposing no value: last year's report may be the
/// wrong one.
fn carried(this: &Facts, ledger: &Ledger, diagnosis: &Diagnosis, out: &mut Vec<Finding>) {
    let Some(now) = this.tables.s3.get(S3Row::CarriedOver) else {
        return;
    };
    let differ: Vec<(S3Col, i64, i64)> = S3Col::ALL
        .into_iter()
        .filter(|&c| diagnosis.fails(Kind::CarryOver(c)))
        .filter(|&c| {
            diagnosis
                .repair(Qty::S3(Row3::Row(S3Row::CarriedOver), c))
                .is_none()
        })
        .filter_map(|c| {
            let a = ledger
                .entry(Qty::S3(Row3::Row(S3Row::CarriedOver), c))?
                .value?;
            let b = ledger.entry(Qty::LastForward(c))?.value?;
            Some((c, a, b))
        })
        .collect();
    let Some(&(first, _, _)) = differ.first() else {
        return;
    };
    let cells: Vec<Span> = differ
        .iter()
        .filter_map(|(c, _, _)| now.cells.get(*c as usize).copied().flatten())
        .collect();
    let listed: Vec<String> = differ
        .iter()
        .map(|(c, a, b)| format!("「{}」本年{a}、上一年{b}", c.label()))
        .collect();
    out.push(
        Finding::new(
            &Y001,
            now.cells.get(first as usize).copied().flatten().or(now.span),
            format!(
                "第三部分「二、上年结转政府信息公开申请数量」与上一年报告的「四、结转下年度继续办理」不一致：{}",
                listed.join("，")
            ),
        )
        .related(cells.into_iter().skip(1)),
    );
}

/// Y002: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 行政规范性文件.
fn in_force(this: &Facts, last: &Facts, out: &mut Vec<Finding>) {
    if this.tables.s2.format_2019 || last.tables.s2.format_2019 {
        return;
    }
    for key in ["regulations", "normative_docs"] {
        let (Some(now), Some(then)) = (s2_row(this, key), s2_row(last, key)) else {
            continue;
        };
        let (Some(issued), Some(repealed), Some(in_force), Some(before)) =
            (now.int(0), now.int(1), now.int(2), then.int(2))
        else {
            continue;
        };
        let expected = before + issued - repealed;
        if expected == in_force {
            continue;
        }
        out.push(
            Finding::new(
                &Y002,
                now.cells.get(2).copied().flatten().or(now.span),
                format!(
                    "「{}」现行有效件数{in_force}，上一年{before}件加本年制发{issued}件减废止{repealed}件应为{expected}件",
                    now.def.label
                ),
            ),
        );
    }
}

/// Section 二's row `key`, when found.
fn s2_row<'f>(facts: &'f Facts, key: &str) -> Option<&'f crate::tables::RowRead> {
    facts
        .tables
        .s2
        .rows
        .iter()
        .find(|r| r.def.key == key && r.is_found())
}

/// Y003: section 三 the same as last year's, cell for cell, and not all 0.
fn copied(this: &Facts, last: &Facts, out: &mut Vec<Finding>) {
    let (Some(now), Some(then)) = (s3_cells(this), s3_cells(last)) else {
        return;
    };
    if now == then && now.iter().any(|&v| v != 0) {
        let at = this.tables.s3.rows.iter().find_map(|r| r.span);
        out.push(Finding::new(
            &Y003,
            at,
            "第三部分表格与上一年报告逐格相同，请确认填写的是本年的数字",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{check_with_previous, Options, Previous};

    const HEAD: &str = "三、收到和处理政府信息公开申请情况\n";

    fn s3(carried: &str, forward: &str) -> String {
        format!("{HEAD}二、上年结转政府信息公开申请数量\t{carried}\n四、结转下年度继续办理\t{forward}\n")
    }

    fn findings(this: &str, last: &str) -> Vec<String> {
        let last = Previous {
            text: last,
            laid_out: false,
        };
        check_with_previous(this, &last, &Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with('Y'))
            .map(|d| format!("{} {}", d.rule, d.message))
            .collect()
    }

    /// A titled report for `year` with section 三's 上年结转 and 结转下年度 rows.
    fn report(year: u16, carried: &str, forward: &str) -> String {
        format!(
            "某局{year}年政府信息公开工作年度报告\n{}",
            s3(carried, forward)
        )
    }

    #[test]
    fn carried_over_must_be_last_years_carried_forward() {
        let last = report(2022, "0 0 0 0 0 0 0", "3 0 0 0 1 0 4");
        let this = report(2023, "2 0 0 0 1 0 3", "0 0 0 0 0 0 0");
        assert_eq!(
            findings(&this, &last),
            ["Y001 第三部分「二、上年结转政府信息公开申请数量」与上一年报告的「四、结转下年度继续办理」不一致：「自然人」本年2、上一年3，「总计」本年3、上一年4"]
        );
        let good = report(2023, "3 0 0 0 1 0 4", "0 0 0 0 0 0 0");
        assert!(findings(&good, &last).is_empty());
    }

    /// What the comparison says it compared: `key status detail` per check.
    fn compared(this: &str, last: &str) -> Option<(bool, Vec<String>)> {
        let last = Previous {
            text: last,
            laid_out: false,
        };
        let year = check_with_previous(this, &last, &Options::default()).previous_year?;
        let checks = year.checks.iter();
        let said = checks.map(|c| format!("{} {:?} {}", c.key, c.status, c.detail));
        Some((year.compared, said.collect()))
    }

    /// A titled report for `year` whose section 三 has every row, each holding `n` in its
    /// first and last column.
    fn full(year: u16, n: i64) -> String {
        let rows: Vec<(&str, [i64; 7])> = crate::template::S3_ROWS
            .iter()
            .map(|r| (r.label, [n, 0, 0, 0, 0, 0, n]))
            .collect();
        let table = crate::rules::tests::section3(&rows);
        format!("某局{year}年政府信息公开工作年度报告\n{table}")
    }

    #[test]
    fn what_was_compared_is_said_whether_it_holds_or_not() {
        let last = report(2022, "0 0 0 0 0 0 0", "3 0 0 0 1 0 4");
        let good = report(2023, "3 0 0 0 1 0 4", "0 0 0 0 0 0 0");
        let (follows, said) = compared(&good, &last).expect("compared");
        assert!(follows);
        assert_eq!(
            said,
            [
                "carried_over Passed 7列逐列一致：本年上年结转4件，上一年结转下年度4件",
                "in_force NotChecked 两年的规章、行政规范性文件没有都读出数字",
                "identical NotChecked 两年的第三部分表格没有都完整读出",
            ]
        );
        let bad = report(2023, "2 0 0 0 1 0 3", "0 0 0 0 0 0 0");
        let (_, said) = compared(&bad, &last).expect("compared");
        assert_eq!(said[0], "carried_over Failed 2列不一致：「自然人」「总计」");
        // Section 三 copied from last year, and a changed one.
        let (_, said) = compared(&full(2023, 1), &full(2022, 1)).expect("compared");
        assert_eq!(said[2], "identical Failed 175个数字与上一年逐格相同");
        let (_, said) = compared(&full(2023, 2), &full(2022, 1)).expect("compared");
        assert_eq!(said[2], "identical Passed 与上一年有50个数字不同");
        // Years that do not follow: nothing compared; no last year's report: no summary.
        let old = report(2021, "0 0 0 0 0 0 0", "3 0 0 0 1 0 4");
        assert_eq!(compared(&good, &old), Some((false, Vec::new())));
        assert!(crate::check(&good, &Options::default())
            .previous_year
            .is_none());
    }

    #[test]
    fn years_that_do_not_follow_are_said_and_not_compared() {
        let last = report(2021, "0 0 0 0 0 0 0", "3 0 0 0 1 0 4");
        let this = report(2023, "2 0 0 0 1 0 3", "0 0 0 0 0 0 0");
        assert_eq!(
            findings(&this, &last),
            ["Y004 给出的上一年报告是2021年度，本报告是2023年度，未做两年衔接核对"]
        );
    }

    #[test]
    fn documents_in_force_carry_over() {
        let s2 = |row: &str| {
            format!("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t{row}\n")
        };
        let last = format!("某局2022年政府信息公开工作年度报告\n{}", s2("1\t0\t10"));
        let this = format!("某局2023年政府信息公开工作年度报告\n{}", s2("2\t1\t12"));
        assert_eq!(
            findings(&this, &last),
            ["Y002 「规章」现行有效件数12，上一年10件加本年制发2件减废止1件应为11件"]
        );
        let (_, said) = compared(&this, &last).expect("compared");
        assert_eq!(
            said[1],
            "in_force Failed 规章：上一年10件+制发2件−废止1件=11件，本年12件"
        );
        let good = format!("某局2023年政府信息公开工作年度报告\n{}", s2("2\t1\t11"));
        let (_, said) = compared(&good, &last).expect("compared");
        assert_eq!(
            said[1],
            "in_force Passed 规章：上一年10件+制发2件−废止1件=11件，本年11件"
        );
    }

    #[test]
    fn growth_stated_against_last_years_report() {
        let table = |new: i64| {
            format!("{HEAD}一、本年新收政府信息公开申请数量\t{new}\t0\t0\t0\t0\t0\t{new}\n")
        };
        let last = format!(
            "某局2022年政府信息公开工作年度报告\n一、总体情况\n\n{}",
            table(25)
        );
        let this = |prose: &str| {
            format!(
                "某局2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{}",
                table(30)
            )
        };
        assert!(findings(
            &this("全年共受理政府信息公开申请30件，同比增长20%。"),
            &last
        )
        .is_empty());
        let got: Vec<String> = check_with_previous(
            &this("全年共受理政府信息公开申请30件，同比增长50%。"),
            &Previous {
                text: &last,
                laid_out: false,
            },
            &Options::default(),
        )
        .diagnostics
        .iter()
        .filter(|d| d.rule == "P007")
        .map(|d| d.message.clone())
        .collect();
        assert_eq!(
            got,
            ["正文写增长50%，上一年报告的同一数量为25件、本年30件，应为增长20%"]
        );
    }
}
