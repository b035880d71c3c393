//! The defender's challenge, at the top of an attack's defenses panel:
//! keep Mallory out with as few changes as possible, and see what they cost
//! Alice in the everyday scenarios (`engine::challenge`, computed by runs).
//! The page's address holds the settings, so the result is shared by
//! sharing the link.

use crate::app::controls::changed;
use crate::engine::challenge::{costs, score, Cost};
use crate::engine::rng::Seed;
use crate::engine::scenario::Scenario;
use crate::engine::server::settings::Settings;
use yew::prelude::*;

/// The student's changes to an attack's settings and what they cost.
pub struct Challenge {
    /// The labels of the controls set otherwise than the scenario sets them.
    pub changes: Vec<&'static str>,
    pub costs: Vec<Cost>,
}

/// The challenge for `scenario` under `settings`: each control the
/// student changed, and the everyday scenarios of `catalog` run with those
/// controls at the attack's values and at the student's.
pub fn compute(
    catalog: &[Scenario],
    scenario: &Scenario,
    settings: &Settings,
    seed: Seed,
) -> Challenge {
    let own = scenario.settings();
    let (mut changes, mut before, mut after) = (Vec::new(), Vec::new(), Vec::new());
    for (c, was, now) in changed(&own, settings) {
        if let (Some(b), Some(a)) = (c.knob(was), c.knob(now)) {
            changes.push(c.label);
            before.push(b);
            after.push(a);
        }
    }
    Challenge {
        costs: costs(catalog, &before, &after, seed),
        changes,
    }
}

/// The challenge's box; `got_in`: the current run's verdict.
#[inline(never)] // drawn only with the panel open: see views.rs
pub fn view(c: &Challenge, got_in: bool) -> Html {
    let n = c.changes.len();
    let score = score(got_in, n, c.costs.len());
    let state = match (got_in, n) {
        (true, _) => "Mallory still gets in.".to_string(),
        (false, 0) => {
            "Mallory is kept out as the scenario stands: nothing to defend here.".to_string()
        }
        (false, _) => format!(
            "You win: Mallory is kept out with {n} change{}.",
            if n == 1 { "" } else { "s" }
        ),
    };
    html! {
        <section class="challenge" aria-labelledby="challenge-title">
            <h3 id="challenge-title">{ "Defender's challenge" }</h3>
            <p class="detail">{ "Keep Mallory out with as few changes as you can, at no cost to Alice's everyday use of the shop." }</p>
            <p class="challenge-state" role="status">{ state }</p>
            if n > 0 {
                <p>{ "Your changes: " }{ c.changes.join(", ") }{ "." }</p>
                if c.costs.is_empty() {
                    <p>{ "Cost to Alice: none in the everyday scenarios." }</p>
                } else {
                    <p>{ "Cost to Alice:" }</p>
                    <ul>{ for c.costs.iter().map(|k| html! {
                        <li>{ format!("{}: the shop serves her as herself on {} of her requests instead of {}.", k.title, k.served_after, k.served_before) }</li>
                    }) }</ul>
                }
            }
            <p class="score"><b>{ format!("Score: {score} of 100") }</b>{ " · 10 off a change past the first, 20 an everyday scenario Alice pays in. The page's address holds your settings: share it." }</p>
        </section>
    }
}
