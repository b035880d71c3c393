//! The cookie lab: a student types `Set-Cookie` lines (and `document.cookie`
//! writes) and the URL that sent them, lets simulated time pass, and asks
//! which cookies a request to another URL would carry.
//!
//! Everything goes through the same [`CookieJar`] the scenarios use, so
//! every answer (stored or not, sent or not, and why) is the engine's. The
//! lab is a pure function, [`run`]: typed text in, a [`CookieLabResult`]
//! out. Typed text is outside input: a bad URL or line becomes a message in
//! the result, never a panic.

use crate::engine::choice::choice_enum;
use crate::engine::clock::{UnixTime, SCENARIO_ORIGIN};
use crate::engine::cookies::{
    BlockedReason, Cookie, CookieJar, Initiator, RequestContext, ScriptRead, SetCookieOutcome,
};
use crate::engine::http::Method;
use crate::engine::url::Url;

/// At most this many lines are read; a pasted novel stays a lesson.
pub const MAX_LINES: usize = 50;

/// The longest wait the lab accepts: 500 days, past the 400-day cap on
/// cookie lifetimes.
pub const MAX_WAIT_SECS: u64 = 500 * 24 * 60 * 60;

choice_enum! {
    /// Who asks the jar for cookies.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Reader {
        /// A top-level navigation: a link, the address bar, a form.
        #[default]
        Navigation = ("nav", "a top-level navigation (link, address bar, form)"),
        /// An image, iframe or `fetch` from a page.
        Subresource = ("sub", "a subresource (image, iframe, fetch)"),
        /// A script on a page at the request URL reads `document.cookie`.
        Script = ("script", "a script: document.cookie"),
    }
}

/// The request methods the lab offers: the two that decide `SameSite=Lax`.
pub const METHODS: [Method; 2] = [Method::Get, Method::Post];

/// What the student typed, already split into fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieLabInput {
    /// One `Set-Cookie` value per line (a `Set-Cookie:` prefix is allowed),
    /// or `document.cookie = "..."` for a script write on that page.
    pub lines: String,
    /// The URL of the response that carried the lines.
    pub response_url: String,
    /// Simulated seconds between storing and the request.
    pub wait_secs: u64,
    /// The URL of the later request (or of the page whose script reads).
    pub request_url: String,
    pub reader: Reader,
    /// Whether the page that starts the request is of the request's site.
    /// For a navigation, the page the link is on.
    pub initiator: Initiator,
    pub method: Method,
}

impl Default for CookieLabInput {
    fn default() -> Self {
        let preset = &PRESETS[0];
        preset.input()
    }
}

/// Where a typed line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSource {
    /// A `Set-Cookie` response header.
    Header,
    /// `document.cookie = ...` in a page at the response URL.
    Script,
}

/// One typed line and what the jar made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineOutcome {
    /// 1-based, as an editor counts.
    pub line_number: usize,
    pub source: LineSource,
    pub outcome: SetCookieOutcome,
}

/// Everything the lab shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CookieLabResult {
    /// Messages about the input (a URL that is not one, too many lines).
    pub problems: Vec<String>,
    pub lines: Vec<LineOutcome>,
    /// When the lines arrived (the scenarios' origin date).
    pub stored_at: UnixTime,
    /// When the request is made.
    pub requested_at: UnixTime,
    /// Cookies whose expiry passed while time went by.
    pub expired: Vec<Cookie>,
    /// The jar at the moment of the request.
    pub jar: Vec<Cookie>,
    /// For a navigation or subresource: the `Cookie` header (`None`: no
    /// header at all), the cookies sent and the ones left out with a reason.
    pub header: Option<Option<String>>,
    pub sent: Vec<Cookie>,
    pub excluded: Vec<(Cookie, BlockedReason)>,
    /// Sent cookies that went only by Chromium's two-minute exception for
    /// cookies without `SameSite` on cross-site top-level POSTs.
    pub lax_allowing_unsafe: Vec<String>,
    /// What a script on a page at the request URL reads.
    pub script: Option<ScriptRead>,
}

/// Splits off a `document.cookie = "..."` write, if the line is one.
fn script_write(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("document.cookie")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim();
    let rest = rest.strip_suffix(';').unwrap_or(rest).trim_end();
    for q in ['"', '\'', '`'] {
        if let Some(inner) = rest.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return Some(inner);
        }
    }
    Some(rest)
}

/// A `Set-Cookie:` prefix, in any case, is dropped.
fn header_value(line: &str) -> &str {
    match line.get(..11) {
        Some(p) if p.eq_ignore_ascii_case("set-cookie:") => line.get(11..).unwrap_or("").trim(),
        _ => line,
    }
}

