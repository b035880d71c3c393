//! No input crashes the page: the `Set-Cookie` parser, the cookie-date
//! parser, the URL parser and the jar itself are fed arbitrary input, and
//! the jar's invariants are checked after every operation.
//!
//! Each property runs a modest number of cases (see `CASES`) so the suite
//! stays fast; `PROPTEST_CASES=N` runs N per property instead (the long run
//! of `scripts/bench --fuzz-long`). None of them rejects an input, so a
//! passing property ran exactly that many cases. Native only: proptest's own
//! randomness has no browser backend here, and the code under test is the
//! same on both targets.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use proptest::test_runner::Config;
use session_lab::engine::clock::{UnixTime, SCENARIO_ORIGIN};
use session_lab::engine::cookies::domain::{path_match, scope_matches};
use session_lab::engine::cookies::parse::{is_disallowed_control, MAX_NAME_VALUE_BYTES};
use session_lab::engine::cookies::{
    format_utc, parse_cookie_date, parse_set_cookie, utc, BlockedReason, CookieJar, Initiator,
    RequestContext, SameSite, SetCookieOutcome,
};
use session_lab::engine::http::Method;
use session_lab::engine::url::Url;
use std::collections::HashSet;

/// Cases per property when `PROPTEST_CASES` is not set. Seven properties:
/// 14,000 cases in all.
const CASES: u32 = 2_000;

fn config() -> Config {
    let cases = common::cases_or(CASES);
    // For the benchmark's count (seen with --nocapture): none of these
    // properties rejects an input, so a passing one ran exactly this many.
    println!("cases per property: {cases}");
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn set_cookie_parser_survives_any_string(line in any::<String>()) {
        if let Ok(c) = parse_set_cookie(&line) {
            prop_assert!(c.name.len() + c.value.len() <= MAX_NAME_VALUE_BYTES);
            prop_assert!(!c.name.is_empty() || !c.value.is_empty());
            prop_assert!(!c.name.chars().chain(c.value.chars()).any(is_disallowed_control));
            prop_assert!(c.path.as_ref().is_none_or(|p| p.len() <= 1024));
        }
    }

    #[test]
    fn set_cookie_parser_survives_any_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        attrs in proptest::collection::vec(
            prop_oneof![
                Just("; Secure"), Just("; HttpOnly"), Just("; Path="), Just("; Domain="),
                Just("; Max-Age="), Just("; Expires="), Just("; SameSite="), Just("="), Just(";"),
            ],
            0..6,
        ),
    ) {
        let mut line = lossy(&bytes);
        for a in attrs {
            line.push_str(a);
            line.push_str(&lossy(&bytes[..bytes.len().min(7)]));
        }
        let _ = parse_set_cookie(&line);
    }

    #[test]
    fn cookie_date_parser_survives_any_string(
        s in any::<String>(),
        digits in "[0-9: ,-]{0,40}",
        t in any::<i64>(),
    ) {
        let _ = format_utc(UnixTime(t));
        let _ = parse_cookie_date(&s);
        let _ = parse_cookie_date(&digits);
        let _ = parse_cookie_date(&format!("{digits} Aug {s}"));
    }

    #[test]
    fn cookie_dates_round_trip(
        year in 1601i64..=9999,
        month in 1u32..=12,
        day in 1u32..=28,
        hour in 0u32..=23,
        minute in 0u32..=59,
        second in 0u32..=59,
    ) {
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let name = MONTHS.get(usize::try_from(month - 1).unwrap_or(0)).copied().unwrap_or("Jan");
        let text = format!("Sun, {day:02} {name} {year} {hour:02}:{minute:02}:{second:02} GMT");
        let parsed = parse_cookie_date(&text);
        prop_assert_eq!(parsed, utc(year, month, day, hour, minute, second));
        let shown = parsed.map(format_utc);
        let want = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC");
        prop_assert_eq!(shown, Some(want));
    }

    #[test]
    fn url_parser_survives_any_string(s in any::<String>()) {
        if let Ok(u) = Url::parse(&s) {
            let again = Url::parse(&u.to_string());
            prop_assert_eq!(again.as_ref(), Ok(&u));
        }
    }

    #[test]
    fn url_parser_round_trips_url_like_strings(
        s in "(https?|HTTP|ftp)://[a-zA-Z0-9._:@\\[\\]-]{0,24}(/[ -~]{0,24})?",
    ) {
        if let Ok(u) = Url::parse(&s) {
            prop_assert!(u.path().starts_with('/'));
            prop_assert_eq!(u.host(), u.host().to_ascii_lowercase());
            let again = Url::parse(&u.to_string());
            prop_assert_eq!(again.as_ref(), Ok(&u));
            let joined = u.join("/x?y=1");
            prop_assert_eq!(joined.map(|j| j.to_string()), Ok(format!("{}/x?y=1", u.origin())));
        }
    }
}

