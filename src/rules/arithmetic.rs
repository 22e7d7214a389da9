//! Family A: the reconciliations (勾稽关系) of sections 三 and 四.
//!
//! Every identity is checked over every row or column where all its terms are known. A blank
//! cell counts as 0, and the message says so; an unknown cell (missing row, unreadable row)
//! makes the identity uncheckable, and A005 says how many were skipped — an arithmetic check
//! never passes silently on an empty table.

use std::ops::Range;

use super::{Finding, Rule};
use crate::report::Severity::{Error, Info};
use crate::span::Span;
use crate::tables::RowRead;
use crate::template::{
    S3_COLUMNS, S3_LEAF_RANGE, S3_OTHER_RANGE, S3_TOTAL_COL, S4_COLUMNS, S4_GROUPS,
};
use crate::Facts;

pub(super) static A001: Rule = Rule {
    id: "A001",
    family: "arithmetic",
    title: "第三部分：总计不等于各类申请人之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分表头：“总计”列为自然人与五类法人或其他组织之和",
    what: "第三部分每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。",
    why: "总计列与各列不符，说明某一格填错，全表的数字都不可信。",
    bad: "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0",
    good: "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
    fix: "核对该行各单元格，使总计等于六列之和。",
};

pub(super) static A002: Rule = Rule {
    id: "A002",
    family: "arithmetic",
    title: "第三部分：（七）总计不等于各办理结果之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分：（二）部分公开“只计这一情形，不计其他情形”，每件申请只计入一个办理结果",
    what: "每一列的“（七）总计”应等于（一）予以公开、（二）部分公开及（三）至（六）各小项之和。",
    why: "每件办结的申请只计入一个结果，结果之和与总计不符说明有漏计或重计。",
    bad: "（一）予以公开\t2…\n（七）总计\t1…",
    good: "（一）予以公开\t2…\n（七）总计\t2…",
    fix: "核对该列各办理结果，使其和等于（七）总计。",
};

pub(super) static A003: Rule = Rule {
    id: "A003",
    family: "arithmetic",
    title: "第三部分：新收加结转不等于办结加结转下年",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分表注：本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    what: "每一列：一、本年新收 + 二、上年结转 = 三、本年度办理结果的（七）总计 + 四、结转下年度继续办理。",
    why: "这是模板表格中写明的勾稽关系，不平衡说明申请数量有漏记。",
    bad: "一、本年新收…\t5…\n（七）总计\t4…\n四、结转下年度继续办理\t0…",
    good: "一、本年新收…\t5…\n（七）总计\t4…\n四、结转下年度继续办理\t1…",
    fix: "核对该列的新收、结转、办结和结转下年度数字。",
};

pub(super) static A004: Rule = Rule {
    id: "A004",
    family: "arithmetic",
    title: "第四部分：总计不等于各结果之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第四部分表头：行政复议、未经复议直接起诉、复议后起诉各有“总计”",
    what: "行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组中，“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。",
    why: "总计与分项不符，说明复议或诉讼案件有漏计或重计。",
    bad: "10 1 0 0 0 …（行政复议总计为0）",
    good: "10 1 0 0 11 …",
    fix: "核对该组各项，使总计等于四项之和。",
};

pub(super) static A005: Rule = Rule {
    id: "A005",
    family: "arithmetic",
    title: "有勾稽关系无法核对",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 第三、四部分勾稽关系",
    what: "因为缺少行或单元格无法确定，部分勾稽关系没有核对；本提示说明有多少项未核对。",
    why: "未核对不等于核对通过，需要人工复核这些项。",
    bad: "（第三部分表格缺少（七）总计行）",
    good: "（表格完整，全部勾稽关系都能核对）",
    fix: "先处理缺少行或数字个数不符的问题，再重新检查。",
};

pub(super) static A006: Rule = Rule {
    id: "A006",
    family: "arithmetic",
    title: "第三部分：“总计”列整列空白",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分 总计=各类申请人之和",
    what: "第三部分“总计”列每一行都留空（或写作“—”等），而各行有申请数；报出一次，列出各行应填的总计，代替逐行的“总计不等于各类申请人之和”。",
    why: "整列空白是一个原因（漏填了总计列），逐行报错只会淹没真正的问题。",
    bad: "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t",
    good: "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t3",
    fix: "按各行六类申请人之和填写“总计”列。",
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&A001, &A002, &A003, &A004, &A005, &A006];

