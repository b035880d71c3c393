//! The defender's challenge: keep the attacker out with as few changes as
//! possible, and see what the changes cost honest users. The cost is read
//! from runs of the everyday scenarios, never from a list of known
//! trade-offs: each everyday scenario runs twice, once with the changed
//! settings at the attack's own values and once at the student's, and a
//! cost is a request of Alice's that the shop no longer serves as hers.

use crate::engine::event::EventKind;
use crate::engine::network::Party;
use crate::engine::rng::Seed;
use crate::engine::scenario::{Scenario, ScenarioKind};
use crate::engine::server::knob::Knob;
use crate::engine::world::{run_with, Recording, Run};

/// What the changes cost Alice in one everyday scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    pub scenario_id: String,
    pub title: String,
    /// Of her requests, how many the shop served as hers, before and after.
    pub served_before: usize,
    pub served_after: usize,
}

/// How many of Alice's requests the shop served as a logged-in user's:
/// answered with a session that belongs to someone, and not refused (403).
pub fn served_as_her(run: &Run) -> usize {
    run.events
        .iter()
        .filter(|e| {
            matches!(&e.kind, EventKind::Response { party: Party::Victim, served, response, .. }
                if served.user.is_some() && response.status != 403)
        })
        .count()
}

/// The everyday scenarios of `catalog` in which `after` serves Alice fewer
/// requests as hers than `before`. Both are knobs for the same controls,
/// applied over each scenario's own settings, so the difference is the
/// student's changes alone.
pub fn costs(catalog: &[Scenario], before: &[Knob], after: &[Knob], seed: Seed) -> Vec<Cost> {
    catalog
        .iter()
        .filter(|s| s.kind == ScenarioKind::Everyday)
        .filter_map(|s| {
            let served = |knobs: &[Knob]| {
                served_as_her(&run_with(
                    s,
                    &s.settings().with(knobs),
                    seed,
                    Recording::Lean,
                ))
            };
            let (served_before, served_after) = (served(before), served(after));
            (served_after < served_before).then(|| Cost {
                scenario_id: s.id.clone(),
                title: s.title.clone(),
                served_before,
                served_after,
            })
        })
        .collect()
}

/// The challenge's score: 0 while the attacker gets in; otherwise 100, less
/// 10 for each change past the first and 20 for each everyday scenario
/// where Alice pays for them.
pub fn score(attacker_got_in: bool, changes: usize, costs: usize) -> u32 {
    if attacker_got_in {
        return 0;
    }
    let penalty = 10 * changes.saturating_sub(1) + 20 * costs;
    100u32.saturating_sub(penalty as u32)
}
