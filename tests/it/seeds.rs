//! The foundation's acceptance on the five seed reports, asserted on real outputs.

use nianbao::report::{Number, Report};
use nianbao::{check, Options};

use crate::fixture;

fn report(name: &str) -> (String, Report) {
    let text = fixture(name);
    let report = check(&text, &Options::default());
    (text, report)
}

fn found(r: &Report) -> Vec<u8> {
    r.outline
        .sections
        .iter()
        .filter(|s| s.found)
        .map(|s| s.number)
        .collect()
}

fn row<'a>(r: &'a Report, key: &str) -> &'a nianbao::report::Row {
    r.tables
        .s3
        .rows
        .iter()
        .find(|row| row.key == key)
        .expect("every template row is reported")
}

fn ints(values: &[Option<Number>]) -> Vec<Option<i64>> {
    values.iter().map(|v| v.and_then(Number::as_int)).collect()
}

/// True when a finding of `rule` (prefix) covers the first occurrence of `needle` and, if given,
/// suggests `suggestion`.
fn flags(text: &str, r: &Report, rule: &str, needle: &str, suggestion: Option<&str>) -> bool {
    let Some(at) = text.find(needle) else {
        return false;
    };
    let end = at + needle.len();
    r.diagnostics.iter().any(|d| {
        d.rule.starts_with(rule)
            && d.span.is_some_and(|s| {
                (s.start as usize) < end && at < (s.end as usize).max(s.start as usize + 1)
            })
            && suggestion.is_none_or(|sug| d.suggestion.as_deref().is_some_and(|s| s.contains(sug)))
    })
}

pub const SEEDS: [&str; 5] = [
    "seeds/000_3fdcef6c825e6b6d.txt",
    "seeds/001_f25b27e041e62a7d.txt",
    "seeds/002_3c9d37f73f8f4a79.txt",
    "seeds/003_16e51b8a446c7100.txt",
    "seeds/004_b5a011f3d089b4ff.txt",
];

#[test]
fn six_sections_in_four_seeds_and_six_missing_in_004() {
    for name in &SEEDS[..4] {
        assert_eq!(found(&report(name).1), [1, 2, 3, 4, 5, 6], "{name}");
    }
    let (_, r) = report(SEEDS[4]);
    assert!(!found(&r).contains(&6));
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.rule == "S001" && d.message.contains("六、其他需要报告的事项")));
}

#[test]
fn three_tables_parsed_in_every_seed() {
    for name in SEEDS {
        let (_, r) = report(name);
        assert!(
            r.tables.s2.rows.iter().all(|row| row.span.is_some()),
            "{name}: section 二"
        );
        assert!(
            row(&r, "new").span.is_some() && row(&r, "denied_1").span.is_some(),
            "{name}: section 三"
        );
        assert_eq!(
            r.tables.s4.values.iter().filter(|v| v.is_some()).count(),
            15,
            "{name}: section 四"
        );
    }
}

#[test]
fn seed_004_missing_rows_are_missing_not_zero() {
    let (_, r) = report(SEEDS[4]);
    for key in [
        "not_processed_4",
        "not_processed_5",
        "other_1",
        "other_2",
        "other_3",
        "total",
        "carry_forward",
    ] {
        let row = row(&r, key);
        assert!(
            row.span.is_none() && row.values.iter().all(Option::is_none),
            "{key}"
        );
        assert!(
            r.diagnostics.iter().any(|d| d.rule == "T001"
                && (d.message.contains(row.label) || d.items.iter().any(|i| i == row.label))),
            "{key}"
        );
    }
    assert!(row(&r, "not_processed_3").span.is_some());
}

#[test]
fn retyped_labels_are_flagged_with_the_template_label() {
    for name in [SEEDS[1], SEEDS[4]] {
        let (text, r) = report(name);
        assert!(
            flags(&text, &r, "T", "本年度止件数", Some("本年废止件数")),
            "{name}"
        );
    }
    let (text, r) = report(SEEDS[2]);
    assert!(flags(&text, &r, "T", "社会组织", Some("社会公益组织")));
    assert!(flags(
        &text,
        &r,
        "T",
        "其他法律法规禁止公开",
        Some("其他法律行政法规禁止公开")
    ));
}

