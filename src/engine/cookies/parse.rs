//! Reading one `Set-Cookie` line (or one `document.cookie = ...` string)
//! into a [`ParsedCookie`], as RFC 6265bis section 5.6 and Chromium's
//! `ParsedCookie` do.
//!
//! Why not the `cookie` crate? It is made for servers: it parses what a
//! server expects a well-behaved client to send, and it refuses or repairs
//! lines a browser accepts. Browsers are lenient in specific ways that the
//! students can observe and that this module reproduces exactly:
//!
//! - a line without `=` is a cookie with an empty name (`foo` is sent back as
//!   `foo`);
//! - quotes mean nothing: `a="x;y"` is the cookie `a="x`;
//! - names and values are trimmed of spaces and tabs; a tab left inside
//!   the value makes Chromium (156, observed) refuse the cookie
//!   (`DisallowedCharacter`), while an inner space is kept;
//! - the line ends at the first CR, LF or NUL; any other control character
//!   (except tab) makes the browser ignore the whole line;
//! - an attribute repeated wins by its last occurrence, even an empty one;
//! - an attribute value over 1024 bytes is ignored, a name and value over
//!   4096 bytes together make the whole line ignored;
//! - attribute names are case-insensitive and unknown ones are skipped.

use super::date::parse_cookie_date;
use super::reason::BlockedReason;
use super::SameSite;
use crate::engine::clock::UnixTime;

/// Most bytes a cookie's name and value may have together.
pub const MAX_NAME_VALUE_BYTES: usize = 4096;
/// Most bytes an attribute value may have; a longer one is ignored.
pub const MAX_ATTRIBUTE_VALUE_BYTES: usize = 1024;

/// One `Set-Cookie` line, read but not yet judged against the URL it came
/// from. Attributes the line repeats are already resolved (last wins).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedCookie {
    pub name: String,
    pub value: String,
    /// `Expires`, if present and a valid cookie date.
    pub expires: Option<UnixTime>,
    /// `Max-Age` in seconds, if present and valid (it may be zero or
    /// negative: "expire now").
    pub max_age: Option<i64>,
    /// `Domain` as written (trimmed), possibly empty or with a leading dot.
    pub domain: Option<String>,
    /// `Path` as written (trimmed), possibly empty or not starting with `/`.
    pub path: Option<String>,
    pub secure: bool,
    pub http_only: bool,
    /// `SameSite`; `Unspecified` when absent or not one of the three values.
    pub same_site: SameSite,
}

/// The characters a cookie line is trimmed of.
fn is_cookie_whitespace(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_cookie_whitespace)
}

/// A control character a cookie may not hold: %x00-08 / %x0A-1F / %x7F.
pub fn is_disallowed_control(c: char) -> bool {
    (c.is_ascii_control() && c != '\t') || c == '\u{7f}'
}

/// Where the browser stops reading a line: Chromium treats CR, LF and NUL as
/// the end of the string.
fn truncate_at_terminator(line: &str) -> &str {
    match line.find(['\r', '\n', '\0']) {
        Some(i) => line.get(..i).unwrap_or(line),
        None => line,
    }
}

/// Parses one `Set-Cookie` value (without the `Set-Cookie:` header name).
pub fn parse_set_cookie(line: &str) -> Result<ParsedCookie, BlockedReason> {
    let line = truncate_at_terminator(line);
    if line.chars().any(is_disallowed_control) {
        return Err(BlockedReason::DisallowedCharacter);
    }
    let (pair, attributes) = match line.split_once(';') {
        Some((pair, rest)) => (pair, Some(rest)),
        None => (line, None),
    };
    let (name, value) = match pair.split_once('=') {
        Some((n, v)) => (trim(n), trim(v)),
        None => ("", trim(pair)),
    };
    if name.is_empty() && value.is_empty() {
        return Err(BlockedReason::NoCookieContent);
    }
    // RFC 6265bis would keep an inner tab; Chromium refuses the cookie
    // (from Set-Cookie and from `document.cookie` alike), and the
    // simulated browser is Chromium.
    if value.contains('\t') {
        return Err(BlockedReason::DisallowedCharacter);
    }
    if name.is_empty() && value.contains('=') {
        // `=a=b` would come back as `a=b`, a different cookie.
        return Err(BlockedReason::SyntaxError);
    }
    if name.len() + value.len() > MAX_NAME_VALUE_BYTES {
        return Err(BlockedReason::NameValuePairExceedsMaxSize);
    }

    let mut cookie = ParsedCookie {
        name: name.to_string(),
        value: value.to_string(),
        ..ParsedCookie::default()
    };
    // Chromium keeps the raw text of the last Max-Age and interprets it once.
    let mut max_age_raw: Option<&str> = None;
    let mut expires_raw: Option<&str> = None;
    let mut same_site_raw: Option<&str> = None;
    for av in attributes.into_iter().flat_map(|rest| rest.split(';')) {
        let (key, val) = match av.split_once('=') {
            Some((k, v)) => (trim(k), trim(v)),
            None => (trim(av), ""),
        };
        if val.len() > MAX_ATTRIBUTE_VALUE_BYTES {
            continue;
        }
        if key.eq_ignore_ascii_case("expires") {
            expires_raw = Some(val);
        } else if key.eq_ignore_ascii_case("max-age") {
            max_age_raw = Some(val);
        } else if key.eq_ignore_ascii_case("domain") {
            cookie.domain = Some(val.to_string());
        } else if key.eq_ignore_ascii_case("path") {
            cookie.path = Some(val.to_string());
        } else if key.eq_ignore_ascii_case("secure") {
            cookie.secure = true;
        } else if key.eq_ignore_ascii_case("httponly") {
            cookie.http_only = true;
        } else if key.eq_ignore_ascii_case("samesite") {
            same_site_raw = Some(val);
        }
    }
    cookie.expires = expires_raw.and_then(parse_cookie_date);
    cookie.max_age = max_age_raw.and_then(parse_max_age);
    cookie.same_site = match same_site_raw {
        Some(v) if v.eq_ignore_ascii_case("strict") => SameSite::Strict,
        Some(v) if v.eq_ignore_ascii_case("lax") => SameSite::Lax,
        Some(v) if v.eq_ignore_ascii_case("none") => SameSite::None,
        _ => SameSite::Unspecified,
    };
    Ok(cookie)
}

