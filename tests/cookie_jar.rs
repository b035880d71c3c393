//! The cookie jar as a student would watch it: what is stored, what is sent,
//! and the reason for every cookie that is not.

use session_lab::engine::clock::{UnixTime, SCENARIO_ORIGIN};
use session_lab::engine::cookies::{
    BlockedReason, Cookie, CookieHeader, CookieJar, Initiator, RequestContext, SameSite,
    SetCookieOutcome,
};
use session_lab::engine::http::Method;
use session_lab::engine::url::{is_same_site, Url};

const NOW: UnixTime = SCENARIO_ORIGIN;
const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;
const DAY: i64 = 24 * 60 * MINUTE;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn nav() -> RequestContext {
    RequestContext::navigation()
}

/// One `Set-Cookie` line from a same-site top-level navigation.
fn set(jar: &mut CookieJar, at: &str, line: &str) -> SetCookieOutcome {
    set_in(jar, at, line, &nav(), NOW)
}

fn set_in(
    jar: &mut CookieJar,
    at: &str,
    line: &str,
    ctx: &RequestContext,
    now: UnixTime,
) -> SetCookieOutcome {
    let mut out = jar.store_response_cookies(&url(at), &[line.to_string()], ctx, now);
    out.pop().unwrap_or_else(|| panic!("no outcome for {line}"))
}

fn header(jar: &mut CookieJar, to: &str, ctx: &RequestContext, now: UnixTime) -> CookieHeader {
    jar.cookie_header(&url(to), ctx, now)
}

fn sent(jar: &mut CookieJar, to: &str) -> String {
    header(jar, to, &nav(), NOW).header.unwrap_or_default()
}

fn excluded(h: &CookieHeader) -> Vec<(String, BlockedReason)> {
    h.excluded
        .iter()
        .map(|(c, r)| (c.name.clone(), *r))
        .collect()
}

fn rejected(outcome: &SetCookieOutcome) -> Option<BlockedReason> {
    outcome.reason()
}

fn stored(outcome: &SetCookieOutcome) -> &Cookie {
    match outcome {
        SetCookieOutcome::Stored { cookie, .. } => cookie,
        other => panic!("expected Stored, got {other:?}"),
    }
}

// ---- storing and sending --------------------------------------------------

#[test]
fn a_session_cookie_goes_back_to_its_host() {
    let mut jar = CookieJar::new();
    let c = stored(&set(&mut jar, "https://shop.example/login", "sid=abc123")).clone();
    assert_eq!(c.domain, "shop.example");
    assert!(c.host_only);
    assert_eq!(c.path, "/");
    assert_eq!(c.expires, None);
    assert_eq!(c.same_site, SameSite::Unspecified);
    assert_eq!(sent(&mut jar, "https://shop.example/cart"), "sid=abc123");
    assert_eq!(jar.cookies().len(), 1);
}

#[test]
fn no_cookie_means_no_header() {
    let mut jar = CookieJar::new();
    let h = header(&mut jar, "https://shop.example/", &nav(), NOW);
    assert_eq!(h.header, None);
    assert!(h.sent.is_empty() && h.excluded.is_empty());
}

#[test]
fn sending_updates_last_access() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "sid=1");
    let later = NOW.plus_millis(5 * MINUTE);
    let h = header(&mut jar, "https://shop.example/", &nav(), later);
    assert_eq!(h.sent.first().map(|c| c.last_access), Some(later));
    assert_eq!(jar.cookies().first().map(|c| c.last_access), Some(later));
    assert_eq!(jar.cookies().first().map(|c| c.created), Some(NOW));
}

// ---- one test per reason -------------------------------------------------

