//! Every panel shows the world as of its step: these are the facts a
//! snapshot must hold together at every step of every scenario, as it comes
//! and under each defense of the matrix. A panel that contradicts another
//! (an ID known before it was learned, a script reading cookies the jar
//! does not hold, money made from nothing) is a bug of this class.
//! The page's panels are checked against these snapshots step by step in
//! the component tests (`tests/components.rs`).

use session_lab::engine::event::Event;
use session_lab::engine::matrix::Column;
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::world::run;

/// A code such as `(SecureOnly)` inside a sentence: two capitals or more
/// in one parenthesised word. Codes belong in badges; sentences use words.
fn has_code(text: &str) -> Option<&str> {
    text.split('(').skip(1).find_map(|rest| {
        let word = rest.split(')').next()?;
        let caps = word.chars().filter(|c| c.is_ascii_uppercase()).count();
        let one_word = word.chars().all(|c| c.is_ascii_alphanumeric());
        (one_word && caps >= 2 && word.chars().next()?.is_ascii_uppercase()).then_some(word)
    })
}

fn check_step(where_: &str, i: usize, e: &Event, first_total: Option<u64>) {
    let at = format!("{where_}, step {}", i + 1);
    assert_eq!(
        has_code(&e.narration),
        None,
        "{at}: a reason code in {:?}",
        e.narration
    );
    let b = &e.snapshot.browser;
    // A script reads only cookies the jar holds, never an HttpOnly one, and
    // nothing at all from a blank page.
    for pair in b.document_cookie.split("; ").filter(|p| !p.is_empty()) {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        assert!(
            b.jar.iter().any(|c| c.name == name && !c.http_only),
            "{at}: document.cookie reads {name}, which the jar does not hold readable"
        );
    }
    if b.address_bar.is_empty() || b.address_bar == "about:blank" {
        assert!(
            b.document_cookie.is_empty(),
            "{at}: a blank page reads cookies"
        );
    }
    // The attacker cannot know an ID from the future.
    for k in &e.snapshot.attacker.known_ids {
        assert!(
            k.at <= e.time,
            "{at}: {} known at {} after now {}",
            k.name,
            k.at,
            e.time
        );
    }
    // Sessions: created before last seen, last seen no later than now.
    for s in &e.snapshot.server.sessions {
        assert!(
            s.created <= s.last_seen,
            "{at}: session created after it was last seen"
        );
        assert!(s.last_seen <= e.time, "{at}: session seen in the future");
        if let Some(idle) = s.idle_expires {
            assert!(idle >= s.last_seen, "{at}: idle deadline before last seen");
        }
    }
    // Money moves between accounts; none is made or lost.
    let total: u64 = e.snapshot.server.balances.iter().map(|(_, b)| b).sum();
    if let Some(first) = first_total.filter(|_| !e.snapshot.server.balances.is_empty()) {
        assert_eq!(total, first, "{at}: the balances no longer add up");
    }
}

#[test]
fn every_snapshot_holds_together_at_every_step() {
    let mut steps = 0;
    for scenario in catalog() {
        for column in Column::all() {
            let settings = column.apply(scenario.settings());
            let r = run(&scenario, &settings, Seed::default());
            let where_ = format!("{} ({})", scenario.id, column.label());
            let first_total = r
                .events
                .iter()
                .map(|e| &e.snapshot.server.balances)
                .find(|b| !b.is_empty())
                .map(|b| b.iter().map(|(_, v)| v).sum());
            for (i, e) in r.events.iter().enumerate() {
                check_step(&where_, i, e, first_total);
                steps += 1;
            }
            // Time never runs backwards.
            for w in r.events.windows(2) {
                assert!(w[0].time <= w[1].time, "{where_}: time ran backwards");
            }
            // The deciding step exists and comes no later than the verdict.
            if let Some(v) = &r.verdict {
                assert!(
                    v.deciding_event < r.events.len(),
                    "{where_}: no deciding step"
                );
            }
        }
    }
    assert!(steps > 1000, "{steps} steps checked");
}
