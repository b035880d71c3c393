//! The defense panel's controls: every setting of the engine as a labelled
//! control with a one-line explanation, grouped as the panel shows them.
//!
//! A control names the engine's declarations rather than repeating them:
//! the setting it reads and writes is a [`Field`] of [`Knob`]'s table, and a
//! select's options, their link codes and labels come from the setting's
//! [`Choice`]. So the panel, the shareable link and the tests all speak of a
//! control by its label ("HttpOnly") and never duplicate the settings'
//! shape; this file adds only what is the page's own: id, label, group and
//! explanation. Pure Rust: tested natively.

use crate::engine::choice::{position, Choice};
use crate::engine::server::knob::{field, Field, Knob};
use crate::engine::server::settings::{Minutes, Settings};

/// The panel's sections, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    CookieAttributes,
    Transport,
    ServerPolicy,
    Application,
    Browser,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::CookieAttributes,
        Group::Transport,
        Group::ServerPolicy,
        Group::Application,
        Group::Browser,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::CookieAttributes => "Cookie attributes",
            Group::Transport => "Transport",
            Group::ServerPolicy => "Server policy",
            Group::Application => "Application",
            Group::Browser => "Victim's browser",
        }
    }
}

/// A select: its options, and how the settings map onto them. Every
/// select is this one struct, read through one copy of the code below (no
/// trait object, so no table of methods a kind of select), and each adds
/// only its two small functions (see [`select!`]).
pub struct Select {
    /// `(code, label)` pairs, in the order the select lists them: for a
    /// setting whose type lists its own options, [`Choice::TABLE`].
    table: &'static [(&'static str, &'static str)],
    /// The current value's place in the table; past its end for a value
    /// the select does not offer (set by a scenario).
    current: fn(&Settings) -> usize,
    /// The knob that sets the value at a place in the table.
    knob: fn(usize) -> Knob,
}

impl Select {
    /// `(code, label)` pairs, in the order the select lists them.
    pub fn options(&self) -> &'static [(&'static str, &'static str)] {
        self.table
    }

    /// The code of the current value. A value the select does not offer
    /// (set by a scenario) gives `custom`, a code outside
    /// [`Select::options`]: the select shows its first option, but the
    /// settings keep the value until the user changes it.
    pub fn current(&self, s: &Settings) -> &'static str {
        self.table
            .get((self.current)(s))
            .map_or("custom", |(code, _)| code)
    }

    /// The change that picks option `code`; `None` for a code not offered.
    pub fn knob(&self, code: &str) -> Option<Knob> {
        position(self.table, code).map(self.knob)
    }
}

/// The options of the type a field holds, found from the field itself, so
/// a control names only the knob.
const fn table_of<V: Choice>(_: Field<V>) -> &'static [(&'static str, &'static str)] {
    V::TABLE
}

fn all_of<V: Choice>(_: Field<V>) -> &'static [V] {
    V::ALL
}

/// `select!(SameSite)`: the select of the setting that knob writes.
macro_rules! select {
    ($knob:ident) => {
        ControlKind::Choice(&Select {
            table: table_of(field::$knob),
            current: |s| Choice::index((field::$knob.get)(s)),
            knob: |i| (field::$knob.knob)(all_of(field::$knob)[i]),
        })
    };
}

/// `timeouts!(IdleTimeout, TIMEOUTS_IDLE)`: a timeout picked from a few
/// durations. A code is the number of minutes (or `none`), so it is the
/// value too.
macro_rules! timeouts {
    ($knob:ident, $table:expr) => {
        ControlKind::Choice(&Select {
            table: $table,
            current: |s| minutes_at($table, (field::$knob.get)(s)),
            knob: |i| (field::$knob.knob)(minutes($table[i].0)),
        })
    };
}

/// The minutes a timeout's code stands for ("none" parses as no number).
fn minutes(code: &str) -> Option<Minutes> {
    code.parse::<u64>().ok().map(Minutes)
}

