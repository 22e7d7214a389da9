//! Error localization over the identities of a report (Fellegi–Holt, as statistical offices
//! edit survey tables).
//!
//! The input is a small linear system: quantities with their written values, and identities
//! `Σ coef·x = 0` over them. When identities fail, the question is which written values are
//! wrong. Fellegi and Holt's answer: the smallest (weighted) set of quantities whose change can
//! make every identity hold, the satisfied ones included. Our systems are tiny (a section 三
//! has 175 cells and 39 identities), so an exact search over sets of one, two, then three
//! quantities is enough; its work is bounded, and the result says when the bound was hit.
//!
//! Among equally light explanations, the one whose repaired values are each one keystroke
//! from what is written (a digit replaced, two adjacent digits swapped, a digit dropped or
//! doubled) wins: the typing-error step of Scholtus (2009).
//!
//! Quantities marked *free* (cells left blank, when blank is read as "not filled") are not
//! explanations themselves: they are eliminated from the identities first, and their values
//! follow from the repaired ones (deductive imputation). A repair that would make a count
//! negative, a free value included, is never an explanation.
//!
//! The search is pure integer and float arithmetic on indices; `ledger.rs` says what the
//! quantities and identities are.

use crate::sets::Sets;

/// The largest explanation searched: sets of one, two, then three quantities.
pub const MAX_SET: usize = 3;

/// The most search nodes spent on one component before giving up (and saying so).
pub const NODE_BUDGET: usize = 50_000;

/// One quantity of the system.
#[derive(Clone, Copy, Debug)]
pub struct Var {
    /// The written value; `None` when it was not read (its identities are not checked).
    pub value: Option<i64>,
    /// What it costs to explain a failure by this quantity being wrong.
    pub weight: f64,
    /// A blank read as "not filled": eliminated, then imputed.
    pub free: bool,
    /// False for a quantity nobody typed (a blank cell): never preferred as a typing error.
    pub typed: bool,
    /// With `free`: a quantity that was not read (a missing row or column, a row read with
    /// doubt). Its defining identity is counted as not checked.
    pub missing: bool,
}

/// An identity `Σ coef·x = 0` over the system's quantities.
pub type Terms = Vec<(usize, i64)>;

/// What the search found for one group of failing identities that share quantities.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// The failing identities (indices into the input), each once. An identity a free
    /// quantity's definition was combined into is named by itself.
    pub failing: Vec<usize>,
    pub outcome: Outcome,
}

/// The diagnosis of one component.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// One explanation: these quantities should hold these values.
    Determined {
        repairs: Vec<(usize, i64)>,
        /// True when the typing-error preference chose among equally light explanations.
        by_typo: bool,
    },
    /// Several explanations (each a set of quantities), or none within the bound.
    Undetermined {
        candidates: Vec<Vec<usize>>,
        /// True when the search stopped at its bound before it was complete.
        bound: bool,
    },
}

/// The whole result: the components, the identities not checked, and the free quantities'
/// values where the identities determine them (after the repairs of determined components).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Localization {
    pub components: Vec<Component>,
    /// Identities with a term that was not read.
    pub unchecked: Vec<usize>,
    /// The imputed value of each free quantity, when determined.
    pub imputed: Vec<(usize, i64)>,
}

/// An identity after the free quantities were eliminated: its terms over written quantities
/// and the input identities it was combined from (its own first).
#[derive(Clone, Debug)]
struct Reduced {
    terms: Terms,
    sources: Vec<usize>,
    soft: bool,
}

/// A free quantity's defining identity, kept for imputing it afterwards.
#[derive(Clone, Debug)]
struct Pivot {
    var: usize,
    terms: Terms,
    /// The input identity it was.
    source: usize,
}

