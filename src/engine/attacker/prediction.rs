//! How the attacker predicts session IDs, in the scenarios and in the
//! Session-ID lab alike: both recognise a hashed counter with
//! [`hashed_counter_of`], so they search equally far.
//!
//! - [`guess_ids`]: the IDs a scenario's attacker tries, nearest the newest
//!   ID the shop issued them.
//! - [`predict_next`]: what the lab's predictor makes of the last IDs.

use crate::engine::rng::SimRng;
use crate::engine::server::id_generator::{hashed_counter, IdGenerator, SessionId};

/// How far anyone who suspects a hashed counter counts (hashing 1, 2, 3...)
/// before giving up. The scenarios' counters are far below it; the lab's
/// studies make up to this many IDs.
pub const HASH_SEARCH_LIMIT: u64 = 200_000;

/// The counter whose hash is `id`, if `id` looks like a hashed counter (16
/// hexadecimal digits) and the counter is at most [`HASH_SEARCH_LIMIT`].
pub fn hashed_counter_of(id: &str) -> Option<u64> {
    if id.len() != 16 {
        return None;
    }
    (1..=HASH_SEARCH_LIMIT).find(|n| hashed_counter(*n) == id)
}

/// The attacker's guesses, from the IDs the shop issued them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdGuesses {
    /// The generator whose output the samples fit, if any.
    pub scheme: Option<IdGenerator>,
    pub candidates: Vec<SessionId>,
}

/// Guesses `attempts` IDs. If the samples fit a predictable scheme, the
/// guesses are the values nearest the newest sample, on both sides (the
/// victim's session was issued shortly before or after it); otherwise they
/// are random IDs of the same shape.
pub fn guess_ids(samples: &[SessionId], attempts: u32, rng: &mut SimRng) -> IdGuesses {
    let n = u64::from(attempts);
    let Some(latest) = samples.last() else {
        return IdGuesses {
            scheme: None,
            candidates: Vec::new(),
        };
    };
    let own = |c: &SessionId| samples.contains(c);
    if let Ok(value) = latest.0.parse::<u64>() {
        let scheme = if value >= 1_000_000_000_000 {
            IdGenerator::Timestamp
        } else {
            IdGenerator::SequentialCounter
        };
        // Nearest first, on both sides: s-1, s+1, s-2, s+2...
        let candidates = (1..=n)
            .flat_map(|d| [value.checked_sub(d), value.checked_add(d)])
            .flatten()
            .map(|v| SessionId(v.to_string()))
            .filter(|c| !own(c))
            .take(attempts as usize)
            .collect();
        return IdGuesses {
            scheme: Some(scheme),
            candidates,
        };
    }
    if let Some(counter) = hashed_counter_of(&latest.0) {
        let candidates = (1..=n)
            .flat_map(|d| {
                [
                    counter.checked_sub(d).filter(|c| *c > 0),
                    counter.checked_add(d),
                ]
            })
            .flatten()
            .map(|c| SessionId(hashed_counter(c)))
            .filter(|c| !own(c))
            .take(attempts as usize)
            .collect();
        return IdGuesses {
            scheme: Some(IdGenerator::HashedCounter),
            candidates,
        };
    }
    let bytes = latest.0.len() / 2;
    let candidates = (0..attempts).map(|_| SessionId(rng.hex(bytes))).collect();
    IdGuesses {
        scheme: None,
        candidates,
    }
}

/// What the predictor made of the last IDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextIdPrediction {
    /// The IDs go up by the same step: the next is exactly known.
    Counter { step: u64, next: String },
    /// The IDs go up by varying steps: the next lies in a window.
    Window { guess: String, low: u64, high: u64 },
    /// The IDs are the hash of 1, 2, 3...: the next is that of the next number.
    HashedCounter { counter: u64, next: String },
    /// Nothing found: as far as these tricks go, unpredictable.
    NoPattern,
}

impl NextIdPrediction {
    /// The ID to try first, if any.
    pub fn guess(&self) -> Option<&str> {
        match self {
            NextIdPrediction::Counter { next, .. }
            | NextIdPrediction::HashedCounter { next, .. } => Some(next),
            NextIdPrediction::Window { guess, .. } => Some(guess),
            NextIdPrediction::NoPattern => None,
        }
    }

    /// How many guesses cover the prediction (0 when there is none).
    pub fn candidates(&self) -> u64 {
        match self {
            NextIdPrediction::Counter { .. } | NextIdPrediction::HashedCounter { .. } => 1,
            NextIdPrediction::Window { low, high, .. } => {
                high.saturating_sub(*low).saturating_add(1)
            }
            NextIdPrediction::NoPattern => 0,
        }
    }

