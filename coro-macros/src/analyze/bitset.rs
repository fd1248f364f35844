/// A fixed-size set of binding ids.
#[derive(Clone, PartialEq, Eq, Default, Debug)]
pub struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    pub fn new(len: usize) -> Self {
        BitSet { words: vec![0; len.div_ceil(64)] }
    }

    pub fn full(len: usize) -> Self {
        let mut words = vec![!0u64; len.div_ceil(64)];
        if let (Some(last), 1..) = (words.last_mut(), len % 64) {
            *last = (1 << (len % 64)) - 1;
        }
        BitSet { words }
    }

    pub fn insert(&mut self, i: usize) {
        if i / 64 >= self.words.len() {
            self.words.resize(i / 64 + 1, 0);
        }
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn union_with(&mut self, other: &BitSet) {
        self.grow(other.words.len());
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a |= b);
    }

    pub fn intersect_with(&mut self, other: &BitSet) {
        self.grow(other.words.len());
        for (i, w) in self.words.iter_mut().enumerate() {
            *w &= other.words.get(i).copied().unwrap_or(0);
        }
    }

    pub fn subtract(&mut self, other: &BitSet) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a &= !b);
    }

    fn grow(&mut self, len: usize) {
        if self.words.len() < len {
            self.words.resize(len, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

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
