//! The shareable link: the URL's hash holds the scenario, the settings, the
//! seed and the step, so opening the link reproduces the exact view.
//!
//! Format (version 1): `#v=1&s=<scenario id>&seed=<u64>&step=<n>&cfg=<changes>`
//! where `cfg` lists the settings changed from the scenario's own, as
//! `control:value` pairs (see [`crate::app::controls::encode`]), e.g.
//! `cfg=http-only:on,same-site:strict`. Every field but `v` is optional. A link is outside input: parsing returns a
//! [`LinkError`] for anything unexpected and never panics, and the page falls
//! back to defaults with a notice.
//!
//! Pure Rust, compiled natively too, so it is fuzzed with the other parsers.

use crate::engine::rng::Seed;
use std::fmt;

/// The link format this build writes. Links of other versions are refused
/// with a notice rather than half-understood.
pub const LINK_VERSION: u32 = 1;

/// What a link says. Fields it does not mention stay `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkState {
    pub scenario: Option<String>,
    pub seed: Option<Seed>,
    pub step: Option<usize>,
    /// Settings changes, still encoded: they apply to the scenario's own
    /// settings, which only the caller knows.
    pub settings: Option<String>,
    /// Instructors switch "predict, then reveal" on for a class by link.
    pub predict: bool,
    /// Beginner's pace (`pace=1`).
    pub beginner: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The link was made by another version of Session Lab.
    Version(String),
    /// A part is not `key=value`, or a value is not what its key needs.
    Malformed(String),
    /// The settings could not be read.
    Settings(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Version(v) => write!(
                f,
                "This link was made by another version of Session Lab (version {v}), so it opened with the default settings."
            ),
            LinkError::Malformed(what) => write!(
                f,
                "This link is damaged ({what}), so it opened with the default settings."
            ),
            LinkError::Settings(what) => write!(
                f,
                "The settings in this link could not be read ({what}), so it opened with the default settings."
            ),
        }
    }
}

impl LinkState {
    /// The hash for this state, starting with `#`.
    pub fn to_hash(&self) -> String {
        let mut parts = vec![format!("v={LINK_VERSION}")];
        if let Some(s) = &self.scenario {
            parts.push(format!("s={}", encode_component(s)));
        }
        if let Some(seed) = self.seed {
            parts.push(format!("seed={}", seed.0));
        }
        if let Some(step) = self.step {
            parts.push(format!("step={step}"));
        }
        if let Some(cfg) = self.settings.as_deref().filter(|c| !c.is_empty()) {
            parts.push(format!("cfg={}", encode_component(cfg)));
        }
        if self.predict {
            parts.push("predict=1".into());
        }
        if self.beginner {
            parts.push("pace=1".into());
        }
        format!("#{}", parts.join("&"))
    }

    /// Reads a hash (with or without its leading `#`). An empty hash is an
    /// empty state, not an error.
    pub fn parse(hash: &str) -> Result<LinkState, LinkError> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let mut state = LinkState::default();
        if hash.is_empty() {
            return Ok(state);
        }
        let mut version = None;
        for part in hash.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| LinkError::Malformed(format!("\"{}\" has no value", clip(part))))?;
            match key {
                "v" => version = Some(value.to_string()),
                "s" => {
                    let id = decode_component(value)
                        .ok_or_else(|| LinkError::Malformed("the scenario name".into()))?;
                    state.scenario = Some(id);
                }
                "seed" => {
                    let n = value
                        .parse::<u64>()
                        .map_err(|_| LinkError::Malformed("the seed is not a number".into()))?;
                    state.seed = Some(Seed(n));
                }
                "step" => {
                    let n = value
                        .parse::<usize>()
                        .map_err(|_| LinkError::Malformed("the step is not a number".into()))?;
                    state.step = Some(n);
                }
                "cfg" => {
                    let cfg = decode_component(value)
                        .ok_or_else(|| LinkError::Settings("not text".into()))?;
                    state.settings = Some(cfg);
                }
                "predict" => state.predict = value == "1",
                "pace" => state.beginner = value == "1",
                // Keys from newer versions are ignored, not fatal: the
                // version check below decides whether the link is usable.
                _ => {}
            }
        }
        match version.as_deref() {
            Some(v) if v == LINK_VERSION.to_string() => Ok(state),
            Some(v) => Err(LinkError::Version(clip(v))),
            None => Err(LinkError::Malformed("no version".into())),
        }
    }
}

/// At most 40 characters of outside input, for messages.
fn clip(s: &str) -> String {
    crate::app::format::short(s, 40)
}

/// Scenario IDs and settings are ASCII words with `-:,`; anything else is
/// percent-encoded.
pub(crate) fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.:,".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let state = LinkState {
            scenario: Some("fixation-url".into()),
            seed: Some(Seed(42)),
            step: Some(7),
            settings: Some("http-only:on,same-site:strict".into()),
            predict: true,
            beginner: true,
        };
        let hash = state.to_hash();
        assert_eq!(
            hash,
            "#v=1&s=fixation-url&seed=42&step=7&cfg=http-only:on,same-site:strict&predict=1&pace=1"
        );
        assert_eq!(LinkState::parse(&hash), Ok(state));
    }

    #[test]
    fn odd_text_survives_percent_encoding() {
        let state = LinkState {
            scenario: Some("a b&c=d%é".into()),
            ..LinkState::default()
        };
        assert_eq!(LinkState::parse(&state.to_hash()), Ok(state));
    }

    #[test]
    fn refuses_other_versions_and_damage() {
        assert!(matches!(
            LinkState::parse("#v=9&s=x"),
            Err(LinkError::Version(_))
        ));
        assert!(matches!(
            LinkState::parse("#s=x"),
            Err(LinkError::Malformed(_))
        ));
        assert!(matches!(
            LinkState::parse("#v=1&seed=abc"),
            Err(LinkError::Malformed(_))
        ));
        assert!(matches!(
            LinkState::parse("#v=1&cfg=%%%"),
            Err(LinkError::Settings(_))
        ));
        assert_eq!(LinkState::parse(""), Ok(LinkState::default()));
    }
}
