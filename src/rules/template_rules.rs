//! Family T: the rows, labels, columns and cells of the three tables against the template.
//!
//! Reads the table facts: rows missing, labels retyped, headers retyped or missing, rows whose
//! number of cells does not fit (resolved or not), old-format rows, a table read without its
//! heading, numbers that belong to no row, and blank cells.

use super::{listed, Finding, Rule};
use crate::report::Severity::{Error, Info, Warning};
use crate::tables::{Cell, Fit, HeaderIssue, LabelStatus, RowRead};
use crate::template::{S3_COLUMNS, S4_COLUMNS};
use crate::text::cn_digit;
use crate::Facts;

pub(super) static T001: Rule = Rule {
    id: "T001",
    family: "template",
    title: "表格缺少模板行",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第二、三部分统计表的行",
    what: docs!("统计表应包含模板规定的全部行；缺少的行不会被当作0。"),
    why: docs!("删行会让勾稽关系无法核对，也会被认为瞒报；没有发生的事项应填0。"),
    bad: docs!("3.要求提供公开出版物\t0…\n（其后的4、5行和（六）（七）等行都没有）"),
    good: docs!("4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0"),
    fix: docs!("按模板补齐缺少的行，没有发生的填0。"),
};

pub(super) static T002: Rule = Rule {
    id: "T002",
    family: "template",
    title: "行名称与模板不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表行名称",
    what: docs!("统计表每一行的名称应与模板一字不差（空格、全半角和标点不计）。"),
    why: docs!("改写行名称会改变统计口径，也让人无法与其他机关的年报对照。"),
    bad: docs!("2.其他法律法规禁止公开"),
    good: docs!("2.其他法律行政法规禁止公开"),
    fix: docs!("把行名称改为建议的模板名称。"),
};

pub(super) static T003: Rule = Rule {
    id: "T003",
    family: "template",
    title: "列标题与模板不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表列标题",
    what: docs!("统计表的列标题应与模板一致，例如“本年废止件数”“社会公益组织”。"),
    why: docs!("列标题写错会改变统计口径，例如“社会组织”并不等于“社会公益组织”。"),
    bad: docs!("信息内容\t本年制发件数\t本年度止件数\t现行有效件数"),
    good: docs!("信息内容\t本年制发件数\t本年废止件数\t现行有效件数"),
    fix: docs!("把列标题改为建议的模板标题。"),
};

pub(super) static T004: Rule = Rule {
    id: "T004",
    family: "template",
    title: "缺少列标题",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表表头",
    what: docs!("统计表表头应有模板规定的全部标题（包括第二部分各组的“第二十条第（X）项”和第三部分的勾稽关系说明）。"),
    why: docs!("表头不全时读者无法确认各列的含义。"),
    bad: docs!("（第三部分表头没有“法律服务机构”一列）"),
    good: docs!("商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"),
    fix: docs!("按模板补齐表头。"),
};

pub(super) static T005: Rule = Rule {
    id: "T005",
    family: "template",
    title: "行的数字个数与模板列数不符",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表列数",
    what: docs!("一行中读到的数字比模板的列数多或少，且无法确定哪个数字属于哪一列；该行的数值按未知处理，不作猜测。"),
    why: docs!("多出或缺少的单元格会让数字错位，错位后的数字会得出错误的合计。"),
    bad: docs!("（七）总计\t\t2\t0\t0\t0\t0\t0\t0\t2\t5"),
    good: docs!("（七）总计\t2\t0\t0\t0\t0\t0\t2"),
    fix: docs!("检查该行是否有多余或合并的单元格，每列填一个数字。"),
};

pub(super) static T006: Rule = Rule {
    id: "T006",
    family: "template",
    title: "行的数字个数不符，已按勾稽关系确定读法",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表列数；第三部分 总计=各类申请人之和",
    what: docs!("一行中读到的数字比模板的列数多或少，但只有一种读法满足本行的勾稽关系，因此按这种读法读取，并提示核对。"),
    why: docs!("表格本身可读，但发布的表格单元格有错位或空白，读者看到的是错位的表。"),
    bad: docs!("1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t0\t1"),
    good: docs!("1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1"),
    fix: docs!("删除多余的单元格或补上空白单元格，使每列恰好一个数字。"),
};

pub(super) static T007: Rule = Rule {
    id: "T007",
    family: "template",
    title: "使用了2019年试行格式",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 替代国办公开办函〔2019〕60号印发的试行格式",
    what: docs!("表格中有2019年试行格式的行或列（如单独一行的“（六）其他处理”、“上一年项目数量”“本年增/减”）。"),
    why: docs!("2021年及以后的年报应使用2021年修订的格式，旧格式的统计口径不同。"),
    bad: docs!("（六）其他处理\t0\t0\t0\t0\t0\t0\t0"),
    good: docs!("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0…"),
    fix: docs!("按2021年格式改写该行或该组表格。"),
};

