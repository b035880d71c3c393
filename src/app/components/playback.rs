//! Playback: restart, back, play/pause, forward, speed, the simulated clock
//! and a timeline of steps to jump to. It only moves the cursor.

use crate::app::format;
use crate::app::state::{Action, AppState, SPEEDS};
use crate::engine::event::{Actor, EventKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub fn actor_name(actor: Actor) -> &'static str {
    match actor {
        Actor::Victim => "Victim's browser",
        Actor::Network => "Network",
        Actor::Server => "Server",
        Actor::Attacker => "Attacker",
    }
}

#[inline(never)] // kept out of the root's render: see components.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let events = &state.run.events;
    let total = events.len();
    let button = |label: &'static str,
                  text: &'static str,
                  key: &'static str,
                  action: Action,
                  disabled: bool| {
        html! {
            <button type="button" aria-label={label} title={format!("{label} ({key})")} aria-keyshortcuts={key} {disabled}
                onclick={dispatch.reform(move |_| action.clone())}>
                <span aria-hidden="true">{ text }</span>
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
                { button("Restart", "|◀ Restart", "R", Action::Restart, state.cursor == 0 && !state.playing) }
                { button("Step back", "◀ Back", "ArrowLeft", Action::StepBack, state.cursor == 0) }
                { if state.playing {
                    button("Pause", "❚❚ Pause", "Space", Action::TogglePlay, false)
                } else {
                    button("Play", "▶ Play", "Space", Action::TogglePlay, total == 0)
                } }
                { button("Step forward", "Next ▶", "ArrowRight", Action::StepForward, state.cursor + 1 >= total) }
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
            </div>
            <ol class="timeline" aria-label="Timeline">
                { for events.iter().enumerate().map(|(i, e)| {
                    let current = i == state.cursor;
                    let deciding = state.run.verdict.as_ref().is_some_and(|v| v.deciding_event == i);
                    let label = format!("Step {}: {} at {}", i + 1, actor_name(e.actor), e.time);
                    html! {
                        <li>
                            <button type="button"
                                class={classes!("tick", format!("actor-{:?}", e.actor).to_ascii_lowercase(), current.then_some("current"), deciding.then_some("deciding"))}
                                aria-label={label.clone()} title={label}
                                aria-current={current.then_some("step")}
                                onclick={dispatch.reform(move |_| Action::JumpTo(i))}>
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
