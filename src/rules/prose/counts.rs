//! Counts of applications and cases stated in the prose (P001–P003): what each clause states,
//! about which quantity, as statements the diagnosis weighs against the tables and last year's
//! report (see the family's notes in `prose.rs`).

use std::ops::Range;

use super::{first_count, other_year, prose_ranges};

use super::super::scan::pieces;
use super::super::{Finding, Rule};
use crate::ledger::{Diagnosis, Ledger, Statement, Verdict};
use crate::report::Severity::Warning;
use crate::span::Span;
use crate::tables::RowRead;
use crate::template::identities::{Kind, Qty, Row3};
use crate::template::{
    s4_index, S3Col, S3Row, S4Group, S4Result, S3_GROUP_LABELS, S3_ROWS, S3_TOTAL_COL,
};
use crate::text::contains;
use crate::Facts;

pub(in crate::rules) static P001: Rule = Rule {
    id: "P001",
    family: "prose",
    title: "正文的申请数与第三部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第一部分总体情况与第三部分统计表",
    what: docs!("正文说收到（受理）、办结（答复）、结转的政府信息公开申请件数，与第三部分表格的“本年新收”（或加上“上年结转”）、“（七）总计”、“结转下年度继续办理”的总计不一致。说的是本级政府或政府办公室的件数时，只在人民政府本级的年报中比较；说“各部门”“各乡镇”等合计的，不比较。"),
    why: docs!("同一份报告的正文和表格数字矛盾，读者无法判断哪个是真的，也常是表格填错的信号。"),
    bad: docs!("全年共受理政府信息公开申请25件（表格“本年新收”总计为21）"),
    good: docs!("全年共受理政府信息公开申请21件"),
    fix: docs!("核对正文和表格，改正错的一处；“收到”若含上年结转，请写明；说的若是政府办公室自己收到的件数，请写明。"),
};

pub(in crate::rules) static P002: Rule = Rule {
    id: "P002",
    family: "prose",
    title: "正文的行政复议、行政诉讼数与第四部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第四部分",
    what: docs!("正文说的行政复议、行政诉讼件数，与第四部分表格的“总计”（行政诉讼为未经复议直接起诉与复议后起诉之和）不一致。"),
    why: docs!("正文和表格矛盾时，读者无法判断哪个是真的。"),
    bad: docs!("发生政府信息公开行政复议案件3件（表格行政复议总计为2）"),
    good: docs!("发生政府信息公开行政复议案件2件"),
    fix: docs!("核对正文和第四部分表格，改正错的一处。"),
};

pub(in crate::rules) static P003: Rule = Rule {
    id: "P003",
    family: "prose",
    title: "正文的办理结果件数与第三部分表格不一致",
    severity: Warning,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分 三、本年度办理结果",
    what: docs!("正文说的予以公开、部分公开（或两者合计）、不予公开、无法提供、不予处理、其他处理的件数，与第三部分表格相应各行“总计”之和不一致。“因……等原因无法提供N件”指整个类别；只说一种原因的件数是某一小项，不比较。"),
    why: docs!("正文常只抄了某一小项或某一类申请人的数字，与表格的合计对不上。"),
    bad: docs!("不予公开3件（表格不予公开8小项的总计之和为5）"),
    good: docs!("不予公开5件"),
    fix: docs!("核对正文和表格：正文的件数应为表格相应各行“总计”之和。"),
};

/// A quantity a clause states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Quantity {
    Received,
    Answered,
    CarriedForward,
    CarriedOver,
    Review,
    Litigation,
    ReviewAndLitigation,
    /// A result of section 三 (三、本年度办理结果): the rows it sums, and its name.
    Outcome(&'static [S3Row], &'static str),
}

