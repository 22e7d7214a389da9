//! Family O: everything else about the text — the citation of the format notice, and which
//! format a report is checked against.
//!
//! Some reports cite the notice as 〔2023〕30号; the format is 国办公开办函〔2021〕30号, issued on
//! 26 September 2021. The finding explains the correct number once, at the first wrong citation.

use super::{Finding, Rule};
use crate::report::Severity::{Info, Warning};
use crate::template::TEMPLATE;
use crate::text::{contains, years_in};
use crate::Facts;

/// O003: placeholders left in the text, one finding naming them, the others related.
fn placeholders(facts: &Facts, out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let mut found: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for p in PLACEHOLDERS {
        for (at, _) in text.match_indices(p) {
            let range = at..at + p.len();
            // `XX` inside a longer run of Latin letters or digits is not a placeholder (URLs,
            // codes); nor is a run already found as `XXX`.
            let before = text.get(..at).and_then(|t| t.chars().next_back());
            let after = text.get(range.end..).and_then(|t| t.chars().next());
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '*');
            if latin(before)
                || latin(after)
                || found.iter().any(|(r, _)| r.start <= at && at < r.end)
            {
                continue;
            }
            found.push((range, p));
            if found.len() >= 50 {
                break;
            }
        }
    }
    crate::sort::by_key(&mut found, |(r, _)| r.start);
    let Some((first, _)) = found.first() else {
        return;
    };
    let mut names: Vec<&str> = found.iter().map(|(_, p)| *p).collect();
    crate::sort::ascending(&mut names);
    names.dedup();
    let spans: Vec<_> = found
        .iter()
        .map(|(r, _)| facts.norm.span(r.clone()))
        .collect();
    out.push(
        Finding::new(
            &O003,
            Some(facts.norm.span(first.clone())),
            format!(
                "正文留有{}处模板占位符「{}」，请换成实际内容",
                found.len(),
                names.join("」「")
            ),
        )
        .related(spans.into_iter().skip(1)),
    );
}

/// O004: the statistics period's year against the title's.
fn period_year(facts: &Facts, out: &mut Vec<Finding>) {
    let Some(title_year) = facts.outline.title.as_ref().and_then(|(t, _)| year_in(t)) else {
        return;
    };
    let text = &facts.norm.text;
    // `自2023年1月1日` … `至2023年12月31日`, white space aside.
    let Some(at) = text.find("1月1日").or_else(|| text.find("1 月 1 日")) else {
        return;
    };
    let start = crate::span::floor_char_boundary(text, at.saturating_sub(12));
    let Some(near) = text.get(start..at) else {
        return;
    };
    let Some(year) = year_in(near) else {
        return;
    };
    if year == title_year {
        return;
    }
    let Some(p) = near.rfind(&year.to_string()) else {
        return;
    };
    let span = facts.norm.span(start + p..start + p + 4);
    out.push(
        Finding::new(
            &O004,
            Some(span),
            format!("统计期限写的是{year}年，报告标题是{title_year}年度"),
        )
        .values(i64::from(title_year), i64::from(year))
        .suggest(title_year.to_string()),
    );
}

