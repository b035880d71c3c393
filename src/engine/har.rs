//! Exports of a run: its simulated traffic as a HAR 1.2 file (what browser
//! developer tools save from their Network panel, so students can open it
//! in the tools they will use at work), and its event log as JSON.
//!
//! Both are written by hand with a small escaping writer rather than with
//! `serde_json`: the page stays tens of kilobytes lighter, and the formats
//! are fixed here, field by field, where a reviewer can read them.
//!
//! HAR times come from the simulated clock: `startedDateTime` is the
//! scenarios' origin date plus the request's [`crate::engine::clock::SimTime`],
//! and `time` is how long the simulated exchange took.

use crate::engine::clock::{SimTime, SCENARIO_ORIGIN};
use crate::engine::cookies::{parse_set_cookie, Cookie, SetCookieOutcome};
use crate::engine::event::{Actor, Event, EventKind};
use crate::engine::http::{HttpRequest, HttpResponse};
use crate::engine::network::Party;
use crate::engine::world::Run;

/// Appends `s` as a JSON string, quotes included.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters, and the two line separators JavaScript
            // once refused inside strings.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A tiny writer for JSON objects and arrays: it keeps track of commas.
struct Json {
    out: String,
    /// Whether the innermost open object or array already has a member.
    has_member: Vec<bool>,
}

impl Json {
    fn new() -> Self {
        Json {
            out: String::new(),
            has_member: Vec::new(),
        }
    }

    fn separator(&mut self) {
        if let Some(has) = self.has_member.last_mut() {
            if *has {
                self.out.push(',');
            }
            *has = true;
        }
    }

    fn key(&mut self, k: &str) {
        self.separator();
        push_str(&mut self.out, k);
        self.out.push(':');
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
        self.has_member.push(false);
    }

    fn close(&mut self, c: char) {
        self.out.push(c);
        self.has_member.pop();
    }

    /// `"k": {` ... use [`Json::end`] to close.
    fn object(&mut self, k: &str) {
        self.key(k);
        self.open('{');
    }

    fn array(&mut self, k: &str) {
        self.key(k);
        self.open('[');
    }

    /// An object as the next element of an array.
    fn item(&mut self) {
        self.separator();
        self.open('{');
    }

    fn end(&mut self) {
        self.close('}');
    }

    fn end_array(&mut self) {
        self.close(']');
    }

    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        push_str(&mut self.out, v);
    }

    fn num(&mut self, k: &str, v: i64) {
        self.key(k);
        self.out.push_str(&v.to_string());
    }

    fn bool(&mut self, k: &str, v: bool) {
        self.key(k);
        self.out.push_str(if v { "true" } else { "false" });
    }

    fn null(&mut self, k: &str) {
        self.key(k);
        self.out.push_str("null");
    }

    /// `[{"name": .., "value": ..}, ...]`
    fn pairs(&mut self, k: &str, pairs: &[(String, String)]) {
        self.array(k);
        for (n, v) in pairs {
            self.item();
            self.str("name", n);
            self.str("value", v);
            self.end();
        }
        self.end_array();
    }
}

/// A simulated moment as ISO 8601 with milliseconds:
/// `2026-03-02T09:00:01.025Z`.
pub fn iso_time(t: SimTime) -> String {
    SCENARIO_ORIGIN
        .plus_millis(i64::try_from(t.millis()).unwrap_or(i64::MAX))
        .iso8601()
}

/// The size of a message's head in its wire format: everything before the
/// body, blank line included.
fn head_size(wire: &str) -> i64 {
    wire.find("\r\n\r\n")
        .map(|i| i as i64 + 4)
        .unwrap_or(wire.len() as i64)
}

fn query_pairs(request: &HttpRequest) -> Vec<(String, String)> {
    request
        .url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            (n.to_string(), v.to_string())
        })
        .collect()
}

fn request_headers(request: &HttpRequest) -> Vec<(String, String)> {
    let host = match request.url.port() {
        Some(p) => format!("{}:{p}", request.url.host()),
        None => request.url.host().to_string(),
    };
    let mut headers = vec![("Host".to_string(), host)];
    headers.extend(request.headers.iter().cloned());
    if !request.body.is_empty() {
        headers.push(("Content-Length".into(), request.body.len().to_string()));
    }
    headers
}

