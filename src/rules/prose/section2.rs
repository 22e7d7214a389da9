//! P006: the counts of section 二 the prose states (规范性文件 and 规章 issued, repealed and in
//! force; 行政许可, 行政处罚, 行政强制 decisions) against section 二's table.

use std::ops::Range;

use super::super::scan::pieces;
use super::super::{Finding, Rule};
use super::{first_count, other_year};
use crate::report::Severity::Warning;
use crate::text::contains;
use crate::Facts;

pub(super) static P006: Rule = Rule {
    id: "P006",
    family: "prose",
    title: "正文的主动公开件数与第二部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第二部分 主动公开政府信息情况",
    what: "正文说的制发、废止、现行有效的规章和行政规范性文件件数，以及行政许可、行政处罚、行政强制的决定数量，与第二部分表格不一致。",
    why: "正文和表格矛盾时，读者无法判断哪个是真的。",
    bad: "本年制发行政规范性文件5件（表格本年制发件数为3）",
    good: "本年制发行政规范性文件3件",
    fix: "核对正文和第二部分表格，改正错的一处。",
};

/// A count of section 二 the prose may state.
struct Count2 {
    /// The row and its column.
    key: &'static str,
    col: usize,
    /// Words that name the row, and words that must stand with them.
    row: &'static [&'static str],
    with: &'static [&'static str],
    /// The quantity's name in messages.
    name: &'static str,
}

const fn count2(
    key: &'static str,
    col: usize,
    row: &'static [&'static str],
    with: &'static [&'static str],
    name: &'static str,
) -> Count2 {
    Count2 {
        key,
        col,
        row,
        with,
        name,
    }
}

/// Section 二's counts the prose may state.
const SECTION2_COUNTS: &[Count2] = &[
    count2(
        "normative_docs",
        0,
        &["规范性文件"],
        ISSUED,
        "制发行政规范性文件",
    ),
    count2(
        "normative_docs",
        1,
        &["规范性文件"],
        &["废止"],
        "废止行政规范性文件",
    ),
    count2(
        "normative_docs",
        2,
        &["规范性文件"],
        &["现行有效"],
        "现行有效行政规范性文件",
    ),
    count2("regulations", 0, &["规章"], ISSUED, "制发规章"),
    count2("regulations", 1, &["规章"], &["废止"], "废止规章"),
    count2("regulations", 2, &["规章"], &["现行有效"], "现行有效规章"),
    count2("licensing", 0, &["行政许可"], DECIDED, "行政许可决定"),
    count2("penalty", 0, &["行政处罚"], DECIDED, "行政处罚决定"),
    count2("coercion", 0, &["行政强制"], DECIDED, "行政强制决定"),
];

/// Words that say documents were issued, and that decisions were made.
const ISSUED: &[&str] = &["制发", "印发", "出台"];
const DECIDED: &[&str] = &["决定", "作出", "办理", "办结"];

/// P006: counts of section 二 stated in the prose, each clause's first count, when the clause
/// names the row and the column and nothing else. A clause that says only one of them and
/// nothing more (`制发行政规范性文件3件，废止1件`, `现行有效规范性文件30件、规章12件`) takes the
/// other from the counted clause before it in the sentence.
pub(super) fn check(facts: &Facts, range: Range<usize>, out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    if facts.tables.s2.format_2019 {
        return;
    }
    let mut offset = range.start;
    for sentence in pieces(slice, &['。', '；', ';', '！', '？', '\n']) {
        // The count the sentence's last counted clause stated, if it was one of section 二's.
        let mut before: Option<&Count2> = None;
        for clause in pieces(sentence, &['，', ',', '、']) {
            let at = offset;
            offset += clause.len();
            // Most clauses have no count: that is the cheaper test, so it comes first.
            let Some((value, number)) = first_count(clause) else {
                continue;
            };
            let stated = section2_count(clause, number.start, before, facts.outline.year);
            before = stated;
            let Some(count) = stated else {
                continue;
            };
            let Some(row) = facts
                .tables
                .s2
                .rows
                .iter()
                .find(|r| r.def.key == count.key && r.is_found())
            else {
                continue;
            };
            let Some(t) = row.int(count.col).filter(|&t| t != value) else {
                continue;
            };
            out.push(
                Finding::new(
                    &P006,
                    Some(facts.norm.span(at + number.start..at + number.end)),
                    format!(
                        "正文说{}{value}件，第二部分表格「{}」为{t}件",
                        count.name, row.def.label
                    ),
                )
                .values(t, value)
                .related(row.cells.get(count.col).copied().flatten()),
            );
        }
    }
}