#[test]
fn seed_002_rows_with_wrong_cell_counts() {
    let (text, r) = report(SEEDS[2]);
    assert_eq!(
        ints(&row(&r, "new").values),
        [2, 0, 0, 0, 0, 0, 2].map(Some)
    );
    assert_eq!(
        ints(&row(&r, "total").values),
        [2, 0, 0, 0, 0, 0, 2].map(Some)
    );
    for (key, needle) in [
        ("unable_1", "1.本机关不掌握相关政府信息"),
        ("not_processed_2", "2.重复申请"),
    ] {
        let values = ints(&row(&r, key).values);
        // Read as [1,0,0,0,0,0,1] (resolved by the row identity, and said so) — never shifted.
        assert_eq!(values, [1, 0, 0, 0, 0, 0, 1].map(Some), "{key}");
        let line_start = text.find(needle).unwrap();
        let line_end = line_start + text[line_start..].find('\n').unwrap();
        let on_line = |s: &nianbao::span::Location| {
            (s.start as usize) >= line_start && (s.start as usize) < line_end
        };
        let said = r
            .diagnostics
            .iter()
            .any(|d| d.rule == "T006" && d.span.iter().chain(&d.related).any(&on_line));
        assert!(said, "{key}: the resolution is reported");
    }
    // Every row of 8 values is flagged, in one finding that lists them (one cause); none is
    // silently shifted.
    let t6: Vec<_> = r.diagnostics.iter().filter(|d| d.rule == "T006").collect();
    assert_eq!(t6.len(), 1, "{t6:#?}");
    let rows = t6[0].related.len() + 1;
    assert!(rows >= 20, "{rows} rows flagged");
    let said = format!("有{rows}行读到的数字个数与模板不符（其中20行为8个）");
    assert!(t6[0].message.contains(&said), "{}", t6[0].message);
}

#[test]
fn clean_seeds_have_no_errors_and_no_arithmetic_findings() {
    for (i, name) in SEEDS.iter().enumerate() {
        let (_, r) = report(name);
        if i == 0 || i == 3 {
            let errors: Vec<_> = r
                .diagnostics
                .iter()
                .filter(|d| d.severity.as_str() == "error")
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
        if i <= 1 || i == 3 {
            assert!(
                !r.diagnostics.iter().any(|d| d.rule.starts_with('A')),
                "{name}"
            );
        }
    }
}

#[test]
fn the_template_fixture_gives_no_finding_at_all() {
    let r = check(&fixture("template-2021.txt"), &Options::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.outline.year, Some(2024));
}

#[test]
fn a_changed_cell_breaks_the_balance_and_is_pointed_at() {
    let text = fixture(SEEDS[3]);
    let line = text
        .lines()
        .find(|l| l.contains("本年新收政府信息公开申请数量"))
        .unwrap();
    let changed = line.replacen("\t0", "\t3", 1);
    let mutated = text.replacen(line, &changed, 1);
    let r = check(&mutated, &Options::default());
    let line_start = mutated.find(&changed).unwrap();
    let cell = line_start + changed.find('3').unwrap();
    let arithmetic: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with('A'))
        .collect();
    // One typo, one finding: the row and the column both say the changed cell should be 0;
    // the row's 总计 (which is right) is not asked to change.
    assert_eq!(arithmetic.len(), 1, "{arithmetic:#?}");
    let a007 = arithmetic[0];
    assert_eq!(a007.rule, "A007");
    assert_eq!(a007.span.unwrap().start as usize, cell);
    assert_eq!(
        (a007.expected.clone(), a007.actual.clone()),
        (Some(0i64.into()), Some(3i64.into()))
    );
    assert!(
        a007.message
            .contains("行合计和「一加二等于七加四」都表明此格应为0"),
        "{}",
        a007.message
    );
    assert!(a007.related.iter().all(|s| s.start as usize != cell));
}