/// Localizes the errors of `identities` over `vars`. Identities from `soft` on (the prose's,
/// last year's) define a free quantity only when no identity before them holds it.
pub fn localize(vars: &[Var], identities: &[Terms], soft: usize) -> Localization {
    let mut out = Localization::default();
    let known = |v: usize| vars.get(v).is_some_and(|x| x.value.is_some() || x.free);
    let mut reduced: Vec<Reduced> = Vec::new();
    for (i, terms) in identities.iter().enumerate() {
        if terms.iter().all(|&(v, _)| known(v)) {
            reduced.push(Reduced {
                terms: terms.clone(),
                sources: vec![i],
                soft: i >= soft,
            });
        } else {
            out.unchecked.push(i);
        }
    }
    let (reduced, pivots, emptied) = eliminate(vars, reduced);
    out.unchecked.extend(emptied);
    out.unchecked.extend(
        pivots
            .iter()
            .filter(|p| vars.get(p.var).is_some_and(|x| x.missing))
            .map(|p| p.source),
    );
    crate::sort::ascending(&mut out.unchecked);
    out.unchecked.dedup();
    let system = Reduce { vars, reduced };
    let residuals: Vec<i64> = system.reduced.iter().map(|r| system.residual(r)).collect();
    let failing: Vec<usize> = (0..system.reduced.len())
        .filter(|&i| residuals.get(i).is_some_and(|&r| r != 0))
        .collect();
    let mut repaired: Vec<Option<i64>> = vars.iter().map(|v| v.value).collect();
    for group in components(&system.reduced, &failing) {
        let outcome = system.search(&group, &residuals, &pivots);
        if let Outcome::Determined { repairs, .. } = &outcome {
            for &(v, value) in repairs {
                if let Some(slot) = repaired.get_mut(v) {
                    *slot = Some(value);
                }
            }
        }
        // Each failing identity as given: a reduced identity's first source is its own; the
        // others are the definitions of free quantities combined into it.
        let mut sources: Vec<usize> = group
            .iter()
            .filter_map(|&g| system.reduced.get(g)?.sources.first().copied())
            .collect();
        crate::sort::ascending(&mut sources);
        sources.dedup();
        out.components.push(Component {
            failing: sources,
            outcome,
        });
    }
    out.imputed = impute(&pivots, &repaired)
        .into_iter()
        .filter_map(|(v, x)| Some((v, x?)))
        .collect();
    out
}

/// Eliminates every free quantity: one identity holding it defines it (a pivot) and is
/// combined into the others that hold it. Returns the identities over written quantities, the
/// pivots in elimination order, and the input identities left with no term.
fn eliminate(vars: &[Var], mut reduced: Vec<Reduced>) -> (Vec<Reduced>, Vec<Pivot>, Vec<usize>) {
    let mut pivots = Vec::new();
    for (f, var) in vars.iter().enumerate() {
        if !var.free {
            continue;
        }
        // The shortest identity of the tables holding f defines it: combined identities stay
        // short, and a prose count never stands in for a cell when a table identity can.
        let Some((p, _)) = reduced
            .iter()
            .enumerate()
            .filter(|(_, r)| coef(&r.terms, f) != 0)
            .min_by_key(|(_, r)| (r.soft, r.terms.len()))
        else {
            continue;
        };
        let pivot = reduced.swap_remove(p);
        let a = coef(&pivot.terms, f);
        for other in &mut reduced {
            let b = coef(&other.terms, f);
            if b == 0 {
                continue;
            }
            // a·other − b·pivot has no f.
            let mut terms: Terms = Vec::new();
            for &(v, c) in other.terms.iter() {
                add(&mut terms, v, c.saturating_mul(a));
            }
            for &(v, c) in pivot.terms.iter() {
                add(&mut terms, v, c.saturating_mul(-b));
            }
            other.terms = terms;
            other.sources.extend(pivot.sources.iter().copied());
        }
        pivots.push(Pivot {
            var: f,
            terms: pivot.terms,
            source: pivot.sources.first().copied().unwrap_or(0),
        });
    }
    // An identity left with no term says nothing (it held whatever the free values were).
    let emptied = reduced
        .iter()
        .filter(|r| r.terms.is_empty())
        .filter_map(|r| r.sources.first().copied())
        .collect();
    reduced.retain(|r| !r.terms.is_empty());
    (reduced, pivots, emptied)
}

fn coef(terms: &Terms, v: usize) -> i64 {
    terms
        .iter()
        .filter(|&&(x, _)| x == v)
        .map(|&(_, c)| c)
        .sum()
}

fn add(terms: &mut Terms, v: usize, c: i64) {
    if let Some(slot) = terms.iter_mut().find(|(x, _)| *x == v) {
        slot.1 = slot.1.saturating_add(c);
    } else {
        terms.push((v, c));
    }
    terms.retain(|&(_, c)| c != 0);
}

