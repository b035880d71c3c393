//! One exchange: a request leaves a browser (its `Cookie` header chosen by
//! the jar), crosses the network (where an observer may read it), is
//! answered by the shop or the attacker's site, and the answer's
//! `Set-Cookie` lines go back through the jar. Navigations follow redirects
//! and run the page's scripts.

use super::observe::{DecisionFacts, Origin, Setback};
use super::{World, LATENCY_MS};
use crate::engine::attacker::{session_ids_in_wire, Attacker, KnownId, LearnedBy};
use crate::engine::browser::fetch_metadata::{FetchDest, FetchMode, Initiation};
use crate::engine::browser::page;
use crate::engine::browser::script::Script;
use crate::engine::browser::{HstsSource, Page, UpgradeBy};
use crate::engine::cookies::{
    BlockedReason, Cookie, CookieHeader, Initiator, RequestContext, SetCookieOutcome,
};
use crate::engine::event::{Actor, EventKind, RequestCause};
use crate::engine::http::{cookie_header, form, HttpRequest, HttpResponse, Method, StatusCode};
use crate::engine::network::{Direction, InFlight, Party, Visibility};
use crate::engine::server::decision::Decision;
use crate::engine::server::id_generator::SessionId;
use crate::engine::server::settings::{HttpsMode, SiteTransport};
use crate::engine::server::{PeerAddress, Served, SHOP_HOST};
use crate::engine::url::{Scheme, Url};

/// A request about to be sent.
pub(super) struct Outgoing {
    pub party: Party,
    pub method: Method,
    pub url: Url,
    pub body: String,
    pub ctx: RequestContext,
    pub cause: RequestCause,
    /// A `Cookie` header typed by hand (the attacker's curl), instead of
    /// the jar's.
    pub raw_cookie: Option<String>,
    /// How a browser came to send it, for `Origin`, `Referer` and
    /// `Sec-Fetch-*`; `None` for a tool (curl, a script) that adds none.
    pub initiation: Option<Initiation>,
}

/// A top-level navigation about to start.
pub(super) struct Navigation {
    pub party: Party,
    pub method: Method,
    pub url: Url,
    pub body: String,
    pub initiator: Initiator,
    /// Who started it, for the headers that say so.
    pub initiation: Initiation,
    pub cause: RequestCause,
    /// The page is expected to carry the attacker's script (a
    /// reflected-XSS link): if none runs, that is worth noting.
    pub carries_attack: bool,
}

impl Navigation {
    /// Opening `url`: a GET without a body that carries no attack.
    pub(super) fn get(
        party: Party,
        url: Url,
        initiator: Initiator,
        initiation: Initiation,
        cause: RequestCause,
    ) -> Self {
        Navigation {
            party,
            method: Method::Get,
            url,
            body: String::new(),
            initiator,
            initiation,
            cause,
            carries_attack: false,
        }
    }
}

/// A completed exchange.
pub(super) struct Fetched {
    /// The URL actually requested (after an HSTS upgrade).
    pub url: Url,
    pub response: HttpResponse,
}

/// What answered a request.
struct Answer {
    response: HttpResponse,
    served: Served,
    decisions: Vec<Decision>,
    /// What judging the response needs from `decisions`, read before they
    /// move, uncopied, into their events.
    facts: DecisionFacts,
}

/// How deep navigations may nest (a page's script submitting a form...).
const MAX_NAVIGATION_DEPTH: u32 = 4;
const MAX_REDIRECTS: u32 = 5;

