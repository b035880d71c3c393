//! The defense panel: every engine setting as a labelled control, grouped,
//! each with its one-line explanation. A change reruns the scenario at once
//! (in the reducer) and the panel says what changed in the outcome.

use crate::app::controls::{Control, ControlKind, Group, CONTROLS};
use crate::app::state::{Action, AppState};
use crate::engine::matrix::cell;
use crate::engine::rng::Seed;
use crate::engine::scenario::Scenario;
use crate::engine::server::presets::PRESETS;
use crate::engine::server::settings::Settings;
use crate::engine::world::{run_with, Recording, Run};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The controls that matter for this attack, in the catalog's order: those
/// where another value than the current one changes the outcome (who gets
/// in, or the deciding reason). Read from the engine, one lean run per
/// other value, never from a list kept here: a new control or scenario
/// joins by itself.
pub fn matters(scenario: &Scenario, settings: &Settings, seed: Seed) -> Vec<&'static str> {
    let now = cell(scenario, settings, seed);
    let differs = |s: &Settings| {
        let other = cell(scenario, s, seed);
        other.attacker_got_in != now.attacker_got_in || other.reason != now.reason
    };
    CONTROLS
        .iter()
        .filter(|c| first_change(c, settings, &differs).is_some())
        .map(|c| c.id)
        .collect()
}

/// The control's first value other than its current one under which
/// `differs` holds for the settings it makes: the one search both
/// [`matters`] and [`changers`] make.
fn first_change(
    control: &'static Control,
    settings: &Settings,
    differs: &dyn Fn(&Settings) -> bool,
) -> Option<&'static (&'static str, &'static str)> {
    let current = control.current(settings);
    control
        .options()
        .iter()
        .filter(|(code, _)| *code != current)
        .find(|(code, _)| {
            control
                .knob(code)
                .is_some_and(|knob| differs(&settings.clone().with(&[knob])))
        })
}

/// A control's other value that changes what a run comes to.
#[derive(Clone, Copy)]
pub struct Change {
    pub control: &'static Control,
    pub code: &'static str,
    pub label: &'static str,
}

impl Change {
    /// What the page dispatches to make this change.
    pub fn action(self) -> Action {
        match self.control.kind {
            ControlKind::Toggle(_) => Action::SetToggle {
                control: self.control.id,
                on: self.code == "on",
            },
            ControlKind::Choice(_) => Action::SetChoice {
                control: self.control.id,
                value: self.code.to_string(),
            },
        }
    }
}

/// For each control, its first other value under which `outcome` of a lean
/// run differs from now (who gets in, say, or whether the ID survives the
/// login). Read from the engine, one lean run per value tried.
pub fn changers(
    scenario: &Scenario,
    settings: &Settings,
    seed: Seed,
    outcome: &dyn Fn(&Run) -> bool,
) -> Vec<Change> {
    let lean = |s: &Settings| outcome(&run_with(scenario, s, seed, Recording::Lean));
    let now = lean(settings);
    let differs = |s: &Settings| lean(s) != now;
    CONTROLS
        .iter()
        .filter_map(|control| {
            first_change(control, settings, &differs).map(|(code, label)| Change {
                control,
                code,
                label,
            })
        })
        .collect()
}

/// The panel with every control in its group.
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    view_ordered(state, dispatch, &[], None)
}

/// The panel, the controls in `first` listed first under their own heading
/// ("Matters for this attack"), the rest in their groups.
/// Drawn only while the panel is open, so kept out of the root's render:
/// see views.rs.
#[inline(never)]
pub fn view_ordered(
    state: &AppState,
    dispatch: &Callback<Action>,
    first: &[&'static str],
    challenge: Option<Html>,
) -> Html {
    let settings = &state.settings;
    let control_html = |c: &'static Control| {
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
                            { for options.options().iter().map(|&(value, label)| html! {
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
    let preset = state.preset();
    let preset_id = preset.map_or("", |p| p.id);
    let on_preset = dispatch.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::ApplyPreset(select.value())
    });
    let presets_html = html! {
        <div class="presets">
            <div class="control choice">
                <label for="ctl-preset">{ "Framework defaults" }</label>
                <select id="ctl-preset" aria-describedby="ctl-preset-desc" onchange={on_preset}>
                    <option value="" selected={preset.is_none()}>{ "—" }</option>
                    { for PRESETS.iter().map(|p| html! {
                        <option value={p.id} selected={p.id == preset_id}>{ p.name }</option>
                    }) }
                </select>
            </div>
            <p class="explain" id="ctl-preset-desc">{ "Sets what the framework does out of the box, each value from its documentation below; settings it does not decide stay as the scenario has them." }</p>
            if let Some(p) = preset {
                <p class="explain">{ "Sources: " }
                    { for p.sources.iter().enumerate().map(|(i, &(what, url))| html! {
                        <>{ if i > 0 { "; " } else { "" } }<a href={url} target="_blank" rel="noopener noreferrer">{ what }</a></>
                    }) }
                </p>
                <ul class="explain not-modelled">
                    { for p.not_modelled.iter().map(|n| html! { <li>{ "Not modelled: " }{ *n }</li> }) }
                </ul>
            }
        </div>
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
            { for challenge }
            { presets_html }
            if !first.is_empty() {
                <fieldset class="matters">
                    <legend>{ "Matters for this attack" }</legend>
                    <ul>{ for CONTROLS.iter().filter(|c| first.contains(&c.id)).map(&control_html) }</ul>
                </fieldset>
            }
            { for Group::ALL.iter().map(|g| html! {
                <fieldset>
                    <legend>{ if first.is_empty() { g.title().to_string() } else { format!("{}: the rest", g.title()) } }</legend>
                    <ul>{ for CONTROLS.iter().filter(|c| c.group == *g && !first.contains(&c.id)).map(&control_html) }</ul>
                </fieldset>
            }) }
            <button type="button" onclick={reset}>{ "Reset to the scenario's settings" }</button>
        </aside>
    }
}
