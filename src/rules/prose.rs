//! Family P: counts stated in the prose against the tables.
//!
//! Reports restate their tables in words (`全年共受理政府信息公开申请749件……共办理718件，结转下一年
//! 31件`). A number is compared only when its clause names the same quantity, unmistakably, and
//! the table cell it must equal was read; anything unclear yields nothing, so the rule never
//! cries wolf. What counts as which quantity:
//!
//! - *received* (受理/收到/新收/接收 … 申请 N件) is 本年新收's 总计, or — many reports count it
//!   so — 本年新收 plus 上年结转; either is accepted, and the message says both;
//! - *answered* (办结/答复/办理 N件, in a sentence about 申请, not about 建议/提案/信访) is （七）总计;
//! - *carried forward* (结转下年/下一年 N件) is 四、结转下年度继续办理; *carried over* (上年结转 N件)
//!   is 二、上年结转;
//! - 行政复议 N件 is section 四's 行政复议 总计; 行政诉讼 N件 the two 行政诉讼 总计 together; a
//!   clause naming both (行政复议、行政诉讼案件 N件) their sum;
//! - `未收到……申请` states 0 received;
//! - a count said of many bodies (`全区各部门共收到……`) is not the report's and is not read; one
//!   said of the government or its office (`本级政府收到`, `区政府办公室收到`) is read only in the
//!   government's own report (its title names 人民政府 right before the year), and only as a
//!   warning like every count here, since the office may have counted only its own;
//! - a result of section 三 named right before its count (`予以公开1431件、部分公开471件`,
//!   `不予公开N件`, `予以公开、部分公开共258件`, `因本机关不掌握等原因无法提供265件`) is the sum
//!   of its rows' 总计 — the typical error is a number that matches only one sub-row or one
//!   applicant column. A count given for one reason (`因本机关不掌握无法提供N件`) is a sub-row's,
//!   and one given for several results together (`不予公开、无法提供共N件`) is no row's: neither
//!   is read.
//!
//! Only the prose is read: the text before section 一 and the bodies of sections 一, 五 and 六.
//! Each finding points at the number in the sentence and relates the table cell.

use std::ops::Range;

mod lists;

use super::scan::pieces;
use super::{Finding, Rule};
use crate::report::Severity::Warning;
use crate::span::Span;
use crate::tables::RowRead;
use crate::template::{S3_GROUP_LABELS, S3_ROWS, S3_TOTAL_COL};
use crate::text::{contains, find, years_in};
use crate::Facts;

pub(super) static P001: Rule = Rule {
    id: "P001",
    family: "prose",
    title: "正文的申请数与第三部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第一部分总体情况与第三部分统计表",
    what: "正文说收到（受理）、办结（答复）、结转的政府信息公开申请件数，与第三部分表格的“本年新收”（或加上“上年结转”）、“（七）总计”、“结转下年度继续办理”的总计不一致。说的是本级政府或政府办公室的件数时，只在人民政府本级的年报中比较；说“各部门”“各乡镇”等合计的，不比较。",
    why: "同一份报告的正文和表格数字矛盾，读者无法判断哪个是真的，也常是表格填错的信号。",
    bad: "全年共受理政府信息公开申请25件（表格“本年新收”总计为21）",
    good: "全年共受理政府信息公开申请21件",
    fix: "核对正文和表格，改正错的一处；“收到”若含上年结转，请写明；说的若是政府办公室自己收到的件数，请写明。",
};

pub(super) static P002: Rule = Rule {
    id: "P002",
    family: "prose",
    title: "正文的行政复议、行政诉讼数与第四部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第四部分",
    what: "正文说的行政复议、行政诉讼件数，与第四部分表格的“总计”（行政诉讼为未经复议直接起诉与复议后起诉之和）不一致。",
    why: "正文和表格矛盾时，读者无法判断哪个是真的。",
    bad: "发生政府信息公开行政复议案件3件（表格行政复议总计为2）",
    good: "发生政府信息公开行政复议案件2件",
    fix: "核对正文和第四部分表格，改正错的一处。",
};

pub(super) static P003: Rule = Rule {
    id: "P003",
    family: "prose",
    title: "正文的办理结果件数与第三部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分 三、本年度办理结果",
    what: "正文说的予以公开、部分公开（或两者合计）、不予公开、无法提供、不予处理、其他处理的件数，与第三部分表格相应各行“总计”之和不一致。“因……等原因无法提供N件”指整个类别；只说一种原因的件数是某一小项，不比较。",
    why: "正文常只抄了某一小项或某一类申请人的数字，与表格的合计对不上。",
    bad: "不予公开3件（表格不予公开8小项的总计之和为5）",
    good: "不予公开5件",
    fix: "核对正文和表格：正文的件数应为表格相应各行“总计”之和。",
};

pub(super) static P004: Rule = Rule {
    id: "P004",
    family: "prose",
    title: "正文的“共…其中…”分项相加不等于总数",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式（正文数字的一致性）",
    what: "正文“共N条（件），其中A条、B条……”列出的各分项相加，与所说的总数不一致。",
    why: "分项与总数对不上，读者无法判断哪个数字是对的。",
    bad:
        "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息40条。",
    good:
        "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息43条。",
    fix: "核对总数和各分项；只列了部分分项时，写明“主要包括”或列全。",
};

pub(super) static P005: Rule = Rule {
    id: "P005",
    family: "prose",
    title: "正文的比例与表格算出的不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分统计表",
    what: "正文写的占比（如“予以公开258件，占33.9%”）或办结率，与按第三部分表格算出的不一致。占比按（七）总计或本年新收（含或不含上年结转）计算，办结率按（七）总计除以本年新收（含或不含上年结转），任一种相符即不提示。",
    why: "比例算错会误导读者，也常说明件数本身有误。",
    bad: "予以公开10件，占50%（（七）总计为40件）",
    good: "予以公开10件，占25%",
    fix: "按表格重新计算比例。",
};

pub(super) static P006: Rule = Rule {
    id: "P006",
    family: "prose",
    title: "正文的主动公开件数与第二部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第二部分 主动公开政府信息情况",
    what: "正文说的制发、废止、现行有效的规章和行政规范性文件件数，以及行政许可、行政处罚、行政强制的决定数量，与第二部分表格不一致。",
    why: "正文和表格矛盾时，读者无法判断哪个是真的。",
    bad: "本年制发行政规范性文件5件（表格本年制发件数为3）",
    good: "本年制发行政规范性文件3件",
    fix: "核对正文和第二部分表格，改正错的一处。",
};