impl World<'_> {
    /// Sends one request and processes its response, stage by stage: the
    /// HSTS upgrade, the request with the jar's cookies, the way out over
    /// the network, the answer, the way back, and the cookies and HSTS the
    /// answer sets. `None` if nothing answered.
    pub(super) fn fetch(&mut self, out: Outgoing) -> Option<Fetched> {
        let party = out.party;
        let url = self.upgrade_by_hsts(party, out.url.clone(), &out.ctx);
        if let Err(why) = self.reachable(party, &url) {
            self.connection_failed(party, &url, why);
            return None;
        }
        let (request, header) = self.build_request(party, &url, &out);
        self.exchanges += 1;
        let exchange = self.exchanges;
        let origin = Origin {
            party,
            cause: out.cause,
        };
        let relied_id_sent = self.send_request(exchange, origin, &url, &request, &header);
        let mut answer = self.answer(party, &url, &request)?;
        for d in std::mem::take(&mut answer.decisions) {
            self.emit_decision(d, Some(origin));
        }
        self.receive_response(exchange, origin, &url, &request, &answer, relied_id_sent);
        // A navigation's final answer commits: from the step that stores
        // its cookies on, the address bar and the page are the new ones, so
        // the jar and the page's view of it (`document.cookie`) never
        // disagree for a step.
        if out.ctx.top_level_navigation && !answer.response.is_redirect() {
            self.browser_mut(party).page = Some(Page {
                url: url.clone(),
                html: answer.response.body.clone(),
            });
        }
        let from_attacker_site = Attacker::serves(url.host());
        self.process_set_cookies(party, &url, &out.ctx, &answer.response, from_attacker_site);
        self.note_replaced_session(party, &header.excluded);
        self.note_hsts_header(party, &url, &answer.response);
        Some(Fetched {
            url,
            response: answer.response,
        })
    }

    /// The browser rewrites `url` to HTTPS if the host is on its HSTS list.
    fn upgrade_by_hsts(&mut self, party: Party, url: Url, ctx: &RequestContext) -> Url {
        let Some((upgraded, source)) = self.browser(party).hsts_upgrade(&url) else {
            return url;
        };
        let preloaded = source == HstsSource::Preloaded;
        let would_expose = self.would_expose_session(party, &url, ctx);
        let why = if preloaded {
            "the host is on the browser's HSTS preload list"
        } else {
            "the site sent Strict-Transport-Security on an earlier visit"
        };
        self.emit(
            Actor::from(party),
            EventKind::HstsUpgrade {
                from: url.clone(),
                to: upgraded.clone(),
                preloaded,
            },
            format!(
                "The browser rewrites {url} to {upgraded} before sending anything (an internal 307, reason HSTS), because {why}. Nothing crosses the network in clear, and if https:// cannot be reached the browser gives up rather than fall back to http://."
            ),
        );
        let index = self.events.len().saturating_sub(1);
        self.note_kept_off_wifi(party, &url, index, UpgradeBy::Hsts { preloaded });
        if would_expose {
            self.note_obstacle(
                index,
                Setback::KeptOffPlainHttp(UpgradeBy::Hsts { preloaded }),
            );
        }
        upgraded
    }

    /// Whether a request to `url` over plain http from `party` would carry
    /// the victim's session cookie past a listening attacker: what makes an
    /// upgrade to HTTPS count against a sniffing attack.
    fn would_expose_session(&self, party: Party, url: &Url, ctx: &RequestContext) -> bool {
        if self.goal.is_none()
            || party != Party::Victim
            || !self.network.is_listening()
            || url.scheme() != Scheme::Http
        {
            return false;
        }
        let session_name = self.settings.cookie.full_name();
        let mut jar = self.victim.jar.clone();
        jar.cookie_header(url, ctx, self.clock.unix_now())
            .sent
            .iter()
            .any(|c| c.name == session_name)
    }

    /// Whether a connection to `url` can be made at all.
    fn reachable(&self, party: Party, url: &Url) -> Result<(), &'static str> {
        if url.scheme() != Scheme::Https {
            return Ok(());
        }
        if party == Party::Victim && self.network.is_blocking_https() {
            return Err("Mallory on the café Wi-Fi drops every connection to port 443, so no TLS connection can be made");
        }
        if url.host() == SHOP_HOST && self.settings.transport.scheme == SiteTransport::Http {
            return Err("the shop does not serve https://");
        }
        Ok(())
    }

    /// The request as the browser writes it: its `Cookie` header chosen by
    /// the jar (or typed by hand), its User-Agent, the headers that say where
    /// it comes from, its form body.
    fn build_request(
        &mut self,
        party: Party,
        url: &Url,
        out: &Outgoing,
    ) -> (HttpRequest, CookieHeader) {
        let unix = self.clock.unix_now();
        let method = out.method;
        let block_third_party = self.settings.browser.block_third_party_cookies;
        let header = match &out.raw_cookie {
            Some(raw) => CookieHeader {
                header: Some(raw.clone()),
                sent: Vec::new(),
                excluded: Vec::new(),
                lax_allowing_unsafe: Vec::new(),
            },
            None => self
                .browser_mut(party)
                .cookie_header(url, &out.ctx, unix, block_third_party),
        };
        let user_agent = self.browser(party).user_agent.clone();
        let mut request =
            HttpRequest::new(method, url.clone()).with_header("User-Agent", &user_agent);
        if let Some(initiation) = &out.initiation {
            request.headers.extend(initiation.headers(method, url));
        }
        if let Some(h) = &header.header {
            request = request.with_header("Cookie", h);
        }
        if method == Method::Post {
            request = request.with_header("Content-Type", "application/x-www-form-urlencoded");
            request.body = out.body.clone();
        }
        (request, header)
    }

    /// The request crosses the network, where an observer may read it.
    /// Returns whether it carries a session ID the attacker relies on.
    fn send_request(
        &mut self,
        exchange: usize,
        origin: Origin,
        url: &Url,
        request: &HttpRequest,
        header: &CookieHeader,
    ) -> bool {
        let party = origin.party;
        self.clock
            .advance_to(self.clock.now().plus_millis(LATENCY_MS));
        let wire = request.to_wire();
        self.in_flight = self.full().then(|| InFlight {
            party,
            direction: Direction::Request,
            host: url.host().to_string(),
            scheme: url.scheme(),
            wire: wire.clone(),
            observer_sees: Visibility::of(url, &wire),
        });
        let session_name = self.settings.cookie.full_name();
        let relied_id_sent = header.header.as_deref().is_some_and(|h| {
            cookie_header::parse(h)
                .iter()
                .any(|(n, v)| *n == session_name && self.attacker.relies_on(&SessionId(v.clone())))
        });
        let narration = self.narrate(|| request_narration(party, request, header));
        let request_index = self.emit(
            Actor::from(party),
            EventKind::Request {
                exchange,
                party,
                cause: origin.cause,
                request: request.clone(),
                wire: wire.clone(),
                sent: header.sent.clone(),
                excluded: header.excluded.clone(),
            },
            narration,
        );
        self.note_obstacle(
            request_index,
            Setback::CookiesLeftOut {
                origin,
                excluded: &header.excluded,
                read_in_clear: party == Party::Victim
                    && self.network.is_listening()
                    && url.scheme() == Scheme::Http,
            },
        );
        self.observe(party, Direction::Request, url, &wire);
        relied_id_sent
    }

    /// Who answers the request: the shop, the attacker's site, or nobody
    /// (then `None`, and the failed connection is logged).
    fn answer(&mut self, party: Party, url: &Url, request: &HttpRequest) -> Option<Answer> {
        let host = url.host();
        if host == SHOP_HOST {
            let peer = PeerAddress(self.browser(party).ip.clone());
            let handled = self
                .server
                .handle(request, &peer, self.clock, &mut self.rng);
            Some(Answer {
                response: handled.response,
                served: handled.served,
                facts: DecisionFacts::of(&handled.decisions),
                decisions: handled.decisions,
            })
        } else if Attacker::serves(host) {
            let shop = self.shop_origin();
            let now = self.clock.now();
            let names = self.stealable_cookie_names();
            self.attacker_logs_visit(party, request);
            let (response, ids) = self.attacker.serve(request, &names, &shop, now);
            if !ids.is_empty() {
                self.attacker_learns(ids);
            }
            Some(Answer {
                response,
                served: Served::default(),
                decisions: Vec::new(),
                facts: DecisionFacts::of(&[]),
            })
        } else {
            self.connection_failed(party, url, "no server answers at this address");
            None
        }
    }

    /// The answer crosses the network back and is judged against the
    /// attack's goal.
    fn receive_response(
        &mut self,
        exchange: usize,
        origin: Origin,
        url: &Url,
        request: &HttpRequest,
        answer: &Answer,
        relied_id_sent: bool,
    ) {
        let party = origin.party;
        let host = url.host().to_string();
        self.clock
            .advance_to(self.clock.now().plus_millis(LATENCY_MS));
        let response_wire = answer.response.to_wire();
        self.in_flight = self.full().then(|| InFlight {
            party,
            direction: Direction::Response,
            host: host.clone(),
            scheme: url.scheme(),
            wire: response_wire.clone(),
            observer_sees: Visibility::of(url, &response_wire),
        });
        let narration =
            self.narrate(|| response_narration(&host, &answer.response, &answer.served));
        let response_index = self.emit(
            if host == SHOP_HOST {
                Actor::Server
            } else {
                Actor::Attacker
            },
            EventKind::Response {
                exchange,
                party,
                response: answer.response.clone(),
                wire: response_wire.clone(),
                served: answer.served.clone(),
            },
            narration,
        );
        self.judge_response(
            response_index,
            origin,
            request,
            &answer.served,
            &answer.facts,
            relied_id_sent,
        );
        self.observe(party, Direction::Response, url, &response_wire);
        self.in_flight = None;
    }

    /// A `Strict-Transport-Security` header the browser did not know yet.
    fn note_hsts_header(&mut self, party: Party, url: &Url, response: &HttpResponse) {
        if response.header("Strict-Transport-Security").is_some()
            && self.browser_mut(party).note_hsts(url)
        {
            let host = url.host().to_string();
            self.emit(
                Actor::from(party),
                EventKind::HstsNoted { host: host.clone() },
                format!("The browser remembers that {host} wants HTTPS only: from now on it rewrites http:// addresses for it by itself."),
            );
        }
    }

    fn connection_failed(&mut self, party: Party, url: &Url, why: &str) {
        self.emit(
            Actor::Network,
            EventKind::ConnectionFailed {
                party,
                url: url.clone(),
            },
            format!("Nothing answers at {url}: {why}."),
        );
        self.in_flight = None;
    }

    /// The observer on the victim's network reads what it can.
    fn observe(&mut self, party: Party, direction: Direction, url: &Url, wire: &str) {
        let now = self.clock.now();
        let Some(capture) = self.network.observe(party, direction, url, wire, now) else {
            return;
        };
        let narration = match &capture.seen {
            Visibility::Plaintext { .. } => {
                let mut text = format!(
                    "The observer on the café Wi-Fi reads this plain http:// message in full: headers, cookies, form fields, everything ({} bytes).",
                    wire.len()
                );
                // A login form in clear gives away more than a session: the
                // password itself, good for logging in again and elsewhere.
                let body = wire.split_once("\r\n\r\n").map_or("", |(_, b)| b);
                if let Some((_, password)) =
                    form::decode_pairs(body).into_iter().find(|(k, _)| k == "password")
                {
                    text.push_str(&format!(
                        " That includes the password in the login form, password={password}: with it Mallory can log in as Alice herself, whatever happens to the session."
                    ));
                }
                text
            }
            Visibility::Encrypted { sni, bytes } => format!(
                "The observer sees only that someone talks to {sni} over TLS, and how much ({bytes} bytes): the content is encrypted."
            ),
        };
        let plaintext = match &capture.seen {
            Visibility::Plaintext { wire } => Some(wire.clone()),
            Visibility::Encrypted { .. } => None,
        };
        self.emit(Actor::Network, EventKind::Sniffed { capture }, narration);
        if let Some(wire) = plaintext {
            let ids = self
                .stealable_cookie_names()
                .into_iter()
                .flat_map(|name| {
                    session_ids_in_wire(&wire, &name)
                        .into_iter()
                        .map(move |value| KnownId {
                            name: name.clone(),
                            value,
                            learned_by: LearnedBy::Sniffed,
                            at: now,
                        })
                })
                .collect();
            self.attacker_learns(ids);
            if direction == Direction::Request {
                self.attacker_reads_sniffed_request(&wire);
            }
        }
    }

    /// The cookies that log someone in, which the attacker keeps when they
    /// read them: the session cookie, and the remember-me cookie.
    fn stealable_cookie_names(&self) -> Vec<String> {
        vec![
            self.settings.cookie.full_name(),
            self.server.remember_cookie_name(),
        ]
    }

    /// Adds IDs to the attacker's knowledge and logs the new ones.
    pub(super) fn attacker_learns(&mut self, ids: Vec<KnownId>) {
        let new = self.attacker.learn(ids);
        if new.is_empty() {
            return;
        }
        let list: Vec<String> = new
            .iter()
            .map(|k| format!("{}={}", k.name, k.value))
            .collect();
        let how = match new.first().map(|k| k.learned_by) {
            Some(LearnedBy::Sniffed) => "read off the network",
            Some(LearnedBy::StolenByScript) => "sent home by the injected script",
            Some(LearnedBy::OwnSession) => "issued to Mallory's own browser",
            Some(LearnedBy::Planted) => "chosen to plant in Alice's browser",
            Some(LearnedBy::Guessed) => "found by guessing",
            Some(LearnedBy::ReadFromStore) => "read in a copy of the session store",
            None => "",
        };
        self.attacker.current_move = format!("Holding {}", list.join(", "));
        self.emit(
            Actor::Attacker,
            EventKind::AttackerLearned { ids: new },
            format!(
                "Mallory now knows the session ID {} ({how}).",
                list.join(", ")
            ),
        );
    }

    fn process_set_cookies(
        &mut self,
        party: Party,
        url: &Url,
        ctx: &RequestContext,
        response: &HttpResponse,
        from_attacker_site: bool,
    ) {
        let lines = response.set_cookie_lines();
        if lines.is_empty() {
            return;
        }
        let unix = self.clock.unix_now();
        let outcomes = self
            .browser_mut(party)
            .jar
            .store_response_cookies(url, &lines, ctx, unix);
        let narration = self.narrate(|| cookie_outcomes_narration(&outcomes));
        let session_name = self.settings.cookie.full_name();
        let rejected_plant = outcomes.iter().find_map(|o| match o {
            SetCookieOutcome::Rejected { reason, .. }
                if o.name() == Some(session_name.as_str()) =>
            {
                Some(*reason)
            }
            _ => None,
        });
        let own_ids: Vec<KnownId> = outcomes
            .iter()
            .filter_map(|o| match o {
                SetCookieOutcome::Stored { cookie, .. } if cookie.name == session_name => {
                    Some(KnownId {
                        name: cookie.name.clone(),
                        value: cookie.value.clone(),
                        learned_by: LearnedBy::OwnSession,
                        at: self.clock.now(),
                    })
                }
                _ => None,
            })
            .collect();
        let index = self.emit(
            Actor::from(party),
            EventKind::CookiesProcessed { party, outcomes },
            narration,
        );
        if let Some(reason) = rejected_plant {
            self.note_refused_in_clear(party, url, &outcomes_lines(&lines), reason);
            self.note_obstacle(
                index,
                Setback::SessionCookieRefused {
                    party,
                    from_attacker_site,
                    reason,
                },
            );
        }
        if party == Party::Attacker && !own_ids.is_empty() {
            self.attacker_learns(own_ids);
        }
    }

    /// A top-level navigation: follows redirects, shows the page, runs its
    /// scripts. `carries_attack` marks a page expected to hold the
    /// attacker's script (a reflected-XSS link).
    pub(super) fn navigate(&mut self, nav: Navigation, depth: u32) {
        let Navigation {
            party,
            mut method,
            mut url,
            mut body,
            initiator,
            mut initiation,
            mut cause,
            carries_attack,
        } = nav;
        for _ in 0..=MAX_REDIRECTS {
            let ctx = RequestContext {
                method,
                top_level_navigation: true,
                initiator,
            };
            let Some(fetched) = self.fetch_navigation(Outgoing {
                raw_cookie: None,
                party,
                method,
                url: url.clone(),
                body: std::mem::take(&mut body),
                ctx,
                cause,
                initiation: Some(initiation.clone()),
            }) else {
                return;
            };
            if fetched.response.is_redirect() {
                let Some(next) = fetched
                    .response
                    .header("Location")
                    .and_then(|loc| resolve(&fetched.url, loc))
                else {
                    return;
                };
                if fetched.response.status != StatusCode::TemporaryRedirect.code() {
                    method = Method::Get;
                }
                // Sec-Fetch-Site over a chain is the most foreign hop's.
                initiation.site_so_far = initiation.site_for(&fetched.url);
                url = next;
                cause = if cause.attacker_made() && party == Party::Victim {
                    cause
                } else {
                    RequestCause::Redirect
                };
                continue;
            }
            // The page committed in `fetch`, at the step that stored its
            // cookies.
            if party == Party::Victim {
                self.run_scripts(carries_attack, depth);
            }
            return;
        }
    }

    /// One hop of a navigation, with the browser's HTTPS mode: an `http://`
    /// GET navigation is first tried as `https://` (HTTPS-Upgrades, Chromium's
    /// default, or HTTPS-First). If that fails, HTTPS-Upgrades silently falls
    /// back to `http://` and remembers the host; HTTPS-First shows a warning
    /// instead. A host under HSTS never gets here as `http://`: HSTS has
    /// already rewritten it, and it has no fallback.
    fn fetch_navigation(&mut self, out: Outgoing) -> Option<Fetched> {
        let party = out.party;
        let mode = self.settings.browser.https_mode;
        let upgradable = out.url.scheme() == Scheme::Http
            && out.method == Method::Get
            && !out.url.host_is_ip()
            && !out.url.is_loopback()
            && self.browser(party).hsts_upgrade(&out.url).is_none()
            && !self
                .browser(party)
                .http_allowlist
                .iter()
                .any(|h| h == out.url.host());
        let https = Url::parse(&format!(
            "https://{}{}",
            out.url.host(),
            out.url.path_and_query()
        ));
        let (true, Ok(https)) = (upgradable && mode != HttpsMode::Off, https) else {
            return self.fetch(out);
        };
        let http = out.url.clone();
        let would_expose = self.would_expose_session(party, &http, &out.ctx);
        let (name, default) = match mode {
            HttpsMode::First => ("HTTPS-First mode", ""),
            HttpsMode::Upgrades | HttpsMode::Off => {
                ("HTTPS-Upgrades", ", as Chromium does by default")
            }
        };
        self.emit(
            Actor::from(party),
            EventKind::HttpsUpgrade {
                from: http.clone(),
                to: https.clone(),
            },
            format!(
                "The browser tries {https} before {http}{default} ({name}: an internal 307, nothing leaves the browser yet). Real Chromium exempts .example names as non-unique; this lab treats {} as the public site it stands for.",
                http.host()
            ),
        );
        let upgrade_index = self.events.len().saturating_sub(1);
        let retry_body = out.body.clone();
        let upgraded = Outgoing {
            url: https.clone(),
            ..out
        };
        let ctx = upgraded.ctx;
        let cause = upgraded.cause;
        let initiation = upgraded.initiation.clone();
        if let Some(fetched) = self.fetch(upgraded) {
            if would_expose {
                let by = match mode {
                    HttpsMode::First => UpgradeBy::HttpsFirst,
                    HttpsMode::Upgrades | HttpsMode::Off => UpgradeBy::HttpsUpgrades,
                };
                self.note_obstacle(upgrade_index, Setback::KeptOffPlainHttp(by));
            }
            return Some(fetched);
        }
        match mode {
            HttpsMode::First => {
                let index = self.emit(
                    Actor::from(party),
                    EventKind::HttpsFirstWarning { url: http.clone() },
                    format!(
                        "{https} cannot be reached, so in HTTPS-First mode the browser shows its \"Connection is not secure\" warning (net::ERR_BLOCKED_BY_CLIENT) instead of sending {http} in clear. The user does not click through."
                    ),
                );
                if would_expose {
                    self.note_obstacle(index, Setback::KeptOffPlainHttp(UpgradeBy::HttpsFirst));
                }
                None
            }
            HttpsMode::Upgrades | HttpsMode::Off => {
                let host = http.host().to_string();
                self.browser_mut(party).http_allowlist.push(host.clone());
                self.emit(
                    Actor::from(party),
                    EventKind::HttpsFallback {
                        from: https.clone(),
                        to: http.clone(),
                    },
                    format!(
                        "{https} cannot be reached, so the browser silently falls back to {http}: no warning, the page just loads over plain http. It remembers {host} and will not try to upgrade it again for a while."
                    ),
                );
                self.fetch(Outgoing {
                    party,
                    method: Method::Get,
                    url: http,
                    body: retry_body,
                    ctx,
                    cause,
                    raw_cookie: None,
                    initiation,
                })
            }
        }
    }

    /// Runs the recognised scripts of the victim's current page.
    fn run_scripts(&mut self, carries_attack: bool, depth: u32) {
        let Some(current) = self.victim.page.clone() else {
            return;
        };
        let scripts: Vec<Script> = page::scripts(&current.html)
            .iter()
            .filter_map(|code| Script::recognise(code))
            .collect();
        if scripts.is_empty() {
            if carries_attack {
                let index = self.emit(
                    Actor::Victim,
                    EventKind::ScriptInert {
                        page: current.url.clone(),
                    },
                    "The page shows Mallory's <script> as harmless text: the shop escaped it, so the browser never runs it.".into(),
                );
                self.note_obstacle(index, Setback::ScriptShownAsText);
            }
            return;
        }
        for script in scripts {
            self.run_script(&current, script, depth);
        }
    }

    /// Runs one recognised script of the victim's current page.
    fn run_script(&mut self, current: &Page, script: Script, depth: u32) {
        let cause = if Attacker::serves(current.url.host()) {
            RequestCause::AttackerPage
        } else {
            RequestCause::InjectedScript
        };
        match &script {
            Script::StealCookies { collector } => {
                self.steal_cookies(current, &script, collector, cause);
            }
            Script::RideSession { path, fields } => {
                self.ride_session(current, &script, path, fields, cause);
            }
            Script::SubmitForm { form_id } => {
                self.submit_form_by_script(current, &script, form_id, cause, depth);
            }
        }
    }

    /// Reads `document.cookie` and sends it to the attacker's collector.
    fn steal_cookies(
        &mut self,
        current: &Page,
        script: &Script,
        collector: &str,
        cause: RequestCause,
    ) {
        let read = self
            .victim
            .jar
            .document_cookie(&current.url, self.clock.unix_now());
        let session_name = self.settings.cookie.full_name();
        let hidden = read
            .hidden
            .iter()
            .find(|(c, _)| c.name == session_name)
            .map(|(_, r)| *r);
        let value = read.value.clone();
        let shown = if value.is_empty() {
            "nothing".to_string()
        } else {
            format!("\"{value}\"")
        };
        let index = self.emit(
            Actor::Victim,
            EventKind::ScriptRan {
                party: Party::Victim,
                page: current.url.clone(),
                script: script.clone(),
                read: Some(read),
            },
            format!(
                "The injected script runs inside the shop's page and reads document.cookie: {shown}.{}",
                match hidden {
                    Some(BlockedReason::HttpOnly) => " The session cookie is HttpOnly, so the script cannot see it.",
                    _ => "",
                }
            ),
        );
        if let Some(reason) = hidden {
            self.note_obstacle(index, Setback::SessionCookieHidden(reason));
        }
        let target = format!("{collector}?c={}", form::encode(&value));
        if let Ok(url) = Url::parse(&target) {
            let initiator = initiator_for(&current.url, &url);
            self.fetch(Outgoing {
                raw_cookie: None,
                party: Party::Victim,
                method: Method::Get,
                url,
                body: String::new(),
                ctx: RequestContext {
                    method: Method::Get,
                    top_level_navigation: false,
                    initiator,
                },
                cause,
                initiation: Some(Initiation::subresource_from(
                    &current.url,
                    FetchMode::NoCors,
                    FetchDest::Image,
                )),
            });
        }
    }

    /// Loads the form at `path` with the victim's session, fills it in
    /// (its hidden token included) and posts it.
    fn ride_session(
        &mut self,
        current: &Page,
        script: &Script,
        path: &str,
        fields: &[(String, String)],
        cause: RequestCause,
    ) {
        self.emit(
            Actor::Victim,
            EventKind::ScriptRan {
                party: Party::Victim,
                page: current.url.clone(),
                script: script.clone(),
                read: None,
            },
            format!(
                "The injected script runs inside the shop's page: it {}. The browser adds the session cookie to these requests as to any other.",
                script.describe()
            ),
        );
        let Ok(form_url) = current.url.join(path) else {
            return;
        };
        let initiator = initiator_for(&current.url, &form_url);
        let Some(form_page) = self.fetch(Outgoing {
            raw_cookie: None,
            party: Party::Victim,
            method: Method::Get,
            url: form_url.clone(),
            body: String::new(),
            ctx: RequestContext::same_site_subresource(Method::Get),
            cause,
            initiation: Some(Initiation::subresource_from(
                &current.url,
                FetchMode::Cors,
                FetchDest::Empty,
            )),
        }) else {
            return;
        };
        let hidden = page::forms(&form_page.response.body)
            .into_iter()
            .find(|f| f.action == path)
            .map(|f| f.fields)
            .unwrap_or_default();
        let body = form::encode_pairs(&merge_fields(hidden, fields));
        self.fetch(Outgoing {
            raw_cookie: None,
            party: Party::Victim,
            method: Method::Post,
            url: form_url,
            body,
            ctx: RequestContext {
                method: Method::Post,
                top_level_navigation: false,
                initiator,
            },
            cause,
            initiation: Some(Initiation::subresource_from(
                &current.url,
                FetchMode::Cors,
                FetchDest::Empty,
            )),
        });
    }

    /// Submits the page's form `form_id` as a navigation, as soon as the
    /// page loads.
    fn submit_form_by_script(
        &mut self,
        current: &Page,
        script: &Script,
        form_id: &str,
        cause: RequestCause,
        depth: u32,
    ) {
        let Some(form) = page::forms(&current.html)
            .into_iter()
            .find(|f| f.id.as_deref() == Some(form_id))
        else {
            return;
        };
        self.emit(
            Actor::Victim,
            EventKind::ScriptRan {
                party: Party::Victim,
                page: current.url.clone(),
                script: script.clone(),
                read: None,
            },
            format!(
                "A script on {} submits its hidden form to {} as soon as the page loads: Alice sees nothing.",
                current.url.host(),
                form.action
            ),
        );
        let Some(target) = resolve(&current.url, &form.action) else {
            return;
        };
        if depth >= MAX_NAVIGATION_DEPTH {
            return;
        }
        let method = if form.method.eq_ignore_ascii_case("post") {
            Method::Post
        } else {
            Method::Get
        };
        let initiator = initiator_for(&current.url, &target);
        self.navigate(
            Navigation {
                party: Party::Victim,
                method,
                url: target,
                body: form::encode_pairs(&form.fields),
                initiator,
                // A script submitted it: no user activation, no Sec-Fetch-User.
                initiation: Initiation::navigation_from(&current.url, false),
                cause,
                carries_attack: false,
            },
            depth + 1,
        );
    }
}

