//! The defense matrix is computed by running the engine, and fast.

use session_lab::engine::matrix::{compute, Column};
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::{catalog, ScenarioKind};

#[test]
fn the_matrix_covers_every_attack_and_column() {
    let scenarios = catalog();
    let started = std::time::Instant::now();
    let m = compute(&scenarios, Seed::default());
    let elapsed = started.elapsed();
    println!(
        "defense matrix: {} attacks x {} columns in {elapsed:?} ({} build)",
        m.rows.len(),
        m.columns.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    let attacks = scenarios
        .iter()
        .filter(|s| s.kind == ScenarioKind::Attack)
        .count();
    assert_eq!(m.rows.len(), attacks);
    assert_eq!(m.columns, Column::all());
    for row in &m.rows {
        assert_eq!(row.cells.len(), m.columns.len());
        assert!(
            row.cells[0].attacker_got_in,
            "{} works undefended",
            row.scenario_id
        );
        let all = row.cells.last().expect("all-defenses column");
        assert!(
            !all.attacker_got_in,
            "{} fails with every defense",
            row.scenario_id
        );
    }
    if !cfg!(debug_assertions) {
        assert!(elapsed.as_millis() < 50, "matrix took {elapsed:?}");
    }
}
