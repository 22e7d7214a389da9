//! Family S, continued: what the sections must contain, beyond their headings.
//!
//! The notice fixes the headings; what goes under them is stated only in outline (section 一
//! "主要包括" five aspects; section 五 problems *and* improvements by its title; section 六, as
//! real reports and the template's own fee-notice row show, the 信息处理费). These are
//! heuristics: warnings where a section is plainly empty, information otherwise.

use super::{Finding, Rule};
use crate::report::Severity::{Info, Warning};
use crate::template::S3_TOTAL_COL;
use crate::text::{compact, contains};
use crate::Facts;

pub(super) static S011: Rule = Rule {
    id: "S011",
    family: "structure",
    title: "第五部分没有写明问题或改进",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：五、存在的主要问题及改进情况",
    what: docs!(
        "第五部分应既写存在的主要问题，也写改进情况；只写“无”、只写问题或只写打算都不完整。"
    ),
    why: docs!("这一部分是评估年报质量的重点，空泛或缺项会被认为敷衍。"),
    bad: docs!("五、存在的主要问题及改进情况\n无。"),
    good: docs!("五、存在的主要问题及改进情况\n一是公开内容不够丰富……下一步，将加强培训……"),
    fix: docs!("分别写明本年存在的主要问题和下一步的改进措施。"),
};

pub(super) static S012: Rule = Rule {
    id: "S012",
    family: "structure",
    title: "第六部分没有说明信息处理费",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式：六、其他需要报告的事项（信息处理费的收取情况，依《政府信息公开信息处理费管理办法》国办函〔2020〕109号）",
    what: docs!("2021年度起（《政府信息公开信息处理费管理办法》自2021年1月1日起施行），第六部分一般应说明本年度收取信息处理费的情况，没有收取也写明“未收取”。第三部分有申请人逾期未缴费的申请时更应说明。2019、2020年度的报告按试行格式检查，不作要求。"),
    why: docs!("信息处理费的收取情况是社会关注的事项；表格中有“逾期未按收费通知要求缴纳费用”的申请，却没有说明收费，会让人疑惑。"),
    bad: docs!("六、其他需要报告的事项\n无。"),
    good: docs!("六、其他需要报告的事项\n本年度未收取信息处理费。"),
    fix: docs!("写明本年度信息处理费的收取情况（件数、金额，或未收取）。"),
};

pub(super) static S013: Rule = Rule {
    id: "S013",
    family: "structure",
    title: "第一部分没有提到总体情况的某一方面",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 （一）总体情况：主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障",
    what: docs!("第一部分“总体情况”主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面；提示没有提到的方面。"),
    why: docs!("通知要求综述这五个方面；缺少的方面常被评估认为总体情况不完整。"),
    bad: docs!("一、总体情况\n本年度，我局认真做好主动公开工作……（未提依申请公开等）"),
    good: docs!("一、总体情况\n（一）主动公开……（二）依申请公开……（三）政府信息管理……（四）政府信息公开平台建设……（五）监督保障……"),
    fix: docs!("补充没有提到的方面。"),
};

pub(super) static S014: Rule = Rule {
    id: "S014",
    family: "structure",
    title: "部分下没有内容",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 一、报告内容：年度报告内容……不能遗漏",
    what: docs!("第一、第六部分的标题下什么也没有写（第五部分见 S011，第二至四部分见 S010）。"),
    why: docs!("只有标题没有内容，等于这一部分缺失。"),
    bad: docs!("一、总体情况\n二、主动公开政府信息情况"),
    good: docs!("一、总体情况\n本年度，我局……\n二、主动公开政府信息情况"),
    fix: docs!("补写这一部分的内容；第六部分没有其他事项的，也应写明信息处理费的收取情况。"),
};

pub(super) static S015: Rule = Rule {
    id: "S015",
    family: "structure",
    title: "人民政府的年报没有报告考核、评议和责任追究情况",
    severity: Info,
    clause: "《中华人民共和国政府信息公开条例》第五十条第四项；国办公开办函〔2021〕30号 （一）总体情况（含各级人民政府“工作考核、社会评议和责任追究结果情况”）",
    what: docs!("各级人民政府（含乡镇人民政府）本级的年报，第一部分应报告政府信息公开工作考核、社会评议和责任追究结果情况。机关类型只能从标题判断，故为提示。"),
    why: docs!("这是《条例》第五十条对各级人民政府年报的明确要求。"),
    bad: docs!("某县人民政府2023年政府信息公开工作年度报告（第一部分未提考核、评议、责任追究）"),
    good: docs!("……（五）监督保障。……将政府信息公开工作纳入绩效考核……开展社会评议……未发生责任追究情况。"),
    fix: docs!("在第一部分“监督保障”中写明考核、社会评议和责任追究结果情况。"),
};

