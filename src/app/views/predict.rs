//! "Predict, then reveal": the question before an attack's verdict, the
//! answer beside the verdict once given, and the student's progress.

use crate::app::labs::View;
use crate::app::state::{Action, AppState};
use crate::engine::scenario::ScenarioKind;
use yew::prelude::*;

/// Instead of the verdict, at the step before the one that decides the
/// attack: the run waits there for the answer. Lettered A and B so a class
/// can answer by show of hands when it is projected. As a class poll
/// (`poll`) the question fills the screen, with the step it stopped at, and
/// the instructor gives the room's answer (a click, or the key A or B),
/// which reveals the outcome.
pub fn question(dispatch: &Callback<Action>, poll: bool, title: &str, now: &str) -> Html {
    let answer = |said_in: bool| dispatch.reform(move |_| Action::Predict(said_in));
    html! {
        <section class={classes!("verdict", "predict", poll.then_some("poll"))} aria-label="Your prediction">
            if poll {
                <p class="poll-context">{ format!("{title}: {now}") }</p>
            }
            <p class="verdict-word">{ "Will the attacker get in?" }</p>
            <p class="verdict-reason">{ "The next step decides it. Answer first; the run goes on once you have." }</p>
            <div class="choices">
                <button type="button" aria-keyshortcuts="A" onclick={answer(true)}><b aria-hidden="true">{ "A " }</b>{ "Yes, they get in" }</button>
                <button type="button" aria-keyshortcuts="B" onclick={answer(false)}><b aria-hidden="true">{ "B " }</b>{ "No, they are kept out" }</button>
            </div>
            <button type="button" class="poll-switch" aria-pressed={poll.to_string()} onclick={dispatch.reform(|_| Action::TogglePoll)}>
                { "Class poll: full screen (Esc to leave)" }
            </button>
        </section>
    }
}

/// The recorded answer for the run on screen, once revealed.
pub fn answer(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let Some(p) = state
        .prediction()
        .filter(|_| state.predict && state.verdict_reached())
    else {
        return html! {};
    };
    let go = dispatch.reform(|_| Action::SetView(View::Progress));
    html! {
        <p class={classes!("prediction-result", if p.is_right() { "good" } else { "bad" })}>
            <span aria-hidden="true">{ if p.is_right() { "✓ " } else { "✗ " } }</span>
            { format!("You predicted the attacker would {}: {}. ",
                if p.said_in { "get in" } else { "be kept out" },
                if p.is_right() { "right" } else { "wrong" }) }
            <button type="button" onclick={go}>{ "My predictions" }</button>
        </p>
    }
}

/// The progress view: every attack, and the answers given for it.
#[inline(never)] // compiled when the lab opens, not at start-up: see views.rs
pub fn progress(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let right = state.predictions.iter().filter(|p| p.is_right()).count();
    let wrong = state.predictions.len() - right;
    let reset = dispatch.reform(|_| Action::ResetPredictions);
    let rows = state
        .scenarios
        .iter()
        .filter(|s| s.kind == ScenarioKind::Attack)
        .map(|s| {
            let mine: Vec<_> = state.predictions.iter().filter(|p| p.scenario == s.id).collect();
            let r = mine.iter().filter(|p| p.is_right()).count();
            html! {
                <tr>
                    <th scope="row">{ &s.title }</th>
                    <td>{ if mine.is_empty() { "not seen yet".to_string() } else { format!("{} run(s)", mine.len()) } }</td>
                    <td class="good">{ if mine.is_empty() { String::new() } else { format!("✓ {r} right") } }</td>
                    <td class="bad">{ if mine.is_empty() { String::new() } else { format!("✗ {} wrong", mine.len() - r) } }</td>
                </tr>
            }
        });
    html! {
        <section class="lab progress-lab" aria-labelledby="progress-title">
            <h2 id="progress-title">{ "My predictions" }</h2>
            <p class="summary">{ format!("{right} right, {wrong} wrong, over {} run(s).", state.predictions.len()) }</p>
            <table class="progress">
                <thead><tr><th scope="col">{ "Attack" }</th><th scope="col">{ "Seen" }</th><th scope="col">{ "Right" }</th><th scope="col">{ "Wrong" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="explain">{ "Each scenario with each combination of settings counts once: change a defense and predict again. Answers stay in this browser only." }</p>
            <button type="button" onclick={reset}>{ "Reset my predictions" }</button>
        </section>
    }
}
