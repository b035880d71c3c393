//! The cookie-date algorithm of RFC 6265 section 5.1.1, which RFC 6265bis
//! keeps unchanged.
//!
//! Why not `httpdate` or `time`? `Expires` is not an HTTP date: servers send
//! every format there is (`Sun, 18-Apr-2027 21:06:29 GMT`, `Fri 07 Aug 2019
//! 08:04:19 GMT, baz=qux`, two-digit years), and browsers read them all with
//! this forgiving algorithm: split the string at delimiters, then take the
//! first token that looks like a time, the first day of month, month and
//! year, in any order. Strict date parsers reject most of them. The
//! calendar arithmetic is a few lines (days from civil date, in
//! [`crate::engine::clock`]), so no crate is
//! needed.
//!
//! Two places follow Chromium rather than the RFC text (both checked against
//! Chromium 156):
//!
//! - the year may have any number of digits, not only two to four:
//!   `07 Aug 1` is 2001 and `07 Aug 10000` is a date far ahead (which the
//!   jar then caps at 400 days);
//! - a year before 1601 is not an error but a date long past, so the cookie
//!   expires at once (`Expires=... 1600 ...` deletes a cookie).

use crate::engine::clock::{days_from_civil, UnixTime};

/// Reads a cookie date. `None` means the `Expires` attribute is ignored (the
/// cookie stays a session cookie unless `Max-Age` says otherwise).
pub fn parse_cookie_date(input: &str) -> Option<UnixTime> {
    let mut time: Option<(u32, u32, u32)> = None;
    let mut day: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut year: Option<u32> = None;

    for token in input.split(is_delimiter).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(t) = parse_time(token) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = leading_digits(token, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() {
            if let Some(m) = parse_month(token) {
                month = Some(m);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = leading_digits(token, 1, MAX_YEAR_DIGITS) {
                year = Some(y);
                continue;
            }
        }
    }

    let (hour, minute, second) = time?;
    let (day, month, mut year) = (day?, month?, year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if year <= 69 {
        year += 2000;
    }
    // RFC 6265 also refuses years before 1601; Chromium reads them as a date
    // long past (see the module doc). The arithmetic handles any year.
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if day > days_in_month(year, month) {
        return None; // e.g. 30 February: not a date
    }
    let days = days_from_civil(i64::from(year), month, day);
    let secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(UnixTime::from_secs(secs))
}

/// The instant of a UTC calendar date and time, or `None` if there is no
/// such date (month 13, 30 February, hour 24...). For scenarios and tests:
/// `utc(2026, 3, 2, 9, 0, 0)`.
pub fn utc(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Option<UnixTime> {
    let year_u32 = u32::try_from(year).ok()?;
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year_u32, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(UnixTime::from_secs(secs))
}

/// More digits than this are not a year: it keeps the arithmetic far from
/// overflow (any such date is capped at 400 days from now anyway).
const MAX_YEAR_DIGITS: usize = 9;

/// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
fn is_delimiter(c: char) -> bool {
    matches!(c, '\t' | ' '..='/' | ';'..='@' | '['..='`' | '{'..='~')
}

/// `1*max DIGIT` of at least `min` digits, followed by nothing or by a
/// non-digit and anything: `2027`, `07`, `18th`.
fn leading_digits(token: &str, min: usize, max: usize) -> Option<u32> {
    let n = token.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    token.get(..n)?.parse().ok()
}

/// `hms-time = time-field ":" time-field ":" time-field`, each field one or
/// two digits, optionally followed by a non-digit and anything.
fn parse_time(token: &str) -> Option<(u32, u32, u32)> {
    let mut fields = [0u32; 3];
    let mut rest = token;
    for (i, field) in fields.iter_mut().enumerate() {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&n) {
            return None;
        }
        *field = rest.get(..n)?.parse().ok()?;
        rest = rest.get(n..)?;
        if i < 2 {
            rest = rest.strip_prefix(':')?;
        }
    }
    // After the seconds: end of token or a non-digit (never a third digit,
    // which the take_while above would already have consumed).
    let [hour, minute, second] = fields;
    Some((hour, minute, second))
}

/// The first three letters name the month, case-insensitively: `Aug`,
/// `august`, `AUGxyz`.
fn parse_month(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = token.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(prefix))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date for humans and for tests: `2026-03-02 09:00:00 UTC` from
/// milliseconds since the epoch.
pub fn format_utc(t: UnixTime) -> String {
    let c = t.civil();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<String> {
        parse_cookie_date(s).map(format_utc)
    }

    #[test]
    fn reads_the_formats_servers_send() {
        let want = Some("2019-08-07 08:04:19 UTC".to_string());
        assert_eq!(at("Fri, 07 Aug 2019 08:04:19 GMT"), want);
        assert_eq!(at("Fri 07 Aug 2019 08:04:19 GMT, baz=qux"), want);
        assert_eq!(at("Wed, 07-Aug-19 08:04:19 GMT"), want);
        assert_eq!(
            at("Thu, 10 Apr 1980 16:33:12 GMT"),
            Some("1980-04-10 16:33:12 UTC".into())
        );
        assert_eq!(
            at("Sun, 18-Apr-2027 21:06:29 GMT"),
            Some("2027-04-18 21:06:29 UTC".into())
        );
        assert_eq!(at("1 jan 70 0:0:0"), Some("1970-01-01 00:00:00 UTC".into()));
        assert_eq!(
            at("Mon, 01 Jan 1601 00:00:00 GMT"),
            Some("1601-01-01 00:00:00 UTC".into())
        );
    }

    #[test]
    fn refuses_what_is_not_a_date_and_reads_old_years() {
        assert_eq!(at(""), None);
        assert_eq!(
            at("Mon, 01 Jan 1600 00:00:00 GMT"),
            Some("1600-01-01 00:00:00 UTC".into())
        );
        assert_eq!(at("Sat, 30 Feb 2019 00:00:00 GMT"), None);
        assert_eq!(at("Fri, 07 Aug 2019 24:00:00 GMT"), None);
        assert_eq!(at("Fri, 07 Aug 2019"), None);
        assert_eq!(
            at("Fri, 07 Aug 1 08:00:00 GMT"),
            Some("2001-08-07 08:00:00 UTC".into())
        );
        assert_eq!(
            at("Fri, 07 Aug 10000 08:00:00 GMT"),
            Some("10000-08-07 08:00:00 UTC".into())
        );
        assert_eq!(at("Fri, 07 Aug 1234567890 08:00:00 GMT"), None);
        assert!(at("Fri, 07 Aug 2019 08:04:19:22 GMT").is_some());
    }
}
