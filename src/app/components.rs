//! The page's components, one file each. Each takes plain props (slices of
//! the engine's event log, callbacks); only [`root`] holds state.

pub mod attacker_lane;
pub mod browser_lane;
pub mod defense_panel;
pub mod header;
pub mod help;
pub mod message;
pub mod network_lane;
pub mod notices;
pub mod playback;
pub mod reason_badge;
pub mod root;
pub mod server_lane;
pub mod verdict;
