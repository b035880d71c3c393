//! Notices: what went wrong with a link or saved state, and what changed in
//! the outcome after a settings change. Never a crash, always a sentence.

use crate::app::state::Action;
use yew::prelude::*;

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(notices: &[String], dispatch: &Callback<Action>) -> Html {
    if notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices" role="status">
            { for notices.iter().map(|n| html! { <p class="notice"><span class="notice-word">{ "Notice: " }</span>{ n }</p> }) }
            <button type="button" onclick={dispatch.reform(|_| Action::DismissNotices)}>
                { "Dismiss" }
            </button>
        </div>
    }
}
