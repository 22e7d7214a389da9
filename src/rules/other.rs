//! Family O: everything else about the text — today, the citation of the format notice.
//!
//! Some reports cite the notice as 〔2023〕30号; the format is 国办公开办函〔2021〕30号, issued on
//! 26 September 2021. The finding explains the correct number once, at the first wrong citation.

use regex_lite::Regex;

use super::{Finding, Rule};
use crate::report::Severity::Info;
use crate::template::TEMPLATE;
use crate::Facts;

pub(super) const RULES: &[Rule] = &[Rule {
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
}];

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    let Ok(re) = Regex::new(r"国办公开办函\s*[〔\[(【]\s*(\d{4})\s*[〕\])】]\s*30\s*号")
    else {
        return;
    };
    let text = &facts.norm.text;
    for caps in re.captures_iter(text) {
        let (Some(all), Some(year)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if year.as_str() == "2021" {
            continue;
        }
        out.push(
            Finding::new(
                "O001",
                Some(facts.norm.span(all.range())),
                format!(
                    "年报格式的文号是{TEMPLATE}（2021年9月26日印发），不是〔{}〕30号",
                    year.as_str()
                ),
            )
            .values(TEMPLATE, text.get(all.range()).unwrap_or(""))
            .suggest(TEMPLATE),
        );
        break;
    }
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
