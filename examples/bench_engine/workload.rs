//! The engine's benchmark workload, shared by the native example
//! (`cargo run --release --example bench_engine`) and the browser's
//! (`tests/wasm_bench.rs`), so both measure exactly the same work. The clock
//! is passed in: `Instant` natively, `performance.now()` in the browser,
//! whose resolution is coarse, so quick work is timed in batches.

use session_lab::engine::choice::Choice;
use session_lab::engine::clock::SCENARIO_ORIGIN;
use session_lab::engine::matrix;
use session_lab::engine::rng::{Seed, SimRng};
use session_lab::engine::scenario::{catalog, Scenario};
use session_lab::engine::server::id_generator::{IdGenerator, IdInput};
use session_lab::engine::world::run;
use std::hint::black_box;

/// IDs made per generator in one measurement.
pub const IDS: u64 = 100_000;

/// The median of one measurement, in milliseconds per unit of work.
pub struct Timing {
    pub name: String,
    pub median_ms: f64,
    pub samples: usize,
}

/// The scenario whose run has the most events: the longest the page plays.
pub fn longest_scenario() -> (Scenario, usize) {
    let seed = Seed::default();
    catalog()
        .into_iter()
        .map(|s| {
            let events = run(&s, &s.settings(), seed).events.len();
            (s, events)
        })
        .max_by_key(|(_, n)| *n)
        .unwrap_or_else(|| panic!("the catalog is never empty"))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// `samples` batches of `batch` calls of `work`; the median per call.
fn measure(
    now_ms: &dyn Fn() -> f64,
    name: String,
    samples: usize,
    batch: usize,
    mut work: impl FnMut(),
) -> Timing {
    work(); // warm up
    let xs = (0..samples)
        .map(|_| {
            let start = now_ms();
            for _ in 0..batch {
                work();
            }
            (now_ms() - start) / batch as f64
        })
        .collect();
    Timing {
        name,
        median_ms: median(xs),
        samples,
    }
}

/// Every measurement: one run of the longest scenario (with snapshots, as
/// the page runs it), the whole defense matrix, and 100,000 IDs from each
/// generator.
pub fn all(now_ms: &dyn Fn() -> f64) -> (String, usize, Vec<Timing>) {
    let (scenario, events) = longest_scenario();
    let settings = scenario.settings();
    let seed = Seed::default();
    let mut timings = vec![measure(
        now_ms,
        format!("run \"{}\" ({events} events)", scenario.id),
        21,
        10,
        || {
            black_box(run(black_box(&scenario), &settings, seed));
        },
    )];
    let scenarios = catalog();
    let m = matrix::compute(&scenarios, seed);
    let cells = m.rows.len() * m.columns.len();
    timings.push(measure(
        now_ms,
        format!(
            "defense matrix ({} attacks x {} columns = {cells} runs)",
            m.rows.len(),
            m.columns.len()
        ),
        11,
        1,
        || {
            black_box(matrix::compute(black_box(&scenarios), seed));
        },
    ));
    for &generator in IdGenerator::ALL {
        let mut rng = SimRng::new(seed);
        timings.push(measure(
            now_ms,
            format!("{IDS} IDs, {}", generator.label()),
            5,
            1,
            || {
                for counter in 0..IDS {
                    let input = IdInput {
                        counter,
                        now: SCENARIO_ORIGIN.plus_millis(counter as i64),
                    };
                    black_box(generator.generate(input, &mut rng));
                }
            },
        ));
    }
    (scenario.id, events, timings)
}

/// Every measurement as readable lines, then one line a script can pick
/// out of any output: `BENCH_ENGINE {json}`.
pub fn report(target: &str, now_ms: &dyn Fn() -> f64) -> String {
    let (id, events, timings) = all(now_ms);
    let mut out: String = timings
        .iter()
        .map(|t| {
            format!(
                "{target}: {}: median {:.3} ms of {} samples\n",
                t.name, t.median_ms, t.samples
            )
        })
        .collect();
    let rows: Vec<String> = timings
        .iter()
        .map(|t| {
            format!(
                "{{\"name\":{},\"median_ms\":{},\"samples\":{}}}",
                serde_json::to_string(&t.name).unwrap_or_default(),
                if t.median_ms.is_finite() {
                    t.median_ms
                } else {
                    -1.0
                },
                t.samples
            )
        })
        .collect();
    out.push_str(&format!(
        "BENCH_ENGINE {{\"target\":\"{target}\",\"longest_scenario\":\"{id}\",\"events\":{events},\"timings\":[{}]}}",
        rows.join(",")
    ));
    out
}
