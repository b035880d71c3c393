//! What survives a reload: the last scenario and settings, kept in
//! localStorage under one key.
//!
//! Format: `1|<scenario id>|<settings changes>`, the changes written as the
//! shareable link writes them ([`crate::app::controls::encode`]), so saved
//! state needs no JSON code in the page. Stored state is outside input
//! (another version, another tab, a user's own edits may have written it):
//! [`StoredState::parse`] never panics, and the page drops what it cannot
//! read with a notice.

/// The localStorage key.
pub const STORAGE_KEY: &str = "session-lab/v1";

pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredState {
    pub scenario: String,
    /// Settings changes from the scenario's own, encoded.
    pub settings: String,
}

const UNREADABLE: &str = "Your saved settings could not be read, so they were reset.";

impl StoredState {
    pub fn to_text(&self) -> String {
        format!("{STORAGE_VERSION}|{}|{}", self.scenario, self.settings)
    }

    /// Reads what was stored. `Err` carries a sentence for the notice.
    pub fn parse(text: &str) -> Result<StoredState, String> {
        let mut parts = text.splitn(3, '|');
        let (Some(version), Some(scenario), Some(settings)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(UNREADABLE.into());
        };
        if version != STORAGE_VERSION.to_string() {
            return Err(
                "Your saved settings came from another version of Session Lab, so they were reset."
                    .into(),
            );
        }
        if scenario.is_empty() || settings.contains('|') {
            return Err(UNREADABLE.into());
        }
        Ok(StoredState {
            scenario: scenario.to_string(),
            settings: settings.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let state = StoredState {
            scenario: "login".into(),
            settings: "http-only:on".into(),
        };
        assert_eq!(state.to_text(), "1|login|http-only:on");
        assert_eq!(StoredState::parse(&state.to_text()), Ok(state));
        assert!(StoredState::parse("{").is_err());
        assert!(StoredState::parse("2|login|").is_err());
        assert!(StoredState::parse("1||").is_err());
    }
}