pub(super) static T008: Rule = Rule {
    id: "T008",
    family: "template",
    title: "表格前缺少部分标题",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第四部分",
    what: docs!("在第三部分表格之后读到了一组恰好15个数字，按第四部分的表格读取，但它前面没有第四部分的标题。"),
    why: docs!("标题缺失通常是复制时丢失了表头和标题，读者无法确认这组数字的含义。"),
    bad: docs!("（第三部分表格）\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况"),
    good: docs!("四、政府信息公开行政复议、行政诉讼情况\n（完整表头）\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
    fix: docs!("补上第四部分的标题和表头。"),
};

pub(super) static T009: Rule = Rule {
    id: "T009",
    family: "template",
    title: "表格中有不属于任何行的数字",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表",
    what: docs!("表格中有数字出现在两行之间，无法归入任何模板行。"),
    why: docs!("多半是某一行的名称丢失或被改写，或单元格错位；这些数字没有被计入任何核对。"),
    bad: docs!("3.要求提供公开出版物\t0…\n\t\t持\t正\t果\n0 0 0 0 0"),
    good: docs!("（每个数字都在它的行名称之后）"),
    fix: docs!("检查这些数字前是否缺少行名称。"),
};

pub(super) static T010: Rule = Rule {
    id: "T010",
    family: "template",
    title: "空白单元格",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表（没有发生的事项填0）",
    what: docs!("单元格留空或写作“—”“/”“无”等。核对勾稽关系时空白按0计，但空白不等于0。"),
    why: docs!("空白单元格让读者无法确定是“没有发生”还是“漏填”。"),
    bad: docs!("行政许可\t—"),
    good: docs!("行政许可\t0"),
    fix: docs!("没有发生的事项填0。"),
};

pub(super) static T011: Rule = Rule {
    id: "T011",
    family: "template",
    title: "表格无法从这段文字可靠读出",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表",
    what: docs!("表格中多行的数字与行名称对应不上（例如PDF按块提取时，数字成列地出现在远离行名称的地方），无法确定每个数字属于哪一格；为避免读错，整张表不作核对。"),
    why: docs!("读错一个单元格就会报出虚假的错误；宁可说明读不出，也不猜测。"),
    bad: docs!("1.属于国家秘密\n2.其他法律行政止公开\n……\n1\n0\n0\n0\n0\n1\n1\n0\n10\n3"),
    good: docs!("1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1"),
    fix: docs!("从Word/WPS原文或发布网页复制表格（每行的名称和数字在一起），再重新检查。"),
};

pub(super) static T012: Rule = Rule {
    id: "T012",
    family: "template",
    title: "表格数字与行名称分开排列，已按结构读出",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表",
    what: docs!("表格的数字没有紧跟在行名称之后（例如PDF按块提取时，一组行的数字按列成块出现），但模板的行序和每行的勾稽关系只允许一种读法，因此按这种读法读出并提示核对。"),
    why: docs!("读法虽然唯一，但依据的是表格结构而不是行名称，请对照原表确认。"),
    bad: docs!("1.属于国家秘密\n……\n1\n0\n0\n……（十行的自然人列，接着十行的商业企业列……）"),
    good: docs!("1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1"),
    fix: docs!("从Word/WPS原文或发布网页复制表格，使每行的名称和数字在一起。"),
};

pub(super) static T013: Rule = Rule {
    id: "T013",
    family: "template",
    title: "表格的列与模板不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表列标题和列数",
    what: docs!("从Word、WPS或网页表格读到的列与模板不同：多出模板没有的列（如“小计”），或缺少模板的列（如“其他”）。多出的列不参与核对，缺少的列按未知处理。"),
    why: docs!("增删列会改变统计口径；缺少的列无法核对，多出的列容易被误读为模板的列。"),
    bad: docs!("自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\t总计"),
    good: docs!("自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"),
    fix: docs!("按模板删去多出的列、补上缺少的列。"),
};

pub(super) static T014: Rule = Rule {
    id: "T014",
    family: "template",
    title: "行的数字无法从表格结构确定",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表",
    what: docs!("表格的数字与行名称分开排列（如PDF按块提取），其余各行按结构读出，但这一行的数字有不止一种同样说得通的读法；为避免读错，本行按未知处理。"),
    why: docs!("在几种读法之间挑一种就是猜测，猜错会报出虚假的错误或漏报真实的错误。"),
    bad: docs!("1.属于国家秘密\n2.其他法律行政法规禁止公开\n0\n0\n2\n0\n……（两行的数字按列交错，各有一个不平）"),
    good: docs!("1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"),
    fix: docs!("从Word/WPS原文或发布网页复制表格，使每行的名称和数字在一起。"),
};

pub(super) static T015: Rule = Rule {
    id: "T015",
    family: "template",
    title: "列标题无法识别，该列未核对",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：统计表列标题",
    what: "表格的列标题中有无法识别的字符“�”（多因PDF中某个字形的字体没有字符对照表），读不出是模板的哪一列；为避免读错，这一列的数字不读取，不参与核对。",
    why: "按残缺的标题猜是哪一列，就是猜每个数字属于哪一列；猜错会报出虚假的错误，或漏报真实的错误。",
    bad: "信息内容\t�年制发件数\t本年废止件数\t现行有效件数",
    good: "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    fix: "在PDF阅读器中核对这一列；或改用报告的Word原文件（.docx）或网页复制表格，再重新检查。",
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[
    &T001, &T002, &T003, &T004, &T005, &T006, &T007, &T008, &T009, &T010, &T011, &T012, &T013,
    &T014, &T015,
];

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables;
    if let Some(lost) = t.s3.unreliable {
        unreadable("第三部分", lost, t.s3.rows.iter().find_map(|r| r.span), out);
    } else if t.s3.is_found() {
        rows(&t.s3.rows, "第三部分", t.s3.old_other.is_some(), out);
        orphans(&t.s3.orphans, "第三部分", out);
        if facts.outline.section(4).is_some() {
            orphans(&t.s3.tail, "第三部分", out);
        }
    }
    if let Some(lost) = t.s2.unreliable {
        unreadable("第二部分", lost, t.s2.rows.iter().find_map(|r| r.span), out);
    } else if t.s2.is_found() {
        rows(&t.s2.rows, "第二部分", false, out);
        orphans(&t.s2.orphans, "第二部分", out);
    }
    structure_read(facts, out);
    // A report for 2019 or 2020 had to use the 2019 format (O002 says it was checked so).
    let old_year = facts
        .outline
        .year
        .is_some_and(|y| y <= super::other::LAST_2019_FORMAT_YEAR);
    // The 2019 format in a later report: said once, naming every place it shows.
    let mut old_parts: Vec<(Option<crate::span::Span>, String)> = Vec::new();
    if let Some(old) = &t.s3.old_other {
        if !old_year {
            old_parts.push((
                old.label.as_ref().map(|l| l.span).or(old.span),
                "「（六）其他处理」写成了2019年试行格式的单独一行，2021年格式分为1、2、3三行"
                    .to_string(),
            ));
        }
        if t.s3.unreliable.is_none() {
            fit(old, out);
            cells(old, out);
        }
    }
    let year = facts.outline.year.unwrap_or(u16::MAX);
    if let Some((tell, span)) =
        t.s2.old_format
            .first()
            .filter(|_| year > super::other::LAST_2019_FORMAT_YEAR)
    {
        let message = if t.s2.format_2019 {
            format!("第二部分表格使用了2019年试行格式（“{tell}”）")
        } else {
            format!("第二部分表格有2019年试行格式的内容「{tell}」，2021年格式中已没有")
        };
        old_parts.push((Some(*span), message));
    }
    if let Some((first, _)) = old_parts.first() {
        let message = match old_parts.as_slice() {
            [(_, only)] => only.clone(),
            parts => format!(
                "报告使用了2019年试行格式：{}",
                parts
                    .iter()
                    .map(|(_, m)| m.as_str())
                    .collect::<Vec<_>>()
                    .join("；")
            ),
        };
        let related: Vec<_> = old_parts.iter().skip(1).filter_map(|(s, _)| *s).collect();
        out.push(Finding::new(&T007, *first, message).related(related));
    }
    let headers =
        t.s2.header
            .iter()
            .map(|(caption, issue)| (Some(*caption), 2, issue))
            .chain(t.s3.header.iter().map(|issue| (None, 3, issue)))
            .chain(t.s4.header.iter().map(|issue| (None, 4, issue)));
    let missing_columns = |section: u8| -> Vec<&'static str> {
        let (columns, labels): (_, Vec<&'static str>) = match section {
            3 => (&t.s3.columns, S3_COLUMNS.to_vec()),
            4 => (&t.s4.columns, S4_COLUMNS.iter().map(|c| c.label).collect()),
            _ => {
                return s2_columns(facts)
                    .flat_map(|(_, columns, labels)| {
                        columns
                            .missing
                            .iter()
                            .filter_map(|&j| labels.get(j).copied())
                    })
                    .collect()
            }
        };
        columns
            .iter()
            .flat_map(|c| &c.missing)
            .filter_map(|&j| labels.get(j).copied())
            .collect()
    };
    for (caption, section, issue) in headers {
        // A column the grid lacks is reported once, as a column (T013), not also as a header.
        if matches!(issue, HeaderIssue::Missing { canonical } if missing_columns(section).contains(canonical))
        {
            continue;
        }
        let at = facts.outline.section(section).map(|h| h.span);
        header(issue, section, caption, at, out);
    }
    columns(facts, out);
    unreadable_headers(facts, out);
    table4(facts, out);
}

