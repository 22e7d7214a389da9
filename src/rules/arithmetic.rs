//! Family A: the reconciliations (勾稽关系) of sections 三 and 四, worded from the ledger's
//! diagnosis (`ledger.rs`).
//!
//! Every identity of the template is checked wherever all its terms were read; the failing
//! ones are localized together. A cause the identities determine is one finding at the one
//! cell to fix, with `expected` (A007; A006 for a cell left blank). A cause they do not
//! determine is one finding on the failing identity (A001–A004) that names the cells that may
//! be wrong and proposes no value. An identity with a term that was not read is not checked,
//! and A005 says how many — an arithmetic check never passes silently on an empty table.
//! A blank cell reads as 0 (T010 says so once).

use super::{Finding, Rule};
use crate::ledger::{Cause, Diagnosis, Ledger, Repair, Verdict};
use crate::report::Severity::{Error, Info};
use crate::span::Span;
use crate::template::identities::{Kind, Qty, Row3};
use crate::template::{S3Col, S3Row, S3_OLD_OTHER, S4_RESULT_LABELS};
use crate::Facts;

pub(super) static A001: Rule = Rule {
    id: "A001",
    family: "arithmetic",
    title: "第三部分：总计不等于各类申请人之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分表头：“总计”列为自然人与五类法人或其他组织之和",
    what: docs!("第三部分每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。"),
    why: docs!("总计列与各列不符，说明某一格填错，全表的数字都不可信。"),
    bad: docs!("一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0"),
    good: docs!("一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3"),
    fix: docs!("核对该行各单元格，使总计等于六列之和。"),
};

pub(super) static A002: Rule = Rule {
    id: "A002",
    family: "arithmetic",
    title: "第三部分：（七）总计不等于各办理结果之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分：（二）部分公开“只计这一情形，不计其他情形”，每件申请只计入一个办理结果",
    what: docs!("每一列的“（七）总计”应等于（一）予以公开、（二）部分公开及（三）至（六）各小项之和。"),
    why: docs!("每件办结的申请只计入一个结果，结果之和与总计不符说明有漏计或重计。"),
    bad: docs!("（一）予以公开\t2…\n（七）总计\t1…"),
    good: docs!("（一）予以公开\t2…\n（七）总计\t2…"),
    fix: docs!("核对该列各办理结果，使其和等于（七）总计。"),
};

pub(super) static A003: Rule = Rule {
    id: "A003",
    family: "arithmetic",
    title: "第三部分：新收加结转不等于办结加结转下年",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分表注：本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    what: docs!("每一列：一、本年新收 + 二、上年结转 = 三、本年度办理结果的（七）总计 + 四、结转下年度继续办理。"),
    why: docs!("这是模板表格中写明的勾稽关系，不平衡说明申请数量有漏记。"),
    bad: docs!("一、本年新收…\t5…\n（七）总计\t4…\n四、结转下年度继续办理\t0…"),
    good: docs!("一、本年新收…\t5…\n（七）总计\t4…\n四、结转下年度继续办理\t1…"),
    fix: docs!("核对该列的新收、结转、办结和结转下年度数字。"),
};

pub(super) static A004: Rule = Rule {
    id: "A004",
    family: "arithmetic",
    title: "第四部分：总计不等于各结果之和",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第四部分表头：行政复议、未经复议直接起诉、复议后起诉各有“总计”",
    what: docs!("行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组中，“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。"),
    why: docs!("总计与分项不符，说明复议或诉讼案件有漏计或重计。"),
    bad: docs!("10 1 0 0 0 …（行政复议总计为0）"),
    good: docs!("10 1 0 0 11 …"),
    fix: docs!("核对该组各项，使总计等于四项之和。"),
};

pub(super) static A005: Rule = Rule {
    id: "A005",
    family: "arithmetic",
    title: "有勾稽关系无法核对",
    severity: Info,
    clause: "国办公开办函〔2021〕30号 第三、四部分勾稽关系",
    what: docs!("因为缺少行或单元格无法确定，部分勾稽关系没有核对；本提示说明有多少项未核对。"),
    why: docs!("未核对不等于核对通过，需要人工复核这些项。"),
    bad: docs!("（第三部分表格缺少（七）总计行）"),
    good: docs!("（表格完整，全部勾稽关系都能核对）"),
    fix: docs!("先处理缺少行或数字个数不符的问题，再重新检查。"),
};

