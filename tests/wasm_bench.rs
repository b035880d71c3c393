//! The engine's benchmark inside the browser's WebAssembly: the same
//! workload as `cargo run --release --example bench_engine`, timed with
//! `performance.now()`. Not a test of behaviour and not run by
//! `scripts/test`: `scripts/bench` runs it with `--release --nocapture` and
//! reads the `BENCH_ENGINE` line it logs.
#![cfg(target_arch = "wasm32")]

#[path = "../examples/bench_engine/workload.rs"]
mod workload;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `performance.now()` through js-sys, so the page's web-sys features stay
/// as they are. Falls back to `Date.now()` (1 ms steps).
fn clock() -> impl Fn() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .filter(|p| p.is_object());
    let now = performance.as_ref().and_then(|p| {
        js_sys::Reflect::get(p, &JsValue::from_str("now"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    move || match (&performance, &now) {
        (Some(p), Some(f)) => f.call0(p).ok().and_then(|v| v.as_f64()).unwrap_or(0.0),
        _ => js_sys::Date::now(),
    }
}

#[wasm_bindgen_test]
fn engine_timings_in_the_browser() {
    let now_ms = clock();
    for line in workload::report("wasm", &now_ms).lines() {
        console_log!("{line}");
    }
}
