//! A message opened in full: the HTTP/1.1 wire text, with each `Set-Cookie`
//! attribute as a chip that explains itself.

use crate::app::chips::set_cookie_chips;
use crate::app::state::Action;
use crate::engine::url::Scheme;
use crate::engine::Run;
use yew::prelude::*;

/// The message of step `index` of `run`; its close button takes the focus
/// when it opens (the root's `focus_dialog`). A plain function, not a
/// component: see views.rs.
#[inline(never)]
pub fn view(run: &Run, index: usize, dispatch: &Callback<Action>) -> Html {
    let Some(m) = run
        .events
        .get(index)
        .and_then(|e| e.snapshot.network.in_flight.as_ref())
    else {
        return html! {};
    };
    let close = dispatch.reform(|_| Action::OpenMessage(None));
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
                // Each term opens its explanation (views::term).
                <pre class="wire full">{ crate::app::views::term::wire(&m.wire) }</pre>
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
                <button type="button" data-autofocus="" onclick={close}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