/// The free quantities' values from their pivots, given the other quantities' values (last
/// eliminated first, so each pivot's other free terms are known when it is solved).
fn impute(pivots: &[Pivot], values: &[Option<i64>]) -> Vec<(usize, Option<i64>)> {
    let mut values = values.to_vec();
    let mut out = Vec::new();
    for pivot in pivots.iter().rev() {
        let a = coef(&pivot.terms, pivot.var);
        let rest: Option<i64> = pivot
            .terms
            .iter()
            .filter(|&&(v, _)| v != pivot.var)
            .try_fold(0i64, |acc, &(v, c)| {
                Some(acc.saturating_add(c.saturating_mul(values.get(v).copied().flatten()?)))
            });
        let value = rest.and_then(|r| (a != 0 && r % a == 0).then(|| -r / a));
        if let Some(slot) = values.get_mut(pivot.var) {
            *slot = value;
        }
        out.push((pivot.var, value));
    }
    out.reverse();
    out
}

/// Groups the failing identities by the connected parts of the whole system: two failing
/// identities are searched together when a chain of identities (failing or not) joins them,
/// since an explanation may pass through identities that hold (two cells of one row that
/// balance each other out). Sections 三 and 四 are separate parts; prose counts join theirs.
fn components(reduced: &[Reduced], failing: &[usize]) -> Vec<Vec<usize>> {
    let mut sets = Sets::new(reduced.len());
    // The first identity holding each quantity, by quantity index.
    let mut first_seen: Vec<Option<usize>> = Vec::new();
    for (i, r) in reduced.iter().enumerate() {
        for &(v, _) in &r.terms {
            if first_seen.len() <= v {
                first_seen.resize(v + 1, None);
            }
            match first_seen.get(v).copied().flatten() {
                Some(other) => sets.join(i, other),
                None => {
                    if let Some(slot) = first_seen.get_mut(v) {
                        *slot = Some(i);
                    }
                }
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in failing {
        let r = sets.find(i);
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, members)) => members.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    groups.into_iter().map(|(_, m)| m).collect()
}

/// The reduced system and the search over it.
struct Reduce<'a> {
    vars: &'a [Var],
    reduced: Vec<Reduced>,
}

/// One feasible explanation: its quantities, its weight, and its repaired values when unique.
struct Explanation {
    set: Vec<usize>,
    weight: f64,
    repairs: Option<Vec<(usize, i64)>>,
}

impl Reduce<'_> {
    fn value(&self, v: usize) -> i64 {
        self.vars.get(v).and_then(|x| x.value).unwrap_or(0)
    }

    fn weight(&self, v: usize) -> f64 {
        self.vars.get(v).map_or(1.0, |x| x.weight)
    }

    fn residual(&self, r: &Reduced) -> i64 {
        r.terms.iter().fold(0i64, |acc, &(v, c)| {
            acc.saturating_add(c.saturating_mul(self.value(v)))
        })
    }

    /// The bounded search for one component.
    fn search(&self, group: &[usize], residuals: &[i64], pivots: &[Pivot]) -> Outcome {
        let candidates: Vec<Vec<usize>> = group
            .iter()
            .map(|&i| {
                self.reduced.get(i).map_or(Vec::new(), |r| {
                    r.terms
                        .iter()
                        .map(|&(v, _)| v)
                        .filter(|&v| self.vars.get(v).is_some_and(|x| !x.free))
                        .collect()
                })
            })
            .collect();
        let lightest = candidates
            .iter()
            .flatten()
            .map(|&v| self.weight(v))
            .fold(f64::INFINITY, f64::min);
        let mut found: Vec<Explanation> = Vec::new();
        let mut best = f64::INFINITY;
        let mut nodes = 0usize;
        let mut bound = false;
        for size in 1..=MAX_SET {
            if size as f64 * lightest > best + 1e-9 {
                break;
            }
            let mut seen: Vec<Vec<usize>> = Vec::new();
            let mut chosen = Vec::new();
            if !covers(&candidates, size, &mut chosen, &mut seen, &mut nodes) {
                bound = true;
            }
            // The same set is reached in several orders: once each.
            crate::sort::ascending(&mut seen);
            seen.dedup();
            for set in seen {
                let weight: f64 = set.iter().map(|&v| self.weight(v)).sum();
                if weight > best + 1e-9 {
                    continue;
                }
                if let Some(repairs) = self.solve(&set, residuals, pivots) {
                    best = best.min(weight);
                    found.push(Explanation {
                        set,
                        weight,
                        repairs,
                    });
                }
            }
            if bound {
                break;
            }
        }
        // No explanation of at most MAX_SET quantities: the search is incomplete beyond them.
        bound |= found.is_empty();
        found.retain(|e| e.weight <= best + 1e-9);
        crate::sort::by(&mut found, |a, b| a.set.cmp(&b.set));
        if let [only] = found.as_slice() {
            if let Some(repairs) = &only.repairs {
                if !bound {
                    return Outcome::Determined {
                        repairs: repairs.clone(),
                        by_typo: false,
                    };
                }
            }
        }
        let typos: Vec<&Explanation> = found
            .iter()
            .filter(|e| {
                e.repairs.as_ref().is_some_and(|r| {
                    r.iter().all(|&(v, new)| {
                        self.vars.get(v).is_some_and(|x| x.typed)
                            && one_keystroke(self.value(v), new)
                    })
                })
            })
            .collect();
        if let ([only], false) = (typos.as_slice(), bound) {
            if let Some(repairs) = &only.repairs {
                return Outcome::Determined {
                    repairs: repairs.clone(),
                    by_typo: true,
                };
            }
        }
        Outcome::Undetermined {
            candidates: found.into_iter().map(|e| e.set).collect(),
            bound,
        }
    }

    /// Whether changing exactly the quantities of `set` can make every identity hold: `None`
    /// when not; `Some(Some(repairs))` when the identities give each one value (whole, never
    /// negative, each different from what is written, free values never negative);
    /// `Some(None)` when they leave a choice.
    #[allow(clippy::type_complexity)]
    fn solve(
        &self,
        set: &[usize],
        residuals: &[i64],
        pivots: &[Pivot],
    ) -> Option<Option<Vec<(usize, i64)>>> {
        let k = set.len();
        // The identities holding a quantity of the set: Σ coef·d = −residual.
        let mut rows: Vec<(Vec<f64>, f64, usize)> = Vec::new();
        for (i, r) in self.reduced.iter().enumerate() {
            let coefs: Vec<f64> = set.iter().map(|&v| coef(&r.terms, v) as f64).collect();
            if coefs.iter().any(|&c| c != 0.0) {
                let res = residuals.get(i).copied().unwrap_or(0);
                rows.push((coefs, -(res as f64), i));
            }
        }
        let mut m: Vec<(Vec<f64>, f64)> = rows.iter().map(|(c, r, _)| (c.clone(), *r)).collect();
        let (pivot_cols, _) = eliminate_rows(&mut m, k)?;
        if pivot_cols.len() < k {
            return Some(None);
        }
        let mut d = vec![0.0f64; k];
        for (r, &col) in pivot_cols.iter().enumerate().rev() {
            let (coefs, rhs) = m.get(r)?;
            let rest: f64 = coefs.iter().zip(&d).skip(col + 1).map(|(c, x)| c * x).sum();
            let pivot = coefs.get(col)?;
            *d.get_mut(col)? = (rhs - rest) / pivot;
        }
        let d: Vec<i64> = d.iter().map(|x| x.round() as i64).collect();
        // Exact check in integers: the float solution must solve the system exactly.
        for (coefs, _, i) in &rows {
            let res = residuals.get(*i).copied().unwrap_or(0);
            let lhs = coefs.iter().zip(&d).fold(0i64, |a, (&c, &x)| {
                a.saturating_add((c as i64).saturating_mul(x))
            });
            if lhs != -res {
                return None;
            }
        }
        let mut repairs = Vec::with_capacity(k);
        for (&v, &delta) in set.iter().zip(&d) {
            let new = self.value(v).saturating_add(delta);
            if delta == 0 || new < 0 {
                return None;
            }
            repairs.push((v, new));
        }
        // The free quantities must come out whole and never negative too.
        let mut values: Vec<Option<i64>> = self.vars.iter().map(|x| x.value).collect();
        for &(v, new) in &repairs {
            if let Some(slot) = values.get_mut(v) {
                *slot = Some(new);
            }
        }
        let affected = pivots
            .iter()
            .any(|p| p.terms.iter().any(|(v, _)| set.contains(v)));
        if affected
            && impute(pivots, &values)
                .iter()
                .any(|&(_, x)| x.is_some_and(|x| x < 0))
        {
            return None;
        }
        Some(Some(repairs))
    }
}

