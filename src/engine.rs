//! The simulation: a pure, deterministic model of a browser, a network, a
//! server and an attacker. Nothing here knows about the web page; time and
//! randomness are inputs; every decision carries a typed reason.
//!
//! - [`clock`]: simulated time ([`clock::SimTime`]) and the browser's date.
//! - [`rng`]: the seeded ChaCha20 generator all randomness comes from.
//! - [`url`]: the URLs the simulated parties exchange.
//! - [`choice`]: settings picked from a list: each option's link code and label.
//! - [`cookies`]: the browser's cookie jar, as RFC 6265bis and Chromium define it.
//! - [`cookie_lab`]: the cookie lab: typed `Set-Cookie` lines through the jar.
//! - [`http`]: requests, responses and their HTTP/1.1 wire format.
//! - [`server`]: the shop, its session store, ID generators and policies.
//! - [`id_analysis`]: the Session-ID lab: many IDs, measured and predicted.
//! - [`network`]: who can see which bytes of an exchange.
//! - [`attacker`]: what the attacker can do and what they have learned.
//! - [`scenario`]: scenarios as data: timed actions of victim and attacker.
//! - [`world`]: steps the whole simulation and records [`event::Event`]s.
//! - [`verdict`]: whether an attack got in, and the deciding reason.
//! - [`har`]: a run's traffic as HAR 1.2 and its event log as JSON.
//! - [`compare`]: where two runs of one scenario part ways.

pub mod attacker;
pub mod choice;
pub mod clock;
pub mod compare;
pub mod cookie_lab;
pub mod cookies;
pub mod event;
pub mod har;
pub mod http;
pub mod id_analysis;
pub mod matrix;
pub mod network;
pub mod rng;
pub mod scenario;
pub mod server;
pub mod url;
pub mod verdict;
pub mod world;

pub use world::{run, Run};
