//! A reason as a badge: the name browser developer tools use, with the
//! sentence that explains it beside it (not only in a tooltip, so a room
//! can read it).

use crate::app::glossary;
use crate::app::views::term;
use crate::engine::cookies::BlockedReason;
use yew::prelude::*;

/// A plain function, not a component: see views.rs. The badge opens the
/// explanation of the attribute or rule the reason is about.
pub fn reason_badge(r: BlockedReason) -> Html {
    let label = html! { <><span aria-hidden="true">{ "✗ " }</span>{ r.devtools_name() }</> };
    let badge = match glossary::find(about(r)) {
        Some(t) => term::button(t, "badge bad term", label),
        None => html! { <span class="badge bad">{ label }</span> },
    };
    html! {
        <span class="reason">
            { badge }
            <span class="reason-text detail">{ " " }{ r.explanation() }</span>
        </span>
    }
}

/// The glossary word of what a reason is about.
pub fn about(r: BlockedReason) -> &'static str {
    use BlockedReason::*;
    match r {
        SecureOnly | OverwriteSecure => "Secure",
        NotOnPath => "Path",
        DomainMismatch | InvalidDomain => "Domain",
        SameSiteStrict | SameSiteLax | SameSiteUnspecifiedTreatedAsLax | SameSiteNoneInsecure => {
            "SameSite"
        }
        UserPreferences => "Third-party cookies",
        InvalidPrefix => "Cookie prefixes",
        DisallowedCharacter | NoCookieContent | SyntaxError | InvalidResponse => "Set-Cookie",
        NameValuePairExceedsMaxSize => "Size",
        HttpOnly => "HttpOnly",
        Expired => "Expires",
    }
}
