//! The verdict at the end of an attack: did the attacker get in as the
//! victim, and the deciding reason, with a way to jump to the deciding step.

use crate::app::state::{Action, AppState};
use yew::prelude::*;

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let Some(verdict) = state.run.verdict.as_ref() else {
        return html! {};
    };
    if !state.verdict_reached() {
        return html! {
            <section class="verdict pending" aria-label="Verdict">
                <p>{ "Will the attacker get in? Play to the end to see." }</p>
            </section>
        };
    }
    let jump = {
        let i = verdict.deciding_event;
        dispatch.reform(move |_| Action::SetCursor(i))
    };
    let (class, icon, word) = if verdict.attacker_got_in {
        ("bad", "✗", "Attacker got in")
    } else {
        ("good", "✓", "Attacker kept out")
    };
    html! {
        <section class={classes!("verdict", class)} aria-label="Verdict">
            <p class="verdict-word"><span aria-hidden="true">{ icon }{ " " }</span>{ word }</p>
            <p class="verdict-reason">{ &verdict.sentence }</p>
            <button type="button" onclick={jump}>
                { format!("Jump to the deciding step ({})", verdict.deciding_event + 1) }
            </button>
        </section>
    }
}
