//! The engine, run inside the browser's WebAssembly: it must give the same
//! results there as natively (same seed, same settings, same event log).
#![cfg(target_arch = "wasm32")]

use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::{catalog, find, ScenarioKind};
use session_lab::engine::{matrix, run};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_login_log_is_the_native_one() {
    let s = find("login").expect("login scenario");
    let run = run(&s, &s.settings(), Seed::default());
    // The same files the native determinism test reads: the structure
    // digest, then the narration, line by line.
    let golden = u64::from_str_radix(include_str!("data/golden-login-digest.txt").trim(), 16)
        .expect("a hexadecimal digest");
    let digest = run.structure_digest();
    assert_eq!(digest, golden, "got {digest:016x}");
    let narration: String = run
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{} {}\n", i + 1, e.narration))
        .collect();
    assert_eq!(narration, include_str!("data/golden-login-narration.txt"));
}

#[wasm_bindgen_test]
fn every_scenario_is_deterministic_in_the_browser() {
    for s in catalog() {
        let a = run(&s, &s.settings(), Seed(42)).to_json();
        let b = run(&s, &s.settings(), Seed(42)).to_json();
        assert_eq!(a, b, "{}", s.id);
    }
}

#[wasm_bindgen_test]
fn the_matrix_runs_in_the_browser() {
    // Every attack gets in with no defense and is kept out with all of them,
    // computed here in WebAssembly by running the engine once a cell (its
    // time is the benchmark's to report: tests/wasm_bench.rs).
    let scenarios = catalog();
    let m = matrix::compute(&scenarios, Seed::default());
    let none = m
        .columns
        .iter()
        .position(|c| *c == matrix::Column::NoDefense);
    let all = m
        .columns
        .iter()
        .position(|c| *c == matrix::Column::AllDefenses);
    let (Some(none), Some(all)) = (none, all) else {
        panic!("the matrix has no 'no defense' or 'all defenses' column");
    };
    let attacks = scenarios
        .iter()
        .filter(|s| s.kind == ScenarioKind::Attack)
        .count();
    assert_eq!(m.rows.len(), attacks);
    for row in &m.rows {
        assert!(row.cells[none].attacker_got_in, "{}", row.scenario_id);
        assert!(!row.cells[all].attacker_got_in, "{}", row.scenario_id);
    }
}