/// Section 二's groups read by a grid: the table's name for messages (第二部分「caption」), the
/// columns, and the group's column labels.
fn s2_columns<'f>(
    facts: &'f Facts,
) -> impl Iterator<Item = (String, &'f crate::tables::Columns, &'static [&'static str])> {
    let s2 = &facts.tables.s2;
    s2.columns.iter().filter_map(|(caption, columns)| {
        let group = s2.groups.iter().find(|g| g.caption == *caption)?;
        Some((format!("第二部分「{caption}」"), columns, group.columns))
    })
}

/// T015: one finding per table (section 二: per group) whose grid has column headers that
/// cannot be read, naming them and the template columns left unchecked.
fn unreadable_headers(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables;
    let s4_labels: Vec<String> = S4_COLUMNS
        .iter()
        .map(|c| format!("{}·{}", c.group, c.label))
        .collect();
    let s3_labels: Vec<String> = S3_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut tables: Vec<(String, &crate::tables::Columns, Vec<String>)> = s2_columns(facts)
        .map(|(name, columns, labels)| {
            (
                name,
                columns,
                labels.iter().map(|l| l.to_string()).collect(),
            )
        })
        .collect();
    tables.extend(
        t.s3.columns
            .iter()
            .map(|c| ("第三部分".to_string(), c, s3_labels.clone())),
    );
    tables.extend(
        t.s4.columns
            .iter()
            .map(|c| ("第四部分".to_string(), c, s4_labels.clone())),
    );
    for (table, columns, labels) in tables {
        let Some((_, first)) = columns.unreadable.first() else {
            continue;
        };
        let written: Vec<&str> = columns.unreadable.iter().map(|(w, _)| w.as_str()).collect();
        let unchecked: Vec<&str> = columns
            .missing
            .iter()
            .filter_map(|&j| labels.get(j).map(String::as_str))
            .collect();
        let which = match unchecked.as_slice() {
            [] => "该列".to_string(),
            _ => format!("模板的「{}」列", unchecked.join("」「")),
        };
        out.push(
            Finding::new(
                &T015,
                Some(*first),
                format!(
                    "{table}列标题「{}」有无法识别的字符，读不出是哪一列，{which}未核对",
                    written.join("」「")
                ),
            )
            .related(columns.unreadable.iter().skip(1).map(|(_, s)| *s)),
        );
    }
}

/// T012, once per report: the tables (or rows) whose numbers stand apart from their labels and
/// were read by the table's structure. One cause — the way the text was extracted — however
/// many tables it touched.
fn structure_read(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables;
    let mut parts: Vec<(Option<crate::span::Span>, String)> = Vec::new();
    if t.s2.from_blocks {
        parts.push((
            t.s2.rows.iter().find_map(|r| r.span),
            "第二部分表格已按模板行序读出".to_string(),
        ));
    }
    if t.s3.from_blocks {
        parts.push((
            t.s3.rows.iter().find_map(|r| r.span),
            "第三部分表格已按模板行序和每行的勾稽关系读出".to_string(),
        ));
    }
    let mut items = Vec::new();
    if !t.s3.by_order.is_empty() && t.s3.unreliable.is_none() {
        let first =
            t.s3.rows
                .iter()
                .find(|r| t.s3.by_order.contains(&r.def.label))
                .and_then(|r| r.span);
        let names = match listed(&t.s3.by_order) {
            Some(names) => format!("（{names}）"),
            None => {
                items = t.s3.by_order.clone();
                String::new()
            }
        };
        parts.push((
            first,
            format!(
                "第三部分表格有{}行的数字与行名称不在一起{names}，已按模板行序读出",
                t.s3.by_order.len(),
            ),
        ));
    }
    let Some((first, _)) = parts.first() else {
        return;
    };
    let said: Vec<&str> = parts.iter().map(|(_, m)| m.as_str()).collect();
    let mut related: Vec<crate::span::Span> =
        parts.iter().skip(1).filter_map(|(s, _)| *s).collect();
    related.extend(
        t.s3.rows
            .iter()
            .filter(|r| t.s3.by_order.contains(&r.def.label))
            .skip(1)
            .filter_map(|r| r.span),
    );
    out.push(
        Finding::new(
            &T012,
            *first,
            format!(
                "表格的数字与行名称分开排列（多见于PDF提取的文字）：{}，请与原表核对",
                said.join("；")
            ),
        )
        .related(related)
        .items(items),
    );
}

/// One finding per table whose grid columns are not the template's: the extra columns named
/// (with their headers' spans), the missing ones named.
fn columns(facts: &Facts, out: &mut Vec<Finding>) {
    let t = &facts.tables;
    let s4_labels: Vec<String> = S4_COLUMNS
        .iter()
        .map(|c| format!("{}·{}", c.group, c.label))
        .collect();
    let s3_labels: Vec<String> = S3_COLUMNS.iter().map(|c| c.to_string()).collect();
    let tables = [
        (
            "第三部分",
            &t.s3.columns,
            &s3_labels,
            t.s3.rows.iter().find_map(|r| r.span),
        ),
        ("第四部分", &t.s4.columns, &s4_labels, t.s4.row.span),
    ];
    for (table, columns, labels, fallback) in tables {
        let Some(columns) = columns
            .as_ref()
            .filter(|c| !c.extra.is_empty() || !c.missing.is_empty() && c.unreadable.is_empty())
        else {
            continue;
        };
        let mut parts = Vec::new();
        if !columns.extra.is_empty() {
            let names: Vec<&str> = columns.extra.iter().map(|(n, _)| n.as_str()).collect();
            parts.push(format!(
                "多出模板没有的列「{}」，未参与核对",
                names.join("」「")
            ));
        }
        // Columns missing where headers cannot be read are T015's: not said twice.
        if !columns.missing.is_empty() && columns.unreadable.is_empty() {
            let names: Vec<&str> = columns
                .missing
                .iter()
                .filter_map(|&j| labels.get(j).map(String::as_str))
                .collect();
            parts.push(format!(
                "缺少模板的列「{}」，该列按未知处理",
                names.join("」「")
            ));
        }
        let spans: Vec<_> = columns.extra.iter().map(|(_, s)| *s).collect();
        let mut finding = Finding::new(
            &T013,
            spans.first().copied().or(fallback),
            format!("{table}表格的列与模板不一致：{}", parts.join("；")),
        );
        finding.related = spans.into_iter().skip(1).collect();
        out.push(finding);
    }
}

fn rows(rows: &[RowRead], table: &str, old_other: bool, out: &mut Vec<Finding>) {
    let mut previous: Option<&RowRead> = None;
    // Consecutive missing rows are one cause (a table cut short, a block not copied): one T001.
    let mut run: Vec<&RowRead> = Vec::new();
    for row in rows {
        if !row.is_found() {
            let skip = old_other && row.def.key.starts_with("other_");
            if !skip {
                run.push(row);
            }
            continue;
        }
        missing(&run, previous, table, out);
        run.clear();
        previous = Some(row);
        label(row, out);
    }
    missing(&run, previous, table, out);
    fits(rows, table, out);
    blanks(rows, table, out);
}

/// T010 for the blank cells of a table's rows: one finding per row when one row has them, one
/// for the table, listing the rows, when several do (one cause: blanks written for 0).
fn blanks(rows: &[RowRead], table: &str, out: &mut Vec<Finding>) {
    let with: Vec<(&RowRead, Vec<&Cell>)> = rows
        .iter()
        .filter(|r| r.is_found())
        .map(|r| {
            (
                r,
                r.found
                    .iter()
                    .filter(|c| c.value.is_none())
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, b)| !b.is_empty())
        .collect();
    match with.as_slice() {
        [] => {}
        [(row, _)] => cells(row, out),
        _ => {
            let count: usize = with.iter().map(|(_, b)| b.len()).sum();
            let labels: Vec<&str> = with.iter().map(|(r, _)| r.def.label).collect();
            let spans: Vec<_> = with
                .iter()
                .flat_map(|(_, b)| b.iter().map(|c| c.span))
                .collect();
            let rows = with.len();
            let message = match listed(&labels) {
                Some(names) => {
                    format!(
                        "{table}表格有{count}个空白单元格，分布在{rows}行，核对时按0计：{names}"
                    )
                }
                None => format!("{table}表格有{count}个空白单元格，分布在{rows}行，核对时按0计"),
            };
            let items = if listed(&labels).is_some() {
                Vec::new()
            } else {
                labels
            };
            out.push(
                Finding::new(&T010, spans.first().copied(), message)
                    .related(spans.into_iter().skip(1))
                    .items(items),
            );
        }
    }
}

/// T001 for a run of consecutive missing rows, after the row `previous` (the last one found).
fn missing(run: &[&RowRead], previous: Option<&RowRead>, table: &str, out: &mut Vec<Finding>) {
    let Some(first) = run.first() else {
        return;
    };
    let after = previous
        .map(|p| format!("（应在「{}」之后）", p.def.label))
        .unwrap_or_default();
    let at = previous.and_then(|p| p.label.as_ref().map(|l| l.span));
    let labels: Vec<&str> = run.iter().map(|r| r.def.label).collect();
    let (message, items) = match (run, listed(&labels)) {
        ([_], _) => (
            format!("{table}表格缺少「{}」行{after}", first.def.label),
            Vec::new(),
        ),
        (_, Some(names)) => (
            format!("{table}表格缺少连续的{}行{after}：{names}", run.len()),
            Vec::new(),
        ),
        (_, None) => (
            format!("{table}表格缺少连续的{}行{after}", run.len()),
            labels,
        ),
    };
    out.push(Finding::new(&T001, at, message).items(items));
}

/// T005, T006 and T014 for each row whose numbers did not fit; several rows resolved the same
/// way (or left uncertain by the numbers' order) are one cause and one finding that lists them.
fn fits(rows: &[RowRead], table: &str, out: &mut Vec<Finding>) {
    let found: Vec<&RowRead> = rows.iter().filter(|r| r.is_found()).collect();
    let resolved: Vec<&RowRead> = found
        .iter()
        .copied()
        .filter(|r| matches!(r.fit, Fit::Resolved { .. }))
        .collect();
    let unplaced: Vec<&RowRead> = found
        .iter()
        .copied()
        .filter(|r| r.fit == Fit::Unplaced)
        .collect();
    for row in &found {
        let grouped = (resolved.len() > 1 && resolved.iter().any(|r| std::ptr::eq(*r, *row)))
            || (unplaced.len() > 1 && row.fit == Fit::Unplaced);
        if !grouped {
            fit(row, out);
        }
    }
    if resolved.len() > 1 {
        let counts: Vec<usize> = resolved
            .iter()
            .filter_map(|r| match r.fit {
                Fit::Resolved { found } => Some(found),
                _ => None,
            })
            .collect();
        let width = resolved.first().map_or(0, |r| r.width);
        // The most frequent count, said with how many rows have it.
        let mode = counts
            .iter()
            .map(|&n| (counts.iter().filter(|&&c| c == n).count(), n))
            .max();
        let how = match mode {
            Some((k, n)) if k == counts.len() => format!("都读到{n}个数字"),
            Some((k, n)) => format!("读到的数字个数与模板不符（其中{k}行为{n}个）"),
            None => String::new(),
        };
        let names = named(&resolved, "：");
        out.push(grouped_rows(
            &T006,
            &resolved,
            format!(
                "{table}表格有{}行{how}，模板为{width}列{names}；每行只有一种读法满足“总计=各类申请人之和”，已按此读取，请核对单元格",
                resolved.len(),
            ),
        ));
    }
    if unplaced.len() > 1 {
        out.push(grouped_rows(
            &T014,
            &unplaced,
            format!(
                "{table}表格有{}行的数字与行名称分开排列，按表格结构有不止一种读法，不参与核对{}",
                unplaced.len(),
                named(&unplaced, "：")
            ),
        ));
    }
}

/// The rows' labels after `lead` (`：「a」「b」`) when [`listed`] names them in a message, else
/// nothing (the rows are then the finding's items).
fn named(rows: &[&RowRead], lead: &str) -> String {
    let labels: Vec<&str> = rows.iter().map(|r| r.def.label).collect();
    listed(&labels).map_or(String::new(), |names| format!("{lead}{names}"))
}

/// One finding for several rows: at the first row, the others related; the rows are its items
/// when the message cannot name them all (see [`named`]).
fn grouped_rows(rule: &'static Rule, rows: &[&RowRead], message: String) -> Finding {
    let labels: Vec<&str> = rows.iter().map(|r| r.def.label).collect();
    let items = if listed(&labels).is_some() {
        Vec::new()
    } else {
        labels
    };
    let mut spans = rows.iter().filter_map(|r| r.span);
    let first = spans.next();
    Finding::new(rule, first, message)
        .related(spans)
        .items(items)
}

fn label(row: &RowRead, out: &mut Vec<Finding>) {
    let Some(l) = &row.label else { return };
    if l.status == LabelStatus::Exact {
        return;
    }
    out.push(
        Finding::new(
            &T002,
            Some(l.span),
            format!("行名称「{}」与模板不一致", l.text),
        )
        .values(row.def.label, l.text.as_str())
        .suggest(row.def.label),
    );
}

fn fit(row: &RowRead, out: &mut Vec<Finding>) {
    let span = row
        .found
        .first()
        .map(|f| row.found.iter().fold(f.span, |a, c| a.cover(c.span)));
    match row.fit {
        Fit::Exact => {}
        // Every cell holds words that are not numbers: N003 names each, nothing to add.
        Fit::Ambiguous { found: 0 } if row.unreadable.len() == row.width => {}
        Fit::Ambiguous { found: 0 } => out.push(
            Finding::new(&T005, row.span, format!("「{}」行没有读到数字，本行不参与核对", row.def.label)),
        ),
        Fit::Ambiguous { found } => out.push(
            Finding::new(&T005,
                span.or(row.span),
                format!("「{}」行读到{found}个数字，模板为{}列，无法确定各数字所属的列，本行不参与核对", row.def.label, row.width),
            ),
        ),
        Fit::Resolved { found } => out.push(
            Finding::new(&T006,
                span.or(row.span),
                format!(
                    "「{}」行读到{found}个数字，模板为{}列；只有一种读法满足“总计=各类申请人之和”，已按此读取，请核对单元格",
                    row.def.label, row.width
                ),
            ),
        ),
        Fit::Unplaced => out.push(Finding::new(&T014,
            row.span,
            format!(
                "「{}」行的数字与行名称分开排列，按表格结构有不止一种读法，本行不参与核对",
                row.def.label
            ),
        )),
    }
}

fn cells(row: &RowRead, out: &mut Vec<Finding>) {
    let blanks: Vec<&Cell> = row.found.iter().filter(|c| c.value.is_none()).collect();
    let Some(first) = blanks.first() else { return };
    let span = blanks.iter().fold(first.span, |a, c| a.cover(c.span));
    let message = format!(
        "「{}」行有{}个空白单元格，核对时按0计",
        row.def.label,
        blanks.len()
    );
    out.push(Finding::new(&T010, Some(span), message));
}

/// T003 and T004 for one header issue of section `section`'s table, in the group under
/// `caption` (section 二).
fn header(
    issue: &HeaderIssue,
    section: u8,
    caption: Option<&str>,
    fallback: Option<crate::span::Span>,
    out: &mut Vec<Finding>,
) {
    let part = format!("第{}部分", cn_digit(section));
    // The caption itself missing is said once: not 「第二十条第（五）项」表头缺少「第二十条第（五）项」.
    if let (HeaderIssue::Missing { canonical }, Some(caption)) = (issue, caption) {
        if *canonical == caption {
            out.push(
                Finding::new(
                    &T004,
                    fallback,
                    format!("{part}表格缺少标题行「{canonical}」"),
                )
                .suggest(*canonical),
            );
            return;
        }
    }
    let table = match caption {
        Some(caption) => format!("{part}「{caption}」"),
        None => part,
    };
    match issue {
        HeaderIssue::Variant {
            canonical,
            written,
            span,
        } => out.push(
            Finding::new(
                &T003,
                Some(*span),
                format!("{table}列标题「{written}」与模板不一致"),
            )
            .values(*canonical, written.as_str())
            .suggest(*canonical),
        ),
        HeaderIssue::Missing { canonical } => out.push(
            Finding::new(&T004, fallback, format!("{table}表头缺少「{canonical}」"))
                .suggest(*canonical),
        ),
    }
}

fn unreadable(table: &str, lost: usize, at: Option<crate::span::Span>, out: &mut Vec<Finding>) {
    out.push(Finding::new(&T011,
        at,
        format!(
            "{table}表格有{lost}行的数字与行名称对应不上，无法从这段文字可靠读出，未作核对；这种文字多来自PDF按块提取，请从Word/WPS原文或网页复制表格后再检查"
        ),
    ));
}

fn orphans(cells: &[Cell], table: &str, out: &mut Vec<Finding>) {
    let Some(first) = cells.first() else { return };
    let span = cells.iter().fold(first.span, |a, c| a.cover(c.span));
    out.push(Finding::new(
        &T009,
        Some(span),
        format!(
            "{table}表格中有{}个数字不属于任何模板行，未参与核对",
            cells.len()
        ),
    ));
}

fn table4(facts: &Facts, out: &mut Vec<Finding>) {
    let s4 = &facts.tables.s4;
    if !s4.found_table {
        return;
    }
    if s4.headless {
        out.push(Finding::new(&T008,
            s4.row.span,
            "第三部分表格之后的15个数字按第四部分（行政复议、行政诉讼）表格读取，但缺少第四部分标题和表头",
        ));
    }
    let span = s4.row.span;
    match s4.row.fit {
        // Section 四 is never read from the numbers' order alone.
        Fit::Exact | Fit::Unplaced => {}
        Fit::Ambiguous { found } => out.push(
            Finding::new(&T005,
                span,
                format!("第四部分表格读到{found}个数字，模板为15列，无法确定各数字所属的列，不参与核对"),
            ),
        ),
        Fit::Resolved { found } => out.push(
            Finding::new(&T006,
                span,
                format!("第四部分表格读到{found}个数字，模板为15列；只有一种读法满足各组“总计”，已按此读取，请核对单元格"),
            ),
        ),
    }
    let blanks: Vec<&Cell> = s4.row.found.iter().filter(|c| c.value.is_none()).collect();
    if let Some(first) = blanks.first() {
        let span = blanks.iter().fold(first.span, |a, c| a.cover(c.span));
        out.push(Finding::new(
            &T010,
            Some(span),
            format!("第四部分表格有{}个空白单元格，核对时按0计", blanks.len()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;
    use crate::{check_html, Options};

    const HEAD: &str = "三、收到和处理政府信息公开申请情况\n";

    #[test]
    fn retyped_label_with_suggestion() {
        let got = findings(&format!("{HEAD}1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"), "T002");
        assert_eq!(got, ["T002 warning 3:1 行名称「2.其他法律法规禁止公开」与模板不一致 → 2.其他法律行政法规禁止公开"]);
    }

    #[test]
    fn missing_row_is_named_after_its_predecessor() {
        let got = findings(&format!("{HEAD}（七）总计\t0\t0\t0\t0\t0\t0\t0\n"), "T001");
        // The 23 rows before （七）总计 are one run, one cause; 四 after it is another.
        assert_eq!(got.len(), 2, "{got:#?}");
        // Too many to name in one sentence: the count, and the rows as the finding's items.
        assert_eq!(got[0], "T001 error - 第三部分表格缺少连续的23行");
        let report = crate::check(
            &format!("{HEAD}（七）总计\t0\t0\t0\t0\t0\t0\t0\n"),
            &crate::Options::default(),
        );
        let items = &report
            .diagnostics
            .iter()
            .find(|d| d.rule == "T001")
            .unwrap()
            .items;
        assert_eq!(items.len(), 23);
        assert_eq!(
            items[..2],
            [
                "一、本年新收政府信息公开申请数量",
                "二、上年结转政府信息公开申请数量"
            ]
        );
        assert_eq!(
            got[1],
            "T001 error 2:1 第三部分表格缺少「四、结转下年度继续办理」行（应在「（七）总计」之后）"
        );
    }

    #[test]
    fn blanks_in_many_rows_are_counted_and_listed_as_items() {
        let rows = |labels: &[&str]| -> String {
            let lines: Vec<String> = labels
                .iter()
                .map(|l| format!("{l}\t1\t\t0\t0\t0\t0\t1\n"))
                .collect();
            format!("{HEAD}{}", lines.concat())
        };
        let labels = [
            "（一）予以公开",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
        ];
        let report = crate::check(&rows(&labels), &crate::Options::default());
        let t010 = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "T010")
            .unwrap();
        assert_eq!(
            t010.message,
            "第三部分表格有4个空白单元格，分布在4行，核对时按0计"
        );
        assert_eq!(t010.items, labels);
        // Three rows are named in the message, and there are no items.
        let report = crate::check(&rows(&labels[..3]), &crate::Options::default());
        let t010 = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "T010")
            .unwrap();
        assert_eq!(t010.message, "第三部分表格有3个空白单元格，分布在3行，核对时按0计：「（一）予以公开」「1.属于国家秘密」「2.其他法律行政法规禁止公开」");
        assert!(t010.items.is_empty());
    }

    #[test]
    fn wrong_cell_counts() {
        let text = format!("{HEAD}（七）总计\t2\t0\t0\t0\t0\t0\t0\t2\n四、结转下年度继续办理\t1\t1\t0\t0\t0\t0\t1\t1\n");
        let got = findings(&text, "T00");
        assert!(
            got.iter().any(|f| f.starts_with("T006 warning 2:")),
            "{got:#?}"
        );
        assert!(
            got.iter().any(|f| f.starts_with("T005 error 3:")),
            "{got:#?}"
        );
    }

    #[test]
    fn column_variant_and_blank_cells() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n规章\t0\t—\t0\n";
        let got = findings(text, "T0");
        assert!(got.contains(&"T003 warning 3:13 第二部分「第二十条第（一）项」列标题「本年度止件数」与模板不一致 → 本年废止件数".to_string()), "{got:#?}");
        assert!(
            got.contains(&"T010 info 4:6 「规章」行有1个空白单元格，核对时按0计".to_string()),
            "{got:#?}"
        );
    }

    #[test]
    fn a_missing_caption_is_said_once() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t3\n信息内容\t本年处理决定数量\n行政许可\t5\n";
        assert_eq!(
            findings(text, "T004"),
            ["T004 warning 1:1 第二部分表格缺少标题行「第二十条第（五）项」 → 第二十条第（五）项"]
        );
    }

    #[test]
    fn a_cell_of_words_is_named_once() {
        // N003 names the cell; the label is not 「行政事业性收费380元」, and the row is not
        // also said to have no number.
        let text = "二、主动公开政府信息情况\n行政事业性收费\t380元\n";
        for id in ["T002", "T005"] {
            assert!(findings(text, id).is_empty(), "{:?}", findings(text, id));
        }
        assert_eq!(findings(text, "N003").len(), 1);
    }

    #[test]
    fn old_format_other_row() {
        let text = format!("{HEAD}5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0\n（六）其他处理 1 0 0 0 0 0 1\n（七）总计 1 0 0 0 0 0 1\n");
        let got = findings(&text, "T00");
        assert!(
            got.iter().any(|f| f.starts_with("T007 warning 3:1")),
            "{got:#?}"
        );
        assert!(
            !got.iter().any(|f| f.contains("1.申请人无正当理由")),
            "{got:#?}"
        );
    }

    #[test]
    fn section2_in_the_2019_format_is_read_as_such() {
        let table = "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t12\t-3\t40\n";
        let old = format!("某局2020年政府信息公开工作年度报告\n{table}");
        let report = crate::check(&old, &crate::Options::default());
        assert_eq!(report.format, "2019");
        let licensing = report
            .tables
            .s2
            .rows
            .iter()
            .find(|r| r.key == "licensing")
            .unwrap();
        let values: Vec<_> = licensing
            .values
            .iter()
            .map(|v| v.and_then(|n| n.as_int()))
            .collect();
        assert_eq!(values, [Some(12), Some(-3), Some(40)]);
        assert!(
            findings(&old, "T007").is_empty(),
            "correct for a 2020 report"
        );
        assert!(findings(&old, "N").is_empty(), "本年增/减 may be negative");
        let new = format!("某局2023年政府信息公开工作年度报告\n{table}");
        assert_eq!(findings(&new, "T007").len(), 1);
    }

    #[test]
    fn an_extra_row_in_a_2021_table_is_reported_not_a_reason_to_stop_reading() {
        let text = "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t4\n其他对外管理服务事项\t3\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t2\n行政确认\t5\n行政强制\t1\n";
        let report = crate::check(text, &crate::Options::default());
        assert_eq!(report.format, "2021");
        let values: Vec<_> = report
            .tables
            .s2
            .rows
            .iter()
            .map(|r| r.values.first().copied().flatten().and_then(|n| n.as_int()))
            .collect();
        assert_eq!(values, [None, None, Some(4), Some(2), Some(1), None]);
        let got = findings(text, "T00");
        assert!(
            got.iter().any(|f| f.starts_with(
                "T007 warning 6:1 第二部分表格有2019年试行格式的内容「其他对外管理服务事项」"
            )),
            "{got:#?}"
        );
        let t009 = "T009 warning 6:12 第二部分表格中有2个数字不属于任何模板行";
        assert!(got.iter().any(|f| f.starts_with(t009)), "{got:#?}");
    }

    #[test]
    fn rows_placed_by_order_are_named_in_one_t012() {
        let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1 0 0 0 0 0 1\n2 0 0 0 0 0 2\n（一）予以公开\t3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量\n";
        let got = findings(text, "T01");
        assert_eq!(
            got,
            ["T012 warning 3:1 表格的数字与行名称分开排列（多见于PDF提取的文字）：第三部分表格有1行的数字与行名称不在一起（「二、上年结转政府信息公开申请数量」），已按模板行序读出，请与原表核对"],
        );
        let report = crate::check(text, &crate::Options::default());
        let carried = &report.tables.s3.rows[1];
        assert_eq!(
            carried
                .values
                .last()
                .copied()
                .flatten()
                .and_then(|n| n.as_int()),
            Some(2)
        );
    }

    #[test]
    fn rows_resolved_the_same_way_are_one_finding() {
        let text = "三、收到和处理政府信息公开申请情况\n1.属于国家秘密\t1\t0\t0\t0\t0\t0\t0\t1\n2.其他法律行政法规禁止公开\t2\t0\t0\t0\t0\t0\t0\t2\n";
        let got: Vec<String> = findings(text, "T006");
        assert_eq!(
            got,
            ["T006 warning 2:1 第三部分表格有2行都读到8个数字，模板为7列：「1.属于国家秘密」「2.其他法律行政法规禁止公开」；每行只有一种读法满足“总计=各类申请人之和”，已按此读取，请核对单元格"],
        );
        let report = crate::check(text, &crate::Options::default());
        let t006 = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "T006")
            .unwrap();
        assert_eq!(t006.related.len(), 1);
        assert_eq!(t006.related[0].line, 3);
    }

    /// The findings of rules `prefix…` on an HTML table, one compact line each.
    fn html_findings(html: &str, prefix: &str) -> Vec<String> {
        check_html(html, &Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with(prefix))
            .map(|d| format!("{} {} {}", d.rule, d.severity.as_str(), d.message))
            .collect()
    }

    #[test]
    fn an_unreadable_header_names_itself_and_the_column_left_unchecked() {
        // A PDF's ruled table whose header lost one glyph: 本 of 本年制发件数.
        let html = "<p>二、主动公开政府信息情况</p><table>\
            <tr><td colspan=\"4\">第二十条第（一）项</td></tr>\
            <tr><td>信息内容</td><td>\u{FFFD}年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
            <tr><td>规章</td><td>1</td><td>0</td><td>5</td></tr>\
            <tr><td>行政规范性文件</td><td>2</td><td>0</td><td>9</td></tr></table>";
        assert_eq!(
            html_findings(html, "T01"),
            ["T015 warning 第二部分「第二十条第（一）项」列标题「\u{FFFD}年制发件数」有无法识别的字符，读不出是哪一列，模板的「本年制发件数」列未核对"]
        );
        // Section 三: the column is not also an extra one and a missing one (T013).
        let cells =
            |row: &str| -> String { row.split(' ').map(|c| format!("<td>{c}</td>")).collect() };
        let html = format!(
            "<p>三、收到和处理政府信息公开申请情况</p><table><tr>{}</tr><tr>{}</tr></table>",
            cells("项目 自然人 商\u{FFFD}企业 科研机构 社会公益组织 法律服务机构 其他 总计"),
            cells("一、本年新收政府信息公开申请数量 1 1 0 0 0 0 2")
        );
        assert_eq!(
            html_findings(&html, "T01"),
            ["T015 warning 第三部分列标题「商\u{FFFD}企业」有无法识别的字符，读不出是哪一列，模板的「商业企业」列未核对"]
        );
    }
}
