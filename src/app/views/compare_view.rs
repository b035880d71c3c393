//! Compare: one scenario run twice, as the scenario sets it and with one
//! setting changed; the first step where the runs part ways is marked, and
//! the two verdicts stand side by side. Both runs are the engine's, with
//! the same seed.

use crate::app::controls::{self, CONTROLS};
use crate::app::labs::CompareForm;
use crate::app::state::{Action, AppState};
use crate::app::views::playback::actor_name;
use crate::engine::compare::{changed_line, first_divergence, split_difference};
use crate::engine::world::{run, Run};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The value a control should take to differ from `base`: the first
/// option it does not have (for a checkbox, the other state).
fn other_value(control: &'static str, base: &crate::engine::server::Settings) -> String {
    match controls::find(control) {
        Some(c) => {
            let now = c.current(base);
            c.options()
                .iter()
                .map(|&(v, _)| v)
                .find(|v| *v != now)
                .unwrap_or(now)
                .into()
        }
        None => String::new(),
    }
}

/// One run's column. `changed`: at the first difference, the line that
/// changed, as this run has it, cut into what both runs share and what is
/// this run's own (marked).
fn column(
    title: String,
    run: &Run,
    divergence: Option<usize>,
    changed: Option<(&str, &str, &str)>,
    open: Callback<MouseEvent>,
) -> Html {
    let verdict = match &run.verdict {
        Some(v) if v.attacker_got_in => html! {
            <div class="verdict bad"><p class="verdict-word"><span aria-hidden="true">{ "✗ " }</span>{ "Attacker got in" }</p><p class="verdict-reason">{ &v.sentence }</p></div>
        },
        Some(v) => html! {
            <div class="verdict good"><p class="verdict-word"><span aria-hidden="true">{ "✓ " }</span>{ "Attacker kept out" }</p><p class="verdict-reason">{ &v.sentence }</p></div>
        },
        None => html! { <p class="muted">{ "An everyday scenario: no attack, no verdict." }</p> },
    };
    let step = |(i, e): (usize, &crate::engine::event::Event)| {
        let diverge = divergence == Some(i);
        html! {
            <li class={classes!(diverge.then_some("diverge"))}>
                if diverge {
                    <strong class="diverge-mark">{ "⚑ First difference: " }</strong>
                }
                <span class="muted">{ format!("{} · {} · ", i + 1, actor_name(e.actor)) }</span>
                { &e.narration }
                if let (true, Some((before, own, after))) = (diverge, changed) {
                    <code class="changed-line">{ before }<mark>{ own }</mark>{ after }</code>
                }
            </li>
        }
    };
    // The steps both runs share are folded: the difference comes first.
    let mut shared: Vec<Html> = run.events.iter().enumerate().map(step).collect();
    let same = divergence.unwrap_or(shared.len()).min(shared.len());
    let rest = shared.split_off(same);
    html! {
        <section class="compare-run" aria-label={title.clone()}>
            <h3>{ title }</h3>
            { verdict }
            <button type="button" onclick={open}>{ "Open this run at the first difference" }</button>
            if same > 0 {
                <details class="same-steps">
                    <summary>{ format!("Steps 1–{same}: the same in both runs") }</summary>
                    <ol class="steps">{ shared }</ol>
                </details>
            }
            <ol class="steps" start={(same + 1).to_string()}>{ rest }</ol>
        </section>
    }
}

#[inline(never)] // compiled when the lab opens, not at start-up: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let form = &state.labs.compare;
    let known = state.scenarios.iter().find(|s| s.id == form.scenario);
    let Some(scenario) = known.or_else(|| state.scenarios.first()) else {
        return html! {};
    };
    let base = scenario.settings();
    let change = form.change();
    let other = controls::decode(&base, &change).unwrap_or_else(|_| base.clone());
    let (a, b) = (
        run(scenario, &base, state.seed),
        run(scenario, &other, state.seed),
    );
    let divergence = first_divergence(&a.events, &b.events);
    let changed = divergence.and_then(|i| changed_line(a.events.get(i), b.events.get(i)));
    let parts = changed.as_ref().map(|(x, y)| split_difference(x, y));
    let control = controls::find(form.control);
    let label = control.map(|c| c.label).unwrap_or("");
    let value_text = |s| control.map(|c| c.value_text(s)).unwrap_or("");

    let on_scenario = {
        let (dispatch, form, scenarios) = (dispatch.clone(), form.clone(), state.scenarios.clone());
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let id = el.value();
            let value = scenarios
                .iter()
                .find(|s| s.id == id)
                .map(|s| other_value(form.control, &s.settings()))
                .unwrap_or_default();
            dispatch.emit(Action::SetCompare(CompareForm {
                scenario: id,
                value,
                ..form.clone()
            }));
        })
    };
    let on_control = {
        let (dispatch, form, base) = (dispatch.clone(), form.clone(), base.clone());
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            if let Some(c) = controls::find(&el.value()) {
                dispatch.emit(Action::SetCompare(CompareForm {
                    control: c.id,
                    value: other_value(c.id, &base),
                    ..form.clone()
                }));
            }
        })
    };
    let on_value = {
        let (dispatch, form) = (dispatch.clone(), form.clone());
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::SetCompare(CompareForm {
                value: el.value(),
                ..form.clone()
            }));
        })
    };
    let values = control.map(|c| c.options()).unwrap_or_default();
    let open = |settings: String| {
        let scenario = scenario.id.clone();
        let cursor = divergence.unwrap_or(0);
        dispatch.reform(move |_| Action::OpenRun {
            scenario: scenario.clone(),
            settings: settings.clone(),
            cursor,
        })
    };
    html! {
        <section class="lab compare-lab" aria-labelledby="compare-title">
            <h2 id="compare-title">{ "Compare" }</h2>
            <p class="lab-intro">{ "One scenario, run twice with the same seed: A as the scenario sets it, B with one setting changed. The first step where the runs part ways is marked: that is where the setting first mattered." }</p>
            if known.is_none() {
                <p class="problems">{ "That scenario does not exist in this version, so the first one is shown." }</p>
            }
            <form class="lab-input row compare-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="cmp-scenario">{ "Scenario" }</label>
                <select id="cmp-scenario" onchange={on_scenario}>
                    { for state.scenarios.iter().map(|s| html! {
                        <option value={s.id.clone()} selected={s.id == scenario.id}>{ &s.title }</option>
                    }) }
                </select>
                <label for="cmp-control">{ "Setting" }</label>
                <select id="cmp-control" onchange={on_control}>
                    { for CONTROLS.iter().map(|c| html! {
                        <option value={c.id} selected={c.id == form.control}>{ c.label }</option>
                    }) }
                </select>
                <label for="cmp-value">{ "B's value" }</label>
                <select id="cmp-value" onchange={on_value}>
                    { for values.iter().map(|(v, l)| html! {
                        <option value={*v} selected={*v == form.value}>{ *l }</option>
                    }) }
                </select>
            </form>
            <p class="compare-summary" aria-live="polite">{
                match divergence {
                    Some(i) => format!("The runs part ways at step {}: the marked text is what changed.", i + 1),
                    None => format!("{label} is already {} in this scenario: both runs are the same.", value_text(&base)),
                }
            }</p>
            <div class="compare-grid">
                { column(format!("A: {label}: {}", value_text(&base)), &a, divergence, parts.map(|(p, x, _, s)| (p, x, s)), open(String::new())) }
                { column(format!("B: {label}: {}", value_text(&other)), &b, divergence, parts.map(|(p, _, y, s)| (p, y, s)), open(controls::encode(&base, &other))) }
            </div>
        </section>
    }
}
