//! The top bar: title, the main navigation between the scenarios and the
//! labs, the scenario picker and the presenter's switches.

use crate::app::labs::View;
use crate::app::state::{Action, AppState};
use crate::engine::scenario::ScenarioKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The scenario picker, for the playback row (the header's line is full
/// with the navigation and the switches at 1280 px).
#[inline(never)] // kept out of the root's render: see views.rs
pub fn picker(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::SelectScenario(select.value()));
        })
    };
    let group = |kind: ScenarioKind, label: &'static str| {
        html! {
            <optgroup label={label}>
                { for state.scenarios.iter().filter(|s| s.kind == kind).map(|s| html! {
                    <option value={s.id.clone()} selected={s.id == state.current().id}>{ &s.title }</option>
                }) }
            </optgroup>
        }
    };
    html! {
        <div class="picker">
            <label for="scenario-select">{ "Scenario" }</label>
            <select id="scenario-select" {onchange}>
                { group(ScenarioKind::Everyday, "Everyday uses") }
                { group(ScenarioKind::Attack, "Attacks") }
            </select>
        </div>
    }
}

/// The scenario's description: in full before the run starts, then one
/// click away; in projector mode the instructor tells it.
pub fn description(state: &AppState) -> Html {
    let scenario = state.current();
    // Who is who, said once at the start of every scenario: the names the
    // narration, the diagram and the lanes use for them.
    let cast = match scenario.kind {
        ScenarioKind::Attack => "Alice is the shop's customer; Mallory is the attacker.",
        ScenarioKind::Everyday => "Alice is the shop's customer.",
    };
    let lines = || {
        html! { <>
            <span class="line cast">{ cast }</span>
            { for scenario.description.iter().map(|line| html! { <span class="line">{ line }</span> }) }
        </> }
    };
    if state.projector {
        html! {}
    } else if state.cursor == 0 {
        html! { <p class="description">{ lines() }</p> }
    } else {
        html! {
            <details class="description">
                <summary>{ "About this scenario" }</summary>
                { lines() }
            </details>
        }
    }
}

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let button = |label: &'static str, key: &'static str, pressed: bool, action: Action| {
        html! {
            <button type="button" aria-pressed={pressed.to_string()} aria-keyshortcuts={key}
                onclick={dispatch.reform(move |_| action.clone())}>
                { label }
            </button>
        }
    };
    let view = state.labs.view;
    let mut views: Vec<View> = View::NAV.to_vec();
    if state.predict {
        views.push(View::Progress);
    }
    let nav_item = |v: View| {
        let current = v == view;
        html! {
            <li>
                <button type="button" aria-current={current.then_some("page")}
                    class={classes!(current.then_some("current"))}
                    onclick={dispatch.reform(move |_| Action::SetView(v))}>
                    { v.label() }
                </button>
            </li>
        }
    };
    html! {
        <header class="top">
            <div class="brand">
                <h1>{ "Session Lab" }</h1>
            </div>
            <nav class="main-nav" aria-label="Main">
                <ul>{ for views.into_iter().map(nav_item) }</ul>
            </nav>
            <div class="switches">
                if view == View::Scenarios {
                    { button("Predict first", "Q", state.predict, Action::TogglePredict) }
                    { button("Beginner", "B", state.beginner, Action::ToggleBeginner) }
                    { button("Defenses", "D", state.defenses_open, Action::ToggleDefenses) }
                }
                { button("Projector mode", "P", state.projector, Action::ToggleProjector) }
                { button("Help (?)", "?", state.help_open, Action::ToggleHelp) }
            </div>
        </header>
    }
}