/// Same-site or cross-site, as the browser judges a request from `page` to `target`.
pub(super) fn initiator_for(page: &Url, target: &Url) -> Initiator {
    if page.is_same_site(target) {
        Initiator::SameSite
    } else {
        Initiator::CrossSite
    }
}

/// A `Location` or form action, relative to `base`.
pub(super) fn resolve(base: &Url, location: &str) -> Option<Url> {
    if location.starts_with('/') {
        base.join(location).ok()
    } else {
        Url::parse(location).ok()
    }
}

/// The page's fields, with the typed ones added or replacing them.
pub(super) fn merge_fields(
    mut fields: Vec<(String, String)>,
    typed: &[(String, String)],
) -> Vec<(String, String)> {
    for (k, v) in typed {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v.clone(),
            None => fields.push((k.clone(), v.clone())),
        }
    }
    fields
}

fn request_narration(party: Party, req: &HttpRequest, header: &CookieHeader) -> String {
    let (sent, excluded) = (&header.sent, &header.excluded);
    let who = match party {
        Party::Victim => "Alice's browser",
        Party::Attacker => "Mallory's browser",
    };
    // A payload in the query is shown as it reads (`q=<script>…`), not as
    // the percent-encoding on the wire, which the message itself shows.
    let url = req.url.to_string();
    let mut s = match url.contains('%') {
        true => format!(
            "{who} sends {} {} (shown decoded; on the wire it is percent-encoded)",
            req.method,
            crate::engine::http::form::decode(&url)
        ),
        false => format!("{who} sends {} {url}", req.method),
    };
    if sent.is_empty() {
        s.push_str(" with no cookies.");
    } else {
        let names: Vec<&str> = sent.iter().map(|c| c.name.as_str()).collect();
        s.push_str(&format!(" with the cookie(s) {}.", names.join(", ")));
    }
    s.push_str(&same_name_order(sent));
    for (c, reason) in excluded {
        s.push_str(&format!(" {} is left out ({}).", c.name, reason.words()));
    }
    for name in &header.lax_allowing_unsafe {
        s.push_str(&format!(
            " {name} {}",
            crate::engine::cookies::jar::LAX_ALLOWING_UNSAFE_WHY
        ));
    }
    let marks = super::observe::telltales(req);
    if !marks.is_empty() {
        s.push_str(&format!(
            " The browser says where it comes from: {}.",
            marks.join(", ")
        ));
    }
    s
}

