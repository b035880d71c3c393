//! The simulation: a pure, deterministic model of a browser, a network, a
//! server and an attacker. Nothing here knows about the web page; time and
//! randomness are inputs; every decision carries a typed reason.
//!
//! - [`clock`]: simulated time ([`clock::SimTime`]) and the browser's date.
//! - [`rng`]: the seeded ChaCha20 generator all randomness comes from.
//! - [`url`]: the URLs the simulated parties exchange.
//! - [`cookies`]: the browser's cookie jar, as RFC 6265bis and Chromium define it.
//! - [`http`]: requests, responses and their HTTP/1.1 wire format.
//! - [`server`]: the shop, its session store, ID generators and policies.
//! - [`network`]: who can see which bytes of an exchange.
//! - [`attacker`]: what the attacker can do and what they have learned.
//! - [`scenario`]: scenarios as data: timed actions of victim and attacker.
//! - [`world`]: steps the whole simulation and records [`event::Event`]s.
//! - [`verdict`]: whether an attack got in, and the deciding reason.

pub mod attacker;
pub mod clock;
pub mod cookies;
pub mod event;
pub mod http;
pub mod matrix;
pub mod network;
pub mod rng;
pub mod scenario;
pub mod server;
pub mod url;
pub mod verdict;
pub mod world;

pub use world::{run, Run};
