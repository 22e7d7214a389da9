//! The ledger: every quantity the checks compare, with its place in the text and its state,
//! and the diagnosis of the identities over them.
//!
//! Quantities are the cells of sections 三 and 四, the counts the prose states (P rules) and,
//! when last year's report is given, its 结转下年度. Identities are the template's
//! ([`crate::template::identities`]) plus those a report brings with it: each prose count
//! equals its cells, this year's 上年结转 equals last year's 结转下年度.
//!
//! [`Ledger::diagnose`] runs the error localization ([`crate::localize`]) once and says, per
//! group of failing identities, which quantity should hold which value — or that the
//! identities do not determine it. The rules only word the diagnosis.
//!
//! Weights say how people err: a cell costs 1; a cell read by its row's identity (T006) 0.8; a
//! prose count 0.6 (a sentence is cheaper to be wrong than a table that adds up); a blank cell of
//! section 三 0.5 (leaving a cell blank is a common way to get a table wrong; its row and
//! column tell it from a wrong cell). When blanks read as 0
//! leave more failures than the search can explain, blanks are read as *not filled* instead:
//! free quantities whose values the identities impute.

use crate::localize::{self, Outcome, Var};
use crate::span::Span;
use crate::tables::{Fit, RowRead};
use crate::template::identities::{self, Identity, Kind, Qty, Row3};
use crate::template::{s4_index, S3Col, S3Row, S4Group, S4Result};
use crate::Facts;

/// Weights: what it costs to explain a failure by this quantity being wrong.
const WEIGHT_CELL: f64 = 1.0;
const WEIGHT_RESOLVED: f64 = 0.8;
const WEIGHT_PROSE: f64 = 0.6;

/// One quantity: what it is, its written value (`None` when not read), whether it was left
/// blank (read as 0), where it stands, and its weight.
#[derive(Clone, Debug)]
pub struct Entry {
    pub qty: Qty,
    pub value: Option<i64>,
    pub blank: bool,
    pub span: Option<Span>,
    pub weight: f64,
}

/// A count the prose states about table quantities: the sum of `terms` is `value`.
#[derive(Clone, Debug)]
pub struct Statement {
    pub terms: Vec<Qty>,
    pub value: i64,
    pub span: Span,
    /// What it counts, for messages (`本年新收申请`).
    pub name: &'static str,
}

/// The quantities and identities of one report.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub entries: Vec<Entry>,
    pub identities: Vec<Identity>,
    pub statements: Vec<Statement>,
}

/// One repaired quantity of a determined cause.
#[derive(Clone, Debug, PartialEq)]
pub struct Repair {
    pub qty: Qty,
    pub written: i64,
    pub value: i64,
    /// The failing identities that hold this quantity: they agree on its value.
    pub agreeing: Vec<Kind>,
}

/// What the identities say about one group of failures.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// One explanation.
    Determined { repairs: Vec<Repair>, by_typo: bool },
    /// Several explanations (each a set of quantities), or none within the search's bound.
    Undetermined {
        candidates: Vec<Vec<Qty>>,
        bound: bool,
    },
}

/// One cause: the identities that fail together and the verdict on them.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    pub failing: Vec<Kind>,
    pub verdict: Verdict,
}

/// The diagnosis of a report's identities.
#[derive(Clone, Debug, Default)]
pub struct Diagnosis {
    pub causes: Vec<Cause>,
    /// Identities not checked: a term was not read.
    pub unchecked: Vec<Kind>,
    /// True when blank cells were read as not filled (see the module doc).
    pub blanks_free: bool,
    /// With `blanks_free`: the blank cells the identities give a value other than 0.
    pub imputed: Vec<(Qty, i64)>,
}

