//! Nicknames for session IDs, so a class can see which ID is which.
//!
//! A session ID is 32 hex characters: cut to "22ec148010e5…" in a table,
//! nobody notices that Alice's browser and the attacker hold the same one,
//! which is the whole point of fixation. Each ID of a run gets a short word
//! ("Fern"), a letter and a colour, in the order the run first shows it, so
//! two IDs of one run never share a nickname. The letter travels with the
//! colour everywhere, so a washed-out projector or a colour-blind student
//! still tells them apart.
//!
//! Whether the attacker knows an ID is read from the snapshot of the step
//! being shown, never guessed: the IDs in their list of known IDs and the
//! values in their own browser's jar (one they pasted or planted).

use crate::engine::event::{Event, EventKind, Snapshot};
use crate::engine::world::Run;

/// Words with distinct first letters: the letter alone names the ID.
const WORDS: [&str; 16] = [
    "Fern", "Oak", "Plum", "Reed", "Sage", "Birch", "Cedar", "Dahlia", "Elm", "Hazel", "Iris",
    "Juniper", "Lotus", "Maple", "Nettle", "Thyme",
];

/// How many colours the style sheets define (`id-c0` … `id-c7`).
pub const COLOURS: usize = 8;

/// The colours, for the standalone SVG export (the page uses CSS classes).
/// Dark enough for white text, and told apart by the letter anyway.
pub const COLOUR_HEX: [&str; COLOURS] = [
    "#1b7a3a", "#8a5a00", "#6b3fa0", "#0b6a8a", "#b0283a", "#4a5a0a", "#9a3a8a", "#2a4aa0",
];

/// One session ID's nickname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nickname {
    /// The ID itself.
    pub id: String,
    /// A short word, e.g. "Fern" (with a number after the sixteenth ID).
    pub word: String,
    /// The word's first letter, shown in the colour's badge.
    pub letter: char,
    /// An index into [`COLOURS`].
    pub colour: usize,
}

impl Nickname {
    /// The CSS class of its colour.
    pub fn class(&self) -> String {
        format!("id-c{}", self.colour)
    }

    /// Its colour as a hex value, for the SVG export.
    pub fn hex(&self) -> &'static str {
        COLOUR_HEX[self.colour % COLOURS]
    }

    /// A short form of the ID to show beside the nickname.
    pub fn short_id(&self) -> String {
        let head: String = self.id.chars().take(6).collect();
        if head.len() < self.id.len() {
            format!("{head}…")
        } else {
            head
        }
    }
}

/// Every session ID of a run, with its nickname.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nicknames {
    ids: Vec<Nickname>,
}

impl Nicknames {
    /// Nicknames for every session ID the run shows, in order of first
    /// appearance.
    pub fn for_run(run: &Run) -> Self {
        let mut names = Nicknames::default();
        for event in &run.events {
            for id in ids_in_event(event) {
                names.add(&id);
            }
        }
        names
    }

    fn add(&mut self, id: &str) {
        if id.is_empty() || self.ids.iter().any(|n| n.id == id) {
            return;
        }
        let i = self.ids.len();
        let base = WORDS[i % WORDS.len()];
        let word = match i / WORDS.len() {
            0 => base.to_string(),
            round => format!("{base}{}", round + 1),
        };
        self.ids.push(Nickname {
            id: id.to_string(),
            letter: base.chars().next().unwrap_or('?'),
            word,
            colour: i % COLOURS,
        });
    }

    /// The nickname of `id`, if it is a session ID of this run.
    pub fn get(&self, id: &str) -> Option<&Nickname> {
        self.ids.iter().find(|n| n.id == id)
    }

    /// Every nickname, in order of first appearance.
    pub fn all(&self) -> &[Nickname] {
        &self.ids
    }

    /// `value` with its nickname when it is a session ID: "Fern (22ec14…)".
    pub fn label(&self, value: &str) -> String {
        match self.get(value) {
            Some(n) => format!("{} ({})", n.word, n.short_id()),
            None => value.to_string(),
        }
    }

    /// Only the nickname when `value` is a session ID, else `value` cut to
    /// a chip's width.
    pub fn short(&self, value: &str) -> String {
        match self.get(value) {
            Some(n) => n.word.clone(),
            None => {
                let head: String = value.chars().take(12).collect();
                if head.len() < value.len() {
                    format!("{head}…")
                } else {
                    head
                }
            }
        }
    }
}

