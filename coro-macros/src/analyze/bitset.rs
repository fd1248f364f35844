/// A fixed-size set of binding ids. The first 128 live in a word of their own: bodies rarely
/// have more bindings, and the dataflow runs unoptimized (cargo builds proc macros without
/// optimisation), where a heap-allocated set per CFG node was most of its cost.
#[derive(Clone, PartialEq, Eq, Default, Debug)]
pub struct BitSet {
    low: u128,
    /// Ids 128 and up, 64 per word.
    high: Vec<u64>,
}

const LOW: usize = 128;

impl BitSet {
    pub fn new(len: usize) -> Self {
        BitSet { low: 0, high: vec![0; len.saturating_sub(LOW).div_ceil(64)] }
    }

    pub fn full(len: usize) -> Self {
        let low = if len >= LOW { !0 } else { (1u128 << len) - 1 };
        let rest = len.saturating_sub(LOW);
        if rest == 0 {
            return BitSet { low, high: Vec::new() };
        }
        let mut high = vec![!0u64; rest.div_ceil(64)];
        if let (Some(last), 1..) = (high.last_mut(), rest % 64) {
            *last = (1 << (rest % 64)) - 1;
        }
        BitSet { low, high }
    }

    pub fn insert(&mut self, i: usize) {
        if i < LOW {
            self.low |= 1 << i;
            return;
        }
        let i = i - LOW;
        if i / 64 >= self.high.len() {
            self.high.resize(i / 64 + 1, 0);
        }
        self.high[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        if i < LOW {
            return self.low & (1 << i) != 0;
        }
        let i = i - LOW;
        self.high.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn union_with(&mut self, other: &BitSet) {
        self.low |= other.low;
        if !other.high.is_empty() {
            self.grow(other.high.len());
            self.high.iter_mut().zip(&other.high).for_each(|(a, b)| *a |= b);
        }
    }

    pub fn intersect_with(&mut self, other: &BitSet) {
        self.low &= other.low;
        if !self.high.is_empty() || !other.high.is_empty() {
            self.grow(other.high.len());
            for (i, w) in self.high.iter_mut().enumerate() {
                *w &= other.high.get(i).copied().unwrap_or(0);
            }
        }
    }

    pub fn subtract(&mut self, other: &BitSet) {
        self.low &= !other.low;
        if !other.high.is_empty() {
            self.high.iter_mut().zip(&other.high).for_each(|(a, b)| *a &= !b);
        }
    }

    fn grow(&mut self, len: usize) {
        if self.high.len() < len {
            self.high.resize(len, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn set_operations_agree_with_a_naive_set_on_both_sides_of_the_inline_word() {
        let len = 300;
        let a: Vec<usize> = (0..len).filter(|i| i % 3 == 0 || i % 7 == 1).collect();
        let b: Vec<usize> = (0..len).filter(|i| i % 5 == 0 || *i > 250).collect();
        let set = |ids: &[usize]| {
            let mut s = BitSet::new(len);
            ids.iter().for_each(|&i| s.insert(i));
            s
        };
        let check = |s: &BitSet, expect: &dyn Fn(usize) -> bool| (0..len + 10).all(|i| s.contains(i) == (i < len && expect(i)));
        let (mut u, mut n, mut d) = (set(&a), set(&a), set(&a));
        u.union_with(&set(&b));
        n.intersect_with(&set(&b));
        d.subtract(&set(&b));
        assert!(check(&u, &|i| a.contains(&i) || b.contains(&i)));
        assert!(check(&n, &|i| a.contains(&i) && b.contains(&i)));
        assert!(check(&d, &|i| a.contains(&i) && !b.contains(&i)));
    }

    #[test]
    fn full_equals_every_bit_inserted() {
        for len in 0..200 {
            let mut one_by_one = BitSet::new(len);
            (0..len).for_each(|i| one_by_one.insert(i));
            assert_eq!(BitSet::full(len), one_by_one, "len {len}");
            assert!(!BitSet::full(len).contains(len));
        }
    }
}
