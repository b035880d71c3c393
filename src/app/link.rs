//! The shareable link: the URL's hash holds the scenario, the settings, the
//! seed and the step, so opening the link reproduces the exact view.
//!
//! Format (version 1): `#v=1&s=<scenario id>&seed=<u64>&step=<n>&cfg=<settings>`
//! where `cfg` is the settings as JSON in base64url (no padding). Every field
//! but `v` is optional. A link is outside input: parsing returns a
//! [`LinkError`] for anything unexpected and never panics, and the page falls
//! back to defaults with a notice.
//!
//! Pure Rust, compiled natively too, so it is fuzzed with the other parsers.

use crate::engine::rng::Seed;
use crate::engine::server::settings::Settings;
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
    pub settings: Option<Settings>,
    /// Instructors switch "predict, then reveal" on for a class by link.
    pub predict: bool,
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
        if let Some(settings) = &self.settings {
            if let Ok(json) = serde_json::to_vec(settings) {
                parts.push(format!("cfg={}", base64url_encode(&json)));
            }
        }
        if self.predict {
            parts.push("predict=1".into());
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
                    let bytes = base64url_decode(value)
                        .ok_or_else(|| LinkError::Settings("not base64url".into()))?;
                    let settings = serde_json::from_slice::<Settings>(&bytes)
                        .map_err(|e| LinkError::Settings(clip(&e.to_string())))?;
                    state.settings = Some(settings);
                }
                "predict" => state.predict = value == "1",
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
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Scenario IDs are ASCII words; anything else is percent-encoded.
fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode_component(s: &str) -> Option<String> {
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

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL's hash as it is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(B64[index]));
        }
    }
    out
}

pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = B64.iter().position(|&x| x == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    // Leftover bits must be padding zeros, and a lone sixth of a byte is
    // never valid base64.
    if bits >= 6 || acc & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut settings = Settings::default();
        settings.cookie.http_only = true;
        let state = LinkState {
            scenario: Some("fixation-url".into()),
            seed: Some(Seed(42)),
            step: Some(7),
            settings: Some(settings),
            predict: true,
        };
        assert_eq!(LinkState::parse(&state.to_hash()), Ok(state));
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64url_decode(&base64url_encode(&bytes)), Some(bytes));
        }
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