/// `Max-Age`: an optional sign and digits only; anything else (`50,399`,
/// `2.63`, `0x10`, empty) is ignored. Values too large saturate.
///
/// RFC 6265bis ignores a leading `+`; Chromium reads `+5` as 5 (it parses
/// with `base::StringToInt64`), and so do we (checked against Chromium 156).
pub fn parse_max_age(raw: &str) -> Option<i64> {
    let (negative, digits) = if let Some(d) = raw.strip_prefix('-') {
        (true, d)
    } else if let Some(d) = raw.strip_prefix('+') {
        (false, d)
    } else {
        (false, raw)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nv(line: &str) -> Result<(String, String), BlockedReason> {
        parse_set_cookie(line).map(|c| (c.name, c.value))
    }

    fn pair(n: &str, v: &str) -> Result<(String, String), BlockedReason> {
        Ok((n.to_string(), v.to_string()))
    }

    #[test]
    fn name_and_value() {
        assert_eq!(nv("foo=bar"), pair("foo", "bar"));
        assert_eq!(nv("foo"), pair("", "foo"));
        assert_eq!(nv("=foo"), pair("", "foo"));
        assert_eq!(nv("  A=== BC  ;foo;;;   bar"), pair("A", "== BC"));
        assert_eq!(nv("aBc=\"zz;pp\" ; ;"), pair("aBc", "\"zz"));
        assert_eq!(nv("AAA=BB\rZYX"), pair("AAA", "BB"));
        assert_eq!(nv(""), Err(BlockedReason::NoCookieContent));
        assert_eq!(nv("="), Err(BlockedReason::NoCookieContent));
        assert_eq!(nv("=a=b"), Err(BlockedReason::SyntaxError));
        assert_eq!(nv("a=b\u{1}c"), Err(BlockedReason::DisallowedCharacter));
        // Chromium 156: an inner tab refuses the cookie, tabs at either
        // end are trimmed, an inner space is kept.
        assert_eq!(nv("a=b\tc"), Err(BlockedReason::DisallowedCharacter));
        assert_eq!(nv("a=\tbc\t"), pair("a", "bc"));
        assert_eq!(nv("a=b c"), pair("a", "b c"));
    }

    #[test]
    fn attributes() {
        let c = parse_set_cookie(
            "a=b; Path=/x; path=/y; SECURE; HttpOnly; SameSite=strict; Max-Age=60",
        )
        .unwrap_or_default();
        assert_eq!(c.path.as_deref(), Some("/y"));
        assert!(c.secure && c.http_only);
        assert_eq!(c.same_site, SameSite::Strict);
        assert_eq!(c.max_age, Some(60));
        let long = format!("a=b; Path=/{}", "x".repeat(1024));
        assert_eq!(parse_set_cookie(&long).unwrap_or_default().path, None);
        assert_eq!(parse_max_age("50,399"), None);
        assert_eq!(parse_max_age("-1"), Some(-1));
        assert_eq!(parse_max_age("+5"), Some(5));
        assert_eq!(parse_max_age("+-5"), None);
        assert_eq!(parse_max_age("-"), None);
        assert_eq!(parse_max_age("99999999999999999999"), Some(i64::MAX));
    }
}
