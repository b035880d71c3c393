//! What the simulated browser does as Chromium 156 was observed to do
//! (docs/chromium-observations.md), each with its outcome and typed reason:
//! the headers that say where a request comes from and the server checks
//! that read them, HTTPS-Upgrades with its silent fallback, HSTS, the
//! active attacker who blocks port 443, third-party cookie blocking and a
//! tab inside a cookie's value.

mod common;
use common::runs::scenario;
use session_lab::engine::browser::{Browser, UpgradeBy};
use session_lab::engine::clock::SimTime;
use session_lab::engine::cookies::{BlockedReason, Initiator, RequestContext, SetCookieOutcome};
use session_lab::engine::event::EventKind;
use session_lab::engine::http::{HttpRequest, Method};
use session_lab::engine::matrix::{Column, Defense};
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::{Act, Scenario, VictimAct};
use session_lab::engine::server::decision::RequestRefusal;
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{
    HstsPolicy, HttpsMode, SameSitePolicy, Settings, SiteTransport,
};
use session_lab::engine::url::Url;
use session_lab::engine::verdict::{LeftOutOf, Verdict, VerdictReason};
use session_lab::engine::{run, Run};

fn url(s: &str) -> Url {
    Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn verdict(run: &Run) -> Verdict {
    run.verdict.clone().expect("an attack has a verdict")
}

fn with(s: &Scenario, knobs: &[Knob]) -> Settings {
    s.settings().with(knobs)
}

fn column(s: &Scenario, d: Defense) -> Settings {
    Column::Only(d).apply(s.settings())
}

/// The victim's requests, in order.
fn victim_requests(run: &Run) -> Vec<HttpRequest> {
    run.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Request {
                party: session_lab::engine::network::Party::Victim,
                request,
                ..
            } => Some(request.clone()),
            _ => None,
        })
        .collect()
}

fn transfer_post(run: &Run) -> HttpRequest {
    victim_requests(run)
        .into_iter()
        .find(|r| r.method == Method::Post && r.url.path() == "/transfer")
        .expect("the forged POST was sent")
}

/// CSRF over plain http, with a cookie that goes along: no SameSite
/// attribute and the link opened within 2 minutes of the cookie being set
/// (Chromium's Lax-allowing-unsafe window).
fn csrf_over_http() -> (Scenario, Settings) {
    let mut s = scenario("csrf");
    for a in &mut s.acts {
        if a.act == Act::Victim(VictimAct::OpensLink) {
            a.at = SimTime::from_secs(100);
        }
    }
    let settings = with(
        &s,
        &[
            Knob::Transport(SiteTransport::Http),
            Knob::SameSite(SameSitePolicy::Unspecified),
            Knob::Secure(false),
        ],
    );
    (s, settings)
}

#[test]
fn a_cross_site_form_post_over_https_says_where_it_comes_from() {
    let s = scenario("csrf");
    let r = run(&s, &s.settings(), Seed(7));
    let post = transfer_post(&r);
    assert_eq!(post.header("Origin"), Some("https://evil.example"));
    assert_eq!(post.header("Referer"), Some("https://evil.example/"));
    assert_eq!(post.header("Sec-Fetch-Site"), Some("cross-site"));
    assert_eq!(post.header("Sec-Fetch-Mode"), Some("navigate"));
    assert_eq!(post.header("Sec-Fetch-Dest"), Some("document"));
    // A script submitted it: no user activation.
    assert_eq!(post.header("Sec-Fetch-User"), None);
    assert!(post.to_wire().contains("Sec-Fetch-Site: cross-site\r\n"));
    let v = verdict(&r);
    assert!(v.attacker_got_in);
    assert!(matches!(
        &v.reason,
        VerdictReason::ForgedRequestExecuted { telltales, .. }
            if telltales.contains(&"Sec-Fetch-Site: cross-site".to_string())
    ));
    assert!(!v.sentence.contains("could not tell"), "{}", v.sentence);
}

