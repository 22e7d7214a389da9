//! Family O: everything else about the text — today, the citation of the format notice.
//!
//! Some reports cite the notice as 〔2023〕30号; the format is 国办公开办函〔2021〕30号, issued on
//! 26 September 2021. The finding explains the correct number once, at the first wrong citation.

use super::{Finding, Rule};
use crate::report::Severity::Info;
use crate::template::TEMPLATE;
use crate::Facts;

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

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[&O001];

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
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
}
