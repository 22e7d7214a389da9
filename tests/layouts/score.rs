//! Scores what `nianbao::check` read against a [`Filled`] report's truth, cell by cell.
//!
//! Every cell of sections 二 (6 rows), 三 (25 × 7) and 四 (15) gets one [`Outcome`]:
//!
//! - **Correct**: the value read equals the truth; or the truth is 0 and the value is null with a
//!   T010 (blank cell, counted as 0) finding naming the cell's row (for section 四: a T010 about
//!   section 四); or the cell does not exist in the report's format and the value is null.
//! - **Flagged**: the value is null and an uncertainty finding covers the cell (below).
//! - **Warned**: a value was read and it is wrong, but a T006 finding covering the cell says the
//!   reading was chosen by an identity and must be checked. Not silent, but not right either.
//! - **Silent**: anything else — a wrong value, or a null nobody explained. Must never happen.
//!
//! **Coverage.** An uncertainty finding is one whose rule is in [`UNCERTAIN`] (T001 row missing,
//! T005 numbers do not fit, T006 fitted by identity, T008 table without heading, T009 numbers of
//! no row, T011 table unreadable, A005 identities not checked). It covers a cell when
//! - its message names the cell's row by the template label in 「」 (T001, T005, T006, T014 do),
//!   or its `items` list the label (when there are too many rows to name in the message), or
//! - it is about the cell's whole table: the rule is T008, T009, T011 or A005, or the cell is in
//!   section 四 (one row, so T005 and T006 are about the table), and the table the message names
//!   first (`第二部分`, `第三部分`, `第四部分`) is the cell's table. T008 is always about section
//!   四 (its message names section 三 only as the place after which section 四 was found).

use super::{CellRef, Filled, Format};
use nianbao::report::{Diagnostic, Number, Report};
use nianbao::template::{
    s3_index, Group2, S2_FEE_KEY, S2_GROUPS, S2_GROUPS_2019, S3_COLUMNS, S3_LEAF_RANGE,
    S3_OLD_OTHER, S3_OTHER_RANGE, S3_ROWS, S4_GROUPS,
};

/// Rules whose findings say a reading is uncertain.
pub const UNCERTAIN: [&str; 8] = [
    "T001", "T005", "T006", "T008", "T009", "T011", "T014", "A005",
];

/// Rules whose findings are about a whole table.
const TABLE_WIDE: [&str; 4] = ["T008", "T009", "T011", "A005"];

/// How one cell was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Correct,
    Flagged,
    Warned,
    Silent,
}

/// The truth of one cell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Truth {
    Int(i64),
    Dec(f64),
    /// The cell does not exist in the report's format: it must be null.
    Absent,
}

/// Row index used for the 2019 single （六）其他处理 row (`extra_rows`, key `other`).
const OLD_OTHER_ROW: usize = 25;

/// One cell compared.
#[derive(Clone, Debug)]
pub struct CellScore {
    /// 2, 3 or 4.
    pub table: u8,
    pub row: usize,
    pub col: usize,
    pub outcome: Outcome,
    pub what: String,
}

/// The comparison of one report.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub cells: Vec<CellScore>,
}

impl Score {
    /// How many cells had this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.cells.iter().filter(|c| c.outcome == outcome).count()
    }

    /// The cells that were not read correctly, described.
    pub fn misses(&self, outcome: Outcome) -> impl Iterator<Item = &CellScore> {
        self.cells.iter().filter(move |c| c.outcome == outcome)
    }

    /// The score of one cell.
    pub fn cell(&self, table: u8, row: usize, col: usize) -> Option<&CellScore> {
        self.cells
            .iter()
            .find(|c| (c.table, c.row, c.col) == (table, row, col))
    }

    fn outcome(&self, table: u8, row: usize, col: usize) -> Option<Outcome> {
        self.cell(table, row, col).map(|c| c.outcome)
    }
}