/// The rules of this part of the family, in id order.
pub(super) static RULES: &[&Rule] = &[&S011, &S012, &S013, &S014, &S015];

/// Words that name a problem, and words that name an improvement.
const PROBLEM_WORDS: &[&str] = &[
    "问题", "不足", "短板", "差距", "薄弱", "有待", "不够", "欠缺",
];
const IMPROVEMENT_WORDS: &[&str] = &[
    "下一步",
    "改进",
    "加强",
    "完善",
    "措施",
    "提升",
    "推进",
    "将进一步",
    "努力",
    "整改",
];

/// The five aspects of section 一: (name, words any of which mention it).
const ASPECTS: &[(&str, &[&str])] = &[
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请公开", "依申请"]),
    ("政府信息管理", &["信息管理"]),
    ("政府信息公开平台建设", &["平台"]),
    ("监督保障", &["监督保障", "监督", "保障"]),
];

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    // Each body compacted once: section 一 is most of a report.
    let [one, five, six] = [1u8, 5, 6].map(|n| body(facts, n));
    let empty = empty_sections(&one, &six, out);
    if let Some(five) = &five {
        section5(five, out);
    }
    if let Some(six) = six.as_ref().filter(|_| !empty.contains(&6)) {
        section6(facts, six, out);
    }
    if let Some(one) = one.as_ref().filter(|_| !empty.contains(&1)) {
        section1(one, out);
        government(facts, one, out);
    }
}

/// A section's compacted body and its heading's span.
type Body = (String, crate::span::Span);

/// S014: sections 一 and 六 with nothing under their heading; returns which.
fn empty_sections(one: &Option<Body>, six: &Option<Body>, out: &mut Vec<Finding>) -> Vec<u8> {
    let mut empty = Vec::new();
    for (n, body) in [(1u8, one), (6, six)] {
        let Some((text, at)) = body else {
            continue;
        };
        if text
            .chars()
            .any(|c| !c.is_ascii_punctuation() && !c.is_whitespace())
        {
            continue;
        }
        empty.push(n);
        let which = if n == 1 {
            "第一部分"
        } else {
            "第六部分"
        };
        out.push(Finding::new(
            &S014,
            Some(*at),
            format!("{which}标题下没有内容"),
        ));
    }
    empty
}

/// S015: a 人民政府's own report (its title says so) without 考核、评议、责任追究 in section 一.
fn government(facts: &Facts, (text, span): &Body, out: &mut Vec<Finding>) {
    if !super::government_report(facts) {
        return;
    }
    let missing: Vec<&str> = [
        ("考核", "工作考核"),
        ("评议", "社会评议"),
        ("责任追究", "责任追究"),
    ]
    .iter()
    .filter(|(w, _)| !contains(text, w))
    .map(|(_, name)| *name)
    .collect();
    if missing.is_empty() {
        return;
    }
    out.push(Finding::new(
        &S015,
        Some(*span),
        format!(
            "人民政府的年报第一部分没有报告「{}」情况",
            missing.join("」「")
        ),
    ));
}

/// The compacted body of section `n` and its heading's span, when the section was found.
fn body(facts: &Facts, n: u8) -> Option<Body> {
    let heading = facts.outline.section(n)?;
    let range = facts.outline.body(n)?;
    Some((
        compact(facts.norm.text.get(range).unwrap_or("")),
        heading.span,
    ))
}

fn section5((text, at): &Body, out: &mut Vec<Finding>) {
    let core: String = text
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !matches!(c, '。' | '，' | '、' | '；' | '：'))
        .collect();
    let problems = PROBLEM_WORDS.iter().any(|w| contains(&core, w));
    let improvements = IMPROVEMENT_WORDS.iter().any(|w| contains(&core, w));
    let message = if core.is_empty() {
        "第五部分标题下没有内容，应写明存在的主要问题和改进情况".to_string()
    } else if core.chars().count() <= 4 {
        format!(
            "第五部分只写了「{}」，没有写明存在的主要问题和改进情况",
            text
        )
    } else if !problems && !improvements {
        "第五部分没有写明存在的主要问题和改进情况".to_string()
    } else if !problems {
        "第五部分只写了改进打算，没有写明存在的主要问题".to_string()
    } else if !improvements {
        "第五部分只写了存在的问题，没有写明改进情况".to_string()
    } else {
        return;
    };
    out.push(Finding::new(&S011, Some(*at), message));
}

