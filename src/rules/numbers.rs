//! Family N: what a cell may hold.
//!
//! Counts (件数, 数量) are non-negative integers; the one amount of section 二, 行政事业性收费
//! in 万元, may be a decimal but not negative.

use super::{Finding, Rule};
use crate::num;
use crate::report::Severity::{Error, Info, Warning};
use crate::tables::{Cell, Num, RowRead};
use crate::template::S2_FEE_KEY;
use crate::Facts;

pub(super) static N001: Rule = Rule {
    id: "N001",
    family: "number",
    title: "计数不是非负整数",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：件数、数量为计数",
    what: docs!(
        "第二部分的件数和决定数量、第三部分和第四部分的每个单元格都是计数，必须是0或正整数。"
    ),
    why: docs!("负数或小数的“件数”说明填写错误，2019年试行格式的“本年增/减”也不再使用。"),
    bad: docs!("行政许可\t-4"),
    good: docs!("行政许可\t4"),
    fix: docs!("改为实际的件数（非负整数）。"),
};

pub(super) static N002: Rule = Rule {
    id: "N002",
    family: "number",
    title: "收费金额为负数",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第二部分：本年收费金额（单位：万元）",
    what: docs!("第二部分“行政事业性收费”的本年收费金额以万元为单位，可以有小数，但不能为负数。"),
    why: docs!("负的收费金额没有意义，多为“增减”数误填。"),
    bad: docs!("行政事业性收费\t-12.5"),
    good: docs!("行政事业性收费\t12.5"),
    fix: docs!("填写本年实际收费金额（万元）。"),
};

pub(super) static N003: Rule = Rule {
    id: "N003",
    family: "number",
    title: "单元格不是数字",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表填写数字",
    what: docs!(
        "统计表的单元格里写了带文字或单位的内容（如“380元”），读不出数字，该格不参与核对。"
    ),
    why: docs!("表格只填数字，单位由表头规定；收费金额的单位是万元，写成“元”会差一万倍。"),
    bad: docs!("行政事业性收费\t380元"),
    good: docs!("行政事业性收费\t0.038"),
    fix: docs!("只填数字；金额换算成万元。"),
};

pub(super) static N004: Rule = Rule {
    id: "N004",
    family: "number",
    title: "现行有效件数少于本年制发件数",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 第二部分 第二十条第（一）项",
    what: docs!(
        "同一行的“现行有效件数”少于“本年制发件数”：本年制发的文件一般仍然有效，除非当年即废止。"
    ),
    why: docs!("多见于把两列填反，或现行有效只统计了一部分。"),
    bad: docs!("行政规范性文件\t5\t0\t3"),
    good: docs!("行政规范性文件\t5\t0\t18"),
    fix: docs!("核对两列数字。"),
};

pub(super) static N005: Rule = Rule {
    id: "N005",
    family: "number",
    title: "收费金额可能按元填写",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 第二部分：本年收费金额（单位：万元）",
    what: docs!("“行政事业性收费”的本年收费金额单位是万元。按万元读达到1000亿元（1000万万元）的金额，远超任何一个机关或一级政府一年的收费，只能是按元填写的；小于这个数的金额按万元读都说得通（市级一年收费几亿、几十亿元并不少见），不作提示。"),
    why: docs!("按元填进万元一栏，金额会被放大一万倍。"),
    bad: docs!("行政事业性收费\t75394432.52"),
    good: docs!("行政事业性收费\t7539.443252"),
    fix: docs!("把金额换算成万元（按元填写的数除以10000）。"),
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&N001, &N002, &N003, &N004, &N005];

/// A fee in 万元 at least this large (1000亿元) cannot be one body's or one government's fee
/// for a year: the whole country's 行政事业性收费 are a few thousand 亿元 a year. Below it, an
/// amount is plausible as 万元 (a city's 1.9, 9.6 or 31.6 亿元), whatever it was meant in.
const FEE_IN_YUAN: f64 = 10_000_000.0;

/// Decimals of an amount converted from 元 to 万元: six keep its 分.
const YUAN_IN_WAN_DECIMALS: usize = 6;

/// `yuan` 元 in 万元, written to the 分.
fn wan(yuan: f64) -> String {
    num::decimal(yuan / 10_000.0, YUAN_IN_WAN_DECIMALS)
}

