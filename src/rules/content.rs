//! Family S, continued: what the sections must contain, beyond their headings.
//!
//! The notice fixes the headings; what goes under them is stated only in outline (section 一
//! "主要包括" five aspects; section 五 problems *and* improvements by its title; section 六, as
//! real reports and the template's own fee-notice row show, the 信息处理费). These are
//! heuristics: warnings where a section is plainly empty, information otherwise.

use super::{Finding, Rule};
use crate::report::Severity::{Info, Warning};
use crate::template::S3_TOTAL_COL;
use crate::text::compact;
use crate::Facts;

pub(super) static S011: Rule = Rule {
    id: "S011",
    family: "structure",
    title: "第五部分没有写明问题或改进",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：五、存在的主要问题及改进情况",
    what: "第五部分应既写存在的主要问题，也写改进情况；只写“无”、只写问题或只写打算都不完整。",
    why: "这一部分是评估年报质量的重点，空泛或缺项会被认为敷衍。",
    bad: "五、存在的主要问题及改进情况\n无。",
    good: "五、存在的主要问题及改进情况\n一是公开内容不够丰富……下一步，将加强培训……",
    fix: "分别写明本年存在的主要问题和下一步的改进措施。",
};

pub(super) static S012: Rule = Rule {
    id: "S012",
    family: "structure",
    title: "第六部分没有说明信息处理费",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式：六、其他需要报告的事项（信息处理费的收取情况，依《政府信息公开信息处理费管理办法》国办函〔2020〕109号）",
    what: "第六部分一般应说明本年度收取信息处理费的情况，没有收取也写明“未收取”。第三部分有申请人逾期未缴费的申请时更应说明。",
    why: "信息处理费的收取情况是社会关注的事项；表格中有“逾期未按收费通知要求缴纳费用”的申请，却没有说明收费，会让人疑惑。",
    bad: "六、其他需要报告的事项\n无。",
    good: "六、其他需要报告的事项\n本年度未收取信息处理费。",
    fix: "写明本年度信息处理费的收取情况（件数、金额，或未收取）。",
};

pub(super) static S013: Rule = Rule {
    id: "S013",
    family: "structure",
    title: "第一部分没有提到总体情况的某一方面",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 （一）总体情况：主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障",
    what: "第一部分“总体情况”主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面；提示没有提到的方面。",
    why: "通知要求综述这五个方面；缺少的方面常被评估认为总体情况不完整。",
    bad: "一、总体情况\n本年度，我局认真做好主动公开工作……（未提依申请公开等）",
    good: "一、总体情况\n（一）主动公开……（二）依申请公开……（三）政府信息管理……（四）政府信息公开平台建设……（五）监督保障……",
    fix: "补充没有提到的方面。",
};

/// The rules of this part of the family, in id order.
pub(super) static RULES: &[&Rule] = &[&S011, &S012, &S013];

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
    section5(facts, out);
    section6(facts, out);
    section1(facts, out);
}

/// The compacted body of section `n` and its heading's span, when the section was found.
fn body(facts: &Facts, n: u8) -> Option<(String, crate::span::Span)> {
    let heading = facts.outline.section(n)?;
    let range = facts.outline.body(n)?;
    Some((
        compact(facts.norm.text.get(range).unwrap_or("")),
        heading.span,
    ))
}

fn section5(facts: &Facts, out: &mut Vec<Finding>) {
    let Some((text, at)) = body(facts, 5) else {
        return;
    };
    let core: String = text
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !"。，、；：".contains(*c))
        .collect();
    let problems = PROBLEM_WORDS.iter().any(|w| core.contains(w));
    let improvements = IMPROVEMENT_WORDS.iter().any(|w| core.contains(w));
    let message = if core.chars().count() <= 4 {
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
    out.push(Finding::new(&S011, Some(at), message));
}

fn section6(facts: &Facts, out: &mut Vec<Finding>) {
    let Some((text, at)) = body(facts, 6) else {
        return;
    };
    if ["处理费", "收费", "收取"].iter().any(|w| text.contains(w)) {
        return;
    }
    // Applicants who did not pay after a fee notice (section 三, （六）2): fees were charged.
    let unpaid = facts
        .tables
        .s3
        .row("other_2")
        .and_then(|r| r.int(S3_TOTAL_COL))
        .filter(|&n| n > 0);
    let message = match unpaid {
        Some(n) => format!("第六部分没有说明信息处理费的收取情况，而第三部分有{n}件申请因逾期未按收费通知缴费而不再处理"),
        None => "第六部分没有说明信息处理费的收取情况（未收取也应写明）".to_string(),
    };
    out.push(Finding::new(&S012, Some(at), message));
}

fn section1(facts: &Facts, out: &mut Vec<Finding>) {
    let Some((text, at)) = body(facts, 1) else {
        return;
    };
    let missing: Vec<&str> = ASPECTS
        .iter()
        .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(Finding::new(
        &S013,
        Some(at),
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
    fn section_one_without_an_aspect() {
        let got = findings(&report("本局做好主动公开工作。", FIVE, SIX), "S013");
        assert_eq!(got, ["S013 info 1:1 第一部分没有提到总体情况的「依申请公开」「政府信息管理」「政府信息公开平台建设」「监督保障」"]);
    }
}