/// Where a timeout is in its table; past the end for one not offered.
fn minutes_at(table: &[(&str, &str)], m: Option<Minutes>) -> usize {
    table
        .iter()
        .position(|(code, _)| minutes(code) == m)
        .unwrap_or(table.len())
}

const SHOP_DOMAIN: &str = "shop.example";

/// The cookie's `Domain`: left out, or the shop's registrable domain.
const COOKIE_DOMAIN: Select = Select {
    table: &[
        ("host-only", "not set (this host only)"),
        (SHOP_DOMAIN, "shop.example and its subdomains"),
    ],
    current: |s| usize::from(s.cookie.domain.is_some()),
    knob: |i| Knob::CookieDomain((i == 1).then(|| SHOP_DOMAIN.to_string())),
};

/// How a control edits the settings.
pub enum ControlKind {
    /// A checkbox.
    Toggle(Field<bool>),
    /// A select.
    Choice(&'static Select),
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

/// A checkbox's values, as links write them.
const ON_OFF: [(&str, &str); 2] = [("on", "on"), ("off", "off")];

impl Control {
    /// `(code, label)` of every value the control offers.
    pub fn options(&self) -> &'static [(&'static str, &'static str)] {
        match &self.kind {
            ControlKind::Toggle(_) => &ON_OFF,
            ControlKind::Choice(o) => o.options(),
        }
    }

    /// The current value's code, as a link writes it.
    pub fn current(&self, s: &Settings) -> &'static str {
        match &self.kind {
            ControlKind::Toggle(f) => {
                if (f.get)(s) {
                    "on"
                } else {
                    "off"
                }
            }
            ControlKind::Choice(o) => o.current(s),
        }
    }

    /// The change that gives the control the value `code`; `None` for a
    /// code it does not offer.
    pub fn knob(&self, code: &str) -> Option<Knob> {
        match &self.kind {
            ControlKind::Toggle(f) => match code {
                "on" => Some((f.knob)(true)),
                "off" => Some((f.knob)(false)),
                _ => None,
            },
            ControlKind::Choice(o) => o.knob(code),
        }
    }

    /// The current value as text, for diffs ("HttpOnly: on").
    pub fn value_text(&self, s: &Settings) -> &'static str {
        let v = self.current(s);
        self.options()
            .iter()
            .find(|(value, _)| *value == v)
            .map_or(v, |(_, label)| label)
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
    ("20", "20 minutes"),
    ("24", "24 minutes"),
    ("30", "30 minutes"),
];

const TIMEOUTS_ABSOLUTE: &[(&str, &str)] = &[
    ("none", "none"),
    ("60", "1 hour"),
    ("240", "4 hours"),
    ("480", "8 hours"),
];

