//! The defense panel's controls: every setting of the engine as a labelled
//! control with a one-line explanation, grouped as the panel shows them.
//!
//! Each control reads and writes [`Settings`] through plain functions, so the
//! panel, the shareable link and the tests all speak of a control by its
//! label ("HttpOnly") and never duplicate the settings' shape. Pure Rust:
//! tested natively.

use crate::engine::server::id_generator::IdGenerator;
use crate::engine::server::settings::{
    ClientBinding, CookieLifetime, HstsPolicy, LoginLimit, LogoutPolicy, Minutes, RoleStorage,
    SameSitePolicy, SearchOutput, SessionContents, Settings, SiteTransport,
};

/// The panel's sections, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    CookieAttributes,
    Transport,
    ServerPolicy,
    Application,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::CookieAttributes,
        Group::Transport,
        Group::ServerPolicy,
        Group::Application,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::CookieAttributes => "Cookie attributes",
            Group::Transport => "Transport",
            Group::ServerPolicy => "Server policy",
            Group::Application => "Application",
        }
    }
}

/// How a control edits the settings.
pub enum ControlKind {
    /// A checkbox.
    Toggle {
        get: fn(&Settings) -> bool,
        set: fn(&mut Settings, bool),
    },
    /// A select: `(value, label)` pairs; `get` returns the current value.
    Choice {
        options: &'static [(&'static str, &'static str)],
        get: fn(&Settings) -> &'static str,
        set: fn(&mut Settings, &str),
    },
}

pub struct Control {
    /// Stable, for element IDs and tests.
    pub id: &'static str,
    /// The accessible name: what a student (or a test) looks for.
    pub label: &'static str,
    pub group: Group,
    /// One line for students: what turning this on changes.
    pub explanation: &'static str,
    pub kind: ControlKind,
}

impl Control {
    /// The current value as text, for diffs ("HttpOnly: on").
    pub fn value_text(&self, s: &Settings) -> &'static str {
        match &self.kind {
            ControlKind::Toggle { get, .. } => {
                if get(s) {
                    "on"
                } else {
                    "off"
                }
            }
            ControlKind::Choice { options, get, .. } => {
                let v = get(s);
                options
                    .iter()
                    .find(|(value, _)| *value == v)
                    .map(|(_, label)| *label)
                    .unwrap_or(v)
            }
        }
    }
}

/// The controls whose values differ between two settings, as
/// "Label: before → after" lines.
pub fn differences(before: &Settings, after: &Settings) -> Vec<String> {
    CONTROLS
        .iter()
        .filter(|c| c.value_text(before) != c.value_text(after))
        .map(|c| {
            format!(
                "{}: {} → {}",
                c.label,
                c.value_text(before),
                c.value_text(after)
            )
        })
        .collect()
}

pub fn find(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

const TIMEOUTS_IDLE: &[(&str, &str)] = &[
    ("none", "none"),
    ("5", "5 minutes"),
    ("15", "15 minutes"),
    ("24", "24 minutes"),
    ("30", "30 minutes"),
];

const TIMEOUTS_ABSOLUTE: &[(&str, &str)] = &[
    ("none", "none"),
    ("60", "1 hour"),
    ("240", "4 hours"),
    ("480", "8 hours"),
];

fn minutes_value(m: Option<Minutes>, options: &[(&'static str, &'static str)]) -> &'static str {
    let text = m.map(|m| m.0.to_string()).unwrap_or_else(|| "none".into());
    options
        .iter()
        .find(|(v, _)| *v == text)
        .map(|(v, _)| *v)
        // A value from a link that the select does not offer shows as the
        // first option, but the settings keep it until the user changes it.
        .unwrap_or("custom")
}

fn parse_minutes(v: &str) -> Option<Minutes> {
    v.parse::<u64>().ok().map(Minutes)
}

