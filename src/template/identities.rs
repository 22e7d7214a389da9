//! The template's identities (勾稽关系) as data: which quantities of sections 三 and 四 must
//! add up, and how. The checks (`rules/arithmetic.rs`) and the error localization
//! (`localize.rs`) read them from here; `ledger.rs` adds the identities a report brings with it
//! (counts its prose states, last year's 结转).

use super::{S3Col, S3Row, S4Group, S4Result};

/// A row of section 三 as a report may hold it: a template row, or the 2019 format's single
/// （六）其他处理 row in place of the three `other_*` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Row3 {
    Row(S3Row),
    OldOther,
}

/// A quantity the identities compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qty {
    /// A cell of section 三.
    S3(Row3, S3Col),
    /// A cell of section 四.
    S4(S4Group, S4Result),
    /// A count the prose states (index into the ledger's statements).
    Prose(usize),
    /// Last year's 四、结转下年度继续办理, column by column.
    LastForward(S3Col),
}

/// What an identity says, for naming it in messages and choosing its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A row's 总计 is the sum of the six applicant columns.
    RowTotal(Row3),
    /// A column's （七）总计 is the sum of the result rows.
    Leaves(S3Col),
    /// A column's 一 + 二 = （七）总计 + 四.
    Balance(S3Col),
    /// A group of section 四: 总计 is the sum of its four results.
    Group4(S4Group),
    /// A count stated in the prose equals the table (index into the ledger's statements).
    Prose(usize),
    /// This year's 二、上年结转 is last year's 四、结转下年度继续办理.
    CarryOver(S3Col),
}

/// One identity: the sum of `plus` equals the sum of `minus`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub kind: Kind,
    pub plus: Vec<Qty>,
    pub minus: Vec<Qty>,
}

/// The rows whose sum is （七）总计: the 21 template leaves, with the 2019 single （六） row in
/// place of its three sub-rows when the report has it.
pub fn leaves(old_other: bool) -> Vec<Row3> {
    let mut out = Vec::new();
    for row in S3Row::ALL.into_iter().filter(|r| r.is_leaf()) {
        if old_other && row.is_other() {
            if row == S3Row::Other1 {
                out.push(Row3::OldOther);
            }
            continue;
        }
        out.push(Row3::Row(row));
    }
    out
}

/// Section 三's identities: each row's total, each column's results against （七）总计, and each
/// column's balance. `old_other` when the report has the 2019 single （六）其他处理 row.
pub fn section3(old_other: bool) -> Vec<Identity> {
    let mut rows: Vec<Row3> = S3Row::ALL
        .into_iter()
        .filter(|r| !(old_other && r.is_other()))
        .map(Row3::Row)
        .collect();
    if old_other {
        rows.push(Row3::OldOther);
    }
    let mut out = Vec::new();
    for row in rows {
        out.push(Identity {
            kind: Kind::RowTotal(row),
            plus: S3Col::APPLICANTS.iter().map(|&c| Qty::S3(row, c)).collect(),
            minus: vec![Qty::S3(row, S3Col::Total)],
        });
    }
    let leaves = leaves(old_other);
    for col in S3Col::ALL {
        out.push(Identity {
            kind: Kind::Leaves(col),
            plus: leaves.iter().map(|&r| Qty::S3(r, col)).collect(),
            minus: vec![Qty::S3(Row3::Row(S3Row::Total), col)],
        });
    }
    for col in S3Col::ALL {
        let cell = |r: S3Row| Qty::S3(Row3::Row(r), col);
        out.push(Identity {
            kind: Kind::Balance(col),
            plus: vec![cell(S3Row::New), cell(S3Row::CarriedOver)],
            minus: vec![cell(S3Row::Total), cell(S3Row::CarryForward)],
        });
    }
    out
}

/// Section 四's identities: in each group, 总计 is the sum of the four results.
pub fn section4() -> Vec<Identity> {
    S4Group::ALL
        .into_iter()
        .map(|g| Identity {
            kind: Kind::Group4(g),
            plus: S4Result::PARTS.map(|r| Qty::S4(g, r)).to_vec(),
            minus: vec![Qty::S4(g, S4Result::Total)],
        })
        .collect()
}

/// The identity joining two years: this year's 上年结转 is last year's 结转下年度, per column.
pub fn carry_over() -> Vec<Identity> {
    S3Col::ALL
        .into_iter()
        .map(|col| Identity {
            kind: Kind::CarryOver(col),
            plus: vec![Qty::S3(Row3::Row(S3Row::CarriedOver), col)],
            minus: vec![Qty::LastForward(col)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section3_has_25_rows_7_columns_7_balances() {
        assert_eq!(section3(false).len(), 25 + 7 + 7);
        // The 2019 row replaces three rows: 23 row totals.
        assert_eq!(section3(true).len(), 23 + 7 + 7);
        assert_eq!(leaves(false).len(), 21);
        assert_eq!(leaves(true).len(), 19);
        assert_eq!(section4().len(), 3);
    }
}
