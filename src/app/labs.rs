//! The labs' state as the page keeps it and the link carries it: which view
//! is open, and what the student typed or chose in each lab.
//!
//! In the link, after the fields of [`crate::app::link::LinkState`]:
//! `view=cookie` (`cookie`, `ids`, `matrix`, `compare`, `guide`,
//! `progress`; the scenarios view writes nothing), then the open lab's own
//! fields: `ck-set`, `ck-from`, `ck-wait`, `ck-to`, `ck-ctx` for the cookie
//! lab, `ids-n`, `ids-rate`, `ids-live` for the Session-ID lab, `cmp-s`,
//! `cmp-c` for Compare. [`crate::app::link::LinkState::parse`] ignores these
//! keys, and [`LabState::read`] ignores the others. A lab field that cannot
//! be read keeps its default and adds a notice: never a crash, never a lost
//! view. Pure Rust, tested natively.

use crate::app::controls;
use crate::app::link::{decode_component, encode_component};
use crate::engine::choice::Choice;
use crate::engine::cookie_lab::{CookieLabInput, Reader, METHODS};
use crate::engine::cookies::Initiator;
use crate::engine::http::Method;
use crate::engine::id_analysis::IdReport;
use crate::engine::rng::Seed;
use std::rc::Rc;

/// The page's main views, in the navigation's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Scenarios,
    CookieLab,
    IdLab,
    Matrix,
    Compare,
    Guide,
    /// The student's predictions (with "predict, then reveal").
    Progress,
}

impl View {
    /// The views the main navigation offers, in order.
    pub const NAV: [View; 6] = [
        View::Scenarios,
        View::CookieLab,
        View::IdLab,
        View::Matrix,
        View::Compare,
        View::Guide,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Scenarios => "Scenarios",
            View::CookieLab => "Cookie lab",
            View::IdLab => "Session-ID lab",
            View::Matrix => "Defense matrix",
            View::Compare => "Compare",
            View::Guide => "Guide",
            View::Progress => "My predictions",
        }
    }

    /// The value of `view=` in a link.
    pub fn code(self) -> &'static str {
        match self {
            View::Scenarios => "scenarios",
            View::CookieLab => "cookie",
            View::IdLab => "ids",
            View::Matrix => "matrix",
            View::Compare => "compare",
            View::Guide => "guide",
            View::Progress => "progress",
        }
    }

    pub fn from_code(code: &str) -> Option<View> {
        // Every view: the navigation's, and the progress view that only a
        // class with predictions switched on reaches.
        Self::NAV
            .into_iter()
            .chain([View::Progress])
            .find(|v| v.code() == code)
    }
}

/// Time units for the cookie lab's wait, `(seconds, label)`.
pub const WAIT_UNITS: [(u64, &str); 4] = [
    (1, "seconds"),
    (60, "minutes"),
    (3600, "hours"),
    (86_400, "days"),
];

/// The largest unit that divides `secs` exactly (seconds for zero).
pub fn wait_unit_for(secs: u64) -> u64 {
    WAIT_UNITS
        .iter()
        .rev()
        .map(|(u, _)| *u)
        .find(|u| secs > 0 && secs.is_multiple_of(*u))
        .unwrap_or(1)
}

/// The Session-ID lab's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdLabForm {
    /// IDs per generator.
    pub count: u32,
    /// The attacker's guesses per second.
    pub rate: u64,
    /// Sessions alive at once (any of them is a hit).
    pub sessions: u64,
}

pub const ID_COUNT_MAX: u32 = 100_000;
pub const ID_COUNT_MIN: u32 = 10;

impl Default for IdLabForm {
    /// OWASP's worked example: 10,000 guesses a second against 100,000
    /// live sessions.
    fn default() -> Self {
        IdLabForm {
            count: 1_000,
            rate: 10_000,
            sessions: 100_000,
        }
    }
}

/// Compare: one scenario, run as it is and with one control changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareForm {
    pub scenario: String,
    /// A control's id ([`controls::CONTROLS`]).
    pub control: &'static str,
    /// The value the second run gives it (`on`/`off`, or an option value).
    pub value: String,
}

impl Default for CompareForm {
    fn default() -> Self {
        CompareForm {
            scenario: "hijack-xss".into(),
            control: "http-only",
            value: "on".into(),
        }
    }
}

impl CompareForm {
    /// `control:value`, as the settings encoding writes one change.
    pub fn change(&self) -> String {
        format!("{}:{}", self.control, self.value)
    }
}

/// IDs made and measured for one request of the Session-ID lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdResults {
    pub count: u32,
    pub seed: Seed,
    /// Which click asked for them ([`IdRun::requested`]).
    pub request: u32,
    pub reports: Vec<IdReport>,
    /// How long making and measuring took in the browser, in milliseconds.
    pub elapsed_ms: u64,
}

