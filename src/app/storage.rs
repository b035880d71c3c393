//! What survives a reload: the last scenario and settings, kept in
//! localStorage under one key as versioned JSON.
//!
//! Stored state is outside input (another version, another tab, a user's
//! own edits may have written it): [`StoredState::parse`] never panics, and
//! the page drops what it cannot read with a notice.

use crate::engine::server::settings::Settings;
use serde::{Deserialize, Serialize};

/// The localStorage key.
pub const STORAGE_KEY: &str = "session-lab/v1";

pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredState {
    pub version: u32,
    pub scenario: String,
    pub settings: Settings,
}

impl StoredState {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads what was stored. `Err` carries a sentence for the notice.
    pub fn parse(text: &str) -> Result<StoredState, String> {
        let state: StoredState = serde_json::from_str(text).map_err(|_| {
            "Your saved settings could not be read, so they were reset.".to_string()
        })?;
        if state.version != STORAGE_VERSION {
            return Err(
                "Your saved settings came from another version of Session Lab, so they were reset."
                    .into(),
            );
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let state = StoredState {
            version: STORAGE_VERSION,
            scenario: "login".into(),
            settings: Settings::default(),
        };
        assert_eq!(StoredState::parse(&state.to_json()), Ok(state));
        assert!(StoredState::parse("{").is_err());
        assert!(StoredState::parse(r#"{"version":2,"scenario":"x","settings":{}}"#).is_err());
    }
}