/// O005: sentences of section 一 that open with the year before the report year (`2023年，
/// 我局……` in a 2024 report: last year's report left unchanged), unless they compare with it;
/// one finding. The year after is a plan (`2025年，我局将……`), and section 五 speaks of both
/// years by its nature (last year's problems, next year's plans): neither is a leftover.
fn sentence_years(facts: &Facts, out: &mut Vec<Finding>) {
    let Some(year) = facts.outline.year else {
        return;
    };
    let text = &facts.norm.text;
    let mut found: Vec<(std::ops::Range<usize>, u16)> = Vec::new();
    if let Some(range) = facts.outline.body(1) {
        let slice = text.get(range.clone()).unwrap_or("");
        let mut offset = range.start;
        for sentence in super::scan::pieces(slice, &['。', '\n', '；']) {
            let at = offset;
            offset += sentence.len();
            let trimmed = sentence.trim_start();
            let lead = sentence.len() - trimmed.len();
            let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
            let Ok(y) = digits.parse::<u16>() else {
                continue;
            };
            let rest = trimmed.get(digits.len()..).unwrap_or("");
            let opens = digits.len() == 4
                && (rest.starts_with("年，")
                    || rest.starts_with("年,")
                    || rest.starts_with("年度，"));
            let compares = ["较", "比", "同比", "上年", "去年", "以来", "至今"]
                .iter()
                .any(|w| contains(sentence, w));
            if opens && !compares && y.checked_add(1) == Some(year) {
                found.push((at + lead..at + lead + 4, y));
            }
        }
    }
    let Some((first, y)) = found.first().cloned() else {
        return;
    };
    let spans: Vec<_> = found
        .iter()
        .skip(1)
        .map(|(r, _)| facts.norm.span(r.clone()))
        .collect();
    out.push(
        Finding::new(
            &O005,
            Some(facts.norm.span(first)),
            format!(
                "第一部分有{}处句子以{y}年开头，报告年度是{year}年",
                found.len()
            ),
        )
        .suggest(year.to_string())
        .related(spans),
    );
}

/// The last year written in `text` (`2023年`).
fn year_in(text: &str) -> Option<u16> {
    years_in(text).last().copied()
}

/// O002: a report for 2019 or 2020 is checked against the 2019 trial format; said once.
fn format_2019(facts: &Facts, out: &mut Vec<Finding>) {
    let Some(year) = facts.outline.year.filter(|&y| y <= LAST_2019_FORMAT_YEAR) else {
        return;
    };
    out.push(Finding::new(
        &O002,
        facts.outline.title.as_ref().map(|(_, span)| *span),
        format!("本报告为{year}年度报告，按国办公开办函〔2019〕60号印发的试行格式检查"),
    ));
}

pub(super) static O001: Rule = Rule {
    id: "O001",
    family: "other",
    title: "年报格式的文号写错",
    severity: Info,
    clause: "国办公开办函〔2021〕30号（2021年9月26日印发）",
    what: docs!("《中华人民共和国政府信息公开工作年度报告格式》的文号是国办公开办函〔2021〕30号；写成〔2023〕30号等其他年份是误引。"),
    why: docs!("引用的文号错误会让人怀疑报告依据的格式版本。"),
    bad: docs!("（国办公开办函〔2023〕30号）"),
    good: docs!("（国办公开办函〔2021〕30号）"),
    fix: docs!("把文号改为国办公开办函〔2021〕30号。"),
};

pub(super) static O002: Rule = Rule {
    id: "O002",
    family: "other",
    title: "按2019年试行格式检查",
    severity: Info,
    clause: "国办公开办函〔2019〕60号 政府信息公开工作年度报告格式（试行），适用于2019、2020年度报告",
    what: docs!("2019、2020年度的报告应按国办公开办函〔2019〕60号印发的试行格式编制，本报告按该格式检查；使用试行格式不算问题。"),
    why: docs!("2021年格式自2021年度报告起适用，用它检查更早的报告会报出并不存在的问题。"),
    bad: docs!("（2019年度报告被要求写成2021年格式的三行“（六）其他处理”）"),
    good: docs!("（2019年度报告的单独一行“（六）其他处理”按试行格式核对）"),
    fix: docs!("无需修改；2021年度及以后的报告请使用2021年格式。"),
};

pub(super) static O003: Rule = Rule {
    id: "O003",
    family: "other",
    title: "正文留有模板占位符",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式",
    what: docs!(
        "正文里留有套用模板时的占位符，如“XX”“××”“XXX局”“【】”“（文字描述）”“（此处填写）”。"
    ),
    why: docs!("占位符说明有内容没有填写，发布后会被直接看出是照抄模板。"),
    bad: docs!("XX年，我局主动公开政府信息××条。"),
    good: docs!("2023年，我局主动公开政府信息126条。"),
    fix: docs!("把占位符换成实际内容。"),
};

