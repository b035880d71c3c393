//! Scenarios as data: who does what, when, starting from which settings.
//!
//! A [`Scenario`] is a list of [`TimedAct`]s for the victim and the
//! attacker. It says nothing about outcomes: whether a cookie is stored or
//! an attack works is computed by the world. The built-in list is
//! [`catalog::catalog`].

pub mod catalog;

pub use catalog::{catalog, find};

use crate::engine::attacker::{AttackerPosition, EvilPage};
use crate::engine::clock::SimTime;
use crate::engine::server::knob::Knob;
use crate::engine::server::Settings;
use serde::{Deserialize, Serialize};

/// Everyday use of sessions, or an attack on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScenarioKind {
    Everyday,
    Attack,
}

/// What counts as the attacker getting in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttackGoal {
    /// A request from the attacker's own machine is served as the victim.
    ImpersonateVictim,
    /// A request the attacker wrote (a page or an injected script) changes
    /// the victim's account while running in the victim's browser.
    ForgeVictimRequest,
    /// The attacker's own account is served the admin panel.
    EscalatePrivilege,
}

/// A scenario: data only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Stable identifier, used in shareable links (`hijack-sniffing`).
    pub id: String,
    pub title: String,
    /// Two lines: the situation, and what to watch.
    pub description: Vec<String>,
    pub kind: ScenarioKind,
    /// For attacks: what the verdict checks.
    pub goal: Option<AttackGoal>,
    /// Where the attacker stands: what they can see, and the IP address
    /// their own requests come from.
    pub attacker: AttackerPosition,
    /// Changes from [`Settings::default`] that set the scene.
    pub overrides: Vec<Knob>,
    pub acts: Vec<TimedAct>,
}

impl Scenario {
    /// The scenario's starting settings: the defaults with its overrides.
    pub fn settings(&self) -> Settings {
        Settings::default().with(&self.overrides)
    }
}

/// An act at a moment of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedAct {
    pub at: SimTime,
    pub act: Act,
}

/// Something the victim or the attacker does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Act {
    Victim(VictimAct),
    Attacker(AttackerAct),
}

/// What the victim does in their browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VictimAct {
    /// Types an address. `{shop}` stands for the shop's origin under the
    /// current transport (`https://shop.example`); an explicit
    /// `http://shop.example/` is typed as it stands.
    Types { address: String },
    /// Fills in and submits the form with this action on the current page
    /// (hidden fields such as a CSRF token come from the page).
    Submits {
        path: String,
        fields: Vec<(String, String)>,
    },
    /// Opens the latest link the attacker sent, from a webmail page.
    OpensLink,
    /// Opens a link to `address` (written as for `Types`) from an email of
    /// the shop's, read on a webmail site: a navigation another site starts.
    FollowsLink { address: String },
    /// Closes the browser: session cookies are gone (the simulated browser
    /// does not restore the previous session on start-up).
    ClosesBrowser,
    /// Her device's public IP address changes to `ip` between two requests:
    /// a phone leaving the Wi-Fi for 4G, or the mobile carrier's NAT moving
    /// her to another public address. Cookies and tab stay as they were.
    ChangesNetwork { ip: String },
}

/// What the attacker does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttackerAct {
    /// Listens on the victim's public Wi-Fi.
    StartsSniffing,
    /// On the victim's Wi-Fi, turns active: drops every connection the
    /// victim opens to port 443 (a rogue access point can), so that
    /// anything the browser is willing to send over plain http is.
    BlocksHttps,
    /// Opens a shop page in their own browser (and so gets a session ID).
    Visits { path: String },
    /// Logs in to their own account in their own browser.
    LogsIn { user: String, password: String },
    /// Puts a page up on a site they control.
    Publishes { page: EvilPage },
    /// Puts up the cookie-tossing page on the subdomain they control,
    /// planting the newest session ID the shop issued to them.
    TossesOwnId,
    /// Posts a product review whose text is a script, on the shop's
    /// product page.
    PostsReview { payload: Payload },
    /// Sends the victim a link (by email or chat).
    SendsLink { lure: Lure },
    /// Pastes the best victim session ID they know into their own browser
    /// and opens `path` on the shop.
    Replays { path: String },
    /// Reads the newest victim session cookie they hold: a signed cookie's
    /// payload decodes without any key; a random ID says nothing.
    DecodesCookie,
    /// Rewrites the user in the payload of the newest victim cookie they
    /// hold, keeping its signature (they have no secret to sign with), and
    /// opens `path` with it.
    TampersCookie { user: String, path: String },
    /// Edits a cookie in their own browser (developer tools) and opens `path`.
    EditsCookie {
        name: String,
        value: String,
        path: String,
    },
    /// Tries `attempts` session IDs at `per_second`, predicted from the IDs
    /// they were issued themselves, requesting `path` with each.
    GuessesIds {
        attempts: u32,
        per_second: u32,
        path: String,
    },
    /// Tries passwords for `user` from a script; with `drop_cookie` it
    /// throws its session cookie away before each try.
    /// Asks the shop's web server for its session directory
    /// (`/sessions/`), as anyone on the internet can.
    ReadsSessionStore,
    TriesPasswords {
        user: String,
        passwords: Vec<String>,
        drop_cookie: bool,
    },
}

/// A link the attacker sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lure {
    /// The shop's login page with the attacker's own session ID in the URL.
    FixatedLogin,
    /// The shop's search page with a script in the query.
    ReflectedXss { payload: Payload },
    /// One of the attacker's own pages.
    EvilPage { url: String },
}

/// What an injected script does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Payload {
    /// Sends `document.cookie` to `https://evil.example/steal`.
    StealCookies,
    /// Loads the transfer form, fills it in (token included) and posts it.
    RideTransfer { to: String, amount: u64 },
}