#[test]
fn over_plain_http_no_fetch_metadata_is_sent_so_the_policy_lets_csrf_through() {
    let (s, settings) = csrf_over_http();
    let r = run(&s, &settings, Seed(7));
    let post = transfer_post(&r);
    assert_eq!(post.header("Sec-Fetch-Site"), None);
    // From an https:// page to an http:// URL the default referrer policy
    // hides the page: Origin says null, and there is no Referer.
    assert_eq!(post.header("Origin"), Some("null"));
    assert_eq!(post.header("Referer"), None);
    assert!(verdict(&r).attacker_got_in, "{:?}", verdict(&r).reason);

    let fm = run(
        &s,
        &settings.clone().with(&[Knob::FetchMetadata(true)]),
        Seed(7),
    );
    assert!(
        verdict(&fm).attacker_got_in,
        "Fetch Metadata cannot help without Sec-Fetch-*: {:?}",
        verdict(&fm).reason
    );
    let oc = run(&s, &settings.with(&[Knob::OriginCheck(true)]), Seed(7));
    assert_eq!(
        verdict(&oc).reason,
        VerdictReason::RequestRefused(RequestRefusal::OriginMismatch)
    );
}

#[test]
fn origin_check_and_fetch_metadata_stop_csrf_over_https_but_not_session_riding() {
    let s = scenario("csrf");
    let oc = verdict(&run(&s, &column(&s, Defense::OriginCheck), Seed(7)));
    assert_eq!(
        oc.reason,
        VerdictReason::RequestRefused(RequestRefusal::OriginMismatch)
    );
    let fm = verdict(&run(&s, &column(&s, Defense::FetchMetadata), Seed(7)));
    assert_eq!(
        fm.reason,
        VerdictReason::RequestRefused(RequestRefusal::FetchMetadataCrossSite)
    );
    // A script on the shop's own page sends the shop's own Origin and
    // Sec-Fetch-Site: same-origin: neither check can tell.
    let xss = scenario("session-riding-xss");
    for d in [Defense::OriginCheck, Defense::FetchMetadata] {
        let v = verdict(&run(&xss, &column(&xss, d), Seed(7)));
        assert!(
            matches!(&v.reason, VerdictReason::ForgedRequestExecuted { telltales, .. } if telltales.is_empty()),
            "{d:?}: {:?}",
            v.reason
        );
    }
}

#[test]
fn https_upgrades_try_https_first_and_fall_back_silently() {
    // The shop serves only http: the upgrade fails and the browser falls
    // back, and the passive sniffer reads the cookie.
    let s = scenario("hijack-sniffing");
    let r = run(&s, &s.settings(), Seed(7));
    let kinds: Vec<&EventKind> = r.events.iter().map(|e| &e.kind).collect();
    let upgrade = kinds
        .iter()
        .position(|k| matches!(k, EventKind::HttpsUpgrade { .. }))
        .expect("an upgrade was tried");
    let fallback = kinds
        .iter()
        .position(|k| matches!(k, EventKind::HttpsFallback { .. }))
        .expect("and fell back");
    assert!(upgrade < fallback);
    assert!(verdict(&r).attacker_got_in);

    // Served over HTTPS, the old http:// bookmark is upgraded: nothing
    // plain leaves the victim's browser with a cookie.
    let https = run(&s, &column(&s, Defense::Https), Seed(7));
    assert!(!https
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::HttpsFallback { .. })));
    assert!(victim_requests(&https)
        .iter()
        .all(|r| r.url.scheme().as_str() == "https" || r.header("Cookie").is_none()));
    assert_eq!(
        verdict(&https).reason,
        VerdictReason::KeptOffPlainHttp(UpgradeBy::HttpsUpgrades)
    );

    // With upgrades off, the bookmark goes out in clear.
    let off = run(
        &s,
        &column(&s, Defense::Https).with(&[Knob::HttpsMode(HttpsMode::Off)]),
        Seed(7),
    );
    assert!(verdict(&off).attacker_got_in);
}