// ---- random jar sessions --------------------------------------------------

const URLS: [&str; 8] = [
    "https://shop.example/",
    "http://shop.example/cart/items",
    "https://www.shop.example/account/login",
    "http://www.shop.example/a/b",
    "https://evil.example/",
    "http://localhost:8080/app",
    "https://alice.github.io/blog",
    "http://10.0.0.1/x",
];

const NAMES: [&str; 7] = [
    "sid",
    "a",
    "",
    "__Host-sid",
    "__Secure-x",
    "__Http-y",
    "__host-z",
];

const ATTRIBUTES: [&str; 20] = [
    "Secure",
    "HttpOnly",
    "Path=/",
    "Path=/cart",
    "Path=/a/b",
    "Path=",
    "Domain=shop.example",
    "Domain=.www.shop.example",
    "Domain=example",
    "Domain=github.io",
    "Max-Age=0",
    "Max-Age=60",
    "Max-Age=-5",
    "Max-Age=99999999999999999999",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Expires=Fri, 31 Dec 9999 23:59:59 GMT",
    "SameSite=None",
    "SameSite=Lax",
    "SameSite=Strict",
    "SameSite=bogus",
];

#[derive(Debug, Clone)]
enum Op {
    Response {
        url: usize,
        lines: Vec<String>,
        ctx: RequestContext,
    },
    Script {
        url: usize,
        line: String,
    },
    Request {
        url: usize,
        ctx: RequestContext,
    },
    Read {
        url: usize,
    },
    Wait {
        ms: i64,
    },
    Evict,
    CloseBrowser,
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (
            0..NAMES.len(),
            "[a-z0-9=\" ]{0,6}",
            proptest::collection::vec(0..ATTRIBUTES.len(), 0..5),
        )
            .prop_map(|(n, v, attrs)| {
                let mut s = match NAMES.get(n) {
                    Some(&"") => v,
                    Some(name) => format!("{name}={v}"),
                    None => v,
                };
                for a in attrs {
                    s.push_str("; ");
                    s.push_str(ATTRIBUTES.get(a).copied().unwrap_or(""));
                }
                s
            }),
        1 => any::<String>(),
    ]
}

fn ctx() -> impl Strategy<Value = RequestContext> {
    (
        prop_oneof![Just(Method::Get), Just(Method::Post), Just(Method::Head)],
        any::<bool>(),
        prop_oneof![Just(Initiator::SameSite), Just(Initiator::CrossSite)],
    )
        .prop_map(|(method, top_level_navigation, initiator)| RequestContext {
            method,
            top_level_navigation,
            initiator,
        })
}

fn op() -> impl Strategy<Value = Op> {
    let url = 0..URLS.len();
    prop_oneof![
        4 => (url.clone(), proptest::collection::vec(line(), 0..4), ctx())
            .prop_map(|(url, lines, ctx)| Op::Response { url, lines, ctx }),
        2 => (url.clone(), line()).prop_map(|(url, line)| Op::Script { url, line }),
        3 => (url.clone(), ctx()).prop_map(|(url, ctx)| Op::Request { url, ctx }),
        1 => url.prop_map(|url| Op::Read { url }),
        2 => (0i64..200_000).prop_map(|ms| Op::Wait { ms }),
        1 => Just(Op::Evict),
        1 => Just(Op::CloseBrowser),
    ]
}

