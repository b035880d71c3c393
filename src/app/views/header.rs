//! The top bar: title, the main navigation between the scenarios and the
//! labs, the scenario picker and the presenter's switches.

use crate::app::labs::View;
use crate::app::state::{Action, AppState};
use crate::engine::scenario::ScenarioKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
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
    let button = |label: &'static str, key: &'static str, pressed: bool, action: Action| {
        html! {
            <button type="button" aria-pressed={pressed.to_string()} aria-keyshortcuts={key}
                onclick={dispatch.reform(move |_| action.clone())}>
                { label }
            </button>
        }
    };
    let scenario = state.current();
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
                    { button("Defenses", "D", state.defenses_open, Action::ToggleDefenses) }
                }
                { button("Projector mode", "P", state.projector, Action::ToggleProjector) }
                { button("Help (?)", "?", state.help_open, Action::ToggleHelp) }
            </div>
            if view == View::Scenarios {
                <div class="picker">
                    <label for="scenario-select">{ "Scenario" }</label>
                    <select id="scenario-select" {onchange}>
                        { group(ScenarioKind::Everyday, "Everyday uses") }
                        { group(ScenarioKind::Attack, "Attacks") }
                    </select>
                </div>
                // The description steps aside once the run has started (and
                // in projector mode, where the instructor tells it), one
                // click away for a student who wants it back.
                if !state.projector {
                    if state.cursor == 0 {
                        <p class="description">
                            { for scenario.description.iter().map(|line| html! { <span class="line">{ line }</span> }) }
                        </p>
                    } else {
                        <details class="description">
                            <summary>{ "About this scenario" }</summary>
                            { for scenario.description.iter().map(|line| html! { <span class="line">{ line }</span> }) }
                        </details>
                    }
                }
            }
        </header>
    }
}
