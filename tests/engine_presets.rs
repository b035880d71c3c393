//! Each framework preset yields the defaults its documentation gives, each
//! assertion beside the source it checks (the URLs are the preset's own
//! `sources`), and a preset changes what the engine computes: Django's
//! new key at login keeps a fixation out that PHP's defaults let in.

mod common;
use common::runs::scenario;
use session_lab::engine::rng::Seed;
use session_lab::engine::run;
use session_lab::engine::server::presets::{find, Preset, PRESETS};
use session_lab::engine::server::settings::{
    CookieLifetime, HstsPolicy, Minutes, SameSitePolicy, SessionStart, SessionState, Settings,
    StoreKind,
};

fn preset(id: &str) -> &'static Preset {
    find(id).unwrap_or_else(|| panic!("no preset {id}"))
}

fn settings(id: &str) -> Settings {
    preset(id).settings()
}

/// Every source a preset cites is a documentation address.
#[test]
fn every_preset_cites_its_sources() {
    for p in PRESETS {
        assert!(!p.sources.is_empty(), "{}", p.name);
        for (what, url) in p.sources {
            assert!(!what.is_empty(), "{}", p.name);
            assert!(url.starts_with("https://"), "{}: {url}", p.name);
        }
    }
    for (i, a) in PRESETS.iter().enumerate() {
        for b in &PRESETS[i + 1..] {
            assert_ne!(a.id, b.id);
            assert_ne!(a.name, b.name);
        }
    }
}

#[test]
fn php_8() {
    let s = settings("php");
    // https://www.php.net/manual/en/session.configuration.php
    assert_eq!(s.cookie.name, "PHPSESSID"); // session.name "PHPSESSID"
    assert!(!s.cookie.http_only); // session.cookie_httponly "0"
    assert!(!s.cookie.secure); // session.cookie_secure "0"
    assert_eq!(s.cookie.same_site, SameSitePolicy::Unspecified); // session.cookie_samesite ""
    assert_eq!(s.cookie.lifetime, CookieLifetime::BrowserSession); // session.cookie_lifetime "0"
    assert_eq!(s.server.idle_timeout, Some(Minutes(24))); // session.gc_maxlifetime "1440" (GC, see notes)
    assert!(!s.server.accept_id_from_url); // session.use_only_cookies "1", use_trans_sid "0"
                                           // https://www.php.net/manual/en/session.security.ini.php: "It is disabled by default."
    assert!(!s.server.strict_mode);
    // https://www.php.net/manual/en/function.session-regenerate-id.php: the code calls it.
    assert!(!s.server.regenerate_on_login);
    assert_eq!(s.server.session_start, SessionStart::Eager);
    assert_eq!(s.server.session_state, SessionState::ServerStore);
    assert_eq!(s.server.store_kind, StoreKind::Files); // session.save_handler "files"
    assert!(!s.application.csrf_token);
    // PHP's defaults are the lab's own, but for the cookie's name and the
    // store (the lab's own keeps sessions in memory).
    let mut lab = Settings::default();
    lab.cookie.name = "PHPSESSID".into();
    lab.server.store_kind = StoreKind::Files;
    assert_eq!(s, lab);
}

#[test]
fn express_session() {
    let s = settings("express");
    // https://github.com/expressjs/session#options
    assert_eq!(s.cookie.name, "connect.sid"); // name: "connect.sid"
                                              // cookie: { path: '/', httpOnly: true, secure: false, maxAge: null }
    assert!(s.cookie.http_only);
    assert!(!s.cookie.secure);
    assert_eq!(s.cookie.path, "/");
    assert_eq!(s.cookie.lifetime, CookieLifetime::BrowserSession);
    assert_eq!(s.cookie.same_site, SameSitePolicy::Unspecified); // cookie.sameSite: not set
    assert_eq!(s.server.session_start, SessionStart::Eager); // saveUninitialized: true
    assert!(!s.server.regenerate_on_login); // req.session.regenerate() is the code's call
    assert_eq!(s.server.idle_timeout, None); // MemoryStore, no maxAge: kept until restart
                                             // https://github.com/expressjs/session/blob/master/index.js: a session
                                             // the store does not have is generate()d with a new genid() ID.
    assert!(s.server.strict_mode);
    assert!(!s.server.accept_id_from_url);
    assert!(!s.application.csrf_token); // no CSRF protection in express-session
}

