//! The world: the victim's browser, the network, the shop's server and the
//! attacker, stepped together on one simulated clock.
//!
//! Like quinn-proto's test harness, the world never waits: [`World::step`]
//! jumps the clock straight to whatever comes first, the next scenario
//! act or the next deadline ([`World::poll_timeout`]: a session's idle
//! or absolute timeout, a cookie's expiry), so a 30-minute idle timeout
//! takes no real time. Everything that happens is appended to the event log
//! with a snapshot of every store; [`run`] returns the log and, for attacks,
//! the [`Verdict`].
//!
//! - `exchange`: one request/response through jar, network and server.
//! - `acts`: what each scenario act does.
//! - `observe`: snapshots, and the wins and obstacles the verdict uses.
//! - `identity`: the User-Agent the attacker copies, and a victim logged
//!   out by a replaced session cookie.

mod acts;
mod exchange;
mod identity;
mod observe;

use crate::engine::attacker::Attacker;
use crate::engine::browser::Browser;
use crate::engine::clock::{Clock, SimTime, UnixTime, SCENARIO_ORIGIN};
use crate::engine::digest;
use crate::engine::event::{Actor, Event, EventKind, Snapshot};
use crate::engine::network::{InFlight, Network, VICTIM_IP, VICTIM_USER_AGENT};
use crate::engine::rng::{Seed, SimRng};
use crate::engine::scenario::{AttackGoal, Scenario, ScenarioKind, TimedAct};
use crate::engine::server::settings::{HstsPolicy, SiteTransport};
use crate::engine::server::{Server, Settings, SHOP_HOST};
use crate::engine::verdict::{AttackLog, Verdict};
use serde::{Deserialize, Serialize};

/// The outcome of a run: the event log and, for attacks, the verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub events: Vec<Event>,
    pub verdict: Option<Verdict>,
}

impl Run {
    /// The run as JSON: the same seed and settings give the same bytes.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A 64-bit fingerprint of the JSON (FNV-1a), the same natively and in
    /// WebAssembly.
    pub fn digest(&self) -> u64 {
        digest::fnv1a_64(self.to_json().as_bytes())
    }

    /// The [`digest`](Self::digest) of the run without its sentences for
    /// students (each event's narration, the verdict's sentence): what
    /// happened, the typed reasons, the snapshots and the outcome. A golden
    /// test pins this, and the wording is pinned apart, so that rewording a
    /// sentence does not look like a change of behaviour.
    pub fn structure_digest(&self) -> u64 {
        let mut bare = self.clone();
        for event in &mut bare.events {
            event.narration.clear();
        }
        if let Some(verdict) = &mut bare.verdict {
            verdict.sentence.clear();
        }
        bare.digest()
    }
}

/// Whether events carry snapshots. The defense matrix only needs verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recording {
    /// Every event with its snapshot, for the page.
    Full,
    /// Events without snapshots, in-flight messages or most narration:
    /// faster, same verdict.
    Lean,
}

/// Runs `scenario` under `settings` with `seed` and returns the full log.
pub fn run(scenario: &Scenario, settings: &Settings, seed: Seed) -> Run {
    run_with(scenario, settings, seed, Recording::Full)
}

/// [`run`], choosing whether events carry snapshots.
pub fn run_with(scenario: &Scenario, settings: &Settings, seed: Seed, recording: Recording) -> Run {
    let mut world = World::new(scenario, settings, seed, recording);
    while world.step() {}
    world.finish()
}

/// How far apart two moments must be for the log to show the clock jumping.
const NOTABLE_GAP_MS: u64 = 60_000;
/// How long a message takes to cross the network.
pub(crate) const LATENCY_MS: u64 = 25;
/// A guard against a scenario that never ends.
const MAX_STEPS: usize = 100_000;

/// The simulated world. It borrows the scenario's acts rather than
/// copying them: a run only reads them.
pub struct World<'a> {
    clock: Clock,
    rng: SimRng,
    settings: Settings,
    server: Server,
    victim: Browser,
    attacker: Attacker,
    network: Network,
    /// The scenario's acts, in time order, and the index of the next.
    acts: Vec<&'a TimedAct>,
    next_act: usize,
    steps_taken: usize,
    events: Vec<Event>,
    exchanges: usize,
    in_flight: Option<InFlight>,
    recording: Recording,
    goal: Option<AttackGoal>,
    log: AttackLog,
    /// Session IDs the attacker relies on whose sessions ended, and how:
    /// the lab's record, for the narration and the verdict. The server
    /// itself forgets ended sessions.
    ended_ids: Vec<(
        crate::engine::server::id_generator::SessionId,
        crate::engine::server::store::EndReason,
    )>,
    /// The first event where HSTS kept a request of the victim's off the
    /// Wi-Fi the attacker listens to, even one without the session cookie:
    /// why the attacker then has nothing to replay.
    kept_off_wifi: Option<(usize, crate::engine::browser::UpgradeBy)>,
    /// Session IDs whose `Set-Cookie` the victim's browser refused (and
    /// why) on a plain http:// response the attacker was reading: the
    /// cookie never worked for her, but the ID crossed the Wi-Fi in clear.
    refused_in_clear: Vec<(String, crate::engine::cookies::BlockedReason)>,
}

