//! Randomness as an input.
//!
//! Every random choice in a run (a session ID, a CSRF token) comes from one
//! ChaCha20 generator seeded with a [`Seed`]. The seed travels with the
//! shareable link, so the same seed and settings replay the same run byte for
//! byte, natively and in the browser. Only [`Seed::from_entropy`] touches the
//! operating system, and only when the caller asks for a fresh seed.

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The number a run's randomness grows from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Seed(pub u64);

impl Seed {
    /// A seed from the operating system's (or browser's) random source.
    /// Falls back to a fixed seed if none is available: a predictable
    /// classroom demo is better than a dead page.
    pub fn from_entropy() -> Self {
        let mut bytes = [0u8; 8];
        match getrandom::fill(&mut bytes) {
            Ok(()) => Seed(u64::from_le_bytes(bytes)),
            Err(_) => Seed::default(),
        }
    }
}

impl Default for Seed {
    fn default() -> Self {
        Seed(2026)
    }
}

impl fmt::Display for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The run's cryptographic random generator.
#[derive(Debug, Clone)]
pub struct SimRng(ChaCha20Rng);

impl SimRng {
    pub fn new(seed: Seed) -> Self {
        SimRng(ChaCha20Rng::seed_from_u64(seed.0))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    pub fn fill(&mut self, bytes: &mut [u8]) {
        self.0.fill_bytes(bytes);
    }

    /// `n` random bytes as lowercase hexadecimal, as session IDs are often shown.
    pub fn hex(&mut self, n: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut bytes = vec![0u8; n];
        self.fill(&mut bytes);
        // A table, not format!: the session-ID lab makes 100,000 of these.
        let mut out = String::with_capacity(n * 2);
        for b in bytes {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let mut a = SimRng::new(Seed(7));
        let mut b = SimRng::new(Seed(7));
        assert_eq!(a.hex(16), b.hex(16));
        let mut c = SimRng::new(Seed(8));
        assert_ne!(SimRng::new(Seed(7)).hex(16), c.hex(16));
    }
}