#[test]
fn secure_only() {
    let mut jar = CookieJar::new();
    let out = set(&mut jar, "http://shop.example/", "sid=1; Secure");
    assert_eq!(rejected(&out), Some(BlockedReason::SecureOnly));
    assert_eq!(out.name(), Some("sid"));
    stored(&set(&mut jar, "https://shop.example/", "sid=1; Secure"));
    let h = header(&mut jar, "http://shop.example/", &nav(), NOW);
    assert_eq!(h.header, None);
    assert_eq!(
        excluded(&h),
        vec![("sid".into(), BlockedReason::SecureOnly)]
    );
    assert_eq!(sent(&mut jar, "https://shop.example/"), "sid=1");
}

#[test]
fn not_on_path() {
    let mut jar = CookieJar::new();
    set(
        &mut jar,
        "https://shop.example/admin/login",
        "adm=1; Path=/admin",
    );
    let h = header(&mut jar, "https://shop.example/shop", &nav(), NOW);
    assert_eq!(excluded(&h), vec![("adm".into(), BlockedReason::NotOnPath)]);
    assert_eq!(sent(&mut jar, "https://shop.example/admin/users"), "adm=1");
    assert_eq!(sent(&mut jar, "https://shop.example/administrator"), "");
}

#[test]
fn default_path_is_the_directory_of_the_request() {
    let mut jar = CookieJar::new();
    let c = stored(&set(&mut jar, "https://shop.example/account/login", "a=1")).clone();
    assert_eq!(c.path, "/account");
    let c = stored(&set(
        &mut jar,
        "https://shop.example/account/login",
        "b=1; Path=relative",
    ))
    .clone();
    assert_eq!(c.path, "/account");
}

#[test]
fn domain_mismatch_for_host_only_cookies() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "host=1");
    set(
        &mut jar,
        "https://shop.example/",
        "wide=1; Domain=shop.example",
    );
    let h = header(&mut jar, "https://www.shop.example/", &nav(), NOW);
    assert_eq!(h.header.as_deref(), Some("wide=1"));
    assert_eq!(
        excluded(&h),
        vec![("host".into(), BlockedReason::DomainMismatch)]
    );
    // Another site's cookies are not even candidates.
    let h = header(&mut jar, "https://bank.example/", &nav(), NOW);
    assert!(h.excluded.is_empty() && h.header.is_none());
}

#[test]
fn invalid_domain() {
    let mut jar = CookieJar::new();
    for line in [
        "a=1; Domain=bank.example",
        "a=1; Domain=example",
        "a=1; Domain=.example",
        "a=1; Domain=www.shop.example",
        "a=1; Domain=shop.example.",
        "a=1; Domain=sh op.example",
    ] {
        let out = set(&mut jar, "https://shop.example/", line);
        assert_eq!(rejected(&out), Some(BlockedReason::InvalidDomain), "{line}");
    }
    let out = set(&mut jar, "https://shop.example.co.uk/", "a=1; Domain=co.uk");
    assert_eq!(rejected(&out), Some(BlockedReason::InvalidDomain));
    let out = set(
        &mut jar,
        "https://alice.github.io/",
        "a=1; Domain=github.io",
    );
    assert_eq!(rejected(&out), Some(BlockedReason::InvalidDomain));
    let c = stored(&set(
        &mut jar,
        "https://a.shop.example.co.uk/",
        "a=1; Domain=.SHOP.example.co.uk",
    ))
    .clone();
    assert_eq!(
        (c.domain.as_str(), c.host_only),
        ("shop.example.co.uk", false)
    );
    assert!(jar.cookies().len() == 1);
}

#[test]
fn ip_addresses_only_get_host_only_cookies() {
    let mut jar = CookieJar::new();
    let c = stored(&set(&mut jar, "http://10.0.0.7/", "a=1; Domain=10.0.0.7")).clone();
    assert!(c.host_only);
    let out = set(&mut jar, "http://10.0.0.7/", "b=1; Domain=0.0.7");
    assert_eq!(rejected(&out), Some(BlockedReason::InvalidDomain));
}

