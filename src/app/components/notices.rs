//! Notices: what went wrong with a link or saved state, and what changed in
//! the outcome after a settings change. Never a crash, always a sentence.

use crate::app::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<String>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices" role="status">
            { for props.notices.iter().map(|n| html! { <p class="notice"><span class="notice-word">{ "Notice: " }</span>{ n }</p> }) }
            <button type="button" onclick={props.dispatch.reform(|_| Action::DismissNotices)}>
                { "Dismiss" }
            </button>
        </div>
    }
}