/// The count of section 二 that `clause` states with its number at byte `number`: the one whose
/// row and column its words name, or — when it names only one of them and says nothing else —
/// the one of `before` (the sentence's previous count) that has the other.
fn section2_count(
    clause: &str,
    number: usize,
    before: Option<&'static Count2>,
    year: Option<u16>,
) -> Option<&'static Count2> {
    // Most counted clauses name nothing of section 二: turn them away before any work.
    let words = || {
        SECTION2_COUNTS
            .iter()
            .flat_map(|c| c.row.iter().chain(c.with))
    };
    if !words().any(|w| contains(clause, w)) {
        return None;
    }
    let compact: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    let elsewhere = [
        "上年",
        "去年",
        "同比",
        "较",
        "其中",
        "累计",
        "清理",
        "审查",
        "备案",
        "规章制度",
    ];
    if elsewhere.iter().any(|w| contains(&compact, w)) || other_year(&compact, year) {
        return None;
    }
    let lead: String = clause
        .get(..number)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let row = |c: &Count2| c.row.iter().any(|w| contains(&lead, w));
    let col = |c: &Count2| c.with.iter().any(|w| contains(&lead, w));
    let own: Vec<_> = SECTION2_COUNTS
        .iter()
        .filter(|c| row(c) && col(c))
        .collect();
    if let [count] = own.as_slice() {
        return Some(count);
    }
    let before = before.filter(|_| own.is_empty() && bare(&lead))?;
    let (any_row, any_col) = (
        SECTION2_COUNTS.iter().any(row),
        SECTION2_COUNTS.iter().any(col),
    );
    let carried: Vec<_> = SECTION2_COUNTS
        .iter()
        .filter(|c| {
            (row(c) || !any_row && c.key == before.key)
                && (col(c) || !any_col && c.col == before.col && c.with == before.with)
        })
        .collect();
    // The same count again is another figure (`办理行政许可120件，办结118件`), not this one.
    match carried.as_slice() {
        [count] if !std::ptr::eq(*count, before) => Some(count),
        _ => None,
    }
}

/// True when `lead` says nothing but section 二's row and column words and fillers (`共`, `的`,
/// `本年度`): a clause that leans on the one before it.
fn bare(lead: &str) -> bool {
    let mut rest = lead.to_string();
    for w in SECTION2_COUNTS
        .iter()
        .flat_map(|c| c.row.iter().chain(c.with))
    {
        rest = rest.replace(w, "");
    }
    rest.chars()
        .all(|c| "共计有的为是达本年度全目前现已另".contains(c))
}

#[cfg(test)]
mod tests {
    use super::super::tests::pointed;
    use crate::rules::tests::findings;

    #[test]
    fn counts_in_force_stated_in_the_prose() {
        // Section 二: 规章 0/0/12, 行政规范性文件 3/1/30.
        let s2 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t12\n行政规范性文件\t3\t1\t30\n";
        let text = |prose: &str| {
            format!("某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{s2}三、收到和处理政府信息公开申请情况\n")
        };
        for agrees in [
            "现行有效的行政规范性文件共30件。",
            "目前现行有效规章12件。",
            "截至2023年底，我区现行有效规范性文件共计30件、规章12件。",
            "全年制发行政规范性文件3件，废止1件，现行有效30件。",
            "全年制发行政规范性文件3件，印发工作方案5件。",
            "全年制发行政规范性文件3件，印发1件。",
            "2022年现行有效规范性文件35件。",
            "现行有效的规章制度15件。",
        ] {
            assert!(
                findings(&text(agrees), "P").is_empty(),
                "{agrees}: {:?}",
                findings(&text(agrees), "P")
            );
        }
        for (prose, number, want) in [
            (
                "现行有效的行政规范性文件共35件。",
                "35",
                "正文说现行有效行政规范性文件35件，第二部分表格「行政规范性文件」为30件",
            ),
            (
                "目前现行有效规章10件。",
                "10",
                "正文说现行有效规章10件，第二部分表格「规章」为12件",
            ),
            (
                "截至2023年12月31日，现行有效规范性文件30件、规章11件。",
                "11",
                "正文说现行有效规章11件，第二部分表格「规章」为12件",
            ),
            (
                "全年制发行政规范性文件3件，废止1件，现行有效35件。",
                "35",
                "正文说现行有效行政规范性文件35件，第二部分表格「行政规范性文件」为30件",
            ),
        ] {
            let got = findings(&text(prose), "P");
            assert_eq!(got.len(), 1, "{prose}: {got:?}");
            assert!(got[0].ends_with(want), "{prose}: {got:?}");
            let pointed = pointed(&text(prose));
            assert_eq!(pointed[0].0, number, "{prose}");
            assert_eq!(pointed[0].1.len(), 1, "{prose}");
        }
    }

    #[test]
    fn section_two_counts_stated_in_the_prose() {
        let s2 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n行政规范性文件\t3\t1\t12\n";
        let text = |prose: &str| {
            format!("一、总体情况\n{prose}\n{s2}三、收到和处理政府信息公开申请情况\n")
        };
        assert!(findings(&text("本年制发行政规范性文件3件，废止1件。"), "P006").is_empty());
        assert!(findings(&text("较上年多制发行政规范性文件2件。"), "P006").is_empty());
        let got = findings(&text("本年制发行政规范性文件5件。"), "P006");
        assert_eq!(got, ["P006 warning 2:12 正文说制发行政规范性文件5件，第二部分表格「行政规范性文件」为3件"]);
    }

    #[test]
    fn decisions_stated_in_the_prose() {
        let s2 = "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t120\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t25\n行政强制\t0\n";
        let text = |prose: &str| {
            format!("一、总体情况\n{prose}\n{s2}三、收到和处理政府信息公开申请情况\n")
        };
        for agrees in [
            "本年度共办理行政许可120件，办结118件。",
            "作出行政许可决定120件，行政处罚25件。",
        ] {
            assert!(
                findings(&text(agrees), "P006").is_empty(),
                "{agrees}: {:?}",
                findings(&text(agrees), "P006")
            );
        }
        let got = findings(&text("作出行政许可决定120件，行政处罚30件。"), "P006");
        assert_eq!(
            got,
            ["P006 warning 2:18 正文说行政处罚决定30件，第二部分表格「行政处罚」为25件"]
        );
    }
}