pub(super) static P007: Rule = Rule {
    id: "P007",
    family: "prose",
    title: "正文的同比增减与上一年报告算出的不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式（与上一年度报告衔接）",
    what: "给出上一年报告时：正文“同比增长（下降）x%”“较上年增加（减少）x%”，与本年和上一年表格的同一数量算出的增减幅度不一致。",
    why: "增减幅度算错会误导读者对工作成效的判断。",
    bad: "全年共受理政府信息公开申请30件，同比增长50%（上一年为25件，应为20%）",
    good: "全年共受理政府信息公开申请30件，同比增长20%",
    fix: "按两年表格的数字重新计算增减幅度。",
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[
    &P001,
    &P002,
    &P003,
    &P004,
    &P005,
    &P006,
    &P007,
    &lists::P008,
];

/// A count of section 二 the prose may state.
struct Count2 {
    /// The row and its column.
    key: &'static str,
    col: usize,
    /// Words that name the row, and words that must stand with them.
    row: &'static [&'static str],
    with: &'static [&'static str],
    /// The quantity's name in messages.
    name: &'static str,
}

const fn count2(
    key: &'static str,
    col: usize,
    row: &'static [&'static str],
    with: &'static [&'static str],
    name: &'static str,
) -> Count2 {
    Count2 {
        key,
        col,
        row,
        with,
        name,
    }
}

/// Section 二's counts the prose may state.
const SECTION2_COUNTS: &[Count2] = &[
    count2(
        "normative_docs",
        0,
        &["规范性文件"],
        ISSUED,
        "制发行政规范性文件",
    ),
    count2(
        "normative_docs",
        1,
        &["规范性文件"],
        &["废止"],
        "废止行政规范性文件",
    ),
    count2(
        "normative_docs",
        2,
        &["规范性文件"],
        &["现行有效"],
        "现行有效行政规范性文件",
    ),
    count2("regulations", 0, &["规章"], ISSUED, "制发规章"),
    count2("regulations", 1, &["规章"], &["废止"], "废止规章"),
    count2("regulations", 2, &["规章"], &["现行有效"], "现行有效规章"),
    count2("licensing", 0, &["行政许可"], DECIDED, "行政许可决定"),
    count2("penalty", 0, &["行政处罚"], DECIDED, "行政处罚决定"),
    count2("coercion", 0, &["行政强制"], DECIDED, "行政强制决定"),
];

/// Words that say documents were issued, and that decisions were made.
const ISSUED: &[&str] = &["制发", "印发", "出台"];
const DECIDED: &[&str] = &["决定", "作出", "办理", "办结"];

/// Units a count is written with, longest first.
const UNITS: &[&str] = &[
    "人次", "件次", "万元", "条", "件", "个", "项", "篇", "次", "元", "起", "宗",
];

/// A quantity a clause states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quantity {
    Received,
    Answered,
    CarriedForward,
    CarriedOver,
    Review,
    Litigation,
    ReviewAndLitigation,
    /// A result of section 三 (三、本年度办理结果): the rows it sums, and its name.
    Outcome(&'static [&'static str], &'static str),
}

/// The results of section 三 a clause may state: the words that name it, the rows it sums
/// (their 总计), and the name used in messages. The first that matches wins.
const OUTCOMES: &[(&[&str], &[&str], &str)] = &[
    (
        &[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开、部分公开",
            "予以公开与部分公开",
        ],
        &["granted", "partial"],
        "予以公开和部分公开",
    ),
    (
        &["不予公开"],
        &[
            "denied_1", "denied_2", "denied_3", "denied_4", "denied_5", "denied_6", "denied_7",
            "denied_8",
        ],
        "不予公开",
    ),
    (&["部分公开"], &["partial"], "部分公开"),
    (&["予以公开"], &["granted"], "予以公开"),
    (
        &["无法提供"],
        &["unable_1", "unable_2", "unable_3"],
        "无法提供",
    ),
    (
        &["不予处理"],
        &[
            "not_processed_1",
            "not_processed_2",
            "not_processed_3",
            "not_processed_4",
            "not_processed_5",
        ],
        "不予处理",
    ),
    (
        &["其他处理"],
        &["other_1", "other_2", "other_3"],
        "其他处理",
    ),
];

/// How far (in chars) a result's name may stand before its number (`予以公开的1431件`).
const OUTCOME_GAP: usize = 3;

/// One stated count: what it counts, the number, and where the number stands (normalised).
#[derive(Debug)]
struct Stated {
    what: Quantity,
    value: i64,
    range: Range<usize>,
    /// Who the clause says counted it.
    by: Counter,
}

/// Who a clause says received, answered or carried the applications it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counter {
    /// No one, or the report's own body (`本机关`, `我局`).
    Unnamed,
    /// The government or its office (`本级政府`, `区政府办公室`): the report's own body only in
    /// the government's own report.
    Government,
}

/// Words that name the government or its office as the one who counted.
const GOVERNMENT: &[&str] = &[
    "人民政府",
    "政府办",
    "本级政府",
    "政府本级",
    "区政府",
    "县政府",
    "市政府",
    "镇政府",
    "乡政府",
    "旗政府",
    "州政府",
    "省政府",
];

/// Words that name many bodies as the ones who counted (`全区各部门`): their count is not the
/// report's.
const MANY_BODIES: &[&str] = &[
    "各部门",
    "各单位",
    "各乡镇",
    "各镇",
    "各街道",
    "各级",
    "各县",
    "各区",
    "下属",
    "直属",
    "区直",
    "县直",
    "市直",
];

impl Stated {
    /// True when the count is the report's own: counted by no one named, or by the government
    /// in the government's own report.
    fn is_own(&self, government_report: bool) -> bool {
        self.by == Counter::Unnamed || government_report
    }
}

pub(super) fn check(facts: &Facts, out: &mut Vec<Finding>) {
    let government = super::government_report(facts);
    for range in prose_ranges(facts) {
        let mut stated = stated_counts(&facts.norm.text, range.clone(), facts.outline.year);
        stated.retain(|s| s.is_own(government));
        for s in &stated {
            compare(facts, s, out);
        }
        breakdowns(facts, range.clone(), out);
        rates(facts, range.clone(), &stated, out);
        section2_counts(facts, range.clone(), out);
        lists::check(facts, range, out);
    }
}

/// P006: counts of section 二 stated in the prose, each clause's first count, when the clause
/// names the row and the column and nothing else. A clause that says only one of them and
/// nothing more (`制发行政规范性文件3件，废止1件`, `现行有效规范性文件30件、规章12件`) takes the
/// other from the counted clause before it in the sentence.
fn section2_counts(facts: &Facts, range: Range<usize>, out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    if facts.tables.s2.format_2019 {
        return;
    }
    let mut offset = range.start;
    for sentence in pieces(slice, &['。', '；', ';', '！', '？', '\n']) {
        // The count the sentence's last counted clause stated, if it was one of section 二's.
        let mut before: Option<&Count2> = None;
        for clause in pieces(sentence, &['，', ',', '、']) {
            let at = offset;
            offset += clause.len();
            // Most clauses have no count: that is the cheaper test, so it comes first.
            let Some((value, number)) = first_count(clause) else {
                continue;
            };
            let stated = section2_count(clause, number.start, before, facts.outline.year);
            before = stated;
            let Some(count) = stated else {
                continue;
            };
            let Some(row) = facts
                .tables
                .s2
                .rows
                .iter()
                .find(|r| r.def.key == count.key && r.is_found())
            else {
                continue;
            };
            let Some(t) = row.int(count.col).filter(|&t| t != value) else {
                continue;
            };
            out.push(
                Finding::new(
                    &P006,
                    Some(facts.norm.span(at + number.start..at + number.end)),
                    format!(
                        "正文说{}{value}件，第二部分表格「{}」为{t}件",
                        count.name, row.def.label
                    ),
                )
                .values(t, value)
                .related(row.cells.get(count.col).copied().flatten()),
            );
        }
    }
}

