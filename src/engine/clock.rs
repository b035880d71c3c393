//! Simulated time.
//!
//! The engine never reads a real clock: time is an input, as in quinn-proto's
//! `handle_timeout(now)`. Two scales are needed. [`SimTime`] counts
//! milliseconds since the scenario began and orders events; [`UnixTime`] is the
//! date the simulated browser believes it is, which cookie `Expires` dates are
//! compared with. A [`Clock`] ties the two together with a fixed origin date,
//! so a run is the same whenever and wherever it is replayed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the scenario began.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub fn from_secs(secs: u64) -> Self {
        SimTime(secs.saturating_mul(1000))
    }

    pub fn from_mins(mins: u64) -> Self {
        SimTime::from_secs(mins.saturating_mul(60))
    }

    pub fn millis(self) -> u64 {
        self.0
    }

    /// This time moved forward by `ms`, saturating instead of overflowing.
    pub fn plus_millis(self, ms: u64) -> Self {
        SimTime(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self`, or zero if `earlier` is later.
    pub fn since(self, earlier: SimTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl fmt::Display for SimTime {
    /// `mm:ss` (or `h:mm:ss` past an hour), as the page's clock shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.0 / 1000;
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")
        } else {
            write!(f, "{m:02}:{s:02}")
        }
    }
}

/// Milliseconds since 1970-01-01T00:00:00Z, as the simulated browser's clock
/// reads. Signed, because a cookie date may lie before 1970.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct UnixTime(pub i64);

impl UnixTime {
    pub fn from_secs(secs: i64) -> Self {
        UnixTime(secs.saturating_mul(1000))
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn plus_millis(self, ms: i64) -> Self {
        UnixTime(self.0.saturating_add(ms))
    }
}

impl UnixTime {
    /// The UTC calendar date and time of day of this moment.
    pub fn civil(self) -> CivilTime {
        let ms = self.millis();
        let secs = ms.div_euclid(1000);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        CivilTime {
            year,
            month,
            day,
            // In range by `rem_euclid`, so the casts keep every value.
            hour: (rem / 3600) as u32,
            minute: ((rem / 60) % 60) as u32,
            second: (rem % 60) as u32,
            millis: ms.rem_euclid(1000) as u32,
        }
    }

    /// ISO 8601 with milliseconds, as browser developer tools and HAR files
    /// write a moment: `2026-03-02T09:00:00.000Z`.
    pub fn iso8601(self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
        )
    }
}

/// A moment as a UTC calendar date (proleptic Gregorian) and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`: exact for every date, no tables).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to (year, month, day): the inverse of
/// [`days_from_civil`] (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Day 1..=31 and month 1..=12 by construction.
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The date every scenario starts at: fixed, so that runs are reproducible.
/// 2026-03-02T09:00:00Z, a Monday morning class.
pub const SCENARIO_ORIGIN: UnixTime = UnixTime(1_772_442_000_000);

/// The simulated clock: where the scenario is now, and which date that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    origin: UnixTime,
    now: SimTime,
}

impl Clock {
    pub fn new(origin: UnixTime) -> Self {
        Clock {
            origin,
            now: SimTime::ZERO,
        }
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The date the browser's clock shows at this moment.
    pub fn unix_now(&self) -> UnixTime {
        self.to_unix(self.now)
    }

    pub fn to_unix(&self, t: SimTime) -> UnixTime {
        let ms = i64::try_from(t.0).unwrap_or(i64::MAX);
        self.origin.plus_millis(ms)
    }

    /// Moves the clock forward to `t`. Time never runs backwards: a `t` in
    /// the past leaves the clock where it is.
    pub fn advance_to(&mut self, t: SimTime) {
        if t > self.now {
            self.now = t;
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(SCENARIO_ORIGIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for days in [-719_468, -1, 0, 59, 365, 20_514, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(20_514), (2026, 3, 2));
        assert_eq!(SCENARIO_ORIGIN.iso8601(), "2026-03-02T09:00:00.000Z");
        assert_eq!(UnixTime(-1).iso8601(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn clock_never_runs_backwards() {
        let mut c = Clock::default();
        c.advance_to(SimTime::from_mins(30));
        c.advance_to(SimTime::from_secs(5));
        assert_eq!(c.now(), SimTime::from_mins(30));
        assert_eq!(c.unix_now(), SCENARIO_ORIGIN.plus_millis(30 * 60 * 1000));
    }

    #[test]
    fn displays_as_a_wall_clock() {
        assert_eq!(SimTime::from_secs(75).to_string(), "01:15");
        assert_eq!(SimTime::from_secs(3725).to_string(), "1:02:05");
    }
}
