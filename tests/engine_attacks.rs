//! Each attack gets in with its defenses off, and is kept out by each
//! decisive defense, for the reason the verdict names. Everything runs
//! through the engine: the outcomes are computed, not looked up.

mod common;
use common::runs::scenario;
use session_lab::engine::browser::UpgradeBy;
use session_lab::engine::choice::Choice;
use session_lab::engine::cookies::BlockedReason;
use session_lab::engine::event::EventKind;
use session_lab::engine::http::Method;
use session_lab::engine::matrix::{Column, Defense};
use session_lab::engine::network::Party;
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{
    BindingMismatch, RejectReason, RequestRefusal, TransferRefusal,
};
use session_lab::engine::server::id_generator::IdGenerator;
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::Settings;
use session_lab::engine::server::store::EndReason;
use session_lab::engine::verdict::{LeftOutOf, Verdict, VerdictReason};
use session_lab::engine::{run, Run};

fn judged(run: &Run) -> Verdict {
    let verdict = run.verdict.clone().expect("an attack has a verdict");
    assert!(verdict.deciding_event < run.events.len());
    assert!(matches!(
        run.events.last().map(|e| &e.kind),
        Some(EventKind::Verdict { .. })
    ));
    verdict
}

fn verdict_with(id: &str, settings: Settings) -> Verdict {
    judged(&run(&scenario(id), &settings, Seed(7)))
}

fn with_defenses(id: &str, defenses: &[Defense]) -> Verdict {
    let s = scenario(id);
    let settings = defenses
        .iter()
        .fold(s.settings(), |acc, d| Column::Only(*d).apply(acc));
    verdict_with(id, settings)
}

fn assert_gets_in(id: &str) {
    let v = with_defenses(id, &[]);
    assert!(
        v.attacker_got_in,
        "{id} should succeed undefended: {:?}",
        v.reason
    );
}

fn assert_kept_out(id: &str, defenses: &[Defense], expected: VerdictReason) {
    let v = with_defenses(id, defenses);
    assert!(!v.attacker_got_in, "{id} with {defenses:?} should fail");
    assert_eq!(v.reason, expected, "{id} with {defenses:?}");
}

fn assert_still_in(id: &str, defenses: &[Defense]) {
    let v = with_defenses(id, defenses);
    assert!(v.attacker_got_in, "{id} with {defenses:?}: {:?}", v.reason);
}

#[test]
fn hijacking_by_sniffing() {
    let id = "hijack-sniffing";
    assert_gets_in(id);
    // Secure alone cannot hide the Set-Cookie of a plain-HTTP site. Served
    // over HTTPS, the old http:// bookmark no longer leaks to a passive
    // sniffer: Chromium's HTTPS-Upgrades tries https:// first, and it
    // answers (the active attacker who blocks 443 is hijack-sniffing-active).
    assert_still_in(id, &[Defense::SecureCookie]);
    assert_kept_out(
        id,
        &[Defense::Https],
        VerdictReason::KeptOffPlainHttp(UpgradeBy::HttpsUpgrades),
    );
    assert_kept_out(
        id,
        &[Defense::Https, Defense::SecureCookie],
        VerdictReason::NoIdLearned,
    );
    assert_kept_out(
        id,
        &[Defense::HstsPreload],
        VerdictReason::KeptOffPlainHttp(UpgradeBy::Hsts { preloaded: true }),
    );
    // The café attacker shares the victim's public IP (NAT) and copies the
    // User-Agent from the sniffed request: binding stops neither.
    assert_still_in(id, &[Defense::BindToIp]);
    assert_still_in(id, &[Defense::BindToUserAgent]);
    assert_still_in(id, &[Defense::BindToIp, Defense::BindToUserAgent]);
}

#[test]
fn hijacking_by_xss() {
    let id = "hijack-xss";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::HttpOnlyCookie],
        VerdictReason::CookieHiddenFromScript(BlockedReason::HttpOnly),
    );
    assert_kept_out(id, &[Defense::EscapeOutput], VerdictReason::ScriptNotRun);
    // The script runs on the shop's own origin: SameSite is no XSS defense.
    assert_still_in(id, &[Defense::SameSiteLax]);
    assert_still_in(id, &[Defense::SameSiteStrict]);
    // The thief replays from their own machine, with their own IP.
    assert_kept_out(
        id,
        &[Defense::BindToIp],
        VerdictReason::IdRejected(RejectReason::BoundToOtherClient(BindingMismatch::Ip)),
    );
    // The User-Agent is in the collector's log: copied.
    assert_still_in(id, &[Defense::BindToUserAgent]);
}

#[test]
fn session_riding_despite_http_only() {
    let id = "session-riding-xss";
    assert!(scenario(id).settings().cookie.http_only);
    assert_gets_in(id);
    // The script reads the CSRF token from the page like the user would.
    assert_still_in(id, &[Defense::CsrfToken]);
    assert_still_in(id, &[Defense::BindToIp, Defense::BindToUserAgent]);
    assert_still_in(id, &[Defense::SameSiteStrict]);
    assert_kept_out(id, &[Defense::EscapeOutput], VerdictReason::ScriptNotRun);
}