pub(super) static A006: Rule = Rule {
    id: "A006",
    family: "arithmetic",
    title: "第三部分：应有数字的单元格留空",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 年度报告格式：第三部分 总计=各类申请人之和",
    what: docs!("第三部分有单元格留空（或写作“—”等），而勾稽关系表明这些格应有数字（如“总计”列在各分项行留空，只在合计行填写）；报出一次，列出各格应填的数字，代替逐行逐列的不平衡提示。"),
    why: docs!("留空是一个原因（漏填），逐行报错只会淹没真正的问题，更不应让人去改正确的合计。"),
    bad: docs!("一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t"),
    good: docs!("一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t3"),
    fix: docs!("按勾稽关系填写留空的单元格（没有的填0）。"),
};

pub(super) static A007: Rule = Rule {
    id: "A007",
    family: "arithmetic",
    title: "勾稽关系确定的错误单元格",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三、四部分勾稽关系",
    what: docs!("把第三、四部分的全部勾稽关系（以及正文所述件数、上一年报告的结转数）放在一起，找出改动最少就能使全部关系成立的单元格；只有一种改法时，指出这一格和它应有的数字。"),
    why: docs!("一个数字填错，往往使行合计、列合计等好几项关系同时不平；只报不平的合计会让人去改本来正确的数字。"),
    bad: docs!("一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0（自然人应为0，行合计和“一加二等于七加四”都表明）"),
    good: docs!("一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"),
    fix: docs!("把这一格改为提示的数字，或核对原始台账后改正。"),
};

pub(super) static A008: Rule = Rule {
    id: "A008",
    family: "arithmetic",
    title: "第三部分：整行数字错位了一列",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分表头：申请人七列的顺序",
    what: docs!("第三部分有的行首列空缺、其余数字整体右移了一列（“总计”列写的是“其他”的数）；按左移一列读，全部勾稽关系都成立。报出一次，列出这些行。"),
    why: docs!("从Word、WPS或网页复制时多出一个空单元格，整行就错了列；逐格报错只会让人去改本来正确的数字。"),
    bad: docs!("（一）予以公开\t\t7\t3\t0\t0\t0\t0"),
    good: docs!("（一）予以公开\t7\t3\t0\t0\t0\t0\t10"),
    fix: docs!("删去这些行开头多出的空格子，使数字回到各自的列，并填写“总计”。"),
};

pub(super) static A009: Rule = Rule {
    id: "A009",
    family: "arithmetic",
    title: "第三部分：一行的数字与上一行完全相同",
    severity: Error,
    clause: "国办公开办函〔2021〕30号 第三部分勾稽关系",
    what: docs!("第三部分相邻两行的七个数字完全相同，而列合计或“一加二等于七加四”不平衡：常是复制时把上一行粘贴了两次。报出一次，指出这两行。"),
    why: docs!("重复粘贴的一行自身总是平衡的，逐格报错看不出原因，也无法确定哪一格该改。"),
    bad: docs!("（一）予以公开\t7\t3\t0\t0\t0\t0\t10\n（二）部分公开\t7\t3\t0\t0\t0\t0\t10"),
    good: docs!("（一）予以公开\t7\t3\t0\t0\t0\t0\t10\n（二）部分公开\t2\t0\t0\t0\t0\t0\t2"),
    fix: docs!("按原始台账填写这一行。"),
};

/// The rules of this family, in id order.
pub(super) static RULES: &[&Rule] = &[
    &A001, &A002, &A003, &A004, &A005, &A006, &A007, &A008, &A009,
];