fn response_headers(response: &HttpResponse) -> Vec<(String, String)> {
    let mut headers = response.headers.clone();
    headers.push(("Content-Length".into(), response.body.len().to_string()));
    headers
}

fn write_request(j: &mut Json, request: &HttpRequest, wire: &str, sent: &[Cookie]) {
    j.object("request");
    j.str("method", request.method.as_str());
    j.str("url", &request.url.to_string());
    j.str("httpVersion", "HTTP/1.1");
    let cookies: Vec<(String, String)> = sent
        .iter()
        .map(|c| (c.name.clone(), c.value.clone()))
        .collect();
    j.pairs("cookies", &cookies);
    j.pairs("headers", &request_headers(request));
    j.pairs("queryString", &query_pairs(request));
    if !request.body.is_empty() {
        j.object("postData");
        j.str(
            "mimeType",
            request
                .header("Content-Type")
                .unwrap_or("application/x-www-form-urlencoded"),
        );
        j.str("text", &request.body);
        j.end();
    }
    j.num("headersSize", head_size(wire));
    j.num("bodySize", request.body.len() as i64);
    j.end();
}

fn write_response(j: &mut Json, response: Option<(&HttpResponse, &str)>) {
    j.object("response");
    let Some((response, wire)) = response else {
        // No answer (nothing listens at that address): HAR's convention
        // for a failed request.
        j.num("status", 0);
        j.str("statusText", "");
        j.str("httpVersion", "");
        j.array("cookies");
        j.end_array();
        j.array("headers");
        j.end_array();
        j.object("content");
        j.num("size", 0);
        j.str("mimeType", "x-unknown");
        j.end();
        j.str("redirectURL", "");
        j.num("headersSize", -1);
        j.num("bodySize", -1);
        j.end();
        return;
    };
    j.num("status", i64::from(response.status));
    j.str("statusText", &response.reason);
    j.str("httpVersion", "HTTP/1.1");
    j.array("cookies");
    for line in response.set_cookie_lines() {
        // A line the browser would refuse still appears, as it was sent.
        let Ok(c) = parse_set_cookie(&line) else {
            continue;
        };
        j.item();
        j.str("name", &c.name);
        j.str("value", &c.value);
        if let Some(p) = &c.path {
            j.str("path", p);
        }
        if let Some(d) = &c.domain {
            j.str("domain", d);
        }
        if c.http_only {
            j.bool("httpOnly", true);
        }
        if c.secure {
            j.bool("secure", true);
        }
        j.end();
    }
    j.end_array();
    j.pairs("headers", &response_headers(response));
    j.object("content");
    j.num("size", response.body.len() as i64);
    j.str(
        "mimeType",
        response.header("Content-Type").unwrap_or("x-unknown"),
    );
    j.str("text", &response.body);
    j.end();
    j.str("redirectURL", response.header("Location").unwrap_or(""));
    j.num("headersSize", head_size(wire));
    j.num("bodySize", response.body.len() as i64);
    j.end();
}

fn party_name(p: Party) -> &'static str {
    p.label()
}

/// The run's traffic as a HAR 1.2 document: one entry per request, with
/// its response, in the order the requests were sent.
pub fn har(run: &Run, title: &str) -> String {
    let mut j = Json::new();
    j.open('{');
    j.object("log");
    j.str("version", "1.2");
    j.object("creator");
    j.str("name", "Session Lab");
    j.str("version", env!("CARGO_PKG_VERSION"));
    j.end();
    j.str(
        "comment",
        &format!("{title}: simulated traffic, times from the simulation's clock."),
    );
    j.array("entries");
    for event in &run.events {
        let EventKind::Request {
            exchange,
            party,
            request,
            wire,
            sent,
            ..
        } = &event.kind
        else {
            continue;
        };
        let answer = run.events.iter().find_map(|e| match &e.kind {
            EventKind::Response {
                exchange: x,
                response,
                wire,
                ..
            } if x == exchange => Some((e.time, response, wire.as_str())),
            _ => None,
        });
        let took = answer
            .map(|(t, ..)| t.since(event.time) as i64)
            .unwrap_or(0);
        j.item();
        j.str("startedDateTime", &iso_time(event.time));
        j.num("time", took);
        write_request(&mut j, request, wire, sent);
        write_response(&mut j, answer.map(|(_, r, w)| (r, w)));
        j.object("cache");
        j.end();
        j.object("timings");
        j.num("send", 0);
        j.num("wait", took);
        j.num("receive", 0);
        j.end();
        j.str("comment", &format!("Sent by {}", party_name(*party)));
        j.end();
    }
    j.end_array();
    j.end();
    j.close('}');
    j.out
}