#[test]
fn hijacking_by_stored_xss() {
    let id = "hijack-stored-xss";
    assert_gets_in(id);
    // Alice browses the product page on the shop itself: same-site.
    assert_still_in(id, &[Defense::SameSiteLax]);
    assert_still_in(id, &[Defense::SameSiteStrict]);
    assert_kept_out(
        id,
        &[Defense::HttpOnlyCookie],
        VerdictReason::CookieHiddenFromScript(BlockedReason::HttpOnly),
    );
    assert_kept_out(id, &[Defense::EscapeOutput], VerdictReason::ScriptNotRun);
    assert_kept_out(
        id,
        &[Defense::BindToIp],
        VerdictReason::IdRejected(RejectReason::BoundToOtherClient(BindingMismatch::Ip)),
    );
    assert_still_in(id, &[Defense::BindToUserAgent]);
}

#[test]
fn fixation_by_url() {
    let id = "fixation-url";
    assert_gets_in(id);
    // The fixed ID was issued by the server: strict mode does not help.
    assert_still_in(id, &[Defense::StrictMode]);
    assert_kept_out(
        id,
        &[Defense::RegenerateOnLogin],
        VerdictReason::SessionEnded(EndReason::Regenerated),
    );
    assert_kept_out(id, &[Defense::NoIdInUrl], VerdictReason::SessionNotLoggedIn);
    // The session was started by the attacker's machine, elsewhere.
    assert_kept_out(
        id,
        &[Defense::BindToIp],
        VerdictReason::IdRejected(RejectReason::BoundToOtherClient(BindingMismatch::Ip)),
    );
}

#[test]
fn fixation_by_cookie_tossing() {
    let id = "fixation-cookie-tossing";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::HostPrefix],
        VerdictReason::CookieNotStored(BlockedReason::InvalidPrefix),
    );
    // The tossed ID is one the shop issued: strict mode knows it.
    assert_still_in(id, &[Defense::StrictMode]);
    assert_kept_out(
        id,
        &[Defense::RegenerateOnLogin],
        VerdictReason::SessionEnded(EndReason::Regenerated),
    );
}

/// Alice already holds the shop's own host-only cookie (Path=/): the tossed
/// one wins on /login only by its longer path, listed first in the `Cookie`
/// header, and the shop reads the first.
#[test]
fn the_tossed_cookie_wins_by_its_longer_path_beside_alices_own() {
    let s = scenario("fixation-cookie-tossing");
    let r = run(&s, &s.settings(), Seed(7));
    let login_post = r
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Request {
                party: Party::Victim,
                request,
                sent,
                ..
            } if request.method == Method::Post && request.url.path() == "/login" => {
                Some((sent.clone(), e.narration.clone()))
            }
            _ => None,
        })
        .expect("Alice logs in");
    let (sent, narration) = login_post;
    let sessions: Vec<_> = sent.iter().filter(|c| c.name == "sessionid").collect();
    assert_eq!(sessions.len(), 2, "{sent:?}");
    // The tossed one first (Domain cookie, longer path), then her own.
    assert!(!sessions[0].host_only && sessions[0].path == "/login");
    assert!(sessions[1].host_only && sessions[1].path == "/");
    assert!(narration.contains("longer paths first"), "{narration}");
    match judged(&r).reason {
        VerdictReason::ServedAsVictim { session, .. } => {
            assert_eq!(session.0, sessions[0].value)
        }
        other => panic!("{other:?}"),
    }
    // Elsewhere only her own cookie goes: there she looks logged out.
    let account = r.events.iter().find_map(|e| match &e.kind {
        EventKind::Request {
            party: Party::Victim,
            request,
            sent,
            excluded,
            ..
        } if request.url.path() == "/account" => Some((sent.clone(), excluded.clone())),
        _ => None,
    });
    let (sent, excluded) = account.expect("Alice opens her account");
    assert!(sent.iter().all(|c| c.host_only));
    assert!(excluded
        .iter()
        .any(|(c, why)| c.path == "/login" && *why == BlockedReason::NotOnPath));
}

#[test]
fn predicting_weak_ids() {
    let id = "predictable-ids";
    for &generator in IdGenerator::ALL {
        let settings = scenario(id)
            .settings()
            .with(&[Knob::IdGenerator(generator)]);
        let v = verdict_with(id, settings);
        let predictable = generator.unpredictable_bits() == 0;
        assert_eq!(
            v.attacker_got_in, predictable,
            "{generator:?}: {:?}",
            v.reason
        );
        if !predictable {
            assert!(
                matches!(
                    v.reason,
                    VerdictReason::GuessesMissed { attempts: 200, unpredictable_bits, logged_in: 1 }
                        if unpredictable_bits == generator.unpredictable_bits()
                ),
                "{:?}",
                v.reason
            );
        }
    }
    // Regeneration does not help when the next ID is predictable too.
    assert_still_in(id, &[Defense::RegenerateOnLogin]);
    assert_kept_out(
        id,
        &[Defense::StrongIds],
        VerdictReason::GuessesMissed {
            attempts: 200,
            unpredictable_bits: 128,
            logged_in: 1,
        },
    );
    assert_kept_out(
        id,
        &[Defense::BindToIp],
        VerdictReason::IdRejected(RejectReason::BoundToOtherClient(BindingMismatch::Ip)),
    );
}