/// The count of section 二 that `clause` states with its number at byte `number`: the one whose
/// row and column its words name, or — when it names only one of them and says nothing else —
/// the one of `before` (the sentence's previous count) that has the other.
fn section2_count(
    clause: &str,
    number: usize,
    before: Option<&'static Count2>,
    year: Option<u16>,
) -> Option<&'static Count2> {
    // Most counted clauses name nothing of section 二: turn them away before any work.
    let words = || {
        SECTION2_COUNTS
            .iter()
            .flat_map(|c| c.row.iter().chain(c.with))
    };
    if !words().any(|w| contains(clause, w)) {
        return None;
    }
    let compact: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    let elsewhere = [
        "上年",
        "去年",
        "同比",
        "较",
        "其中",
        "累计",
        "清理",
        "审查",
        "备案",
        "规章制度",
    ];
    if elsewhere.iter().any(|w| contains(&compact, w)) || other_year(&compact, year) {
        return None;
    }
    let lead: String = clause
        .get(..number)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let row = |c: &Count2| c.row.iter().any(|w| contains(&lead, w));
    let col = |c: &Count2| c.with.iter().any(|w| contains(&lead, w));
    let own: Vec<_> = SECTION2_COUNTS
        .iter()
        .filter(|c| row(c) && col(c))
        .collect();
    if let [count] = own.as_slice() {
        return Some(count);
    }
    let before = before.filter(|_| own.is_empty() && bare(&lead))?;
    let (any_row, any_col) = (
        SECTION2_COUNTS.iter().any(row),
        SECTION2_COUNTS.iter().any(col),
    );
    let carried: Vec<_> = SECTION2_COUNTS
        .iter()
        .filter(|c| {
            (row(c) || !any_row && c.key == before.key)
                && (col(c) || !any_col && c.col == before.col && c.with == before.with)
        })
        .collect();
    match carried.as_slice() {
        [count] => Some(count),
        _ => None,
    }
}

/// True when `lead` says nothing but section 二's row and column words and fillers (`共`, `的`,
/// `本年度`): a clause that leans on the one before it.
fn bare(lead: &str) -> bool {
    let mut rest = lead.to_string();
    for w in SECTION2_COUNTS
        .iter()
        .flat_map(|c| c.row.iter().chain(c.with))
    {
        rest = rest.replace(w, "");
    }
    rest.chars()
        .all(|c| "共计有的为是达本年度全目前现已另".contains(c))
}

/// The values a stated quantity may have in a report's tables (several where reports count it
/// in more than one way), or none when the tables do not hold it.
fn table_values(facts: &Facts, what: Quantity) -> Vec<i64> {
    let sum =
        |keys: &[&str]| -> Option<i64> { keys.iter().map(|k| Some(total(facts, k)?.0)).sum() };
    let s4 = |groups: &[usize]| -> Option<i64> {
        groups.iter().map(|&g| Some(total4(facts, g)?.0)).sum()
    };
    let values = match what {
        Quantity::Received => vec![sum(&["new"]), sum(&["new", "carried_over"])],
        Quantity::Answered => vec![sum(&["total"])],
        Quantity::CarriedForward => vec![sum(&["carry_forward"])],
        Quantity::CarriedOver => vec![sum(&["carried_over"])],
        Quantity::Outcome(rows, _) => vec![sum(rows)],
        Quantity::Review => vec![s4(&[0])],
        Quantity::Litigation => vec![s4(&[1, 2])],
        Quantity::ReviewAndLitigation => vec![s4(&[0, 1, 2])],
    };
    values.into_iter().flatten().collect()
}

/// P007: `同比增长x%` after a stated count, against last year's report.
pub(super) fn growth(this: &Facts, last: &Facts, out: &mut Vec<Finding>) {
    let text = &this.norm.text;
    let government = super::government_report(this);
    for range in prose_ranges(this) {
        let mut stated = stated_counts(text, range, this.outline.year);
        stated.retain(|s| s.is_own(government));
        for stated in stated {
            let Some(after) = text.get(stated.range.end..) else {
                continue;
            };
            let window: String = after.chars().take(14).collect();
            let down = ["下降", "减少", "降低"]
                .iter()
                .any(|w| contains(&window, w));
            let up = ["增长", "增加", "上升", "提高"]
                .iter()
                .any(|w| contains(&window, w));
            let yearly = ["同比", "较上年", "比上年", "较去年"]
                .iter()
                .any(|w| contains(&window, w));
            if !(yearly && (up || down)) || up && down {
                continue;
            }
            let Some((written, decimals, r)) = percent_after(text, stated.range.end, 16) else {
                continue;
            };
            let before = table_values(last, stated.what);
            if before.is_empty() {
                continue;
            }
            let signed = if down { -written } else { written };
            let fits = before.iter().any(|&m| {
                m > 0 && {
                    let exact = (stated.value - m) as f64 * 100.0 / m as f64;
                    let unit = 10f64.powi(-(decimals.min(6) as i32));
                    (signed - exact).abs() <= unit / 2.0 + 1e-9
                }
            });
            if fits || before.iter().all(|&m| m <= 0) {
                continue;
            }
            let m = before.first().copied().unwrap_or(0);
            let exact = (stated.value - m) as f64 * 100.0 / m as f64;
            out.push(Finding::new(
                &P007,
                Some(this.norm.span(r)),
                format!(
                    "正文写{}{written}%，上一年报告的同一数量为{m}件、本年{}件，应为{}{:.1}%",
                    if down { "下降" } else { "增长" },
                    stated.value,
                    if exact < 0.0 { "下降" } else { "增长" },
                    exact.abs()
                ),
            ));
        }
    }
}

/// A percentage written in `text` at or after byte `from` (within a few chars): its value, its
/// number of decimals and its byte range.
fn percent_after(text: &str, from: usize, within: usize) -> Option<(f64, usize, Range<usize>)> {
    let tail = text.get(from..)?;
    let window_end = tail
        .char_indices()
        .nth(within)
        .map_or(tail.len(), |(i, _)| i);
    let window = tail.get(..window_end)?;
    let pct = window.find('%').or_else(|| window.find('％'))?;
    let digits_start = window
        .get(..pct)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let number = window.get(digits_start..pct)?;
    let value: f64 = number.parse().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    Some((value, decimals, from + digits_start..from + pct))
}

/// True when `written` (with `decimals` decimals) is `part / whole` as a percentage, rounded.
fn same_share(written: f64, decimals: usize, part: i64, whole: i64) -> bool {
    if whole <= 0 {
        return false;
    }
    let exact = part as f64 * 100.0 / whole as f64;
    let unit = 10f64.powi(-(decimals.min(6) as i32));
    (written - exact).abs() <= unit / 2.0 + 1e-9
}

