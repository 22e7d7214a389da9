//! Family O: everything else about the text — the citation of the format notice, and which
//! format a report is checked against.
//!
//! Some reports cite the notice as 〔2023〕30号; the format is 国办公开办函〔2021〕30号, issued on
//! 26 September 2021. The finding explains the correct number once, at the first wrong citation.

use super::{Finding, Rule};
use crate::report::Severity::Info;
use crate::template::TEMPLATE;
use crate::Facts;

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
    what: "《中华人民共和国政府信息公开工作年度报告格式》的文号是国办公开办函〔2021〕30号；写成〔2023〕30号等其他年份是误引。",
    why: "引用的文号错误会让人怀疑报告依据的格式版本。",
    bad: "（国办公开办函〔2023〕30号）",
    good: "（国办公开办函〔2021〕30号）",
    fix: "把文号改为国办公开办函〔2021〕30号。",
};

pub(super) static O002: Rule = Rule {
    id: "O002",
    family: "other",
    title: "按2019年试行格式检查",
    severity: Info,
    clause: "国办公开办函〔2019〕60号 政府信息公开工作年度报告格式（试行），适用于2019、2020年度报告",
    what: "2019、2020年度的报告应按国办公开办函〔2019〕60号印发的试行格式编制，本报告按该格式检查；使用试行格式不算问题。",
    why: "2021年格式自2021年度报告起适用，用它检查更早的报告会报出并不存在的问题。",
    bad: "（2019年度报告被要求写成2021年格式的三行“（六）其他处理”）",
    good: "（2019年度报告的单独一行“（六）其他处理”按试行格式核对）",
    fix: "无需修改；2021年度及以后的报告请使用2021年格式。",
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&O001, &O002];

/// The last report year the 2019 trial format applies to.
pub(super) const LAST_2019_FORMAT_YEAR: u16 = 2020;

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    format_2019(facts, out);
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
    fn a_2023_report_in_the_2019_format_is_what_t007_is_for() {
        let text = format!("某区2023年政府信息公开工作年度报告\n{OLD_ROW}");
        assert!(findings(&text, "O").is_empty());
        assert_eq!(findings(&text, "T007").len(), 1);
    }
}