/// The Session-ID lab's work: asked for, under way, done.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdRun {
    /// Counts the clicks on "Generate", so the same count can run again.
    pub requested: u32,
    /// `(IDs done, IDs in all)` while the work goes on.
    pub progress: Option<(u64, u64)>,
    pub results: Option<Rc<IdResults>>,
    /// What was wrong with the form, if anything.
    pub problem: Option<String>,
}

impl IdRun {
    /// Whether the results shown are the ones the form and seed ask for.
    pub fn is_current(&self, form: &IdLabForm, seed: Seed) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.count == form.count && r.seed == seed && r.request == self.requested)
    }
}

/// The defense matrix, computed for one seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRun {
    pub seed: Seed,
    pub matrix: crate::engine::matrix::Matrix,
    /// How long computing it took in the browser, in milliseconds.
    pub elapsed_ms: u64,
}

/// Every lab's state, and the open view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabState {
    pub view: View,
    pub cookie: CookieLabInput,
    /// The unit the wait is shown in (seconds per unit).
    pub wait_unit: u64,
    pub ids: IdLabForm,
    pub id_run: IdRun,
    pub matrix: Option<Rc<MatrixRun>>,
    pub compare: CompareForm,
}

/// `nav.same.get`: reader, initiator, method.
pub fn context_code(input: &CookieLabInput) -> String {
    format!(
        "{}.{}.{}",
        input.reader.code(),
        input.initiator.code(),
        method_code(input.method)
    )
}

/// A method as the cookie lab's link and form write it: `get`, `post`.
/// (`Method::as_str` in lower case, written out: no string is built.)
pub fn method_code(method: Method) -> &'static str {
    match method {
        Method::Get => "get",
        Method::Head => "head",
        Method::Post => "post",
        Method::Put => "put",
        Method::Delete => "delete",
    }
}

/// One of the lab's [`METHODS`] from its code.
pub fn method_from_code(code: &str) -> Option<Method> {
    METHODS.into_iter().find(|m| method_code(*m) == code)
}

fn parse_context(text: &str) -> Option<(Reader, Initiator, Method)> {
    let mut parts = text.split('.');
    let reader = Reader::from_code(parts.next()?)?;
    let initiator = Initiator::from_code(parts.next()?)?;
    let method = method_from_code(parts.next()?)?;
    parts
        .next()
        .is_none()
        .then_some((reader, initiator, method))
}

/// At most 30 characters of outside input, for notices.
fn clip(s: &str) -> String {
    crate::app::format::short(s, 30)
}

impl LabState {
    pub fn new() -> Self {
        let cookie = CookieLabInput::default();
        LabState {
            wait_unit: wait_unit_for(cookie.wait_secs),
            cookie,
            ..LabState::default()
        }
    }

    /// The link's lab part, each field `&key=value`, for the open view only
    /// (the scenarios view adds nothing).
    pub fn to_hash_suffix(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.view != View::Scenarios {
            parts.push(format!("view={}", self.view.code()));
        }
        match self.view {
            View::CookieLab => {
                let c = &self.cookie;
                parts.push(format!("ck-set={}", encode_component(&c.lines)));
                parts.push(format!("ck-from={}", encode_component(&c.response_url)));
                parts.push(format!("ck-wait={}", c.wait_secs));
                parts.push(format!("ck-to={}", encode_component(&c.request_url)));
                parts.push(format!("ck-ctx={}", context_code(c)));
            }
            View::IdLab => {
                parts.push(format!("ids-n={}", self.ids.count));
                parts.push(format!("ids-rate={}", self.ids.rate));
                parts.push(format!("ids-live={}", self.ids.sessions));
            }
            View::Compare => {
                parts.push(format!(
                    "cmp-s={}",
                    encode_component(&self.compare.scenario)
                ));
                parts.push(format!(
                    "cmp-c={}",
                    encode_component(&self.compare.change())
                ));
            }
            _ => {}
        }
        parts.iter().map(|p| format!("&{p}")).collect()
    }