/// P005: shares (`N件，占X%`) and 办结率 against the table.
fn rates(facts: &Facts, range: Range<usize>, stated: &[Stated], out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let (Some((new, _)), Some((answered, _))) = (total(facts, "new"), total(facts, "total")) else {
        return;
    };
    let carried = total(facts, "carried_over").map_or(0, |c| c.0);
    let wholes = [answered, new, new + carried];
    let mut push = |part: i64, at: (f64, usize, Range<usize>), what: String| {
        let (written, decimals, r) = at;
        if wholes
            .iter()
            .any(|&w| same_share(written, decimals, part, w))
        {
            return;
        }
        let span = facts.norm.span(r);
        out.push(
            Finding::new(
                &P005,
                Some(span),
                format!("正文{what}写作{written}%，按第三部分表格算不出这个比例（（七）总计{answered}件，本年新收{new}件，加上年结转为{}件）", new + carried),
            ),
        );
    };
    // Shares right after a stated count: `予以公开258件，占33.9%`.
    for stated in stated {
        if !matches!(stated.what, Quantity::Outcome(..) | Quantity::Answered) {
            continue;
        }
        let Some(after) = text.get(stated.range.end..) else {
            continue;
        };
        let window: String = after.chars().take(8).collect();
        if !window.contains('占') {
            continue;
        }
        if let Some(at) = percent_after(text, stated.range.end, 12) {
            push(stated.value, at, format!("{}件的占比", stated.value));
        }
    }
    // 办结率 / 答复率: （七）总计 over what was received.
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    for word in ["办结率", "答复率"] {
        for (p, _) in slice.match_indices(word) {
            let from = range.start + p + word.len();
            if let Some(at) = percent_after(text, from, 6) {
                let (written, decimals, r) = at.clone();
                let ok = [new, new + carried]
                    .iter()
                    .any(|&w| same_share(written, decimals, answered, w));
                if !ok {
                    let span = facts.norm.span(r);
                    out.push(Finding::new(
                        &P005,
                        Some(span),
                        format!("正文{word}写作{written}%，按第三部分表格（七）总计{answered}件除以本年新收{new}件（加上年结转为{}件）算不出这个比例", new + carried),
                    ));
                }
            }
        }
    }
}

/// Every count with its unit in `text`: (value, byte range of the digits, unit).
fn counts_with_units(text: &str) -> Vec<(i64, Range<usize>, &'static str)> {
    counts(text).collect()
}

/// The counts with their unit in `text`, in order, without allocating: most callers want only
/// the first.
fn counts(text: &str) -> impl Iterator<Item = (i64, Range<usize>, &'static str)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let (value, digits) = next_number(text, &mut i)?;
        let rest = text.get(digits.end..).unwrap_or("").trim_start();
        let unit = UNITS.iter().find(|u| rest.starts_with(*u));
        if let (Some(unit), Some(value)) = (unit, value) {
            return Some((value, digits, *unit));
        }
    })
}

/// The next run of digits (and thousands separators) in `text` at or after byte `*i`: its
/// value (none past nine digits) and its byte range; `*i` moves past it.
fn next_number(text: &str, i: &mut usize) -> Option<(Option<i64>, Range<usize>)> {
    let bytes = text.as_bytes();
    // Straight to the next digit: most of a text is not.
    *i += bytes.get(*i..)?.iter().position(u8::is_ascii_digit)?;
    let start = *i;
    let (mut value, mut length) = (Some(0i64), 0usize);
    while let Some(&b) = bytes.get(*i).filter(|b| b.is_ascii_digit() || **b == b',') {
        if b != b',' {
            value = value.and_then(|v| v.checked_mul(10)?.checked_add(i64::from(b - b'0')));
            length += 1;
        }
        *i += 1;
    }
    Some((value.filter(|_| length <= 9), start..*i))
}

/// P004: `共N条，其中A条、B条……` whose parts, in the same unit, do not add up to N.
fn breakdowns(facts: &Facts, range: Range<usize>, out: &mut Vec<Finding>) {
    let text = &facts.norm.text;
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut sentence_start = range.start;
    for sentence in pieces(slice, &['。', '！', '？', '\n']) {
        let at = sentence_start;
        sentence_start += sentence.len();
        let Some(k) = find(sentence, "其中") else {
            continue;
        };
        let (head, tail) = sentence.split_at(k);
        // The total: the last count before 其中, in a clause that says 共.
        let Some((total, total_range, unit)) = counts_with_units(head).pop() else {
            continue;
        };
        let lead = head.trim_end_matches(['，', ',', ' ']);
        let clause_start = lead
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '，' | '；' | ',' | ';'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        if !lead.get(clause_start..).unwrap_or("").contains('共') {
            continue;
        }
        let mut parts: Vec<(i64, Range<usize>)> = Vec::new();
        let mut offset = k;
        for clause in pieces(tail, &['，', '、', '；', ',', ';']) {
            let here = offset;
            offset += clause.len();
            if !parts.is_empty() && (clause.contains('共') || contains(clause, "另")) {
                break;
            }
            let counts = counts_with_units(clause);
            let Some((v, r, u)) = counts.first().cloned() else {
                break;
            };
            if u != unit || counts.len() > 1 {
                break;
            }
            parts.push((v, here + r.start..here + r.end));
        }
        if parts.len() < 2 {
            continue;
        }
        let sum: i64 = parts.iter().map(|p| p.0).sum();
        if sum == total {
            continue;
        }
        let span = facts
            .norm
            .span(at + total_range.start..at + total_range.end);
        let related = parts
            .iter()
            .map(|(_, r)| facts.norm.span(at + r.start..at + r.end));
        out.push(
            Finding::new(
                &P004,
                Some(span),
                format!(
                    "正文说共{total}{unit}，其中列出的{}项相加为{sum}{unit}",
                    parts.len()
                ),
            )
            .values(total, sum)
            .related(related),
        );
    }
}

/// The prose of the report: before section 一, and the bodies of sections 一, 五 and 六.
fn prose_ranges(facts: &Facts) -> Vec<Range<usize>> {
    let outline = &facts.outline;
    let mut out = Vec::new();
    if let Some(first) = outline.section(1) {
        out.push(0..first.line.start);
    }
    out.extend([1u8, 5, 6].iter().filter_map(|&n| outline.body(n)));
    out
}

/// Words that make a clause about something else than the applications and cases counted.
const OTHER_MATTERS: &[&str] = &[
    "建议",
    "提案",
    "信访",
    "热线",
    "留言",
    "来信",
    "咨询",
    "备案",
    "审查",
    "听证",
    "其中",
    "主动公开",
];