pub(super) fn check(facts: &Facts, ledger: &Ledger, diagnosis: &Diagnosis, out: &mut Vec<Finding>) {
    let s3 = &facts.tables.s3;
    if !s3.is_found() && facts.outline.section(3).is_some() {
        out.push(Finding::new(
            &A005,
            facts.outline.section(3).map(|h| h.span),
            "第三部分没有读出表格，勾稽关系均未核对",
        ));
    }
    let mut blanks: Vec<(Qty, i64, Vec<Kind>)> = diagnosis
        .imputed
        .iter()
        .map(|&(q, v)| (q, v, Vec::new()))
        .collect();
    // Shapes that explain a whole table's failures at once: one finding, then nothing else
    // about section 三's cells.
    let shaped = shifted(ledger, diagnosis, out) || pasted_twice(ledger, diagnosis, out);
    for cause in &diagnosis.causes {
        if shaped && cause.failing.iter().any(|k| in_section3(*k)) {
            continue;
        }
        match &cause.verdict {
            Verdict::Determined { repairs, by_typo } => {
                for repair in repairs {
                    if ledger.entry(repair.qty).is_some_and(|e| e.blank) {
                        blanks.push((repair.qty, repair.value, repair.agreeing.clone()));
                    } else if matches!(repair.qty, Qty::S3(..) | Qty::S4(..)) {
                        out.push(determined(ledger, repair, *by_typo));
                    }
                }
            }
            Verdict::Undetermined { candidates, bound } => {
                if let Some(f) = undetermined(ledger, cause, candidates, *bound) {
                    out.push(f);
                }
            }
        }
    }
    if !blanks.is_empty() {
        out.push(left_blank(ledger, &blanks, diagnosis.blanks_free));
    }
    unchecked(facts, diagnosis, out);
}

/// True for the identities of section 三's table.
fn in_section3(kind: Kind) -> bool {
    matches!(kind, Kind::RowTotal(_) | Kind::Leaves(_) | Kind::Balance(_))
}

/// The rows of section 三 whose own total fails in some cause.
fn failing_rows(diagnosis: &Diagnosis) -> Vec<Row3> {
    let mut rows: Vec<Row3> = diagnosis
        .causes
        .iter()
        .flat_map(|c| &c.failing)
        .filter_map(|k| match k {
            Kind::RowTotal(r) => Some(*r),
            _ => None,
        })
        .collect();
    crate::sort::ascending(&mut rows);
    rows.dedup();
    rows
}

/// A008: rows whose first cell is empty and whose numbers stand one column right; read one
/// column left (总计 their sum), every identity of section 三 holds. Returns true when found.
fn shifted(ledger: &Ledger, diagnosis: &Diagnosis, out: &mut Vec<Finding>) -> bool {
    let value = |r: Row3, c: S3Col| ledger.entry(Qty::S3(r, c)).and_then(|e| e.value);
    let rows: Vec<Row3> = failing_rows(diagnosis)
        .into_iter()
        .filter(|&r| value(r, S3Col::Natural) == Some(0))
        .collect();
    // The columns must show it too (a row's own total alone says nothing about a shift), in
    // a cause the identities leave open (one they settle on a cell is that cell).
    let columns = diagnosis.causes.iter().any(|c| {
        matches!(c.verdict, Verdict::Undetermined { .. })
            && c.failing
                .iter()
                .any(|k| matches!(k, Kind::Leaves(_) | Kind::Balance(_)))
    });
    // A table with identities not checked, or its sums left blank, has too few left to tell a
    // shifted row from a wrong number.
    let complete = !diagnosis.blanks_free && !diagnosis.unchecked.iter().any(|k| in_section3(*k));
    if rows.is_empty() || !columns || !complete {
        return false;
    }
    let mut moved: Vec<(Qty, Option<i64>)> = Vec::new();
    for &r in &rows {
        let mut sum = 0i64;
        for (to, from) in S3Col::APPLICANTS.iter().zip(S3Col::ALL.iter().skip(1)) {
            let v = value(r, *from);
            sum = sum.saturating_add(v.unwrap_or(0));
            moved.push((Qty::S3(r, *to), v));
        }
        moved.push((Qty::S3(r, S3Col::Total), Some(sum)));
    }
    let after = ledger.with_values(&moved).diagnose();
    if after
        .causes
        .iter()
        .any(|c| c.failing.iter().any(|k| in_section3(*k)))
    {
        return false;
    }
    let names: Vec<String> = rows
        .iter()
        .map(|r| format!("「{}」", row_label(*r)))
        .collect();
    let mut spans = rows
        .iter()
        .filter_map(|r| ledger.entry(Qty::S3(*r, S3Col::Natural))?.span);
    let first = spans.next();
    out.push(
        Finding::new(
            &A008,
            first,
            format!(
                "第三部分{}{}行的数字整体右移了一列（首列空缺，「总计」列写的是「其他」的数），左移一列后各项勾稽关系都成立",
                names.join(""),
                if rows.len() > 1 { format!("共{}", rows.len()) } else { String::new() }
            ),
        )
        .related(spans),
    );
    true
}

