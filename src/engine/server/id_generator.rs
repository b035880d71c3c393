//! How session IDs are made, from hopeless to sound.
//!
//! Each [`IdGenerator`] has a pure [`IdGenerator::generate`]: given the
//! server's counter, the time and the run's random generator it returns the
//! next ID. The world uses it for the shop; the Session-ID lab calls it on
//! its own to make a hundred thousand IDs and measure them.

use crate::engine::choice::choice_enum;
use crate::engine::clock::UnixTime;
use crate::engine::digest::fnv1a_64;
use crate::engine::rng::SimRng;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A session ID as the server issues it and the cookie carries it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SessionId(pub String);

impl SessionId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a generator may draw from: the server's count of IDs issued so far
/// and the clock. Randomness comes separately, from the run's [`SimRng`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdInput {
    pub counter: u64,
    pub now: UnixTime,
}

choice_enum! {
    /// A way of making session IDs. The option labels are the defense
    /// panel's words; [`IdGenerator::label`] is the name the Session-ID lab
    /// and the narration use.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum IdGenerator {
        /// 1001, 1002, 1003...: whoever sees one ID knows all the others.
        SequentialCounter = ("sequential", "sequential counter"),
        /// The issue time in milliseconds: guessable from when the victim logged in.
        Timestamp = ("timestamp", "timestamp"),
        /// A hash of the counter: looks random, but anyone who knows the scheme
        /// can hash 1, 2, 3... too.
        HashedCounter = ("hashed-counter", "hash of a counter"),
        /// 64 bits from a cryptographic generator, as 16 hex digits.
        Csprng64 = ("csprng-64", "random, 64 bits"),
        /// 128 bits from a cryptographic generator, as 32 hex digits (OWASP's
        /// advice: at least 64 bits of entropy).
        Csprng128 = ("csprng-128", "random, 128 bits"),
    }
}

/// The base of the sequential counter, so IDs look like 1001, 1002...
pub const SEQUENTIAL_BASE: u64 = 1000;

impl IdGenerator {
    /// The next ID. `input.counter` is how many IDs were issued before this
    /// one; only the CSPRNG generators touch `rng`.
    pub fn generate(self, input: IdInput, rng: &mut SimRng) -> SessionId {
        let n = input.counter.saturating_add(1);
        match self {
            IdGenerator::SequentialCounter => {
                SessionId(SEQUENTIAL_BASE.saturating_add(n).to_string())
            }
            IdGenerator::Timestamp => SessionId(input.now.millis().to_string()),
            IdGenerator::HashedCounter => SessionId(hashed_counter(n)),
            IdGenerator::Csprng64 => SessionId(rng.hex(8)),
            IdGenerator::Csprng128 => SessionId(rng.hex(16)),
        }
    }

    /// Bits an attacker who knows the scheme still has to guess: zero for
    /// the predictable ones.
    pub fn unpredictable_bits(self) -> u32 {
        match self {
            IdGenerator::SequentialCounter
            | IdGenerator::Timestamp
            | IdGenerator::HashedCounter => 0,
            IdGenerator::Csprng64 => 64,
            IdGenerator::Csprng128 => 128,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IdGenerator::SequentialCounter => "sequential counter",
            IdGenerator::Timestamp => "timestamp",
            IdGenerator::HashedCounter => "hash of a counter",
            IdGenerator::Csprng64 => "CSPRNG, 64 bits",
            IdGenerator::Csprng128 => "CSPRNG, 128 bits",
        }
    }

    /// One sentence for students.
    pub fn explanation(self) -> &'static str {
        match self {
            IdGenerator::SequentialCounter => {
                "Each new session gets the next number, so one ID reveals its neighbours."
            }
            IdGenerator::Timestamp => {
                "The ID is the time it was issued, so knowing roughly when Alice logged in narrows it to a few thousand values."
            }
            IdGenerator::HashedCounter => {
                "The ID is a hash of a counter: it looks random, but hashing 1, 2, 3... reproduces every ID."
            }
            IdGenerator::Csprng64 => {
                "64 random bits from a cryptographic generator: nobody can compute the next ID, so an attacker can only guess, and how long that takes depends on how fast they guess and how many sessions are live."
            }
            IdGenerator::Csprng128 => {
                "128 random bits from a cryptographic generator: nobody can compute the next ID, and each extra bit doubles the guesses an attacker needs."
            }
        }
    }
}

/// The hashed-counter scheme: a 64-bit hash of the counter in decimal
/// (FNV-1a, then the splitmix64 finalizer so every output bit depends on
/// every input bit), as 16 hex digits. It stands for the MD5-of-a-counter
/// IDs real applications have shipped: the output passes the statistical
/// tests token analyzers run, yet anyone who knows the scheme computes the
/// next ID.
pub fn hashed_counter(n: u64) -> String {
    format!("{:016x}", mix64(fnv1a_64(n.to_string().as_bytes())))
}

/// splitmix64's output function (Steele, Lea and Flood, 2014): a bijection
/// with full avalanche, so a weak hash's structure does not show.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;

    fn input(counter: u64) -> IdInput {
        IdInput {
            counter,
            now: UnixTime(1_772_442_000_000),
        }
    }

    #[test]
    fn sequential_ids_follow_each_other() {
        let mut rng = SimRng::new(Seed(1));
        let a = IdGenerator::SequentialCounter.generate(input(0), &mut rng);
        let b = IdGenerator::SequentialCounter.generate(input(1), &mut rng);
        assert_eq!((a.as_str(), b.as_str()), ("1001", "1002"));
    }

    #[test]
    fn csprng_ids_have_their_length_and_differ() {
        let mut rng = SimRng::new(Seed(1));
        let a = IdGenerator::Csprng128.generate(input(0), &mut rng);
        let b = IdGenerator::Csprng128.generate(input(0), &mut rng);
        assert_eq!(a.as_str().len(), 32);
        assert_ne!(a, b);
        assert_eq!(
            IdGenerator::Csprng64
                .generate(input(0), &mut rng)
                .as_str()
                .len(),
            16
        );
    }

    #[test]
    fn hashed_counter_is_reproducible_by_anyone() {
        let mut rng = SimRng::new(Seed(1));
        let id = IdGenerator::HashedCounter.generate(input(41), &mut rng);
        assert_eq!(id.as_str(), hashed_counter(42));
    }
}
