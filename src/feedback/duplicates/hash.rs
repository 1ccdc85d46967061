//! Fixed 64-bit hashes: the same text gives the same shingles, signatures and buckets on
//! every run and every machine, which `RandomState` would not.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over bytes: tiny and fixed, good enough to name a word or a character.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    pub(super) fn new() -> Self {
        Fnv1a(Self::OFFSET)
    }

    pub(super) fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    pub(super) fn write_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.write(c.encode_utf8(&mut buf).as_bytes());
    }

    pub(super) fn finish(self) -> u64 {
        self.0
    }
}

/// SplitMix64's finaliser: spreads every input bit over the whole output, so hashes
/// built by chaining it are safe to bucket by their low bits.
pub(super) fn mix64(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// An order-sensitive hash of a short sequence of hashes (a shingle's words, a band's
/// rows), salted so different kinds of sequence never share values by construction.
pub(super) fn combine(salt: u64, parts: impl IntoIterator<Item = u64>) -> u64 {
    parts
        .into_iter()
        .fold(mix64(salt), |acc, part| mix64(acc ^ part))
}

/// SplitMix64: a fixed-seed generator for the MinHash coefficients.
#[derive(Debug, Clone)]
pub(super) struct SplitMix64(u64);

impl SplitMix64 {
    pub(super) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }
}

/// A hasher for keys that are already well-mixed 64-bit hashes: passing them through
/// saves rehashing millions of bucket keys.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Premixed(u64);

impl Hasher for Premixed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for keys that are not `u64`; fold them in rather than drop them.
        for &byte in bytes {
            self.0 = mix64(self.0 ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

pub(super) type PremixedState = BuildHasherDefault<Premixed>;
