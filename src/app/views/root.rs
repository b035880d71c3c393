//! The root component: holds the page's state, wires the keyboard, the
//! playback timer, the shareable link and saved state, and lays out the
//! lanes. Side effects live here in effects, never in the reducer.

use crate::app::diagram::view as diagram;
use crate::app::id_nickname::Nicknames;
use crate::app::labs::View;
use crate::app::pace;
use crate::app::predictions::{self, PREDICTIONS_KEY};
use crate::app::state::{Action, AppState, SameRun};
use crate::app::storage::{StoredState, STORAGE_KEY};
use crate::app::views::id_tag::Ids;
use crate::app::views::playback::{actor_class, actor_name};
use crate::app::views::{
    attacker_lane, browser_lane, challenge, compare_view, cookie_lab, defense_panel, end_card,
    export, guide, header, help, id_lab, matrix_view, message, network_lane, notices, playback,
    predict, server_lane, term, verdict,
};
use crate::engine::event::Actor;
use gloo_events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The first state: from the link if there is one, else from saved state,
/// else the defaults. Unreadable saved state is dropped with a notice.
fn initial_state() -> AppState {
    // Each path below runs the engine exactly once, for the scenario it
    // opens: no run of the default scenario that a link would throw away.
    let mut state = AppState::before_first_run();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if !hash.is_empty() && hash != "#" {
        state.apply(Action::OpenLink(hash));
    } else {
        let saved = local_storage().and_then(|storage| {
            let text = storage.get_item(STORAGE_KEY).ok()??;
            match StoredState::parse(&text) {
                Ok(saved) => Some(saved),
                Err(notice) => {
                    let _ = storage.remove_item(STORAGE_KEY);
                    state.notices.push(notice);
                    None
                }
            }
        });
        match saved {
            Some(saved) => state.restore(Some(&saved.scenario), Some(&saved.settings), None, None),
            None => state.restore(None, None, None, None),
        }
    }
    // Answers to "predict, then reveal", whatever opened the page.
    if let Some(storage) = local_storage() {
        if let Ok(Some(text)) = storage.get_item(PREDICTIONS_KEY) {
            let (read, dropped) = predictions::parse(&text);
            state.predictions = read;
            if dropped > 0 {
                state.notices.push(format!(
                    "{dropped} saved prediction(s) could not be read and were dropped."
                ));
            }
        }
    }
    state
}

/// Keys that belong to the page, unless the user is typing or choosing.
/// Outside the scenarios view only the presenter's keys work: the labs
/// keep Space and the arrows for scrolling and their own controls.
fn shortcut(e: &web_sys::KeyboardEvent, view: View, pending: bool) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let tag = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    let key = e.key();
    if key == "Escape" {
        return Some(Action::CloseOverlays);
    }
    // Form controls keep their own keys (a select's arrows, a checkbox's
    // space); a focused button keeps Space and Enter.
    if matches!(tag.as_str(), "input" | "select" | "textarea") {
        return None;
    }
    if tag == "button" && (key == " " || key == "Enter") {
        return None;
    }
    if view != View::Scenarios {
        return match key.as_str() {
            "p" | "P" => Some(Action::ToggleProjector),
            "?" => Some(Action::ToggleHelp),
            _ => None,
        };
    }
    match key.as_str() {
        " " => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "r" | "R" => Some(Action::Restart),
        "p" | "P" => Some(Action::ToggleProjector),
        "d" | "D" => Some(Action::ToggleDefenses),
        "q" | "Q" => Some(Action::TogglePredict),
        // While a prediction is awaited, A and B answer it (an instructor
        // gives the room's answer in a class poll).
        "a" | "A" if pending => Some(Action::Predict(true)),
        "b" | "B" if pending => Some(Action::Predict(false)),
        "b" | "B" => Some(Action::ToggleBeginner),
        "?" => Some(Action::ToggleHelp),
        _ => None,
    }
}

