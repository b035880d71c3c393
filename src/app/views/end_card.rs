//! The end card: at a run's last step, how it ended in a few plain lines
//! (the step that decided it, what would have changed it) and what to try
//! next. Every line is read from the run or from lean runs of the engine
//! under other settings (`defense_panel::changers`), never written per
//! scenario.

use crate::app::state::{Action, AppState};
use crate::app::views::defense_panel::Change;
use crate::app::views::id_tag::Ids;
use crate::engine::ending::id_at_login;
use yew::prelude::*;

/// At most this many settings are named in a line; the rest are counted.
const NAMED: usize = 3;

/// The settings in `changes`, as "HttpOnly: on, SameSite: Strict and 2 more".
fn settings_list(changes: &[Change]) -> String {
    let mut text = String::new();
    for (i, c) in changes.iter().take(NAMED).enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(c.control.label);
        text.push_str(": ");
        text.push_str(c.label);
    }
    if changes.len() > NAMED {
        text.push_str(&format!(" and {} more", changes.len() - NAMED));
    }
    text
}

#[inline(never)] // drawn at the last step only: see views.rs
pub fn view(
    state: &AppState,
    dispatch: &Callback<Action>,
    changes: &[Change],
    ids: Ids<'_>,
) -> Html {
    let run = &state.run;
    let mut lines = Vec::new();
    // The setting to try, when changing one is the lesson: an attack that
    // got in, or an ID that survived the login.
    let mut try_change = None;
    match &run.verdict {
        Some(v) => {
            let deciding = run
                .events
                .get(v.deciding_event)
                .map_or("", |e| e.narration.as_str());
            lines.push(format!(
                "Step {} decided it: {deciding}",
                v.deciding_event + 1
            ));
            lines.push(if changes.is_empty() {
                "No single setting here changes the outcome.".to_string()
            } else if v.attacker_got_in {
                format!(
                    "Any one of these would have kept Mallory out: {}.",
                    settings_list(changes)
                )
            } else {
                format!(
                    "What keeps Mallory out here: change any one of {} and she gets in.",
                    settings_list(changes)
                )
            });
            if v.attacker_got_in {
                try_change = changes.first();
            }
        }
        None => {
            if let Some(l) = id_at_login(run, &state.settings.cookie.full_name()) {
                let at = format!("When Alice logged in (step {}), ", l.step + 1);
                lines.push(match (&l.before, &l.after) {
                    (Some(id), _) if l.unchanged() => format!(
                        "{at}her browser kept presenting the same session ID, {id}: whoever knew it before the login now holds a logged-in session. That is what session fixation exploits."
                    ),
                    (Some(a), Some(b)) => format!(
                        "{at}the server gave her a new session ID: {a} before, {b} after. An ID learned before the login is worth nothing after it."
                    ),
                    _ => format!("{at}her browser presented no session ID on one side of it."),
                });
                if l.unchanged() {
                    try_change = changes.first();
                }
            }
            if let Some(last) = run.events.last() {
                lines.push(format!(
                    "Alice's browser ends with {} cookie(s); the server keeps {} session(s).",
                    last.snapshot.browser.jar.len(),
                    last.snapshot.server.sessions.len()
                ));
            }
        }
    }
    let (label, action) = match try_change {
        Some(c) => (
            format!("Try it: {}: {}", c.control.label, c.label),
            c.action(),
        ),
        None => {
            let all = &state.scenarios;
            let here = all
                .iter()
                .position(|s| s.id == state.current().id)
                .unwrap_or(0);
            let next = &all[(here + 1) % all.len()];
            (
                format!("Next scenario: {}", next.title),
                Action::SelectScenario(next.id.clone()),
            )
        }
    };
    html! {
        <section class="end-card" aria-label="How it ended">
            <h2>{ "How it ended" }</h2>
            <ul>{ for lines.iter().map(|l| html! { <li>{ ids.annotate(l) }</li> }) }</ul>
            <p class="try-next">{ "Try next: " }
                <button type="button" onclick={dispatch.reform(move |_| action.clone())}>{ label }</button>
            </p>
        </section>
    }
}
