//! Inputs that are not read at all: an empty text, and a text beyond the size the checker
//! reads. Either one is said once, instead of six "missing section" errors for a report that
//! was never looked at. Also inputs read only in part: a text with more heading-like lines than
//! the outline searches (S018), whose unsearched part may hold the sections not found.

use super::{Finding, Rule};
use crate::outline::MAX_CANDIDATES;
use crate::report::Severity::{Error, Warning};
use crate::Facts;

/// The largest text checked, in UTF-8 bytes. A report is 20–200 KB; 16 MiB is far beyond any
/// report, and bounds the memory and time a check takes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

pub(super) static S016: Rule = Rule {
    id: "S016",
    family: "structure",
    title: "没有可检查的文字",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 一、报告内容",
    what: docs!(
        "输入中没有任何文字（空文件、只有空格，或文档里读不出文字），因此没有进行任何检查。"
    ),
    why: docs!(
        "没有文字就无从核对六个部分和三张表格；与其报告六个“缺少部分”，不如直接说明没有读到内容。"
    ),
    bad: docs!("（空白）"),
    good: docs!("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n……"),
    fix: docs!("粘贴或打开年报全文；若文档由扫描图片生成，请改用可复制文字的版本。"),
};

pub(super) static S017: Rule = Rule {
    id: "S017",
    family: "structure",
    title: "全文过大，未检查",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 一、报告内容",
    what: docs!("文字超过 16 MB（网页源码超过 64 MB），远大于任何一份年度报告（通常不到 1 MB），为避免浏览器卡顿，没有进行任何检查。"),
    why: docs!("这么大的输入多半是选错了文件，或粘贴时带进了图片、整站网页等内容；只检查其中一部分会把没读到的部分误报为缺失。"),
    bad: docs!("把整个网站的导出文件或带图片的网页源码粘贴进来。"),
    good: docs!("只粘贴年报正文和三张表格。"),
    fix: docs!("确认选中的是年报本身；从网页复制时只选年报正文。"),
};

pub(super) static S018: Rule = Rule {
    id: "S018",
    family: "structure",
    title: "类似标题的行过多，未找全章节",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 一、报告内容",
    what: docs!("以“一、”“二、”等编号开头的短行超过 20000 行，远多于任何一份年度报告；此后的文字没有再查找六个部分的标题，因此也不报告缺少部分。"),
    why: docs!("只在前面一部分里找标题，会把后面没有查找的部分误报为缺失；与其给出错误的结论，不如说明没有查完。"),
    bad: docs!("把成千上万条编号条目（或整本汇编）粘贴进来。"),
    good: docs!("只粘贴年报正文和三张表格。"),
    fix: docs!("确认粘贴的是年报本身；若年报确实如此之长，请分段检查。"),
};

/// The rules of this part of the family, in id order.
pub(super) static RULES: &[&Rule] = &[&S016, &S017, &S018];

/// Says where the outline stopped searching for headings, when it did.
pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    if let Some(span) = facts.outline.unread_from {
        out.push(Finding::new(
            &S018,
            Some(span),
            format!("类似标题的行超过 {MAX_CANDIDATES} 行，从这里起没有查找章节标题，也不判断缺少哪些部分"),
        ));
    }
}

/// The one finding for a text that is not read, or `None` when it is read.
pub fn unread(text: &str) -> Option<Finding> {
    if text.len() > MAX_TEXT_BYTES {
        return Some(too_large(text.len(), MAX_TEXT_BYTES));
    }
    if text.trim().is_empty() {
        return Some(Finding::new(
            &S016,
            None,
            "没有读到任何文字，未做检查：请粘贴或打开年报全文",
        ));
    }
    None
}

/// The finding for an input of `bytes` refused because it is over `limit` bytes.
pub fn too_large(bytes: usize, limit: usize) -> Finding {
    let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
    Finding::new(
        &S017,
        None,
        format!(
            "输入有 {} MB，超过可检查的上限 {} MB，未做检查：请确认粘贴或打开的是年报全文",
            crate::num::decimal(mb(bytes), 1),
            crate::num::decimal(mb(limit), 1)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::MAX_CANDIDATES;
    use crate::rules::tests::findings;

    #[test]
    fn heading_like_lines_beyond_the_limit_stop_the_search_not_the_sections() {
        let text = format!(
            "一、总体情况\n{}六、其他需要报告的事项\n",
            "一、落实措施\n".repeat(MAX_CANDIDATES + 1)
        );
        let s018 = findings(&text, "S018");
        let at = format!("S018 warning {}:1 ", MAX_CANDIDATES + 1);
        assert!(s018.len() == 1 && s018[0].starts_with(&at), "{s018:?}");
        assert_eq!(findings(&text, "S001"), Vec::<String>::new());
        // Under the limit the search goes to the end: no S018, and 二 to 五 are missing.
        let text = format!(
            "一、总体情况\n{}六、其他需要报告的事项\n",
            "一、落实措施\n".repeat(9)
        );
        assert_eq!(findings(&text, "S018"), Vec::<String>::new());
        assert_eq!(findings(&text, "S001").len(), 4);
    }

    #[test]
    fn sizes_are_written_as_a_person_writes_them() {
        let mib = 1024 * 1024;
        let f = super::too_large(17 * mib, 16 * mib);
        assert!(
            f.message
                .starts_with("输入有 17 MB，超过可检查的上限 16 MB"),
            "{}",
            f.message
        );
        let f = super::too_large(17 * mib + mib / 5, 16 * mib);
        assert!(f.message.starts_with("输入有 17.2 MB"), "{}", f.message);
    }
}
