//! Issue 14, the server's and the attacker's side: each outcome holds for
//! the mechanism an expert would name, asserted with its typed reason.
//!
//! - Where the attacker stands decides their IP address; what they saw
//!   decides their User-Agent. Binding to the IP stops a remote attacker,
//!   not one behind the victim's NAT; binding to the User-Agent stops
//!   nobody who read it.
//! - SameSite is no XSS defense; eager session start can log the victim
//!   out, which is narrated as a logout, not a defense.
//! - Cookie tossing plants a server-issued ID: strict mode does not help.
//! - The server forgets ended sessions: a destroyed ID is only unknown.

mod common;
use common::runs::{decisions, scenario};
use session_lab::engine::attacker::UserAgentSource;
use session_lab::engine::cookies::BlockedReason;
use session_lab::engine::event::{EventKind, RequestCause};
use session_lab::engine::matrix::{Column, Defense};
use session_lab::engine::network::{Party, ATTACKER_IP, VICTIM_IP, VICTIM_USER_AGENT};
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{
    BindingMismatch, Decision, NewSessionCause, RejectReason,
};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{ClientBinding, SameSitePolicy, SessionStart};
use session_lab::engine::server::store::EndReason;
use session_lab::engine::verdict::VerdictReason;
use session_lab::engine::{run, Run};

fn run_with(id: &str, knobs: &[Knob]) -> Run {
    let s = scenario(id);
    run(&s, &s.settings().with(knobs), Seed(7))
}

fn reason(r: &Run) -> (bool, VerdictReason) {
    let v = r.verdict.clone().expect("an attack has a verdict");
    (v.attacker_got_in, v.reason)
}

/// The attacker's requests to the shop: their User-Agent header.
fn attacker_user_agents(r: &Run) -> Vec<String> {
    r.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Request {
                party: Party::Attacker,
                request,
                ..
            } => request.header("User-Agent").map(str::to_string),
            _ => None,
        })
        .collect()
}

fn copied_from(r: &Run) -> Option<UserAgentSource> {
    r.events.iter().find_map(|e| match &e.kind {
        EventKind::UserAgentCopied { from, .. } => Some(*from),
        _ => None,
    })
}

#[test]
fn the_cafe_sniffer_shares_the_ip_and_copies_the_user_agent() {
    let r = run_with(
        "hijack-sniffing",
        &[Knob::Binding(ClientBinding::IpAndUserAgent)],
    );
    assert_eq!(copied_from(&r), Some(UserAgentSource::SniffedRequest));
    assert!(attacker_user_agents(&r)
        .iter()
        .all(|ua| ua == VICTIM_USER_AGENT));
    let (got_in, why) = reason(&r);
    assert!(got_in, "{why:?}");
    assert!(matches!(why, VerdictReason::ServedAsVictim { .. }));
    // The narration says which address and browser the attacker used.
    assert!(r
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::CookiePasted { .. })
            && e.narration.contains(VICTIM_IP)
            && e.narration.contains("same NAT")));
    for binding in [ClientBinding::Ip, ClientBinding::UserAgent] {
        let (got_in, why) = reason(&run_with("hijack-sniffing", &[Knob::Binding(binding)]));
        assert!(got_in, "{binding:?}: {why:?}");
    }
}

#[test]
fn a_remote_xss_thief_is_stopped_by_ip_binding_only() {
    let r = run_with("hijack-xss", &[Knob::Binding(ClientBinding::Ip)]);
    assert_eq!(
        reason(&r),
        (
            false,
            VerdictReason::IdRejected(RejectReason::BoundToOtherClient(BindingMismatch::Ip))
        )
    );
    assert!(r
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::CookiePasted { .. })
            && e.narration.contains(ATTACKER_IP)));
    // The collector's log holds the victim's User-Agent: binding to it
    // alone stops nothing.
    let r = run_with("hijack-xss", &[Knob::Binding(ClientBinding::UserAgent)]);
    assert_eq!(copied_from(&r), Some(UserAgentSource::OwnSiteLog));
    let (got_in, why) = reason(&r);
    assert!(got_in, "{why:?}");
}