impl Ledger {
    /// The ledger of `facts`, with last year's 结转下年度 when `last` is given (and is the
    /// previous year), and the counts the prose states.
    pub fn build(facts: &Facts, last: Option<&Facts>, statements: Vec<Statement>) -> Ledger {
        let mut ledger = Ledger::default();
        let s3 = &facts.tables.s3;
        let old_other = s3.old_other.as_ref().is_some_and(|r| r.is_found());
        if s3.is_found() {
            for (row, read) in S3Row::ALL.iter().zip(&s3.rows) {
                ledger.push_row(read, |c| Qty::S3(Row3::Row(*row), c));
            }
            if let (true, Some(read)) = (old_other, &s3.old_other) {
                ledger.push_row(read, |c| Qty::S3(Row3::OldOther, c));
            }
            ledger.identities.extend(identities::section3(old_other));
        }
        let s4 = &facts.tables.s4;
        if s4.found_table {
            for g in S4Group::ALL {
                for r in S4Result::PARTS.into_iter().chain([S4Result::Total]) {
                    ledger.push_cell(&s4.row, s4_index(g, r), Qty::S4(g, r));
                }
            }
            ledger.identities.extend(identities::section4());
        }
        if let Some(last) = last.filter(|l| consecutive(facts, l)) {
            let then = last
                .tables
                .s3
                .get(S3Row::CarryForward)
                .filter(|r| r.is_found());
            if let Some(then) = then {
                for c in S3Col::ALL {
                    ledger.entries.push(Entry {
                        qty: Qty::LastForward(c),
                        value: then.int(c as usize),
                        blank: false,
                        span: None,
                        weight: WEIGHT_CELL,
                    });
                }
                ledger.identities.extend(identities::carry_over());
            }
        }
        for (i, s) in statements.iter().enumerate() {
            ledger.entries.push(Entry {
                qty: Qty::Prose(i),
                value: Some(s.value),
                blank: false,
                span: Some(s.span),
                weight: WEIGHT_PROSE,
            });
            ledger.identities.push(Identity {
                kind: Kind::Prose(i),
                plus: vec![Qty::Prose(i)],
                minus: s.terms.clone(),
            });
        }
        ledger.statements = statements;
        ledger
    }

    fn push_row(&mut self, read: &RowRead, qty: impl Fn(S3Col) -> Qty) {
        for c in S3Col::ALL {
            self.push_cell(read, c as usize, qty(c));
        }
    }

    fn push_cell(&mut self, read: &RowRead, i: usize, qty: Qty) {
        let blank = read.blank.get(i).copied().unwrap_or(false);
        // A blank weighs as a cell: where its row and its column both say it should hold a
        // number it is the one explanation anyway, and where one identity alone says so it
        // is no likelier than any other cell of that identity.
        let weight = if matches!(read.fit, Fit::Resolved { .. }) {
            WEIGHT_RESOLVED
        } else {
            WEIGHT_CELL
        };
        self.entries.push(Entry {
            qty,
            value: if read.is_found() { read.int(i) } else { None },
            blank,
            span: read.cells.get(i).copied().flatten(),
            weight,
        });
    }

    /// A copy whose quantities `values` hold other values (to try a reading of the table).
    pub fn with_values(&self, values: &[(Qty, Option<i64>)]) -> Ledger {
        let mut copy = self.clone();
        for (qty, value) in values {
            if let Some(e) = copy.entries.iter_mut().find(|e| e.qty == *qty) {
                e.value = *value;
                e.blank = false;
            }
        }
        copy
    }

    /// The entry of a quantity, if the ledger holds it.
    pub fn entry(&self, qty: Qty) -> Option<&Entry> {
        self.entries.iter().find(|e| e.qty == qty)
    }

    fn index(&self, qty: Qty) -> Option<usize> {
        self.entries.iter().position(|e| e.qty == qty)
    }

    /// The identities as the localization reads them. An identity naming a quantity the
    /// ledger does not hold (a table not found) is left out.
    fn system(&self, blanks_free: bool) -> (Vec<Var>, Vec<localize::Terms>, Vec<usize>, usize) {
        let vars: Vec<Var> = self
            .entries
            .iter()
            .map(|e| {
                let blank_sum = blanks_free && e.blank && is_sum(e.qty);
                let missing = e.value.is_none();
                Var {
                    value: if blank_sum { None } else { e.value },
                    weight: e.weight,
                    free: blank_sum || missing,
                    typed: !e.blank,
                    missing,
                }
            })
            .collect();
        let mut terms = Vec::new();
        let mut kept = Vec::new();
        for (i, id) in self.identities.iter().enumerate() {
            let plus = id.plus.iter().map(|q| Some((self.index(*q)?, 1)));
            let minus = id.minus.iter().map(|q| Some((self.index(*q)?, -1)));
            if let Some(t) = plus.chain(minus).collect::<Option<Vec<_>>>() {
                terms.push(t);
                kept.push(i);
            }
        }
        // The template's identities come first; the prose's and last year's are soft.
        let soft = kept
            .iter()
            .position(|&k| {
                self.identities
                    .get(k)
                    .is_some_and(|id| matches!(id.kind, Kind::Prose(_) | Kind::CarryOver(_)))
            })
            .unwrap_or(kept.len());
        (vars, terms, kept, soft)
    }