/// The results of section 三 a clause may state: the words that name it, the rows it sums
/// (their 总计), and the name used in messages. The first that matches wins.
const OUTCOMES: &[(&[&str], &[S3Row], &str)] = &[
    (
        &[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开、部分公开",
            "予以公开与部分公开",
        ],
        &[S3Row::Granted, S3Row::Partial],
        "予以公开和部分公开",
    ),
    (&["不予公开"], S3Row::DENIED, "不予公开"),
    (&["部分公开"], &[S3Row::Partial], "部分公开"),
    (&["予以公开"], &[S3Row::Granted], "予以公开"),
    (&["无法提供"], S3Row::UNABLE, "无法提供"),
    (&["不予处理"], S3Row::NOT_PROCESSED, "不予处理"),
    (&["其他处理"], S3Row::OTHER, "其他处理"),
];

/// How far (in chars) a result's name may stand before its number (`予以公开的1431件`).
const OUTCOME_GAP: usize = 3;

/// One stated count: what it counts, the number, and where the number stands (normalised).
#[derive(Debug)]
pub(super) struct Stated {
    pub(super) what: Quantity,
    pub(super) value: i64,
    pub(super) range: Range<usize>,
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
    pub(super) fn is_own(&self, government_report: bool) -> bool {
        self.by == Counter::Unnamed || government_report
    }
}

/// Compares the counts stated in `range` of the prose with the tables, as the diagnosis judges
/// them; returns the statements, which the rates check reads too.
pub(super) fn check(
    facts: &Facts,
    ledger: &Ledger,
    diagnosis: &Diagnosis,
    range: Range<usize>,
    out: &mut Vec<Finding>,
) -> Vec<Stated> {
    let judged = Judged {
        facts,
        ledger,
        diagnosis,
    };
    let stated = own_counts(facts, range);
    for s in &stated {
        compare(&judged, s, out);
    }
    stated
}

/// The counts stated in `range` of the prose about this body's own applications and cases
/// (counts said of the government, in a report that is not the government's own, left out).
fn own_counts(facts: &Facts, range: Range<usize>) -> Vec<Stated> {
    let government = super::super::government_report(facts);
    let mut stated = stated_counts(&facts.norm.text, range, facts.outline.year);
    stated.retain(|s| s.is_own(government));
    stated
}

/// The counts the prose states about cells of sections 三 and 四, as the ledger's statements:
/// each is an identity (the count equals its cells) that takes part in the diagnosis. A
/// *received* count is put in only when it says which reading it is (it equals 本年新收, or
/// 本年新收 plus 上年结转, or 上年结转 is 0); otherwise it is compared after the diagnosis.
pub(crate) fn statements(facts: &Facts) -> Vec<Statement> {
    let mut out = Vec::new();
    for range in prose_ranges(facts) {
        for stated in own_counts(facts, range) {
            let Some((terms, name)) = terms(facts, &stated) else {
                continue;
            };
            out.push(Statement {
                terms,
                value: stated.value,
                span: facts.norm.span(stated.range.clone()),
                name,
            });
        }
    }
    out
}

/// The cells a stated count is the sum of, and its name in messages.
fn terms(facts: &Facts, stated: &Stated) -> Option<(Vec<Qty>, &'static str)> {
    let cell = |row: S3Row| Qty::S3(Row3::Row(row), S3Col::Total);
    let group = |g: S4Group| Qty::S4(g, S4Result::Total);
    Some(match stated.what {
        Quantity::Received => {
            let new = total(facts, S3Row::New).map(|t| t.0);
            let carried = total(facts, S3Row::CarriedOver).map(|t| t.0);
            match (new, carried) {
                (_, Some(0)) => (vec![cell(S3Row::New)], "收到申请数"),
                (Some(n), _) if n == stated.value => (vec![cell(S3Row::New)], "收到申请数"),
                (Some(n), Some(c)) if n + c == stated.value => (
                    vec![cell(S3Row::New), cell(S3Row::CarriedOver)],
                    "收到申请数（含上年结转）",
                ),
                _ => return None,
            }
        }
        Quantity::Answered => (vec![cell(S3Row::Total)], "办结申请数"),
        Quantity::CarriedForward => (vec![cell(S3Row::CarryForward)], "结转下年度申请数"),
        Quantity::CarriedOver => (vec![cell(S3Row::CarriedOver)], "上年结转申请数"),
        Quantity::Outcome(rows, name) => {
            (rows.iter().map(|&r| cell(r)).collect(), outcome_name(name))
        }
        Quantity::Review => (vec![group(S4Group::Review)], "行政复议数"),
        Quantity::Litigation => (
            vec![
                group(S4Group::LitigationDirect),
                group(S4Group::LitigationAfterReview),
            ],
            "行政诉讼数",
        ),
        Quantity::ReviewAndLitigation => (S4Group::ALL.map(group).to_vec(), "行政复议和行政诉讼数"),
    })
}

