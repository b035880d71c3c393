//! The page: a Yew app that projects the engine's event log.
//!
//! It owns presentation state only (which scenario, the settings a student
//! picked, the cursor, speed, projector mode); everything it shows about
//! cookies, sessions and attacks comes from running the engine.

// Pure parts: compiled and tested natively too.
pub mod chips;
pub mod controls;
pub mod diagram;
pub mod format;
pub mod glossary;
pub mod guide_text;
pub mod id_nickname;
pub mod labs;
pub mod link;
pub mod pace;
pub mod predictions;
pub mod state;
pub mod storage;

// The page itself: WebAssembly only.
#[cfg(target_arch = "wasm32")]
pub mod panic_page;
#[cfg(target_arch = "wasm32")]
pub mod views;

/// Mounts the app on `<body>`, after installing the panic page so that a bug
/// never leaves a dead, silent page in front of a class.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    panic_page::install();
    yew::Renderer::<views::root::Root>::new().render();
    // Yew's renderer installs its own console-only panic hook unless a
    // custom one was registered through it, so ours goes in again after.
    panic_page::install();
}