/// Counts of identities checked and skipped, per table.
#[derive(Default)]
struct Tally {
    skipped: usize,
    blanks: bool,
}

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    let s3 = &facts.tables.s3;
    if s3.is_found() {
        let mut tally = Tally::default();
        // A 总计 column left blank in every row is one cause: one finding, and the identities of
        // that column are not checked again.
        let blank_total = blank_total_column(facts, out);
        if !blank_total {
            rows_sum(facts, &mut tally, out);
        }
        let columns = if blank_total {
            0..S3_TOTAL_COL
        } else {
            0..S3_COLUMNS.len()
        };
        leaves_sum(facts, columns.clone(), &mut tally, out);
        balance(facts, columns, &mut tally, out);
        if tally.skipped > 0 {
            out.push(Finding::new(
                &A005,
                facts.outline.section(3).map(|h| h.span),
                format!(
                    "第三部分有{}项勾稽关系因缺少行或数字无法核对",
                    tally.skipped
                ),
            ));
        }
    } else if facts.outline.section(3).is_some() {
        out.push(Finding::new(
            &A005,
            facts.outline.section(3).map(|h| h.span),
            "第三部分没有读出表格，勾稽关系均未核对",
        ));
    }
    section4(facts, out);
}

/// The terms of one identity: value and span of each cell, `None` when unknown.
struct Terms {
    values: Vec<Option<i64>>,
    spans: Vec<Option<Span>>,
    blank: bool,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            values: Vec::new(),
            spans: Vec::new(),
            blank: false,
        }
    }

    fn push_row(&mut self, row: &RowRead, col: usize) {
        self.values.push(row.int(col));
        self.spans.push(row.cells.get(col).copied().flatten());
        self.blank |= row.blank.get(col).copied().unwrap_or(false);
    }

    fn sum(&self) -> Option<i64> {
        self.values
            .iter()
            .try_fold(0i64, |a, v| v.map(|v| a.saturating_add(v)))
    }

    fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.spans.iter().flatten().copied()
    }
}

fn blank_note(blank: bool) -> &'static str {
    if blank {
        "（空白单元格按0计）"
    } else {
        ""
    }
}

/// A006: the 总计 column blank in every row that was read, while some row has applications.
/// Returns true when it is.
fn blank_total_column(facts: &Facts, out: &mut Vec<Finding>) -> bool {
    let s3 = &facts.tables.s3;
    let rows: Vec<&RowRead> = s3
        .rows
        .iter()
        .chain(s3.old_other.iter())
        .filter(|r| r.is_found())
        .collect();
    let blank = |r: &&RowRead| r.blank.get(S3_TOTAL_COL).copied().unwrap_or(false);
    if rows.len() < 3 || !rows.iter().all(blank) {
        return false;
    }
    let sums: Vec<(&RowRead, i64)> = rows
        .iter()
        .filter_map(|r| {
            let sum = (0..S3_TOTAL_COL).try_fold(0i64, |a, c| Some(a + r.int(c)?))?;
            (sum != 0).then_some((*r, sum))
        })
        .collect();
    if sums.is_empty() {
        return false;
    }
    let listed: Vec<String> = sums
        .iter()
        .map(|(r, sum)| format!("「{}」{sum}", r.def.label))
        .collect();
    let cells: Vec<Span> = rows
        .iter()
        .filter_map(|r| r.cells.get(S3_TOTAL_COL).copied().flatten())
        .collect();
    out.push(
        Finding::new(
            &A006,
            cells.first().copied().or(rows.first().and_then(|r| r.span)),
            format!(
                "第三部分「总计」列每一行都是空白，{}行应填六类申请人之和：{}",
                sums.len(),
                listed.join("、")
            ),
        )
        .related(cells.into_iter().skip(1)),
    );
    true
}