#[test]
fn same_site_strict() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://bank.example/", "s=1; SameSite=Strict");
    let from_evil = RequestContext::cross_site_navigation(Method::Get);
    let h = header(&mut jar, "https://bank.example/", &from_evil, NOW);
    assert_eq!(
        excluded(&h),
        vec![("s".into(), BlockedReason::SameSiteStrict)]
    );
    let sub = RequestContext::cross_site_subresource(Method::Get);
    let h = header(&mut jar, "https://bank.example/", &sub, NOW);
    assert_eq!(
        excluded(&h),
        vec![("s".into(), BlockedReason::SameSiteStrict)]
    );
    assert_eq!(sent(&mut jar, "https://bank.example/"), "s=1");
    let same = RequestContext::same_site_subresource(Method::Post);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &same, NOW)
            .header
            .as_deref(),
        Some("s=1")
    );
}

#[test]
fn same_site_lax() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://bank.example/", "l=1; SameSite=Lax");
    // A link from another site: a safe top-level navigation carries it.
    let link = RequestContext::cross_site_navigation(Method::Get);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &link, NOW)
            .header
            .as_deref(),
        Some("l=1")
    );
    // A form POST from another site does not.
    let post = RequestContext::cross_site_navigation(Method::Post);
    let h = header(&mut jar, "https://bank.example/transfer", &post, NOW);
    assert_eq!(excluded(&h), vec![("l".into(), BlockedReason::SameSiteLax)]);
    // Nor an image or fetch from another site.
    let img = RequestContext::cross_site_subresource(Method::Get);
    let h = header(&mut jar, "https://bank.example/", &img, NOW);
    assert_eq!(excluded(&h), vec![("l".into(), BlockedReason::SameSiteLax)]);
}

#[test]
fn same_site_unspecified_is_treated_as_lax() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://bank.example/", "u=1");
    let later = NOW.plus_millis(3 * MINUTE);
    let img = RequestContext::cross_site_subresource(Method::Get);
    let h = header(&mut jar, "https://bank.example/", &img, later);
    assert_eq!(
        excluded(&h),
        vec![("u".into(), BlockedReason::SameSiteUnspecifiedTreatedAsLax)]
    );
    let post = RequestContext::cross_site_navigation(Method::Post);
    let h = header(&mut jar, "https://bank.example/", &post, later);
    assert_eq!(
        excluded(&h),
        vec![("u".into(), BlockedReason::SameSiteUnspecifiedTreatedAsLax)]
    );
    let link = RequestContext::cross_site_navigation(Method::Get);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &link, later)
            .header
            .as_deref(),
        Some("u=1")
    );
}

#[test]
fn fresh_unspecified_cookies_ride_cross_site_posts_for_two_minutes() {
    // Chromium's "Lax-allowing-unsafe" exception.
    let mut jar = CookieJar::new();
    set(&mut jar, "https://bank.example/", "u=1");
    let post = RequestContext::cross_site_navigation(Method::Post);
    let soon = NOW.plus_millis(MINUTE);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &post, soon)
            .header
            .as_deref(),
        Some("u=1")
    );
    let late = NOW.plus_millis(2 * MINUTE);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &post, late).header,
        None
    );
    // Not for subresources, and not with the exception switched off.
    let img = RequestContext::cross_site_subresource(Method::Post);
    assert_eq!(
        header(&mut jar, "https://bank.example/", &img, soon).header,
        None
    );
    let mut strict = CookieJar::new().with_lax_allowing_unsafe(false);
    set(&mut strict, "https://bank.example/", "u=1");
    let h = header(&mut strict, "https://bank.example/", &post, soon);
    assert_eq!(
        excluded(&h),
        vec![("u".into(), BlockedReason::SameSiteUnspecifiedTreatedAsLax)]
    );
}