#[test]
fn user_agent_binding_stops_nobody_who_read_it() {
    for id in ["hijack-sniffing", "hijack-xss", "hijack-stored-xss"] {
        let (got_in, why) = reason(&run_with(id, &[Knob::Binding(ClientBinding::UserAgent)]));
        assert!(got_in, "{id}: {why:?}");
    }
}

#[test]
fn eager_start_with_strict_logs_the_victim_out_and_says_so() {
    let r = run_with(
        "hijack-xss",
        &[
            Knob::SessionStart(SessionStart::Eager),
            Knob::SameSite(SameSitePolicy::Strict),
        ],
    );
    let logout = r
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::LoggedOutBySideEffect { .. }))
        .expect("the replaced cookie is narrated as a logout");
    assert!(logout.narration.contains("logged out"));
    assert!(logout.narration.contains("not a defense"));
    assert_eq!(
        reason(&r),
        (
            false,
            VerdictReason::VictimLoggedOut {
                withheld: BlockedReason::SameSiteStrict
            }
        )
    );
    let v = r.verdict.expect("verdict");
    assert!(v.sentence.contains("not a defense"), "{}", v.sentence);
}

#[test]
fn lazy_start_with_strict_lets_reflected_xss_in() {
    for id in ["hijack-xss", "session-riding-xss"] {
        let r = run_with(
            id,
            &[
                Knob::SessionStart(SessionStart::Lazy),
                Knob::SameSite(SameSitePolicy::Strict),
            ],
        );
        let (got_in, why) = reason(&r);
        assert!(got_in, "{id}: {why:?}");
        assert!(matches!(
            why,
            VerdictReason::ServedAsVictim { .. } | VerdictReason::ForgedRequestExecuted { .. }
        ));
        // The link arrived without the cookie, and nothing replaced it.
        assert!(decisions(&r)
            .iter()
            .any(|d| matches!(d, Decision::SessionNotStarted)));
        assert!(!r
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::LoggedOutBySideEffect { .. })));
    }
}

#[test]
fn stored_xss_gets_in_under_strict() {
    for same_site in [SameSitePolicy::Strict, SameSitePolicy::Lax] {
        let r = run_with("hijack-stored-xss", &[Knob::SameSite(same_site)]);
        let (got_in, why) = reason(&r);
        assert!(got_in, "{same_site:?}: {why:?}");
        // The script's request to the collector is the injected script's.
        assert!(r.events.iter().any(|e| matches!(
            &e.kind,
            EventKind::Request {
                cause: RequestCause::InjectedScript,
                ..
            }
        )));
    }
}

#[test]
fn tossing_a_server_issued_id_beats_strict_mode_not_regeneration_or_host_prefix() {
    let r = run_with("fixation-cookie-tossing", &[Knob::StrictMode(true)]);
    let (got_in, why) = reason(&r);
    assert!(got_in, "{why:?}");
    // The planted ID is the one the shop issued to the attacker.
    let issued = r.events.iter().find_map(|e| match &e.kind {
        EventKind::Response {
            party: Party::Attacker,
            served,
            ..
        } => served.session.clone(),
        _ => None,
    });
    match (&why, issued) {
        (VerdictReason::ServedAsVictim { session, .. }, Some(issued)) => {
            assert_eq!(*session, issued)
        }
        other => panic!("{other:?}"),
    }
    let s = scenario("fixation-cookie-tossing");
    let regen = Column::Only(Defense::RegenerateOnLogin).apply(s.settings());
    let r = run(&s, &regen, Seed(7));
    assert_eq!(
        reason(&r),
        (false, VerdictReason::SessionEnded(EndReason::Regenerated))
    );
    let host = Column::Only(Defense::HostPrefix).apply(s.settings());
    let r = run(&s, &host, Seed(7));
    assert_eq!(
        reason(&r),
        (
            false,
            VerdictReason::CookieNotStored(BlockedReason::InvalidPrefix)
        )
    );
}

