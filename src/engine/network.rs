//! The network between the parties, and who can see what on it.
//!
//! The victim sits on public Wi-Fi. A passive observer there reads every
//! byte of a plain `http://` exchange: request line, `Cookie` header,
//! `Set-Cookie` lines, form bodies with passwords. Of an `https://` exchange
//! it learns only the host name (sent in clear in the TLS handshake as SNI),
//! the sizes and the timing.

use crate::engine::clock::SimTime;
use crate::engine::url::{Scheme, Url};
use serde::{Deserialize, Serialize};

/// A machine that sends requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// The victim's browser, on the café's Wi-Fi.
    Victim,
    /// The attacker's own machine (its address depends on where they stand).
    Attacker,
}

impl Party {
    pub fn label(self) -> &'static str {
        match self {
            Party::Victim => "Alice's browser",
            Party::Attacker => "Mallory's machine",
        }
    }
}

/// The public IP address the victim's requests come from (the café).
pub const VICTIM_IP: &str = "203.0.113.24";
/// The attacker's own address.
pub const ATTACKER_IP: &str = "198.51.100.66";
/// The most common `User-Agent` on the web: Chrome on Windows. Since
/// Chrome's User-Agent reduction (Chrome 101 to 113), every Chrome on
/// Windows sends this very string for a major version (minor version and
/// OS details frozen), so it identifies nobody and anyone can send it.
pub const MOST_COMMON_USER_AGENT: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36";
/// Alice browses with Chrome on Windows, like most people: her
/// `User-Agent` is the most common one.
pub const VICTIM_USER_AGENT: &str = MOST_COMMON_USER_AGENT;

/// What an observer on the path sees of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Plain HTTP: the whole message.
    Plaintext { wire: String },
    /// HTTPS: the host name (SNI) and the size, nothing else.
    Encrypted { sni: String, bytes: usize },
}

impl Visibility {
    /// What an observer sees of `wire` sent to `url`.
    pub fn of(url: &Url, wire: &str) -> Visibility {
        match url.scheme() {
            Scheme::Http => Visibility::Plaintext {
                wire: wire.to_string(),
            },
            Scheme::Https => Visibility::Encrypted {
                sni: url.host().to_string(),
                bytes: wire.len(),
            },
        }
    }

    /// The observer's view as text, for the page's network lane.
    pub fn as_text(&self) -> String {
        match self {
            Visibility::Plaintext { wire } => wire.clone(),
            Visibility::Encrypted { sni, bytes } => {
                format!("TLS to {sni}: {bytes} encrypted bytes")
            }
        }
    }
}

/// Which way a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Request,
    Response,
}

/// A message on the wire, shown while it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlight {
    pub party: Party,
    pub direction: Direction,
    pub host: String,
    pub scheme: Scheme,
    /// The message in HTTP/1.1 wire format.
    pub wire: String,
    /// What an observer on the victim's network reads of it.
    pub observer_sees: Visibility,
}

/// One message the observer recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    pub time: SimTime,
    pub direction: Direction,
    pub host: String,
    pub scheme: Scheme,
    pub seen: Visibility,
}

impl Capture {
    /// One line for the captured list: what it was and how much was readable.
    pub fn summary(&self) -> String {
        let what = match self.direction {
            Direction::Request => "request to",
            Direction::Response => "response from",
        };
        match &self.seen {
            Visibility::Plaintext { wire } => {
                let first = wire.lines().next().unwrap_or("");
                format!("{} {what} {} (plain): {first}", self.time, self.host)
            }
            Visibility::Encrypted { bytes, .. } => {
                format!("{} {what} {} (TLS): {bytes} bytes", self.time, self.host)
            }
        }
    }
}

/// The victim's network: whether someone is listening, and what they kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    observer_listening: bool,
    /// An active attacker on the Wi-Fi drops the victim's connections to
    /// port 443, so no TLS connection can be made.
    blocking_https: bool,
    captured: Vec<Capture>,
}

impl Network {
    pub fn start_blocking_https(&mut self) {
        self.blocking_https = true;
    }

    pub fn is_blocking_https(&self) -> bool {
        self.blocking_https
    }

    pub fn start_listening(&mut self) {
        self.observer_listening = true;
    }

    pub fn is_listening(&self) -> bool {
        self.observer_listening
    }

    /// Records a message if it crosses the observed network (the victim's)
    /// while someone listens. Returns what was recorded.
    pub fn observe(
        &mut self,
        party: Party,
        direction: Direction,
        url: &Url,
        wire: &str,
        time: SimTime,
    ) -> Option<Capture> {
        if !self.observer_listening || party != Party::Victim {
            return None;
        }
        let capture = Capture {
            time,
            direction,
            host: url.host().to_string(),
            scheme: url.scheme(),
            seen: Visibility::of(url, wire),
        };
        self.captured.push(capture.clone());
        Some(capture)
    }

    pub fn captured(&self) -> &[Capture] {
        &self.captured
    }
}