/// The counts stated in `text[range]`, one per clause at most (the clause's first count).
fn stated_counts(text: &str, range: Range<usize>, year: Option<u16>) -> Vec<Stated> {
    let mut out = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return out;
    };
    let mut sentence_start = 0;
    for sentence in pieces(slice, &['。', '！', '？', '\n']) {
        let about_applications = contains(sentence, "申请");
        // Once per sentence, not per clause: a long sentence is not scanned once per clause.
        let results = about_applications || about_results(sentence);
        let mut clause_start = sentence_start;
        // Where the sentence's text since its last count begins (relative to the sentence).
        let mut since_count = 0;
        for clause in pieces(sentence, &['，', '；', ',', ';', '：', ':']) {
            let at = range.start + clause_start;
            if let Some(stated) = classify(clause, at, about_applications, year) {
                out.push(stated);
            }
            let within = clause_start - sentence_start;
            if results {
                let context = sentence.get(since_count..within).unwrap_or("");
                out.extend(outcomes(clause, context, at, year));
            }
            if results && first_count(clause).is_some() {
                since_count = within + clause.len();
            }
            clause_start += clause.len();
        }
        sentence_start += sentence.len();
    }
    out
}

/// True when `sentence` speaks of how applications were handled.
fn about_results(sentence: &str) -> bool {
    ["申请", "办结", "答复", "办理", "原因"]
        .iter()
        .any(|w| contains(sentence, w))
}

/// The results of section 三 that `clause` states: a result's name right before a count, in
/// `、`-separated parts (a part without a count runs on into the next: `予以公开、部分公开共N件`).
/// `context` is the text of the sentence between its last count and the clause.
///
/// A part is not read when its name is one of several (`不予公开、无法提供共N件`), when its
/// counts are given 分别, or when a single reason comes with the name (`因本机关不掌握无法提供N件`
/// speaks of a sub-row; `因本机关不掌握等原因无法提供N件` of the whole group).
fn outcomes(clause: &str, context: &str, at: usize, year: Option<u16>) -> Vec<Stated> {
    if first_count(clause).is_none() {
        return Vec::new();
    }
    let compact: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    let elsewhere = [
        "建议", "提案", "信访", "热线", "来信", "咨询", "备案", "上年", "去年", "同比", "分别",
    ];
    if elsewhere.iter().any(|w| contains(&compact, w)) || other_year(&compact, year) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let (mut offset, mut lead_from, mut context) = (0, 0, context);
    for part in pieces(clause, &['、']) {
        let here = offset;
        offset += part.len();
        let Some((value, number)) = first_count(part) else {
            continue;
        };
        let lead: String = clause
            .get(lead_from..here + number.start)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let named = named_outcome(&lead).filter(|&(_, _, before)| {
            let before = lead.get(..before).unwrap_or("");
            !after_another_outcome(before) && !for_one_reason(&format!("{context}{before}"))
        });
        if let Some((rows, name, _)) = named {
            out.push(Stated {
                what: Quantity::Outcome(rows, name),
                value,
                range: at + here + number.start..at + here + number.end,
                by: Counter::Unnamed,
            });
        }
        (lead_from, context) = (offset, "");
    }
    out
}

/// The result `lead` names at its end (at most [`OUTCOME_GAP`] chars before the count): its rows,
/// its name and where the name starts in `lead`.
fn named_outcome(lead: &str) -> Option<(&'static [&'static str], &'static str, usize)> {
    OUTCOMES.iter().find_map(|(words, rows, name)| {
        words.iter().find_map(|w| {
            let p = lead.rfind(w)?;
            let gap = lead.get(p + w.len()..)?.chars().count();
            (gap <= OUTCOME_GAP).then_some((*rows, *name, p))
        })
    })
}

/// True when `before` (the text before a result's name) ends with another result's name and a
/// joining word: the count is of several results together.
fn after_another_outcome(before: &str) -> bool {
    let joined = ["、", "及", "和", "与", "或", "以及"];
    let Some(rest) = joined.iter().find_map(|j| before.strip_suffix(j)) else {
        return false;
    };
    OUTCOMES
        .iter()
        .any(|(words, _, _)| words.iter().any(|w| rest.ends_with(w)))
}

/// True when `text` (what stands before a result's name) gives a reason for it that is not
/// said to be one among others (`等原因`): the count is then of that reason's sub-row.
fn for_one_reason(text: &str) -> bool {
    let several = ["等原因", "等情形", "等情况", "等理由", "等事由"];
    if several.iter().any(|w| contains(text, w)) {
        return false;
    }
    // `因` as a cause, not inside 原因.
    let cause = text
        .match_indices('因')
        .any(|(i, _)| !text.get(..i).unwrap_or("").ends_with('原'))
        || contains(text, "由于");
    cause || reason_words().any(|w| contains(text, w))
}

/// Words that name one reason of 不予公开, 无法提供, 不予处理 or 其他处理: the anchors of their
/// sub-rows (not the catch-all 其他), and 不明确.
fn reason_words() -> impl Iterator<Item = &'static str> {
    let groups = S3_GROUP_LABELS.get(1..).unwrap_or_default();
    S3_ROWS
        .iter()
        .filter(move |r| !r.whole && r.group.is_some_and(|g| groups.contains(&g)))
        .flat_map(|r| r.anchors.iter().copied())
        .chain(["不明确"])
}

/// The quantity `clause` (at normalised offset `at`) states, when it states one unmistakably.
/// A clause that names a year other than `year` speaks of another year and states nothing.
fn classify(
    clause: &str,
    at: usize,
    about_applications: bool,
    year: Option<u16>,
) -> Option<Stated> {
    // Most clauses state no count: turn them away before any work.
    let count = first_count(clause);
    if count.is_none() && !clause.contains('未') && !contains(clause, "没有") {
        return None;
    }
    let compact: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    if OTHER_MATTERS.iter().any(|w| contains(&compact, w)) || other_year(&compact, year) {
        return None;
    }
    let Some((value, number)) = count else {
        // `未收到……申请`: none received.
        let none = ["未收到", "没有收到", "未受理"]
            .iter()
            .any(|w| contains(&compact, w))
            && contains(&compact, "政府信息公开申请");
        let by = counter(&compact)?;
        return none.then(|| Stated {
            what: Quantity::Received,
            value: 0,
            range: at..at + clause.trim_end().len(),
            by,
        });
    };
    let lead: String = clause
        .get(..number.start)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let has = |words: &[&str]| words.iter().any(|w| contains(&lead, w));
    let by = counter(&lead)?;
    let review = has(&["行政复议"]);
    let litigation = has(&["行政诉讼"]);
    let what = if review && litigation {
        Quantity::ReviewAndLitigation
    } else if review {
        Quantity::Review
    } else if litigation {
        Quantity::Litigation
    } else if has(&["上年结转", "上一年度结转", "上年度结转"]) {
        Quantity::CarriedOver
    } else if has(&["结转"]) && has(&["下年", "下一年", "下一年度", "次年"]) {
        Quantity::CarriedForward
    } else if !about_applications || has(&["上年", "去年", "上一年", "同比", "较", "比"])
    {
        // Last year's figures, or a comparison: not this year's count.
        return None;
    } else if has(&["受理", "收到", "新收", "接收"])
        && has(&["申请"])
        && !has(&["办结", "答复", "结转"])
    {
        Quantity::Received
    } else if has(&["办结", "答复", "办理完毕", "处理完毕", "共办理"])
        && !has(&["受理", "收到", "结转"])
    {
        Quantity::Answered
    } else {
        return None;
    };
    Some(Stated {
        what,
        value,
        range: at + number.start..at + number.end,
        by,
    })
}