impl<'a> World<'a> {
    pub fn new(
        scenario: &'a Scenario,
        settings: &Settings,
        seed: Seed,
        recording: Recording,
    ) -> Self {
        let mut victim = Browser::new(VICTIM_IP, VICTIM_USER_AGENT);
        if settings.transport.hsts == HstsPolicy::Preloaded {
            victim.preloaded.push(SHOP_HOST.to_string());
        }
        let mut acts: Vec<&TimedAct> = scenario.acts.iter().collect();
        // Stable: acts at the same moment keep their order.
        crate::engine::small_sort::by_key(&mut acts, |a| a.at);
        World {
            clock: Clock::new(SCENARIO_ORIGIN),
            rng: SimRng::new(seed),
            settings: settings.clone(),
            server: Server::new(settings),
            victim,
            attacker: Attacker::at(scenario.attacker),
            network: Network::default(),
            acts,
            next_act: 0,
            steps_taken: 0,
            events: Vec::new(),
            exchanges: 0,
            in_flight: None,
            recording,
            goal: match scenario.kind {
                ScenarioKind::Attack => scenario.goal,
                ScenarioKind::Everyday => None,
            },
            log: AttackLog::default(),
            ended_ids: Vec::new(),
            kept_off_wifi: None,
            refused_in_clear: Vec::new(),
        }
    }

    pub fn now(&self) -> SimTime {
        self.clock.now()
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The next deadline: a session timing out or a cookie expiring.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        let jar_deadline = |b: &Browser| b.jar.next_expiry().map(|u| self.to_sim(u));
        [
            self.server.poll_timeout(),
            jar_deadline(&self.victim),
            jar_deadline(&self.attacker.browser),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Moves to `now` and lets every deadline that has passed fire.
    pub fn handle_timeout(&mut self, now: SimTime) {
        self.advance_clock(now);
        let now = self.clock.now();
        for decision in self.server.handle_timeout(now) {
            self.emit_decision(decision, None);
        }
        let unix = self.clock.unix_now();
        for party in [
            crate::engine::network::Party::Victim,
            crate::engine::network::Party::Attacker,
        ] {
            let expired = self.browser_mut(party).jar.evict_expired(unix);
            if !expired.is_empty() {
                let names: Vec<String> = expired.iter().map(|c| c.name.clone()).collect();
                self.emit(
                    Actor::from(party),
                    EventKind::CookiesExpired {
                        party,
                        cookies: expired,
                    },
                    format!(
                        "The browser deletes the cookie(s) {} because their expiry date has passed.",
                        names.join(", ")
                    ),
                );
            }
        }
    }

    /// Does what comes next: a deadline, or the next act. `false` when
    /// the scenario is over (deadlines after the last act are not
    /// waited for).
    pub fn step(&mut self) -> bool {
        self.steps_taken += 1;
        if self.steps_taken > MAX_STEPS {
            return false;
        }
        let Some(next) = self.acts.get(self.next_act).copied() else {
            return false;
        };
        let at = next.at.max(self.clock.now());
        if let Some(deadline) = self.poll_timeout().filter(|d| *d <= at) {
            self.handle_timeout(deadline);
            return true;
        }
        self.advance_clock(at);
        self.next_act += 1;
        self.perform(&next.act);
        true
    }

    /// Ends the run: judges an attack and hands over the log.
    pub fn finish(mut self) -> Run {
        let verdict = self.goal.map(|_| {
            let last = self.events.len().saturating_sub(1);
            let verdict = self.log.verdict(last);
            self.emit(
                Actor::Attacker,
                EventKind::Verdict {
                    verdict: verdict.clone(),
                },
                verdict.sentence.clone(),
            );
            verdict
        });
        Run {
            events: self.events,
            verdict,
        }
    }

    fn to_sim(&self, t: UnixTime) -> SimTime {
        let ms = t.millis().saturating_sub(SCENARIO_ORIGIN.millis()).max(0);
        SimTime(u64::try_from(ms).unwrap_or(0))
    }

    /// Moves the clock forward, noting large jumps in the log.
    fn advance_clock(&mut self, to: SimTime) {
        let from = self.clock.now();
        if to <= from {
            return;
        }
        self.clock.advance_to(to);
        if to.since(from) >= NOTABLE_GAP_MS {
            // The clock's own readings, not a rounded count of minutes: a
            // lesson about a two-minute window needs 00:30 → 02:00 exactly.
            self.emit(
                Actor::Network,
                EventKind::ClockAdvanced { from, to },
                format!("Time passes from {from} to {to}. Nobody waits in real time: the simulation jumps to the next thing that happens."),
            );
        }
    }

    /// The shop's origin under the current transport.
    pub(crate) fn shop_origin(&self) -> String {
        match self.settings.transport.scheme {
            SiteTransport::Http => format!("http://{SHOP_HOST}"),
            SiteTransport::Https => format!("https://{SHOP_HOST}"),
        }
    }

    pub(crate) fn browser_mut(&mut self, party: crate::engine::network::Party) -> &mut Browser {
        match party {
            crate::engine::network::Party::Victim => &mut self.victim,
            crate::engine::network::Party::Attacker => &mut self.attacker.browser,
        }
    }

    pub(crate) fn browser(&self, party: crate::engine::network::Party) -> &Browser {
        match party {
            crate::engine::network::Party::Victim => &self.victim,
            crate::engine::network::Party::Attacker => &self.attacker.browser,
        }
    }

    /// Whether events carry snapshots and narration.
    pub(crate) fn full(&self) -> bool {
        self.recording == Recording::Full
    }

    /// The narration, built only when recording fully: the matrix does
    /// not read it.
    pub(crate) fn narrate(&self, text: impl FnOnce() -> String) -> String {
        if self.full() {
            text()
        } else {
            String::new()
        }
    }

    /// Appends an event (with a snapshot, when recording fully) and
    /// returns its index.
    pub(crate) fn emit(&mut self, actor: Actor, kind: EventKind, narration: String) -> usize {
        let snapshot = match self.recording {
            Recording::Full => self.snapshot(),
            Recording::Lean => Snapshot::default(),
        };
        self.events.push(Event {
            time: self.clock.now(),
            actor,
            kind,
            narration,
            snapshot,
        });
        self.events.len() - 1
    }
}
