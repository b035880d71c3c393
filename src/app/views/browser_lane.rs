//! The victim's browser: address bar, cookie jar (with the columns browser
//! developer tools use) and what `document.cookie` shows a script.

use crate::app::diagram::model::Lifeline;
use crate::app::format;
use crate::app::views::id_tag::{party, Ids};
use crate::app::views::reason_badge::reason_badge;
use crate::app::views::term::term;
use crate::engine::cookies::{Cookie, SameSite, SetCookieOutcome};
use crate::engine::event::{Event, EventKind};
use crate::engine::network::Party;
use yew::prelude::*;

/// Whether `c` was already in `jar` with the same value.
fn unchanged(c: &Cookie, jar: &[Cookie]) -> bool {
    jar.iter()
        .any(|p| p.name == c.name && p.domain == c.domain && p.path == c.path && p.value == c.value)
}

/// A cookie jar as a table. `previous` is the jar before this step; `None`
/// marks nothing as new. With `ids`, a session ID shows as its nickname
/// (and the badge when the attacker knows it); the full value is always in
/// the cell's title.
pub fn jar_table(
    jar: &[Cookie],
    previous: Option<&[Cookie]>,
    caption: &str,
    ids: Option<Ids<'_>>,
) -> Html {
    if jar.is_empty() {
        return html! { <p class="empty">{ "No cookies." }</p> };
    }
    let check = |on: bool| {
        if on {
            html! { <span aria-label="yes">{ "✓" }</span> }
        } else {
            html! {}
        }
    };
    html! {
        <table class="jar">
            <caption class="visually-hidden">{ caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Value" }</th>
                    <th scope="col" class="detail">{ term("Domain", "Domain") }</th>
                    <th scope="col" class="detail">{ term("Path", "Path") }</th>
                    <th scope="col" class="detail">{ term("Expires", "Expires") }</th>
                    <th scope="col" class="detail size">{ term("Size", "Size") }</th>
                    <th scope="col" class="flag">{ term("HttpOnly", "HttpOnly") }</th>
                    <th scope="col" class="flag">{ term("Secure", "Secure") }</th>
                    <th scope="col" class="flag">{ term("SameSite", "SameSite") }</th>
                </tr>
            </thead>
            <tbody>
                { for jar.iter().map(|c| {
                    let new = previous.is_some_and(|prev| !unchanged(c, prev));
                    html! {
                        <tr class={classes!(new.then_some("changed"))}>
                            <td class="mono">
                                { &c.name }
                                if new { <span class="tag">{ " new" }</span> }
                            </td>
                            <td class="value" title={c.value.clone()}>
                                { match ids {
                                    Some(ids) => ids.show(&c.value, 10),
                                    None => html! { <span class="mono">{ format::short(&c.value, 10) }</span> },
                                } }
                            </td>
                            // Developer tools write a domain cookie with a leading dot.
                            <td class="mono detail">{ domain(if c.host_only { c.domain.clone() } else { format!(".{}", c.domain) }) }</td>
                            <td class="mono detail">{ &c.path }</td>
                            <td class="mono detail" title={c.expires.map(format::iso_date).unwrap_or_default()}>
                                { c.expires.map(|e| format::iso_date(e).chars().take(10).collect::<String>()).unwrap_or_else(|| "Session".into()) }
                            </td>
                            <td class="detail size">{ c.name.len() + c.value.len() }</td>
                            <td>{ check(c.http_only) }</td>
                            <td>{ check(c.secure) }</td>
                            <td>{ if c.same_site == SameSite::Unspecified { html! {<span class="muted" title="No SameSite attribute: Chromium-based browsers treat it as Lax">{ "(Lax)" }</span>} } else { html! { c.same_site.as_str() } } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// A domain that may wrap after its dots, never inside a label.
fn domain(text: String) -> Html {
    let parts: Vec<&str> = text.split_inclusive('.').collect();
    html! { <>{ for parts.into_iter().map(|p| html! { <>{ p.to_string() }<wbr /></> }) }</> }
}

/// What happened to each `Set-Cookie` line, as a list with reasons.
pub fn cookie_outcomes(outcomes: &[SetCookieOutcome]) -> Html {
    html! {
        <ul class="outcomes">
            { for outcomes.iter().map(|o| match o {
                SetCookieOutcome::Stored { cookie, replaced } => html! {
                    <li class="good"><span aria-hidden="true">{ "✓ " }</span>
                        { if replaced.is_some() { "Replaced " } else { "Stored " } }
                        <code>{ cookie.pair() }</code></li>
                },
                SetCookieOutcome::Removed { cookie } => html! {
                    <li><span aria-hidden="true">{ "− " }</span>{ "Deleted " }<code>{ &cookie.name }</code>
                        { " (the line's expiry is in the past)" }</li>
                },
                SetCookieOutcome::Rejected { line, reason } => html! {
                    <li class="bad"><span aria-hidden="true">{ "✗ " }</span>{ "Not stored " }
                        <code>{ format::short(line, 60) }</code>{ " " }
                        { reason_badge(*reason) }</li>
                },
            }) }
        </ul>
    }
}

/// This step, as it concerns the victim's browser.
fn this_step(kind: &EventKind) -> Option<Html> {
    Some(match kind {
        EventKind::CookiesProcessed {
            party: Party::Victim,
            outcomes,
        } => html! {
            { cookie_outcomes(outcomes) }
        },
        EventKind::CookiesExpired {
            party: Party::Victim,
            cookies,
        } => html! {
            <p>{ "Expired and deleted: " }
                { for cookies.iter().map(|c| html! { <code>{ &c.name }{ " " }</code> }) }</p>
        },
        EventKind::BrowserClosed {
            party: Party::Victim,
            removed,
        } => html! {
            <p>{ "Browser closed. Session cookies gone: " }
                { for removed.iter().map(|c| html! { <code>{ &c.name }{ " " }</code> }) }</p>
        },
        EventKind::ScriptRan {
            party: Party::Victim,
            script,
            read,
            ..
        } => html! {
            <div>
                <p><span aria-hidden="true">{ "» " }</span>{ script.describe() }</p>
                if let Some(read) = read {
                    <p>{ "document.cookie returned " }<code>{ format!("\"{}\"", read.value) }</code></p>
                    { for read.hidden.iter().map(|(c, r)| html! {
                        <p>{ "Hidden from the script: " }<code>{ &c.name }</code>{ " " }{ reason_badge(*r) }</p>
                    }) }
                }
            </div>
        },
        EventKind::HstsUpgrade {
            from,
            to,
            preloaded,
        } => html! {
            <p>{ format!("HSTS{}: {from} became {to} before anything was sent.", if *preloaded { " (preloaded)" } else { "" }) }</p>
        },
        _ => return None,
    })
}

/// The lane at `event`; `previous_jar` is the jar one step earlier, to mark
/// what is new. The lanes are plain functions, not components: they have
/// no state of their own, and every step changes their input anyway.
#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(event: &Event, previous_jar: &[Cookie], active: bool, ids: Option<Ids<'_>>) -> Html {
    let view = &event.snapshot.browser;
    let secure = view.address_bar.starts_with("https://");
    let step = this_step(&event.kind);
    html! {
        <section class={classes!("lane", "browser", active.then_some("active"))} aria-labelledby="lane-browser">
            <h2 id="lane-browser">{ party(Lifeline::Alice) }<span class="role">{ " · the victim" }</span></h2>
            <div class="address-bar" aria-label="Address bar">
                <span class={classes!("scheme", if secure { "good" } else { "bad" })}>
                    { if view.address_bar.is_empty() { "" } else if secure { "HTTPS " } else { "⚠ Not secure " } }
                </span>
                <span class="mono">{ if view.address_bar.is_empty() { "about:blank".to_string() } else { view.address_bar.clone() } }</span>
            </div>
            if let Some(step) = step.filter(|_| active) {
                <div class="this-step">{ step }</div>
            }
            <h3>{ "Cookies" }</h3>
            { jar_table(&view.jar, Some(previous_jar), "Victim's cookie jar", ids) }
            <p class="mono script-view">
                <span class="script-label">{ "A script reads " }<code>{ "document.cookie" }</code>{ ": " }</span>
                if view.document_cookie.is_empty() { { "\"\" (nothing)" } } else {
                    { "\"" }
                    { match ids {
                        Some(ids) => ids.annotate(&view.document_cookie),
                        None => html! { { view.document_cookie.clone() } },
                    } }
                    { "\"" }
                }
            </p>
        </section>
    }
}