#[test]
fn django_5() {
    let s = settings("django");
    // https://docs.djangoproject.com/en/5.0/ref/settings/#sessions
    assert_eq!(s.cookie.name, "sessionid"); // SESSION_COOKIE_NAME
    assert!(s.cookie.http_only); // SESSION_COOKIE_HTTPONLY = True
    assert!(!s.cookie.secure); // SESSION_COOKIE_SECURE = False
    assert_eq!(s.cookie.same_site, SameSitePolicy::Lax); // SESSION_COOKIE_SAMESITE = 'Lax'
    assert_eq!(
        s.cookie.lifetime,
        CookieLifetime::Persistent {
            max_age_secs: 1_209_600 // SESSION_COOKIE_AGE, two weeks
        }
    );
    // https://docs.djangoproject.com/en/5.0/topics/http/sessions/:
    // login() calls cycle_key(); a session is saved when modified.
    assert!(s.server.regenerate_on_login);
    assert_eq!(s.server.session_start, SessionStart::Lazy);
    // backends/db.py: a key the store does not have is dropped, a new one made.
    assert!(s.server.strict_mode);
    assert_eq!(s.server.session_state, SessionState::ServerStore);
    assert_eq!(s.server.store_kind, StoreKind::Database); // SESSION_ENGINE: backends.db
                                                          // https://docs.djangoproject.com/en/5.0/ref/csrf/: the middleware is on by default.
    assert!(s.application.csrf_token);
}

#[test]
fn rails_8() {
    let s = settings("rails");
    // https://api.rubyonrails.org/classes/ActionDispatch/Session/CookieStore.html:
    // "This cookie-based session store is the Rails default", key "_your_app_session".
    assert_eq!(s.server.session_state, SessionState::SignedCookie);
    assert_eq!(s.cookie.name, "_shop_session");
    assert!(s.cookie.http_only);
    // https://guides.rubyonrails.org/configuring.html: cookies_same_site_protection :lax;
    // force_ssl (on in the generated production.rb): Secure cookies and HSTS.
    assert_eq!(s.cookie.same_site, SameSitePolicy::Lax);
    assert!(s.cookie.secure);
    assert_eq!(s.transport.hsts, HstsPolicy::On);
    assert_eq!(s.cookie.lifetime, CookieLifetime::BrowserSession);
    // https://guides.rubyonrails.org/security.html: protect_from_forgery by
    // default; reset_session at login is left to the application.
    assert!(s.application.csrf_token);
    assert!(!s.server.regenerate_on_login);
    assert_eq!(s.server.session_start, SessionStart::Lazy);
}

#[test]
fn spring_boot() {
    let s = settings("spring-boot");
    assert_eq!(s.cookie.name, "JSESSIONID");
    // https://docs.spring.io/spring-boot/appendix/application-properties/index.html
    assert_eq!(s.server.idle_timeout, Some(Minutes(30))); // server.servlet.session.timeout = 30m
    assert!(!s.cookie.secure); // server.servlet.session.cookie.secure: unset
                               // https://tomcat.apache.org/tomcat-10.1-doc/config/context.html: useHttpOnly true,
                               // validateClientProvidedNewSessionId true (an unknown ID is not adopted).
    assert!(s.cookie.http_only);
    assert!(s.server.strict_mode);
    // https://tomcat.apache.org/tomcat-10.1-doc/config/cookie-processor.html: sameSiteCookies unset.
    assert_eq!(s.cookie.same_site, SameSitePolicy::Unspecified);
    assert_eq!(s.cookie.lifetime, CookieLifetime::BrowserSession);
    // https://docs.spring.io/spring-security/reference/servlet/authentication/session-management.html:
    // changeSessionId at authentication; sessions created IF_REQUIRED.
    assert!(s.server.regenerate_on_login);
    assert_eq!(s.server.session_start, SessionStart::Lazy);
    // https://docs.spring.io/spring-security/reference/servlet/exploits/csrf.html
    assert!(s.application.csrf_token);
    assert!(!s.server.accept_id_from_url);
}

