//! What nianbao says about tables that do not add up: one cause, one finding, and a value
//! proposed only for the cell the identities determine. `examples/plant.rs` measures the same on
//! every readable cell of every report; these tests keep a sample of it and the shapes real
//! reports show.

use crate::{fixture, seeds::SEEDS};
use nianbao::report::{Report, Value};
use nianbao::{check, check_with_previous, Options, Previous};

fn arithmetic(r: &Report) -> Vec<&nianbao::report::Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.rule.starts_with('A') && d.rule != "A005")
        .collect()
}

/// Every readable cell of section 三 of seed 003 (a whole, consistent table), its last digit one
/// up: each typo is one finding, at the typed cell, proposing what was there.
#[test]
fn every_typed_cell_of_a_real_table_is_the_one_named() {
    let text = fixture(SEEDS[3]);
    let base = check(&text, &Options::default());
    assert!(arithmetic(&base).is_empty());
    let mut plants = 0;
    for row in &base.tables.s3.rows {
        for (v, cell) in row.values.iter().zip(&row.cells) {
            let (Some(nianbao::report::Number::Int(v)), Some(cell)) = (v, cell) else {
                continue;
            };
            let (s, e) = (cell.start as usize, cell.end as usize);
            let written = (v + 1).to_string();
            if written.len() != e - s {
                continue;
            }
            let planted = format!("{}{written}{}", &text[..s], &text[e..]);
            let r = check(&planted, &Options::default());
            let found = arithmetic(&r);
            assert_eq!(found.len(), 1, "{} {written}: {found:#?}", row.key);
            assert_eq!(found[0].rule, "A007");
            assert_eq!(found[0].span.map(|l| l.start), Some(cell.start));
            assert_eq!(found[0].expected, Some(Value::Int(*v)), "{}", row.key);
            assert!(
                r.diagnostics
                    .iter()
                    .filter(|d| d.expected.is_some() && d.span.map(|l| l.start) != Some(cell.start))
                    .all(|d| !d.rule.starts_with(['A', 'P', 'Y'])),
                "{}: a value proposed elsewhere",
                row.key
            );
            plants += 1;
        }
    }
    assert_eq!(plants, 175);
}

fn s3(rows: &[(&str, [&str; 7])]) -> String {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n");
    for (label, v) in rows {
        s.push_str(&format!("{label}\t{}\n", v.join("\t")));
    }
    s
}

const ZERO: [&str; 7] = ["0", "0", "0", "0", "0", "0", "0"];