fn table_name(table: u8) -> &'static str {
    match table {
        2 => "第二部分",
        3 => "第三部分",
        _ => "第四部分",
    }
}

/// The table a finding's message names first.
fn table_of(d: &Diagnostic) -> Option<u8> {
    if d.rule == "T008" {
        return Some(4);
    }
    [2u8, 3, 4]
        .into_iter()
        .filter_map(|t| d.message.find(table_name(t)).map(|at| (at, t)))
        .min()
        .map(|(_, t)| t)
}

/// True when `d` names a row with one of `labels`: in its message, or among its items (the rows
/// a message too long to name them all leaves to the list).
fn names_row(d: &Diagnostic, labels: &[&str]) -> bool {
    labels
        .iter()
        .any(|l| d.message.contains(&format!("「{l}」")) || d.items.iter().any(|i| i == l))
}

/// True when `d` is an uncertainty finding covering a cell of `table` in a row with `labels`.
fn covers(d: &Diagnostic, table: u8, labels: &[&str]) -> bool {
    UNCERTAIN.contains(&d.rule)
        && (names_row(d, labels)
            || (table_of(d) == Some(table) && (TABLE_WIDE.contains(&d.rule) || table == 4)))
}

fn blank_noted(d: &Diagnostic, table: u8, labels: &[&str]) -> bool {
    d.rule == "T010" && (names_row(d, labels) || (table == 4 && table_of(d) == Some(4)))
}

fn same(got: Number, truth: Truth) -> bool {
    let as_f64 = match got {
        Number::Int(i) => i as f64,
        Number::Dec(d) => d,
    };
    match (got, truth) {
        (Number::Int(a), Truth::Int(b)) => a == b,
        (_, Truth::Dec(b)) => (as_f64 - b).abs() < 1e-9,
        _ => false,
    }
}

fn is_zero(truth: Truth) -> bool {
    matches!(truth, Truth::Int(0)) || truth == Truth::Dec(0.0)
}

fn judge(
    report: &Report,
    table: u8,
    labels: &[&str],
    got: Option<Number>,
    truth: Truth,
) -> Outcome {
    let any = |f: &dyn Fn(&Diagnostic) -> bool| report.diagnostics.iter().any(f);
    match got {
        Some(v) if same(v, truth) => Outcome::Correct,
        None if truth == Truth::Absent => Outcome::Correct,
        None if is_zero(truth) && any(&|d| blank_noted(d, table, labels)) => Outcome::Correct,
        None if any(&|d| covers(d, table, labels)) => Outcome::Flagged,
        Some(_) if any(&|d| d.rule == "T006" && covers(d, table, labels)) => Outcome::Warned,
        _ => Outcome::Silent,
    }
}

fn show(v: Option<Number>) -> String {
    match v {
        None => "null".into(),
        Some(Number::Int(i)) => i.to_string(),
        Some(Number::Dec(d)) => d.to_string(),
    }
}