#[component]
pub fn Root() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    };

    // The open view, for the keyboard listener (which lives as long as the
    // page and so cannot capture the state of one render).
    let view_now = use_mut_ref(|| (state.labs.view, false));
    *view_now.borrow_mut() = (state.labs.view, state.prediction_pending());

    // Keyboard shortcuts and pasted links: listeners live as long as the page.
    {
        let dispatcher = state.dispatcher();
        let view_now = view_now.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let keys = document.as_ref().map(|doc| {
                let dispatcher = dispatcher.clone();
                // Not passive: a handled shortcut (Space) must not also scroll.
                EventListener::new_with_options(
                    doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                            let (view, pending) = *view_now.borrow();
                            if let Some(action) = shortcut(e, view, pending) {
                                // Escape keeps its default too: it also
                                // closes an open explanation card (a popover).
                                if e.key() != "Escape" {
                                    e.prevent_default();
                                }
                                dispatcher.dispatch(action);
                            }
                        }
                    },
                )
            });
            let hash = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let hash = web_sys::window()
                        .and_then(|w| w.location().hash().ok())
                        .unwrap_or_default();
                    dispatcher.dispatch(Action::OpenLink(hash));
                })
            });
            move || drop((keys, hash))
        });
    }

    // The one playback timer: armed for the current step while playing.
    {
        let dispatcher = state.dispatcher();
        let delay = state.step_duration_ms();
        use_effect_with(
            (state.playing, state.cursor, delay),
            move |(playing, _, delay)| {
                let timer = playing.then(|| {
                    gloo_timers::callback::Timeout::new(*delay, move || {
                        dispatcher.dispatch(Action::Tick)
                    })
                });
                move || drop(timer)
            },
        );
    }

    // The link and saved state follow the view. replaceState does not fire
    // hashchange, so this never loops.
    {
        let link = state.link_hash();
        let saved = StoredState {
            scenario: state.current().id.clone(),
            settings: state.settings_changes(),
        };
        use_effect_with((link, saved), move |(link, saved)| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(link));
            }
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(STORAGE_KEY, &saved.to_text());
            }
        });
    }

    // Predictions are saved as they change (only once there are any, so a
    // page that never predicts writes nothing).
    {
        let text = predictions::to_text(&state.predictions);
        let any = !state.predictions.is_empty();
        use_effect_with((text, any), move |(text, any)| {
            if let Some(storage) = local_storage() {
                if *any {
                    let _ = storage.set_item(PREDICTIONS_KEY, text);
                } else {
                    let _ = storage.remove_item(PREDICTIONS_KEY);
                }
            }
        });
    }

    // The explanation card is a native popover: when the page closes it
    // (another run, Escape handled here), the browser must hide it too.
    use_effect_with(state.explained.is_some(), |open| {
        if !*open {
            term::hide_card();
        }
    });

    // A dialog that opens takes the keyboard focus on its close button, so
    // Escape and Tab work in it at once.
    use_effect_with((state.help_open, state.open_message), |(help, message)| {
        if *help || message.is_some() {
            focus_dialog();
        }
    });

    // The Session-ID lab's work: started when the lab is open and its
    // results are not the ones asked for; stopped when it closes.
    {
        let job = use_mut_ref(|| 0u32);
        let active = state.labs.view == View::IdLab;
        let form = state.labs.ids;
        let seed = state.seed;
        let request = state.labs.id_run.requested;
        let current = state.labs.id_run.is_current(&form, seed);
        let dispatch = dispatch.clone();
        use_effect_with(
            (active, form.count, seed, request),
            move |(active, count, seed, request)| {
                if *active && !current {
                    id_lab::start(*count, *seed, *request, job.clone(), dispatch);
                }
                move || {
                    let mut j = job.borrow_mut();
                    *j = j.wrapping_add(1);
                }
            },
        );
    }

    // The defense matrix: computed when it is open and not yet computed
    // for this seed.
    {
        let needed = state.labs.view == View::Matrix
            && state
                .labs
                .matrix
                .as_ref()
                .is_none_or(|m| m.seed != state.seed);
        let scenarios = state.scenarios.clone();
        let dispatch = dispatch.clone();
        use_effect_with((needed, state.seed), move |(needed, seed)| {
            if *needed {
                matrix_view::start(scenarios, *seed, dispatch);
            }
        });
    }

    // The session IDs' nicknames, once per run: every lane names IDs the
    // way the diagram does.
    let nicknames = use_memo(SameRun(state.run.clone()), |run| Nicknames::for_run(run));
    // The sequence diagram's kept state (its hooks run at every render,
    // before any view returns early).
    let kept = diagram::use_diagram(
        &SameRun(state.run.clone()),
        state.cursor,
        state.projector,
        state.labs.view == View::Scenarios,
    );

    // The defenses that matter for this attack, listed first in the panel:
    // computed when the panel is open, and not while a prediction is still
    // to be made (the list would give the answer away).
    let reveal = !state.awaiting_prediction();
    let matters = {
        let scenarios = state.scenarios.clone();
        let wanted = state.defenses_open && reveal && state.labs.view == View::Scenarios;
        use_memo(
            (
                wanted,
                state.current().id.clone(),
                state.settings.clone(),
                state.seed,
            ),
            move |(wanted, id, settings, seed)| match scenarios.iter().find(|s| s.id == *id) {
                Some(scenario) if *wanted => (
                    defense_panel::matters(scenario, settings, *seed),
                    // The defender's challenge, for attacks.
                    (scenario.kind == crate::engine::scenario::ScenarioKind::Attack)
                        .then(|| challenge::compute(&scenarios, scenario, settings, *seed)),
                ),
                _ => (Vec::new(), None),
            },
        )
    };

    // What would change how the run ended, for the end card: computed
    // once the run is at its last step (lean runs under each other value of
    // each control), and not while a prediction is awaited.
    let at_end = state.labs.view == View::Scenarios
        && state.cursor >= state.last_index()
        && !state.awaiting_prediction();
    let changes = {
        let scenarios = state.scenarios.clone();
        use_memo(
            (
                at_end,
                state.current().id.clone(),
                state.settings.clone(),
                state.seed,
            ),
            move |(at_end, id, settings, seed)| {
                let Some(scenario) = scenarios.iter().find(|s| s.id == *id).filter(|_| *at_end)
                else {
                    return Vec::new();
                };
                let name = settings.cookie.full_name();
                let got_in =
                    |r: &crate::engine::Run| r.verdict.as_ref().is_some_and(|v| v.attacker_got_in);
                // A new ID presented after the login (not merely none: a
                // cookie the browser refused is no fix).
                let renewed = |r: &crate::engine::Run| {
                    crate::engine::ending::id_at_login(r, &name)
                        .is_some_and(|l| l.after.is_some() && !l.unchanged())
                };
                if scenario.kind == crate::engine::scenario::ScenarioKind::Attack {
                    defense_panel::changers(scenario, settings, *seed, &got_in)
                } else {
                    defense_panel::changers(scenario, settings, *seed, &renewed)
                }
            },
        )
    };

    let events = &state.run.events;
    let Some(event) = events.get(state.cursor).or_else(|| events.last()) else {
        return html! { <main class="app"><p>{ "This scenario has no steps." }</p></main> };
    };
    let previous = state.cursor.checked_sub(1).and_then(|i| events.get(i));
    let previous_jar: &[crate::engine::cookies::Cookie] =
        previous.map_or(&[], |p| &p.snapshot.browser.jar);
    let previous_ids: Vec<String> = previous
        .map(|p| {
            p.snapshot
                .server
                .sessions
                .iter()
                .map(|s| s.id.to_string())
                .collect()
        })
        .unwrap_or_default();
    let pending = state.prediction_pending();

    // Every term on the page opens the one explanation card (views::term).
    let explain = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(word) = term::clicked(&e) {
                dispatch.emit(Action::Explain(Some(word)));
            }
        })
    };
    let explain_closed = dispatch.reform(|()| Action::Explain(None));
    if state.labs.view != View::Scenarios {
        let body = match state.labs.view {
            View::CookieLab => cookie_lab::view(&state, &dispatch),
            View::IdLab => id_lab::view(&state, &dispatch),
            View::Matrix => matrix_view::view(&state, &dispatch),
            View::Progress => predict::progress(&state, &dispatch),
            View::Compare => compare_view::view(&state, &dispatch),
            View::Guide => guide::view(),
            View::Scenarios => html! {},
        };
        return html! {
            <main class={classes!("app", "lab-view", state.projector.then_some("projector"))} onclick={explain}>
                { header::view(&state, &dispatch) }
                { notices::view(&state.notices, &dispatch) }
                { body }
                if state.help_open {
                    { help::view(&dispatch) }
                }
                { term::card(state.explained, explain_closed) }
            </main>
        };
    }

    let id_names = Ids {
        names: &nicknames,
        snapshot: &event.snapshot,
    };
    let ids = Some(id_names);
    // The verdict's sentence is the last event's narration too: said once,
    // in the verdict.
    let verdict_step =
        matches!(event.kind, crate::engine::event::EventKind::Verdict { .. }) && !pending;
    html! {
        <main class={classes!("app", "scenario-view", state.projector.then_some("projector"), state.defenses_open.then_some("with-defenses"))} onclick={explain}>
            { header::view(&state, &dispatch) }
            { notices::view(&state.notices, &dispatch) }
            { playback::view(&state, &dispatch, header::picker(&state, &dispatch), export::buttons(&state, &dispatch)) }
            <div class="now">
                <section class={classes!("narration", actor_class(event.actor))} aria-label="What happens">
                    <p class="step-label">
                        { format!("Step {} · {} · {}", state.cursor + 1, actor_name(event.actor), event.time) }
                    </p>
                    <p class="narration-text" aria-live="polite">
                        if verdict_step {
                            { "The run is over." }
                        } else if state.beginner {
                            // At beginner's pace, the step's every sentence:
                            // a request and what answered it.
                            { for events[pace::start(events, state.cursor)..=state.cursor.min(events.len() - 1)]
                                .iter()
                                .map(|e| html! { <span class="beat-line">{ id_names.annotate(&e.narration) }</span> }) }
                        } else {
                            // Session IDs by their nicknames, as in the diagram.
                            { id_names.annotate(&event.narration) }
                        }
                    </p>
                    if at_end {
                        { end_card::view(&state, &dispatch, &changes, id_names) }
                    }
                    { header::description(&state) }
                    if state.cursor == 0 && !state.playing && !state.projector {
                        // What a first-time student needs in the first minute.
                        <p class="start-hint">
                            { "Press ▶ Play (or Space) to watch, or Step forward (→) to go one step at a time. \
                               Open Defenses (D) to switch a protection on and see the outcome change." }
                        </p>
                    }
                </section>
                if pending {
                    { predict::question(&dispatch, state.poll, &state.current().title, &event.narration) }
                } else {
                    { verdict::view(&state, &dispatch) }
                    { predict::answer(&state, &dispatch) }
                }
            </div>
            // The run so far as a sequence diagram, the main view, with the
            // defenses beside it when open (the diagram narrows, nothing is
            // covered) and the current event's details in a column.
            <div class="stage">
                { diagram::view(&kept, &state.run, state.cursor, state.awaiting_prediction(), state.defenses_open, &dispatch) }
                if state.defenses_open {
                    { defense_panel::view_ordered(&state, &dispatch, &matters.0, matters.1.as_ref().map(|c| {
                        challenge::view(c, state.run.verdict.as_ref().is_some_and(|v| v.attacker_got_in))
                    })) }
                }
                // Scrolls on its own when it must; focusable so a keyboard
                // can scroll it too.
                <div class="details" role="region" aria-label="This step in detail" tabindex="0">
                    { network_lane::view(event, state.cursor, event.actor == Actor::Network, &dispatch, ids) }
                    { browser_lane::view(event, previous_jar, event.actor == Actor::Victim, ids) }
                    { server_lane::view(event, &previous_ids, event.actor == Actor::Server, ids) }
                    { attacker_lane::view(event, event.actor == Actor::Attacker, ids) }
                </div>
            </div>
            if state.help_open {
                { help::view(&dispatch) }
            }
            if let Some(i) = state.open_message {
                { message::view(&state.run, i, &dispatch) }
            }
            { term::card(state.explained, explain_closed) }
        </main>
    }
}

/// Focuses the open dialog's element marked `data-autofocus`.
fn focus_dialog() {
    let target = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".dialog [data-autofocus]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}