/// The messages' name of a result of section 三.
fn outcome_name(name: &str) -> &'static str {
    match name {
        "予以公开和部分公开" => "予以公开和部分公开数",
        "不予公开" => "不予公开数",
        "部分公开" => "部分公开数",
        "予以公开" => "予以公开数",
        "无法提供" => "无法提供数",
        "不予处理" => "不予处理数",
        _ => "其他处理数",
    }
}

/// The facts with the diagnosis of their identities, which the comparisons defer to.
struct Judged<'a> {
    facts: &'a Facts<'a>,
    ledger: &'a Ledger,
    diagnosis: &'a Diagnosis,
}

impl Judged<'_> {
    /// Whether a stated count is the diagnosis's to word: it is in the ledger, and the
    /// diagnosis does not put the error on it (a cell it agrees with is named by A007; a cause
    /// left open is named by A001–A004). `Some(true)` when the diagnosis determines the prose
    /// is wrong (a value may be proposed), `Some(false)` when it fails in a cause no table
    /// identity shares (no value), `None` when nothing is to be said here.
    fn verdict(&self, span: Span) -> Option<bool> {
        let Some(i) = self.ledger.statements.iter().position(|s| s.span == span) else {
            return Some(false);
        };
        if self.diagnosis.repair(Qty::Prose(i)).is_some() {
            return Some(true);
        }
        let cause = self
            .diagnosis
            .causes
            .iter()
            .find(|c| c.failing.contains(&Kind::Prose(i)))?;
        let tables = cause
            .failing
            .iter()
            .any(|k| !matches!(k, Kind::Prose(_) | Kind::CarryOver(_)));
        match (&cause.verdict, tables) {
            (Verdict::Undetermined { .. }, false) => Some(false),
            _ => None,
        }
    }
}