/// N004 and N005: numbers that are numbers but hardly the right ones.
fn plausibility(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables.s2;
    if t.format_2019 {
        return;
    }
    for row in t.rows.iter().filter(|r| r.is_found()) {
        if matches!(row.def.key, "regulations" | "normative_docs") {
            if let (Some(issued), Some(in_force)) = (row.int(0), row.int(2)) {
                if in_force < issued {
                    out.push(Finding::new(
                        &N004,
                        row.cells.get(2).copied().flatten(),
                        format!(
                            "「{}」现行有效件数{in_force}少于本年制发件数{issued}",
                            row.def.label
                        ),
                    ));
                }
            }
        }
        if row.def.key == S2_FEE_KEY {
            let amount = row.values.first().copied().flatten().map(|n| match n {
                Num::Int(i) => i as f64,
                Num::Dec(d) => d,
            });
            if let Some(a) = amount.filter(|a| *a >= FEE_IN_YUAN) {
                out.push(
                    Finding::new(
                        &N005,
                        row.cells.first().copied().flatten(),
                        format!(
                            "行政事业性收费金额按万元读是{}亿元，超出任何一级政府一年的收费，多半是按元填写的，换算成万元是{}",
                            num::amount(a / 10_000.0),
                            wan(a)
                        ),
                    )
                    .suggest(wan(a)),
                );
            }
        }
    }
}

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    plausibility(facts, out);
    let t = &facts.tables;
    for row in t.s2.rows.iter().filter(|r| r.is_found()) {
        if t.s2.format_2019 {
            // The 2019 format's 本年增/减 may be negative and its amounts carry units: only its
            // plain counts are checked.
            let columns =
                t.s2.groups
                    .iter()
                    .find(|g| g.rows.iter().any(|r| r.key == row.def.key))
                    .map_or(&[][..], |g| g.columns);
            let counts: Vec<Cell> = row
                .found
                .iter()
                .zip(columns)
                .filter(|(_, c)| !matches!(**c, "本年增/减" | "采购总金额"))
                .map(|(cell, _)| cell.clone())
                .collect();
            self::counts(row, &counts, out);
        } else if row.def.key == S2_FEE_KEY {
            for cell in &row.found {
                if matches!(cell.value, Some(Num::Int(v)) if v < 0)
                    || matches!(cell.value, Some(Num::Dec(v)) if v < 0.0)
                {
                    out.push(Finding::new(
                        &N002,
                        Some(cell.span),
                        "行政事业性收费金额不能为负数",
                    ));
                }
            }
        } else {
            counts(row, &row.found, out);
        }
    }
    for row in t.s3.rows.iter().chain(t.s3.old_other.iter()) {
        counts(row, &row.found, out);
    }
    for row in
        t.s2.rows
            .iter()
            .chain(&t.s3.rows)
            .chain(t.s3.old_other.iter())
    {
        for (word, span) in &row.unreadable {
            out.push(not_a_number(row, word, *span));
        }
    }
    for cell in &t.s4.row.found {
        if let Some(msg) = not_a_count(cell) {
            out.push(Finding::new(
                &N001,
                Some(cell.span),
                format!("第四部分的单元格{msg}"),
            ));
        }
    }
}

fn counts(row: &RowRead, cells: &[Cell], out: &mut Vec<Finding>) {
    for cell in cells {
        if let Some(msg) = not_a_count(cell) {
            out.push(Finding::new(
                &N001,
                Some(cell.span),
                format!("「{}」行的单元格{msg}", row.def.label),
            ));
        }
    }
}

fn not_a_number(row: &RowRead, word: &str, span: crate::span::Span) -> Finding {
    let finding = Finding::new(
        &N003,
        Some(span),
        format!("「{}」行的单元格「{word}」不是数字", row.def.label),
    );
    // An amount in 元 in the 万元 column: say what it is in 万元.
    let yuan = word
        .strip_suffix('元')
        .filter(|_| row.def.key == S2_FEE_KEY);
    match yuan.and_then(crate::num::parse) {
        Some(v) => finding.suggest(wan(v)),
        None => finding,
    }
}

