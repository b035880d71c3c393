//! The engine's benchmark, natively: `cargo run --release --example
//! bench_engine`. `scripts/bench` runs it and puts the medians in its table
//! beside the same workload in the browser (`tests/wasm_bench.rs`).

mod workload;

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let now_ms = move || start.elapsed().as_secs_f64() * 1000.0;
    println!("{}", workload::report("native", &now_ms));
}