/// Gaussian elimination with partial pivoting of `m` (rows of `k` coefficients and a right
/// side), in place. Returns the pivot columns, row by row, and the rank; `None` when the rows
/// are inconsistent (a row with no coefficient left still has something to explain).
fn eliminate_rows(m: &mut [(Vec<f64>, f64)], k: usize) -> Option<(Vec<usize>, usize)> {
    let at = |row: &(Vec<f64>, f64), col: usize| row.0.get(col).copied().unwrap_or(0.0);
    let mut pivot_cols = Vec::new();
    let mut row = 0;
    for col in 0..k {
        let Some((p, _)) = m
            .iter()
            .enumerate()
            .skip(row)
            .filter(|(_, r)| at(r, col).abs() > 1e-9)
            .max_by(|(_, a), (_, b)| at(a, col).abs().total_cmp(&at(b, col).abs()))
        else {
            continue;
        };
        m.swap(row, p);
        let pivot = m.get(row)?.clone();
        let lead = at(&pivot, col);
        for other in m.iter_mut().skip(row + 1) {
            let factor = at(other, col) / lead;
            if factor != 0.0 {
                for (x, p) in other.0.iter_mut().zip(&pivot.0).skip(col) {
                    *x -= factor * p;
                }
                other.1 -= factor * pivot.1;
            }
        }
        pivot_cols.push(col);
        row += 1;
    }
    let scale = 1.0 + m.iter().map(|r| r.1.abs()).fold(0.0, f64::max);
    if m.iter().skip(row).any(|r| r.1.abs() > 1e-9 * scale) {
        return None;
    }
    Some((pivot_cols, row))
}

