//! The page's components, one file each. Each takes plain props (slices of
//! the engine's event log, callbacks); only [`root`] holds state.

pub mod attacker_lane;
pub mod browser_lane;
pub mod compare_view;
pub mod cookie_lab;
pub mod defense_panel;
pub mod export;
pub mod guide;
pub mod header;
pub mod help;
pub mod id_lab;
pub mod matrix_view;
pub mod message;
pub mod network_lane;
pub mod notices;
pub mod playback;
pub mod predict;
pub mod reason_badge;
pub mod root;
pub mod server_lane;
pub mod verdict;
