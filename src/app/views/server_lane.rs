//! The server: its session store as a table, with idle and absolute expiry
//! as bars that count down at the current simulated time.

use crate::app::diagram::model::Lifeline;
use crate::app::format;
use crate::app::views::id_tag::{party, Ids};
use crate::app::views::term::term;
use crate::engine::choice::Choice;
use crate::engine::clock::SimTime;
use crate::engine::event::{Event, EventKind, SessionView};
use yew::prelude::*;

/// A countdown bar: how much of a timeout is left at `now`.
fn expiry_bar(label: &str, now: SimTime, start: SimTime, deadline: Option<SimTime>) -> Html {
    let Some(deadline) = deadline else {
        return html! {};
    };
    // Per mille, in integers: float formatting would add to the download.
    let total = deadline.since(start).max(1);
    let left = deadline.since(now).min(total);
    let per_mille = left.saturating_mul(1000) / total;
    html! {
        <div class="expiry">
            <span class="expiry-label">{ format!("{label}: {}", format::remaining(now, deadline)) }</span>
            <meter min="0" max="1000" low="200" optimum="1000" value={per_mille.to_string()}
                aria-label={format!("{label} timeout, {}", format::remaining(now, deadline))} />
        </div>
    }
}

/// A session's entries shown in its row; the rest fold under "+N more".
const SHOWN_ENTRIES: usize = 4;

fn kv((k, v): &(String, String)) -> Html {
    html! { <span class="kv mono">{ format!("{k}={v}") }</span> }
}

fn session_row(s: &SessionView, now: SimTime, new: bool, ids: Option<Ids<'_>>) -> Html {
    let id = s.id.to_string();
    let has_expiry = s.idle_expires.is_some() || s.absolute_expires.is_some();
    html! {
        <>
        <tr class={classes!(new.then_some("changed"))}>
            <td class="id" title={id.clone()}>
                { match ids {
                    Some(ids) => ids.show(&id, 12),
                    None => html! { <span class="mono">{ format::short(&id, 12) }</span> },
                } }
                if new { <span class="tag">{ " new" }</span> }
                if s.adopted { <span class="tag warn" title="The server adopted an ID it never issued">{ " adopted" }</span> }
            </td>
            <td>{ s.user.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "(anonymous)".into()) }</td>
            <td class="data">
                { for s.data.iter().take(SHOWN_ENTRIES).map(kv) }
                if s.data.len() > SHOWN_ENTRIES {
                    // The rest one click away, so a full session (the leak
                    // scenario's) keeps its row on a projected screen.
                    <details>
                        <summary>{ format!("+{} more", s.data.len() - SHOWN_ENTRIES) }</summary>
                        { for s.data.iter().skip(SHOWN_ENTRIES).map(kv) }
                    </details>
                }
            </td>
            <td class="detail">{ s.created.to_string() }</td>
            <td class="detail">{ s.last_seen.to_string() }</td>
            <td class="detail">{ s.bound_to.clone().unwrap_or_else(|| "—".into()) }</td>
        </tr>
        if has_expiry {
            // The countdowns get a row of their own: full width is easier to
            // read from the back of a room than a squeezed cell.
            <tr class={classes!("expiry-row", new.then_some("changed"))}>
                <td colspan="6">
                    { expiry_bar("idle", now, s.last_seen, s.idle_expires) }
                    { expiry_bar("absolute", now, s.created, s.absolute_expires) }
                </td>
            </tr>
        }
        </>
    }
}

/// Where the sessions are kept and, with two app servers, which one
/// answered the latest request.
fn store_line(view: &crate::engine::event::ServerView) -> String {
    let kind = view.store_kind.option_label();
    match (view.app_server, &view.other_memory) {
        (Some(server), Some(_)) => {
            format!("Kept in {kind}. Two app servers; {server} answered, and this is its memory.")
        }
        (Some(server), None) => {
            format!("Kept in {kind}, shared by both app servers; {server} answered.")
        }
        (None, _) => format!("Kept in {kind}."),
    }
}

/// The lane at `event`; `previous_ids` are the session IDs that existed one
/// step earlier, to mark new ones.
#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(event: &Event, previous_ids: &[String], active: bool, ids: Option<Ids<'_>>) -> Html {
    let view = &event.snapshot.server;
    let now = event.time;
    let decision = match &event.kind {
        EventKind::Server { decision } => Some(decision.narration()),
        _ => None,
    };
    html! {
        <section class={classes!("lane", "server", active.then_some("active"))} aria-labelledby="lane-server">
            <h2 id="lane-server">{ party(Lifeline::Shop) }<span class="role">{ " · the server" }</span></h2>
            if active {
                if let Some(d) = decision { <div class="this-step"><p>{ d }</p></div> }
            }
            <h3>{ "Session store" }</h3>
            // Said only when it is not the default (one server, sessions in
            // its memory): the lane's height is the projector's to spend.
            if !view.stateless && (!view.store_kind.is_memory() || view.app_server.is_some()) {
                <p class="store-kind">{ store_line(view) }</p>
            }
            if let Some(note) = &view.on_disk {
                <p class="on-disk">{ note.clone() }</p>
            }
            if view.stateless {
                <p class="empty">{ "Sessions live in signed cookies: the server keeps no record per user, only its signing secret." }</p>
                if !view.denylist.is_empty() {
                    <details class="denylist" open=true>
                        <summary>{ format!("Denylist of logged-out tokens ({})", view.denylist.len()) }</summary>
                        <ul>
                            { for view.denylist.iter().map(|(sig, who)| html! {
                                <li><code>{ format::short(sig, 12) }</code>{ format!(" {who}") }</li>
                            }) }
                        </ul>
                    </details>
                }
            }
            if view.sessions.is_empty() {
                <p class="empty">{ "No sessions." }</p>
            } else {
                <table class="sessions">
                    <caption class="visually-hidden">{ "Server's session store" }</caption>
                    <thead><tr>
                        <th scope="col">{ "ID" }</th>
                        <th scope="col">{ "User" }</th>
                        <th scope="col">{ "Data" }</th>
                        <th scope="col" class="detail">{ term("Created", "Created") }</th>
                        <th scope="col" class="detail">{ term("Last seen", "Last seen") }</th>
                        <th scope="col" class="detail">{ term("Bound to", "Bound to") }</th>
                    </tr></thead>
                    <tbody>
                        { for view.sessions.iter().map(|s| session_row(s, now, !previous_ids.contains(&s.id.to_string()), ids)) }
                    </tbody>
                </table>
            }
            if let Some((other, sessions)) = &view.other_memory {
                <details class="other-memory" open=true>
                    <summary>{ format!("{other}'s own memory ({} session(s))", sessions.len()) }</summary>
                    <ul>
                        { for sessions.iter().map(|s| html! {
                            <li>
                                <code>{ format::short(s.id.as_str(), 12) }</code>
                                { format!(" {}", s.user.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "(anonymous)".into())) }
                                { for s.data.iter().map(|(k, v)| html! { <span class="kv mono">{ format!(" {k}={v}") }</span> }) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
            if !view.reviews.is_empty() {
                <details class="reviews detail">
                    <summary>{ format!("Product reviews in the database ({})", view.reviews.len()) }</summary>
                    <ul>
                        { for view.reviews.iter().map(|r| html! {
                            <li><code>{ format::short(r, 60) }</code></li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}