#[test]
fn a_destroyed_id_is_unknown_adopted_without_strict_mode() {
    let id = "reuse-after-logout";
    let invalidate = Column::Only(Defense::InvalidateOnLogout).apply(scenario(id).settings());
    let r = run(&scenario(id), &invalidate, Seed(7));
    assert_eq!(
        reason(&r),
        (
            false,
            VerdictReason::IdUnknownAfterEnd {
                ended: EndReason::LoggedOut
            }
        )
    );
    let destroyed = decisions(&r)
        .iter()
        .find_map(|d| match d {
            Decision::SessionDestroyed { id, .. } => Some(id.clone()),
            _ => None,
        })
        .expect("logout destroys the session");
    let after: Vec<&Decision> = decisions(&r)
        .into_iter()
        .skip_while(|d| !matches!(d, Decision::SessionDestroyed { .. }))
        .collect();
    // /account only resumes: unknown. The redirect to /login starts a
    // session: the unknown ID is adopted again, empty.
    assert!(after.iter().any(|d| matches!(d,
        Decision::SessionRejected { id, reason: RejectReason::Unknown } if *id == destroyed)));
    assert!(after
        .iter()
        .any(|d| matches!(d, Decision::SessionAdopted { id } if *id == destroyed)));
    // The reason's sentence says it was destroyed at logout earlier.
    let v = r.verdict.expect("verdict");
    assert!(v.sentence.contains("destroyed at logout"), "{}", v.sentence);
    // The server keeps no trace of it.
    let last = r.events.last().expect("events");
    assert!(!last
        .snapshot
        .server
        .sessions
        .iter()
        .any(|s| s.id == destroyed && s.user.is_some()));
}

#[test]
fn a_destroyed_id_is_refused_and_replaced_in_strict_mode() {
    let id = "reuse-after-logout";
    let settings = Column::Only(Defense::InvalidateOnLogout)
        .apply(scenario(id).settings())
        .with(&[Knob::StrictMode(true)]);
    let r = run(&scenario(id), &settings, Seed(7));
    assert_eq!(
        reason(&r),
        (
            false,
            VerdictReason::IdUnknownAfterEnd {
                ended: EndReason::LoggedOut
            }
        )
    );
    let ds = decisions(&r);
    assert!(!ds
        .iter()
        .any(|d| matches!(d, Decision::SessionAdopted { .. })));
    assert!(ds.iter().any(|d| matches!(
        d,
        Decision::SessionCreated {
            cause: NewSessionCause::IdRejected(RejectReason::NotIssued),
            ..
        }
    )));
}

#[test]
fn the_strict_mode_sentence_appears_only_in_strict_mode() {
    assert!(!RejectReason::Unknown.explanation().contains("strict"));
    assert!(RejectReason::NotIssued
        .explanation()
        .contains("strict mode"));
    // A page behind the login, strict mode off: "unknown", not "strict".
    let r = run_with(
        "reuse-after-inactivity",
        &[Knob::IdleTimeout(Some(
            session_lab::engine::server::settings::Minutes(15),
        ))],
    );
    for d in decisions(&r) {
        if let Decision::SessionRejected { reason, .. } = d {
            assert_ne!(*reason, RejectReason::NotIssued);
        }
    }
}

/// A `User-Agent` costs nothing to send, and the most common one (Chrome on
/// Windows, identical for every such browser since User-Agent reduction) is
/// Alice's: binding to it alone keeps no attacker of the catalog out, while
/// binding to the IP address keeps out every attacker who is not behind
/// the victim's own NAT.
#[test]
fn user_agent_binding_alone_stops_no_attack() {
    use session_lab::engine::attacker::AttackerPosition;
    use session_lab::engine::matrix::{cell, Defense};
    use session_lab::engine::scenario::{catalog, ScenarioKind};
    for s in catalog()
        .into_iter()
        .filter(|s| s.kind == ScenarioKind::Attack)
    {
        let open = cell(&s, &s.settings(), Seed::default()).attacker_got_in;
        let ua = cell(
            &s,
            &Defense::BindToUserAgent.apply(s.settings()),
            Seed::default(),
        );
        assert_eq!(ua.attacker_got_in, open, "{}: {:?}", s.id, ua.reason);
        if open && matches!(s.attacker, AttackerPosition::SameWifi { .. }) {
            let ip = cell(&s, &Defense::BindToIp.apply(s.settings()), Seed::default());
            assert!(
                ip.attacker_got_in,
                "{}: same NAT, same IP: {:?}",
                s.id, ip.reason
            );
        }
    }
}
