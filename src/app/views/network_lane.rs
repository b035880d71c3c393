//! The network: the message in flight, animated from sender to receiver;
//! readable when it is plain `http://`, ciphertext behind a lock when it is
//! `https://`; and what the observer on the victim's Wi-Fi captured.

use crate::app::format;
use crate::app::state::Action;
use crate::app::views::reason_badge::reason_badge;
use crate::engine::event::{Event, EventKind};
use crate::engine::network::{Direction, Party, Visibility};
use crate::engine::url::Scheme;
use yew::prelude::*;

/// The first line and the cookie headers of a message: what matters here.
fn headline(wire: &str) -> Html {
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
            <span class="start-line">{ first }</span>
            { for cookies.iter().map(|l| html! { <>{ "\n" }<mark class="cookie-header">{ l }</mark></> }) }
        </pre>
    }
}

/// The lane at `event`, step number `index`.
#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(event: &Event, index: usize, active: bool, dispatch: &Callback<Action>) -> Html {
    let view = &event.snapshot.network;
    let packet = view.in_flight.as_ref().map(|m| {
        let to_right = m.direction == Direction::Request && m.party == Party::Victim
            || m.direction == Direction::Response && m.party == Party::Attacker;
        let encrypted = m.scheme == Scheme::Https;
        let open = dispatch.reform(move |_| Action::OpenMessage(Some(index)));
        let kind = if m.direction == Direction::Request { "Request" } else { "Response" };
        html! {
            // Keyed by step, so each new message is a new element and its CSS
            // animation plays once; reduced motion turns it off in CSS.
            <div key={index} class={classes!("packet", if to_right { "to-right" } else { "to-left" }, encrypted.then_some("encrypted"))}>
                <button type="button" class="open-message" aria-haspopup="dialog"
                    aria-label={format!("Open the full {} to {}", kind.to_ascii_lowercase(), m.host)} onclick={open}>
                    <span class="packet-head">
                        <span aria-hidden="true">{ if encrypted { "HTTPS · encrypted · " } else { "HTTP · readable by anyone · " } }</span>
                        { format!("{kind} · {}://{}", m.scheme.as_str(), m.host) }
                    </span>
                    { headline(&m.wire) }
                    if encrypted {
                        <span class="cipher mono" aria-label="On the wire it is encrypted">{ format::ciphertext(&m.wire, 48) }</span>
                    }
                </button>
            </div>
        }
    });
    let cookies = match &event.kind {
        EventKind::Request { sent, excluded, .. } => html! {
            <div class="this-step">
                <p>{ "Cookies sent: " }
                    if sent.is_empty() { <span class="muted">{ "none" }</span> }
                    { for sent.iter().map(|c| html! { <code class="sent">{ c.pair() }{ " " }</code> }) }
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
                    Visibility::Plaintext { wire } => wire.clone(),
                    Visibility::Encrypted { .. } => capture.seen.as_text(),
                } }</pre>
            </div>
        },
        _ => html! {},
    };
    html! {
        <section class={classes!("lane", "network", active.then_some("active"))} aria-labelledby="lane-network">
            <h2 id="lane-network">{ "Network" }</h2>
            <div class="wire-track">
                { packet.unwrap_or_else(|| html! { <p class="empty">{ "Nothing on the wire." }</p> }) }
            </div>
            { cookies }
            <h3>{ if view.observer_listening { "Observer on the café Wi-Fi" } else { "Observer" } }</h3>
            if view.captured.is_empty() {
                <p class="empty">{ if view.observer_listening { "Nothing captured yet." } else { "Nobody is listening." } }</p>
            } else {
                <ol class="captured">
                    { for view.captured.iter().map(|c| html! { <li class="mono">{ c }</li> }) }
                </ol>
            }
        </section>
    }
}
