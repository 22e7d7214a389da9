//! Disjoint sets (union–find) over `0..n`, with path halving: the PDF reader joins the rules
//! that cross into tables, the error localization joins identities that share quantities.

/// A partition of `0..n` into sets.
pub struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    /// `n` sets of one element each.
    pub fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `i`'s set (`i` itself when out of range).
    pub fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    /// Joins the sets of `a` and `b`.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            if let Some(slot) = self.parent.get_mut(a) {
                *slot = b;
            }
        }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True for the partition of no elements.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Sets;

    #[test]
    fn joined_elements_share_a_representative() {
        let mut s = Sets::new(5);
        s.join(0, 1);
        s.join(3, 4);
        s.join(1, 4);
        let r = s.find(0);
        assert!([1, 3, 4].iter().all(|&i| s.find(i) == r));
        assert_ne!(s.find(2), r);
        assert_eq!(s.find(9), 9);
    }
}