#[test]
fn reuse_after_logout() {
    let id = "reuse-after-logout";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::InvalidateOnLogout],
        VerdictReason::IdUnknownAfterEnd {
            ended: EndReason::LoggedOut,
        },
    );
}

#[test]
fn reuse_after_inactivity() {
    let id = "reuse-after-inactivity";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::IdleTimeout],
        VerdictReason::IdUnknownAfterEnd {
            ended: EndReason::IdleTimeout,
        },
    );
    assert_kept_out(
        id,
        &[Defense::AbsoluteTimeout],
        VerdictReason::IdUnknownAfterEnd {
            ended: EndReason::AbsoluteTimeout,
        },
    );
}

#[test]
fn the_idle_timeout_fires_without_waiting() {
    let s = scenario("reuse-after-inactivity");
    let settings = Column::Only(Defense::IdleTimeout).apply(s.settings());
    // "Without waiting": the world jumps its clock to the deadline, so the
    // session expires at simulated minute 16 (below) with no real time spent.
    let r = run(&s, &settings, Seed(7));
    let expired = r.events.iter().find(|e| {
        matches!(
            &e.kind,
            EventKind::Server {
                decision: session_lab::engine::server::decision::Decision::SessionExpired { .. }
            }
        )
    });
    let expired = expired.expect("the session expires at its deadline");
    // Last use at 01:00 (plus network latency), 15 idle minutes later.
    assert!(expired.time.millis() >= 16 * 60_000 && expired.time.millis() < 17 * 60_000);
}

#[test]
fn cross_site_request_forgery() {
    let id = "csrf";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::SameSiteLax],
        VerdictReason::CookieNotSent {
            reason: BlockedReason::SameSiteLax,
            of: LeftOutOf::AttackerMade,
        },
    );
    assert_kept_out(
        id,
        &[Defense::SameSiteStrict],
        VerdictReason::CookieNotSent {
            reason: BlockedReason::SameSiteStrict,
            of: LeftOutOf::AttackerMade,
        },
    );
    assert_kept_out(
        id,
        &[Defense::CsrfToken],
        VerdictReason::ActionRefused(TransferRefusal::CsrfTokenMissing),
    );
    // The forged POST carries Origin: https://evil.example and
    // Sec-Fetch-Site: cross-site, which the two header checks read.
    assert_kept_out(
        id,
        &[Defense::OriginCheck],
        VerdictReason::RequestRefused(RequestRefusal::OriginMismatch),
    );
    assert_kept_out(
        id,
        &[Defense::FetchMetadata],
        VerdictReason::RequestRefused(RequestRefusal::FetchMetadataCrossSite),
    );
}

#[test]
fn tampering_with_a_role_cookie() {
    let id = "role-tampering";
    assert_gets_in(id);
    assert_kept_out(
        id,
        &[Defense::RoleInSession],
        VerdictReason::RoleNotFromCookie,
    );
}

#[test]
fn all_defenses_keep_every_attack_out() {
    for s in session_lab::engine::scenario::catalog() {
        if s.goal.is_none() {
            continue;
        }
        let v = verdict_with(&s.id, Column::AllDefenses.apply(s.settings()));
        assert!(!v.attacker_got_in, "{}: {:?}", s.id, v.reason);
    }
}

#[test]
fn the_deciding_event_shows_the_attackers_success() {
    let r = run(
        &scenario("hijack-xss"),
        &scenario("hijack-xss").settings(),
        Seed(7),
    );
    let v = judged(&r);
    match &r.events[v.deciding_event].kind {
        EventKind::Response { served, .. } => {
            assert_eq!(served.user.as_ref().map(|u| u.as_str()), Some("alice"));
        }
        other => panic!("deciding event is {other:?}"),
    }
}

/// CSRF inside Chromium's two-minute window: a session cookie without
/// SameSite rides the prize page's cross-site POST a minute and a half
/// after it was set, and the request's narration says why it went; said
/// Lax, it stays home.
#[test]
fn csrf_in_the_first_two_minutes_rides_lax_allowing_unsafe() {
    use session_lab::engine::scenario::catalog;
    use session_lab::engine::server::knob::Knob;
    use session_lab::engine::server::settings::SameSitePolicy;
    let s = catalog()
        .into_iter()
        .find(|s| s.id == "csrf-fresh-cookie")
        .expect("scenario");
    let r = session_lab::engine::run(&s, &s.settings(), session_lab::engine::rng::Seed::default());
    let v = r.verdict.as_ref().expect("an attack");
    assert!(v.attacker_got_in, "{}", v.sentence);
    assert!(r
        .events
        .iter()
        .any(|e| e.narration.contains("less than two minutes old")));
    let lax = s.settings().with(&[Knob::SameSite(SameSitePolicy::Lax)]);
    let kept = session_lab::engine::run(&s, &lax, session_lab::engine::rng::Seed::default());
    assert!(!kept.verdict.expect("an attack").attacker_got_in);
}
