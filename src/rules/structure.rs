//! Family S: the six statutory sections and the title.
//!
//! The notice says the report's content "不能遗漏": all six sections, once each, in order, titled
//! as the template titles them. These rules read the outline's facts.

use super::{Finding, Rule};
use crate::outline::{Heading, Leftover, TitleMatch};
use crate::report::Severity::{Error, Warning};
use crate::span::Span;
use crate::template::SECTIONS;
use crate::text::cn_digit;
use crate::Facts;

pub(super) static S001: Rule = Rule {
    id: "S001",
    family: "structure",
    title: "缺少法定部分",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 一、报告内容：年度报告内容……不能遗漏",
    what: docs!("报告必须包含模板规定的六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"),
    why: docs!("六个部分是《条例》第五十条规定的法定内容，缺少任何一部分都属于年报内容不完整，上级督查和第三方评估会直接扣分。"),
    bad: docs!("五、存在的主要问题及改进情况\n……\n（全文结束，没有“六、其他需要报告的事项”）"),
    good: docs!("五、存在的主要问题及改进情况\n……\n六、其他需要报告的事项\n本年度未收取信息处理费。"),
    fix: docs!("按模板补上缺少的部分及其标题；确实没有内容的，写明“无”或具体说明。"),
};

pub(super) static S002: Rule = Rule {
    id: "S002",
    family: "structure",
    title: "部分顺序错误",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：一至六部分依次排列",
    what: docs!("六个部分应按一、二、三、四、五、六的顺序出现。"),
    why: docs!("模板规定了固定的顺序，读者和检查者按顺序查找内容，顺序颠倒容易被认为缺项。"),
    bad: docs!("四、政府信息公开行政复议、行政诉讼情况\n三、收到和处理政府信息公开申请情况"),
    good: docs!("三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况"),
    fix: docs!("把该部分移到模板规定的位置。"),
};

pub(super) static S003: Rule = Rule {
    id: "S003",
    family: "structure",
    title: "部分重复",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：每个部分出现一次",
    what: docs!("同一个法定部分的标题出现了两次。"),
    why: docs!("重复的部分说明文稿拼接有误，读者无法判断以哪一处为准。"),
    bad: docs!("二、主动公开政府信息情况\n……\n二、主动公开政府信息情况"),
    good: docs!("二、主动公开政府信息情况\n……\n三、收到和处理政府信息公开申请情况"),
    fix: docs!("删除或合并重复的部分。"),
};

pub(super) static S004: Rule = Rule {
    id: "S004",
    family: "structure",
    title: "部分标题与模板不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：各部分标题",
    what: docs!("部分标题应与模板的标题一字不差。"),
    why: docs!("统一的标题便于检查和汇总；改写的标题会让人怀疑内容口径也被改动。"),
    bad: docs!("五、存在问题及改进情况"),
    good: docs!("五、存在的主要问题及改进情况"),
    fix: docs!("把标题改为建议的模板标题。"),
};

pub(super) static S005: Rule = Rule {
    id: "S005",
    family: "structure",
    title: "部分序号与标题不符",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：各部分序号",
    what: docs!("标题文字属于某一部分，序号却是另一部分的序号。"),
    why: docs!("序号错位会让后续各部分的编号全部错乱，检查者会认为缺项或重复。"),
    bad: docs!("三、主动公开政府信息情况"),
    good: docs!("二、主动公开政府信息情况"),
    fix: docs!("按建议改正该部分的序号。"),
};

pub(super) static S006: Rule = Rule {
    id: "S006",
    family: "structure",
    title: "标题序号前有多余字符",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：各部分标题",
    what: docs!("部分标题的序号之前有多余的字符，例如“|三、”“1三、”。"),
    why: docs!("多余字符多来自排版或复制错误，发布后会显得不规范。"),
    bad: docs!("1三、收到和处理政府信息公开申请情况"),
    good: docs!("三、收到和处理政府信息公开申请情况"),
    fix: docs!("删除序号前的多余字符。"),
};

pub(super) static S007: Rule = Rule {
    id: "S007",
    family: "structure",
    title: "总体情况的子项被编成了一级标题",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 一、报告内容（一）总体情况：主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障",
    what: docs!("“主动公开”“依申请公开”“政府信息管理”“平台建设”“监督保障”是第一部分的子项，却用“一、二、三……”编号，与六个法定部分的编号混在一起。"),
    why: docs!("两套编号混用后，法定的六个部分的序号被打乱，读者和检查者难以找到各部分。"),
    bad: docs!("一、总体情况\n一、主动公开\n二、依申请公开"),
    good: docs!("一、总体情况\n（一）主动公开\n（二）依申请公开"),
    fix: docs!("把子项改用“（一）（二）……”编号。"),
};

