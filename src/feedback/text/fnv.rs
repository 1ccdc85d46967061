//! FNV-1a, a fast hasher for the static word sets looked up once per word (SipHash
//! costs more than the lookup is worth). Not collision-resistant against crafted
//! keys, which does not matter for sets built from constants.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

pub(super) struct Fnv(u64);

/// FNV-1a of `bytes`: the same in every build, so ids made from it are too.
pub(in crate::feedback) fn hash(bytes: &[u8]) -> u64 {
    let mut fnv = Fnv::default();
    fnv.write(bytes);
    fnv.finish()
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv(OFFSET_BASIS)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
}

pub(super) type FnvSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
pub(super) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv1a_values() {
        let hash = |bytes: &[u8]| {
            let mut hasher = Fnv::default();
            hasher.write(bytes);
            hasher.finish()
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn sets_find_their_words() {
        let set: FnvSet<&str> = ["환불", "refund"].into_iter().collect();
        assert!(set.contains("환불") && set.contains("refund") && !set.contains("order"));
    }
}