/// The `name=value` pairs at the head of `Set-Cookie` lines.
fn outcomes_lines(lines: &[String]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter_map(|l| {
            let (name, value) = l.split(';').next()?.split_once('=')?;
            Some((name.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

/// When two sent cookies share a name (a tossed cookie beside the site's
/// own), which one goes first and why: the server usually reads the first.
fn same_name_order(sent: &[Cookie]) -> String {
    let Some((i, first)) = sent
        .iter()
        .enumerate()
        .find(|(i, c)| sent[i + 1..].iter().any(|o| o.name == c.name))
    else {
        return String::new();
    };
    let others: Vec<&Cookie> = sent[i + 1..]
        .iter()
        .filter(|o| o.name == first.name)
        .collect();
    let scope = |c: &Cookie| {
        if c.host_only {
            format!("host-only, Path={}", c.path)
        } else {
            format!("Domain={}, Path={}", c.domain, c.path)
        }
    };
    let rest: Vec<String> = others
        .iter()
        .map(|c| format!("{} ({})", c.value, scope(c)))
        .collect();
    let why = if others.iter().all(|o| o.path.len() < first.path.len()) {
        "browsers list cookies with longer paths first (RFC 6265bis §5.8.3)"
    } else {
        "browsers list cookies with equally long paths oldest first (RFC 6265bis §5.8.3)"
    };
    format!(
        " Two cookies named {name} go along: {} ({}) first, then {}, because {why}. A server that reads the first {name} takes {}.",
        first.value,
        scope(first),
        rest.join(", "),
        first.value,
        name = first.name,
    )
}

fn response_narration(host: &str, resp: &HttpResponse, served: &Served) -> String {
    let mut s = format!("{host} answers {} {}", resp.status, resp.reason);
    match (&served.session, &served.user) {
        (Some(id), Some(user)) => {
            s.push_str(&format!(", serving session {id}, which belongs to {user}."))
        }
        (Some(id), None) => s.push_str(&format!(
            ", serving session {id}, where nobody is logged in."
        )),
        _ => s.push('.'),
    }
    s
}

fn cookie_outcomes_narration(outcomes: &[SetCookieOutcome]) -> String {
    let parts: Vec<String> = outcomes
        .iter()
        .map(|o| match o {
            SetCookieOutcome::Stored { cookie, replaced } => {
                // "Session cookie" in DevTools means "no expiry date", not
                // "the session-ID cookie": say what it means, so that a
                // `role` cookie is not read as the session ID.
                let lifetime = if cookie.is_persistent() {
                    ", kept until its expiry date"
                } else {
                    ", which has no expiry date (gone when the browser closes)"
                };
                match replaced {
                    Some(_) => format!("replaces the cookie {}{lifetime}", cookie.name),
                    None => format!("stores the cookie {}{lifetime}", cookie.name),
                }
            }
            SetCookieOutcome::Removed { cookie } => format!("deletes the cookie {}", cookie.name),
            SetCookieOutcome::Rejected { reason, .. } => format!(
                "refuses {}: {}",
                o.name().unwrap_or("a cookie"),
                // The sentence ends the narration, which adds its own period.
                reason.explanation().trim_end_matches('.')
            ),
        })
        .collect();
    format!("The browser's cookie jar {}.", parts.join("; "))
}