/// Who `lead` (the words before a count) says counted it; none when it names many bodies.
fn counter(lead: &str) -> Option<Counter> {
    if MANY_BODIES.iter().any(|w| contains(lead, w)) {
        None
    } else if GOVERNMENT.iter().any(|w| contains(lead, w)) {
        Some(Counter::Government)
    } else {
        Some(Counter::Unnamed)
    }
}

/// True when `clause` names a year (`2022年`) that is not the report's year.
fn other_year(clause: &str, year: Option<u16>) -> bool {
    years_in(clause).into_iter().any(|y| Some(y) != year)
}

/// The first count in `clause` (digits followed by 件, 起 or 宗 — not 件次, a count of calls or
/// letters) and its byte range.
fn first_count(clause: &str) -> Option<(i64, Range<usize>)> {
    // The unit test of `counts`, for these three units only: 件 is the unit unless 件次 is.
    let counted = |rest: &str| {
        rest.starts_with('件') && !rest.starts_with("件次")
            || rest.starts_with('起')
            || rest.starts_with('宗')
    };
    let mut i = 0;
    loop {
        let (value, digits) = next_number(clause, &mut i)?;
        let rest = clause.get(digits.end..).unwrap_or("").trim_start();
        if let Some(value) = value.filter(|_| counted(rest)) {
            return Some((value, digits));
        }
    }
}

/// The 总计 of section 三's row `key`, when read.
fn total(facts: &Facts, key: &str) -> Option<(i64, Option<Span>)> {
    let row: &RowRead = facts.tables.s3.row(key).filter(|r| r.is_found())?;
    Some((
        row.int(S3_TOTAL_COL)?,
        row.cells.get(S3_TOTAL_COL).copied().flatten(),
    ))
}

/// Section 四's 总计 of group `g` (0 复议, 1 直接起诉, 2 复议后起诉), when read.
fn total4(facts: &Facts, g: usize) -> Option<(i64, Option<Span>)> {
    let row = &facts.tables.s4.row;
    let i = g * 5 + 4;
    Some((row.int(i)?, row.cells.get(i).copied().flatten()))
}