/// Compares every cell of the report with the truth.
pub fn score(f: &Filled, report: &Report) -> Score {
    let mut out = Score::default();
    let mut push =
        |table: u8, row: usize, col: usize, labels: &[&str], got: Option<Number>, truth: Truth| {
            let outcome = judge(report, table, labels, got, truth);
            out.cells.push(CellScore {
                table,
                row,
                col,
                outcome,
                what: format!(
                    "{} 「{}」 col {col}: read {}, truth {truth:?}",
                    table_name(table),
                    labels[0],
                    show(got)
                ),
            });
        };
    for (key, label, truths) in s2_truth(f) {
        let row = report.tables.s2.rows.iter().find(|r| r.key == key);
        let got = row.map(|row| row.values.clone()).unwrap_or_default();
        let r = s2_rows(f).position(|(k, _, _)| k == key).unwrap_or(0);
        for (c, truth) in truths.into_iter().enumerate() {
            push(2, r, c, &[label], got.get(c).copied().flatten(), truth);
        }
    }
    for (r, def) in S3_ROWS.iter().enumerate() {
        let got = report
            .tables
            .s3
            .rows
            .get(r)
            .map(|row| row.values.clone())
            .unwrap_or_default();
        let old = f.format == Format::Y2019 && S3_OTHER_RANGE.contains(&r);
        for c in 0..7 {
            let truth = if old {
                Truth::Absent
            } else {
                Truth::Int(f.s3[r][c])
            };
            push(3, r, c, &[def.label], got.get(c).copied().flatten(), truth);
        }
    }
    if f.format == Format::Y2019 {
        let got = report
            .tables
            .s3
            .extra_rows
            .iter()
            .find(|r| r.key == S3_OLD_OTHER.key);
        let mut labels = vec![S3_OLD_OTHER.label];
        labels.extend(S3_ROWS[S3_OTHER_RANGE].iter().map(|r| r.label));
        for c in 0..7 {
            let v = got.and_then(|r| r.values.get(c).copied().flatten());
            push(
                3,
                OLD_OTHER_ROW,
                c,
                &labels,
                v,
                Truth::Int(f.s3[S3_OTHER_RANGE.start][c]),
            );
        }
    }
    for c in 0..15 {
        let v = report.tables.s4.values.get(c).copied().flatten();
        push(4, 0, c, &["第四部分"], v, Truth::Int(f.s4[c]));
    }
    out
}

/// Section 二's rows of the report's format: (key, label, columns).
fn s2_rows(f: &Filled) -> impl Iterator<Item = (&'static str, &'static str, usize)> {
    let template: &'static [Group2] = match f.format {
        Format::Y2021 => &S2_GROUPS,
        Format::Y2019 => &S2_GROUPS_2019,
    };
    template.iter().flat_map(|g| {
        g.rows
            .iter()
            .map(move |r| (r.key, r.label, g.columns.len()))
    })
}

/// Section 二's truth, row by row in the report's format (the 2019 format is read as what it
/// is: its own rows and columns).
fn s2_truth(f: &Filled) -> Vec<(&'static str, &'static str, Vec<Truth>)> {
    s2_rows(f)
        .zip(&f.s2)
        .map(|((key, label, _), values)| {
            let fee = f.format == Format::Y2021 && key == S2_FEE_KEY;
            let truths = values
                .iter()
                .map(|v| {
                    if fee {
                        Truth::Dec(*v as f64 / 10_000.0)
                    } else {
                        Truth::Int(*v)
                    }
                })
                .collect();
            (key, label, truths)
        })
        .collect()
}