fn actor_name(a: Actor) -> &'static str {
    match a {
        Actor::Victim => "victim",
        Actor::Server => "server",
        Actor::Attacker => "attacker",
        Actor::Network => "network",
    }
}

/// The name of an event's kind, as the JSON export writes it. Every kind
/// is named, so a new kind does not compile until it has its name here.
fn kind_name(k: &EventKind) -> &'static str {
    match k {
        EventKind::ClockAdvanced { .. } => "ClockAdvanced",
        EventKind::Request { .. } => "Request",
        EventKind::Response { .. } => "Response",
        EventKind::Server { .. } => "Server",
        EventKind::CookiesProcessed { .. } => "CookiesProcessed",
        EventKind::CookiesExpired { .. } => "CookiesExpired",
        EventKind::BrowserClosed { .. } => "BrowserClosed",
        EventKind::NetworkChanged { .. } => "NetworkChanged",
        EventKind::HstsUpgrade { .. } => "HstsUpgrade",
        EventKind::HstsNoted { .. } => "HstsNoted",
        EventKind::ConnectionFailed { .. } => "ConnectionFailed",
        EventKind::HttpsUpgrade { .. } => "HttpsUpgrade",
        EventKind::HttpsFallback { .. } => "HttpsFallback",
        EventKind::HttpsFirstWarning { .. } => "HttpsFirstWarning",
        EventKind::HttpsBlocked => "HttpsBlocked",
        EventKind::ListeningStarted => "ListeningStarted",
        EventKind::Sniffed { .. } => "Sniffed",
        EventKind::ScriptRan { .. } => "ScriptRan",
        EventKind::ScriptInert { .. } => "ScriptInert",
        EventKind::AttackerLearned { .. } => "AttackerLearned",
        EventKind::LinkSent { .. } => "LinkSent",
        EventKind::PagePublished { .. } => "PagePublished",
        EventKind::CookiePasted { .. } => "CookiePasted",
        EventKind::NothingToReplay => "NothingToReplay",
        EventKind::CookieDecoded { .. } => "CookieDecoded",
        EventKind::UserAgentCopied { .. } => "UserAgentCopied",
        EventKind::LoggedOutBySideEffect { .. } => "LoggedOutBySideEffect",
        EventKind::Guessed { .. } => "Guessed",
        EventKind::ActFailed { .. } => "ActionFailed",
        EventKind::Verdict { .. } => "Verdict",
    }
}

/// What a run's scenario and settings were, for the JSON export's head.
pub struct LogHead<'a> {
    pub scenario: &'a str,
    pub title: &'a str,
    pub seed: u64,
    /// The settings changes, as the shareable link writes them.
    pub settings: &'a str,
}

/// The event log as JSON: the scenario, seed and settings, the verdict,
/// and every event with its time, lane, kind and narration, plus the
/// details a reader needs (the request line, the status, what became of
/// each cookie).
pub fn event_log_json(run: &Run, head: &LogHead<'_>) -> String {
    let mut j = Json::new();
    j.open('{');
    j.str("format", "session-lab-event-log");
    j.num("version", 1);
    j.str("scenario", head.scenario);
    j.str("title", head.title);
    j.str("seed", &head.seed.to_string());
    j.str("settings", head.settings);
    match &run.verdict {
        Some(v) => {
            j.object("verdict");
            j.bool("attackerGotIn", v.attacker_got_in);
            j.num("decidingEvent", v.deciding_event as i64);
            j.str("reason", &v.sentence);
            j.end();
        }
        None => j.null("verdict"),
    }
    j.array("events");
    for (i, e) in run.events.iter().enumerate() {
        write_event(&mut j, i, e);
    }
    j.end_array();
    j.close('}');
    j.out
}