/// The values a stated quantity may have in a report's tables (several where reports count it
/// in more than one way), or none when the tables do not hold it.
pub(super) fn table_values(facts: &Facts, what: Quantity) -> Vec<i64> {
    let sum =
        |rows: &[S3Row]| -> Option<i64> { rows.iter().map(|&r| Some(total(facts, r)?.0)).sum() };
    let s4 = |groups: &[S4Group]| -> Option<i64> {
        groups.iter().map(|&g| Some(total4(facts, g)?.0)).sum()
    };
    let values = match what {
        Quantity::Received => vec![sum(&[S3Row::New]), sum(&[S3Row::New, S3Row::CarriedOver])],
        Quantity::Answered => vec![sum(&[S3Row::Total])],
        Quantity::CarriedForward => vec![sum(&[S3Row::CarryForward])],
        Quantity::CarriedOver => vec![sum(&[S3Row::CarriedOver])],
        Quantity::Outcome(rows, _) => vec![sum(rows)],
        Quantity::Review => vec![s4(&[S4Group::Review])],
        Quantity::Litigation => vec![s4(&LITIGATION)],
        Quantity::ReviewAndLitigation => vec![s4(&S4Group::ALL)],
    };
    values.into_iter().flatten().collect()
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
pub(super) fn stated_counts(text: &str, range: Range<usize>, year: Option<u16>) -> Vec<Stated> {
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
fn named_outcome(lead: &str) -> Option<(&'static [S3Row], &'static str, usize)> {
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

/// The 总计 of section 三's row `key`, when read.
pub(super) fn total(facts: &Facts, row: S3Row) -> Option<(i64, Option<Span>)> {
    let row: &RowRead = facts.tables.s3.get(row).filter(|r| r.is_found())?;
    Some((
        row.int(S3_TOTAL_COL)?,
        row.cells.get(S3_TOTAL_COL).copied().flatten(),
    ))
}

/// The two groups of 行政诉讼.
const LITIGATION: [S4Group; 2] = [S4Group::LitigationDirect, S4Group::LitigationAfterReview];

/// Section 四's 总计 of group `g`, when read.
fn total4(facts: &Facts, g: S4Group) -> Option<(i64, Option<Span>)> {
    let row = &facts.tables.s4.row;
    let i = s4_index(g, S4Result::Total);
    Some((row.int(i)?, row.cells.get(i).copied().flatten()))
}

fn compare(judged: &Judged, stated: &Stated, out: &mut Vec<Finding>) {
    let facts = judged.facts;
    let span = facts.norm.span(stated.range.clone());
    let Some(determined) = judged.verdict(span) else {
        return;
    };
    let total = |row: S3Row| repaired_total(judged, row);
    let n = stated.value;
    let (rule, expected, cells, message) = match stated.what {
        Quantity::Received => {
            let Some((new, cell)) = total(S3Row::New) else {
                return;
            };
            let carried = total(S3Row::CarriedOver);
            let with = carried.map(|(c, _)| new + c);
            if n == new || Some(n) == with {
                return;
            }
            let also = with.map_or(String::new(), |w| format!("（加上年结转共{w}件）"));
            let message = format!("正文说收到申请{n}件，第三部分「一、本年新收政府信息公开申请数量」的总计为{new}件{also}");
            (&P001, new, vec![cell, carried.and_then(|c| c.1)], message)
        }
        Quantity::Answered => {
            let Some((t, cell)) = total(S3Row::Total) else {
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
                (S3Row::CarryForward, "四、结转下年度继续办理")
            } else {
                (S3Row::CarriedOver, "二、上年结转政府信息公开申请数量")
            };
            let Some((t, cell)) = total(key) else {
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
                .map(|&row| total(row))
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
            let groups: &[S4Group] = match stated.what {
                Quantity::Review => &[S4Group::Review],
                Quantity::Litigation => &LITIGATION,
                _ => &S4Group::ALL,
            };
            let Some(parts) = groups
                .iter()
                .map(|&g| repaired_total4(judged, g))
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
    let finding = Finding::new(rule, Some(span), message).related(cells.into_iter().flatten());
    // A value is proposed for the prose only when the diagnosis puts the error there; a
    // count outside the ledger (a received count of unclear reading) proposes none either.
    out.push(if determined {
        finding.values(expected, n)
    } else {
        finding
    });
}

/// Section 四's 总计 of group `g` as the diagnosis repairs it, and its cell.
fn repaired_total4(judged: &Judged, g: S4Group) -> Option<(i64, Option<Span>)> {
    let (written, cell) = total4(judged.facts, g)?;
    let value = judged
        .diagnosis
        .repair(Qty::S4(g, S4Result::Total))
        .map_or(written, |r| r.value);
    Some((value, cell))
}

/// Section 三's 总计 of row `key` as the diagnosis repairs it (as written when it names no
/// repair), and its cell.
fn repaired_total(judged: &Judged, row: S3Row) -> Option<(i64, Option<Span>)> {
    let (written, cell) = total(judged.facts, row)?;
    let value = judged
        .diagnosis
        .repair(Qty::S3(Row3::Row(row), S3Col::Total))
        .map_or(written, |r| r.value);
    Some((value, cell))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{pointed, report};
    use crate::rules::tests::findings;

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
        for agrees in [
            "办结的申请中，因本机关不掌握等原因无法提供6件，因重复申请等原因不予处理3件。",
            "办结的申请中，因本机关不掌握、没有现成信息等情形无法提供6件。",
        ] {
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
}