/// The session IDs an event names: the server's sessions after it, the
/// session that served a response, and the IDs the attacker learned.
fn ids_in_event(event: &Event) -> Vec<String> {
    let mut ids: Vec<String> = event
        .snapshot
        .server
        .sessions
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    match &event.kind {
        EventKind::Response { served, .. } => {
            ids.extend(served.session.iter().map(|s| s.to_string()));
        }
        EventKind::AttackerLearned { ids: learned } => {
            ids.extend(learned.iter().map(|k| k.value.clone()));
        }
        EventKind::Guessed { report } => {
            ids.extend(report.hit.iter().map(|s| s.to_string()));
        }
        EventKind::LoggedOutBySideEffect { old, new, .. } => {
            ids.extend([old.to_string(), new.to_string()]);
        }
        EventKind::ClockAdvanced { .. }
        | EventKind::Request { .. }
        | EventKind::Server { .. }
        | EventKind::CookiesProcessed { .. }
        | EventKind::CookiesExpired { .. }
        | EventKind::BrowserClosed { .. }
        | EventKind::NetworkChanged { .. }
        | EventKind::HstsUpgrade { .. }
        | EventKind::HstsNoted { .. }
        | EventKind::HttpsUpgrade { .. }
        | EventKind::HttpsFallback { .. }
        | EventKind::HttpsFirstWarning { .. }
        | EventKind::HttpsBlocked
        | EventKind::UserAgentCopied { .. }
        | EventKind::ConnectionFailed { .. }
        | EventKind::ListeningStarted
        | EventKind::Sniffed { .. }
        | EventKind::ScriptRan { .. }
        | EventKind::ScriptInert { .. }
        | EventKind::LinkSent { .. }
        | EventKind::PagePublished { .. }
        | EventKind::CookiePasted { .. }
        | EventKind::NothingToReplay
        | EventKind::CookieDecoded { .. }
        | EventKind::ActFailed { .. }
        | EventKind::Verdict { .. } => {}
    }
    ids
}

/// Whether the attacker knows `value` in this snapshot: it is in their list
/// of known IDs, or a cookie in their own browser carries it (pasted, or
/// their own session that they planted in the victim's browser).
pub fn attacker_knows(snapshot: &Snapshot, value: &str) -> bool {
    !value.is_empty()
        && (snapshot.attacker.known_ids.iter().any(|k| k.value == value)
            || snapshot.attacker.jar.iter().any(|c| c.value == value))
}

/// The words shown beside an ID the attacker knows.
pub const KNOWN_BADGE: &str = "Mallory knows this ID";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    fn run_of(id: &str) -> Run {
        let scenario = catalog()
            .into_iter()
            .find(|s| s.id == id)
            .expect("scenario in catalog");
        run(&scenario, &scenario.settings(), Seed::default())
    }

    #[test]
    fn every_id_of_a_run_has_its_own_nickname_and_letter() {
        for id in [
            "fixation-url",
            "hijack-sniffing",
            "login",
            "predictable-ids",
        ] {
            let names = Nicknames::for_run(&run_of(id));
            assert!(!names.all().is_empty(), "{id} shows session IDs");
            for (i, a) in names.all().iter().enumerate() {
                for b in &names.all()[i + 1..] {
                    assert_ne!(a.word, b.word, "{id}");
                    assert_ne!(a.id, b.id, "{id}");
                }
            }
        }
    }

    #[test]
    fn nicknames_are_stable_for_the_same_run() {
        let a = Nicknames::for_run(&run_of("fixation-url"));
        let b = Nicknames::for_run(&run_of("fixation-url"));
        assert_eq!(a, b);
    }

    #[test]
    fn in_fixation_the_attacker_knows_the_id_alice_logs_in_with() {
        let run = run_of("fixation-url");
        let names = Nicknames::for_run(&run);
        // The ID that served Alice after she logged in.
        let alice = run
            .events
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Response { served, .. }
                    if served.user.as_ref().is_some_and(|u| u.0 == "alice") =>
                {
                    served.session.clone().map(|s| (s.to_string(), e))
                }
                _ => None,
            })
            .expect("alice is served");
        assert!(names.get(&alice.0).is_some());
        assert!(attacker_knows(&alice.1.snapshot, &alice.0));
        // Before the run began nobody knew anything.
        assert!(!attacker_knows(&Snapshot::default(), &alice.0));
    }
}
