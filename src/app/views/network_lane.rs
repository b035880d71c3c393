//! The network: the message in flight, animated from sender to receiver;
//! readable when it is plain `http://`, ciphertext behind a lock when it is
//! `https://`; and what the observer on the victim's Wi-Fi captured.

use crate::app::diagram::model::Lifeline;
use crate::app::format;
use crate::app::state::Action;
use crate::app::views::id_tag::{party, Ids};
use crate::app::views::reason_badge::reason_badge;
use crate::engine::event::{Event, EventKind};
use crate::engine::network::{Direction, Party, Visibility};
use crate::engine::url::Scheme;
use yew::prelude::*;

/// How many of the observer's latest captures stay in view.
const RECENT: usize = 3;

/// The first line and the cookie headers of a message: what matters here,
/// session IDs named by their nicknames.
fn headline(wire: &str, ids: Option<Ids<'_>>) -> Html {
    let mut lines = wire.lines();
    let first = lines.next().unwrap_or_default().to_string();
    let cookies: Vec<String> = lines
        .take_while(|l| !l.is_empty())
        .filter(|l| {
            let lower = l.to_ascii_lowercase();
            lower.starts_with("cookie:") || lower.starts_with("set-cookie:")
        })
        .map(str::to_string)
        .collect();
    html! {
        <pre class="wire short">
            <span class="start-line">{ show(&first, ids) }</span>
            { for cookies.iter().map(|l| html! { <>{ "\n" }<mark class="cookie-header">{ show(l, ids) }</mark></> }) }
        </pre>
    }
}

fn show(text: &str, ids: Option<Ids<'_>>) -> Html {
    match ids {
        Some(ids) => ids.annotate(text),
        None => html! { { text.to_string() } },
    }
}

/// The lane at `event`, step number `index`.
#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(
    event: &Event,
    index: usize,
    active: bool,
    dispatch: &Callback<Action>,
    ids: Option<Ids<'_>>,
) -> Html {
    let view = &event.snapshot.network;
    let packet = view.in_flight.as_ref().map(|m| {
        // Who sent it and who receives it: the attacker's own request must
        // not read as the victim's.
        let browser = match m.party {
            Party::Attacker => party(Lifeline::Mallory),
            Party::Victim => party(Lifeline::Alice),
        };
        let host = html! { <span class="party host">{ &m.host }</span> };
        let (from, to) = if m.direction == Direction::Request { (browser, host) } else { (host, browser) };
        let to_right = m.direction == Direction::Request && m.party == Party::Victim
            || m.direction == Direction::Response && m.party == Party::Attacker;
        let encrypted = m.scheme == Scheme::Https;
        let open = dispatch.reform(move |_| Action::OpenMessage(Some(index)));
        let kind = if m.direction == Direction::Request { "Request" } else { "Response" };
        html! {
            // Keyed by step, so each new message is a new element and its CSS
            // animation plays once; reduced motion turns it off in CSS.
            <div key={index} class={classes!("packet", if to_right { "to-right" } else { "to-left" }, encrypted.then_some("encrypted"))}>
                <p class="route">{ from }<span class="arrow" aria-label="to">{ " → " }</span>{ to }
                    <button type="button" class="open-message" aria-haspopup="dialog" onclick={open}>
                        { format!("Open the full {}", kind.to_ascii_lowercase()) }
                    </button>
                </p>
                <p class="packet-head">
                    { format!("{kind} · {} · ", m.scheme.as_str().to_ascii_uppercase()) }
                    { if encrypted { "encrypted" } else { "⚠ readable by anyone on the network" } }
                </p>
                { headline(&m.wire, ids) }
                if encrypted {
                    <p class="cipher mono"><span class="visually-hidden">{ "On the wire: " }</span>{ format::ciphertext(&m.wire, 48) }</p>
                }
            </div>
        }
    });
    let cookies = match &event.kind {
        EventKind::Request { sent, excluded, .. } => html! {
            <div class="this-step">
                <p>{ "Cookies sent: " }
                    if sent.is_empty() { <span class="muted">{ "none" }</span> }
                    { for sent.iter().map(|c| html! { <code class="sent">{ show(&c.pair(), ids) }{ " " }</code> }) }
                </p>
                { for excluded.iter().map(|(c, r)| html! {
                    <p class="excluded">{ "Left out: " }<code>{ &c.name }</code>{ " " }{ reason_badge(*r) }</p>
                }) }
            </div>
        },
        EventKind::Sniffed { capture } => html! {
            <div class="this-step">
                <p>{ "The observer recorded: " }</p>
                <pre class="wire short">{ match &capture.seen {
                    Visibility::Plaintext { wire } => show(wire, ids),
                    Visibility::Encrypted { .. } => show(&capture.seen.as_text(), ids),
                } }</pre>
            </div>
        },
        _ => html! {},
    };
    html! {
        <section class={classes!("lane", "network", active.then_some("active"))} aria-labelledby="lane-network">
            <h2 id="lane-network">{ "The message on the network" }</h2>
            <div class="wire-track">
                { packet.unwrap_or_else(|| html! { <p class="empty">{ "Nothing on the wire." }</p> }) }
            </div>
            { cookies }
            // The observer only where there is one: an empty heading would
            // push the jar and the store out of sight.
            if view.observer_listening || !view.captured.is_empty() {
            <h3 class="who">{ party(Lifeline::Wifi) }{ if view.observer_listening { " · its log of the café Wi-Fi" } else { "" } }</h3>
            if view.captured.is_empty() {
                <p class="empty">{ if view.observer_listening { "Nothing captured yet." } else { "Nobody is listening." } }</p>
            } else {
                // The latest lines only, the rest one click away: the log
                // grows all run long and would push the jar and the store
                // out of sight.
                if view.captured.len() > RECENT {
                    <details class="earlier">
                        <summary>{ format!("{} earlier", view.captured.len() - RECENT) }</summary>
                        <ol class="captured">
                            { for view.captured[..view.captured.len() - RECENT].iter().map(|c| html! { <li class="mono">{ show(c, ids) }</li> }) }
                        </ol>
                    </details>
                }
                <ol class="captured">
                    // Numbered by value: projector mode hides all but the
                    // last, which must keep its own number.
                    { for view.captured.iter().enumerate().skip(view.captured.len().saturating_sub(RECENT)).map(|(i, c)| html! {
                        // The whole line in its title: projector mode
                        // keeps it to one line.
                        <li class="mono" value={(i + 1).to_string()} title={c.clone()}>{ show(c, ids) }</li>
                    }) }
                </ol>
            }
            }
        </section>
    }
}
