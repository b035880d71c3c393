//! A reason as a badge: the name browser developer tools use, with the
//! sentence that explains it beside it (not only in a tooltip, so a room
//! can read it).

use crate::engine::cookies::BlockedReason;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReasonBadgeProps {
    pub reason: BlockedReason,
    /// Show the explanation sentence too.
    #[prop_or(true)]
    pub explain: bool,
}

#[component]
pub fn ReasonBadge(props: &ReasonBadgeProps) -> Html {
    let r = &props.reason;
    html! {
        <span class="reason">
            <span class="badge bad" title={r.explanation()}>
                <span aria-hidden="true">{ "✗ " }</span>{ r.devtools_name() }
            </span>
            if props.explain {
                <span class="reason-text detail">{ " " }{ r.explanation() }</span>
            }
        </span>
    }
}