    /// Localizes the failures of the ledger's identities.
    pub fn diagnose(&self) -> Diagnosis {
        let first = self.diagnose_with(false);
        let bound = first
            .causes
            .iter()
            .any(|c| matches!(c.verdict, Verdict::Undetermined { bound: true, .. }));
        let blanks = self.entries.iter().any(|e| e.blank && is_sum(e.qty));
        if bound && blanks {
            self.diagnose_with(true)
        } else {
            first
        }
    }

    fn diagnose_with(&self, blanks_free: bool) -> Diagnosis {
        let (vars, terms, kept, soft) = self.system(blanks_free);
        let found = localize::localize(&vars, &terms, soft);
        let kind = |i: usize| {
            kept.get(i)
                .and_then(|&k| self.identities.get(k))
                .map(|id| id.kind)
        };
        let qty = |v: usize| self.entries.get(v).map(|e| e.qty);
        let mut causes = Vec::new();
        for component in &found.components {
            let failing: Vec<Kind> = component.failing.iter().filter_map(|&i| kind(i)).collect();
            let verdict = match &component.outcome {
                Outcome::Determined { repairs, by_typo } => Verdict::Determined {
                    repairs: repairs
                        .iter()
                        .filter_map(|&(v, value)| {
                            let q = qty(v)?;
                            let agreeing = component
                                .failing
                                .iter()
                                .filter(|&&i| {
                                    terms.get(i).is_some_and(|t| t.iter().any(|(x, _)| *x == v))
                                })
                                .filter_map(|&i| kind(i))
                                .collect();
                            Some(Repair {
                                qty: q,
                                written: vars.get(v).and_then(|x| x.value)?,
                                value,
                                agreeing,
                            })
                        })
                        .collect(),
                    by_typo: *by_typo,
                },
                Outcome::Undetermined { candidates, bound } => Verdict::Undetermined {
                    candidates: candidates
                        .iter()
                        .map(|set| set.iter().filter_map(|&v| qty(v)).collect())
                        .collect(),
                    bound: *bound,
                },
            };
            causes.push(Cause { failing, verdict });
        }
        Diagnosis {
            causes,
            unchecked: found.unchecked.iter().filter_map(|&i| kind(i)).collect(),
            blanks_free,
            imputed: found
                .imputed
                .iter()
                .filter(|&&(v, x)| x != 0 && self.entries.get(v).is_some_and(|e| e.blank))
                .filter_map(|&(v, x)| Some((qty(v)?, x)))
                .collect(),
        }
    }
}

impl Diagnosis {
    /// The repair of `qty`, when a determined cause names it.
    pub fn repair(&self, qty: Qty) -> Option<&Repair> {
        self.causes.iter().find_map(|c| match &c.verdict {
            Verdict::Determined { repairs, .. } => repairs.iter().find(|r| r.qty == qty),
            Verdict::Undetermined { .. } => None,
        })
    }

    /// True when a failing identity of some cause is `kind`.
    pub fn fails(&self, kind: Kind) -> bool {
        self.causes.iter().any(|c| c.failing.contains(&kind))
    }
}

/// True for a cell of section 三 that is a sum: the 总计 column, the （七）总计 row. A sum left
/// blank was not filled; a part left blank had nothing to count.
fn is_sum(qty: Qty) -> bool {
    matches!(
        qty,
        Qty::S3(_, S3Col::Total) | Qty::S3(Row3::Row(S3Row::Total), _)
    )
}

/// True unless both years are known and not consecutive (Y004 says so; nothing is compared).
fn consecutive(this: &Facts, last: &Facts) -> bool {
    match (this.outline.year, last.outline.year) {
        (Some(y), Some(l)) => l + 1 == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse;
    use crate::rules::tests::section3 as table;

    #[test]
    fn a_typed_applicant_cell_is_the_one_repair() {
        let text = table(&[
            ("一、本年新收政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 0]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("（一）予以公开", [0, 0, 0, 0, 0, 0, 0]),
            ("（七）总计", [0, 0, 0, 0, 0, 0, 0]),
            ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0]),
        ]);
        let facts = analyse(&text);
        let d = Ledger::build(&facts, None, Vec::new()).diagnose();
        let [cause] = d.causes.as_slice() else {
            panic!("{d:?}")
        };
        let Verdict::Determined { repairs, .. } = &cause.verdict else {
            panic!("{cause:?}")
        };
        assert_eq!(
            repairs.as_slice(),
            [Repair {
                qty: Qty::S3(Row3::Row(S3Row::New), S3Col::Natural),
                written: 3,
                value: 0,
                agreeing: vec![
                    Kind::RowTotal(Row3::Row(S3Row::New)),
                    Kind::Balance(S3Col::Natural)
                ],
            }]
        );
    }
}
