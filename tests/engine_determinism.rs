//! The same seed and settings give the same event log, byte for byte; a
//! different seed gives different session IDs. One run is pinned twice: its
//! structure (events, reasons, snapshots, outcome) by a digest the
//! WebAssembly build checks too, and its narration by a text file, so that
//! a wording fix and a behaviour change look different.

use session_lab::engine::event::EventKind;
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::find;
use session_lab::engine::server::decision::Decision;
use session_lab::engine::{run, Run};

fn login_run(seed: Seed) -> Run {
    let s = find("login").expect("login scenario");
    run(&s, &s.settings(), seed)
}

fn created_ids(run: &Run) -> Vec<String> {
    run.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Server {
                decision: Decision::SessionCreated { id, .. },
            } => Some(id.0.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn same_seed_same_bytes() {
    for s in session_lab::engine::scenario::catalog() {
        let a = run(&s, &s.settings(), Seed(42)).to_json();
        let b = run(&s, &s.settings(), Seed(42)).to_json();
        assert_eq!(a, b, "{}", s.id);
    }
}

#[test]
fn different_seed_different_ids() {
    let a = created_ids(&login_run(Seed(1)));
    let b = created_ids(&login_run(Seed(2)));
    assert!(!a.is_empty());
    assert_ne!(a, b);
}

#[test]
fn the_log_round_trips_through_json() {
    let r = login_run(Seed(5));
    let back: Run = serde_json::from_str(&r.to_json()).expect("valid JSON");
    assert_eq!(back, r);
}

/// The structure digest of the login scenario with the default seed (what
/// happened, the typed reasons, the snapshots; not the sentences), shared
/// with the WebAssembly test (tests/wasm_engine.rs) through one file. If a
/// deliberate change to the engine moves it, update
/// tests/data/golden-login-digest.txt.
fn golden_login_digest() -> u64 {
    let text = include_str!("data/golden-login-digest.txt").trim();
    u64::from_str_radix(text, 16).expect("a hexadecimal digest")
}

#[test]
fn golden_digest() {
    let digest = login_run(Seed::default()).structure_digest();
    println!("login structure digest: {digest:016x}");
    assert_eq!(digest, golden_login_digest(), "got {digest:016x}");
}

/// The login scenario's narration, one line a step: pinned apart from the
/// structure so that a wording fix shows up here, as wording, and nowhere
/// else. `UPDATE_GOLDEN=1 cargo test --test engine_determinism` rewrites
/// the file after a deliberate change; review its diff.
#[test]
fn golden_narration() {
    let text = narration_text(&login_run(Seed::default()));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/golden-login-narration.txt"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &text).expect("write the golden narration");
    }
    let golden = include_str!("data/golden-login-narration.txt");
    assert!(
        text == golden,
        "the login narration changed; if that is deliberate, rerun with UPDATE_GOLDEN=1. Now:\n{text}"
    );
}

/// One line a step: its number as the page shows it, and its narration.
fn narration_text(run: &Run) -> String {
    run.events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{} {}\n", i + 1, e.narration))
        .collect()
}