fn the_url(i: usize) -> Url {
    URLS.get(i)
        .and_then(|s| Url::parse(s).ok())
        .unwrap_or_else(|| panic!("test URL {i}"))
}

fn check_jar(jar: &CookieJar) -> Result<(), TestCaseError> {
    let mut keys = HashSet::new();
    let mut last_index = None;
    for c in jar.cookies() {
        let key = (
            c.name.clone(),
            c.domain.clone(),
            c.host_only,
            c.path.clone(),
        );
        prop_assert!(keys.insert(key), "two cookies with one identity: {c:?}");
        prop_assert!(last_index < Some(c.creation_index), "creation order");
        last_index = Some(c.creation_index);
        prop_assert!(c.path.starts_with('/'));
        prop_assert!(!c.domain.starts_with('.'));
        prop_assert!(c.secure || c.same_site != SameSite::None);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_jar_sessions_keep_the_invariants(ops in proptest::collection::vec(op(), 1..25)) {
        let mut jar = CookieJar::new();
        let mut now: UnixTime = SCENARIO_ORIGIN;
        for op in ops {
            match op {
                Op::Response { url, lines, ctx } => {
                    let u = the_url(url);
                    let outcomes = jar.store_response_cookies(&u, &lines, &ctx, now);
                    prop_assert_eq!(outcomes.len(), lines.len());
                    for o in &outcomes {
                        if let SetCookieOutcome::Stored { cookie, .. } = o {
                            prop_assert!(!cookie.secure || u.is_potentially_trustworthy());
                            prop_assert!(scope_matches(&cookie.domain, cookie.host_only, u.host()));
                            prop_assert!(cookie.expires.is_none_or(|e| e > now));
                        }
                    }
                }
                Op::Script { url, line } => {
                    let u = the_url(url);
                    if let SetCookieOutcome::Stored { cookie, .. } = jar.set_document_cookie(&u, &line, now) {
                        prop_assert!(!cookie.http_only);
                    }
                }
                Op::Request { url, ctx } => {
                    let u = the_url(url);
                    let h = jar.cookie_header(&u, &ctx, now);
                    prop_assert_eq!(h.header.is_some(), !h.sent.is_empty());
                    let joined: Vec<String> = h.sent.iter().map(|c| c.pair()).collect();
                    prop_assert_eq!(h.header.clone().unwrap_or_default(), joined.join("; "));
                    for c in &h.sent {
                        prop_assert!(!c.is_expired(now));
                        prop_assert!(scope_matches(&c.domain, c.host_only, u.host()));
                        prop_assert!(path_match(u.path(), &c.path));
                        prop_assert!(!c.secure || u.is_potentially_trustworthy());
                        prop_assert_eq!(c.last_access, now);
                    }
                    for pair in h.sent.windows(2) {
                        if let [a, b] = pair {
                            prop_assert!(
                                a.path.len() > b.path.len()
                                    || (a.path.len() == b.path.len() && a.creation_index < b.creation_index)
                            );
                        }
                    }
                    prop_assert!(jar.cookies().iter().all(|c| !c.is_expired(now)));
                }
                Op::Read { url } => {
                    // Every HttpOnly cookie the page could otherwise see is
                    // hidden from it, for that reason.
                    let u = the_url(url);
                    let read = jar.document_cookie(&u, now);
                    for c in jar.cookies() {
                        let in_reach = c.http_only
                            && !c.is_expired(now)
                            && scope_matches(&c.domain, c.host_only, u.host())
                            && path_match(u.path(), &c.path);
                        if in_reach {
                            prop_assert!(read.hidden.contains(&(c.clone(), BlockedReason::HttpOnly)));
                        }
                    }
                }
                Op::Wait { ms } => now = now.plus_millis(ms),
                Op::Evict => {
                    let gone = jar.evict_expired(now);
                    prop_assert!(gone.iter().all(|c| c.is_expired(now)));
                    prop_assert!(jar.next_expiry().is_none_or(|e| e > now));
                }
                Op::CloseBrowser => {
                    jar.end_browser_session();
                    prop_assert!(jar.cookies().iter().all(|c| c.expires.is_some()));
                }
            }
            check_jar(&jar)?;
        }
    }
}
