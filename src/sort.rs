//! Sorting through one shared instance of the standard library's stable sort.
//!
//! `slice::sort_by` and its relatives are generic over the element type and the comparison, so
//! every call site compiles its own copy of the sort: 2–10 KB of WebAssembly each, 61 KB for the
//! crate's fifteen sorts, a ninth of the page's module. Here a call sorts the positions `0..n`
//! with the comparison behind a `dyn` reference — one instance of the standard stable sort for the
//! whole crate — and then moves the elements into that order.
//!
//! Invariant: the result is the standard stable sort's, element for element (a stable sort's
//! output is fixed by the comparison). The crate's unstable sorts became these stable ones only
//! where equal elements are identical (numbers, keys, sets of indices), so their order is the same
//! too. A comparison that calls back into the sort, or panics, is not supported (none does).

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`, as `slice::sort_by` does.
pub(crate) fn by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v = &*v;
        positions(v.len(), &mut |a, b| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(v, order);
}

/// Sorts `v` stably by `key`, as `slice::sort_by_key` does.
pub(crate) fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, as `slice::sort` does.
pub(crate) fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The positions `0..n` in the order `compare` sorts them, stably: the one instance of the
/// standard sort.
fn positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `v` so that its `i`-th element is the one at `order[i]` before, cycle by cycle.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        // Walk the cycle through `start`: each swap puts one element in its place and carries
        // the element that was at `start` along to the cycle's last place.
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, DONE);
            if from == DONE || from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    /// A small deterministic generator, so a failure names the case that failed.
    fn numbers(seed: u64, n: usize, range: u64) -> Vec<u64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (s >> 33) % range
            })
            .collect()
    }

    #[test]
    fn the_same_order_as_the_standard_stable_sort() {
        for seed in 0..300 {
            let n = (seed % 70) as usize;
            let keys = numbers(seed, n, 1 + seed % 9);
            // Pairs (key, original position): the position tells whether equal keys kept their order.
            let items: Vec<(u64, usize)> = keys.into_iter().zip(0..).collect();
            let mut ours = items.clone();
            super::by_key(&mut ours, |&(k, _)| k);
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "seed {seed}");
            // A comparison of whole elements, descending by key.
            let descending = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0);
            let mut ours = items.clone();
            super::by(&mut ours, descending);
            let mut std = items;
            std.sort_by(descending);
            assert_eq!(ours, std, "seed {seed}, descending");
        }
    }

    #[test]
    fn ascending_owned_values() {
        let mut words: Vec<String> = ["丙", "甲", "乙", "甲", ""].map(String::from).to_vec();
        super::ascending(&mut words);
        assert_eq!(words, ["", "丙", "乙", "甲", "甲"]);
        let mut one = vec![1];
        super::ascending(&mut one);
        assert_eq!(one, [1]);
        let mut none: Vec<u8> = Vec::new();
        super::ascending(&mut none);
        assert!(none.is_empty());
    }
}
