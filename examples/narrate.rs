//! Prints a scenario's steps as text: time, actor, narration, and the
//! verdict. For reviewing scenarios without a browser:
//! `cargo run --example narrate -- hijack-xss` (no argument lists them all).

use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::world::run;

fn main() {
    let wanted = std::env::args().nth(1);
    for scenario in catalog() {
        if wanted.as_deref().is_some_and(|w| w != scenario.id) {
            continue;
        }
        let result = run(&scenario, &scenario.settings(), Seed::default());
        println!(
            "== {} ({}): {} steps",
            scenario.title,
            scenario.id,
            result.events.len()
        );
        if wanted.is_some() {
            for (i, e) in result.events.iter().enumerate() {
                println!("{:>3} {} {:?}: {}", i + 1, e.time, e.actor, e.narration);
            }
        }
        if let Some(v) = &result.verdict {
            let word = if v.attacker_got_in {
                "GOT IN"
            } else {
                "KEPT OUT"
            };
            println!(
                "   verdict: {word} at step {}: {}",
                v.deciding_event + 1,
                v.sentence
            );
        }
    }
}
