//! Compare: the same scenario run twice, with one setting different, and
//! the first step where the two runs part ways.
//!
//! Two runs with the same seed make the same random choices until a setting
//! makes a difference, so their event logs agree step for step up to the
//! first event whose actor, kind or narration differs: that event is where
//! the setting first mattered (a `Set-Cookie` line with one more attribute,
//! a cookie left out, an ID refused). Snapshots are not compared: they
//! follow from the events.

use crate::engine::event::{Event, EventKind};

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

/// What differs at a divergence: the first line, of the two events'
/// narration and wire text (a request or a response as sent), that is not
/// the same, as A and B have it ("" where one has no such line). A
/// narration alike in both runs can hide a changed header (`; HttpOnly`):
/// the wire shows it.
pub fn changed_line(a: Option<&Event>, b: Option<&Event>) -> Option<(String, String)> {
    let lines = |e: Option<&Event>| -> Vec<String> {
        let Some(e) = e else { return Vec::new() };
        let wire = match &e.kind {
            EventKind::Request { wire, .. } | EventKind::Response { wire, .. } => wire.as_str(),
            _ => "",
        };
        e.narration
            .lines()
            .chain(wire.lines())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (lines(a), lines(b));
    (0..a.len().max(b.len())).find_map(|i| {
        let (x, y) = (
            a.get(i).cloned().unwrap_or_default(),
            b.get(i).cloned().unwrap_or_default(),
        );
        (x != y).then_some((x, y))
    })
}

/// `a` and `b` split into the part they share at the start, the part that
/// differs, and the part they share at the end: `(prefix, middle of a,
/// middle of b, suffix)`, cut at character boundaries.
pub fn split_difference<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str, &'a str, &'a str) {
    let start = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let (ra, rb) = (&a[start..], &b[start..]);
    let common_end = ra
        .chars()
        .rev()
        .zip(rb.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let (ea, eb) = (ra.len() - common_end, rb.len() - common_end);
    (&a[..start], &ra[..ea], &rb[..eb], &ra[ea..])
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
    fn httponly_shows_as_the_set_cookie_line_that_changed() {
        let s = catalog::find("login").expect("login");
        let mut other = s.settings();
        other.cookie.http_only = !other.cookie.http_only;
        let (a, b) = (run(&s, &s.settings(), Seed(1)), run(&s, &other, Seed(1)));
        let i = first_divergence(&a.events, &b.events).expect("they differ");
        let (x, y) = changed_line(a.events.get(i), b.events.get(i)).expect("a line differs");
        assert!(
            x.starts_with("Set-Cookie:") && y.starts_with("Set-Cookie:"),
            "{x} / {y}"
        );
        let (_, from, to, _) = split_difference(&x, &y);
        assert_eq!(
            format!("{from}{to}").trim_start_matches(';').trim(),
            "HttpOnly",
            "{x} / {y}"
        );
    }

    #[test]
    fn the_difference_is_cut_between_a_shared_start_and_end() {
        assert_eq!(
            split_difference("a; Path=/", "a; Path=/; Secure"),
            ("a; Path=/", "", "; Secure", "")
        );
        assert_eq!(
            split_difference("got in", "kept out"),
            ("", "got in", "kept out", "")
        );
        assert_eq!(split_difference("é x é", "é y é"), ("é ", "x", "y", " é"));
        assert_eq!(split_difference("same", "same"), ("same", "", "", ""));
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
