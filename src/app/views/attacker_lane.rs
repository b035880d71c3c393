//! The attacker: their current move, what they know (captured IDs) and what
//! they hold (their own browser's cookies).

use crate::app::diagram::model::Lifeline;
use crate::app::views::browser_lane::jar_table;
use crate::app::views::id_tag::{party, Ids};
use crate::engine::attacker::LearnedBy;
use crate::engine::event::Event;
use yew::prelude::*;

fn learned_by(how: &LearnedBy) -> &'static str {
    match how {
        LearnedBy::Sniffed => "sniffed off the Wi-Fi",
        LearnedBy::StolenByScript => "sent home by an injected script",
        LearnedBy::OwnSession => "issued to the attacker",
        LearnedBy::Planted => "chosen to plant in Alice's browser",
        LearnedBy::Guessed => "guessed",
        LearnedBy::ReadFromStore => "read in a copy of the session store",
    }
}

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(event: &Event, active: bool, ids: Option<Ids<'_>>) -> Html {
    let view = &event.snapshot.attacker;
    html! {
        <section class={classes!("lane", "attacker", active.then_some("active"))} aria-labelledby="lane-attacker">
            <h2 id="lane-attacker">{ party(Lifeline::Mallory) }<span class="role">{ " · the attacker" }</span></h2>
            <h3>{ "Current move" }</h3>
            <p class="move">{ if view.current_move.is_empty() { "Waiting.".to_string() } else { view.current_move.clone() } }</p>
            <h3>{ "Knows these session IDs" }</h3>
            if view.known_ids.is_empty() {
                <p class="empty">{ "None yet." }</p>
            } else {
                <ul class="known">
                    { for view.known_ids.iter().map(|k| html! {
                        <li><code>{ &k.name }{ "=" }</code>
                            <span title={k.value.clone()}>{ match ids {
                                Some(ids) => ids.show(&k.value, 14),
                                None => html! { <span class="mono">{ crate::app::format::short(&k.value, 14) }</span> },
                            } }</span>
                            <span class="muted">{ format!(" {} at {}", learned_by(&k.learned_by), k.at) }</span></li>
                    }) }
                </ul>
            }
            <h3>{ "Attacker's own cookies" }</h3>
            { jar_table(&view.jar, None, "Attacker's cookie jar", ids) }
        </section>
    }
}