pub(super) static O004: Rule = Rule {
    id: "O004",
    family: "other",
    title: "统计期限的年度与标题不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：报告年度",
    what: docs!("“数据统计期限自X年1月1日起至X年12月31日止”中的年度，应与报告标题中的年度一致。"),
    why: docs!("年度不一致多半是沿用了上一年的报告没有改全，读者无法确定数据属于哪一年。"),
    bad: docs!("某局2023年政府信息公开工作年度报告……统计期限自2022年1月1日起至2022年12月31日止"),
    good: docs!("某局2023年政府信息公开工作年度报告……统计期限自2023年1月1日起至2023年12月31日止"),
    fix: docs!("把统计期限的年度改为报告年度。"),
};

pub(super) static O005: Rule = Rule {
    id: "O005",
    family: "other",
    title: "正文开头的年度不是报告年度",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式：报告年度",
    what: docs!("第一部分（总体情况）里以“某年，本机关……”开头的句子，年度是报告年度的前一年（而不是在与上年比较）。后一年是工作打算，第五部分本就要写上年问题的整改和下一年的打算，都不提示。"),
    why: docs!("多半是沿用上一年的报告没有改年份。"),
    bad: docs!("某局2024年政府信息公开工作年度报告……一、总体情况\n2023年，我局认真贯彻……"),
    good: docs!("某局2024年政府信息公开工作年度报告……一、总体情况\n2024年，我局认真贯彻……"),
    fix: docs!("把年份改为报告年度。"),
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&O001, &O002, &O003, &O004, &O005];

/// Text a template leaves for the drafter to replace.
const PLACEHOLDERS: &[&str] = &[
    "XXX",
    "XX",
    "xx",
    "××",
    "【】",
    "[]",
    "（文字描述）",
    "(文字描述)",
    "此处填写",
    "请填写",
    "待填写",
    "待补充",
];

/// The last report year the 2019 trial format applies to.
pub(super) const LAST_2019_FORMAT_YEAR: u16 = 2020;

/// The notice of the format the report is checked against: the 2019 trial format's for a 2019
/// or 2020 report, else the 2021 format's.
pub(crate) fn applied_template(facts: &Facts) -> &'static str {
    if is_2019_format_report(facts) {
        crate::template::TEMPLATE_2019
    } else {
        TEMPLATE
    }
}

/// True when the report is checked against the 2019 trial format: its year is 2019 or 2020,
/// or, when no year was found, its section 二 table is in that format.
pub(super) fn is_2019_format_report(facts: &Facts) -> bool {
    match facts.outline.year {
        Some(year) => year <= LAST_2019_FORMAT_YEAR,
        None => facts.tables.s2.format_2019,
    }
}

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    format_2019(facts, out);
    placeholders(facts, out);
    period_year(facts, out);
    sentence_years(facts, out);
    let text = &facts.norm.text;
    let Some((range, year)) = wrong_citations(text).next() else {
        return;
    };
    out.push(
        Finding::new(
            &O001,
            Some(facts.norm.span(range.clone())),
            format!("年报格式的文号是{TEMPLATE}（2021年9月26日印发），不是〔{year}〕30号"),
        )
        .values(TEMPLATE, text.get(range).unwrap_or(""))
        .suggest(TEMPLATE),
    );
}

