//! The defense matrix: every attack under no defense, under each single
//! defense and under all of them, each cell computed by running the engine
//! (with [`Recording::Lean`]: no snapshots, same verdicts).

use crate::engine::rng::Seed;
use crate::engine::scenario::{Scenario, ScenarioKind};
use crate::engine::server::id_generator::IdGenerator;
use crate::engine::server::knob::Knob;
use crate::engine::server::settings::{
    ClientBinding, HstsPolicy, LogoutPolicy, Minutes, RememberMe, ReviewOutput, RoleStorage,
    SameSitePolicy, SearchOutput, SessionContents, Settings, SiteTransport, StoreExposure,
    StoreKeys, TokenLifetime,
};
use crate::engine::verdict::VerdictReason;
use crate::engine::world::{run_with, Recording};
use serde::{Deserialize, Serialize};

/// One practice from the lesson, as the settings it turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Defense {
    Https,
    SecureCookie,
    HttpOnlyCookie,
    SameSiteLax,
    SameSiteStrict,
    HostPrefix,
    HstsPreload,
    StrongIds,
    StrictMode,
    NoIdInUrl,
    RegenerateOnLogin,
    IdleTimeout,
    AbsoluteTimeout,
    InvalidateOnLogout,
    /// Signed-cookie sessions: keep the logged-out tokens on a denylist,
    /// looked up on every request. (No effect on sessions in the store.)
    TokenDenylist,
    /// Signed-cookie sessions: a 5-minute expiry inside the cookie.
    ShortTokenLifetime,
    /// Refuse the session from another IP address: stops a remote attacker,
    /// not one behind the victim's own NAT.
    BindToIp,
    /// Refuse the session from another User-Agent: stops nobody who has
    /// read the victim's, since copying a header costs nothing.
    BindToUserAgent,
    EscapeOutput,
    CsrfToken,
    RoleInSession,
    OriginCheck,
    FetchMetadata,
    /// "Remember me" as a separate token, rotated on every use, an old
    /// copy detected as theft.
    RememberToken,
    /// The session files outside what the web server serves.
    StoreOutOfWebRoot,
    /// Sessions hold a user reference only: no secret to read in them.
    ReferenceOnly,
    /// Session data encrypted at rest, the key kept outside the store.
    EncryptAtRest,
    /// The store files sessions under a hash of the ID.
    HashedStoreKeys,
}

impl Defense {
    pub const ALL: [Defense; 28] = [
        Defense::Https,
        Defense::SecureCookie,
        Defense::HttpOnlyCookie,
        Defense::SameSiteLax,
        Defense::SameSiteStrict,
        Defense::HostPrefix,
        Defense::HstsPreload,
        Defense::StrongIds,
        Defense::StrictMode,
        Defense::NoIdInUrl,
        Defense::RegenerateOnLogin,
        Defense::IdleTimeout,
        Defense::AbsoluteTimeout,
        Defense::InvalidateOnLogout,
        Defense::TokenDenylist,
        Defense::ShortTokenLifetime,
        Defense::BindToIp,
        Defense::BindToUserAgent,
        Defense::EscapeOutput,
        Defense::CsrfToken,
        Defense::RoleInSession,
        Defense::OriginCheck,
        Defense::FetchMetadata,
        Defense::RememberToken,
        Defense::StoreOutOfWebRoot,
        Defense::ReferenceOnly,
        Defense::EncryptAtRest,
        Defense::HashedStoreKeys,
    ];

    /// `settings` with this defense turned on. The two bindings add to
    /// each other (both on: IP address and User-Agent); every other
    /// defense is its knobs.
    pub fn apply(self, settings: Settings) -> Settings {
        let binding = settings.server.binding;
        let both = ClientBinding::IpAndUserAgent;
        match self {
            Defense::BindToIp if binding.checks_user_agent() => {
                settings.with(&[Knob::Binding(both)])
            }
            Defense::BindToUserAgent if binding.checks_ip() => {
                settings.with(&[Knob::Binding(both)])
            }
            _ => settings.with(&self.knobs()),
        }
    }

