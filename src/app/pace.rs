//! Beginner's pace: a request and what answers it (the server's decisions,
//! the response, the cookies it set, what the observer read) as one step.
//! The detailed steps stay in the timeline, a click away. Which events
//! belong to the step before them is one exhaustive match: a new kind of
//! event must be placed here by whoever adds it.

use crate::engine::event::{Event, EventKind};

/// Whether `kind` continues the step of the event before it: the details
/// of an exchange already under way.
fn continues(kind: &EventKind) -> bool {
    use EventKind::*;
    match kind {
        Response { .. }
        | Server { .. }
        | CookiesProcessed { .. }
        | HstsNoted { .. }
        | Sniffed { .. }
        | ScriptInert { .. }
        | ConnectionFailed { .. } => true,
        ClockAdvanced { .. }
        | Request { .. }
        | CookiesExpired { .. }
        | BrowserClosed { .. }
        | NetworkChanged { .. }
        | HstsUpgrade { .. }
        | HttpsUpgrade { .. }
        | HttpsFallback { .. }
        | HttpsFirstWarning { .. }
        | HttpsBlocked
        | ListeningStarted
        | ScriptRan { .. }
        | AttackerLearned { .. }
        | LinkSent { .. }
        | PagePublished { .. }
        | CookiePasted { .. }
        | NothingToReplay
        | CookieDecoded { .. }
        | UserAgentCopied { .. }
        | LoggedOutBySideEffect { .. }
        | Guessed { .. }
        | ActFailed { .. }
        | Verdict { .. } => false,
    }
}

/// Whether `kind` is an upgrade the browser makes before it sends: the
/// request that follows is the same step.
fn upgrades(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::HstsUpgrade { .. } | EventKind::HttpsUpgrade { .. }
    )
}

/// Whether event `i` starts a beginner's step.
fn starts(events: &[Event], i: usize) -> bool {
    let Some(e) = events.get(i) else { return false };
    let after_upgrade =
        i > 0 && matches!(e.kind, EventKind::Request { .. }) && upgrades(&events[i - 1].kind);
    i == 0 || !(continues(&e.kind) || after_upgrade)
}

/// The first event of the beginner's step that holds event `i`.
pub fn start(events: &[Event], i: usize) -> usize {
    (0..=i).rev().find(|&k| starts(events, k)).unwrap_or(0)
}

/// Where a step forward from event `i` lands: the last event of the
/// beginner's step that holds event `i + 1` (the last event when none).
pub fn next(events: &[Event], i: usize) -> usize {
    let last = events.len().saturating_sub(1);
    (i + 2..=last)
        .find(|&k| starts(events, k))
        .map_or(last, |k| k - 1)
}

/// The last event of the beginner's step before the one that holds `i`.
pub fn previous(events: &[Event], i: usize) -> usize {
    start(events, i).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    #[test]
    fn each_step_holds_one_request_and_what_answers_it() {
        for s in catalog::catalog() {
            let events = run(&s, &s.settings(), Seed(7)).events;
            let last = events.len() - 1;
            let firsts: Vec<usize> = (0..=last).filter(|&k| starts(&events, k)).collect();
            // Fewer steps than events, none holding two requests.
            assert!(firsts.len() < events.len(), "{}", s.id);
            for (n, &first) in firsts.iter().enumerate() {
                let end = firsts.get(n + 1).map_or(last, |k| k - 1);
                let requests = events[first..=end]
                    .iter()
                    .filter(|e| matches!(e.kind, EventKind::Request { .. }))
                    .count();
                assert!(requests <= 1, "{}: steps {first}..={end}", s.id);
                assert_eq!(start(&events, end), first, "{}", s.id);
                assert_eq!(previous(&events, end), first.saturating_sub(1), "{}", s.id);
                // A step forward from the step before lands on its end.
                if first > 0 {
                    assert_eq!(next(&events, first - 1), end, "{}", s.id);
                }
            }
        }
    }
}
