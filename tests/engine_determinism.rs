//! The same seed and settings give the same event log, byte for byte; a
//! different seed gives different session IDs. The golden digest pins one
//! run so the WebAssembly build can check it gets the very same bytes.

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

/// The digest of the login scenario with the default seed, shared with the
/// WebAssembly test (tests/wasm_engine.rs) through one file. If a deliberate
/// change to the engine moves it, update tests/data/golden-login-digest.txt.
fn golden_login_digest() -> u64 {
    let text = include_str!("data/golden-login-digest.txt").trim();
    u64::from_str_radix(text, 16).expect("a hexadecimal digest")
}

#[test]
fn golden_digest() {
    let digest = login_run(Seed::default()).digest();
    println!("login digest: {digest:016x}");
    assert_eq!(digest, golden_login_digest(), "got {digest:016x}");
}
