//! Compare: the same scenario run twice, with one setting different, and
//! the first step where the two runs part ways.
//!
//! Two runs with the same seed make the same random choices until a setting
//! makes a difference, so their event logs agree step for step up to the
//! first event whose actor, kind or narration differs: that event is where
//! the setting first mattered (a `Set-Cookie` line with one more attribute,
//! a cookie left out, an ID refused). Snapshots are not compared: they
//! follow from the events.

use crate::engine::event::Event;

/// The index of the first event that differs between `a` and `b`, or the
/// length of the shorter log if one is a prefix of the other; `None` when
/// the logs are the same.
pub fn first_divergence(a: &[Event], b: &[Event]) -> Option<usize> {
    let same =
        |x: &Event, y: &Event| x.actor == y.actor && x.kind == y.kind && x.narration == y.narration;
    match a.iter().zip(b).position(|(x, y)| !same(x, y)) {
        Some(i) => Some(i),
        None if a.len() != b.len() => Some(a.len().min(b.len())),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    #[test]
    fn httponly_changes_the_first_set_cookie_and_the_verdict() {
        let scenarios = catalog();
        let s = scenarios
            .iter()
            .find(|s| s.id == "hijack-xss")
            .expect("hijack-xss");
        let base = s.settings();
        let mut other = base.clone();
        other.cookie.http_only = true;
        let (a, b) = (run(s, &base, Seed(1)), run(s, &other, Seed(1)));
        let i = first_divergence(&a.events, &b.events).expect("they differ");
        // Everything before the divergence is the same.
        assert_eq!(a.events[..i], b.events[..i]);
        // The first difference is the server's cookie, long before the verdict.
        assert!(i < a.events.len() / 2, "{i}");
        assert_ne!(
            a.verdict.map(|v| v.attacker_got_in),
            b.verdict.map(|v| v.attacker_got_in)
        );
    }

    #[test]
    fn identical_runs_do_not_diverge_and_prefixes_do() {
        let scenarios = catalog();
        let s = &scenarios[0];
        let a = run(s, &s.settings(), Seed(1));
        assert_eq!(first_divergence(&a.events, &a.events), None);
        let short = &a.events[..3];
        assert_eq!(first_divergence(short, &a.events), Some(3));
        assert_eq!(first_divergence(&[], &a.events), Some(0));
    }
}