/// Reads a URL typed by a student; `what` names the field in the message.
fn typed_url(text: &str, what: &str, problems: &mut Vec<String>) -> Option<Url> {
    match Url::parse(text.trim()) {
        Ok(u) => Some(u),
        Err(e) => {
            problems.push(format!("The {what} is not a URL the lab can use: {e}."));
            None
        }
    }
}

/// Runs the lab.
pub fn run(input: &CookieLabInput) -> CookieLabResult {
    let mut result = CookieLabResult {
        stored_at: SCENARIO_ORIGIN,
        requested_at: SCENARIO_ORIGIN,
        ..CookieLabResult::default()
    };
    let mut jar = CookieJar::new();
    let now = SCENARIO_ORIGIN;
    if let Some(from) = typed_url(&input.response_url, "response URL", &mut result.problems) {
        // The response is the page the user navigated to, so it may set any
        // SameSite cookie: a top-level, same-site navigation.
        let ctx = RequestContext::navigation();
        let mut count = 0;
        for (i, raw) in input.lines.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_LINES {
                result
                    .problems
                    .push(format!("Only the first {MAX_LINES} lines are read."));
                break;
            }
            let (source, outcome) = match script_write(line) {
                Some(value) => (
                    LineSource::Script,
                    jar.set_document_cookie(&from, value, now),
                ),
                None => {
                    let value = header_value(line).to_string();
                    let outcome = jar
                        .store_response_cookies(&from, &[value], &ctx, now)
                        .into_iter()
                        .next();
                    match outcome {
                        Some(o) => (LineSource::Header, o),
                        None => continue,
                    }
                }
            };
            result.lines.push(LineOutcome {
                line_number: i + 1,
                source,
                outcome,
            });
        }
    }
    let wait_ms = i64::try_from(input.wait_secs.min(MAX_WAIT_SECS) * 1000).unwrap_or(0);
    let later = now.plus_millis(wait_ms);
    result.requested_at = later;
    result.expired = jar.evict_expired(later);
    result.jar = jar.cookies().to_vec();
    if let Some(to) = typed_url(&input.request_url, "request URL", &mut result.problems) {
        result.script = Some(jar.document_cookie(&to, later));
        if input.reader != Reader::Script {
            let ctx = RequestContext {
                method: input.method,
                top_level_navigation: input.reader == Reader::Navigation,
                initiator: input.initiator,
            };
            let header = jar.cookie_header(&to, &ctx, later);
            result.header = Some(header.header);
            result.sent = header.sent;
            result.excluded = header.excluded;
            result.lax_allowing_unsafe = header.lax_allowing_unsafe;
        }
    }
    result
}

/// A ready-made experiment with the lesson it teaches.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// What to look for, one or two sentences.
    pub lesson: &'static str,
    pub lines: &'static str,
    pub response_url: &'static str,
    pub wait_secs: u64,
    pub request_url: &'static str,
    pub reader: Reader,
    pub initiator: Initiator,
    pub method: Method,
}

impl Preset {
    pub fn input(&self) -> CookieLabInput {
        CookieLabInput {
            lines: self.lines.to_string(),
            response_url: self.response_url.to_string(),
            wait_secs: self.wait_secs,
            request_url: self.request_url.to_string(),
            reader: self.reader,
            initiator: self.initiator,
            method: self.method,
        }
    }
}