pub static CONTROLS: &[Control] = &[
    // Cookie attributes
    Control {
        id: "http-only",
        label: "HttpOnly",
        group: Group::CookieAttributes,
        explanation: "Scripts cannot read the session cookie, so injected script cannot steal it (it can still use it).",
        kind: ControlKind::Toggle {
            get: |s| s.cookie.http_only,
            set: |s, v| s.cookie.http_only = v,
        },
    },
    Control {
        id: "secure",
        label: "Secure",
        group: Group::CookieAttributes,
        explanation: "The browser sends the cookie only over HTTPS, never in clear text.",
        kind: ControlKind::Toggle {
            get: |s| s.cookie.secure,
            set: |s, v| s.cookie.secure = v,
        },
    },
    Control {
        id: "same-site",
        label: "SameSite",
        group: Group::CookieAttributes,
        explanation: "Whether the cookie goes along with requests that other sites start.",
        kind: ControlKind::Choice {
            options: &[
                ("unspecified", "not set (Lax by default)"),
                ("none", "None"),
                ("lax", "Lax"),
                ("strict", "Strict"),
            ],
            get: |s| match s.cookie.same_site {
                SameSitePolicy::Unspecified => "unspecified",
                SameSitePolicy::None => "none",
                SameSitePolicy::Lax => "lax",
                SameSitePolicy::Strict => "strict",
            },
            set: |s, v| {
                s.cookie.same_site = match v {
                    "none" => SameSitePolicy::None,
                    "lax" => SameSitePolicy::Lax,
                    "strict" => SameSitePolicy::Strict,
                    _ => SameSitePolicy::Unspecified,
                }
            },
        },
    },
    Control {
        id: "host-prefix",
        label: "__Host- prefix",
        group: Group::CookieAttributes,
        explanation: "The browser accepts the cookie only if it is Secure, for Path=/ and without Domain: no subdomain can plant it.",
        kind: ControlKind::Toggle {
            get: |s| s.cookie.host_prefix,
            set: |s, v| s.cookie.host_prefix = v,
        },
    },
    Control {
        id: "cookie-domain",
        label: "Domain",
        group: Group::CookieAttributes,
        explanation: "A Domain attribute shares the cookie with every subdomain; without it only the shop's own host gets it.",
        kind: ControlKind::Choice {
            options: &[
                ("host-only", "not set (this host only)"),
                ("shop.example", "shop.example and its subdomains"),
            ],
            get: |s| {
                if s.cookie.domain.is_some() {
                    "shop.example"
                } else {
                    "host-only"
                }
            },
            set: |s, v| {
                s.cookie.domain = (v == "shop.example").then(|| "shop.example".to_string())
            },
        },
    },
    Control {
        id: "lifetime",
        label: "Cookie lifetime",
        group: Group::CookieAttributes,
        explanation: "A session cookie dies with the browser; Max-Age keeps it on disk for days.",
        kind: ControlKind::Choice {
            options: &[
                ("session", "session cookie"),
                ("persistent", "Max-Age 30 days"),
            ],
            get: |s| match s.cookie.lifetime {
                CookieLifetime::BrowserSession => "session",
                CookieLifetime::Persistent { .. } => "persistent",
            },
            set: |s, v| {
                s.cookie.lifetime = if v == "persistent" {
                    CookieLifetime::Persistent {
                        max_age_secs: 30 * 24 * 3600,
                    }
                } else {
                    CookieLifetime::BrowserSession
                }
            },
        },
    },
    // Transport
    Control {
        id: "scheme",
        label: "Shop served over",
        group: Group::Transport,
        explanation: "Over plain HTTP anyone on the same Wi-Fi reads every byte, session ID included.",
        kind: ControlKind::Choice {
            options: &[("http", "HTTP"), ("https", "HTTPS")],
            get: |s| match s.transport.scheme {
                SiteTransport::Http => "http",
                SiteTransport::Https => "https",
            },
            set: |s, v| {
                s.transport.scheme = if v == "http" {
                    SiteTransport::Http
                } else {
                    SiteTransport::Https
                }
            },
        },
    },
    Control {
        id: "hsts",
        label: "HSTS",
        group: Group::Transport,
        explanation: "Tells the browser to use HTTPS on later visits; preloaded, even the very first visit is protected.",
        kind: ControlKind::Choice {
            options: &[("off", "off"), ("on", "on"), ("preloaded", "on and preloaded")],
            get: |s| match s.transport.hsts {
                HstsPolicy::Off => "off",
                HstsPolicy::On => "on",
                HstsPolicy::Preloaded => "preloaded",
            },
            set: |s, v| {
                s.transport.hsts = match v {
                    "on" => HstsPolicy::On,
                    "preloaded" => HstsPolicy::Preloaded,
                    _ => HstsPolicy::Off,
                }
            },
        },
    },
    // Server policy
    Control {
        id: "id-generator",
        label: "Session ID generator",
        group: Group::ServerPolicy,
        explanation: "How the server makes new IDs: guessable ones let an attacker skip stealing.",
        kind: ControlKind::Choice {
            options: &[
                ("sequential", "sequential counter"),
                ("timestamp", "timestamp"),
                ("hashed-counter", "hash of a counter"),
                ("csprng-64", "random, 64 bits"),
                ("csprng-128", "random, 128 bits"),
            ],
            get: |s| match s.server.id_generator {
                IdGenerator::SequentialCounter => "sequential",
                IdGenerator::Timestamp => "timestamp",
                IdGenerator::HashedCounter => "hashed-counter",
                IdGenerator::Csprng64 => "csprng-64",
                IdGenerator::Csprng128 => "csprng-128",
            },
            set: |s, v| {
                s.server.id_generator = match v {
                    "sequential" => IdGenerator::SequentialCounter,
                    "timestamp" => IdGenerator::Timestamp,
                    "hashed-counter" => IdGenerator::HashedCounter,
                    "csprng-64" => IdGenerator::Csprng64,
                    _ => IdGenerator::Csprng128,
                }
            },
        },
    },
    Control {
        id: "regenerate-on-login",
        label: "New session ID at login",
        group: Group::ServerPolicy,
        explanation: "At login the server issues a fresh ID and drops the old one, so an ID planted before login is worthless.",
        kind: ControlKind::Toggle {
            get: |s| s.server.regenerate_on_login,
            set: |s, v| s.server.regenerate_on_login = v,
        },
    },
    Control {
        id: "regenerate-on-privilege",
        label: "New session ID on privilege change",
        group: Group::ServerPolicy,
        explanation: "Becoming an administrator also gets a fresh ID.",
        kind: ControlKind::Toggle {
            get: |s| s.server.regenerate_on_privilege_change,
            set: |s, v| s.server.regenerate_on_privilege_change = v,
        },
    },
    Control {
        id: "accept-id-from-url",
        label: "Accept session ID in the URL",
        group: Group::ServerPolicy,
        explanation: "The server also reads ?sessionid= from links, which lets anyone hand a victim an ID.",
        kind: ControlKind::Toggle {
            get: |s| s.server.accept_id_from_url,
            set: |s, v| s.server.accept_id_from_url = v,
        },
    },
    Control {
        id: "strict-mode",
        label: "Strict mode",
        group: Group::ServerPolicy,
        explanation: "The server refuses session IDs it never issued instead of adopting them.",
        kind: ControlKind::Toggle {
            get: |s| s.server.strict_mode,
            set: |s, v| s.server.strict_mode = v,
        },
    },
    Control {
        id: "idle-timeout",
        label: "Idle timeout",
        group: Group::ServerPolicy,
        explanation: "A session unused for this long expires on the server.",
        kind: ControlKind::Choice {
            options: TIMEOUTS_IDLE,
            get: |s| minutes_value(s.server.idle_timeout, TIMEOUTS_IDLE),
            set: |s, v| s.server.idle_timeout = parse_minutes(v),
        },
    },
    Control {
        id: "absolute-timeout",
        label: "Absolute timeout",
        group: Group::ServerPolicy,
        explanation: "A session expires this long after it began, however busy it is.",
        kind: ControlKind::Choice {
            options: TIMEOUTS_ABSOLUTE,
            get: |s| minutes_value(s.server.absolute_timeout, TIMEOUTS_ABSOLUTE),
            set: |s, v| s.server.absolute_timeout = parse_minutes(v),
        },
    },
    Control {
        id: "logout",
        label: "Logout",
        group: Group::ServerPolicy,
        explanation: "Whether logging out destroys the session on the server or only deletes the browser's cookie.",
        kind: ControlKind::Choice {
            options: &[
                ("invalidate", "destroys the session"),
                ("clear-cookie", "only clears the cookie"),
            ],
            get: |s| match s.server.logout {
                LogoutPolicy::InvalidateSession => "invalidate",
                LogoutPolicy::ClearCookieOnly => "clear-cookie",
            },
            set: |s, v| {
                s.server.logout = if v == "clear-cookie" {
                    LogoutPolicy::ClearCookieOnly
                } else {
                    LogoutPolicy::InvalidateSession
                }
            },
        },
    },
    Control {
        id: "binding",
        label: "Bind session to",
        group: Group::ServerPolicy,
        explanation: "The server refuses the ID from another IP address or browser (User-Agent).",
        kind: ControlKind::Choice {
            options: &[
                ("none", "nothing"),
                ("ip", "IP address"),
                ("user-agent", "User-Agent"),
                ("both", "IP address and User-Agent"),
            ],
            get: |s| match s.server.binding {
                ClientBinding::None => "none",
                ClientBinding::Ip => "ip",
                ClientBinding::UserAgent => "user-agent",
                ClientBinding::IpAndUserAgent => "both",
            },
            set: |s, v| {
                s.server.binding = match v {
                    "ip" => ClientBinding::Ip,
                    "user-agent" => ClientBinding::UserAgent,
                    "both" => ClientBinding::IpAndUserAgent,
                    _ => ClientBinding::None,
                }
            },
        },
    },
    Control {
        id: "session-contents",
        label: "Session holds",
        group: Group::ServerPolicy,
        explanation: "Keep only a user reference in the session; copies of sensitive data leak with it.",
        kind: ControlKind::Choice {
            options: &[
                ("reference", "a user reference only"),
                ("sensitive", "sensitive data too"),
            ],
            get: |s| match s.server.contents {
                SessionContents::UserReference => "reference",
                SessionContents::SensitiveData => "sensitive",
            },
            set: |s, v| {
                s.server.contents = if v == "sensitive" {
                    SessionContents::SensitiveData
                } else {
                    SessionContents::UserReference
                }
            },
        },
    },
    Control {
        id: "login-limit",
        label: "Login attempt limit",
        group: Group::ServerPolicy,
        explanation: "Counted in the session, a client that drops its cookie starts over; counted on the account, it cannot.",
        kind: ControlKind::Choice {
            options: &[
                ("none", "none"),
                ("per-session", "3 per session"),
                ("per-account", "3 per account"),
            ],
            get: |s| match s.server.login_limit {
                LoginLimit::None => "none",
                LoginLimit::PerSession { .. } => "per-session",
                LoginLimit::PerAccount { .. } => "per-account",
            },
            set: |s, v| {
                s.server.login_limit = match v {
                    "per-session" => LoginLimit::PerSession { max_failures: 3 },
                    "per-account" => LoginLimit::PerAccount { max_failures: 3 },
                    _ => LoginLimit::None,
                }
            },
        },
    },
    // Application
    Control {
        id: "search-output",
        label: "Search page output",
        group: Group::Application,
        explanation: "Pasting the query into the page unescaped is an XSS hole: the attacker's script runs in the shop's page.",
        kind: ControlKind::Choice {
            options: &[
                ("escaped", "escaped (safe)"),
                ("reflected", "reflected raw (XSS hole)"),
            ],
            get: |s| match s.application.search_output {
                SearchOutput::Escaped => "escaped",
                SearchOutput::Reflected => "reflected",
            },
            set: |s, v| {
                s.application.search_output = if v == "reflected" {
                    SearchOutput::Reflected
                } else {
                    SearchOutput::Escaped
                }
            },
        },
    },
    Control {
        id: "csrf-token",
        label: "CSRF token",
        group: Group::Application,
        explanation: "The transfer form carries a secret token that another site cannot know.",
        kind: ControlKind::Toggle {
            get: |s| s.application.csrf_token,
            set: |s, v| s.application.csrf_token = v,
        },
    },
    Control {
        id: "role-storage",
        label: "User role kept in",
        group: Group::Application,
        explanation: "A role in a cookie is the client's to edit; in the session it stays on the server.",
        kind: ControlKind::Choice {
            options: &[
                ("session", "the session (server)"),
                ("cookie", "a cookie (client)"),
            ],
            get: |s| match s.application.role_storage {
                RoleStorage::Session => "session",
                RoleStorage::ClientCookie => "cookie",
            },
            set: |s, v| {
                s.application.role_storage = if v == "cookie" {
                    RoleStorage::ClientCookie
                } else {
                    RoleStorage::Session
                }
            },
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every option of every control survives a set-then-get, so the panel
    /// always shows what the settings hold.
    #[test]
    fn every_option_round_trips() {
        for c in CONTROLS {
            let mut s = Settings::default();
            match &c.kind {
                ControlKind::Toggle { get, set } => {
                    for v in [true, false] {
                        set(&mut s, v);
                        assert_eq!(get(&s), v, "{}", c.label);
                    }
                }
                ControlKind::Choice { options, get, set } => {
                    for (value, _) in options.iter() {
                        set(&mut s, value);
                        assert_eq!(get(&s), *value, "{}", c.label);
                    }
                }
            }
        }
    }

    #[test]
    fn ids_and_labels_are_unique() {
        for (i, a) in CONTROLS.iter().enumerate() {
            for b in CONTROLS.iter().skip(i + 1) {
                assert_ne!(a.id, b.id);
                assert_ne!(a.label, b.label);
            }
        }
    }

    #[test]
    fn differences_name_the_changed_control() {
        let before = Settings::default();
        let mut after = before.clone();
        after.cookie.http_only = true;
        assert_eq!(differences(&before, &after), vec!["HttpOnly: off → on"]);
    }
}

/// The settings as the changes from `base`, one `control:value` per changed
/// control, comma-separated: `http-only:on,same-site:lax`. Readable in a
/// link, and it names controls, not the settings' internal shape, so a link
/// survives refactoring. Only controls the user can change are encoded:
/// whatever a control cannot show stays as the scenario set it.
pub fn encode(base: &Settings, current: &Settings) -> String {
    CONTROLS
        .iter()
        .filter_map(|c| {
            let value = match &c.kind {
                ControlKind::Toggle { get, .. } => {
                    (get(base) != get(current)).then(|| if get(current) { "on" } else { "off" })
                }
                ControlKind::Choice { options, get, .. } => {
                    let v = get(current);
                    (get(base) != v && options.iter().any(|(o, _)| *o == v)).then_some(v)
                }
            }?;
            Some(format!("{}:{value}", c.id))
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Applies encoded changes to `base`. Outside input: an unknown control or
/// value is an error naming it, never a panic.
pub fn decode(base: &Settings, text: &str) -> Result<Settings, String> {
    let mut settings = base.clone();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let (id, value) = part
            .split_once(':')
            .ok_or_else(|| format!("\"{}\" is not control:value", clip(part)))?;
        let control = find(id).ok_or_else(|| format!("no setting called \"{}\"", clip(id)))?;
        match &control.kind {
            ControlKind::Toggle { set, .. } => match value {
                "on" => set(&mut settings, true),
                "off" => set(&mut settings, false),
                _ => return Err(format!("{} cannot be \"{}\"", control.label, clip(value))),
            },
            ControlKind::Choice { options, set, .. } => {
                if !options.iter().any(|(o, _)| *o == value) {
                    return Err(format!("{} cannot be \"{}\"", control.label, clip(value)));
                }
                set(&mut settings, value);
            }
        }
    }
    Ok(settings)
}

/// At most 30 characters of outside input, for messages.
fn clip(s: &str) -> String {
    crate::app::format::short(s, 30)
}

#[cfg(test)]
mod encoding_tests {
    use super::*;

    #[test]
    fn encodes_only_changes_and_round_trips() {
        let base = Settings::default();
        assert_eq!(encode(&base, &base), "");
        let mut changed = base.clone();
        changed.cookie.http_only = true;
        changed.cookie.same_site = SameSitePolicy::Strict;
        let text = encode(&base, &changed);
        assert_eq!(text, "http-only:on,same-site:strict");
        assert_eq!(decode(&base, &text), Ok(changed));
    }

    #[test]
    fn refuses_unknown_controls_and_values() {
        let base = Settings::default();
        assert!(decode(&base, "no-such:on").is_err());
        assert!(decode(&base, "http-only:maybe").is_err());
        assert!(decode(&base, "same-site:sideways").is_err());
        assert!(decode(&base, "http-only").is_err());
    }
}