#[test]
fn same_site_none_needs_secure_and_then_goes_everywhere() {
    let mut jar = CookieJar::new();
    let out = set(&mut jar, "https://ads.example/", "n=1; SameSite=None");
    assert_eq!(rejected(&out), Some(BlockedReason::SameSiteNoneInsecure));
    stored(&set(
        &mut jar,
        "https://ads.example/",
        "n=1; SameSite=None; Secure",
    ));
    for ctx in [
        RequestContext::cross_site_subresource(Method::Post),
        RequestContext::cross_site_navigation(Method::Post),
    ] {
        assert_eq!(
            header(&mut jar, "https://ads.example/px", &ctx, NOW)
                .header
                .as_deref(),
            Some("n=1")
        );
    }
}

#[test]
fn cross_site_subresources_cannot_set_lax_or_strict_cookies() {
    let mut jar = CookieJar::new();
    let img = RequestContext::cross_site_subresource(Method::Get);
    let cases = [
        ("u=1", Some(BlockedReason::SameSiteUnspecifiedTreatedAsLax)),
        ("l=1; SameSite=Lax", Some(BlockedReason::SameSiteLax)),
        ("s=1; SameSite=Strict", Some(BlockedReason::SameSiteStrict)),
        ("n=1; SameSite=None; Secure", None),
    ];
    for (line, want) in cases {
        let out = set_in(&mut jar, "https://tracker.example/px", line, &img, NOW);
        assert_eq!(rejected(&out), want, "{line}");
    }
    // A top-level navigation's response may set any, even one another site
    // started (checked against Chromium: a cross-site form POST's response).
    let post = RequestContext::cross_site_navigation(Method::Post);
    let out = set_in(
        &mut jar,
        "https://bank.example/",
        "s=1; SameSite=Strict",
        &post,
        NOW,
    );
    assert!(out.is_stored());
}

#[test]
fn overwrite_secure() {
    let mut jar = CookieJar::new();
    set(
        &mut jar,
        "https://shop.example/",
        "sid=good; Secure; HttpOnly",
    );
    set(
        &mut jar,
        "https://shop.example/",
        "pref=1; Secure; Domain=shop.example; Path=/app",
    );
    let attacker = [
        ("http://shop.example/", "sid=evil"),
        ("http://shop.example/", "sid=evil; Path=/cart"),
        ("http://www.shop.example/", "sid=evil; Domain=shop.example"),
        ("http://shop.example/", "sid=evil; Max-Age=0"),
        ("http://shop.example/", "pref=evil; Path=/app/x"),
        ("http://www.shop.example/", "pref=evil; Path=/app"),
    ];
    for (at, line) in attacker {
        let out = set(&mut jar, at, line);
        assert_eq!(
            rejected(&out),
            Some(BlockedReason::OverwriteSecure),
            "{at} {line}"
        );
    }
    // A path outside the secure cookie's path is not shadowing.
    assert!(set(&mut jar, "http://shop.example/", "pref=other; Path=/").is_stored());
    // Scripts on http:// pages are held to the same rule.
    let out = jar.set_document_cookie(&url("http://shop.example/"), "sid=evil; Path=/x", NOW);
    assert_eq!(rejected(&out), Some(BlockedReason::OverwriteSecure));
    // Over https the site may replace its own cookie.
    let out = set(
        &mut jar,
        "https://shop.example/",
        "sid=new; Secure; HttpOnly",
    );
    assert!(matches!(
        out,
        SetCookieOutcome::Stored {
            replaced: Some(_),
            ..
        }
    ));
    // A new value is a new cookie for ordering (see below).
    assert_eq!(
        sent(&mut jar, "https://shop.example/"),
        "pref=other; sid=new"
    );
}

