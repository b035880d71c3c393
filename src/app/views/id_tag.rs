//! A session ID as the page shows it outside the diagram: its nickname's
//! letter and word (never its colour alone), the full ID on hover and for
//! a screen reader, and the "Mallory knows this ID" badge when the
//! attacker knows it at this step. The same nickname as in the diagram, so
//! a class sees that Alice's jar and Mallory's list hold the same ID.

use crate::app::id_nickname::{attacker_knows, Nicknames, KNOWN_BADGE};
use crate::engine::event::Snapshot;
use yew::prelude::*;

/// `value` as a tag when it is a session ID of the run, else `None`.
pub fn id_tag(names: &Nicknames, snapshot: &Snapshot, value: &str) -> Option<Html> {
    let n = names.get(value)?;
    let known = attacker_knows(snapshot, value);
    Some(html! {
        <>
            <span class={classes!("id-tag", n.class())} title={value.to_string()}>
                <span class="id-letter" aria-hidden="true">{ n.letter }</span>
                { &n.word }
                <span class="visually-hidden">{ format!(" (session ID {value})") }</span>
            </span>
            if known { { known_badge() } }
        </>
    })
}

/// The badge beside an ID the attacker knows.
pub fn known_badge() -> Html {
    html! {
        // "Mallory knows" to the eye, as on the diagram's chips (short
        // enough for a table cell); the whole sentence to a screen reader
        // and on hover.
        <span class="known-badge" title={KNOWN_BADGE}>
            <span aria-hidden="true">{ "⚑ " }</span>{ "Mallory knows" }<span class="visually-hidden">{ " this ID" }</span>
        </span>
    }
}

/// `value` as a tag if it is a session ID, else as short text with the
/// full value on hover.
pub fn value_or_tag(names: &Nicknames, snapshot: &Snapshot, value: &str, keep: usize) -> Html {
    id_tag(names, snapshot, value).unwrap_or_else(|| {
        html! { <span class="mono">{ crate::app::format::short(value, keep) }</span> }
    })
}

/// What a lane needs to name session IDs at one step: the run's nicknames
/// and the step's snapshot (for what the attacker knows then).
#[derive(Clone, Copy)]
pub struct Ids<'a> {
    pub names: &'a Nicknames,
    pub snapshot: &'a Snapshot,
}

impl Ids<'_> {
    /// `text` with every session ID in it shown as its tag: a captured
    /// line or a cookie header reads "sessionid=[F] Fern" instead of 32
    /// hex characters, and the attacker's badge shows where it applies.
    pub fn annotate(&self, text: &str) -> Html {
        let first = self
            .names
            .all()
            .iter()
            .filter_map(|n| text.find(n.id.as_str()).map(|at| (at, n)))
            .min_by_key(|(at, _)| *at);
        match first {
            None => html! { { text.to_string() } },
            Some((at, n)) => {
                let (before, rest) = text.split_at(at);
                let after = &rest[n.id.len()..];
                html! {
                    <>
                        { before.to_string() }
                        { value_or_tag(self.names, self.snapshot, &n.id, 12) }
                        { self.annotate(after) }
                    </>
                }
            }
        }
    }

    /// `value` as a tag if it is a session ID, else short text.
    pub fn show(&self, value: &str, keep: usize) -> Html {
        value_or_tag(self.names, self.snapshot, value, keep)
    }
}

/// A party's name with its letter, as in the diagram's legend: the letter
/// tells the parties apart where a projector washes out the colour.
pub fn party(l: crate::app::diagram::model::Lifeline) -> Html {
    html! {
        <span class={classes!("party", format!("ll-{}", l.key()))}>
            <span class="ll-letter" aria-hidden="true">{ l.letter() }</span>{ l.name() }
        </span>
    }
}