/// Citations `国办公开办函〔YYYY〕30号` (any bracket, spaces allowed) whose year is not 2021,
/// with their normalised ranges and years.
fn wrong_citations(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    const ISSUER: &str = "国办公开办函";
    text.match_indices(ISSUER).filter_map(move |(at, _)| {
        let mut rest = text.get(at + ISSUER.len()..)?.trim_start();
        rest = rest.strip_prefix(['〔', '[', '(', '【'])?.trim_start();
        let year = rest
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
        rest = rest
            .get(4..)?
            .trim_start()
            .strip_prefix(['〕', ']', ')', '】'])?
            .trim_start();
        rest = rest.strip_prefix("30")?.trim_start().strip_prefix('号')?;
        let end = text.len() - rest.len();
        (year != "2021").then_some((at..end, year))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    #[test]
    fn wrong_year_once() {
        let got = findings(
            "依据（国办公开办函〔2023〕30 号）和国办公开办函〔2023〕30号",
            "O",
        );
        assert_eq!(got, ["O001 info 1:4 年报格式的文号是国办公开办函〔2021〕30号（2021年9月26日印发），不是〔2023〕30号 → 国办公开办函〔2021〕30号"]);
        assert!(findings("国办公开办函〔2021〕30号", "O").is_empty());
    }

    const OLD_ROW: &str = "三、收到和处理政府信息公开申请情况\n（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t0\t0\t0\t0\t0\t0\t0\n";

    #[test]
    fn a_2019_report_is_checked_against_the_2019_format_and_says_so_once() {
        let text = format!("某区2019年政府信息公开工作年度报告\n{OLD_ROW}");
        assert_eq!(
            findings(&text, "O"),
            ["O002 info 1:1 本报告为2019年度报告，按国办公开办函〔2019〕60号印发的试行格式检查"]
        );
        assert!(findings(&text, "T007").is_empty());
    }

    #[test]
    fn the_report_names_the_format_it_was_checked_against() {
        let template = |text: &str| crate::check(text, &crate::Options::default()).template;
        let old = format!("某区2020年政府信息公开工作年度报告\n{OLD_ROW}");
        assert_eq!(template(&old), "国办公开办函〔2019〕60号");
        let new = format!("某区2023年政府信息公开工作年度报告\n{OLD_ROW}");
        assert_eq!(template(&new), "国办公开办函〔2021〕30号");
    }

    #[test]
    fn a_2023_report_in_the_2019_format_is_what_t007_is_for() {
        let text = format!("某区2023年政府信息公开工作年度报告\n{OLD_ROW}");
        assert!(findings(&text, "O").is_empty());
        assert_eq!(findings(&text, "T007").len(), 1);
    }

    #[test]
    fn placeholders_left_in_the_text() {
        let got = findings("XX年，我局主动公开政府信息××条，XXX局负责。", "O003");
        assert_eq!(
            got,
            ["O003 warning 1:1 正文留有3处模板占位符「XX」「XXX」「××」，请换成实际内容"]
        );
        assert!(findings("网址 http://www.xxgk.gov.cn/XXGK2023 公开", "O003").is_empty());
    }

    #[test]
    fn a_statistics_period_of_another_year() {
        let text = "某局2023年政府信息公开工作年度报告\n本报告所列数据统计期限自2022年1月1日起至2022年12月31日止。\n";
        let got = findings(text, "O004");
        assert_eq!(
            got,
            ["O004 warning 2:13 统计期限写的是2022年，报告标题是2023年度 → 2023"]
        );
        let good = "某局2023年政府信息公开工作年度报告\n统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。\n";
        assert!(findings(good, "O004").is_empty());
    }

    #[test]
    fn a_sentence_opening_with_last_year() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n2023年，我局认真贯彻《条例》。2024年，公开工作规范有序。\n二、主动公开政府信息情况\n";
        assert_eq!(
            findings(text, "O005"),
            ["O005 info 3:1 第一部分有1处句子以2023年开头，报告年度是2024年 → 2024"]
        );
        let compare = "某局2024年政府信息公开工作年度报告\n一、总体情况\n2023年，我局公开信息较上年增加。\n二、主动公开政府信息情况\n";
        assert!(findings(compare, "O005").is_empty());
    }

    #[test]
    fn next_years_plans_are_not_a_leftover() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我局认真贯彻《条例》。2025年，我局将继续深化政务公开。\n五、存在的主要问题及改进情况\n2025年，我局将加强培训。2023年，年报指出的问题已整改。\n六、其他需要报告的事项\n";
        assert!(
            findings(text, "O005").is_empty(),
            "{:?}",
            findings(text, "O005")
        );
    }
}