/// Every set of exactly `size` quantities that hits each failing identity, built by branching
/// on the quantities of the first identity not yet hit. Returns false when the node budget ran
/// out before the enumeration was complete.
fn covers(
    candidates: &[Vec<usize>],
    size: usize,
    chosen: &mut Vec<usize>,
    seen: &mut Vec<Vec<usize>>,
    nodes: &mut usize,
) -> bool {
    *nodes += 1;
    if *nodes > NODE_BUDGET {
        return false;
    }
    let open = candidates
        .iter()
        .filter(|c| !c.iter().any(|v| chosen.contains(v)))
        .min_by_key(|c| c.len());
    match open {
        None => {
            if chosen.len() == size {
                let mut set = chosen.clone();
                crate::sort::ascending(&mut set);
                seen.push(set);
            }
            true
        }
        Some(_) if chosen.len() >= size => true,
        Some(open) => {
            for &v in open {
                chosen.push(v);
                let complete = covers(candidates, size, chosen, seen, nodes);
                chosen.pop();
                if !complete {
                    return false;
                }
            }
            true
        }
    }
}

/// True when `repaired` is one keystroke from `written` in a way that tells a typing error
/// from an arithmetic one: two adjacent (different) digits swapped, one digit dropped (the
/// repaired value has it), or one doubled (the written value has it twice). A digit replaced
/// by another is left out: every one-digit count is one such keystroke from every other, so
/// it would single out a cell on no evidence.
pub fn one_keystroke(written: i64, repaired: i64) -> bool {
    if written == repaired || written < 0 || repaired < 0 {
        return false;
    }
    let w = written.to_string().into_bytes();
    let r = repaired.to_string().into_bytes();
    match w.len() as isize - r.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..w.len()).filter(|&i| w.get(i) != r.get(i)).collect();
            match diff.as_slice() {
                [a, b] => *b == a + 1 && w.get(*a) == r.get(*b) && w.get(*b) == r.get(*a),
                _ => false,
            }
        }
        // The written value has one digit more: it doubled one.
        1 => (0..w.len()).any(|i| {
            i > 0 && w.get(i) == w.get(i - 1) && {
                let mut shorter = w.clone();
                shorter.remove(i);
                shorter == r
            }
        }),
        // The written value has one digit less: it dropped one.
        -1 => (0..r.len()).any(|i| {
            let mut shorter = r.clone();
            shorter.remove(i);
            shorter == w && !(i == 0 && r.first() == Some(&b'0'))
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(values: &[i64]) -> Vec<Var> {
        values
            .iter()
            .map(|&v| Var {
                value: Some(v),
                weight: 1.0,
                free: false,
                typed: true,
                missing: false,
            })
            .collect()
    }

    /// a + b = t, c + d = u, a + c = p, b + d = q, t + u = p + q: a 2×2 table with margins.
    fn grid() -> Vec<Terms> {
        vec![
            vec![(0, 1), (1, 1), (4, -1)],
            vec![(2, 1), (3, 1), (5, -1)],
            vec![(0, 1), (2, 1), (6, -1)],
            vec![(1, 1), (3, 1), (7, -1)],
        ]
    }

    #[test]
    fn a_cell_in_two_identities_is_determined() {
        // a written 5 instead of 2.
        let v = vars(&[5, 3, 4, 1, 5, 5, 6, 4]);
        let got = localize(&v, &grid(), usize::MAX);
        assert_eq!(got.components.len(), 1);
        assert_eq!(
            got.components[0].outcome,
            Outcome::Determined {
                repairs: vec![(0, 2)],
                by_typo: false
            }
        );
        assert_eq!(got.components[0].failing, vec![0, 2]);
    }

    #[test]
    fn a_total_alone_in_its_identity_ties_and_typos_settle_it() {
        // 4 + 9 + 0 = 13, total written 31: the total is a swap away, no part is a keystroke away.
        let v = vars(&[4, 9, 0, 31]);
        let id = vec![vec![(0, 1), (1, 1), (2, 1), (3, -1)]];
        assert_eq!(
            localize(&v, &id, usize::MAX).components[0].outcome,
            Outcome::Determined {
                repairs: vec![(3, 13)],
                by_typo: true
            }
        );
    }

    #[test]
    fn an_off_by_one_alone_in_its_identity_is_not_determined() {
        let v = vars(&[4, 9, 0, 14]);
        let id = vec![vec![(0, 1), (1, 1), (2, 1), (3, -1)]];
        match &localize(&v, &id, usize::MAX).components[0].outcome {
            Outcome::Undetermined { candidates, bound } => {
                assert!(!bound);
                assert_eq!(candidates.len(), 4, "{candidates:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_repair_never_makes_a_count_negative() {
        // a + b = t and b = q, with a = 0, b = q = 2, t = 1: a would have to be −1, b would
        // break b = q, so t is the one cell.
        let v = vars(&[0, 2, 2, 1]);
        let ids = vec![vec![(0, 1), (1, 1), (3, -1)], vec![(1, 1), (2, -1)]];
        assert_eq!(
            localize(&v, &ids, usize::MAX).components[0].outcome,
            Outcome::Determined {
                repairs: vec![(3, 2)],
                by_typo: false
            }
        );
    }

    #[test]
    fn free_blanks_are_imputed_not_blamed() {
        // Row totals left blank (free) in two rows; the grand total is filled.
        // a + b = t1, c + d = t2, t1 + t2 = T.
        let mut v = vars(&[1, 2, 0, 3, 4, 0, 6]);
        v[4].free = true;
        v[5].free = true;
        v[4].value = None;
        v[5].value = None;
        let ids = vec![
            vec![(0, 1), (1, 1), (4, -1)],
            vec![(2, 1), (3, 1), (5, -1)],
            vec![(4, 1), (5, 1), (6, -1)],
        ];
        let got = localize(&v, &ids, usize::MAX);
        assert!(got.components.is_empty(), "{got:?}");
        let mut imputed = got.imputed.clone();
        imputed.sort_unstable();
        assert_eq!(imputed, vec![(4, 3), (5, 3)]);
    }

    #[test]
    fn unread_terms_leave_the_identity_unchecked() {
        let mut v = vars(&[1, 2, 4]);
        v[1].value = None;
        let got = localize(&v, &[vec![(0, 1), (1, 1), (2, -1)]], usize::MAX);
        assert_eq!(got.unchecked, vec![0]);
        assert!(got.components.is_empty());
    }

    #[test]
    fn keystrokes() {
        assert!(one_keystroke(31, 13));
        assert!(!one_keystroke(7, 8), "a replaced digit is no evidence");
        assert!(!one_keystroke(17, 18));
        assert!(one_keystroke(122, 12));
        assert!(!one_keystroke(120, 12));
        assert!(one_keystroke(12, 102));
        assert!(one_keystroke(1223, 123));
        assert!(!one_keystroke(123, 321));
        assert!(!one_keystroke(5, 15 * 2));
        assert!(!one_keystroke(5, 5));
        assert!(!one_keystroke(12, 1200));
    }
}
