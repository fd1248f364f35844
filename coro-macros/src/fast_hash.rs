//! Hash maps and sets with a cheap hasher for the macro's own small keys (ids, positions,
//! names). Cargo builds proc macros unoptimized in dev profiles, where std's SipHash was a
//! tenth of the macro's running time; nothing here hashes input an attacker chooses.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// The multiply-rotate hash of rustc's `FxHasher`.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::{FastMap, FastSet};

    #[test]
    fn maps_and_sets_find_what_was_inserted() {
        let mut m: FastMap<(usize, usize), String> = FastMap::default();
        for i in 0..500 {
            m.insert((i, i * 7), format!("v{i}"));
        }
        assert!((0..500).all(|i| m[&(i, i * 7)] == format!("v{i}")));
        assert!(!m.contains_key(&(1, 1)));
        let s: FastSet<String> = (0..300).map(|i| format!("name_{i}")).collect();
        assert!(s.contains("name_299") && !s.contains("name_300"));
    }
}
