//! The sequence diagram: the whole run as a ladder of lifelines and arrows,
//! the page's main view and two of its exports.
//!
//! - [`model`]: from a run's events, the lifelines, one row per event (an
//!   arrow for a message, a note for a change on one lifeline), the chips
//!   each arrow carries and the deciding step. Pure, tested natively.
//! - [`svg`]: the diagram as a standalone SVG file, for slides and handouts.
//! - [`mermaid`]: the diagram as Mermaid `sequenceDiagram` text, which
//!   GitHub and most documentation tools draw.
//! - `view`: the diagram in the page, drawn by playback (WebAssembly only).

pub mod mermaid;
pub mod model;
pub mod svg;

#[cfg(target_arch = "wasm32")]
pub mod view;