#[test]
fn invalid_prefix() {
    let mut jar = CookieJar::new();
    let bad = [
        ("https://shop.example/", "__Secure-a=1"),
        ("http://shop.example/", "__Secure-a=1; Secure"),
        ("https://shop.example/", "__Host-a=1; Secure"),
        ("https://shop.example/", "__Host-a=1; Secure; Path=/x"),
        (
            "https://shop.example/",
            "__Host-a=1; Secure; Path=/; Domain=shop.example",
        ),
        ("https://shop.example/", "__host-a=1; Path=/"),
        ("https://shop.example/", "__SECURE-a=1"),
        ("https://shop.example/", "__Http-a=1; Secure"),
        ("https://shop.example/", "__Host-Http-a=1; Secure; Path=/"),
        ("https://shop.example/", "=__Host-a; Secure; Path=/"),
        ("https://shop.example/", "=__secure-a; Secure"),
    ];
    for (at, line) in bad {
        let out = set(&mut jar, at, line);
        let want = if at.starts_with("http:") {
            BlockedReason::SecureOnly
        } else {
            BlockedReason::InvalidPrefix
        };
        assert_eq!(rejected(&out), Some(want), "{at} {line}");
    }
    let good = [
        "__Secure-a=1; Secure",
        "__Host-b=1; Secure; Path=/",
        "__HOST-c=1; Secure; Path=/",
        "__Http-d=1; Secure; HttpOnly",
        "__Host-Http-e=1; Secure; HttpOnly; Path=/",
    ];
    for line in good {
        assert!(
            set(&mut jar, "https://shop.example/", line).is_stored(),
            "{line}"
        );
    }
    // `__Http-` can never come from a script: it needs HttpOnly.
    let out = jar.set_document_cookie(&url("https://shop.example/"), "__Http-f=1; Secure", NOW);
    assert_eq!(rejected(&out), Some(BlockedReason::InvalidPrefix));
    // Without a Secure attribute, a prefixed name from http is a prefix error.
    let out = set(&mut jar, "http://shop.example/", "__Host-x=1; Path=/");
    assert_eq!(rejected(&out), Some(BlockedReason::InvalidPrefix));
}

#[test]
fn disallowed_character() {
    let mut jar = CookieJar::new();
    for line in ["a=b\u{7}c", "a=b; Path=/\u{1b}", "a\u{7f}=b"] {
        let out = set(&mut jar, "https://shop.example/", line);
        assert_eq!(
            rejected(&out),
            Some(BlockedReason::DisallowedCharacter),
            "{line:?}"
        );
    }
    // Chromium 156 (observed) refuses a tab inside the value, trims tabs
    // at either end and keeps an inner space; CR and LF end the line.
    assert_eq!(
        rejected(&set(&mut jar, "https://shop.example/", "t=a\tb")),
        Some(BlockedReason::DisallowedCharacter)
    );
    assert_eq!(
        stored(&set(&mut jar, "https://shop.example/", "t=\tab\t")).value,
        "ab"
    );
    assert_eq!(
        stored(&set(&mut jar, "https://shop.example/", "s=a b")).value,
        "a b"
    );
    assert_eq!(
        stored(&set(&mut jar, "https://shop.example/", "c=ok\r\u{7}junk")).value,
        "ok"
    );
}

#[test]
fn name_value_pair_exceeds_max_size() {
    let mut jar = CookieJar::new();
    let ok = format!("n={}", "v".repeat(4095));
    assert!(set(&mut jar, "https://shop.example/", &ok).is_stored());
    let too_big = format!("n={}", "v".repeat(4096));
    let out = set(&mut jar, "https://shop.example/", &too_big);
    assert_eq!(
        rejected(&out),
        Some(BlockedReason::NameValuePairExceedsMaxSize)
    );
    // An attribute value over 1024 bytes is ignored, not fatal.
    let long_path = format!("p=1; Path=/{}", "x".repeat(1024));
    assert_eq!(
        stored(&set(&mut jar, "https://shop.example/a/b", &long_path)).path,
        "/a"
    );
}

