//! A reason as a badge: the name browser developer tools use, with the
//! sentence that explains it beside it (not only in a tooltip, so a room
//! can read it).

use crate::engine::cookies::BlockedReason;
use yew::prelude::*;

/// A plain function, not a component: see views.rs.
pub fn reason_badge(r: BlockedReason) -> Html {
    html! {
        <span class="reason">
            <span class="badge bad" title={r.explanation()}>
                <span aria-hidden="true">{ "✗ " }</span>{ r.devtools_name() }
            </span>
            <span class="reason-text detail">{ " " }{ r.explanation() }</span>
        </span>
    }
}