pub static CONTROLS: &[Control] = &[
    // Cookie attributes
    Control {
        id: "http-only",
        label: "HttpOnly",
        group: Group::CookieAttributes,
        explanation: "Scripts cannot read the session cookie, so injected script cannot steal it (it can still use it).",
        kind: ControlKind::Toggle(field::HttpOnly),
    },
    Control {
        id: "secure",
        label: "Secure",
        group: Group::CookieAttributes,
        explanation: "The browser sends the cookie only over HTTPS, never in clear text.",
        kind: ControlKind::Toggle(field::Secure),
    },
    Control {
        id: "same-site",
        label: "SameSite",
        group: Group::CookieAttributes,
        explanation: "Whether the cookie goes along with requests that other sites start. Not set: Chromium-based browsers (Chrome, Edge), like the simulated one, treat it as Lax; Firefox and Safari do not.",
        kind: select!(SameSite),
    },
    Control {
        id: "host-prefix",
        label: "__Host- prefix",
        group: Group::CookieAttributes,
        explanation: "The browser accepts the cookie only if it is Secure, for Path=/ and without Domain: no subdomain can plant it.",
        kind: ControlKind::Toggle(field::HostPrefix),
    },
    Control {
        id: "cookie-domain",
        label: "Domain",
        group: Group::CookieAttributes,
        explanation: "A Domain attribute shares the cookie with every subdomain; without it only the shop's own host gets it.",
        kind: ControlKind::Choice(&COOKIE_DOMAIN),
    },
    Control {
        id: "lifetime",
        label: "Cookie lifetime",
        group: Group::CookieAttributes,
        explanation: "A session cookie goes when the browser closes, unless the browser restores the previous session on start-up (Chrome's \"Continue where you left off\"), which keeps it; Max-Age keeps it on disk for days.",
        kind: select!(CookieLifetime),
    },
    // Transport
    Control {
        id: "scheme",
        label: "Shop served over",
        group: Group::Transport,
        explanation: "Over plain HTTP anyone on the same Wi-Fi reads every byte, session ID included.",
        kind: select!(Transport),
    },
    Control {
        id: "hsts",
        label: "HSTS",
        group: Group::Transport,
        explanation: "Tells the browser to use HTTPS on later visits; preloaded, even the very first visit is protected.",
        kind: select!(Hsts),
    },
    // Server policy
    Control {
        id: "id-generator",
        label: "Session ID generator",
        group: Group::ServerPolicy,
        explanation: "How the server makes new IDs: guessable ones let an attacker skip stealing.",
        kind: select!(IdGenerator),
    },
    Control {
        id: "regenerate-on-login",
        label: "New session ID at login",
        group: Group::ServerPolicy,
        explanation: "At login the server issues a fresh ID and drops the old one, so an ID planted before login is worthless.",
        kind: ControlKind::Toggle(field::RegenerateOnLogin),
    },
    Control {
        id: "regenerate-on-privilege",
        label: "New session ID on privilege change",
        group: Group::ServerPolicy,
        explanation: "When the user enters the password again to confirm a payment at checkout, the session may do more, so the server issues a fresh ID. (OWASP: renew the ID on every privilege change: login, re-authentication, a new role.)",
        kind: ControlKind::Toggle(field::RegenerateOnPrivilegeChange),
    },
    Control {
        id: "accept-id-from-url",
        label: "Accept session ID in the URL",
        group: Group::ServerPolicy,
        explanation: "The server also reads ?sessionid= from links, which lets anyone hand a victim an ID.",
        kind: ControlKind::Toggle(field::AcceptIdFromUrl),
    },
    Control {
        id: "strict-mode",
        label: "Strict mode",
        group: Group::ServerPolicy,
        explanation: "The server refuses session IDs it never issued instead of adopting them.",
        kind: ControlKind::Toggle(field::StrictMode),
    },
    Control {
        id: "idle-timeout",
        label: "Idle timeout",
        group: Group::ServerPolicy,
        explanation: "A session unused for this long expires on the server. The default, 24 minutes, is PHP's session.gc_maxlifetime: in PHP only the age after which an occasional garbage collection may delete the session, not a timeout it enforces; here it is enforced exactly.",
        kind: timeouts!(IdleTimeout, TIMEOUTS_IDLE),
    },
    Control {
        id: "absolute-timeout",
        label: "Absolute timeout",
        group: Group::ServerPolicy,
        explanation: "A session expires this long after it began, however busy it is.",
        kind: timeouts!(AbsoluteTimeout, TIMEOUTS_ABSOLUTE),
    },
    Control {
        id: "session-state",
        label: "Session state kept in",
        group: Group::ServerPolicy,
        explanation: "In the store the cookie holds only a random ID the server can destroy; in a signed cookie (Rails' cookie store, Flask, a JWT) the server keeps nothing, anyone holding the cookie can read it, and logout cannot revoke a copy.",
        kind: select!(SessionState),
    },
    Control {
        id: "token-denylist",
        label: "Denylist logged-out tokens",
        group: Group::ServerPolicy,
        explanation: "Signed cookies only: logout puts the token on a server-side list checked on every request until it expires: revocation works again, at the price of a store lookup per request.",
        kind: ControlKind::Toggle(field::TokenDenylist),
    },
    Control {
        id: "token-lifetime",
        label: "Signed cookie lifetime",
        group: Group::ServerPolicy,
        explanation: "Signed cookies only: the expiry written inside the signed payload. Flask's PERMANENT_SESSION_LIFETIME defaults to 31 days; 5 minutes shrinks the time a stolen copy works, and the user needs fresh cookies as often.",
        kind: select!(TokenLifetime),
    },
    Control {
        id: "logout",
        label: "Logout",
        group: Group::ServerPolicy,
        explanation: "Whether logging out destroys the session on the server or only deletes the browser's cookie.",
        kind: select!(Logout),
    },
    Control {
        id: "binding",
        label: "Bind session to",
        group: Group::ServerPolicy,
        explanation: "The server refuses the ID from another IP address or browser (User-Agent).",
        kind: select!(Binding),
    },
    Control {
        id: "session-contents",
        label: "Session holds",
        group: Group::ServerPolicy,
        explanation: "With a reference only, the session holds the user's ID and, at checkout, the card's last four digits; with sensitive data it also holds the email, the password, an API token and the full card number, which leak with the session or a copy of the store.",
        kind: select!(Contents),
    },
    Control {
        id: "login-limit",
        label: "Login attempt limit",
        group: Group::ServerPolicy,
        explanation: "Counted in the session, a client that drops its cookie starts over; counted on the account, it cannot.",
        kind: select!(LoginLimit),
    },
    Control {
        id: "session-start",
        label: "Sessions start",
        group: Group::ServerPolicy,
        // PHP: session_start() "creates a session or resumes the current
        // one" (php.net/function.session-start). Django sets the cookie
        // only when the session was modified (docs "When sessions are
        // saved"); express-session: `saveUninitialized: false` = "don't
        // create session until something stored" (its README).
        explanation: "Eagerly (PHP calling session_start() on every page): a visit without the cookie gets a new session whose cookie replaces the browser's. Lazily (Django; express-session with saveUninitialized: false): no cookie until something is stored.",
        kind: select!(SessionStart),
    },
    Control {
        id: "remember-me",
        label: "Remember me",
        group: Group::ServerPolicy,
        // Barry Jaspan, "Improved Persistent Login Cookie Best Practice"
        // (2006); OWASP Session Management Cheat Sheet.
        explanation: "A 30-day session cookie needs a 30-day session: a stolen copy works for weeks. A separate selector:validator token (only its hash stored) opens a fresh session, changes on every use, and an old copy coming back is theft; its sessions ask for the password before a transfer.",
        kind: select!(RememberMe),
    },
    Control {
        id: "session-store",
        label: "Session store",
        group: Group::ServerPolicy,
        // express-session's MemoryStore; PHP's files handler and its
        // session.gc_probability; Django's db backend and clearsessions;
        // connect-redis's TTL.
        explanation: "The app's memory is lost on a restart and not shared between servers. PHP's files are deleted by a garbage collector on 1 request in 100, so an idle session works until it runs; Django's database refuses an expired row on read and a cleanup job deletes it later; a key-value store deletes the key itself when its TTL runs out.",
        kind: select!(StoreKind),
    },
    Control {
        id: "app-servers",
        label: "App servers",
        group: Group::ServerPolicy,
        explanation: "Two app servers behind a load balancer: a session kept in one server's memory is unknown to the other. A database and a key-value store are shared by both; files too, here.",
        kind: select!(AppServers),
    },
    Control {
        id: "lb-routing",
        label: "Load balancer routing",
        group: Group::ServerPolicy,
        explanation: "Round robin sends each request to the next server in turn; sticky sessions add a SERVERID cookie that brings the browser back to the same server.",
        kind: select!(LbRouting),
    },
    Control {
        id: "store-exposure",
        label: "Session files kept",
        group: Group::ServerPolicy,
        explanation: "In a directory the web server serves (a deploy that put them under the web root, a backup left beside the site), anyone can download /sessions/: every session's data and the name it is filed under.",
        kind: select!(StoreExposure),
    },
    Control {
        id: "encrypt-at-rest",
        label: "Encrypt session data at rest",
        group: Group::ServerPolicy,
        explanation: "Each session's data is encrypted with a key kept outside the store: a copy of the store alone is ciphertext. Useless if the key leaks with it, and the files' names are not encrypted.",
        kind: ControlKind::Toggle(field::EncryptAtRest),
    },
    Control {
        id: "store-keys",
        label: "Store files sessions under",
        group: Group::ServerPolicy,
        // Rack / Rails: CVE-2019-16782, sessions stored by a hash of the
        // ID ("private id") since rack 2.0.8.
        explanation: "Under the ID itself, a copy of the store lists every live ID to replay; under a hash of it (Rack and Rails since CVE-2019-16782), the server hashes the ID each request brings, and a name from the copy opens nothing.",
        kind: select!(StoreKeys),
    },
    // Application
    Control {
        id: "search-output",
        label: "Search page output",
        group: Group::Application,
        explanation: "Pasting the query into the page unescaped is an XSS hole: the attacker's script runs in the shop's page.",
        kind: select!(SearchOutput),
    },
    Control {
        id: "review-output",
        label: "Product reviews shown",
        group: Group::Application,
        explanation: "A review written into the page raw is a stored XSS hole: its script runs for everyone who opens the product page, on the shop's own origin.",
        kind: select!(ReviewOutput),
    },
    Control {
        id: "csrf-token",
        label: "CSRF token",
        group: Group::Application,
        explanation: "The transfer form carries a secret token that another site cannot know.",
        kind: ControlKind::Toggle(field::CsrfToken),
    },
    Control {
        id: "role-storage",
        label: "User role kept in",
        group: Group::Application,
        explanation: "A role in a cookie is the client's to edit; in the session it stays on the server.",
        kind: select!(RoleStorage),
    },
    Control {
        id: "cart-storage",
        label: "Cart kept in",
        group: Group::Application,
        explanation: "A cart in a cookie travels with every request and stops growing at the browser's 4096-byte limit; in the session it costs server memory for every user instead.",
        kind: select!(CartStorage),
    },
    Control {
        id: "origin-check",
        label: "Origin check",
        group: Group::Application,
        explanation: "A POST whose Origin header (or, without one, Referer) names another site is refused: browsers say where a request comes from (OWASP's CSRF cheat sheet).",
        kind: ControlKind::Toggle(field::OriginCheck),
    },
    Control {
        id: "fetch-metadata",
        label: "Fetch Metadata",
        group: Group::Application,
        explanation: "Requests the browser marks Sec-Fetch-Site: cross-site are refused unless they are links (top-level GETs). Browsers send Sec-Fetch-* only over HTTPS, so over plain http this lets everything through (web.dev).",
        kind: ControlKind::Toggle(field::FetchMetadata),
    },
    // Victim's browser
    Control {
        id: "https-mode",
        label: "http:// addresses",
        group: Group::Browser,
        explanation: "Chromium tries https:// first and, if that fails, silently falls back to http:// (an attacker who blocks HTTPS gets plain http); HTTPS-First warns instead. Real Chromium exempts .example names; the lab treats shop.example as a public site.",
        kind: select!(HttpsMode),
    },
    Control {
        id: "third-party-cookies",
        label: "Block third-party cookies",
        group: Group::Browser,
        explanation: "No cookies on another site's images and fetches, not even SameSite=None ones; links still carry them. On in Debian's Chromium 156 by default; upstream Chrome still sends them.",
        kind: ControlKind::Toggle(field::BlockThirdPartyCookies),
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
            for &(value, _) in c.options() {
                let knob = c.knob(value);
                assert!(knob.is_some(), "{}: {value}", c.label);
                if let Some(k) = knob {
                    k.apply(&mut s);
                }
                assert_eq!(c.current(&s), value, "{}", c.label);
            }
        }
    }

    /// Settings that no control writes, on purpose: the panel is for what
    /// a student weighs as a defense, and these are not one. Anything else
    /// without a control is a forgotten control.
    const NOT_STUDENT_FACING: &[&str] = &[
        // The cookie's name is no defense: an attacker reads it off any
        // response, and every attack works the same whatever it is called
        // (its `__Host-` prefix is one, and has a control).
        "CookieName",
        // `Path` is no defense either (RFC 6265, "Weak Confidentiality":
        // cookies do not provide isolation by path); the shop's cookie is
        // for all of `/`.
        "CookiePath",
    ];

    /// Every setting declared in the `settings!` table is written by some
    /// control's options, or is listed in [`NOT_STUDENT_FACING`] (and then
    /// by no control, so the list stays true).
    #[test]
    fn every_setting_has_a_control_or_is_listed() {
        let written: Vec<&str> = CONTROLS
            .iter()
            .flat_map(|c| {
                c.options()
                    .iter()
                    .filter_map(|(code, _)| c.knob(code))
                    .map(|k| k.name())
            })
            .collect();
        for name in Knob::ALL_NAMES {
            let listed = NOT_STUDENT_FACING.contains(name);
            let controlled = written.contains(name);
            assert!(
                controlled || listed,
                "no control writes {name}: add one to CONTROLS, or list it in NOT_STUDENT_FACING with the reason"
            );
            assert!(
                !(controlled && listed),
                "{name} has a control: take it off NOT_STUDENT_FACING"
            );
        }
        for name in NOT_STUDENT_FACING {
            assert!(Knob::ALL_NAMES.contains(name), "no setting {name}");
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
        for c in CONTROLS {
            let options = c.options();
            for (i, (code, label)) in options.iter().enumerate() {
                for (other_code, other_label) in &options[i + 1..] {
                    assert_ne!(code, other_code, "{}", c.label);
                    assert_ne!(label, other_label, "{}", c.label);
                }
            }
        }
    }

    /// Shared links and saved states name controls and options by these
    /// codes, and the end-to-end tests find controls by these labels: each
    /// shipped control and option must still be there, worded the same
    /// (new ones may join without touching this list).
    #[test]
    fn codes_and_labels_stay_as_shipped() {
        let now: Vec<String> = CONTROLS
            .iter()
            .flat_map(|c| {
                c.options()
                    .iter()
                    .map(move |(code, label)| format!("{} \"{}\": {code}={label}", c.id, c.label))
            })
            .collect();
        for line in SHIPPED {
            let (control, options) = line.split_once(": ").unwrap_or((line, ""));
            for option in options.split(" | ") {
                let shipped = format!("{control}: {option}");
                assert!(now.contains(&shipped), "{shipped} is gone");
            }
        }
    }

    const SHIPPED: &[&str] = &[
        "http-only \"HttpOnly\": on=on | off=off",
        "secure \"Secure\": on=on | off=off",
        "same-site \"SameSite\": unspecified=not set (Lax in Chromium) | none=None | lax=Lax | strict=Strict",
        "host-prefix \"__Host- prefix\": on=on | off=off",
        "cookie-domain \"Domain\": host-only=not set (this host only) | shop.example=shop.example and its subdomains",
        "lifetime \"Cookie lifetime\": session=session cookie | persistent=Max-Age 30 days",
        "scheme \"Shop served over\": http=HTTP | https=HTTPS",
        "hsts \"HSTS\": off=off | on=on | preloaded=on and preloaded",
        "id-generator \"Session ID generator\": sequential=sequential counter | timestamp=timestamp | hashed-counter=hash of a counter | csprng-64=random, 64 bits | csprng-128=random, 128 bits",
        "regenerate-on-login \"New session ID at login\": on=on | off=off",
        "regenerate-on-privilege \"New session ID on privilege change\": on=on | off=off",
        "accept-id-from-url \"Accept session ID in the URL\": on=on | off=off",
        "strict-mode \"Strict mode\": on=on | off=off",
        "idle-timeout \"Idle timeout\": none=none | 5=5 minutes | 15=15 minutes | 24=24 minutes | 30=30 minutes",
        "absolute-timeout \"Absolute timeout\": none=none | 60=1 hour | 240=4 hours | 480=8 hours",
        "logout \"Logout\": invalidate=destroys the session | clear-cookie=only clears the cookie",
        "session-state \"Session state kept in\": store=the server's store | signed-cookie=a signed cookie (stateless)",
        "token-denylist \"Denylist logged-out tokens\": on=on | off=off",
        "token-lifetime \"Signed cookie lifetime\": 31-days=31 days (Flask's default) | 5-min=5 minutes",
        "binding \"Bind session to\": none=nothing | ip=IP address | user-agent=User-Agent | both=IP address and User-Agent",
        "session-contents \"Session holds\": reference=a user reference only | sensitive=sensitive data too",
        "store-exposure \"Session files kept\": private=outside the web root | web-served=in a directory the web server serves",
        "encrypt-at-rest \"Encrypt session data at rest\": on=on | off=off",
        "store-keys \"Store files sessions under\": raw=the session ID itself | hashed=a hash of the session ID",
        "login-limit \"Login attempt limit\": none=none | per-session=3 per session | per-account=3 per account",
        "search-output \"Search page output\": escaped=escaped (safe) | reflected=reflected raw (XSS hole)",
        "csrf-token \"CSRF token\": on=on | off=off",
        "role-storage \"User role kept in\": session=the session (server) | cookie=a cookie (client)",
    ];

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
    changed(base, current)
        .map(|(c, _, value)| format!("{}:{value}", c.id))
        .collect::<Vec<_>>()
        .join(",")
}