#[test]
fn aspnet_core() {
    let s = settings("aspnet-core");
    // https://github.com/dotnet/aspnetcore/blob/main/src/Middleware/Session/src/SessionOptions.cs
    assert_eq!(s.cookie.name, ".AspNetCore.Session");
    assert!(s.cookie.http_only); // HttpOnly = true
    assert!(!s.cookie.secure); // SecurePolicy = CookieSecurePolicy.None
    assert_eq!(s.cookie.same_site, SameSitePolicy::Lax); // SameSite = Lax
    assert_eq!(s.cookie.lifetime, CookieLifetime::BrowserSession); // Expiration: null
    assert_eq!(s.server.idle_timeout, Some(Minutes(20))); // IdleTimeout = 20 minutes
                                                          // https://learn.microsoft.com/en-us/aspnet/core/fundamentals/app-state:
                                                          // empty sessions are not kept; an expired session's cookie gets a new
                                                          // session under the same cookie.
    assert_eq!(s.server.session_start, SessionStart::Lazy);
    assert!(!s.server.strict_mode);
    assert!(!s.server.regenerate_on_login);
    // https://learn.microsoft.com/en-us/aspnet/core/security/anti-request-forgery
    assert!(s.application.csrf_token);
}

/// A preset replaces what it names and keeps the rest of the scenario.
#[test]
fn a_preset_keeps_what_it_does_not_name() {
    let s = scenario("hijack-xss");
    let base = s.settings();
    let django = preset("django").apply_to(base.clone());
    assert_eq!(
        django.application.search_output,
        base.application.search_output
    );
    assert_eq!(django.browser, base.browser);
}

/// Session fixation by cookie tossing gets in on PHP's defaults. On
/// Django's the attacker's own visit to the home page stores nothing, so
/// the shop issues them no ID to toss (lazy start); a shop that starts
/// sessions on every page still keeps them out by cycle_key() at login,
/// and only with that off too do they get in. Computed by the engine.
#[test]
fn django_keeps_the_tossed_id_out_php_lets_it_in() {
    use session_lab::engine::server::knob::Knob;
    use session_lab::engine::verdict::VerdictReason;
    let s = scenario("fixation-cookie-tossing");
    let verdict = |settings: Settings| {
        run(&s, &settings, Seed(7))
            .verdict
            .expect("an attack has a verdict")
    };
    let django = preset("django").apply_to(s.settings());
    assert!(verdict(preset("php").apply_to(s.settings())).attacker_got_in);
    assert!(verdict(preset("express").apply_to(s.settings())).attacker_got_in);
    let shipped = verdict(django.clone());
    assert!(!shipped.attacker_got_in);
    assert_eq!(shipped.reason, VerdictReason::NoIdLearned);
    let eager = django.with(&[Knob::SessionStart(SessionStart::Eager)]);
    let cycled = verdict(eager.clone());
    assert!(!cycled.attacker_got_in, "{:?}", cycled.reason);
    assert_eq!(format!("{:?}", cycled.reason), "SessionEnded(Regenerated)");
    assert!(verdict(eager.with(&[Knob::RegenerateOnLogin(false)])).attacker_got_in);
}

/// Which attacks each preset lets in, for reading with `--nocapture`.
#[test]
fn print_attacks_by_preset() {
    for s in session_lab::engine::scenario::catalog::catalog() {
        if s.goal.is_none() {
            continue;
        }
        let row: Vec<String> = PRESETS
            .iter()
            .map(|p| {
                let v = run(&s, &p.apply_to(s.settings()), Seed(7)).verdict;
                format!("{}={}", p.id, v.is_some_and(|v| v.attacker_got_in))
            })
            .collect();
        println!("{}: {}", s.id, row.join(" "));
    }
}

/// Django starts a session lazily, at login, and login() cycles its key: on
/// a session that has none yet, cycle_key() makes one key, so the login
/// response sets one sessionid, not one and its replacement.
#[test]
fn django_issues_one_id_at_login() {
    use session_lab::engine::event::EventKind;
    use session_lab::engine::server::decision::Decision;
    let s = scenario("login");
    let r = run(
        &s,
        &preset("django").apply_to(s.settings()),
        Seed::default(),
    );
    let decisions: Vec<&Decision> = r
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Server { decision } => Some(decision),
            _ => None,
        })
        .collect();
    let created = decisions
        .iter()
        .filter(|d| matches!(d, Decision::SessionCreated { .. }))
        .count();
    assert_eq!(created, 1, "one session, created at login");
    assert!(
        !decisions
            .iter()
            .any(|d| matches!(d, Decision::SessionRegenerated { .. })),
        "a key made at login is not replaced in the same response"
    );
}