/// The 25 rows of a consistent section 三 (12 new, 2 carried over, 13 answered, 1 carried
/// forward), with `edit` applied to the rows.
fn table(edit: impl Fn(&str, [&str; 7]) -> [&'static str; 7]) -> String {
    let mut rows: Vec<(&str, [&str; 7])> = Vec::new();
    for def in nianbao::template::S3_ROWS.iter() {
        let v: [&str; 7] = match def.key {
            "new" => ["9", "3", "0", "0", "0", "0", "12"],
            "carried_over" => ["2", "0", "0", "0", "0", "0", "2"],
            "granted" => ["7", "3", "0", "0", "0", "0", "10"],
            "partial" => ["2", "0", "0", "0", "0", "0", "2"],
            "denied_1" => ["1", "0", "0", "0", "0", "0", "1"],
            "total" => ["10", "3", "0", "0", "0", "0", "13"],
            "carry_forward" => ["1", "0", "0", "0", "0", "0", "1"],
            _ => ZERO,
        };
        rows.push((def.label, edit(def.key, v)));
    }
    s3(&rows)
}

fn leak(v: [&str; 7]) -> [&'static str; 7] {
    v.map(|s| &*Box::leak(s.to_string().into_boxed_str()))
}

#[test]
fn a_column_blank_in_every_leaf_row_is_one_finding_and_the_totals_stand() {
    let text = table(|key, v| {
        let mut v = leak(v);
        if !matches!(key, "new" | "carried_over" | "total" | "carry_forward") {
            v[6] = "—";
        }
        v
    });
    let r = check(&text, &Options::default());
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "A006");
    assert!(
        found[0].message.contains("「总计」列有3行留空"),
        "{}",
        found[0].message
    );
    // The filled 13 of （七）总计 is right: nothing asks to change it.
    assert!(
        r.diagnostics.iter().all(|d| d.expected.is_none()),
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn a_column_blank_everywhere_is_one_finding() {
    let text = table(|_, v| {
        let mut v = leak(v);
        v[6] = "—";
        v
    });
    let found_report = check(&text, &Options::default());
    let found = arithmetic(&found_report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("「总计」列有7行留空"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_column_of_zeros_left_blank_is_not_an_error() {
    // 其他 left blank everywhere: blank reads as 0 and every identity holds.
    let text = table(|_, v| {
        let mut v = leak(v);
        v[5] = "";
        v
    });
    let r = check(&text, &Options::default());
    assert!(arithmetic(&r).is_empty(), "{:#?}", arithmetic(&r));
    assert!(r.diagnostics.iter().any(|d| d.rule == "T010"));
}

#[test]
fn scattered_blank_cells_that_should_hold_numbers_are_one_finding() {
    let text = table(|key, v| {
        let mut v = leak(v);
        match key {
            "granted" => v[6] = "—",
            "partial" => v[0] = "—",
            _ => {}
        }
        v
    });
    let r = check(&text, &Options::default());
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "A006");
    assert!(
        found[0].message.contains("有2个单元格"),
        "{}",
        found[0].message
    );
    assert!(
        found[0]
            .message
            .contains("「（一）予以公开」行「总计」列10"),
        "{}",
        found[0].message
    );
    assert!(found[0].message.contains("列2"), "{}", found[0].message);
}

#[test]
fn a_row_pasted_twice_is_one_finding_naming_both_rows() {
    // The drafter pasted （一）予以公开 again in place of （二）部分公开.
    let text = table(|key, v| match key {
        "partial" => ["7", "3", "0", "0", "0", "0", "10"],
        _ => leak(v),
    });
    let r = check(&text, &Options::default());
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "A009");
    assert!(
        found[0]
            .message
            .contains("与上一行「（一）予以公开」完全相同"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].related.len(), 1);
    assert!(r.diagnostics.iter().all(|d| d.expected.is_none()));
}

#[test]
fn values_moved_one_column_right_are_one_finding() {
    // Three result rows shifted one column right: the applicant cells under the wrong
    // columns, 总计 holding what belonged to 其他.
    let text = table(|key, v| match key {
        "granted" => ["", "7", "3", "0", "0", "0", "0"],
        "partial" => ["", "2", "0", "0", "0", "0", "0"],
        "denied_1" => ["", "1", "0", "0", "0", "0", "0"],
        _ => leak(v),
    });
    let r = check(&text, &Options::default());
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "A008");
    assert!(found[0].message.contains("共3行"), "{}", found[0].message);
    assert_eq!(found[0].related.len(), 2);
    assert!(r.diagnostics.iter().all(|d| d.expected.is_none()));
}

#[test]
fn a_row_with_a_zero_first_cell_and_a_typo_is_not_a_shift() {
    let text = table(|key, v| match key {
        "new" => ["0", "3", "0", "0", "0", "0", "12"],
        _ => leak(v),
    });
    let r = check(&text, &Options::default());
    assert!(
        !r.diagnostics.iter().any(|d| d.rule == "A008"),
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn the_prose_settles_a_group_of_section_four() {
    // 1 + 0 + 0 + 0 ≠ 2 alone cannot tell the cell; the prose's 1 case says the total is wrong.
    let text = "一、总体情况\n本年度发生政府信息公开行政复议案件1件。\n四、政府信息公开行政复议、行政诉讼情况\n1 0 0 0 2 0 0 0 0 0 0 0 0 0 0\n";
    let r = check(text, &Options::default());
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "A007");
    assert_eq!(found[0].expected, Some(Value::Int(1)));
    assert!(found[0].message.contains("正文"), "{}", found[0].message);
    assert!(!r.diagnostics.iter().any(|d| d.rule.starts_with('P')));
}

#[test]
fn a_prose_count_alone_against_a_table_that_adds_up_is_the_prose() {
    let text = "一、总体情况\n本年度发生政府信息公开行政复议案件3件。\n四、政府信息公开行政复议、行政诉讼情况\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n";
    let r = check(text, &Options::default());
    assert!(arithmetic(&r).is_empty());
    let p: Vec<_> = r.diagnostics.iter().filter(|d| d.rule == "P002").collect();
    assert_eq!(p.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(p[0].expected, Some(Value::Int(1)));
}

#[test]
fn last_years_report_agrees_with_the_cell_to_fix() {
    let last = "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n";
    // This year's 上年结转 自然人 typed 3 for 2: its row, its column and last year all say 2.
    let this = format!(
        "某局2023年政府信息公开工作年度报告\n{}",
        table(|key, v| match key {
            "carried_over" => ["3", "0", "0", "0", "0", "0", "2"],
            _ => leak(v),
        })
    );
    let r = check_with_previous(
        &this,
        &Previous {
            text: last,
            laid_out: false,
        },
        &Options::default(),
    );
    let found = arithmetic(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].expected, Some(Value::Int(2)));
    assert!(
        found[0].message.contains("上一年报告的结转数"),
        "{}",
        found[0].message
    );
    assert!(
        !r.diagnostics.iter().any(|d| d.rule == "Y001"),
        "one cause, one finding"
    );
}