/// A001: each row's 总计 = the six applicant columns.
fn rows_sum(facts: &Facts, tally: &mut Tally, out: &mut Vec<Finding>) {
    let s3 = &facts.tables.s3;
    for row in s3
        .rows
        .iter()
        .chain(s3.old_other.iter())
        .filter(|r| r.is_found())
    {
        let mut parts = Terms::new();
        for c in 0..S3_TOTAL_COL {
            parts.push_row(row, c);
        }
        let (Some(sum), Some(total)) = (parts.sum(), row.int(S3_TOTAL_COL)) else {
            tally.skipped += 1;
            continue;
        };
        tally.blanks |= parts.blank;
        if sum != total {
            let at = row.cells.get(S3_TOTAL_COL).copied().flatten().or(row.span);
            out.push(
                Finding::new(
                    &A001,
                    at,
                    format!(
                        "「{}」行的总计应为六类申请人之和{sum}，实际填写{total}{}",
                        row.def.label,
                        blank_note(parts.blank)
                    ),
                )
                .values(sum, total)
                .related(parts.spans()),
            );
        }
    }
}

/// The result rows whose sum is （七）总计: the 2021 leaves, with the 2019 single （六） row in
/// place of its three sub-rows.
fn leaves<'a>(facts: &'a Facts) -> Vec<&'a RowRead> {
    let s3 = &facts.tables.s3;
    let mut out: Vec<&RowRead> = Vec::new();
    for (i, row) in s3
        .rows
        .iter()
        .enumerate()
        .take(S3_LEAF_RANGE.end)
        .skip(S3_LEAF_RANGE.start)
    {
        if S3_OTHER_RANGE.contains(&i) {
            if let Some(old) = &s3.old_other {
                if i == S3_OTHER_RANGE.start {
                    out.push(old);
                }
                continue;
            }
        }
        out.push(row);
    }
    out
}

/// A002: each column's （七）总计 = the sum of the result rows, for the `columns` checked.
fn leaves_sum(facts: &Facts, columns: Range<usize>, tally: &mut Tally, out: &mut Vec<Finding>) {
    let Some(total) = facts.tables.s3.row("total") else {
        return;
    };
    let leaves = leaves(facts);
    for (c, column) in S3_COLUMNS
        .iter()
        .enumerate()
        .filter(|(c, _)| columns.contains(c))
    {
        let mut parts = Terms::new();
        for row in &leaves {
            parts.push_row(row, c);
        }
        let (Some(sum), Some(t)) = (parts.sum(), total.int(c)) else {
            tally.skipped += 1;
            continue;
        };
        if sum != t {
            out.push(
                Finding::new(
                    &A002,
                    total.cells.get(c).copied().flatten().or(total.span),
                    format!(
                        "「{column}」列的（七）总计应为各办理结果之和{sum}，实际填写{t}{}",
                        blank_note(parts.blank)
                    ),
                )
                .values(sum, t)
                .related(parts.spans()),
            );
        }
    }
}

/// A003: per column, 一 + 二 = （七）总计 + 四, for the `columns` checked.
fn balance(facts: &Facts, columns: Range<usize>, tally: &mut Tally, out: &mut Vec<Finding>) {
    let s3 = &facts.tables.s3;
    let (Some(new), Some(carried), Some(total), Some(forward)) = (
        s3.row("new"),
        s3.row("carried_over"),
        s3.row("total"),
        s3.row("carry_forward"),
    ) else {
        return;
    };
    for (c, column) in S3_COLUMNS
        .iter()
        .enumerate()
        .filter(|(c, _)| columns.contains(c))
    {
        let mut left = Terms::new();
        left.push_row(new, c);
        left.push_row(carried, c);
        let mut right = Terms::new();
        right.push_row(total, c);
        right.push_row(forward, c);
        let (Some(l), Some(r)) = (left.sum(), right.sum()) else {
            tally.skipped += 1;
            continue;
        };
        if l != r {
            // The finding points at 本年新收, so its values are that cell's: the number that
            // would balance the column, and the number written.
            let written = new.int(c).unwrap_or(0);
            let at = new.cells.get(c).copied().flatten().or(new.span);
            out.push(
                Finding::new(&A003,
                    at,
                    format!(
                        "「{column}」列：本年新收加上年结转为{l}，（七）总计加结转下年度为{r}，两者应相等{}",
                        blank_note(left.blank || right.blank)
                    ),
                )
                .values(r - (l - written), written)
                .related(left.spans().chain(right.spans())),
            );
        }
    }
}

