//! The diagram's content, computed from a run: who the lifelines are, and
//! for every event one row, either an arrow (a message from one party to
//! another) or a note on one lifeline (a store or jar that changed, a
//! decision, the verdict).
//!
//! One row per event keeps the diagram and the cursor in step: row `i` is
//! event `i`, so playback shows rows `0..=cursor` and a click on a row is a
//! jump to its event. Nothing here decides anything: each row only words
//! what the engine's event says, with session IDs by their nicknames.

use crate::app::id_nickname::{attacker_knows, Nicknames};
use crate::engine::attacker::{KnownId, UserAgentSource};
use crate::engine::cookies::SetCookieOutcome;
use crate::engine::event::{Actor, Event, EventKind};
use crate::engine::network::{Party, Visibility};
use crate::engine::server::decision::{Decision, RouteBy};
use crate::engine::server::SHOP_HOST;
use crate::engine::world::Run;

/// A party with its own vertical line, left to right in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lifeline {
    /// The victim's browser.
    Alice,
    /// The victim's network, where an observer may listen.
    Wifi,
    /// The shop's server.
    Shop,
    /// The attacker's own browser and tools.
    Mallory,
    /// Sites the attacker runs (their page, their collector, a subdomain
    /// of the shop's host).
    MallorySites,
}

impl Lifeline {
    pub const ALL: [Lifeline; 5] = [
        Lifeline::Alice,
        Lifeline::Wifi,
        Lifeline::Shop,
        Lifeline::Mallory,
        Lifeline::MallorySites,
    ];

    /// The name a message uses: "Mallory's browser → shop.example".
    pub fn name(self) -> &'static str {
        match self {
            Lifeline::Alice => "Alice's browser",
            Lifeline::Wifi => "Wi-Fi observer",
            Lifeline::Shop => "shop.example",
            Lifeline::Mallory => "Mallory's browser",
            Lifeline::MallorySites => "Mallory's sites",
        }
    }

    /// A letter for the legend and the lifeline's head, so the parties are
    /// told apart without colour.
    pub fn letter(self) -> char {
        match self {
            Lifeline::Alice => 'A',
            Lifeline::Wifi => 'W',
            Lifeline::Shop => 'S',
            Lifeline::Mallory => 'M',
            Lifeline::MallorySites => 'E',
        }
    }

    /// One line for the legend.
    pub fn role(self) -> &'static str {
        match self {
            Lifeline::Alice => "the victim, Alice, in her browser",
            Lifeline::Wifi => "the café's Wi-Fi, where an observer can read plain HTTP",
            Lifeline::Shop => "the shop's server and its session store",
            Lifeline::Mallory => "the attacker, Mallory, with her own browser and tools",
            Lifeline::MallorySites => "pages the attacker runs: evil.example, and a subdomain of the shop (blog.shop.example)",
        }
    }

    /// A short key for CSS classes and Mermaid participants.
    pub fn key(self) -> &'static str {
        match self {
            Lifeline::Alice => "alice",
            Lifeline::Wifi => "wifi",
            Lifeline::Shop => "shop",
            Lifeline::Mallory => "mallory",
            Lifeline::MallorySites => "sites",
        }
    }

    fn of_party(party: Party) -> Lifeline {
        match party {
            Party::Victim => Lifeline::Alice,
            Party::Attacker => Lifeline::Mallory,
        }
    }

    fn of_host(host: &str) -> Lifeline {
        if host == SHOP_HOST {
            Lifeline::Shop
        } else {
            Lifeline::MallorySites
        }
    }

    fn of_actor(actor: Actor) -> Lifeline {
        match actor {
            Actor::Victim => Lifeline::Alice,
            Actor::Network => Lifeline::Wifi,
            Actor::Server => Lifeline::Shop,
            Actor::Attacker => Lifeline::Mallory,
        }
    }
}

/// What a chip on an arrow stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChipKind {
    /// A cookie the request carried in its `Cookie` header.
    Sent,
    /// A cookie the response asked to set (`Set-Cookie`).
    SetCookie,
    /// A cookie the browser left out, with DevTools' name for why.
    LeftOut(&'static str),
}

/// A cookie on an arrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub kind: ChipKind,
    pub name: String,
    /// The value as shown: a session ID's nickname, else the value itself.
    pub value: String,
    /// The session ID's nickname index (for its colour and letter), if the
    /// value is one.
    pub id: Option<String>,
    /// The attacker knows this ID at this step.
    pub known: bool,
}

