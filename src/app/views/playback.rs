//! Playback: restart, back, play/pause, forward, speed, the simulated clock
//! and a timeline of steps to jump to. It only moves the cursor.

use crate::app::format;
use crate::app::state::{Action, AppState, SPEEDS};
use crate::engine::event::{Actor, EventKind};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub fn actor_name(actor: Actor) -> &'static str {
    match actor {
        Actor::Victim => "Alice's browser",
        Actor::Network => "Network",
        Actor::Server => "Server",
        Actor::Attacker => "Mallory",
    }
}

/// The CSS class that colours a step, or the narration, by its actor.
pub fn actor_class(actor: Actor) -> &'static str {
    match actor {
        Actor::Victim => "actor-victim",
        Actor::Network => "actor-network",
        Actor::Server => "actor-server",
        Actor::Attacker => "actor-attacker",
    }
}

/// The step a click in the timeline landed on: the `data-step` of the
/// step button that holds the click's target, if any.
fn clicked_step(e: &MouseEvent) -> Option<usize> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let button = target.closest("button[data-step]").ok()??;
    button.get_attribute("data-step")?.parse().ok()
}

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>, picker: Html, exports: Html) -> Html {
    let events = &state.run.events;
    let total = events.len();
    // The visible words are the button's name (a speech user says what
    // they see); the symbols around them are decoration.
    let button = |before: &'static str,
                  label: &'static str,
                  after: &'static str,
                  key: &'static str,
                  action: Action,
                  disabled: bool| {
        html! {
            <button type="button" title={format!("{label} ({key})")} aria-keyshortcuts={key} {disabled}
                onclick={dispatch.reform(move |_| action.clone())}>
                <span aria-hidden="true">{ before }</span>{ label }<span aria-hidden="true">{ after }</span>
            </button>
        }
    };
    let on_speed = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(s) = select.value().parse::<u32>() {
                dispatch.emit(Action::SetSpeed(s));
            }
        })
    };
    // One listener for the whole timeline, not one per step: each listener
    // Yew registers costs the first render a closure and its bookkeeping,
    // and a scenario has dozens of steps. A click on a step (or Enter or
    // Space on a focused one) bubbles here and names its step.
    let on_timeline = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(cursor) = clicked_step(&e) {
                dispatch.emit(Action::SetCursor(cursor));
            }
        })
    };
    // While a prediction is awaited the steps from the deciding one on
    // stay locked, and nothing marks which step decides.
    let awaiting = state.awaiting_prediction();
    let last_visible = state.last_visible();
    let event = events.get(state.cursor);
    let clock = event
        .map(|e| e.time.to_string())
        .unwrap_or_else(|| "00:00".into());
    let fast_forward = event.and_then(|e| match &e.kind {
        EventKind::ClockAdvanced { from, to } => {
            Some(format::duration(to.millis().saturating_sub(from.millis())))
        }
        _ => None,
    });
    html! {
        <nav class="playback" aria-label="Playback">
            <div class="transport">
                { picker }
                { button("|◀ ", "Restart", "", "R", Action::Restart, state.cursor == 0 && !state.playing) }
                { button("◀ ", "Step back", "", "ArrowLeft", Action::StepBack, state.cursor == 0) }
                { if state.playing {
                    button("❚❚ ", "Pause", "", "Space", Action::TogglePlay, false)
                } else {
                    button("▶ ", "Play", "", "Space", Action::TogglePlay, total == 0)
                } }
                { button("", "Step forward", " ▶", "ArrowRight", Action::StepForward, state.cursor >= last_visible) }
                <label class="speed">
                    { "Speed " }
                    <select onchange={on_speed} aria-label="Speed">
                        { for SPEEDS.iter().map(|(s, label)| html! {
                            <option value={s.to_string()} selected={*s == state.speed}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <span class="step-count">{ format!("Step {} of {}", state.cursor + 1, total) }</span>
                <span class={classes!("clock", fast_forward.is_some().then_some("fast-forward"))}
                    aria-label={format!("Simulated time {clock}")}>
                    { clock }
                    if let Some(ff) = fast_forward {
                        <span class="ff-label">{ format!(" » fast-forward +{ff}") }</span>
                    }
                </span>
                { exports }
            </div>
            <ol class="timeline" aria-label="Timeline" onclick={on_timeline}>
                { for events.iter().enumerate().map(|(i, e)| {
                    let current = i == state.cursor;
                    // Not marked while a prediction is awaited: the mark
                    // would give the answer away.
                    let deciding = !awaiting && state.run.verdict.as_ref().is_some_and(|v| v.deciding_event == i);
                    let locked = i > last_visible;
                    let label = if locked {
                        format!("Step {}: answer the question first", i + 1)
                    } else {
                        format!("Step {}: {} at {}", i + 1, actor_name(e.actor), e.time)
                    };
                    html! {
                        <li>
                            <button type="button" data-step={i.to_string()}
                                class={classes!("tick", (!locked).then(|| actor_class(e.actor)), current.then_some("current"), deciding.then_some("deciding"), locked.then_some("locked"))}
                                disabled={locked}
                                aria-label={label.clone()} title={label}
                                aria-current={current.then_some("step")}>
                                // The label names the step for a screen
                                // reader; the number is for the eye. No
                                // wrapper: 25 elements fewer to draw.
                                { i + 1 }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