#[test]
fn no_cookie_content_and_syntax_error() {
    let mut jar = CookieJar::new();
    for line in ["", "   ", "=", " = ; Path=/"] {
        let out = set(&mut jar, "https://shop.example/", line);
        assert_eq!(
            rejected(&out),
            Some(BlockedReason::NoCookieContent),
            "{line:?}"
        );
        assert_eq!(out.name(), None);
    }
    let out = set(&mut jar, "https://shop.example/", "=a=b");
    assert_eq!(rejected(&out), Some(BlockedReason::SyntaxError));
    // A line without `=` is a cookie with an empty name.
    let c = stored(&set(&mut jar, "https://shop.example/", "flag")).clone();
    assert_eq!((c.name.as_str(), c.value.as_str()), ("", "flag"));
    assert_eq!(sent(&mut jar, "https://shop.example/"), "flag");
}

#[test]
fn invalid_response_refuses_every_line() {
    let mut jar = CookieJar::new();
    let lines = vec!["a=1".to_string(), "b=2\u{0}x".to_string()];
    let out = jar.store_response_cookies(&url("https://shop.example/"), &lines, &nav(), NOW);
    assert_eq!(out.len(), 2);
    assert!(out
        .iter()
        .all(|o| o.reason() == Some(BlockedReason::InvalidResponse)));
    assert!(jar.cookies().is_empty());
}

// ---- HttpOnly and document.cookie ---------------------------------------------

#[test]
fn scripts_cannot_read_write_or_overwrite_http_only_cookies() {
    let mut jar = CookieJar::new();
    let page = url("https://shop.example/cart");
    set(&mut jar, "https://shop.example/", "sid=secret; HttpOnly");
    set(&mut jar, "https://shop.example/", "theme=dark");
    let read = jar.document_cookie(&page, NOW);
    assert_eq!(read.value, "theme=dark");
    assert_eq!(
        read.hidden
            .iter()
            .map(|(c, r)| (c.name.as_str(), *r))
            .collect::<Vec<_>>(),
        vec![("sid", BlockedReason::HttpOnly)]
    );
    let out = jar.set_document_cookie(&page, "sid=stolen; Path=/", NOW);
    assert_eq!(rejected(&out), Some(BlockedReason::HttpOnly));
    let out = jar.set_document_cookie(&page, "x=1; HttpOnly", NOW);
    assert_eq!(rejected(&out), Some(BlockedReason::HttpOnly));
    // Shadowing with another path is possible: HttpOnly protects the cookie,
    // not the name.
    assert!(jar
        .set_document_cookie(&page, "sid=fixated; Path=/cart", NOW)
        .is_stored());
    assert_eq!(
        sent(&mut jar, "https://shop.example/cart"),
        "sid=fixated; sid=secret; theme=dark"
    );
}