#[test]
fn an_active_attacker_forces_the_fallback_and_hsts_refuses_it() {
    let s = scenario("hijack-sniffing-active");
    let r = run(&s, &s.settings(), Seed(7));
    assert!(r
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::HttpsBlocked)));
    assert!(r
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::HttpsFallback { .. })));
    assert!(verdict(&r).attacker_got_in, "{:?}", verdict(&r).reason);
    // HTTPS alone: the shop already serves it; the fallback still leaks.
    assert!(verdict(&run(&s, &column(&s, Defense::Https), Seed(7))).attacker_got_in);
    // Secure: the fallback request goes out without the cookie.
    assert_eq!(
        verdict(&run(&s, &column(&s, Defense::SecureCookie), Seed(7))).reason,
        VerdictReason::CookieNotSent {
            reason: BlockedReason::SecureOnly,
            of: LeftOutOf::PlainHttpRead,
        }
    );
    // HSTS, preloaded or remembered from the first visit: no fallback.
    for (policy, preloaded) in [(HstsPolicy::Preloaded, true), (HstsPolicy::On, false)] {
        let h = run(&s, &with(&s, &[Knob::Hsts(policy)]), Seed(7));
        assert!(!h
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::HttpsFallback { .. })));
        assert_eq!(
            verdict(&h).reason,
            VerdictReason::KeptOffPlainHttp(UpgradeBy::Hsts { preloaded }),
            "{policy:?}"
        );
    }
    // HTTPS-First warns instead of falling back.
    let first = run(&s, &with(&s, &[Knob::HttpsMode(HttpsMode::First)]), Seed(7));
    assert!(first
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::HttpsFirstWarning { .. })));
    assert_eq!(
        verdict(&first).reason,
        VerdictReason::KeptOffPlainHttp(UpgradeBy::HttpsFirst)
    );
}

#[test]
fn third_party_cookies_are_blocked_on_images_and_fetches_not_on_navigations() {
    let now = session_lab::engine::clock::SCENARIO_ORIGIN;
    let mut b = Browser::new("203.0.113.24", "Chrome");
    let shop = url("https://shop.example/api");
    let stored = b.jar.store_response_cookies(
        &url("https://shop.example/"),
        &["tp=1; SameSite=None; Secure".to_string()],
        &RequestContext::navigation(),
        now,
    );
    assert!(matches!(
        stored.first(),
        Some(SetCookieOutcome::Stored { .. })
    ));
    for method in [Method::Get, Method::Post] {
        let sub = RequestContext::cross_site_subresource(method);
        let h = b.cookie_header(&shop, &sub, now, true);
        assert_eq!(h.header, None);
        assert_eq!(
            h.excluded.first().map(|(_, r)| *r),
            Some(BlockedReason::UserPreferences)
        );
        // With the setting off (upstream Chrome's default), it goes along.
        assert!(b.cookie_header(&shop, &sub, now, false).header.is_some());
    }
    let nav = RequestContext {
        method: Method::Get,
        top_level_navigation: true,
        initiator: Initiator::CrossSite,
    };
    assert!(b.cookie_header(&shop, &nav, now, true).header.is_some());
}

#[test]
fn a_tab_inside_a_cookie_value_is_refused() {
    let mut b = Browser::new("203.0.113.24", "Chrome");
    let now = session_lab::engine::clock::SCENARIO_ORIGIN;
    let out = b
        .jar
        .set_document_cookie(&url("https://shop.example/"), "js_tab=x\ty", now);
    assert_eq!(out.reason(), Some(BlockedReason::DisallowedCharacter));
    let ok = b
        .jar
        .set_document_cookie(&url("https://shop.example/"), "js_space=x y", now);
    assert!(matches!(ok, SetCookieOutcome::Stored { .. }));
}