fn not_a_count(cell: &Cell) -> Option<&'static str> {
    match cell.value? {
        Num::Int(v) if v < 0 => Some("是负数，件数应为非负整数"),
        Num::Dec(_) => Some("是小数，件数应为非负整数"),
        Num::Int(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    #[test]
    fn counts_and_fees() {
        let text = "二、主动公开政府信息情况\n规章\t0\t0\t0\n行政规范性文件\t1.5\t0\t0\n行政许可\t-4\n行政事业性收费\t12.5\n";
        let got = findings(text, "N");
        assert_eq!(
            got,
            [
                "N001 error 3:9 「行政规范性文件」行的单元格是小数，件数应为非负整数",
                "N001 error 4:6 「行政许可」行的单元格是负数，件数应为非负整数",
            ]
        );
        let got = findings("二、主动公开政府信息情况\n行政事业性收费\t-1\n", "N");
        assert_eq!(got, ["N002 error 2:9 行政事业性收费金额不能为负数"]);
    }

    #[test]
    fn cells_that_are_not_numbers() {
        let text = "二、主动公开政府信息情况\n行政许可\t5件\n行政事业性收费\t380元\n";
        let got = findings(text, "N003");
        assert_eq!(
            got,
            ["N003 error 3:9 「行政事业性收费」行的单元格「380元」不是数字 → 0.038"]
        );
    }

    #[test]
    fn the_2019_procurement_amount_is_written_with_its_unit() {
        let text = "某区2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t251000元\n";
        assert!(findings(text, "N").is_empty(), "{:?}", findings(text, "N"));
        assert!(findings(text, "T005").is_empty());
        let report = crate::check(text, &crate::Options::default());
        let row = report
            .tables
            .s2
            .rows
            .iter()
            .find(|r| r.key == "procurement")
            .unwrap();
        let values: Vec<_> = row
            .values
            .iter()
            .map(|v| v.and_then(|n| n.as_int()))
            .collect();
        assert_eq!(values, [Some(3), Some(251_000)]);
        // The 2021 fee column fixes 万元: an amount in 元 there is still not a number.
        let fee = "二、主动公开政府信息情况\n行政事业性收费\t380元\n";
        assert_eq!(findings(fee, "N003").len(), 1);
    }

    #[test]
    fn the_2019_procurement_amount_in_a_grid_cell() {
        let html =
            "<p>某区2019年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>\
            <tr><td colspan=\"3\">第二十条第（九）项</td></tr>\
            <tr><td>信息内容</td><td>采购项目数量</td><td>采购总金额</td></tr>\
            <tr><td>政府集中采购</td><td>3</td><td>75394432.52元</td></tr></table>";
        let report = crate::check_html(html, &crate::Options::default());
        let n = |r: &crate::report::Report| {
            r.diagnostics
                .iter()
                .filter(|d| d.rule.starts_with('N'))
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
        };
        assert!(n(&report).is_empty(), "{:?}", n(&report));
        // The same text laid out, pasted: a merged cell leaves an empty cell after the amount.
        let text = "某区2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t3\t75394432.52元\t\n";
        assert!(findings(text, "N").is_empty(), "{:?}", findings(text, "N"));
    }

    #[test]
    fn implausible_numbers() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n行政规范性文件\t5\t0\t3\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t75394432.52\n";
        let got: Vec<String> = findings(text, "N00")
            .into_iter()
            .filter(|f| f.starts_with("N004") || f.starts_with("N005"))
            .collect();
        assert_eq!(
            got,
            [
                "N004 info 4:13 「行政规范性文件」现行有效件数3少于本年制发件数5",
                "N005 warning 7:9 行政事业性收费金额按万元读是7539.4433亿元，超出任何一级政府一年的收费，多半是按元填写的，换算成万元是7539.443252 → 7539.443252",
            ]
        );
    }

    #[test]
    fn plausible_fees_of_a_city_are_not_taken_for_yuan() {
        // 1.9, 9.6 and 31.6 亿元: a city's fees for a year, in 万元 as the column says.
        for fee in ["19000", "96171.6", "316000", "38000", "9999999.99"] {
            let text = format!("二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t{fee}\n");
            assert!(
                findings(&text, "N005").is_empty(),
                "{fee}: {:?}",
                findings(&text, "N005")
            );
        }
    }
}