impl Chip {
    /// The chip in words: "Cookie sessionid=Fern", "Set-Cookie …",
    /// "left out sessionid (SameSiteLax)".
    pub fn text(&self) -> String {
        match &self.kind {
            ChipKind::Sent => format!("Cookie {}={}", self.name, self.value),
            ChipKind::SetCookie => format!("Set-Cookie {}={}", self.name, self.value),
            ChipKind::LeftOut(reason) => format!("left out {} ({reason})", self.name),
        }
    }
}

/// How an arrow is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrowKind {
    Request,
    Response,
    /// What the observer read, branching off to the attacker.
    Observed,
    /// Something the attacker hands the victim outside HTTP (a link).
    Handed,
}

/// A message from one lifeline to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrow {
    pub from: Lifeline,
    pub to: Lifeline,
    pub kind: ArrowKind,
    /// "GET /login", "303 See Other".
    pub label: String,
    pub chips: Vec<Chip>,
}

impl Arrow {
    /// The arrow in words, naming sender and receiver.
    pub fn sentence(&self) -> String {
        format!("{} → {}: {}", self.from.name(), self.to.name(), self.label)
    }
}

/// How a note reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// Something refused, withheld or ended: often a defense at work.
    Refused,
    /// The attacker gained something.
    Gain,
}

/// A change on one lifeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub on: Lifeline,
    pub text: String,
    pub tone: Tone,
    /// Session IDs the note names, for their colour badges.
    pub ids: Vec<String>,
}

/// One row of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Arrow(Arrow),
    Note(Note),
}

impl Row {
    /// The row in words, for screen readers and the exports.
    pub fn sentence(&self) -> String {
        match self {
            Row::Arrow(a) => a.sentence(),
            Row::Note(n) => format!("{}: {}", n.on.name(), n.text),
        }
    }
}

/// The whole diagram of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The lifelines the run uses, left to right.
    pub lifelines: Vec<Lifeline>,
    /// Row `i` is event `i`.
    pub rows: Vec<Row>,
    /// The event that decided the attack, if the run is an attack.
    pub deciding: Option<usize>,
    /// Whether the attacker got in (for the deciding mark's words).
    pub attacker_got_in: bool,
    pub nicknames: Nicknames,
}

impl Diagram {
    pub fn of_run(run: &Run) -> Diagram {
        let nicknames = Nicknames::for_run(run);
        let mut hosts: Vec<(usize, Lifeline)> = Vec::new();
        let rows: Vec<Row> = run
            .events
            .iter()
            .map(|e| row(e, &nicknames, &mut hosts))
            .collect();
        let lifelines = Lifeline::ALL
            .into_iter()
            .filter(|l| {
                rows.iter().any(|r| match r {
                    Row::Arrow(a) => a.from == *l || a.to == *l,
                    Row::Note(n) => n.on == *l,
                })
            })
            .collect();
        Diagram {
            lifelines,
            rows,
            deciding: run.verdict.as_ref().map(|v| v.deciding_event),
            attacker_got_in: run.verdict.as_ref().is_some_and(|v| v.attacker_got_in),
            nicknames,
        }
    }

    /// The arrows only, with their event's index.
    pub fn arrows(&self) -> impl Iterator<Item = (usize, &Arrow)> {
        self.rows.iter().enumerate().filter_map(|(i, r)| match r {
            Row::Arrow(a) => Some((i, a)),
            Row::Note(_) => None,
        })
    }

    /// The lifeline's column, if the diagram has it.
    pub fn column(&self, l: Lifeline) -> Option<usize> {
        self.lifelines.iter().position(|x| *x == l)
    }

    /// The words of the deciding mark.
    pub fn deciding_words(&self) -> &'static str {
        if self.attacker_got_in {
            "Deciding step: the attacker got in here"
        } else {
            "Deciding step: the attack was stopped here"
        }
    }
}

/// A label no longer than a chip row can hold.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let head: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{head}…")
    }
}

/// `text` with every session ID in it replaced by its nickname, so a URL
/// such as `/login?sessionid=22ec…` reads `/login?sessionid=Fern`.
fn with_nicknames(text: &str, names: &Nicknames) -> String {
    names
        .all()
        .iter()
        .fold(text.to_string(), |t, n| t.replace(&n.id, &n.word))
}