    /// The settings this defense changes.
    pub fn knobs(self) -> Vec<Knob> {
        match self {
            Defense::Https => vec![Knob::Transport(SiteTransport::Https)],
            Defense::SecureCookie => vec![Knob::Secure(true)],
            Defense::HttpOnlyCookie => vec![Knob::HttpOnly(true)],
            Defense::SameSiteLax => vec![Knob::SameSite(SameSitePolicy::Lax)],
            Defense::SameSiteStrict => vec![Knob::SameSite(SameSitePolicy::Strict)],
            Defense::HostPrefix => vec![Knob::HostPrefix(true)],
            // HSTS only means something for a site that serves HTTPS.
            Defense::HstsPreload => vec![
                Knob::Transport(SiteTransport::Https),
                Knob::Hsts(HstsPolicy::Preloaded),
            ],
            Defense::StrongIds => vec![Knob::IdGenerator(IdGenerator::Csprng128)],
            Defense::StrictMode => vec![Knob::StrictMode(true)],
            Defense::NoIdInUrl => vec![Knob::AcceptIdFromUrl(false)],
            Defense::RegenerateOnLogin => vec![Knob::RegenerateOnLogin(true)],
            Defense::IdleTimeout => vec![Knob::IdleTimeout(Some(Minutes(15)))],
            Defense::AbsoluteTimeout => vec![Knob::AbsoluteTimeout(Some(Minutes(60)))],
            Defense::InvalidateOnLogout => vec![Knob::Logout(LogoutPolicy::InvalidateSession)],
            Defense::TokenDenylist => vec![Knob::TokenDenylist(true)],
            Defense::ShortTokenLifetime => vec![Knob::TokenLifetime(TokenLifetime::Minutes5)],
            Defense::BindToIp => vec![Knob::Binding(ClientBinding::Ip)],
            Defense::BindToUserAgent => vec![Knob::Binding(ClientBinding::UserAgent)],
            // Every page that writes visitors' text escapes it.
            Defense::EscapeOutput => vec![
                Knob::SearchOutput(SearchOutput::Escaped),
                Knob::ReviewOutput(ReviewOutput::Escaped),
            ],
            Defense::CsrfToken => vec![Knob::CsrfToken(true)],
            Defense::RoleInSession => vec![Knob::RoleStorage(RoleStorage::Session)],
            Defense::OriginCheck => vec![Knob::OriginCheck(true)],
            Defense::FetchMetadata => vec![Knob::FetchMetadata(true)],
            Defense::RememberToken => vec![Knob::RememberMe(RememberMe::Token)],
            Defense::StoreOutOfWebRoot => vec![Knob::StoreExposure(StoreExposure::Private)],
            Defense::ReferenceOnly => vec![Knob::Contents(SessionContents::UserReference)],
            Defense::EncryptAtRest => vec![Knob::EncryptAtRest(true)],
            Defense::HashedStoreKeys => vec![Knob::StoreKeys(StoreKeys::HashedId)],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Defense::Https => "HTTPS",
            Defense::SecureCookie => "Secure",
            Defense::HttpOnlyCookie => "HttpOnly",
            Defense::SameSiteLax => "SameSite=Lax",
            Defense::SameSiteStrict => "SameSite=Strict",
            Defense::HostPrefix => "__Host- prefix",
            Defense::HstsPreload => "HSTS preload",
            Defense::StrongIds => "128-bit random IDs",
            Defense::StrictMode => "Strict mode",
            Defense::NoIdInUrl => "No IDs in URLs",
            Defense::RegenerateOnLogin => "Regenerate on login",
            Defense::IdleTimeout => "15 min idle timeout",
            Defense::AbsoluteTimeout => "1 h absolute timeout",
            Defense::InvalidateOnLogout => "Destroy on logout",
            Defense::TokenDenylist => "Token denylist",
            Defense::ShortTokenLifetime => "5 min token lifetime",
            Defense::BindToIp => "Bind to IP",
            Defense::BindToUserAgent => "Bind to User-Agent",
            Defense::EscapeOutput => "Escape output",
            Defense::CsrfToken => "CSRF token",
            Defense::RoleInSession => "Role in session",
            Defense::OriginCheck => "Origin check",
            Defense::FetchMetadata => "Fetch Metadata",
            Defense::RememberToken => "Remember-me token",
            Defense::StoreOutOfWebRoot => "Store outside web root",
            Defense::ReferenceOnly => "Reference-only session",
            Defense::EncryptAtRest => "Encrypted at rest",
            Defense::HashedStoreKeys => "Hashed store keys",
        }
    }
}

/// Which defenses a column applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    NoDefense,
    Only(Defense),
    AllDefenses,
}

impl Column {
    /// Every column, in the matrix's order.
    pub fn all() -> Vec<Column> {
        let mut cols = vec![Column::NoDefense];
        cols.extend(Defense::ALL.iter().map(|d| Column::Only(*d)));
        cols.push(Column::AllDefenses);
        cols
    }

    pub fn label(&self) -> &'static str {
        match self {
            Column::NoDefense => "No defense",
            Column::Only(d) => d.label(),
            Column::AllDefenses => "All defenses",
        }
    }

    /// `base` with this column's defenses applied.
    pub fn apply(&self, base: Settings) -> Settings {
        match self {
            Column::NoDefense => base,
            Column::Only(d) => d.apply(base),
            Column::AllDefenses => Defense::ALL.iter().fold(base, |s, d| d.apply(s)),
        }
    }
}

/// One cell: did the attacker get in, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub attacker_got_in: bool,
    pub reason: VerdictReason,
    pub deciding_event: usize,
}

/// One attack across every column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub scenario_id: String,
    pub title: String,
    pub cells: Vec<Cell>,
}

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Runs every attack of `scenarios` under every column, from each
/// scenario's own starting settings.
pub fn compute(scenarios: &[Scenario], seed: Seed) -> Matrix {
    let columns = Column::all();
    let rows = scenarios
        .iter()
        .filter(|s| s.kind == ScenarioKind::Attack)
        .map(|s| Row {
            scenario_id: s.id.clone(),
            title: s.title.clone(),
            cells: columns
                .iter()
                .map(|c| cell(s, &c.apply(s.settings()), seed))
                .collect(),
        })
        .collect();
    Matrix { columns, rows }
}

/// One attack under one set of settings.
pub fn cell(scenario: &Scenario, settings: &Settings, seed: Seed) -> Cell {
    let run = run_with(scenario, settings, seed, Recording::Lean);
    match run.verdict {
        Some(v) => Cell {
            attacker_got_in: v.attacker_got_in,
            reason: v.reason,
            deciding_event: v.deciding_event,
        },
        None => Cell {
            attacker_got_in: false,
            reason: VerdictReason::AttackIncomplete,
            deciding_event: run.events.len().saturating_sub(1),
        },
    }
}