pub(super) static S008: Rule = Rule {
    id: "S008",
    family: "structure",
    title: "缺少报告标题",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：标题",
    what: docs!("正文之前应有“××（机关名称）××年政府信息公开工作年度报告”形式的标题。"),
    why: docs!("标题写明发布机关和年度，是读者识别报告的依据。"),
    bad: docs!("一、总体情况\n……（前面没有标题）"),
    good: docs!("××县统计局2024年政府信息公开工作年度报告\n一、总体情况"),
    fix: docs!("在正文前加上包含机关名称和年度的标题。"),
};

pub(super) static S009: Rule = Rule {
    id: "S009",
    family: "structure",
    title: "标题中没有年度",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：标题",
    what: docs!("报告标题应写明报告年度，例如“2024年”。"),
    why: docs!("没有年度的标题无法与往年报告区分。"),
    bad: docs!("××县统计局政府信息公开工作年度报告"),
    good: docs!("××县统计局2024年政府信息公开工作年度报告"),
    fix: docs!("在标题中写明报告年度。"),
};

pub(super) static S010: Rule = Rule {
    id: "S010",
    family: "structure",
    title: "部分下没有统计表",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第二、三、四部分的统计表",
    what: docs!("第二、三、四部分必须有模板规定的统计表；找到了该部分标题，却没有读到表格。"),
    why: docs!("统计表是年报的核心数据，缺表等于缺少法定内容。"),
    bad: docs!("三、收到和处理政府信息公开申请情况\n本年度未收到申请。（没有表格）"),
    good: docs!("三、收到和处理政府信息公开申请情况\n（完整的统计表，各项填0）"),
    fix: docs!("按模板补上统计表；没有发生的事项填0，不要删表。"),
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[
    &S001, &S002, &S003, &S004, &S005, &S006, &S007, &S008, &S009, &S010,
];

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    let outline = &facts.outline;
    for (def, heading) in SECTIONS.iter().zip(&outline.sections) {
        match heading {
            // Not searched to the end (S018 says so): a section not found may stand after it.
            None if outline.unread_from.is_some() => {}
            None => out.push(Finding::new(
                &S001,
                missing_place(facts, def.number),
                format!("缺少第{}部分「{}」", cn_digit(def.number), def.heading),
            )),
            Some(h) => check_heading(facts.original, h, out),
        }
    }
    for left in &outline.leftovers {
        match left {
            Leftover::Duplicate { section, heading } => out.push(Finding::new(
                &S003,
                Some(heading.span),
                format!("第{}部分的标题重复出现", cn_digit(*section)),
            )),
            Leftover::SubTopic { heading, topic } => out.push(
                Finding::new(
                    &S007,
                    Some(heading.span),
                    format!(
                        "「{}」是第一部分“{topic}”子项，却按法定部分编号",
                        heading.text
                    ),
                )
                .suggest(format!(
                    "（{}）{}",
                    cn_digit(heading.numeral.unwrap_or(1)),
                    heading.title
                )),
            ),
        }
    }
    check_title(facts, out);
    check_tables_present(facts, out);
}

/// Where missing section `number` belongs: an empty span at the start of the next section
/// found, else at the end of the last one before it; `None` when no section was found.
fn missing_place(facts: &Facts, number: u8) -> Option<Span> {
    let outline = &facts.outline;
    if let Some(next) = (number + 1..=6).find_map(|n| outline.section(n)) {
        return Some(Span::new(
            next.span.start as usize,
            next.span.start as usize,
        ));
    }
    let before = (1..number).rev().find_map(|n| outline.body(n))?;
    let last = facts.norm.span(before.end.saturating_sub(1)..before.end);
    Some(Span::new(last.end as usize, last.end as usize))
}

fn check_heading(original: &str, h: &Heading, out: &mut Vec<Finding>) {
    let Some(def) = SECTIONS.get(usize::from(h.section).wrapping_sub(1)) else {
        return;
    };
    if h.out_of_order {
        out.push(Finding::new(
            &S002,
            Some(h.span),
            format!("第{}部分出现在后面部分之后，顺序错误", cn_digit(def.number)),
        ));
    }
    if let Some(junk) = h.junk {
        // The heading as written without the characters before its numeral: replacing the
        // junk by the template heading would write the heading twice.
        let before = original.get(h.span.range().start..junk.range().start);
        let after = original.get(junk.range().end..h.span.range().end);
        let finding = Finding::new(&S006, Some(h.span), "标题序号前有多余字符");
        out.push(match before.zip(after) {
            Some((b, a)) => finding.suggest(format!("{b}{a}")),
            None => finding,
        });
    }
    let numeral_wrong = h.numeral.is_some_and(|n| n != def.number);
    if numeral_wrong && h.matched >= TitleMatch::Keywords {
        out.push(
            Finding::new(
                &S005,
                Some(h.span),
                format!(
                    "标题文字属于第{}部分，序号却写作“{}”",
                    cn_digit(def.number),
                    cn_digit(h.numeral.unwrap_or(0))
                ),
            )
            .values(def.heading, h.text.as_str())
            .suggest(def.heading),
        );
    }
    if h.matched < TitleMatch::Exact {
        out.push(
            Finding::new(
                &S004,
                Some(h.span),
                format!(
                    "第{}部分标题与模板不一致，模板为「{}」",
                    cn_digit(def.number),
                    def.heading
                ),
            )
            .values(def.heading, h.text.as_str())
            .suggest(def.heading),
        );
    }
}

