//! The defense panel: every engine setting as a labelled control, grouped,
//! each with its one-line explanation. A change reruns the scenario at once
//! (in the reducer) and the panel says what changed in the outcome.

use crate::app::controls::{ControlKind, Group, CONTROLS};
use crate::app::state::{Action, AppState};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Drawn only while the panel is open, so kept out of the root's render:
/// see views.rs.
#[inline(never)]
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let settings = &state.settings;
    let control_html = |c: &'static crate::app::controls::Control| {
        let id = format!("ctl-{}", c.id);
        let desc = format!("{id}-desc");
        let dispatch = dispatch.clone();
        let input = match &c.kind {
            ControlKind::Toggle(field) => {
                let control = c.id;
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    dispatch.emit(Action::SetToggle {
                        control,
                        on: input.checked(),
                    });
                });
                html! {
                    <div class="control toggle">
                        <input type="checkbox" id={id.clone()} checked={(field.get)(settings)} aria-describedby={desc.clone()} {onchange} />
                        <label for={id.clone()}>{ c.label }</label>
                    </div>
                }
            }
            ControlKind::Choice(options) => {
                let control = c.id;
                let current = options.current(settings);
                let onchange = Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    dispatch.emit(Action::SetChoice {
                        control,
                        value: select.value(),
                    });
                });
                html! {
                    <div class="control choice">
                        <label for={id.clone()}>{ c.label }</label>
                        <select id={id.clone()} aria-describedby={desc.clone()} {onchange}>
                            { for options.options().into_iter().map(|(value, label)| html! {
                                <option {value} selected={value == current}>{ label }</option>
                            }) }
                        </select>
                    </div>
                }
            }
        };
        html! {
            <li>
                { input }
                <p class="explain" id={desc}>{ c.explanation }</p>
            </li>
        }
    };
    let reset = dispatch.reform(|_| Action::ResetSettings);
    let hide = dispatch.reform(|_| Action::ToggleDefenses);
    html! {
        <aside class="defenses" aria-labelledby="defenses-title">
            <div class="drawer-head">
                <h2 id="defenses-title">{ "Defenses and settings" }</h2>
                <button type="button" aria-keyshortcuts="D" onclick={hide}>{ "Hide (D)" }</button>
            </div>
            <div class="outcome-change" aria-live="polite">
                if let Some(change) = &state.outcome_change {
                    <p>{ change }</p>
                }
            </div>
            { for Group::ALL.iter().map(|g| html! {
                <fieldset>
                    <legend>{ g.title() }</legend>
                    <ul>{ for CONTROLS.iter().filter(|c| c.group == *g).map(control_html) }</ul>
                </fieldset>
            }) }
            <button type="button" onclick={reset}>{ "Reset to the scenario's settings" }</button>
        </aside>
    }
}