    /// Reads the lab fields of a hash. What cannot be read keeps its
    /// default and is named in a notice; other keys are someone else's.
    pub fn read(hash: &str) -> (LabState, Vec<String>) {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let mut state = LabState::new();
        let mut notices = Vec::new();
        let mut bad = |what: &str, value: &str| {
            notices.push(format!(
                "The link's {what} (\"{}\") could not be read, so the default is used.",
                clip(value)
            ));
        };
        for part in hash.split('&') {
            let Some((key, raw)) = part.split_once('=') else {
                continue;
            };
            if !matches!(key, "view")
                && !key.starts_with("ck-")
                && !key.starts_with("ids-")
                && !key.starts_with("cmp-")
            {
                continue;
            }
            let Some(value) = decode_component(raw) else {
                bad(key, raw);
                continue;
            };
            match key {
                "view" => match View::from_code(&value) {
                    Some(v) => state.view = v,
                    None => bad("view", &value),
                },
                "ck-set" => state.cookie.lines = value,
                "ck-from" => state.cookie.response_url = value,
                "ck-to" => state.cookie.request_url = value,
                "ck-wait" => match value.parse::<u64>() {
                    Ok(n) if n <= crate::engine::cookie_lab::MAX_WAIT_SECS => {
                        state.cookie.wait_secs = n;
                        state.wait_unit = wait_unit_for(n);
                    }
                    _ => bad("cookie lab's wait", &value),
                },
                "ck-ctx" => match parse_context(&value) {
                    Some((reader, initiator, method)) => {
                        state.cookie.reader = reader;
                        state.cookie.initiator = initiator;
                        state.cookie.method = method;
                    }
                    None => bad("cookie lab's request kind", &value),
                },
                "ids-n" => match value.parse::<u32>() {
                    Ok(n) if (ID_COUNT_MIN..=ID_COUNT_MAX).contains(&n) => state.ids.count = n,
                    _ => bad("number of IDs", &value),
                },
                "ids-rate" => match value.parse::<u64>() {
                    Ok(n) if n > 0 => state.ids.rate = n,
                    _ => bad("guess rate", &value),
                },
                "ids-live" => match value.parse::<u64>() {
                    Ok(n) if n > 0 => state.ids.sessions = n,
                    _ => bad("number of live sessions", &value),
                },
                "cmp-s" => state.compare.scenario = value,
                "cmp-c" => match parse_change(&value) {
                    Some((control, v)) => {
                        state.compare.control = control;
                        state.compare.value = v;
                    }
                    None => bad("compared setting", &value),
                },
                _ => {}
            }
        }
        (state, notices)
    }
}

/// `control:value` for a known control and one of its values: the same
/// reading a link's settings get ([`controls::parse_change`]).
pub fn parse_change(text: &str) -> Option<(&'static str, String)> {
    let (control, _) = controls::parse_change(text).ok()?;
    let (_, value) = text.split_once(':')?;
    Some((control.id, value.to_string()))
}

/// A count with thousands separators (`100,000`), written once in the engine.
pub use crate::engine::id_analysis::group_thousands as thousands;

/// Tenths as a decimal: `638` → `63.8`, without float formatting.
pub fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_round_trips() {
        for v in View::NAV.into_iter().chain([View::Progress]) {
            assert_eq!(View::from_code(v.code()), Some(v));
        }
    }

    #[test]
    fn cookie_lab_round_trips_through_a_link() {
        let mut s = LabState::new();
        s.view = View::CookieLab;
        s.cookie.lines = "a=1; Secure\ndocument.cookie = \"b=<i>2</i>&c=%\"".into();
        s.cookie.response_url = "http://x.example/a b".into();
        s.cookie.wait_secs = 7200;
        s.cookie.reader = Reader::Subresource;
        s.cookie.initiator = Initiator::CrossSite;
        s.cookie.method = Method::Post;
        s.wait_unit = wait_unit_for(7200);
        let hash = format!("#v=1{}", s.to_hash_suffix());
        assert!(hash.is_ascii());
        assert_eq!(LabState::read(&hash), (s, vec![]));
    }

    #[test]
    fn id_lab_and_compare_round_trip() {
        let mut s = LabState::new();
        s.view = View::IdLab;
        s.ids.count = 100_000;
        s.ids.rate = 5;
        assert_eq!(LabState::read(&s.to_hash_suffix()), (s.clone(), vec![]));
        s.view = View::Compare;
        s.ids = IdLabForm::default();
        s.compare.control = "same-site";
        s.compare.value = "strict".into();
        assert_eq!(LabState::read(&s.to_hash_suffix()), (s, vec![]));
    }

    #[test]
    fn bad_fields_are_notices_and_defaults() {
        let (s, notices) = LabState::read(
            "#v=1&view=nowhere&ids-n=abc&ids-rate=0&ck-ctx=x.y&ck-wait=-1&cmp-c=no:such&ck-set=%ZZ",
        );
        assert_eq!(s, LabState::new());
        assert_eq!(notices.len(), 7, "{notices:?}");
        let (s, notices) = LabState::read("#v=1&view=ids&ids-n=1000000");
        assert_eq!(s.view, View::IdLab);
        assert_eq!(s.ids.count, IdLabForm::default().count);
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn numbers_read_aloud() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(tenths(638), "63.8");
        assert_eq!(tenths(5), "0.5");
    }

    #[test]
    fn units_divide_the_wait() {
        assert_eq!(wait_unit_for(0), 1);
        assert_eq!(wait_unit_for(120), 60);
        assert_eq!(wait_unit_for(90), 1);
        assert_eq!(wait_unit_for(172_800), 86_400);
    }
}