fn check_title(facts: &Facts, out: &mut Vec<Finding>) {
    match &facts.outline.title {
        None => out.push(Finding::new(
            &S008,
            None,
            "没有找到报告标题（机关名称+年度+政府信息公开工作年度报告）",
        )),
        Some((_, span)) if facts.outline.year.is_none() || !has_year(facts) => {
            out.push(Finding::new(&S009, Some(*span), "报告标题中没有写明年度"))
        }
        Some(_) => {}
    }
}

fn has_year(facts: &Facts) -> bool {
    facts
        .outline
        .title
        .as_ref()
        .is_some_and(|(t, _)| t.chars().filter(char::is_ascii_digit).count() >= 4)
}

fn check_tables_present(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables;
    let missing = [
        (2u8, t.s2.is_found()),
        (3, t.s3.is_found()),
        (4, t.s4.found_table),
    ];
    for (n, found) in missing {
        if let (Some(h), false) = (facts.outline.section(n), found) {
            out.push(Finding::new(
                &S010,
                Some(h.span),
                format!("第{}部分下没有读到模板规定的统计表", cn_digit(n)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    #[test]
    fn missing_sections_and_title() {
        // A missing section is placed where it belongs: after the last section found ...
        let got = findings("一、总体情况\n二、主动公开政府信息情况\n", "S");
        assert!(
            got.contains(
                &"S001 error 3:1 缺少第三部分「三、收到和处理政府信息公开申请情况」".to_string()
            ),
            "{got:#?}"
        );
        // ... or at the start of the next one.
        let before_next = findings(
            "一、总体情况\n二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况\n",
            "S001",
        );
        assert!(
            before_next.contains(
                &"S001 error 3:1 缺少第三部分「三、收到和处理政府信息公开申请情况」".to_string()
            ),
            "{before_next:#?}"
        );
        assert!(findings("", "S001")
            .iter()
            .all(|f| f.starts_with("S001 error - ")));
        assert!(got.iter().any(|f| f.starts_with("S008")));
    }

    #[test]
    fn numeral_junk_variant_order_duplicate() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n三、主动公开政府信息情况\n1三、收到和处理政府信息公开申请情况\n五、存在问题及改进情况\n四、政府信息公开行政复议、行政诉讼情况\n六、其他需要报告的事项\n六、其他需要报告的事项\n";
        let got = findings(text, "S");
        let ids: Vec<&str> = got.iter().map(|f| &f[..4]).collect();
        for id in ["S002", "S003", "S004", "S005", "S006"] {
            assert!(ids.contains(&id), "{id} not in {got:#?}");
        }
    }

    #[test]
    fn a_sub_heading_already_numbered_as_a_sub_item() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开政府信息情况\n本年度主动公开信息100条。\n（二）依申请公开\n二、主动公开政府信息情况\n";
        for id in ["S003", "S007"] {
            assert!(findings(text, id).is_empty(), "{:?}", findings(text, id));
        }
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n二、依申请公开\n二、主动公开政府信息情况\n";
        assert_eq!(
            findings(text, "S007"),
            ["S007 warning 3:1 「二、依申请公开」是第一部分“依申请公开”子项，却按法定部分编号 → （二）依申请公开"]
        );
    }

    #[test]
    fn junk_before_a_numeral_is_suggested_away() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n1三、收到和处理政府信息公开申请情况\n";
        assert_eq!(
            findings(text, "S006"),
            ["S006 warning 3:1 标题序号前有多余字符 → 三、收到和处理政府信息公开申请情况"]
        );
        // The suggestion replaces the whole heading, junk included.
        let report = crate::check(text, &crate::Options::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "S006")
            .unwrap();
        let span = d.span.unwrap();
        assert_eq!(
            &text[span.start as usize..span.end as usize],
            "1三、收到和处理政府信息公开申请情况"
        );
    }

    #[test]
    fn table_missing_under_heading() {
        let got = findings(
            "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n",
            "S010",
        );
        assert_eq!(got, ["S010 error 1:1 第三部分下没有读到模板规定的统计表"]);
    }
}
