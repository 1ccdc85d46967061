//! Disjoint sets over document indices whose root is always the set's smallest index,
//! so groups come out the same whatever order links were found in.

#[derive(Debug, Clone)]
pub(super) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(super) fn new(len: usize) -> Self {
        UnionFind {
            parent: (0..len).collect(),
        }
    }

    /// The root of `item`'s set, halving the path on the way.
    pub(super) fn find(&mut self, mut item: usize) -> usize {
        while let Some(&parent) = self.parent.get(item).filter(|&&p| p != item) {
            let grandparent = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(item) {
                *slot = grandparent;
            }
            item = grandparent;
        }
        item
    }

    /// Joins two sets under the smaller of their roots.
    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (root, child) = (ra.min(rb), ra.max(rb));
        if let Some(slot) = self.parent.get_mut(child) {
            *slot = root;
        }
    }

    /// Adds every link of `other` (over the same items) to these sets.
    pub(super) fn absorb(&mut self, other: &mut UnionFind) {
        for item in 0..other.parent.len() {
            let root = other.find(item);
            if root != item {
                self.union(item, root);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_the_smallest_members() {
        let mut sets = UnionFind::new(6);
        sets.union(4, 5);
        sets.union(5, 2);
        sets.union(3, 1);
        assert_eq!(
            (0..6).map(|i| sets.find(i)).collect::<Vec<_>>(),
            [0, 1, 2, 1, 2, 2]
        );
    }

    #[test]
    fn absorbing_merges_the_links_of_both() {
        let (mut left, mut right) = (UnionFind::new(5), UnionFind::new(5));
        left.union(3, 4);
        right.union(4, 1);
        right.union(0, 2);
        left.absorb(&mut right);
        assert_eq!(
            (0..5).map(|i| left.find(i)).collect::<Vec<_>>(),
            [0, 1, 0, 1, 1]
        );
    }
}