/// The controls whose value in `current` differs from `base` and is one
/// they offer, with both values' codes: `(control, was, now)`. What a link
/// encodes and what the defender's challenge counts as the student's
/// changes.
pub fn changed<'a>(
    base: &'a Settings,
    current: &'a Settings,
) -> impl Iterator<Item = (&'static Control, &'static str, &'static str)> + 'a {
    CONTROLS.iter().filter_map(|c| {
        let (was, now) = (c.current(base), c.current(current));
        let offered = c.options().iter().any(|(o, _)| *o == now);
        (was != now && offered).then_some((c, was, now))
    })
}

/// Applies encoded changes to `base`. Outside input: an unknown control or
/// value is an error naming it, never a panic.
pub fn decode(base: &Settings, text: &str) -> Result<Settings, String> {
    let mut settings = base.clone();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let (_, knob) = parse_change(part)?;
        knob.apply(&mut settings);
    }
    Ok(settings)
}

/// One `control:value` change, as links and the Compare lab write it: the
/// control and the knob that makes the change, or what was wrong with it.
pub fn parse_change(part: &str) -> Result<(&'static Control, Knob), String> {
    let (id, value) = part
        .split_once(':')
        .ok_or_else(|| format!("\"{}\" is not control:value", clip(part)))?;
    let control = find(id).ok_or_else(|| format!("no setting called \"{}\"", clip(id)))?;
    let knob = control
        .knob(value)
        .ok_or_else(|| format!("{} cannot be \"{}\"", control.label, clip(value)))?;
    Ok((control, knob))
}

/// At most 30 characters of outside input, for messages.
fn clip(s: &str) -> String {
    crate::app::format::short(s, 30)
}

#[cfg(test)]
mod encoding_tests {
    use super::*;
    use crate::engine::server::settings::SameSitePolicy;

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
