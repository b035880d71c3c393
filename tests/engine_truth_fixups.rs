//! Issue 14, an expert's review of the matrix and its sentences: each
//! outcome says the mechanism that decided it, asserted with its typed
//! reason.
//!
//! - A binding that was checked and passed is named, with why it matched.
//! - CSRF gets in undefended because the shop sets SameSite=None.
//! - A cookie left out is worded by the request it was left out of.
//! - Every defense against sniffing: HSTS preload decides, and is named.
//! - Secure on an http-only shop: refused, and its Set-Cookie read in clear.

mod common;
use common::runs::scenario;
use session_lab::engine::attacker::UserAgentSource;
use session_lab::engine::browser::UpgradeBy;
use session_lab::engine::cookies::{BlockedReason, SameSite};
use session_lab::engine::event::EventKind;
use session_lab::engine::matrix::{Column, Defense};
use session_lab::engine::rng::Seed;
use session_lab::engine::run;
use session_lab::engine::verdict::{BindingPassed, LeftOutOf, Verdict, VerdictReason};

fn verdict(id: &str, column: Column) -> Verdict {
    let s = scenario(id);
    let settings = column.apply(s.settings());
    run(&s, &settings, Seed(7))
        .verdict
        .expect("an attack has a verdict")
}

#[test]
fn a_binding_that_passed_is_named_with_why_it_matched() {
    // Behind the café's NAT the attacker's address is Alice's.
    let v = verdict("hijack-sniffing", Column::Only(Defense::BindToIp));
    match &v.reason {
        VerdictReason::ServedAsVictim { passed, .. } => assert_eq!(
            passed,
            &[BindingPassed::Ip {
                behind_victims_nat: true
            }]
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        v.sentence
            .contains("shares Alice's public address behind the café's NAT"),
        "{}",
        v.sentence
    );
    assert!(!v.sentence.contains("the ID alone"), "{}", v.sentence);

    // Nothing read: the most common User-Agent is Alice's.
    let v = verdict("predictable-ids", Column::Only(Defense::BindToUserAgent));
    match &v.reason {
        VerdictReason::ServedAsVictim { passed, .. } => assert_eq!(
            passed,
            &[BindingPassed::UserAgent {
                from: Some(UserAgentSource::MostCommon),
                most_common: true
            }]
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        v.sentence
            .contains("Mallory sends the most common one, which is Alice's"),
        "{}",
        v.sentence
    );

    // With no binding the ID alone is the key.
    let v = verdict("hijack-sniffing", Column::NoDefense);
    match &v.reason {
        VerdictReason::ServedAsVictim { passed, .. } => assert!(passed.is_empty()),
        other => panic!("{other:?}"),
    }
    assert!(
        v.sentence.contains("the ID alone is the key"),
        "{}",
        v.sentence
    );
}

#[test]
fn csrf_undefended_names_the_samesite_none_the_scenario_sets() {
    let v = verdict("csrf", Column::NoDefense);
    assert!(v.attacker_got_in);
    match &v.reason {
        VerdictReason::ForgedRequestExecuted { same_site, .. } => {
            assert_eq!(*same_site, Some(SameSite::None))
        }
        other => panic!("{other:?}"),
    }
    assert!(
        v.sentence
            .contains("the shop sets SameSite=None on its session cookie"),
        "{}",
        v.sentence
    );
    assert!(v.sentence.contains("Firefox and Safari"), "{}", v.sentence);
    assert!(scenario("csrf")
        .description
        .iter()
        .any(|l| l.contains("SameSite=None")));
}

#[test]
fn a_cookie_left_out_is_worded_by_the_request_it_was_left_out_of() {
    // Alice's own request, fallen back to http:// on the attacker's Wi-Fi.
    let v = verdict("hijack-sniffing-active", Column::Only(Defense::HostPrefix));
    assert_eq!(
        v.reason,
        VerdictReason::CookieNotSent {
            reason: BlockedReason::SecureOnly,
            of: LeftOutOf::PlainHttpRead
        }
    );
    assert!(
        v.sentence
            .contains("out of the plain http:// request Mallory was reading"),
        "{}",
        v.sentence
    );
    // The forged form on evil.example.
    let v = verdict("csrf", Column::Only(Defense::SameSiteLax));
    assert_eq!(
        v.reason,
        VerdictReason::CookieNotSent {
            reason: BlockedReason::SameSiteLax,
            of: LeftOutOf::AttackerMade
        }
    );
    assert!(
        v.sentence
            .contains("out of the request Mallory made Alice's browser send"),
        "{}",
        v.sentence
    );
}

/// With every defense on, the sniffing attacker learns nothing because HSTS
/// preload rewrote Alice's http:// address before anything left her
/// browser: the verdict names that, as the HSTS column alone does.
#[test]
fn all_defenses_against_sniffing_name_hsts_preload() {
    for id in ["hijack-sniffing", "hijack-sniffing-active"] {
        let s = scenario(id);
        let r = run(&s, &Column::AllDefenses.apply(s.settings()), Seed(7));
        let v = r.verdict.clone().expect("an attack has a verdict");
        assert_eq!(
            v.reason,
            VerdictReason::KeptOffPlainHttp(UpgradeBy::Hsts { preloaded: true }),
            "{id}"
        );
        assert!(matches!(
            r.events[v.deciding_event].kind,
            EventKind::HstsUpgrade {
                preloaded: true,
                ..
            }
        ));
        let alone = verdict(id, Column::Only(Defense::HstsPreload));
        assert_eq!(alone.reason, v.reason, "{id}");
    }
}

/// Secure (or __Host-) on a shop served only over http://: the browser
/// refuses the cookie, yet the attacker gets in with the ID read in the
/// refused Set-Cookie, which crossed the Wi-Fi in clear.
#[test]
fn secure_without_https_is_refused_but_its_set_cookie_is_read_in_clear() {
    for defense in [Defense::SecureCookie, Defense::HostPrefix] {
        let v = verdict("hijack-sniffing", Column::Only(defense));
        assert!(v.attacker_got_in, "{defense:?}");
        match &v.reason {
            VerdictReason::ServedAsVictim {
                refused_in_clear, ..
            } => assert_eq!(*refused_in_clear, Some(BlockedReason::SecureOnly)),
            other => panic!("{defense:?}: {other:?}"),
        }
        assert!(
            v.sentence.contains(
                "Secure without HTTPS breaks the site, and the Set-Cookie still crosses in clear"
            ),
            "{}",
            v.sentence
        );
    }
    // Undefended, the cookie was stored: nothing was refused.
    match verdict("hijack-sniffing", Column::NoDefense).reason {
        VerdictReason::ServedAsVictim {
            refused_in_clear, ..
        } => assert_eq!(refused_in_clear, None),
        other => panic!("{other:?}"),
    }
}

/// Session riding: the script's request differs from Alice's own form
/// (Fetch Metadata says cors/empty, no user activation), in nothing the
/// server can rely on; with the CSRF token on, the script read it.
#[test]
fn session_riding_differs_only_in_what_the_server_cannot_rely_on() {
    let v = verdict("session-riding-xss", Column::Only(Defense::CsrfToken));
    match &v.reason {
        VerdictReason::ForgedRequestExecuted {
            telltales,
            script_marks,
            token_from_page,
            ..
        } => {
            assert!(telltales.is_empty());
            assert!(script_marks.contains(&"Sec-Fetch-Mode: cors".to_string()));
            assert!(script_marks.contains(&"no Sec-Fetch-User".to_string()));
            assert!(*token_from_page);
        }
        other => panic!("{other:?}"),
    }
    assert!(v.sentence.contains("same-origin"), "{}", v.sentence);
    assert!(
        v.sentence
            .contains("the script read the CSRF token from the form it fetched"),
        "{}",
        v.sentence
    );
    match verdict("session-riding-xss", Column::NoDefense).reason {
        VerdictReason::ForgedRequestExecuted {
            token_from_page, ..
        } => assert!(!token_from_page),
        other => panic!("{other:?}"),
    }
}

/// Strong IDs: the verdict gives the odds, from the ID space and the
/// logged-in sessions a guess could hit, not only the attempt count.
#[test]
fn missed_guesses_give_the_odds() {
    let v = verdict("predictable-ids", Column::Only(Defense::StrongIds));
    assert_eq!(
        v.reason,
        VerdictReason::GuessesMissed {
            attempts: 200,
            unpredictable_bits: 128,
            logged_in: 1
        }
    );
    assert!(
        v.sentence.contains(
            "200 guesses against 2^128 possible IDs with 1 logged-in session to find: a hit is 1 chance in about 2 × 10^36"
        ),
        "{}",
        v.sentence
    );
}

/// Over plain http:// the observer reads the login form itself: the
/// narration says the password crossed in clear (it outlives any session
/// defense); over HTTPS it reads nothing of it.
#[test]
fn the_observer_reads_the_password_of_a_plain_http_login() {
    let s = scenario("hijack-sniffing");
    let says_password = |column: Column| {
        run(&s, &column.apply(s.settings()), Seed::default())
            .events
            .iter()
            .any(|e| {
                matches!(e.kind, EventKind::Sniffed { .. }) && e.narration.contains("password=")
            })
    };
    assert!(says_password(Column::NoDefense));
    assert!(says_password(Column::Only(Defense::SecureCookie)));
    assert!(!says_password(Column::Only(Defense::Https)));
}

/// The attacks that ending a session defends against (logout, timeouts, a
/// token's denylist or short life) must not hand Mallory the password: with
/// it she would simply log in again, and "kept out" would be false. The café
/// sniffer of these three starts listening after Alice's login, so every
/// request she reads carries the session cookie and none the login form.
#[test]
fn session_ending_attacks_never_show_the_sniffer_the_password() {
    use session_lab::engine::network::Visibility;
    for id in [
        "reuse-after-logout",
        "reuse-after-inactivity",
        "signed-cookie-replay",
    ] {
        let s = scenario(id);
        let r = run(&s, &s.settings(), Seed(7));
        let plain: Vec<&str> = r
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Sniffed { capture } => match &capture.seen {
                    Visibility::Plaintext { wire } => Some(wire.as_str()),
                    Visibility::Encrypted { .. } => None,
                },
                _ => None,
            })
            .collect();
        assert!(
            plain.iter().any(|w| w.contains("Cookie: ")),
            "{id}: the sniffer reads the session cookie"
        );
        assert!(
            !plain.iter().any(|w| w.contains("password=")),
            "{id}: the sniffer read the password"
        );
        let v = r.verdict.expect("an attack");
        assert!(v.attacker_got_in, "{id}: undefended, the copy gets in");
    }
}
