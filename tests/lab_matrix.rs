//! The defense matrix view opens "that exact run" for a cell: the cell's
//! settings must survive the settings encoding the link and the page use,
//! and the full run must reach the same verdict at the same deciding step
//! as the lean run the matrix computed.

use session_lab::app::controls;
use session_lab::app::state::{Action, AppState};
use session_lab::engine::matrix::compute;
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::world::run;

#[test]
fn every_cell_opens_the_run_it_shows() {
    let scenarios = catalog();
    let seed = Seed(7);
    let m = compute(&scenarios, seed);
    for row in &m.rows {
        let scenario = scenarios
            .iter()
            .find(|s| s.id == row.scenario_id)
            .expect("row of a known scenario");
        let base = scenario.settings();
        for (cell, column) in row.cells.iter().zip(&m.columns) {
            let settings = column.apply(base.clone());
            let encoded = controls::encode(&base, &settings);
            assert_eq!(
                controls::decode(&base, &encoded).as_ref(),
                Ok(&settings),
                "{} / {}: {encoded}",
                row.scenario_id,
                column.label()
            );
            let full = run(scenario, &settings, seed);
            let verdict = full.verdict.expect("an attack has a verdict");
            assert_eq!(verdict.attacker_got_in, cell.attacker_got_in);
            assert_eq!(verdict.deciding_event, cell.deciding_event);
        }
    }
}

#[test]
fn opening_a_cell_lands_on_its_deciding_step_in_the_scenarios_view() {
    let scenarios = catalog();
    let seed = Seed::default();
    let m = compute(&scenarios, seed);
    let row = m
        .rows
        .iter()
        .find(|r| r.scenario_id == "csrf")
        .expect("csrf row");
    let (i, column) = m
        .columns
        .iter()
        .enumerate()
        .find(|(_, c)| c.label() == "SameSite=Strict")
        .expect("SameSite=Strict column");
    let cell = &row.cells[i];
    assert!(!cell.attacker_got_in);
    let scenario = scenarios.iter().find(|s| s.id == "csrf").expect("csrf");
    let base = scenario.settings();
    let mut state = AppState::new();
    state.apply(Action::SetView(session_lab::app::labs::View::Matrix));
    state.apply(Action::OpenRun {
        scenario: "csrf".into(),
        settings: controls::encode(&base, &column.apply(base.clone())),
        cursor: cell.deciding_event,
    });
    assert_eq!(state.labs.view, session_lab::app::labs::View::Scenarios);
    assert_eq!(state.current().id, "csrf");
    assert_eq!(state.cursor, cell.deciding_event);
    assert_eq!(
        state.run.verdict.as_ref().map(|v| v.attacker_got_in),
        Some(false)
    );
    assert!(state.notices.is_empty());
}