/// A009: two adjacent rows with the same seven numbers (not all 0), each adding up, while a
/// column of section 三 does not, and every identity holds once the lower row is left unread:
/// a row pasted twice. Returns true when found.
fn pasted_twice(ledger: &Ledger, diagnosis: &Diagnosis, out: &mut Vec<Finding>) -> bool {
    // The columns that do not add up, in causes the identities leave open; a table read with
    // its sums left blank has too few identities to tell a pasted row.
    let failing: Vec<S3Col> = diagnosis
        .causes
        .iter()
        .filter(|c| matches!(c.verdict, Verdict::Undetermined { .. }))
        .flat_map(|c| &c.failing)
        .filter_map(|k| match k {
            Kind::Leaves(c) | Kind::Balance(c) => Some(*c),
            _ => None,
        })
        .collect();
    let complete = !diagnosis.blanks_free && !diagnosis.unchecked.iter().any(|k| in_section3(*k));
    if failing.is_empty() || !complete {
        return false;
    }
    let values = |r: S3Row| -> Option<Vec<i64>> {
        S3Col::ALL
            .iter()
            .map(|&c| ledger.entry(Qty::S3(Row3::Row(r), c))?.value)
            .collect()
    };
    for pair in S3Row::ALL.windows(2) {
        let [above, below] = pair else { continue };
        let (Some(a), Some(b)) = (values(*above), values(*below)) else {
            continue;
        };
        // Every column that fails is one the pasted numbers are in.
        let covers = failing
            .iter()
            .all(|c| a.get(*c as usize).is_some_and(|&v| v != 0));
        if a != b || !covers || diagnosis.fails(Kind::RowTotal(Row3::Row(*below))) {
            continue;
        }
        // Two rows may well hold the same numbers. A pasted row is one whose numbers, left
        // unread, leave every identity of section 三 holding (its true numbers follow).
        let unread: Vec<(Qty, Option<i64>)> = S3Col::ALL
            .iter()
            .map(|&c| (Qty::S3(Row3::Row(*below), c), None))
            .collect();
        let after = ledger.with_values(&unread).diagnose();
        if after
            .causes
            .iter()
            .any(|c| c.failing.iter().any(|k| in_section3(*k)))
        {
            continue;
        }
        let at = |r: S3Row| ledger.entry(Qty::S3(Row3::Row(r), S3Col::Natural))?.span;
        out.push(
            Finding::new(
                &A009,
                at(*below),
                format!(
                    "「{}」行的七个数字与上一行「{}」完全相同，列合计因此不平衡，可能是重复粘贴了上一行",
                    below.def().label,
                    above.def().label
                ),
            )
            .related(at(*above)),
        );
        return true;
    }
    false
}

/// A row of section 三 as the template names it.
fn row_label(row: Row3) -> &'static str {
    match row {
        Row3::Row(r) => r.def().label,
        Row3::OldOther => S3_OLD_OTHER.label,
    }
}

/// A quantity as a drafter finds it: its row and column, or its place in the prose.
pub(super) fn name(ledger: &Ledger, qty: Qty) -> String {
    match qty {
        Qty::S3(row, col) => format!("「{}」行「{}」列", row_label(row), col.label()),
        Qty::S4(g, r) => format!(
            "第四部分「{}」的「{}」",
            g.label(),
            S4_RESULT_LABELS.get(r as usize).copied().unwrap_or("总计")
        ),
        Qty::Prose(i) => ledger
            .statements
            .get(i)
            .map_or("正文".to_string(), |s| format!("正文的{}", s.name)),
        Qty::LastForward(col) => {
            format!("上一年报告「四、结转下年度继续办理」「{}」列", col.label())
        }
    }
}

/// A quantity named within the one identity already said: its column in a row, its row in a
/// column, its result in a group of section 四.
fn name_within(ledger: &Ledger, qty: Qty, kind: Kind) -> String {
    match (qty, kind) {
        (Qty::S3(_, col), Kind::RowTotal(_)) => format!("「{}」列", col.label()),
        (Qty::S3(row, _), Kind::Leaves(_) | Kind::Balance(_)) => {
            format!("「{}」行", row_label(row))
        }
        (Qty::S4(_, r), Kind::Group4(_)) => format!(
            "「{}」",
            S4_RESULT_LABELS.get(r as usize).copied().unwrap_or("总计")
        ),
        _ => name(ledger, qty),
    }
}