fn section6(facts: &Facts, (text, at): &Body, out: &mut Vec<Finding>) {
    // The fee dates from 国办函〔2020〕109号, in force for the 2021 reports on.
    if super::other::is_2019_format_report(facts) {
        return;
    }
    if ["处理费", "收费", "收取"].iter().any(|w| contains(text, w)) {
        return;
    }
    // Applicants who did not pay after a fee notice (section 三, （六）2): fees were charged.
    let unpaid = facts
        .tables
        .s3
        .get(crate::template::S3Row::Other2)
        .and_then(|r| r.int(S3_TOTAL_COL))
        .filter(|&n| n > 0);
    let message = match unpaid {
        Some(n) => format!("第六部分没有说明信息处理费的收取情况，而第三部分有{n}件申请因逾期未按收费通知缴费而不再处理"),
        None => "第六部分没有说明信息处理费的收取情况（未收取也应写明）".to_string(),
    };
    out.push(Finding::new(&S012, Some(*at), message));
}

fn section1((text, at): &Body, out: &mut Vec<Finding>) {
    let missing: Vec<&str> = ASPECTS
        .iter()
        .filter(|(_, words)| !words.iter().any(|w| contains(text, w)))
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(Finding::new(
        &S013,
        Some(*at),
        format!("第一部分没有提到总体情况的「{}」", missing.join("」「")),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    const HEADS: [&str; 6] = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];

    fn report(one: &str, five: &str, six: &str) -> String {
        let bodies = [one, "", "", "", five, six];
        HEADS
            .iter()
            .zip(bodies)
            .map(|(h, b)| format!("{h}\n{b}\n"))
            .collect()
    }

    const ONE: &str = "本局做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。";
    const FIVE: &str = "公开内容不够丰富。下一步将加强培训。";
    const SIX: &str = "本年度未收取信息处理费。";

    #[test]
    fn complete_sections_give_nothing() {
        let got = findings(&report(ONE, FIVE, SIX), "S01");
        assert!(
            got.iter().all(|f| !f.starts_with("S011")
                && !f.starts_with("S012")
                && !f.starts_with("S013")),
            "{got:?}"
        );
    }

    #[test]
    fn a_section_five_of_only_none() {
        let got = findings(&report(ONE, "无。", SIX), "S011");
        assert_eq!(
            got,
            ["S011 warning 9:1 第五部分只写了「无。」，没有写明存在的主要问题和改进情况"]
        );
        let got = findings(&report(ONE, "", SIX), "S011");
        assert_eq!(
            got,
            ["S011 warning 9:1 第五部分标题下没有内容，应写明存在的主要问题和改进情况"]
        );
        let got = findings(&report(ONE, "公开内容不够丰富。", SIX), "S011");
        assert_eq!(
            got,
            ["S011 warning 9:1 第五部分只写了存在的问题，没有写明改进情况"]
        );
    }

    #[test]
    fn section_six_without_the_fee() {
        let got = findings(&report(ONE, FIVE, "无。"), "S012");
        assert_eq!(
            got,
            ["S012 info 11:1 第六部分没有说明信息处理费的收取情况（未收取也应写明）"]
        );
    }

    #[test]
    fn the_fee_is_not_asked_of_a_report_before_2021() {
        for year in [2019, 2020] {
            let text = format!(
                "某局{year}年政府信息公开工作年度报告\n{}",
                report(ONE, FIVE, "无。")
            );
            assert!(findings(&text, "S012").is_empty(), "{year}");
        }
        let text = format!(
            "某局2021年政府信息公开工作年度报告\n{}",
            report(ONE, FIVE, "无。")
        );
        assert_eq!(findings(&text, "S012").len(), 1);
        // Without a year, a section 二 in the 2019 format tells the report's format.
        let old = report(ONE, FIVE, "无。").replace(
            "二、主动公开政府信息情况\n",
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n",
        );
        assert!(findings(&old, "S012").is_empty());
    }

    #[test]
    fn section_one_without_an_aspect() {
        let got = findings(&report("本局做好主动公开工作。", FIVE, SIX), "S013");
        assert_eq!(got, ["S013 info 1:1 第一部分没有提到总体情况的「依申请公开」「政府信息管理」「政府信息公开平台建设」「监督保障」"]);
    }

    #[test]
    fn empty_sections_and_a_governments_own_duties() {
        let got = findings(&report("", FIVE, SIX), "S014");
        assert_eq!(got, ["S014 warning 1:1 第一部分标题下没有内容"]);
        let gov = format!(
            "某县人民政府2023年政府信息公开工作年度报告\n{}",
            report(ONE, FIVE, SIX)
        );
        let got = findings(&gov, "S015");
        assert_eq!(got, ["S015 info 2:1 人民政府的年报第一部分没有报告「工作考核」「社会评议」「责任追究」情况"]);
        let office = format!(
            "某县人民政府办公室2023年政府信息公开工作年度报告\n{}",
            report(ONE, FIVE, SIX)
        );
        assert!(findings(&office, "S015").is_empty());
        let done = format!(
            "某县人民政府2023年政府信息公开工作年度报告\n{}",
            report(
                &format!("{ONE}纳入绩效考核，开展社会评议，未发生责任追究。"),
                FIVE,
                SIX
            )
        );
        assert!(findings(&done, "S015").is_empty());
    }
}