fn write_event(j: &mut Json, i: usize, e: &Event) {
    j.item();
    j.num("index", i as i64);
    j.num("timeMs", e.time.millis() as i64);
    j.str("time", &iso_time(e.time));
    j.str("actor", actor_name(e.actor));
    j.str("kind", kind_name(&e.kind));
    j.str("narration", &e.narration);
    match &e.kind {
        EventKind::Request {
            request,
            sent,
            excluded,
            ..
        } => {
            j.str("method", request.method.as_str());
            j.str("url", &request.url.to_string());
            j.array("cookiesSent");
            for c in sent {
                j.item();
                j.str("name", &c.name);
                j.end();
            }
            j.end_array();
            j.array("cookiesLeftOut");
            for (c, r) in excluded {
                j.item();
                j.str("name", &c.name);
                j.str("reason", r.devtools_name());
                j.end();
            }
            j.end_array();
        }
        EventKind::Response { response, .. } => {
            j.num("status", i64::from(response.status));
        }
        EventKind::CookiesProcessed { outcomes, .. } => {
            j.array("cookies");
            for o in outcomes {
                j.item();
                j.str("name", o.name().unwrap_or(""));
                j.str(
                    "outcome",
                    match o {
                        SetCookieOutcome::Stored { .. } => "stored",
                        SetCookieOutcome::Removed { .. } => "removed",
                        SetCookieOutcome::Rejected { .. } => "rejected",
                    },
                );
                if let Some(r) = o.reason() {
                    j.str("reason", r.devtools_name());
                }
                j.end();
            }
            j.end_array();
        }
        EventKind::Verdict { verdict } => {
            j.bool("attackerGotIn", verdict.attacker_got_in);
        }
        _ => {}
    }
    j.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    fn login_run() -> Run {
        let scenarios = catalog();
        let s = scenarios.iter().find(|s| s.id == "login").expect("login");
        run(s, &s.settings(), Seed::default())
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        push_str(&mut out, "a\"b\\c\nd\u{1}e\u{2028}é</script>");
        assert_eq!(out, r#""a\"b\\c\nd\u0001e\u2028é</script>""#);
    }

    #[test]
    fn iso_times_follow_the_simulated_clock() {
        assert_eq!(iso_time(SimTime(0)), "2026-03-02T09:00:00.000Z");
        assert_eq!(iso_time(SimTime(61_025)), "2026-03-02T09:01:01.025Z");
    }

    #[test]
    fn har_has_one_entry_per_request_with_its_response() {
        let r = login_run();
        let text = har(&r, "Logging in");
        let requests = r
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Request { .. }))
            .count();
        assert!(requests > 2);
        assert!(text.starts_with(r#"{"log":{"version":"1.2","creator":{"name":"Session Lab""#));
        assert_eq!(text.matches(r#""startedDateTime":"#).count(), requests);
        assert_eq!(text.matches(r#""cache":{}"#).count(), requests);
        assert!(text.contains(r#""method":"POST""#));
        assert!(text.contains(r#""postData":{"mimeType":"#));
        assert!(text.contains(r#""name":"sessionid""#));
        assert!(text.contains(r#""httpVersion":"HTTP/1.1""#));
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let entries = parsed["log"]["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), requests);
        for e in entries {
            for field in [
                "startedDateTime",
                "time",
                "request",
                "response",
                "cache",
                "timings",
            ] {
                assert!(e.get(field).is_some(), "{field} missing");
            }
        }
    }

    #[test]
    fn event_log_names_every_event() {
        let r = login_run();
        let text = event_log_json(
            &r,
            &LogHead {
                scenario: "login",
                title: "Logging in",
                seed: 2026,
                settings: "",
            },
        );
        assert_eq!(text.matches(r#""index":"#).count(), r.events.len());
        assert!(text.contains(r#""kind":"CookiesProcessed""#));
        assert!(text.contains(r#""verdict":null"#));
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(
            parsed["events"].as_array().map(Vec::len),
            Some(r.events.len())
        );
    }
}