/// An identity in a few words, for saying which identities agree.
fn short(kind: Kind) -> String {
    match kind {
        Kind::RowTotal(_) => "行合计".to_string(),
        Kind::Leaves(_) => "列合计".to_string(),
        Kind::Balance(_) => "「一加二等于七加四」".to_string(),
        Kind::Group4(g) => format!("「{}」的总计", g.label()),
        Kind::Prose(_) => "正文".to_string(),
        Kind::CarryOver(_) => "上一年报告的结转数".to_string(),
    }
}

/// `a`, `a和b`, `a、b和c`.
fn joined(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{}和{last}", head.join("、")),
    }
}

/// The sums of an identity's two sides as written, when every term was read.
fn sides(ledger: &Ledger, kind: Kind) -> Option<(i64, i64)> {
    let id = ledger.identities.iter().find(|i| i.kind == kind)?;
    let sum = |qs: &[Qty]| -> Option<i64> {
        qs.iter().try_fold(0i64, |a, q| {
            Some(a.saturating_add(ledger.entry(*q)?.value?))
        })
    };
    Some((sum(&id.plus)?, sum(&id.minus)?))
}

/// The spans of every cell an identity holds.
fn cells(ledger: &Ledger, kind: Kind) -> Vec<Span> {
    ledger
        .identities
        .iter()
        .filter(|i| i.kind == kind)
        .flat_map(|i| i.plus.iter().chain(&i.minus))
        .filter_map(|q| ledger.entry(*q)?.span)
        .collect()
}

/// A007: the one cell the identities determine.
fn determined(ledger: &Ledger, repair: &Repair, by_typo: bool) -> Finding {
    let at = ledger.entry(repair.qty).and_then(|e| e.span);
    let agreeing: Vec<String> = repair.agreeing.iter().map(|k| short(*k)).collect();
    let all = if agreeing.len() > 1 { "都" } else { "" };
    let typo = if by_typo {
        format!(
            "；改为{}只差一次按键，其他单元格都不能这样一改即平",
            repair.value
        )
    } else {
        String::new()
    };
    let mut related: Vec<Span> = repair
        .agreeing
        .iter()
        .flat_map(|k| cells(ledger, *k))
        .filter(|s| Some(*s) != at)
        .collect();
    crate::sort::by_key(&mut related, |s| (s.start, s.end));
    related.dedup();
    Finding::new(
        &A007,
        at,
        format!(
            "{}填写{}，{}{all}表明此格应为{}{typo}",
            name(ledger, repair.qty),
            repair.written,
            joined(&agreeing),
            repair.value
        ),
    )
    .values(repair.value, repair.written)
    .related(related)
}

/// The rule and the words of a failing identity of the tables; `None` for the prose's and the
/// years' identities, which their families word.
fn describe(ledger: &Ledger, kind: Kind) -> Option<(&'static Rule, String)> {
    let (plus, minus) = sides(ledger, kind)?;
    Some(match kind {
        Kind::RowTotal(row) => (
            &A001,
            format!(
                "「{}」行的六类申请人之和为{plus}，总计填写{minus}",
                row_label(row)
            ),
        ),
        Kind::Leaves(col) => (
            &A002,
            format!(
                "「{}」列的各办理结果之和为{plus}，（七）总计填写{minus}",
                col.label()
            ),
        ),
        Kind::Balance(col) => (
            &A003,
            format!(
                "「{}」列的本年新收加上年结转为{plus}，（七）总计加结转下年度为{minus}",
                col.label()
            ),
        ),
        Kind::Group4(g) => (
            &A004,
            format!("{}的四项结果之和为{plus}，总计填写{minus}", g.label()),
        ),
        Kind::Prose(_) | Kind::CarryOver(_) => return None,
    })
}

/// The cell an identity's finding points at: the total it compares.
fn anchor(ledger: &Ledger, kind: Kind) -> Option<Span> {
    ledger
        .identities
        .iter()
        .find(|i| i.kind == kind)
        .and_then(|i| i.minus.first())
        .and_then(|q| ledger.entry(*q)?.span)
}