#[test]
fn document_cookie_reads_and_writes_by_the_same_rules() {
    let mut jar = CookieJar::new();
    let page = url("http://shop.example/account/settings");
    let out = jar.set_document_cookie(&page, "lang=en", NOW);
    let c = stored(&out).clone();
    assert_eq!(
        (c.domain.as_str(), c.path.as_str(), c.host_only),
        ("shop.example", "/account", true)
    );
    assert!(jar
        .set_document_cookie(&page, "tz=utc; Path=/", NOW)
        .is_stored());
    let out = jar.set_document_cookie(&page, "s=1; Secure", NOW);
    assert_eq!(rejected(&out), Some(BlockedReason::SecureOnly));
    set(&mut jar, "https://shop.example/", "sec=1; Secure");
    let read = jar.document_cookie(&page, NOW);
    assert_eq!(read.value, "lang=en; tz=utc");
    assert_eq!(
        read.hidden
            .iter()
            .map(|(c, r)| (c.name.as_str(), *r))
            .collect::<Vec<_>>(),
        vec![("sec", BlockedReason::SecureOnly)]
    );
    let elsewhere = jar.document_cookie(&url("http://shop.example/"), NOW);
    assert_eq!(elsewhere.value, "tz=utc");
    // Deleting from a script: an expiry in the past.
    let out = jar.set_document_cookie(&page, "lang=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW);
    assert!(matches!(out, SetCookieOutcome::Removed { ref cookie } if cookie.value == "en"));
    assert_eq!(jar.document_cookie(&page, NOW).value, "tz=utc");
}

// ---- expiry -------------------------------------------------------------

#[test]
fn expiry_deletes_and_is_reported() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "sid=1");
    let out = set(&mut jar, "https://shop.example/", "sid=; Max-Age=0");
    assert!(matches!(out, SetCookieOutcome::Removed { ref cookie } if cookie.value == "1"));
    let out = set(
        &mut jar,
        "https://shop.example/",
        "gone=1; Expires=Thu, 01 Jan 2015 00:00:00 GMT",
    );
    assert_eq!(rejected(&out), Some(BlockedReason::Expired));
    assert!(jar.cookies().is_empty());

    set(&mut jar, "https://shop.example/", "short=1; Max-Age=60");
    set(&mut jar, "https://shop.example/", "long=1; Max-Age=3600");
    assert_eq!(jar.next_expiry(), Some(NOW.plus_millis(MINUTE)));
    let at_expiry = NOW.plus_millis(MINUTE);
    let h = header(&mut jar, "https://shop.example/", &nav(), at_expiry);
    assert_eq!(h.header.as_deref(), Some("long=1"));
    assert_eq!(excluded(&h), vec![("short".into(), BlockedReason::Expired)]);
    assert_eq!(
        jar.cookies().len(),
        1,
        "the request removed the expired cookie"
    );
    let evicted = jar.evict_expired(NOW.plus_millis(3600 * SECOND));
    assert_eq!(
        evicted.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        vec!["long"]
    );
    assert_eq!(jar.next_expiry(), None);
}

#[test]
fn max_age_wins_over_expires_and_lifetimes_are_capped() {
    let mut jar = CookieJar::new();
    let c = stored(&set(
        &mut jar,
        "https://shop.example/",
        "a=1; Max-Age=60; Expires=Thu, 01 Jan 2015 00:00:00 GMT",
    ))
    .clone();
    assert_eq!(c.expires, Some(NOW.plus_millis(MINUTE)));
    let c = stored(&set(
        &mut jar,
        "https://shop.example/",
        "b=1; Max-Age=999999999",
    ))
    .clone();
    assert_eq!(c.expires, Some(NOW.plus_millis(400 * DAY)));
    let c = stored(&set(
        &mut jar,
        "https://shop.example/",
        "c=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
    ))
    .clone();
    assert_eq!(c.expires, Some(NOW.plus_millis(400 * DAY)));
    // A Max-Age that is not a number is ignored: a session cookie.
    let c = stored(&set(&mut jar, "https://shop.example/", "d=1; Max-Age=1e3")).clone();
    assert_eq!(c.expires, None);
}

#[test]
fn closing_the_browser_drops_session_cookies() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "session=1");
    set(
        &mut jar,
        "https://shop.example/",
        "remember=1; Max-Age=86400",
    );
    jar.end_browser_session();
    assert_eq!(sent(&mut jar, "https://shop.example/"), "remember=1");
}

// ---- order ----------------------------------------------------------------

#[test]
fn longer_paths_first_then_older_cookies() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "a=1; Path=/");
    set(&mut jar, "https://shop.example/", "b=1; Path=/cart/items");
    set(&mut jar, "https://shop.example/", "c=1; Path=/cart");
    set(&mut jar, "https://shop.example/", "d=1; Path=/");
    assert_eq!(
        sent(&mut jar, "https://shop.example/cart/items/7"),
        "b=1; c=1; a=1; d=1"
    );
    let names: Vec<&str> = jar.cookies().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["a", "b", "c", "d"],
        "the jar lists cookies in creation order"
    );
}

