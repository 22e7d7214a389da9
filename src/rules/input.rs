//! Inputs that are not read at all: an empty text, and a text beyond the size the checker
//! reads. Either one is said once, instead of six "missing section" errors for a report that
//! was never looked at.

use super::{Finding, Rule};
use crate::report::Severity::Error;

/// The largest text checked, in UTF-8 bytes. A report is 20–200 KB; 16 MiB is far beyond any
/// report, and bounds the memory and time a check takes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

pub(super) static S016: Rule = Rule {
    id: "S016",
    family: "structure",
    title: "没有可检查的文字",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 一、报告内容",
    what: "输入中没有任何文字（空文件、只有空格，或文档里读不出文字），因此没有进行任何检查。",
    why: "没有文字就无从核对六个部分和三张表格；与其报告六个“缺少部分”，不如直接说明没有读到内容。",
    bad: "（空白）",
    good: "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n……",
    fix: "粘贴或打开年报全文；若文档由扫描图片生成，请改用可复制文字的版本。",
};

pub(super) static S017: Rule = Rule {
    id: "S017",
    family: "structure",
    title: "全文过大，未检查",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 一、报告内容",
    what: "文字超过 16 MB（网页源码超过 64 MB），远大于任何一份年度报告（通常不到 1 MB），为避免浏览器卡顿，没有进行任何检查。",
    why: "这么大的输入多半是选错了文件，或粘贴时带进了图片、整站网页等内容；只检查其中一部分会把没读到的部分误报为缺失。",
    bad: "把整个网站的导出文件或带图片的网页源码粘贴进来。",
    good: "只粘贴年报正文和三张表格。",
    fix: "确认选中的是年报本身；从网页复制时只选年报正文。",
};

/// The rules of this part of the family, in id order.
pub(super) static RULES: &[&Rule] = &[&S016, &S017];

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
            "输入有 {:.1} MB，超过可检查的上限 {:.0} MB，未做检查：请确认粘贴或打开的是年报全文",
            mb(bytes),
            mb(limit)
        ),
    )
}
