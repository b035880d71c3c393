//! How times, IDs and sizes are written on the page. Pure, tested natively.

use crate::engine::clock::{SimTime, UnixTime};

/// A date as browser developer tools show a cookie's expiry:
/// `2026-03-02T09:00:00.000Z`.
pub fn iso_date(t: UnixTime) -> String {
    t.iso8601()
}

/// A duration in words a room can read: "14 min 30 s", "2 h 5 min".
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 if s.is_multiple_of(60) => format!("{} min", s / 60),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ if (s / 60).is_multiple_of(60) => format!("{} h", s / 3600),
        _ => format!("{} h {} min", s / 3600, (s / 60) % 60),
    }
}

/// The time left until `deadline` at `now`, or "expired".
pub fn remaining(now: SimTime, deadline: SimTime) -> String {
    if deadline <= now {
        "expired".into()
    } else {
        format!("{} left", duration(deadline.since(now)))
    }
}

/// Long IDs shortened for a table cell; the full value goes in a title.
pub fn short(s: &str, keep: usize) -> String {
    if s.chars().count() <= keep {
        s.to_string()
    } else {
        let head: String = s.chars().take(keep).collect();
        format!("{head}…")
    }
}

/// Ciphertext to draw for an encrypted message: deterministic noise of
/// roughly the message's length, so HTTPS visibly carries the same bytes,
/// unreadable. Not encryption; a picture of it.
pub fn ciphertext(wire: &str, max_chars: usize) -> String {
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::new();
    for b in wire.bytes().take(max_chars / 2) {
        state ^= u64::from(b);
        state = state.wrapping_mul(0x0100_0000_01b3);
        out.push_str(&format!("{:02x}", (state >> 24) as u8));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_known_days() {
        assert_eq!(iso_date(UnixTime(0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso_date(crate::engine::clock::SCENARIO_ORIGIN),
            "2026-03-02T09:00:00.000Z"
        );
        assert_eq!(
            iso_date(UnixTime(951_782_400_000)),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(iso_date(UnixTime(-1000)), "1969-12-31T23:59:59.000Z");
    }

    #[test]
    fn durations_read_aloud() {
        assert_eq!(duration(45_000), "45 s");
        assert_eq!(duration(15 * 60_000), "15 min");
        assert_eq!(duration(870_000), "14 min 30 s");
        assert_eq!(duration(7_500_000), "2 h 5 min");
        assert_eq!(remaining(SimTime(10), SimTime(5)), "expired");
    }
}
