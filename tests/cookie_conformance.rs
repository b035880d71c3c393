//! The IETF http-state cookie parser suite, as real Chromium answered it
//! (`tests/data/http-state-chromium.json`, copied from the shared
//! conformance data; see its `about` field).
//!
//! For every test Chromium answered: with the clock at `observed_at`, the
//! jar receives the `Set-Cookie` lines as one response to a same-site
//! top-level navigation to `set_cookie_url`, then builds the `Cookie` header
//! of a same-site top-level GET to `request_url`. It must be Chromium's
//! header byte for byte (`""`: no header).

use serde::Deserialize;
use session_lab::engine::clock::UnixTime;
use session_lab::engine::cookies::{utc, BlockedReason, CookieJar, RequestContext};
use session_lab::engine::url::Url;

#[derive(Deserialize)]
struct Suite {
    observed_at: String,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    test: String,
    set_cookie_url: String,
    set_cookie: Vec<String>,
    request_url: Option<String>,
    chromium_cookie: Option<String>,
}

fn suite() -> Suite {
    let text = include_str!("data/http-state-chromium.json");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("conformance data: {e}"))
}

/// `2026-11-27T13:26:53Z`
fn parse_rfc3339(s: &str) -> UnixTime {
    let num = |range: std::ops::Range<usize>| -> i64 {
        s.get(range)
            .and_then(|t| t.parse().ok())
            .unwrap_or_else(|| panic!("bad observed_at {s}"))
    };
    let small = |range| u32::try_from(num(range)).unwrap_or(0);
    utc(
        num(0..4),
        small(5..7),
        small(8..10),
        small(11..13),
        small(14..16),
        small(17..19),
    )
    .unwrap_or_else(|| panic!("bad observed_at {s}"))
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn matches_chromium_on_the_http_state_suite() {
    let suite = suite();
    let now = parse_rfc3339(&suite.observed_at);
    let ctx = RequestContext::navigation();
    let mut total = 0;
    let mut failures = Vec::new();
    for case in &suite.tests {
        let Some(expected) = &case.chromium_cookie else {
            continue;
        };
        total += 1;
        let Some(request_url) = &case.request_url else {
            failures.push(format!("{}: no request_url", case.test));
            continue;
        };
        let mut jar = CookieJar::new();
        jar.store_response_cookies(&url(&case.set_cookie_url), &case.set_cookie, &ctx, now);
        let got = jar
            .cookie_header(&url(request_url), &ctx, now)
            .header
            .unwrap_or_default();
        if &got != expected {
            failures.push(format!(
                "{}: {:?}\n    expected {:?}\n    got      {:?}",
                case.test, case.set_cookie, expected, got
            ));
        }
    }
    let passed = total - failures.len();
    println!("conformance: {passed} of {total}");
    assert!(
        failures.is_empty(),
        "conformance: {passed} of {total}; mismatches:\n{}",
        failures.join("\n")
    );
    assert_eq!(total, 221, "the data should hold 221 answered tests");
}

/// Where Chromium refused the whole response (a header held a NUL byte),
/// the jar stores none of its cookies and says why.
#[test]
fn refuses_responses_chromium_refused() {
    let suite = suite();
    let now = parse_rfc3339(&suite.observed_at);
    let ctx = RequestContext::navigation();
    let refused: Vec<&Case> = suite
        .tests
        .iter()
        .filter(|c| c.chromium_cookie.is_none())
        .collect();
    assert!(!refused.is_empty());
    for case in refused {
        let mut jar = CookieJar::new();
        let outcomes =
            jar.store_response_cookies(&url(&case.set_cookie_url), &case.set_cookie, &ctx, now);
        assert_eq!(outcomes.len(), case.set_cookie.len(), "{}", case.test);
        for outcome in &outcomes {
            assert_eq!(
                outcome.reason(),
                Some(BlockedReason::InvalidResponse),
                "{}",
                case.test
            );
        }
        assert!(jar.cookies().is_empty(), "{}", case.test);
    }
}