/// An identity a changed cell breaks: (rule, text its message must contain, cells as
/// (table, row, column)).
type Identity = (&'static str, String, Vec<(u8, usize, usize)>);

/// For an inconsistent report whose identities over the changed cell were all read correctly:
/// what the diagnosis got wrong. The changed cell must be named — one A007 at the cell proposing
/// its true value, or (when the identities cannot settle it) an A001–A004 finding on an
/// identity it breaks — and no finding may propose a value for any other cell.
pub fn missing_arithmetic(f: &Filled, report: &Report, score: &Score) -> Vec<String> {
    let Some(changed) = f.changed else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let at = changed_cell(f, report, changed);
    for d in &report.diagnostics {
        if d.expected.is_some() && d.rule.starts_with('A') && d.span.map(|s| s.start) != at {
            out.push(format!(
                "{} proposes {:?} for another cell than the changed {:?}",
                d.rule, d.expected, changed.cell
            ));
        }
    }
    let read = wanted(f, changed).into_iter().all(|(_, _, cells)| {
        cells
            .iter()
            .all(|&(t, r, c)| score.outcome(t, r, c) == Some(Outcome::Correct))
    });
    if read && changed_caught(f, report) == Some(false) {
        out.push(format!(
            "the changed cell is not named (changed {:?} {} → {})",
            changed.cell, changed.from, changed.to
        ));
    }
    out
}

/// Where the changed cell stands in the report's text.
fn changed_cell(f: &Filled, report: &Report, changed: super::Changed) -> Option<u32> {
    match changed.cell {
        CellRef::S3 { row, col } => {
            let rows = if f.format == Format::Y2019 && S3_OTHER_RANGE.contains(&row) {
                &report.tables.s3.extra_rows
            } else {
                &report.tables.s3.rows
            };
            let index = if rows.len() == 1 { 0 } else { row };
            rows.get(index)?.cells.get(col)?.map(|l| l.start)
        }
        CellRef::S4 { col } => report.tables.s4.cells.get(col)?.map(|l| l.start),
    }
}

/// True when a finding names the changed cell with its true value (A007 at the cell), and
/// with it `expected` equal to the cell's true value.
pub fn changed_named(f: &Filled, report: &Report) -> Option<bool> {
    let changed = f.changed?;
    let at = changed_cell(f, report, changed);
    Some(report.diagnostics.iter().any(|d| {
        d.rule == "A007"
            && d.span.map(|s| s.start) == at
            && at.is_some()
            && matches!(d.expected, Some(nianbao::report::Value::Int(v)) if v == changed.from)
    }))
}

/// For an inconsistent report: whether the diagnosis reports the changed cell — named with its
/// true value, or an identity it breaks named as not settled; `None` for a consistent report.
pub fn changed_caught(f: &Filled, report: &Report) -> Option<bool> {
    let changed = f.changed?;
    Some(
        changed_named(f, report) == Some(true)
            || wanted(f, changed)
                .iter()
                .any(|(rule, text, _)| reported(report, rule, text)),
    )
}

fn reported(report: &Report, rule: &str, text: &str) -> bool {
    report
        .diagnostics
        .iter()
        .any(|d| d.rule == rule && d.message.contains(text))
}

/// The identities the changed cell breaks: (rule, the text its message names, the cells).
fn wanted(f: &Filled, changed: super::Changed) -> Vec<Identity> {
    let old = f.format == Format::Y2019;
    let row_of = |r: usize| {
        if old && S3_OTHER_RANGE.contains(&r) {
            OLD_OTHER_ROW
        } else {
            r
        }
    };
    let label_of = |r: usize| {
        if r == OLD_OTHER_ROW {
            S3_OLD_OTHER.label
        } else {
            S3_ROWS[r].label
        }
    };
    let leaves: Vec<usize> = {
        let mut v: Vec<usize> = S3_LEAF_RANGE.map(row_of).collect();
        v.dedup();
        v
    };
    let key = |k: &str| s3_index(k).unwrap_or(0);
    let balance = [
        key("new"),
        key("carried_over"),
        key("total"),
        key("carry_forward"),
    ];
    let mut wanted: Vec<Identity> = Vec::new();
    match changed.cell {
        CellRef::S3 { row, col } => {
            let r = row_of(row);
            wanted.push((
                "A001",
                format!("「{}」", label_of(r)),
                (0..7).map(|c| (3, r, c)).collect(),
            ));
            let column = format!("「{}」列", S3_COLUMNS[col]);
            if leaves.contains(&r) || r == key("total") {
                let cells = leaves
                    .iter()
                    .chain([key("total")].iter())
                    .map(|&r| (3, r, col))
                    .collect();
                wanted.push(("A002", column.clone(), cells));
            }
            if balance.contains(&r) {
                wanted.push((
                    "A003",
                    column,
                    balance.iter().map(|&r| (3, r, col)).collect(),
                ));
            }
        }
        CellRef::S4 { col } => {
            let g = col / 5;
            wanted.push((
                "A004",
                S4_GROUPS[g].to_string(),
                (g * 5..g * 5 + 5).map(|c| (4, 0, c)).collect(),
            ));
        }
    }
    wanted
}