#[test]
fn a_new_value_is_a_new_cookie_for_ordering() {
    // Checked against Chromium 156: `a=1`, `b=1`, `a=1` sends `a=1; b=1`,
    // but `a=1`, `b=1`, `a=2` sends `b=1; a=2`.
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "a=1");
    set(&mut jar, "https://shop.example/", "b=1");
    let out = set(&mut jar, "https://shop.example/", "a=1; HttpOnly");
    assert!(matches!(
        out,
        SetCookieOutcome::Stored {
            replaced: Some(_),
            ..
        }
    ));
    assert_eq!(sent(&mut jar, "https://shop.example/"), "a=1; b=1");
    set(&mut jar, "https://shop.example/", "a=2");
    assert_eq!(sent(&mut jar, "https://shop.example/"), "b=1; a=2");
    assert_eq!(jar.cookies().len(), 2);
}

#[test]
fn host_only_and_domain_cookies_of_one_name_coexist() {
    let mut jar = CookieJar::new();
    set(&mut jar, "https://shop.example/", "id=host");
    set(
        &mut jar,
        "https://shop.example/",
        "id=domain; Domain=shop.example",
    );
    assert_eq!(jar.cookies().len(), 2);
    assert_eq!(
        sent(&mut jar, "https://shop.example/"),
        "id=host; id=domain"
    );
}

// ---- secure contexts and sites ---------------------------------------------

#[test]
fn localhost_counts_as_secure() {
    // Chromium treats loopback hosts as potentially trustworthy.
    let mut jar = CookieJar::new();
    for host in [
        "http://localhost:8080/",
        "http://app.localhost/",
        "http://127.0.0.1/",
    ] {
        assert!(set(&mut jar, host, "s=1; Secure").is_stored(), "{host}");
        assert_eq!(sent(&mut jar, host), "s=1", "{host}");
    }
    assert_eq!(
        rejected(&set(&mut jar, "http://10.0.0.1/", "s=1; Secure")),
        Some(BlockedReason::SecureOnly)
    );
}

#[test]
fn schemeful_same_site() {
    assert!(is_same_site(
        &url("https://www.shop.example/"),
        &url("https://shop.example/x")
    ));
    assert!(!is_same_site(
        &url("http://shop.example/"),
        &url("https://shop.example/")
    ));
    assert!(!is_same_site(
        &url("https://shop.example/"),
        &url("https://evil.example/")
    ));
    assert_eq!(
        url("https://a.b.shop.example/").site().to_string(),
        "https://shop.example"
    );
    let ctx = RequestContext {
        method: Method::Get,
        top_level_navigation: false,
        initiator: Initiator::CrossSite,
    };
    assert!(ctx.is_cross_site());
}

// ---- reasons and persistence ------------------------------------------------

#[test]
fn every_reason_has_a_name_and_a_sentence() {
    let mut names = std::collections::BTreeSet::new();
    for reason in BlockedReason::ALL {
        assert!(
            names.insert(reason.devtools_name()),
            "{reason:?} name is unique"
        );
        assert!(
            reason.explanation().len() > 40,
            "{reason:?} explains itself"
        );
        assert!(reason.explanation().ends_with('.'));
        assert_eq!(reason.to_string(), reason.devtools_name());
    }
}

#[test]
fn a_jar_survives_a_round_trip_through_json() {
    let mut jar = CookieJar::new();
    set(
        &mut jar,
        "https://shop.example/",
        "sid=1; Secure; HttpOnly; SameSite=Strict; Max-Age=60",
    );
    set(
        &mut jar,
        "https://shop.example/",
        "theme=dark; Domain=shop.example",
    );
    let text = serde_json::to_string(&jar).unwrap_or_else(|e| panic!("{e}"));
    let back: CookieJar = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, jar);
    let u: Url =
        serde_json::from_str("\"https://shop.example/a?b\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u.path(), "/a");
    assert!(serde_json::from_str::<Url>("\"ftp://x\"").is_err());
}
