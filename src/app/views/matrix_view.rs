//! The defense matrix: every attack against no defense, each single
//! defense and all of them. Every cell is a run of the engine
//! ([`crate::engine::matrix::compute`]); a cell is a button whose name says
//! the outcome and the reason, and it opens that exact run at its deciding
//! step. The matrix is computed again when the seed changes.

use crate::app::controls;
use crate::app::labs::{thousands, MatrixRun};
use crate::app::state::{Action, AppState};
use crate::app::views::page_clock_ms;
use crate::engine::matrix::{compute, Column};
use crate::engine::rng::Seed;
use crate::engine::scenario::Scenario;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Computes the matrix for `seed` after letting the page paint "Computing",
/// and hands it to the page state with the time it took.
pub fn start(scenarios: Rc<Vec<Scenario>>, seed: Seed, dispatch: Callback<Action>) {
    yew::platform::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let t0 = page_clock_ms();
        let matrix = compute(&scenarios, seed);
        let elapsed_ms = (page_clock_ms() - t0).max(0.0) as u64;
        dispatch.emit(Action::MatrixReady(Rc::new(MatrixRun {
            seed,
            matrix,
            elapsed_ms,
        })));
    });
}

/// The settings of one cell, as changes from the scenario's own.
fn cell_settings(scenario: &Scenario, column: &Column) -> String {
    let base = scenario.settings();
    controls::encode(&base, &column.apply(base.clone()))
}

#[inline(never)] // compiled when the lab opens, not at start-up: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let seed = state.seed;
    let on_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("matrix-seed"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            match text.trim().parse::<u64>() {
                Ok(n) => dispatch.emit(Action::SetSeed(n)),
                Err(_) => dispatch.emit(Action::Notice(
                    "A seed is a whole number from 0 to 18446744073709551615.".into(),
                )),
            }
        })
    };
    let new_seed = dispatch.reform(|_| Action::SetSeed(Seed::from_entropy().0));
    let current = state.labs.matrix.as_ref().filter(|m| m.seed == seed);
    let table = current.map(|run| {
        let m = &run.matrix;
        let head = m
            .columns
            .iter()
            .map(|c| html! { <th scope="col"><span>{ c.label() }</span></th> });
        let rows =
            m.rows.iter().map(|row| {
                let scenario = state.scenarios.iter().find(|s| s.id == row.scenario_id);
                let cells = row.cells.iter().zip(m.columns.iter()).map(|(cell, column)| {
                let reason = cell.reason.sentence();
                let (icon, word, class) = if cell.attacker_got_in {
                    ("✗", "in", "bad")
                } else {
                    ("✓", "out", "good")
                };
                let name = format!(
                    "{} with {}: attacker {}. {reason} Open this run.",
                    row.title,
                    column.label(),
                    if cell.attacker_got_in { "got in" } else { "kept out" }
                );
                let onclick = {
                    let scenario_id = row.scenario_id.clone();
                    let settings = scenario.map(|s| cell_settings(s, column)).unwrap_or_default();
                    let cursor = cell.deciding_event;
                    dispatch.reform(move |_| Action::OpenRun {
                        scenario: scenario_id.clone(),
                        settings: settings.clone(),
                        cursor,
                    })
                };
                html! {
                    <td>
                        <button type="button" class={classes!("cell", class)} aria-label={name}
                            title={reason.clone()} data-reason={reason} {onclick}>
                            <span aria-hidden="true">{ icon }{ " " }{ word }</span>
                        </button>
                    </td>
                }
            });
                html! {
                    <tr>
                        <th scope="row">{ &row.title }</th>
                        { for cells }
                    </tr>
                }
            });
        html! {
            <div class="matrix-wrap">
                <table class="matrix">
                    <caption class="visually-hidden">{ "Attacks by defenses" }</caption>
                    <thead><tr><th scope="col">{ "Attack" }</th>{ for head }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    });
    html! {
        <section class="lab matrix-lab" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{ "Defense matrix" }</h2>
            <p class="lab-intro">{ "Every attack (rows) against no defense, one defense at a time, and all of them (columns). Each attack starts from its own scenario's settings; a column turns its defense on. Every cell is a real run of the simulation with the seed below: change the seed and the whole matrix runs again. Hover or focus a cell for the reason; click it to open that run at the step that decided it." }</p>
            <form class="lab-input row seed-form" onsubmit={on_seed}>
                <label for="matrix-seed">{ "Seed" }</label>
                <input id="matrix-seed" type="text" inputmode="numeric" value={seed.0.to_string()} />
                <button type="submit">{ "Run with this seed" }</button>
                <button type="button" onclick={new_seed}>{ "New random seed" }</button>
            </form>
            <p class="legend"><span class="bad">{ "✗ in" }</span>{ ": the attacker got in. " }<span class="good">{ "✓ out" }</span>{ ": the attacker was kept out." }</p>
            <div class="status" aria-live="polite">
                if let Some(run) = current {
                    <p class="timing">{ format!("Computed {} runs ({} attacks × {} columns) in {} ms, seed {}.",
                        thousands((run.matrix.rows.len() * run.matrix.columns.len()) as u64),
                        run.matrix.rows.len(), run.matrix.columns.len(), thousands(run.elapsed_ms), run.seed.0) }</p>
                } else {
                    <p>{ "Computing every cell…" }</p>
                }
            </div>
            { table.unwrap_or_default() }
        </section>
    }
}