fn chip(kind: ChipKind, name: &str, value: &str, names: &Nicknames, event: &Event) -> Chip {
    let id = names.get(value).map(|n| n.id.clone());
    Chip {
        kind,
        name: name.to_string(),
        value: names.short(value),
        known: id.is_some() && attacker_knows(&event.snapshot, value),
        id,
    }
}

fn note(on: Lifeline, text: String, tone: Tone, ids: Vec<String>) -> Row {
    Row::Note(Note {
        on,
        text,
        tone,
        ids,
    })
}

/// The row of one event. `hosts` remembers which lifeline each exchange's
/// request went to, so its response comes back from there.
fn row(event: &Event, names: &Nicknames, hosts: &mut Vec<(usize, Lifeline)>) -> Row {
    let nick = |id: &str| names.short(id);
    match &event.kind {
        EventKind::Request {
            exchange,
            party,
            request,
            sent,
            excluded,
            ..
        } => {
            let to = Lifeline::of_host(request.url.host());
            hosts.push((*exchange, to));
            let target = with_nicknames(&request.url.path_and_query(), names);
            let mut chips: Vec<Chip> = sent
                .iter()
                .map(|c| chip(ChipKind::Sent, &c.name, &c.value, names, event))
                .collect();
            chips.extend(excluded.iter().map(|(c, reason)| {
                chip(
                    ChipKind::LeftOut(reason.devtools_name()),
                    &c.name,
                    &c.value,
                    names,
                    event,
                )
            }));
            let host = if to == Lifeline::Shop {
                String::new()
            } else {
                format!("{} ", request.url.host())
            };
            Row::Arrow(Arrow {
                from: Lifeline::of_party(*party),
                to,
                kind: ArrowKind::Request,
                label: clip(&format!("{} {host}{target}", request.method.as_str()), 48),
                chips,
            })
        }
        EventKind::Response {
            exchange,
            party,
            response,
            ..
        } => {
            let from = hosts
                .iter()
                .rev()
                .find(|(x, _)| x == exchange)
                .map_or(Lifeline::Shop, |(_, l)| *l);
            let chips = response
                .headers
                .iter()
                .filter(|(h, _)| h.eq_ignore_ascii_case("set-cookie"))
                .map(|(_, line)| {
                    let pair = line.split(';').next().unwrap_or_default();
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    chip(ChipKind::SetCookie, name.trim(), value.trim(), names, event)
                })
                .collect();
            Row::Arrow(Arrow {
                from,
                to: Lifeline::of_party(*party),
                kind: ArrowKind::Response,
                label: format!("{} {}", response.status, response.reason),
                chips,
            })
        }
        EventKind::Sniffed { capture } => {
            let label = match &capture.seen {
                Visibility::Plaintext { wire } => format!(
                    "reads {}",
                    with_nicknames(wire.lines().next().unwrap_or_default(), names)
                ),
                Visibility::Encrypted { sni, bytes } => {
                    format!("sees only {sni}, {bytes} encrypted bytes")
                }
            };
            Row::Arrow(Arrow {
                from: Lifeline::Wifi,
                to: Lifeline::Mallory,
                kind: ArrowKind::Observed,
                label: clip(&label, 48),
                chips: Vec::new(),
            })
        }
        EventKind::LinkSent { url } => Row::Arrow(Arrow {
            from: Lifeline::Mallory,
            to: Lifeline::Alice,
            kind: ArrowKind::Handed,
            label: clip(
                &format!("link {}", with_nicknames(&url.to_string(), names)),
                48,
            ),
            chips: Vec::new(),
        }),
        EventKind::Guessed { report } => Row::Arrow(Arrow {
            from: Lifeline::Mallory,
            to: Lifeline::Shop,
            kind: ArrowKind::Request,
            label: match &report.hit {
                Some(id) => format!(
                    "{} guessed IDs: {} opens",
                    report.attempts,
                    nick(id.as_str())
                ),
                None => format!("{} guessed IDs, none opens", report.attempts),
            },
            chips: Vec::new(),
        }),
        EventKind::Server { decision } => server_note(decision, event, names),
        EventKind::CookiesProcessed { party, outcomes } => {
            let mut refused = false;
            let mut ids = Vec::new();
            let parts: Vec<String> = outcomes
                .iter()
                .map(|o| match o {
                    SetCookieOutcome::Stored { cookie, .. } => {
                        ids.extend(names.get(&cookie.value).map(|n| n.id.clone()));
                        format!("stores {}={}", cookie.name, nick(&cookie.value))
                    }
                    SetCookieOutcome::Removed { cookie } => format!("deletes {}", cookie.name),
                    SetCookieOutcome::Rejected { line, reason } => {
                        refused = true;
                        let name = line.split(['=', ';']).next().unwrap_or_default().trim();
                        format!("refused {name}: {}", reason.devtools_name())
                    }
                })
                .collect();
            let tone = if refused { Tone::Refused } else { Tone::Plain };
            note(Lifeline::of_party(*party), parts.join(" · "), tone, ids)
        }
        EventKind::CookiesExpired { party, cookies } => note(
            Lifeline::of_party(*party),
            format!("{} cookie(s) expired", cookies.len()),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::BrowserClosed { party, removed } => note(
            Lifeline::of_party(*party),
            format!("browser closed: {} session cookie(s) gone", removed.len()),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::NetworkChanged { party, to, .. } => note(
            Lifeline::of_party(*party),
            format!("new network: requests now come from {to}"),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::HstsUpgrade { to, preloaded, .. } => note(
            Lifeline::Alice,
            format!(
                "HSTS{}: goes to {to} instead",
                if *preloaded { " (preloaded)" } else { "" }
            ),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::HttpsUpgrade { to, .. } => note(
            Lifeline::Alice,
            format!("HTTPS-Upgrades: tries {to} first"),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::HttpsFallback { to, .. } => note(
            Lifeline::Alice,
            format!("HTTPS failed: falls back to {to}, silently"),
            Tone::Gain,
            Vec::new(),
        ),
        EventKind::HttpsFirstWarning { url } => note(
            Lifeline::Alice,
            format!("HTTPS-First: warns before {url}, sends nothing"),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::HttpsBlocked => note(
            Lifeline::Wifi,
            "Mallory blocks port 443 on the Wi-Fi".into(),
            Tone::Gain,
            Vec::new(),
        ),
        EventKind::UserAgentCopied { from, .. } => note(
            Lifeline::Mallory,
            match from {
                UserAgentSource::SniffedRequest => {
                    "copies Alice's User-Agent from the sniffed request"
                }
                UserAgentSource::OwnSiteLog => {
                    "copies Alice's User-Agent from the log of Mallory's own site"
                }
                UserAgentSource::MostCommon => "sends the most common User-Agent",
            }
            .into(),
            Tone::Gain,
            Vec::new(),
        ),
        EventKind::LoggedOutBySideEffect {
            old, new, withheld, ..
        } => note(
            Lifeline::Alice,
            format!(
                "logged out: {} withheld ({}), {} replaces it",
                nick(old.as_str()),
                withheld.devtools_name(),
                nick(new.as_str())
            ),
            Tone::Refused,
            vec![old.to_string(), new.to_string()],
        ),
        EventKind::HstsNoted { host } => note(
            Lifeline::Alice,
            format!("remembers: {host} only over HTTPS"),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::ConnectionFailed { party, url } => note(
            Lifeline::of_party(*party),
            format!("nothing answers at {}", url.host()),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::ListeningStarted => note(
            Lifeline::Wifi,
            "Mallory starts listening on the Wi-Fi".into(),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::ScriptRan {
            party, read, page, ..
        } => {
            let text = match read {
                Some(r) if r.value.is_empty() => {
                    format!("script on {} reads no cookie", page.path())
                }
                Some(r) => format!(
                    "script on {} reads {}",
                    page.path(),
                    clip(&with_nicknames(&r.value, names), 40)
                ),
                None => format!("script runs on {}", page.path()),
            };
            let hidden = read.as_ref().is_some_and(|r| !r.hidden.is_empty());
            let text = match read.as_ref().and_then(|r| r.hidden.first()) {
                Some((c, reason)) => {
                    format!("{text} · {} hidden: {}", c.name, reason.devtools_name())
                }
                None => text,
            };
            let tone = if hidden { Tone::Refused } else { Tone::Gain };
            note(Lifeline::of_party(*party), text, tone, Vec::new())
        }
        EventKind::ScriptInert { page } => note(
            Lifeline::Alice,
            format!("page {} escaped the input: no script runs", page.path()),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::AttackerLearned { ids } => {
            let words: Vec<String> = ids.iter().map(|k| learned(k, names)).collect();
            note(
                Lifeline::Mallory,
                format!("now knows {}", words.join(", ")),
                Tone::Gain,
                ids.iter()
                    .filter_map(|k| names.get(&k.value).map(|n| n.id.clone()))
                    .collect(),
            )
        }
        EventKind::PagePublished { url } => note(
            Lifeline::MallorySites,
            format!("page up at {}", clip(&url.to_string(), 40)),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::CookiePasted { outcome } => {
            let (text, tone, ids) = match outcome {
                SetCookieOutcome::Stored { cookie, .. } => (
                    format!("pastes {}={}", cookie.name, nick(&cookie.value)),
                    Tone::Gain,
                    names
                        .get(&cookie.value)
                        .map(|n| n.id.clone())
                        .into_iter()
                        .collect(),
                ),
                SetCookieOutcome::Removed { cookie } => {
                    (format!("removes {}", cookie.name), Tone::Plain, Vec::new())
                }
                SetCookieOutcome::Rejected { reason, .. } => (
                    format!("paste refused: {}", reason.devtools_name()),
                    Tone::Refused,
                    Vec::new(),
                ),
            };
            note(Lifeline::Mallory, text, tone, ids)
        }
        EventKind::CookieDecoded { value, payload, .. } => note(
            Lifeline::Mallory,
            match payload {
                Some(p) => format!("decodes {}: {}", nick(value), clip(p, 60)),
                None => format!("reads {}: a random ID, nothing inside", nick(value)),
            },
            Tone::Plain,
            names.get(value).map(|n| n.id.clone()).into_iter().collect(),
        ),
        EventKind::NothingToReplay => note(
            Lifeline::Mallory,
            "has no ID to replay".into(),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::ActFailed { message } => note(
            Lifeline::of_actor(event.actor),
            clip(message, 60),
            Tone::Refused,
            Vec::new(),
        ),
        EventKind::ClockAdvanced { from, to } => note(
            Lifeline::of_actor(event.actor),
            format!("time passes: {from} → {to}"),
            Tone::Plain,
            Vec::new(),
        ),
        EventKind::Verdict { verdict } => note(
            Lifeline::Mallory,
            if verdict.attacker_got_in {
                "verdict: Mallory got in".into()
            } else {
                "verdict: Mallory was kept out".into()
            },
            if verdict.attacker_got_in {
                Tone::Gain
            } else {
                Tone::Refused
            },
            Vec::new(),
        ),
    }
}

fn learned(k: &KnownId, names: &Nicknames) -> String {
    format!("{}={}", k.name, names.short(&k.value))
}

/// A server decision as a note on the shop's lifeline.
fn server_note(decision: &Decision, event: &Event, names: &Nicknames) -> Row {
    let nick = |id: &str| names.short(id);
    let one = |id: &str| names.get(id).map(|n| n.id.clone()).into_iter().collect();
    let user_of = |u: &Option<crate::engine::server::accounts::UserName>| {
        u.as_ref()
            .map_or_else(|| "nobody".to_string(), |u| u.0.clone())
    };
    let (text, tone, ids): (String, Tone, Vec<String>) = match decision {
        Decision::RedirectedToHttps => (
            "sends plain HTTP to HTTPS".into(),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::RequestRefused { reason } => (
            format!("403: refuses the request ({})", reason.short()),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::SessionNotStarted => (
            "serves the page, starts no session".into(),
            Tone::Plain,
            Vec::new(),
        ),
        Decision::ReviewStored => (
            "stores the review, as written".into(),
            Tone::Gain,
            Vec::new(),
        ),
        Decision::CartCookieWritten { items, bytes } => (
            format!("writes the cart cookie: {items} item(s), {bytes} bytes"),
            Tone::Plain,
            Vec::new(),
        ),
        Decision::SessionCartGrew { id, bytes, .. } => (
            format!("cart in session {} holds {bytes} bytes", nick(id.as_str())),
            Tone::Plain,
            one(id.as_str()),
        ),
        Decision::SignedCookieIssued { user, token, .. } => (
            format!(
                "signs {user}'s session into the cookie {}",
                nick(token.as_str())
            ),
            Tone::Plain,
            one(token.as_str()),
        ),
        Decision::SignedCookieVerified {
            user,
            token,
            denylist_checked,
            ..
        } => (
            format!(
                "signature and expiry check out: {user}{}",
                if *denylist_checked {
                    " (denylist looked up)"
                } else {
                    ""
                }
            ),
            Tone::Plain,
            one(token.as_str()),
        ),
        Decision::SignedCookieLoggedOut { token, revoked, .. } => (
            if *revoked {
                format!("logout: {} put on the denylist", nick(token.as_str()))
            } else {
                format!(
                    "logout: clears this copy of {}; other copies stay valid",
                    nick(token.as_str())
                )
            },
            if *revoked { Tone::Refused } else { Tone::Plain },
            one(token.as_str()),
        ),
        Decision::RememberMeIgnored => ("ignores \"Remember me\"".into(), Tone::Plain, Vec::new()),
        Decision::SessionKeptForWeeks { id, days, .. } => (
            format!(
                "keeps session {} {days} days, cookie too",
                nick(id.as_str())
            ),
            Tone::Gain,
            one(id.as_str()),
        ),
        Decision::RememberTokenIssued { selector, .. } => (
            format!("remember token {selector}: stores hash only"),
            Tone::Plain,
            Vec::new(),
        ),
        Decision::RememberTokenUsed { selector, id, .. } => (
            format!(
                "token {selector} opens new session {}, rotated",
                nick(id.as_str())
            ),
            Tone::Plain,
            one(id.as_str()),
        ),
        Decision::RememberTokenRefused { selector, reason } => (
            format!("ignores token {selector} ({})", reason.short()),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::RememberTokenTheft {
            user,
            selector,
            sessions_ended,
            ..
        } => (
            format!("old token {selector}: theft! revokes all of {user}'s"),
            Tone::Refused,
            sessions_ended.iter().map(|s| s.to_string()).collect(),
        ),
        Decision::PasswordAskedAgain { .. } => (
            "asks for the password again".into(),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::SessionFilesNotServed => {
            ("no /sessions/ here: 404".into(), Tone::Refused, Vec::new())
        }
        Decision::SessionFilesServed {
            files, encrypted, ..
        } => (
            format!(
                "lists {} session file(s){}",
                files.len(),
                if *encrypted {
                    ", encrypted"
                } else {
                    ", in clear"
                }
            ),
            if *encrypted { Tone::Plain } else { Tone::Gain },
            Vec::new(),
        ),
        Decision::RememberTokenRevoked { selector } => (
            format!("revokes token {selector}"),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::SessionCreated { id, .. } => (
            format!("new session {}", nick(id.as_str())),
            Tone::Plain,
            one(id.as_str()),
        ),
        Decision::SessionAdopted { id } => (
            format!("adopts unknown ID {}", nick(id.as_str())),
            Tone::Gain,
            one(id.as_str()),
        ),
        Decision::IdAcceptedFromUrl { id } => (
            format!("takes ID {} from the URL", nick(id.as_str())),
            Tone::Gain,
            one(id.as_str()),
        ),
        Decision::SessionRejected { id, reason } => (
            format!("refuses {}: {}", nick(id.as_str()), reason.short()),
            Tone::Refused,
            one(id.as_str()),
        ),
        Decision::SessionRegenerated { old, new, .. } => (
            format!(
                "new ID at login: {} replaces {}",
                nick(new.as_str()),
                nick(old.as_str())
            ),
            Tone::Refused,
            vec![old.to_string(), new.to_string()],
        ),
        Decision::SessionDestroyed { id, .. } => (
            format!("ends session {}", nick(id.as_str())),
            Tone::Refused,
            one(id.as_str()),
        ),
        Decision::SessionLeftAlive { id, user } => (
            format!(
                "clears the cookie, but session {} ({}) lives on",
                nick(id.as_str()),
                user_of(user)
            ),
            Tone::Gain,
            one(id.as_str()),
        ),
        Decision::SessionExpired { id, reason, .. } => (
            format!("session {} ends: {}", nick(id.as_str()), reason.short()),
            Tone::Refused,
            one(id.as_str()),
        ),
        Decision::TtlExpired { id, .. } => (
            format!(
                "key-value store: TTL of session {} runs out, key deleted",
                nick(id.as_str())
            ),
            Tone::Refused,
            one(id.as_str()),
        ),
        Decision::CleanupJobRan { removed } => (
            format!("cleanup job deletes {} expired row(s)", removed.len()),
            Tone::Plain,
            removed
                .iter()
                .filter_map(|id| names.get(id.as_str()).map(|n| n.id.clone()))
                .collect(),
        ),
        Decision::GarbageCollected { removed } => (
            format!(
                "PHP's garbage collector deletes {} session file(s)",
                removed.len()
            ),
            Tone::Plain,
            removed
                .iter()
                .filter_map(|id| names.get(id.as_str()).map(|n| n.id.clone()))
                .collect(),
        ),
        Decision::Routed { server, by, .. } => (
            match by {
                RouteBy::RoundRobin => format!("load balancer → {server} (round robin)"),
                RouteBy::NewSticky => format!("load balancer → {server}, sets SERVERID={server}"),
                RouteBy::StickyCookie => format!("load balancer → {server} (SERVERID cookie)"),
            },
            Tone::Plain,
            Vec::new(),
        ),
        Decision::LoginSucceeded { user } => {
            // The session the login landed on: the one that names the user
            // and was seen at this very moment.
            let session = event
                .snapshot
                .server
                .sessions
                .iter()
                .filter(|s| s.user.as_ref() == Some(user))
                .max_by_key(|s| s.last_seen);
            match session {
                Some(s) => (
                    format!("session {} now belongs to {user}", nick(s.id.as_str())),
                    Tone::Plain,
                    one(s.id.as_str()),
                ),
                None => (format!("{user} logs in"), Tone::Plain, Vec::new()),
            }
        }
        Decision::LoginFailed { user, failures } => (
            format!("wrong password for {user} ({failures} so far)"),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::LoginRefused { user, scope, .. } => (
            format!("locks out {user} ({} limit)", scope.short()),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::TransferExecuted { from, to, amount } => (
            format!(
                "moves ${amount} from {from} to {}",
                crate::engine::server::accounts::UserName::new(to)
            ),
            Tone::Gain,
            Vec::new(),
        ),
        Decision::TransferRefused { reason } => (
            format!("refuses the transfer: {}", reason.short()),
            Tone::Refused,
            Vec::new(),
        ),
        Decision::OrderPlaced { user, items } => (
            format!("order of {items} item(s) for {user}"),
            Tone::Plain,
            Vec::new(),
        ),
        Decision::AdminPanelServed { user, source } => (
            format!(
                "admin panel for {} (role from {})",
                user_of(user),
                source.short()
            ),
            Tone::Gain,
            Vec::new(),
        ),
        Decision::AdminRefused { user, .. } => (
            format!("no admin panel for {}", user_of(user)),
            Tone::Refused,
            Vec::new(),
        ),
    };
    note(Lifeline::Shop, text, tone, ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    pub(crate) fn run_of(id: &str) -> Run {
        let scenario = catalog()
            .into_iter()
            .find(|s| s.id == id)
            .expect("scenario in catalog");
        run(&scenario, &scenario.settings(), Seed::default())
    }

    fn count(run: &Run, pred: impl Fn(&EventKind) -> bool) -> usize {
        run.events.iter().filter(|e| pred(&e.kind)).count()
    }

    #[test]
    fn one_row_per_event_and_one_arrow_per_message() {
        for s in catalog() {
            let run = run(&s, &s.settings(), Seed::default());
            let d = Diagram::of_run(&run);
            assert_eq!(d.rows.len(), run.events.len(), "{}", s.id);
            let messages = count(&run, |k| {
                matches!(
                    k,
                    EventKind::Request { .. }
                        | EventKind::Response { .. }
                        | EventKind::Sniffed { .. }
                        | EventKind::LinkSent { .. }
                        | EventKind::Guessed { .. }
                )
            });
            assert_eq!(d.arrows().count(), messages, "{}", s.id);
            // Every arrow joins two lifelines the diagram draws.
            for (_, a) in d.arrows() {
                assert!(d.column(a.from).is_some() && d.column(a.to).is_some());
                assert_ne!(a.from, a.to, "{}", s.id);
            }
        }
    }

    #[test]
    fn fixation_the_attackers_request_starts_on_the_attackers_lifeline() {
        let run = run_of("fixation-url");
        let d = Diagram::of_run(&run);
        let attacker_requests = count(&run, |k| {
            matches!(
                k,
                EventKind::Request {
                    party: Party::Attacker,
                    ..
                }
            )
        });
        let from_mallory = d
            .arrows()
            .filter(|(_, a)| a.kind == ArrowKind::Request && a.from == Lifeline::Mallory)
            .count();
        assert!(attacker_requests > 0);
        assert_eq!(from_mallory, attacker_requests);
        // The link Mallory sends carries the ID by its nickname.
        let link = d
            .arrows()
            .find(|(_, a)| a.kind == ArrowKind::Handed)
            .expect("a link");
        let first = &d.nicknames.all()[0];
        assert!(link.1.label.contains(&first.word), "{}", link.1.label);
        assert!(link
            .1
            .sentence()
            .starts_with("Mallory's browser → Alice's browser"));
    }

    #[test]
    fn fixation_chips_name_the_id_the_attacker_knows() {
        let run = run_of("fixation-url");
        let d = Diagram::of_run(&run);
        let sent_cookies: usize = run
            .events
            .iter()
            .map(|e| match &e.kind {
                EventKind::Request { sent, .. } => sent.len(),
                _ => 0,
            })
            .sum();
        let sent_chips = d
            .arrows()
            .flat_map(|(_, a)| a.chips.iter())
            .filter(|c| c.kind == ChipKind::Sent)
            .count();
        assert_eq!(sent_chips, sent_cookies);
        // Alice's own requests carry an ID the attacker knows.
        assert!(d
            .arrows()
            .filter(|(_, a)| a.from == Lifeline::Alice)
            .flat_map(|(_, a)| a.chips.iter())
            .any(|c| c.known && c.id.is_some()));
        // A note says whose the session became at login.
        assert!(d.rows.iter().any(|r| matches!(r,
            Row::Note(n) if n.on == Lifeline::Shop && n.text.contains("now belongs to Alice"))));
    }

    #[test]
    fn sniffing_branches_every_capture_to_the_attacker() {
        let run = run_of("hijack-sniffing");
        let d = Diagram::of_run(&run);
        let captures = count(&run, |k| matches!(k, EventKind::Sniffed { .. }));
        let observed: Vec<_> = d
            .arrows()
            .filter(|(_, a)| a.kind == ArrowKind::Observed)
            .collect();
        assert!(captures > 0);
        assert_eq!(observed.len(), captures);
        assert!(observed
            .iter()
            .all(|(_, a)| a.from == Lifeline::Wifi && a.to == Lifeline::Mallory));
        assert!(d.lifelines.contains(&Lifeline::Wifi));
        // Set-Cookie chips: one per Set-Cookie header the responses brought.
        let set_cookies: usize = run
            .events
            .iter()
            .map(|e| match &e.kind {
                EventKind::Response { response, .. } => response
                    .headers
                    .iter()
                    .filter(|(h, _)| h.eq_ignore_ascii_case("set-cookie"))
                    .count(),
                _ => 0,
            })
            .sum();
        let set_chips = d
            .arrows()
            .flat_map(|(_, a)| a.chips.iter())
            .filter(|c| c.kind == ChipKind::SetCookie)
            .count();
        assert!(set_cookies > 0);
        assert_eq!(set_chips, set_cookies);
    }

    #[test]
    fn the_deciding_step_is_the_verdicts() {
        let run = run_of("hijack-sniffing");
        let d = Diagram::of_run(&run);
        let v = run.verdict.as_ref().expect("an attack");
        assert_eq!(d.deciding, Some(v.deciding_event));
        assert_eq!(d.attacker_got_in, v.attacker_got_in);
        assert!(d.rows.get(v.deciding_event).is_some());
        // An everyday scenario has no deciding step.
        assert_eq!(Diagram::of_run(&run_of("login")).deciding, None);
    }

    #[test]
    fn a_cookie_left_out_shows_its_reason() {
        // Forgery under SameSite=Strict: the browser leaves the session
        // cookie out of the forged request, and the chip says why.
        let s = catalog()
            .into_iter()
            .find(|s| s.id == "csrf")
            .expect("csrf scenario");
        let mut settings = s.settings();
        settings.cookie.same_site = crate::engine::server::settings::SameSitePolicy::Strict;
        let run = run(&s, &settings, Seed::default());
        let d = Diagram::of_run(&run);
        let mut seen = 0;
        for (i, e) in run.events.iter().enumerate() {
            if let EventKind::Request { excluded, .. } = &e.kind {
                let Some(Row::Arrow(a)) = d.rows.get(i) else {
                    panic!("a request is an arrow");
                };
                for (c, reason) in excluded {
                    seen += 1;
                    assert!(a.chips.iter().any(|chip| chip.name == c.name
                        && chip.kind == ChipKind::LeftOut(reason.devtools_name())));
                }
            }
        }
        assert!(seen > 0, "SameSite=Strict leaves a cookie out");
    }
}
