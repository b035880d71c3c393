//! What each scenario act does in the world.

use super::exchange::{initiator_for, merge_fields, resolve, Navigation, Outgoing};
use super::observe::Setback;
use super::World;
use crate::engine::attacker::EvilPage;
use crate::engine::attacker::{guess_ids, KnownId, LearnedBy, COLLECTOR_URL, PRIZE_URL, TOSS_URL};
use crate::engine::browser::fetch_metadata::Initiation;
use crate::engine::browser::page;
use crate::engine::browser::script::Script;
use crate::engine::cookies::{CookieJar, Initiator, RequestContext};
use crate::engine::event::{Actor, EventKind, GuessReport, RequestCause};
use crate::engine::http::{form, HttpRequest, Method};
use crate::engine::network::Party;
use crate::engine::scenario::{Act, AttackerAct, Lure, Payload, VictimAct};
use crate::engine::server::decision::{Decision, RejectReason};
use crate::engine::server::PeerAddress;
use crate::engine::url::Url;

impl World<'_> {
    pub(super) fn perform(&mut self, act: &Act) {
        match act {
            Act::Victim(a) => self.victim_acts(a),
            Act::Attacker(a) => self.attacker_acts(a),
        }
    }

    fn fail(&mut self, actor: Actor, message: String) {
        self.emit(
            actor,
            EventKind::ActFailed {
                message: message.clone(),
            },
            message,
        );
    }

    /// `{shop}` replaced by the shop's origin, then parsed.
    fn address(&self, template: &str) -> Result<Url, String> {
        let text = template.replace("{shop}", &self.shop_origin());
        Url::parse(&text).map_err(|e| format!("The address {text} cannot be opened: {e}."))
    }

    fn victim_acts(&mut self, act: &VictimAct) {
        match act {
            VictimAct::Types { address } => match self.address(address) {
                Ok(url) => {
                    // A page where the attacker left content (a review) is
                    // expected to carry their script.
                    let carries_attack = url.host() == crate::engine::server::SHOP_HOST
                        && self.attacker.stored_content.iter().any(|p| p == url.path());
                    self.navigate(
                        Navigation {
                            carries_attack,
                            ..Navigation::get(
                                Party::Victim,
                                url,
                                Initiator::SameSite,
                                Initiation::typed(),
                                RequestCause::Typed,
                            )
                        },
                        0,
                    )
                }
                Err(message) => self.fail(Actor::Victim, message),
            },
            VictimAct::Submits { path, fields } => self.submit(Party::Victim, path, fields),
            VictimAct::FollowsLink { address } => match self.address(address) {
                Ok(url) => self.navigate(
                    Navigation::get(
                        Party::Victim,
                        url,
                        Initiator::CrossSite,
                        webmail_click(),
                        RequestCause::LinkOpened,
                    ),
                    0,
                ),
                Err(message) => self.fail(Actor::Victim, message),
            },
            VictimAct::OpensLink => {
                let Some(sent) = self.attacker.outbox.clone() else {
                    self.fail(
                        Actor::Victim,
                        "There is no link to open: Mallory sent none.".into(),
                    );
                    return;
                };
                let (link, carries_attack) = (sent.url, sent.carries_script);
                // The attacker's wait is over: the panel says so from this
                // step on, not "waiting" to the end of the run.
                self.attacker.current_move = "Alice opened the link".into();
                match Url::parse(&link) {
                    // Opened from a webmail page: another site started it.
                    Ok(url) => self.navigate(
                        Navigation {
                            carries_attack,
                            ..Navigation::get(
                                Party::Victim,
                                url,
                                Initiator::CrossSite,
                                webmail_click(),
                                RequestCause::AttackerLink,
                            )
                        },
                        0,
                    ),
                    Err(e) => self.fail(
                        Actor::Victim,
                        format!("The link {link} cannot be opened: {e}."),
                    ),
                }
            }
            VictimAct::ChangesNetwork { ip } => {
                let from = std::mem::replace(&mut self.victim.ip, ip.clone());
                let narration = format!(
                    "Alice's phone leaves the home Wi-Fi for 4G (her mobile carrier's NAT could do the same without her moving): her requests now reach the shop from {ip} instead of {from}. Nothing in her browser changed: same tab, same cookies."
                );
                self.emit(
                    Actor::Victim,
                    EventKind::NetworkChanged {
                        party: Party::Victim,
                        from,
                        to: ip.clone(),
                    },
                    narration,
                );
            }
            VictimAct::ClosesBrowser => {
                let before = self.victim.jar.cookies().to_vec();
                self.victim.jar.end_browser_session();
                self.victim.page = None;
                let after = self.victim.jar.cookies();
                let removed: Vec<_> = before.into_iter().filter(|c| !after.contains(c)).collect();
                let names: Vec<String> = removed.iter().map(|c| c.name.clone()).collect();
                let narration = if names.is_empty() {
                    "Alice closes the browser. Only persistent cookies were stored, so nothing is lost.".to_string()
                } else {
                    format!(
                        "Alice closes the browser: the session cookie(s) {} are gone; persistent cookies stay. (A browser set to restore the previous session, such as Chrome with \"Continue where you left off\", would have kept them.)",
                        names.join(", ")
                    )
                };
                self.emit(
                    Actor::Victim,
                    EventKind::BrowserClosed {
                        party: Party::Victim,
                        removed,
                    },
                    narration,
                );
            }
        }
    }

    /// Submits the form with action `path` on the party's current page
    /// (its hidden fields included), or a plain form to the shop.
    fn submit(&mut self, party: Party, path: &str, fields: &[(String, String)]) {
        let current = self.browser(party).page.clone();
        let base = match &current {
            Some(p) => p.url.clone(),
            None => match self.address("{shop}/") {
                Ok(u) => u,
                Err(m) => return self.fail(Actor::from(party), m),
            },
        };
        let Some(target) = resolve(&base, path) else {
            return self.fail(
                Actor::from(party),
                format!("The form action {path} is not a valid address."),
            );
        };
        let hidden = current
            .as_ref()
            .and_then(|p| {
                page::forms(&p.html)
                    .into_iter()
                    .find(|f| f.action == path)
                    .map(|f| f.fields)
            })
            .unwrap_or_default();
        let body = form::encode_pairs(&merge_fields(hidden, fields));
        let initiator = initiator_for(&base, &target);
        let cause = match party {
            Party::Victim => RequestCause::FormSubmitted,
            Party::Attacker => RequestCause::AttackerMachine,
        };
        self.navigate(
            Navigation {
                party,
                method: Method::Post,
                url: target,
                body,
                initiator,
                // The user clicks the form's button (or, with no page yet,
                // the browser itself sends it: then no page is the initiator).
                initiation: match &current {
                    Some(p) => Initiation::navigation_from(&p.url, true),
                    None => Initiation::typed(),
                },
                cause,
                carries_attack: false,
            },
            0,
        );
    }

    fn attacker_acts(&mut self, act: &AttackerAct) {
        match act {
            AttackerAct::BlocksHttps => {
                self.network.start_blocking_https();
                self.attacker.current_move = "Dropping connections to port 443".into();
                self.emit(
                    Actor::Attacker,
                    EventKind::HttpsBlocked,
                    "Mallory on the café Wi-Fi turns active: posing as the access point, she drops every connection Alice's laptop opens to port 443. HTTPS cannot be reached; whatever the browser is willing to send over plain http:// now will be, and she reads it.".into(),
                );
            }
            AttackerAct::StartsSniffing => {
                if !self.attacker.position.on_victims_network() {
                    let at = self.attacker.position.describe();
                    return self.fail(
                        Actor::Attacker,
                        format!("Mallory cannot listen to Alice's network: she is {at}."),
                    );
                }
                self.network.start_listening();
                self.attacker.current_move = "Listening on the café Wi-Fi".into();
                let at = self.attacker.position.describe();
                self.emit(
                    Actor::Attacker,
                    EventKind::ListeningStarted,
                    format!("Mallory joins the café's public Wi-Fi and records every message Alice's laptop sends and receives. She is {at}."),
                );
            }
            AttackerAct::Visits { path } => {
                self.attacker.current_move = format!("Opening {path} on the shop");
                self.attacker_opens(path);
            }
            AttackerAct::LogsIn { user, password } => {
                self.attacker.current_move = format!("Logging in as {user}");
                self.submit(
                    Party::Attacker,
                    "/login",
                    &[
                        ("user".into(), user.clone()),
                        ("password".into(), password.clone()),
                    ],
                );
            }
            AttackerAct::Publishes { page } => self.publish(page.clone()),
            AttackerAct::TossesOwnId => {
                let Some(own) = self.attacker.own_ids().last().cloned() else {
                    return self.fail(
                        Actor::Attacker,
                        "Mallory has no session ID from the shop to plant.".into(),
                    );
                };
                self.publish(EvilPage::CookieToss { planted_id: own.0 });
            }
            AttackerAct::PostsReview { payload } => {
                let script = payload_script(payload);
                self.attacker.current_move = "Posting a review with a script".into();
                self.attacker.stored_content.push("/product".into());
                self.submit(
                    Party::Attacker,
                    "/product/review",
                    &[("text".into(), script.to_html())],
                );
            }
            AttackerAct::SendsLink { lure } => self.send_link(lure),
            AttackerAct::Replays { path } => self.replay(path),
            AttackerAct::ReadsSessionStore => {
                let path = crate::engine::server::exposed::STORE_PATH;
                self.attacker.current_move = format!("Fetching {path} from the shop");
                self.attacker_opens(path);
            }
            AttackerAct::DecodesCookie => self.decode_copy(),
            AttackerAct::TampersCookie { user, path } => self.tamper_copy(user, path),
            AttackerAct::EditsCookie { name, value, path } => {
                self.attacker.current_move = format!("Editing the cookie {name}");
                let Ok(shop) = self.address("{shop}/") else {
                    return;
                };
                let line = format!("{name}={value}; Path=/");
                let outcome = self.attacker.browser.jar.set_document_cookie(
                    &shop,
                    &line,
                    self.clock.unix_now(),
                );
                self.emit(
                    Actor::Attacker,
                    EventKind::CookiePasted { outcome },
                    format!("In the developer tools of her own browser, Mallory changes the cookie to {name}={value}. A cookie is just text on the client."),
                );
                self.attacker_opens(path);
            }
            AttackerAct::GuessesIds {
                attempts,
                per_second,
                path,
            } => self.guess(*attempts, *per_second, path),
            AttackerAct::TriesPasswords {
                user,
                passwords,
                drop_cookie,
            } => {
                for password in passwords {
                    if *drop_cookie {
                        self.attacker.browser.jar = CookieJar::new();
                    }
                    self.attacker.current_move =
                        format!("Trying password \"{password}\" for {user}");
                    let Ok(url) = self.address("{shop}/login") else {
                        return;
                    };
                    let body = form::encode_pairs(&[
                        ("user".into(), user.clone()),
                        ("password".into(), password.clone()),
                    ]);
                    let before = self.events.len();
                    self.fetch(Outgoing {
                        raw_cookie: None,
                        party: Party::Attacker,
                        method: Method::Post,
                        url,
                        body,
                        ctx: RequestContext {
                            method: Method::Post,
                            top_level_navigation: true,
                            initiator: Initiator::SameSite,
                        },
                        cause: RequestCause::AttackerMachine,
                        // A script, not a browser: no Origin, no Sec-Fetch-*.
                        initiation: None,
                    });
                    let logged_in = self
                        .events
                        .get(before..)
                        .unwrap_or_default()
                        .iter()
                        .any(|e| {
                            matches!(
                                &e.kind,
                                EventKind::Server {
                                    decision: Decision::LoginSucceeded { .. }
                                }
                            )
                        });
                    if logged_in {
                        break;
                    }
                }
            }
        }
    }

    fn attacker_opens(&mut self, path: &str) {
        match self.address(&format!("{{shop}}{path}")) {
            Ok(url) => self.navigate(
                Navigation::get(
                    Party::Attacker,
                    url,
                    Initiator::SameSite,
                    Initiation::typed(),
                    RequestCause::AttackerMachine,
                ),
                0,
            ),
            Err(m) => self.fail(Actor::Attacker, m),
        }
    }

    fn publish(&mut self, page: EvilPage) {
        let url = match &page {
            EvilPage::CsrfTransfer { .. } => PRIZE_URL,
            EvilPage::CookieToss { .. } => TOSS_URL,
        };
        let narration = match &page {
            EvilPage::CsrfTransfer { to, amount } => format!(
                "Mallory puts up {url}: a prize page with a hidden form that moves ${amount} to her own shop account ({to}), submitted by a script as soon as the page opens."
            ),
            EvilPage::CookieToss { planted_id } => format!(
                "Mallory controls {}, a subdomain of the shop's host. Its page {url} answers with a cookie for Domain=shop.example and Path={path} carrying the session ID the shop issued to Mallory: {planted_id}. On {path} a browser that already holds the shop's own cookie (Path=/) sends both, the longer path first; on other pages only the shop's own goes, so there Alice may look logged out.",
                crate::engine::attacker::SIBLING_HOST,
                path = crate::engine::attacker::TOSS_PATH,
            ),
        };
        if let EvilPage::CookieToss { planted_id } = &page {
            let name = self.settings.cookie.full_name();
            let now = self.clock.now();
            self.attacker.learn(vec![KnownId {
                name,
                value: planted_id.clone(),
                learned_by: LearnedBy::Planted,
                at: now,
            }]);
        }
        self.attacker.pages.push((url.to_string(), page));
        self.attacker.current_move = format!("Serving {url}");
        if let Ok(u) = Url::parse(url) {
            self.emit(
                Actor::Attacker,
                EventKind::PagePublished { url: u },
                narration,
            );
        }
    }

    fn send_link(&mut self, lure: &Lure) {
        let name = self.settings.cookie.full_name();
        let carries_script = matches!(lure, Lure::ReflectedXss { .. });
        let (link, narration) = match lure {
            Lure::FixatedLogin => {
                let Some(own) = self.attacker.own_ids().last().cloned() else {
                    return self.fail(
                        Actor::Attacker,
                        "Mallory has no session ID of her own to fix on Alice.".into(),
                    );
                };
                let now = self.clock.now();
                self.attacker.learn(vec![KnownId {
                    name: name.clone(),
                    value: own.0.clone(),
                    learned_by: LearnedBy::Planted,
                    at: now,
                }]);
                (
                    format!("{}/login?{}={}", self.shop_origin(), form::encode(&name), form::encode(own.as_str())),
                    format!("Mallory emails Alice a link to the shop's login page with her own session ID {own} in the URL, and waits for Alice to log in on it."),
                )
            }
            Lure::ReflectedXss { payload } => {
                let script = payload_script(payload);
                (
                    format!("{}/search?q={}", self.shop_origin(), form::encode(&script.to_html())),
                    format!("Mallory emails Alice a link to the shop's search page whose query is a script that {}.", script.describe()),
                )
            }
            Lure::EvilPage { url } => {
                (url.clone(), format!("Mallory sends Alice a link to {url}."))
            }
        };
        match Url::parse(&link) {
            Ok(url) => {
                self.attacker.outbox = Some(crate::engine::attacker::SentLink {
                    url: link,
                    carries_script,
                });
                self.attacker.current_move = "Waiting for Alice to click".into();
                self.emit(Actor::Attacker, EventKind::LinkSent { url }, narration);
            }
            Err(e) => self.fail(
                Actor::Attacker,
                format!("The link {link} is not valid: {e}."),
            ),
        }
    }

    /// Tries the victim IDs the attacker knows, newest first: each pasted
    /// into a fresh private window, then `path` opened, until one opens a
    /// logged-in session.
    fn replay(&mut self, path: &str) {
        // A remember-me token first: it opens a new session even when the
        // session it came with has ended. (A partition, not a sort: the
        // order within each part stays newest first.)
        let remember = self.server.remember_cookie_name();
        let (mut candidates, others): (Vec<_>, Vec<_>) = self
            .attacker
            .victim_ids()
            .into_iter()
            .partition(|k| k.name == remember);
        candidates.extend(others);
        if candidates.is_empty() {
            self.attacker.current_move = "Nothing to replay".into();
            let index = self.emit(
                Actor::Attacker,
                EventKind::NothingToReplay,
                "Mallory has no session ID of Alice's to replay.".into(),
            );
            self.note_obstacle(index, Setback::NothingToReplay);
            return;
        }
        let Ok(shop) = self.address("{shop}/") else {
            return;
        };
        for known in candidates {
            self.attacker.current_move = format!("Replaying {}={}", known.name, known.value);
            // A private window: the attacker's own cookies do not get in the way.
            self.attacker.browser.jar = CookieJar::new();
            let secure = if shop.is_secure() { "; Secure" } else { "" };
            let line = format!("{}={}; Path=/{secure}", known.name, known.value);
            let outcome =
                self.attacker
                    .browser
                    .jar
                    .set_document_cookie(&shop, &line, self.clock.unix_now());
            let outcome_stored = outcome.is_stored();
            let refused = match outcome.reason() {
                Some(r) => format!(
                    " Her browser refuses it ({}), so she sends it with curl instead.",
                    r.words()
                ),
                None => String::new(),
            };
            self.emit(
                Actor::Attacker,
                EventKind::CookiePasted { outcome },
                format!(
                    "Mallory opens a private window and pastes the cookie {}={}.{refused} Her requests go out {}.",
                    known.name, known.value, self.attacker.identity()
                ),
            );
            let before = self.events.len();
            if outcome_stored {
                self.attacker_opens(path);
            } else {
                // The browser refused the pasted cookie: the attacker types
                // the header by hand instead, as curl would send it.
                let Ok(url) = self.address(&format!("{{shop}}{path}")) else {
                    return;
                };
                self.fetch(Outgoing {
                    raw_cookie: Some(format!("{}={}", known.name, known.value)),
                    party: Party::Attacker,
                    method: Method::Get,
                    url,
                    body: String::new(),
                    ctx: RequestContext::navigation(),
                    cause: RequestCause::AttackerMachine,
                    // curl: no browser headers.
                    initiation: None,
                });
            }
            let logged_in = self.events.get(before..).unwrap_or_default().iter().any(
                |e| matches!(&e.kind, EventKind::Response { served, .. } if served.user.is_some()),
            );
            if logged_in {
                return;
            }
        }
    }

    /// Reads the newest victim cookie the attacker holds, as anyone can: a
    /// signed cookie's payload is base64url, not encrypted.
    fn decode_copy(&mut self) {
        let Some(known) = self.attacker.victim_ids().into_iter().next() else {
            self.attacker.current_move = "Nothing to read".into();
            self.emit(
                Actor::Attacker,
                EventKind::NothingToReplay,
                "Mallory holds no session cookie of Alice's to read.".into(),
            );
            return;
        };
        let payload = crate::engine::server::signed::read_payload(&known.value);
        self.attacker.current_move = format!("Reading {}", known.name);
        let narration = match &payload {
            Some(p) => format!(
                "Mallory decodes the copied cookie's first part from base64url, with no key at all, and reads {p}: who is logged in and until when. A signed cookie is readable by anyone who holds it; the signature only stops changes."
            ),
            None => format!(
                "Mallory looks at the copied cookie {}={}: a random session ID, with nothing inside to read. What it stands for is on the server.",
                known.name, known.value
            ),
        };
        self.emit(
            Actor::Attacker,
            EventKind::CookieDecoded {
                name: known.name,
                value: known.value,
                payload,
            },
            narration,
        );
    }

    /// Rewrites the user in the newest victim cookie's payload, keeps the
    /// signature (the attacker has no secret) and sends it.
    fn tamper_copy(&mut self, user: &str, path: &str) {
        let Some(known) = self.attacker.victim_ids().into_iter().next() else {
            return self.fail(
                Actor::Attacker,
                "Mallory holds no session cookie of Alice's to edit.".into(),
            );
        };
        let Some(forged) = crate::engine::server::signed::tamper(&known.value, user) else {
            self.attacker.current_move = "Nothing to edit".into();
            self.emit(
                Actor::Attacker,
                EventKind::CookieDecoded {
                    name: known.name.clone(),
                    value: known.value.clone(),
                    payload: None,
                },
                format!(
                    "Mallory would like to change who the cookie names, but {}={} is a random ID: who it belongs to is written on the server, not in the cookie.",
                    known.name, known.value
                ),
            );
            return;
        };
        self.attacker.current_move = format!("Sending a cookie edited to say {user}");
        let Ok(shop) = self.address("{shop}/") else {
            return;
        };
        self.attacker.browser.jar = CookieJar::new();
        let secure = if shop.is_secure() { "; Secure" } else { "" };
        let line = format!("{}={forged}; Path=/{secure}", known.name);
        let outcome =
            self.attacker
                .browser
                .jar
                .set_document_cookie(&shop, &line, self.clock.unix_now());
        self.emit(
            Actor::Attacker,
            EventKind::CookiePasted { outcome },
            format!(
                "Mallory changes \"user\" in the payload to \"{user}\", encodes it again and keeps the old signature: without the server's secret she cannot compute a new one. She opens {path} with it."
            ),
        );
        self.attacker_opens(path);
    }

    /// Tries predicted IDs against the server, straight from a script.
    fn guess(&mut self, attempts: u32, per_second: u32, path: &str) {
        let samples = self.attacker.own_ids();
        let prediction = guess_ids(&samples, attempts, &mut self.rng);
        let name = self.settings.cookie.full_name();
        let Ok(url) = self.address(&format!("{{shop}}{path}")) else {
            return;
        };
        let peer = PeerAddress(self.attacker.browser.ip.clone());
        let user_agent = self.attacker.browser.user_agent.clone();
        self.attacker.current_move = format!(
            "Guessing IDs ({})",
            prediction.scheme.map_or("random", |g| g.label())
        );
        let mut report = GuessReport {
            attempts: 0,
            suspected_scheme: prediction.scheme.map(|g| g.label().to_string()),
            unknown: 0,
            refused: 0,
            hit: None,
        };
        let mut first_refusal: Option<RejectReason> = None;
        for candidate in &prediction.candidates {
            report.attempts += 1;
            let request = HttpRequest::new(Method::Get, url.clone())
                .with_header("User-Agent", &user_agent)
                .with_header("Cookie", &format!("{name}={candidate}"));
            let handled = self
                .server
                .handle(&request, &peer, self.clock, &mut self.rng);
            if handled.served.user.is_some() {
                report.hit = Some(candidate.clone());
                break;
            }
            let refusal = handled.decisions.iter().find_map(|d| match d {
                Decision::SessionRejected { reason, .. } => Some(*reason),
                _ => None,
            });
            match refusal {
                Some(RejectReason::NotIssued | RejectReason::Unknown) | None => report.unknown += 1,
                Some(r) => {
                    report.refused += 1;
                    first_refusal.get_or_insert(r);
                }
            }
        }
        let per_second = u64::from(per_second.max(1));
        let duration_ms = u64::from(report.attempts).saturating_mul(1000) / per_second;
        self.clock
            .advance_to(self.clock.now().plus_millis(duration_ms));
        let narration = match &report.hit {
            Some(id) => format!(
                "After {} {}{}, the ID {id} opens a logged-in session.",
                report.attempts,
                if report.attempts == 1 {
                    "guess"
                } else {
                    "guesses"
                },
                report
                    .suspected_scheme
                    .as_ref()
                    .map_or(String::new(), |s| format!(" (the IDs look like a {s})"))
            ),
            None => format!(
                "{} guessed IDs, {} unknown to the server, {} refused: no way in.",
                report.attempts, report.unknown, report.refused
            ),
        };
        let hit = report.hit.clone();
        let attempts_made = report.attempts;
        let index = self.emit(Actor::Attacker, EventKind::Guessed { report }, narration);
        match hit {
            Some(id) => {
                let now = self.clock.now();
                self.attacker_learns(vec![KnownId {
                    name,
                    value: id.0,
                    learned_by: LearnedBy::Guessed,
                    at: now,
                }]);
                self.replay(path);
            }
            None => {
                // What the attacker was up against: the ID space and the
                // logged-in sessions any guess could have hit.
                let now = self.clock.now();
                let logged_in = self
                    .server
                    .store()
                    .sessions()
                    .iter()
                    .filter(|s| s.user.is_some() && s.expired_at(now).is_none())
                    .count();
                self.note_obstacle(
                    index,
                    Setback::GuessesMissed {
                        first_refusal,
                        attempts: attempts_made,
                        unpredictable_bits: self.settings.server.id_generator.unpredictable_bits(),
                        logged_in: u64::try_from(logged_in).unwrap_or(u64::MAX),
                    },
                );
            }
        }
    }
}

/// A link the victim clicks in their webmail: a page of another site.
fn webmail_click() -> Initiation {
    match Url::parse(WEBMAIL_URL) {
        Ok(page) => Initiation::navigation_from(&page, true),
        Err(_) => Initiation::typed(),
    }
}

/// The webmail page the victim reads the attacker's message in.
const WEBMAIL_URL: &str = "https://mail.example/inbox";
/// The script an attacker's payload becomes.
fn payload_script(payload: &Payload) -> Script {
    match payload {
        Payload::StealCookies => Script::StealCookies {
            collector: COLLECTOR_URL.into(),
        },
        Payload::RideTransfer { to, amount } => Script::RideSession {
            path: "/transfer".into(),
            fields: vec![
                ("to".into(), to.clone()),
                ("amount".into(), amount.to_string()),
            ],
        },
    }
}
