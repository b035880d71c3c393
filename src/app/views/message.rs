//! A message opened in full: the HTTP/1.1 wire text, with each `Set-Cookie`
//! attribute as a chip that explains itself.

use crate::app::chips::set_cookie_chips;
use crate::app::state::{Action, SameRun};
use crate::app::views::use_focus_on_mount;
use crate::engine::url::Scheme;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MessageDialogProps {
    /// The run and the step whose message is shown: compared by identity,
    /// never event by event.
    pub run: SameRun,
    pub index: usize,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn MessageDialog(props: &MessageDialogProps) -> Html {
    let close_ref = use_focus_on_mount();
    let Some(m) = props
        .run
        .events
        .get(props.index)
        .and_then(|e| e.snapshot.network.in_flight.as_ref())
    else {
        return html! {};
    };
    let close = props.dispatch.reform(|_| Action::OpenMessage(None));
    let set_cookies: Vec<String> = m
        .wire
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().to_string())
        })
        .collect();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="message-title">
            <div class="dialog">
                <h2 id="message-title">
                    { format!("{} {}://{}", if m.scheme == Scheme::Https { "HTTPS" } else { "⚠ HTTP" }, m.scheme.as_str(), m.host) }
                </h2>
                <p class="muted">{ if m.scheme == Scheme::Https {
                    "Sent over HTTPS: the two ends read this, an observer on the network sees only the host name and the size."
                } else {
                    "Sent over plain HTTP: anyone on the network path reads exactly this."
                } }</p>
                <pre class="wire full">{ &m.wire }</pre>
                if !set_cookies.is_empty() {
                    <h3>{ "Set-Cookie, attribute by attribute" }</h3>
                    { for set_cookies.iter().map(|line| html! {
                        <ul class="chips">
                            { for set_cookie_chips(line).into_iter().map(|c| html! {
                                <li class="chip"><code>{ c.text }</code><span class="chip-text">{ c.explanation }</span></li>
                            }) }
                        </ul>
                    }) }
                }
                <button type="button" ref={close_ref} onclick={close}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
