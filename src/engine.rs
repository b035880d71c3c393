//! The simulation: a pure, deterministic model of a browser, a network, a
//! server and an attacker. Nothing here knows about the web page; time and
//! randomness are inputs; every decision carries a typed reason.
//!
//! The modules are layered, and a module imports only from its own layer or
//! the layers before it (`tests/engine_layers.rs` reads this list and checks
//! every `crate::engine::` path in `src/engine/`):
//!
//! 1. Foundations, which know nothing of parties or scenarios:
//!    [`clock`] (simulated time and calendar dates), [`choice`] (settings
//!    picked from a list: each option's link code and label), [`rng`] (the seeded
//!    ChaCha20 generator all randomness comes from), [`digest`] (FNV-1a,
//!    the same natively and in WebAssembly), [`url`] (URLs and sites),
//!    [`http`] (requests, responses and their HTTP/1.1 wire format),
//!    [`cookies`] (the cookie jar, as RFC 6265bis and Chromium define it),
//!    [`small_sort`] (a stable sort for short lists).
//! 2. Parties, each a module of its own: [`browser`] (a jar, the page in
//!    its tab, the scripts it can run), [`network`] (who can see which bytes
//!    of an exchange), [`server`] (the shop, its session store, ID
//!    generators and policies), [`attacker`] (what the attacker can do,
//!    the pages they serve, what they have learned, how they predict IDs).
//! 3. Labs, each one party's mechanism studied on its own: [`cookie_lab`]
//!    (typed `Set-Cookie` lines through the jar), [`id_analysis`] (the
//!    Session-ID lab: many IDs, measured and predicted).
//! 4. What a run reads and writes: [`scenario`] (scenarios as data: timed
//!    acts of victim and attacker), [`event`] (the event log the page plays
//!    back), [`verdict`] (what stopped or let in an attack; every event log
//!    of an attack ends with one, so it sits below the world).
//! 5. The world: [`world`] composes the parties, steps the clock through a
//!    scenario and records [`event::Event`]s.
//! 6. Readers of whole runs: [`matrix`] (every attack against every
//!    defense), [`compare`] (where two runs of one scenario part ways),
//!    [`ending`] (what an end card states: the ID across the login),
//!    [`challenge`] (the defender's challenge: what changed settings cost
//!    Alice in the everyday scenarios),
//!    [`har`] (a run's traffic as HAR 1.2 and its log as JSON).

pub mod attacker;
pub mod browser;
pub mod challenge;
pub mod choice;
pub mod clock;
pub mod compare;
pub mod cookie_lab;
pub mod cookies;
pub mod digest;
pub mod ending;
pub mod event;
pub mod har;
pub mod http;
pub mod id_analysis;
pub mod matrix;
pub mod network;
pub mod rng;
pub mod scenario;
pub mod server;
pub mod small_sort;
pub mod url;
pub mod verdict;
pub mod world;

pub use world::{run, Run};