/// The presets, in teaching order.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "secure-over-http",
        title: "Secure over http://",
        lesson: "A page served over plain http:// cannot set a Secure cookie, and a Secure cookie never travels over http://.",
        lines: "Set-Cookie: sessionid=s3cr3t; Secure; HttpOnly\nSet-Cookie: theme=dark",
        response_url: "http://shop.example/",
        wait_secs: 0,
        request_url: "http://shop.example/account",
        reader: Reader::Navigation,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
    Preset {
        id: "host-prefix",
        title: "The __Host- rules",
        lesson: "A __Host- cookie must be Secure, for Path=/ and without Domain; break any rule and the browser refuses it.",
        lines: "Set-Cookie: __Host-sid=ok; Secure; Path=/\nSet-Cookie: __Host-a=1; Secure; Path=/; Domain=shop.example\nSet-Cookie: __Host-b=1; Path=/\nSet-Cookie: __Host-c=1; Secure; Path=/account",
        response_url: "https://shop.example/account",
        wait_secs: 0,
        request_url: "https://shop.example/",
        reader: Reader::Navigation,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
    Preset {
        id: "samesite-none-insecure",
        title: "SameSite=None without Secure",
        lesson: "SameSite=None is refused without Secure. With Secure it goes along with another site's request; a cookie without SameSite counts as Lax in Chromium-based browsers (Chrome, Edge) and stays home.",
        lines: "Set-Cookie: a=1; SameSite=None\nSet-Cookie: b=2; SameSite=None; Secure\nSet-Cookie: c=3",
        response_url: "https://shop.example/",
        wait_secs: 0,
        request_url: "https://shop.example/pixel.gif",
        reader: Reader::Subresource,
        initiator: Initiator::CrossSite,
        method: Method::Get,
    },
    Preset {
        id: "sibling-subdomain",
        title: "A domain cookie read by a sibling subdomain",
        lesson: "With Domain=shop.example the cookie login.shop.example sets also goes to its sibling blog.shop.example (both are subdomains of shop.example); without Domain it stays on the host that set it.",
        lines: "Set-Cookie: sso=token; Domain=shop.example; Path=/; Secure\nSet-Cookie: hostonly=1; Path=/; Secure",
        response_url: "https://login.shop.example/",
        wait_secs: 0,
        request_url: "https://blog.shop.example/",
        reader: Reader::Navigation,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
    Preset {
        id: "path-scoping",
        title: "Path scoping",
        lesson: "A cookie goes only to URLs inside its Path. Without a Path attribute, the path is the response URL's directory.",
        lines: "Set-Cookie: a=1; Path=/account\nSet-Cookie: b=2\nSet-Cookie: c=3; Path=/",
        response_url: "https://shop.example/account/settings",
        wait_secs: 0,
        request_url: "https://shop.example/cart",
        reader: Reader::Navigation,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
    Preset {
        id: "max-age-vs-expires",
        title: "Max-Age against Expires",
        lesson: "When both are given, Max-Age wins. Let two minutes pass: the one-minute cookie is gone, the one with a date five minutes ahead stays.",
        lines: "Set-Cookie: short=1; Max-Age=60; Expires=Wed, 01 Jan 2031 00:00:00 GMT\nSet-Cookie: dated=2; Expires=Mon, 02 Mar 2026 09:05:00 GMT\nSet-Cookie: gone=3; Max-Age=0",
        response_url: "https://shop.example/",
        wait_secs: 120,
        request_url: "https://shop.example/",
        reader: Reader::Navigation,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
    Preset {
        id: "httponly-from-script",
        title: "An HttpOnly cookie written from a script",
        lesson: "A script can neither read, overwrite nor create an HttpOnly cookie; it sees only the others.",
        lines: "Set-Cookie: sessionid=s3cr3t; HttpOnly; Path=/\ndocument.cookie = \"sessionid=stolen; path=/\"\ndocument.cookie = \"pref=1; HttpOnly\"\ndocument.cookie = \"note=hello; path=/\"",
        response_url: "https://shop.example/",
        wait_secs: 0,
        request_url: "https://shop.example/",
        reader: Reader::Script,
        initiator: Initiator::SameSite,
        method: Method::Get,
    },
];

pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(r: &CookieLabResult) -> Vec<Option<BlockedReason>> {
        r.lines.iter().map(|l| l.outcome.reason()).collect()
    }

    fn names(cookies: &[Cookie]) -> Vec<&str> {
        cookies.iter().map(|c| c.name.as_str()).collect()
    }

    fn run_preset(id: &str) -> CookieLabResult {
        run(&preset(id).expect("preset exists").input())
    }

    #[test]
    fn secure_over_http_is_refused() {
        let r = run_preset("secure-over-http");
        assert_eq!(reasons(&r), vec![Some(BlockedReason::SecureOnly), None]);
        assert_eq!(r.header, Some(Some("theme=dark".into())));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn host_prefix_rules() {
        let r = run_preset("host-prefix");
        assert_eq!(
            reasons(&r),
            vec![
                None,
                Some(BlockedReason::InvalidPrefix),
                Some(BlockedReason::InvalidPrefix),
                Some(BlockedReason::InvalidPrefix)
            ]
        );
        assert_eq!(names(&r.jar), vec!["__Host-sid"]);
    }

    #[test]
    fn samesite_none_needs_secure_and_lax_stays_home() {
        let r = run_preset("samesite-none-insecure");
        assert_eq!(
            reasons(&r),
            vec![Some(BlockedReason::SameSiteNoneInsecure), None, None]
        );
        assert_eq!(names(&r.sent), vec!["b"]);
        assert_eq!(
            r.excluded
                .iter()
                .map(|(c, why)| (c.name.as_str(), *why))
                .collect::<Vec<_>>(),
            vec![("c", BlockedReason::SameSiteUnspecifiedTreatedAsLax)]
        );
    }

    /// A cookie without SameSite goes with another site's top-level POST
    /// for its first two minutes only, and the lab says why it went.
    #[test]
    fn no_samesite_rides_a_cross_site_post_for_two_minutes() {
        let input = |wait_secs, line: &str| CookieLabInput {
            lines: line.into(),
            response_url: "https://shop.example/".into(),
            wait_secs,
            request_url: "https://shop.example/transfer".into(),
            reader: Reader::Navigation,
            initiator: Initiator::CrossSite,
            method: Method::Post,
        };
        let fresh = run(&input(30, "sid=1"));
        assert_eq!(names(&fresh.sent), vec!["sid"]);
        assert_eq!(fresh.lax_allowing_unsafe, vec!["sid".to_string()]);
        let later = run(&input(180, "sid=1"));
        assert!(later.sent.is_empty() && later.lax_allowing_unsafe.is_empty());
        assert_eq!(
            later.excluded[0].1,
            BlockedReason::SameSiteUnspecifiedTreatedAsLax
        );
        // Said Lax, it never rides: the exception is for the default only.
        let lax = run(&input(30, "sid=1; SameSite=Lax"));
        assert!(lax.sent.is_empty() && lax.lax_allowing_unsafe.is_empty());
    }

    #[test]
    fn sibling_subdomain_gets_only_the_domain_cookie() {
        let r = run_preset("sibling-subdomain");
        assert_eq!(names(&r.sent), vec!["sso"]);
        assert_eq!(r.excluded.len(), 1);
        assert_eq!(r.excluded[0].1, BlockedReason::DomainMismatch);
    }

    #[test]
    fn path_scoping() {
        let r = run_preset("path-scoping");
        assert_eq!(names(&r.sent), vec!["c"]);
        assert!(r
            .excluded
            .iter()
            .all(|(_, why)| *why == BlockedReason::NotOnPath));
        assert_eq!(r.excluded.len(), 2);
    }

    #[test]
    fn max_age_beats_expires_and_time_passes() {
        let r = run_preset("max-age-vs-expires");
        assert_eq!(names(&r.expired), vec!["short"]);
        assert_eq!(names(&r.jar), vec!["dated"]);
        assert_eq!(r.header, Some(Some("dated=2".into())));
        // Max-Age=0 is a cookie already expired on arrival.
        assert_eq!(reasons(&r)[2], Some(BlockedReason::Expired));
    }

    #[test]
    fn scripts_cannot_touch_httponly() {
        let r = run_preset("httponly-from-script");
        assert_eq!(
            reasons(&r),
            vec![
                None,
                Some(BlockedReason::HttpOnly),
                Some(BlockedReason::HttpOnly),
                None
            ]
        );
        assert_eq!(r.lines[1].source, LineSource::Script);
        let script = r.script.expect("a script read");
        assert_eq!(script.value, "note=hello");
        assert_eq!(script.hidden[0].1, BlockedReason::HttpOnly);
        assert_eq!(r.header, None);
    }

    #[test]
    fn bad_input_is_a_message() {
        let r = run(&CookieLabInput {
            lines: "\n\u{0}\n=\n;;;\n".into(),
            response_url: "ftp://nope".into(),
            wait_secs: u64::MAX,
            request_url: "not a url".into(),
            ..CookieLabInput::default()
        });
        assert_eq!(r.problems.len(), 2);
        assert!(r.lines.is_empty());

        let r = run(&CookieLabInput {
            lines: "a=1\n\u{0}\n=\n;;;\nset-cookie:   b=2\n".repeat(30),
            ..CookieLabInput::default()
        });
        assert_eq!(r.lines.len(), MAX_LINES);
        assert!(r.problems[0].contains("first"));
        assert!(r.lines.iter().any(|l| l.outcome.reason().is_some()));
    }

    #[test]
    fn script_lines_are_recognised() {
        assert_eq!(script_write("document.cookie = \"a=1\";"), Some("a=1"));
        assert_eq!(script_write("document.cookie='a=1'"), Some("a=1"));
        assert_eq!(script_write("document.cookie = a=1"), Some("a=1"));
        assert_eq!(script_write("a=1"), None);
        assert_eq!(header_value("SET-COOKIE: a=1"), "a=1");
        assert_eq!(header_value("a"), "a");
    }
}