    /// Whether `actual` is the guess or inside the window.
    pub fn covers(&self, actual: &str) -> bool {
        match self {
            NextIdPrediction::Window { low, high, .. } => actual
                .parse::<u64>()
                .is_ok_and(|n| (*low..=*high).contains(&n)),
            other => other.guess() == Some(actual),
        }
    }

    /// One sentence for students.
    pub fn describe(&self) -> String {
        match self {
            NextIdPrediction::Counter { step, .. } => {
                format!("The IDs go up by {step} each time: the next one is known.")
            }
            NextIdPrediction::Window { low, high, .. } => format!(
                "The IDs are growing numbers with varying gaps: the next lies between {low} and {high}, {} values to try.",
                high.saturating_sub(*low).saturating_add(1)
            ),
            NextIdPrediction::HashedCounter { counter, .. } => format!(
                "These are hashes of 1, 2, 3...: the last one is the hash of {counter}, so the next is the hash of {}.",
                counter.saturating_add(1)
            ),
            NextIdPrediction::NoPattern => {
                "No pattern found: from the previous IDs the next one cannot be computed.".into()
            }
        }
    }
}

/// Guesses the next ID from `history` (oldest first), knowing nothing but
/// the IDs and the usual tricks.
pub fn predict_next(history: &[String]) -> NextIdPrediction {
    let numbers: Option<Vec<u64>> = history
        .iter()
        .map(|s| {
            if s.len() < 20 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u64>().ok()
            } else {
                None
            }
        })
        .collect();
    if let Some(numbers) = numbers.filter(|n| n.len() >= 2) {
        let deltas: Option<Vec<u64>> = numbers
            .windows(2)
            .map(|w| match w {
                [a, b] => b.checked_sub(*a),
                _ => None,
            })
            .collect();
        if let (Some(deltas), Some(&last)) = (deltas, numbers.last()) {
            let min = deltas.iter().copied().min().unwrap_or(0);
            let max = deltas.iter().copied().max().unwrap_or(0);
            if min == max && min > 0 {
                return NextIdPrediction::Counter {
                    step: min,
                    next: last.saturating_add(min).to_string(),
                };
            }
            // A few dozen deltas at most (the lab keeps 20 IDs): the small
            // sort, not another instantiation of the standard one.
            let mut sorted = deltas.clone();
            crate::engine::small_sort::by_key(&mut sorted, |d| *d);
            let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
            return NextIdPrediction::Window {
                guess: last.saturating_add(median).to_string(),
                low: last.saturating_add(min),
                high: last.saturating_add(max),
            };
        }
    }
    // A 16-hex-digit ID: perhaps the well-known hash of a counter.
    if let Some(first) = history.first().filter(|s| s.len() == 16) {
        if let Some(n) = hashed_counter_of(first) {
            let consistent = history
                .iter()
                .enumerate()
                .all(|(i, id)| hashed_counter(n + i as u64) == *id);
            if consistent {
                let last = n + history.len() as u64 - 1;
                return NextIdPrediction::HashedCounter {
                    counter: last,
                    next: hashed_counter(last + 1),
                };
            }
        }
    }
    NextIdPrediction::NoPattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;

    #[test]
    fn sequential_samples_predict_their_neighbours() {
        let mut rng = SimRng::new(Seed(1));
        let p = guess_ids(&[SessionId("1003".into())], 2, &mut rng);
        assert_eq!(p.scheme, Some(IdGenerator::SequentialCounter));
        assert_eq!(
            p.candidates,
            vec![SessionId("1002".into()), SessionId("1004".into())]
        );
    }

    #[test]
    fn hashed_counters_are_recognised() {
        let mut rng = SimRng::new(Seed(1));
        let p = guess_ids(&[SessionId(hashed_counter(7))], 1, &mut rng);
        assert_eq!(p.scheme, Some(IdGenerator::HashedCounter));
        assert_eq!(p.candidates, vec![SessionId(hashed_counter(6))]);
    }

    #[test]
    fn random_ids_get_random_guesses() {
        let mut rng = SimRng::new(Seed(1));
        let p = guess_ids(
            &[SessionId("0123456789abcdef0123456789abcdef".into())],
            3,
            &mut rng,
        );
        assert_eq!(p.scheme, None);
        assert_eq!(p.candidates.len(), 3);
        assert_eq!(p.candidates[0].0.len(), 32);
    }
}
