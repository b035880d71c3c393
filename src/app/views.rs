//! The page's views, one file each. Most are plain functions of what they
//! show (slices of the engine's event log, the page state, the dispatcher):
//! the lanes, the header, playback, the verdict, the defense panel, the
//! labs and the two dialogs (help, a message in full), each a `view`
//! function. Of the views only [`root::Root`], the page's state, is a Yew
//! component (it also moves the focus into a dialog that opens); the
//! sequence diagram (`app::diagram`) is the page's other. Each Yew component type
//! adds its own copy of Yew's component machinery, which the browser
//! compiles at start-up, and props compared before every render: the
//! scenario view re-renders its parts on every step anyway (docs/load-time.md).
//!
//! The views are marked `#[inline(never)]`, and `index.html` tells
//! wasm-opt not to inline them either. The browser compiles WebAssembly one
//! function at a time, on its first call; inlined into the root's render,
//! every lab would be compiled on the page's first render, whether or not
//! it is ever opened, and the root's render would become one function
//! larger than the size gate allows.

pub mod attacker_lane;
pub mod browser_lane;
pub mod challenge;
pub mod compare_view;
pub mod cookie_lab;
pub mod defense_panel;
pub mod end_card;
pub mod export;
pub mod guide;
pub mod header;
pub mod help;
pub mod id_lab;
pub mod id_tag;
pub mod matrix_view;
pub mod message;
pub mod network_lane;
pub mod notices;
pub mod playback;
pub mod predict;
pub mod reason_badge;
pub mod root;
pub mod server_lane;
pub mod term;
pub mod verdict;

/// Milliseconds on the page's clock (not the simulation's): only for
/// measuring how long a lab's own work takes.
pub(crate) fn page_clock_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