/// A004: in each group of section 四, 总计 = the four results.
fn section4(facts: &Facts, out: &mut Vec<Finding>) {
    if !facts.tables.s4.found_table {
        return;
    }
    let s4 = &facts.tables.s4.row;
    let mut skipped = 0;
    for (g, group) in S4_GROUPS.iter().enumerate() {
        let base = g * 5;
        let parts: Option<Vec<i64>> = (base..base + 4).map(|i| s4.int(i)).collect();
        let (Some(parts), Some(total)) = (parts, s4.int(base + 4)) else {
            skipped += 1;
            continue;
        };
        let sum: i64 = parts.iter().sum();
        if sum != total {
            let blank = (base..base + 5).any(|i| s4.blank.get(i).copied().unwrap_or(false));
            let labels = S4_COLUMNS.get(base + 4).map_or("总计", |c| c.label);
            out.push(
                Finding::new(
                    &A004,
                    s4.cells.get(base + 4).copied().flatten().or(s4.span),
                    format!(
                        "{group}的{labels}应为四项结果之和{sum}，实际填写{total}{}",
                        blank_note(blank)
                    ),
                )
                .values(sum, total)
                .related((base..base + 4).filter_map(|i| s4.cells.get(i).copied().flatten())),
            );
        }
    }
    if skipped > 0 {
        out.push(Finding::new(
            &A005,
            s4.span.or(facts.outline.section(4).map(|h| h.span)),
            format!("第四部分有{skipped}项勾稽关系因数字无法确定无法核对"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    fn table(rows: &[(&str, [i64; 7])]) -> String {
        let mut s = String::from("三、收到和处理政府信息公开申请情况\n");
        for (label, v) in rows {
            let cells: Vec<String> = v.iter().map(i64::to_string).collect();
            s.push_str(&format!("{label}\t{}\n", cells.join("\t")));
        }
        s
    }

    #[test]
    fn row_total_points_at_the_total_cell() {
        let got = findings(
            &table(&[("一、本年新收政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 0])]),
            "A001",
        );
        assert_eq!(got, ["A001 error 2:30 「一、本年新收政府信息公开申请数量」行的总计应为六类申请人之和3，实际填写0 (3≠0)"]);
    }

    #[test]
    fn balance_and_leaves() {
        let text = table(&[
            ("一、本年新收政府信息公开申请数量", [5, 0, 0, 0, 0, 0, 5]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("（一）予以公开", [2, 0, 0, 0, 0, 0, 2]),
            ("（七）总计", [4, 0, 0, 0, 0, 0, 4]),
            ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0]),
        ]);
        let got = findings(&text, "A00");
        assert!(got.contains(&"A003 error 2:18 「自然人」列：本年新收加上年结转为5，（七）总计加结转下年度为4，两者应相等 (4≠5)".to_string()), "{got:#?}");
        assert!(got.iter().any(|f| f.starts_with("A005 info")), "{got:#?}");
        assert!(
            !got.iter().any(|f| f.starts_with("A002")),
            "leaves missing: not checked {got:#?}"
        );
    }

    #[test]
    fn section4_groups() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n10 1 0 0 0 0 0 0 0 0 5 0 0 0 0\n";
        let got = findings(text, "A004");
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].contains("行政复议的总计应为四项结果之和11，实际填写0"),
            "{got:#?}"
        );
        assert!(
            got[1].contains("行政诉讼（复议后起诉）的总计应为四项结果之和5"),
            "{got:#?}"
        );
    }

    #[test]
    fn blanks_count_as_zero_and_say_so() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n1 — 0 0 2 0 0 0 0 0 0 0 0 0 0\n";
        let got = findings(text, "A004");
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("（空白单元格按0计）"), "{got:#?}");
    }

    #[test]
    fn a_blank_total_column_is_one_finding() {
        let text = table(&[
            ("一、本年新收政府信息公开申请数量", [2, 1, 0, 0, 0, 0, 0]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("（七）总计", [2, 1, 0, 0, 0, 0, 0]),
        ])
        .replace("\t0\n", "\t—\n");
        let got = findings(&text, "A");
        assert_eq!(
            got,
            [
                "A005 info 1:1 第三部分有12项勾稽关系因缺少行或数字无法核对",
                "A006 error 2:30 第三部分「总计」列每一行都是空白，2行应填六类申请人之和：「一、本年新收政府信息公开申请数量」3、「（七）总计」3",
            ],
        );
    }
}