fn compare(facts: &Facts, stated: &Stated, out: &mut Vec<Finding>) {
    let span = facts.norm.span(stated.range.clone());
    let n = stated.value;
    let (rule, expected, cells, message) = match stated.what {
        Quantity::Received => {
            let Some((new, cell)) = total(facts, "new") else {
                return;
            };
            let carried = total(facts, "carried_over");
            let with = carried.map(|(c, _)| new + c);
            if n == new || Some(n) == with {
                return;
            }
            let also = with.map_or(String::new(), |w| format!("（加上年结转共{w}件）"));
            let message = format!("正文说收到申请{n}件，第三部分「一、本年新收政府信息公开申请数量」的总计为{new}件{also}");
            (&P001, new, vec![cell, carried.and_then(|c| c.1)], message)
        }
        Quantity::Answered => {
            let Some((t, cell)) = total(facts, "total") else {
                return;
            };
            if n == t {
                return;
            }
            let message = format!("正文说办结申请{n}件，第三部分「（七）总计」的总计为{t}件");
            (&P001, t, vec![cell], message)
        }
        Quantity::CarriedForward | Quantity::CarriedOver => {
            let (key, label) = if stated.what == Quantity::CarriedForward {
                ("carry_forward", "四、结转下年度继续办理")
            } else {
                ("carried_over", "二、上年结转政府信息公开申请数量")
            };
            let Some((t, cell)) = total(facts, key) else {
                return;
            };
            if n == t {
                return;
            }
            let message = format!("正文说结转{n}件，第三部分「{label}」的总计为{t}件");
            (&P001, t, vec![cell], message)
        }
        Quantity::Outcome(rows, name) => {
            let Some(parts) = rows
                .iter()
                .map(|key| total(facts, key))
                .collect::<Option<Vec<_>>>()
            else {
                return;
            };
            let t: i64 = parts.iter().map(|p| p.0).sum();
            if n == t {
                return;
            }
            let which = if rows.len() > 1 {
                format!("「{name}」各行的总计之和")
            } else {
                format!("「{name}」的总计")
            };
            let message = format!("正文说{name}{n}件，第三部分表格{which}为{t}件");
            (&P003, t, parts.iter().map(|p| p.1).collect(), message)
        }
        Quantity::Review | Quantity::Litigation | Quantity::ReviewAndLitigation => {
            let groups: &[usize] = match stated.what {
                Quantity::Review => &[0],
                Quantity::Litigation => &[1, 2],
                _ => &[0, 1, 2],
            };
            let Some(parts) = groups
                .iter()
                .map(|&g| total4(facts, g))
                .collect::<Option<Vec<_>>>()
            else {
                return;
            };
            let t: i64 = parts.iter().map(|p| p.0).sum();
            if n == t || !facts.tables.s4.found_table {
                return;
            }
            let what = match stated.what {
                Quantity::Review => "行政复议",
                Quantity::Litigation => "行政诉讼",
                _ => "行政复议和行政诉讼",
            };
            let message = format!("正文说{what}{n}件，第四部分表格的总计为{t}件");
            (&P002, t, parts.iter().map(|p| p.1).collect(), message)
        }
    };
    out.push(
        Finding::new(rule, Some(span), message)
            .values(expected, n)
            .related(cells.into_iter().flatten()),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;

    const S3: &str = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t20\t0\t0\t0\t1\t0\t21\n二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n（七）总计\t22\t0\t0\t0\t1\t0\t23\n四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n";
    const S4: &str = "四、政府信息公开行政复议、行政诉讼情况\n2 0 0 0 2 1 0 0 0 1 0 0 0 1 1\n";

    #[test]
    fn first_count_is_the_first_count_in_件_起_or_宗() {
        for clause in [
            "",
            "受理申请25件",
            "接听12件次，受理3件",
            "1234567890件，又2起",
            "0\t0\t0\t12 宗",
            "共1,234 件次、5条、6件",
            "无数字",
        ] {
            let want = super::counts_with_units(clause)
                .into_iter()
                .find(|(_, _, unit)| matches!(*unit, "件" | "起" | "宗"))
                .map(|(value, range, _)| (value, range));
            assert_eq!(super::first_count(clause), want, "{clause}");
        }
        assert_eq!(super::first_count("接听12件次，受理3件"), Some((3, 23..24)));
    }

    fn report(prose: &str) -> String {
        format!("一、总体情况\n{prose}\n{S3}{S4}五、存在的主要问题及改进情况\n无。\n")
    }

    #[test]
    fn counts_that_agree_give_nothing() {
        for prose in [
            "全年共受理政府信息公开申请21件，办结23件，结转下年度1件。",
            "全年共受理政府信息公开申请 24 件（含上年结转3件）；共办理 23 件，结转下一年 1 件。",
            "发生政府信息公开行政复议案件2件，行政诉讼2件。",
            "依法做好相关行政复议、行政诉讼案件的应诉工作，共办理相关案件4件。",
            "2023年，本机关办理人大代表建议15件，答复群众来信30件。",
            "上年受理政府信息公开申请15件，本年受理21件。",
            "2022年共受理政府信息公开申请40件。",
        ] {
            assert!(
                findings(&report(prose), "P").is_empty(),
                "{prose}: {:?}",
                findings(&report(prose), "P")
            );
        }
    }

    #[test]
    fn contradictions_point_at_the_number() {
        let got = findings(
            &report("全年共受理政府信息公开申请25件，办结23件，结转下年度2件。"),
            "P",
        );
        assert_eq!(
            got,
            [
                "P001 warning 2:14 正文说收到申请25件，第三部分「一、本年新收政府信息公开申请数量」的总计为21件（加上年结转共24件）",
                "P001 warning 2:29 正文说结转2件，第三部分「四、结转下年度继续办理」的总计为1件",
            ]
        );
        let got = findings(&report("发生政府信息公开行政复议案件3件。"), "P");
        assert_eq!(
            got,
            ["P002 warning 2:15 正文说行政复议3件，第四部分表格的总计为2件"]
        );
    }

    #[test]
    fn received_by_the_government_in_its_own_report() {
        // S3: 本年新收 21, 上年结转 3.
        let government = |prose: &str| {
            format!(
                "某区人民政府2023年政府信息公开工作年度报告\n{}",
                report(prose)
            )
        };
        let department = |prose: &str| {
            format!(
                "某区教育局2023年政府信息公开工作年度报告\n{}",
                report(prose)
            )
        };
        for prose in [
            "本机关收到政府信息公开申请30件。",
            "2023年，区政府办公室共收到政府信息公开申请30件。",
            "本级政府收到政府信息公开申请30件。",
        ] {
            let got = findings(&government(prose), "P");
            assert_eq!(got.len(), 1, "{prose}: {got:?}");
            assert!(got[0].starts_with("P001 warning 3:"), "{prose}: {got:?}");
            assert!(got[0].contains("正文说收到申请30件"), "{prose}: {got:?}");
            assert!(
                findings(&government(&prose.replace("30", "21")), "P").is_empty(),
                "{prose}"
            );
        }
        // Another body than the report's: the government in a department's report, the
        // departments in the government's.
        for prose in [
            "区政府办公室收到政府信息公开申请30件。",
            "本级政府收到政府信息公开申请30件。",
        ] {
            assert!(
                findings(&department(prose), "P").is_empty(),
                "{prose}: {:?}",
                findings(&department(prose), "P")
            );
        }
        assert_eq!(
            findings(&department("本机关收到政府信息公开申请30件。"), "P").len(),
            1
        );
        for prose in [
            "全区各部门共收到政府信息公开申请500件。",
            "各乡镇（街道）收到政府信息公开申请40件。",
        ] {
            assert!(
                findings(&government(prose), "P").is_empty(),
                "{prose}: {:?}",
                findings(&government(prose), "P")
            );
        }
    }

    #[test]
    fn none_received_against_a_table_with_applications() {
        let got = findings(&report("本年度未收到政府信息公开申请。"), "P");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("P001 warning 2:1 正文说收到申请0件"),
            "{got:?}"
        );
    }

    /// Section 三 with results: 予以公开 10, 部分公开 3, 不予公开 1+2, 无法提供 4+1+1, 不予处理
    /// 2+1, 其他处理 0 (with `prose` in section 一).
    fn with_results(prose: &str) -> String {
        let rows = [
            ("（一）予以公开", 10),
            ("（二）部分公开", 3),
            ("1.属于国家秘密", 1),
            ("2.其他法律行政法规禁止公开", 0),
            ("3.危及“三安全一稳定”", 0),
            ("4.保护第三方合法权益", 2),
            ("5.属于三类内部事务信息", 0),
            ("6.属于四类过程性信息", 0),
            ("7.属于行政执法案卷", 0),
            ("8.属于行政查询事项", 0),
            ("1.本机关不掌握相关政府信息", 4),
            ("2.没有现成信息需要另行制作", 1),
            ("3.补正后申请内容仍不明确", 1),
            ("1.信访举报投诉类申请", 2),
            ("2.重复申请", 1),
            ("3.要求提供公开出版物", 0),
            ("4.无正当理由大量反复申请", 0),
            ("5.要求行政机关确认或重新出具已获取信息", 0),
        ];
        let rows: String = rows
            .iter()
            .map(|(l, n)| format!("{l}\t{n}\t0\t0\t0\t0\t0\t{n}\n"))
            .collect();
        format!("一、总体情况\n{prose}\n三、收到和处理政府信息公开申请情况\n{rows}五、存在的主要问题及改进情况\n")
    }

    /// The text each P finding points at, and the texts of its related spans.
    fn pointed(text: &str) -> Vec<(String, Vec<String>)> {
        let at = |l: &crate::span::Location| text[l.start as usize..l.end as usize].to_string();
        crate::check(text, &crate::Options::default())
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with('P'))
            .map(|d| {
                (
                    d.span.as_ref().map(at).unwrap_or_default(),
                    d.related.iter().map(at).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn results_stated_against_their_rows() {
        for agrees in [
            "办结的申请中，予以公开10件、部分公开3件，不予公开3件。",
            "办理结果为予以公开及部分公开13件。",
        ] {
            assert!(findings(&with_results(agrees), "P").is_empty(), "{agrees}");
        }
        let got = findings(
            &with_results("办结的申请中，予以公开10件、不予公开2件。"),
            "P",
        );
        assert_eq!(
            got,
            ["P003 warning 2:20 正文说不予公开2件，第三部分表格「不予公开」各行的总计之和为3件"]
        );
    }

    #[test]
    fn granted_and_partial_together_against_both_rows() {
        for prose in [
            "办结的申请中，予以公开及部分公开258件。",
            "办结的申请中，予以公开和部分公开258件。",
            "办结的申请中，予以公开、部分公开共258件。",
            "办结的申请中，予以公开与部分公开的258件。",
        ] {
            let text = with_results(prose);
            let got = findings(&text, "P");
            assert_eq!(got.len(), 1, "{prose}: {got:?}");
            assert!(
                got[0].ends_with("正文说予以公开和部分公开258件，第三部分表格「予以公开和部分公开」各行的总计之和为13件"),
                "{prose}: {got:?}"
            );
            assert_eq!(
                pointed(&text),
                [("258".into(), vec!["10".into(), "3".into()])],
                "{prose}"
            );
        }
        for agrees in [
            "办结的申请中，予以公开、部分公开共13件。",
            "办结的申请中，予以公开10件、部分公开3件。",
        ] {
            assert!(findings(&with_results(agrees), "P").is_empty(), "{agrees}");
        }
    }

    #[test]
    fn several_results_named_together_are_not_one_of_them() {
        // Two results before one count, or counts given 分别: no single row is stated.
        for prose in [
            "办结的申请中，不予公开、无法提供共10件。",
            "办结的申请中，部分公开和不予公开共9件。",
            "办结的申请中，予以公开、部分公开、不予公开分别为10件、3件、2件。",
        ] {
            assert!(
                findings(&with_results(prose), "P").is_empty(),
                "{prose}: {:?}",
                findings(&with_results(prose), "P")
            );
        }
    }

    #[test]
    fn a_result_given_for_several_reasons_is_its_whole_group() {
        // 无法提供 is 4+1+1 = 6, 不予处理 2+1 = 3; the first sub-rows are 4 and 2.
        for (prose, want) in [
            (
                "因本机关不掌握等原因无法提供265件。",
                "正文说无法提供265件，第三部分表格「无法提供」各行的总计之和为6件",
            ),
            (
                "办结的申请中，因本机关不掌握等原因无法提供4件。",
                "正文说无法提供4件，第三部分表格「无法提供」各行的总计之和为6件",
            ),
            (
                "因申请内容不明确等原因不予处理2件。",
                "正文说不予处理2件，第三部分表格「不予处理」各行的总计之和为3件",
            ),
        ] {
            let text = with_results(prose);
            let got = findings(&text, "P");
            assert_eq!(got.len(), 1, "{prose}: {got:?}");
            assert!(got[0].ends_with(want), "{prose}: {got:?}");
            let (number, related) = &pointed(&text)[0];
            assert!(prose.contains(&format!("{number}件")), "{prose}: {number}");
            assert_eq!(
                related.len(),
                if want.contains("无法提供") { 3 } else { 5 },
                "{prose}"
            );
        }
        for agrees in
            ["办结的申请中，因本机关不掌握等原因无法提供6件，因重复申请等原因不予处理3件。"]
        {
            assert!(findings(&with_results(agrees), "P").is_empty(), "{agrees}");
        }
    }

    #[test]
    fn a_result_with_one_reason_is_not_read() {
        // A single reason names a sub-row, not the group: it is not compared with the group.
        for prose in [
            "办结的申请中，因本机关不掌握相关信息无法提供4件。",
            "办结的申请中，本机关不掌握相关信息，无法提供4件。",
            "办结的申请中，属于重复申请不予处理1件。",
            "办结的申请中，涉及第三方合法权益不予公开2件。",
        ] {
            assert!(
                findings(&with_results(prose), "P").is_empty(),
                "{prose}: {:?}",
                findings(&with_results(prose), "P")
            );
        }
    }

    #[test]
    fn breakdowns_that_do_not_add_up() {
        let good = "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息43条。";
        assert!(findings(&report(good), "P004").is_empty());
        let listed = "我委主动公开政府信息190条，其中工作动态类信息150条、公告通知类36条、财政信息类4条，办理市民服务热线138件次。";
        assert!(
            findings(&report(listed), "P004").is_empty(),
            "no 共: not a total"
        );
        let bad = "全年共主动公开政府信息422条，其中概况类信息361条，政务动态信息18条，信息公开目录信息40条。";
        assert_eq!(
            findings(&report(bad), "P004"),
            ["P004 warning 2:12 正文说共422条，其中列出的3项相加为419条"]
        );
        let after_a_comma = format!("2023年，{bad}");
        assert_eq!(findings(&report(&after_a_comma), "P004").len(), 1);
        let units = "收取信息处理费共计380元，其中民政局1件，收取380元。";
        assert!(findings(&report(units), "P004").is_empty());
    }

    #[test]
    fn shares_and_rates_recomputed() {
        // S3: new 21, carried 3, (七)总计 23 — 办结率 23/24 = 95.8%, or 23/21 (more than all).
        assert!(findings(&report("全年办结申请23件，办结率95.8%。"), "P005").is_empty());
        let got = findings(&report("全年办结申请23件，办结率100%。"), "P005");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("P005 warning 2:14 正文办结率写作100%"),
            "{got:?}"
        );
        assert!(
            findings(&report("全年办结申请23件，占比100%。"), "P005").is_empty(),
            "23 of 23"
        );
        let got = findings(&report("全年办结申请23件，占比50%。"), "P005");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn counts_in_force_stated_in_the_prose() {
        // Section 二: 规章 0/0/12, 行政规范性文件 3/1/30.
        let s2 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t12\n行政规范性文件\t3\t1\t30\n";
        let text = |prose: &str| {
            format!("某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{s2}三、收到和处理政府信息公开申请情况\n")
        };
        for agrees in [
            "现行有效的行政规范性文件共30件。",
            "目前现行有效规章12件。",
            "截至2023年底，我区现行有效规范性文件共计30件、规章12件。",
            "全年制发行政规范性文件3件，废止1件，现行有效30件。",
            "全年制发行政规范性文件3件，印发工作方案5件。",
            "2022年现行有效规范性文件35件。",
            "现行有效的规章制度15件。",
        ] {
            assert!(
                findings(&text(agrees), "P").is_empty(),
                "{agrees}: {:?}",
                findings(&text(agrees), "P")
            );
        }
        for (prose, number, want) in [
            (
                "现行有效的行政规范性文件共35件。",
                "35",
                "正文说现行有效行政规范性文件35件，第二部分表格「行政规范性文件」为30件",
            ),
            (
                "目前现行有效规章10件。",
                "10",
                "正文说现行有效规章10件，第二部分表格「规章」为12件",
            ),
            (
                "截至2023年12月31日，现行有效规范性文件30件、规章11件。",
                "11",
                "正文说现行有效规章11件，第二部分表格「规章」为12件",
            ),
            (
                "全年制发行政规范性文件3件，废止1件，现行有效35件。",
                "35",
                "正文说现行有效行政规范性文件35件，第二部分表格「行政规范性文件」为30件",
            ),
        ] {
            let got = findings(&text(prose), "P");
            assert_eq!(got.len(), 1, "{prose}: {got:?}");
            assert!(got[0].ends_with(want), "{prose}: {got:?}");
            let pointed = pointed(&text(prose));
            assert_eq!(pointed[0].0, number, "{prose}");
            assert_eq!(pointed[0].1.len(), 1, "{prose}");
        }
    }

    #[test]
    fn section_two_counts_stated_in_the_prose() {
        let s2 = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n行政规范性文件\t3\t1\t12\n";
        let text = |prose: &str| {
            format!("一、总体情况\n{prose}\n{s2}三、收到和处理政府信息公开申请情况\n")
        };
        assert!(findings(&text("本年制发行政规范性文件3件，废止1件。"), "P006").is_empty());
        assert!(findings(&text("较上年多制发行政规范性文件2件。"), "P006").is_empty());
        let got = findings(&text("本年制发行政规范性文件5件。"), "P006");
        assert_eq!(got, ["P006 warning 2:12 正文说制发行政规范性文件5件，第二部分表格「行政规范性文件」为3件"]);
    }
}
