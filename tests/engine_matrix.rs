//! The defense matrix is computed by running the engine: every attack gets
//! in undefended and is kept out by all the defenses together. How long it
//! takes is the benchmark's to report (`scripts/bench`), not a test's.

use session_lab::engine::matrix::{compute, Column};
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::{catalog, ScenarioKind};

#[test]
fn the_matrix_covers_every_attack_and_column() {
    let scenarios = catalog();
    let m = compute(&scenarios, Seed::default());
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
}