/// A001–A004: failing identities the search could not settle on one cell: one finding on the
/// first table identity, naming the cells that may be wrong, proposing no value.
fn undetermined(
    ledger: &Ledger,
    cause: &Cause,
    candidates: &[Vec<Qty>],
    bound: bool,
) -> Option<Finding> {
    let described: Vec<(Kind, &'static Rule, String)> = cause
        .failing
        .iter()
        .filter_map(|k| describe(ledger, *k).map(|(r, m)| (*k, r, m)))
        .collect();
    let (first, rule, _) = described.first()?;
    const SAID: usize = 3;
    let mut what: Vec<&str> = described
        .iter()
        .take(SAID)
        .map(|(_, _, m)| m.as_str())
        .collect();
    let more = format!("等{}项勾稽关系不平衡", described.len());
    if described.len() > SAID {
        what.push(&more);
    }
    const SHOWN: usize = 6;
    let which = if bound {
        "改动任意3格以内都不能使全部勾稽关系平衡，超出逐格定位的范围，请逐项核对".to_string()
    } else {
        let sets: Vec<String> = candidates
            .iter()
            .take(SHOWN)
            .map(|set| {
                let names: Vec<String> = set
                    .iter()
                    .map(|q| match cause.failing.as_slice() {
                        [only] => name_within(ledger, *q, *only),
                        _ => name(ledger, *q),
                    })
                    .collect();
                names.join("与")
            })
            .collect();
        let more = if candidates.len() > SHOWN {
            format!("等{}处", candidates.len())
        } else {
            String::new()
        };
        format!(
            "改动{}{more}中任一处都能使其平衡，勾稽关系不能确定是哪一格，请核对",
            sets.join("或")
        )
    };
    let mut related: Vec<Span> = cause
        .failing
        .iter()
        .flat_map(|k| cells(ledger, *k))
        .collect();
    let at = anchor(ledger, *first);
    related.retain(|s| Some(*s) != at);
    crate::sort::by_key(&mut related, |s| (s.start, s.end));
    related.dedup();
    Some(Finding::new(rule, at, format!("{}；{which}", what.join("；"))).related(related))
}

/// A006: cells left blank that the identities give a number.
fn left_blank(ledger: &Ledger, blanks: &[(Qty, i64, Vec<Kind>)], free: bool) -> Finding {
    let spans: Vec<Span> = blanks
        .iter()
        .filter_map(|(q, _, _)| ledger.entry(*q)?.span)
        .collect();
    let mut columns: Vec<S3Col> = blanks
        .iter()
        .filter_map(|(q, _, _)| match q {
            Qty::S3(_, c) => Some(*c),
            _ => None,
        })
        .collect();
    crate::sort::ascending(&mut columns);
    columns.dedup();
    let how = if free {
        "这些格按留空未填处理，其余勾稽关系已据此核对"
    } else {
        "按0计则勾稽关系不平衡"
    };
    if let [(qty, value, agreeing)] = blanks {
        let at = ledger.entry(*qty).and_then(|e| e.span);
        let said: Vec<String> = agreeing.iter().map(|k| short(*k)).collect();
        let who = if said.is_empty() {
            "勾稽关系".to_string()
        } else {
            joined(&said)
        };
        let all = if said.len() > 1 { "都" } else { "" };
        return Finding::new(
            &A006,
            at,
            format!("{}留空，{who}{all}表明此格应为{value}", name(ledger, *qty)),
        )
        .values(*value, 0);
    }
    // Each blank with the number it should hold: in the message when few, else as items.
    let said: Vec<String> = blanks
        .iter()
        .map(|(q, v, _)| match (q, columns.as_slice()) {
            (Qty::S3(row, _), [_]) => format!("「{}」{v}", row_label(*row)),
            _ => format!("{}{v}", name(ledger, *q)),
        })
        .collect();
    let whose = match columns.as_slice() {
        [col] => format!("「{}」列有{}行", col.label(), blanks.len()),
        _ => format!("有{}个单元格", blanks.len()),
    };
    let mut spans = spans.into_iter();
    let first = spans.next();
    let message = format!("第三部分{whose}留空，而勾稽关系表明应有数字（{how}）");
    if said.len() <= super::MAX_NAMED {
        return Finding::new(&A006, first, format!("{message}：{}", said.join("、")))
            .related(spans);
    }
    // As items: the row (or cell) and the number, `一、本年新收政府信息公开申请数量：58`.
    let items = blanks
        .iter()
        .map(|(q, v, _)| match (q, columns.as_slice()) {
            (Qty::S3(row, _), [_]) => format!("{}：{v}", row_label(*row)),
            _ => format!("{}：{v}", name(ledger, *q)),
        });
    Finding::new(&A006, first, message)
        .related(spans)
        .items(items)
}

/// A005: identities of the tables not checked because a term was not read.
fn unchecked(facts: &Facts, diagnosis: &Diagnosis, out: &mut Vec<Finding>) {
    let found = |row: Row3| match row {
        Row3::Row(r) => facts
            .tables
            .s3
            .rows
            .get(r as usize)
            .is_some_and(|x| x.is_found()),
        Row3::OldOther => facts
            .tables
            .s3
            .old_other
            .as_ref()
            .is_some_and(|x| x.is_found()),
    };
    let s3 = diagnosis
        .unchecked
        .iter()
        .filter(|k| match k {
            Kind::RowTotal(row) => found(*row),
            Kind::Leaves(_) | Kind::Balance(_) => true,
            _ => false,
        })
        .count();
    if s3 > 0 {
        out.push(Finding::new(
            &A005,
            facts.outline.section(3).map(|h| h.span),
            format!("第三部分有{s3}项勾稽关系因缺少行或数字无法核对"),
        ));
    }
    let s4 = diagnosis
        .unchecked
        .iter()
        .filter(|k| matches!(k, Kind::Group4(_)))
        .count();
    if s4 > 0 {
        let row = &facts.tables.s4.row;
        out.push(Finding::new(
            &A005,
            row.span.or(facts.outline.section(4).map(|h| h.span)),
            format!("第四部分有{s4}项勾稽关系因数字无法确定无法核对"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings;
    use crate::rules::tests::section3 as table;
    use crate::template::{S3Row, S3_ROWS};

    /// A whole, consistent section 三: 12 new and 2 carried over (自然人 and 商业企业), 10
    /// granted, 2 partly, 1 denied (国家秘密), 3 carried forward.
    fn full() -> Vec<[i64; 7]> {
        let mut rows = vec![[0i64; 7]; 25];
        rows[S3Row::New as usize] = [9, 3, 0, 0, 0, 0, 12];
        rows[S3Row::CarriedOver as usize] = [2, 0, 0, 0, 0, 0, 2];
        rows[S3Row::Granted as usize] = [7, 3, 0, 0, 0, 0, 10];
        rows[S3Row::Partial as usize] = [2, 0, 0, 0, 0, 0, 2];
        rows[S3Row::Denied1 as usize] = [1, 0, 0, 0, 0, 0, 1];
        rows[S3Row::Total as usize] = [10, 3, 0, 0, 0, 0, 13];
        rows[S3Row::CarryForward as usize] = [1, 0, 0, 0, 0, 0, 1];
        rows
    }

    fn text(rows: &[[i64; 7]]) -> String {
        let labelled: Vec<(&str, [i64; 7])> = S3_ROWS
            .iter()
            .map(|r| r.label)
            .zip(rows.iter().copied())
            .collect();
        table(&labelled)
    }

    #[test]
    fn the_full_table_is_consistent() {
        assert_eq!(findings(&text(&full()), "A"), Vec::<String>::new());
    }

    #[test]
    fn one_typo_is_one_finding_at_the_typed_cell() {
        let mut rows = full();
        rows[S3Row::New as usize][1] = 6;
        let got = findings(&text(&rows), "A");
        assert_eq!(
            got,
            ["A007 error 2:20 「一、本年新收政府信息公开申请数量」行「商业企业」列填写6，行合计和「一加二等于七加四」都表明此格应为3 (3≠6)"]
        );
    }

    #[test]
    fn a_typo_in_a_total_is_named_by_three_identities() {
        let mut rows = full();
        rows[S3Row::Total as usize][0] = 1;
        let got = findings(&text(&rows), "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].contains("「（七）总计」行「自然人」列填写1，行合计、列合计和「一加二等于七加四」都表明此格应为10"),
            "{got:#?}"
        );
    }

    #[test]
    fn a_typo_in_carried_over_never_proposes_a_negative_count() {
        let mut rows = full();
        rows[S3Row::CarriedOver as usize][0] = 3;
        let got = findings(&text(&rows), "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].contains("「二、上年结转政府信息公开申请数量」行「自然人」列填写3"),
            "{got:#?}"
        );
        assert!(got[0].contains("此格应为2"), "{got:#?}");
        assert!(!got[0].contains('-'), "{got:#?}");
    }

    #[test]
    fn a_total_column_blank_in_the_leaves_is_one_finding_and_the_totals_stand() {
        // The 2019–2020 web shape: 总计 blank in every result row, filled in 一、二 and （七）.
        let mut lines: Vec<String> = Vec::new();
        let rows = full();
        for (def, v) in S3_ROWS.iter().zip(&rows) {
            let key = def.key;
            let mut cells: Vec<String> = v.iter().map(i64::to_string).collect();
            if !matches!(key, "new" | "carried_over" | "total" | "carry_forward") {
                cells[6] = "—".to_string();
            }
            lines.push(format!("{}\t{}", def.label, cells.join("\t")));
        }
        let text = format!("三、收到和处理政府信息公开申请情况\n{}\n", lines.join("\n"));
        let got = findings(&text, "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].starts_with("A006 error") && got[0].contains("「总计」列有3行留空"),
            "{got:#?}"
        );
        assert!(got[0].contains("「（一）予以公开」10"), "{got:#?}");
        assert!(
            !got[0].contains("13≠") && !got[0].contains("应为0"),
            "{got:#?}"
        );
    }

    #[test]
    fn a_total_column_blank_everywhere_is_one_finding() {
        let text = table(&[
            ("一、本年新收政府信息公开申请数量", [2, 1, 0, 0, 0, 0, 0]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("（七）总计", [2, 1, 0, 0, 0, 0, 0]),
        ])
        .replace("\t0\n", "\t—\n");
        let got = findings(&text, "A006");
        assert_eq!(
            got,
            ["A006 error 2:30 第三部分「总计」列有2行留空，而勾稽关系表明应有数字（按0计则勾稽关系不平衡）：「一、本年新收政府信息公开申请数量」3、「（七）总计」3"],
        );
    }

    #[test]
    fn a_lone_row_leaves_the_cell_undetermined_and_proposes_nothing() {
        let text = table(&[("一、本年新收政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 0])]);
        let got = findings(&text, "A001");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].contains("不能确定是哪一格"), "{got:#?}");
        assert!(!got[0].contains('≠'), "no expected value: {got:#?}");
    }

    #[test]
    fn unread_rows_are_counted_not_zero() {
        let text = table(&[
            ("一、本年新收政府信息公开申请数量", [5, 0, 0, 0, 0, 0, 5]),
            ("（七）总计", [4, 0, 0, 0, 0, 0, 4]),
        ]);
        let got = findings(&text, "A00");
        assert!(got.iter().any(|f| f.starts_with("A005 info")), "{got:#?}");
        assert!(
            !got.iter()
                .any(|f| f.starts_with("A002") || f.starts_with("A003")),
            "{got:#?}"
        );
    }

    #[test]
    fn section4_a_swapped_total_is_determined_by_the_typo() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n4 9 0 0 31 0 0 0 0 0 0 0 0 0 0\n";
        let got = findings(text, "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].starts_with("A007")
                && got[0].contains("「行政复议」的「总计」填写31")
                && got[0].contains("(13≠31)"),
            "{got:#?}"
        );
    }

    #[test]
    fn section4_an_unsettled_group_names_its_cells() {
        // 1 + 0 + 0 + 0 ≠ 2: the total or any result could be the typo.
        let text = "四、政府信息公开行政复议、行政诉讼情况\n1 0 0 0 2 0 0 0 0 0 0 0 0 0 0\n";
        let got = findings(text, "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].starts_with("A004") && got[0].contains("不能确定"),
            "{got:#?}"
        );
    }

    #[test]
    fn section4_a_total_below_its_parts_is_the_only_repair() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n10 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        let got = findings(text, "A");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].contains("此格应为11 (11≠0)"), "{got:#?}");
    }
}
