//! # Session Lab
//!
//! Watch web sessions work and break. A simulated browser with a real cookie
//! jar, a server with a session store, a network and an attacker, all inside
//! the page.
//!
//! ## Layout
//!
//! - [`engine`]: the pure, deterministic simulation. No web dependencies; it
//!   builds and tests natively with `cargo test`. Given a scenario, settings
//!   and a seed it produces an event log, each event with its reason and a
//!   snapshot of every store.
//! - [`app`] (its views WebAssembly only): the Yew page that projects the event log:
//!   lanes, messages, narration, playback and the defense panel. It owns
//!   presentation state only.
//!
//! See `DESIGN.md` for the shape and the reasons behind it.

pub mod engine;

pub mod app;
