//! No link, saved state or settings text crashes the page: the parsers of
//! the app's outside input (the URL hash with its scenario and lab fields,
//! localStorage's saved state and predictions, the `cfg` settings changes)
//! and the page state that applies them are fed arbitrary and near-valid
//! input, and what they accept must round-trip. (The page imports no files:
//! it only exports them.)
//!
//! Bounded by default (see `CASES`) so the native tier stays fast.
//! `PROPTEST_CASES=N` runs N cases per parser property instead (the page
//! state property runs a tenth of that, since each case runs the engine);
//! `scripts/bench --fuzz-long` does that once in release. Each property
//! prints how many cases it ran (`cargo test --test app_properties --
//! --nocapture`). Native only: proptest's randomness has no browser backend
//! here, and the code under test is the same on both targets.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use session_lab::app::controls::{self, CONTROLS};
use session_lab::app::labs::{LabState, View};
use session_lab::app::link::{LinkError, LinkState};
use session_lab::app::predictions::{self, Prediction};
use session_lab::app::state::{Action, AppState};
use session_lab::app::storage::StoredState;
use session_lab::engine::cookie_lab;
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::server::Settings;

/// Cases per parser property when `PROPTEST_CASES` is not set.
const CASES: u32 = 1_000;

/// The longest notice a bad input may produce, in characters: every parser
/// clips what it echoes, so a megabyte of link never becomes a megabyte of
/// page.
const MAX_MESSAGE_CHARS: usize = 300;

fn cases() -> u32 {
    common::cases_or(CASES)
}

/// Runs one property for `cases` cases and prints how many ran.
fn check<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let ran = std::cell::Cell::new(0u64);
    let result = runner.run(&strategy, |v| {
        ran.set(ran.get() + 1);
        test(v)
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    println!("property {name}: {} cases", ran.get());
}

/// Text a parser must survive: anything, or something close to what it
/// expects (percent escapes cut short, multi-byte characters after `%`,
/// markup, control names with odd values).
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9%:,=&#|-]{0,40}",
        "(%[0-9A-Fa-f]{0,2}|%[^0-9A-Fa-f]|[éß€😀]|[a-z:,-]){0,12}",
        Just("<img src=x onerror=window.__xss=1>".to_string()),
        Just("\"><script>window.__xss=1</script>".to_string()),
        Just("javascript:alert(1)".to_string()),
        "[0-9]{1,30}",
        Just("18446744073709551616".to_string()),
        Just("-1".to_string()),
    ]
}

/// A hash shaped like a link: known and unknown keys, with or without `=`.
fn link_like() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("v"),
        Just("s"),
        Just("seed"),
        Just("step"),
        Just("cfg"),
        Just("predict"),
        Just("x"),
        Just(""),
    ];
    let part = (key, any::<bool>(), fragment()).prop_map(|(k, eq, v)| {
        if eq {
            format!("{k}={v}")
        } else {
            format!("{k}{v}")
        }
    });
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(part, 0..7),
    )
        .prop_map(|(hash, version, parts)| {
            let mut all = Vec::new();
            if version {
                all.push("v=1".to_string());
            }
            all.extend(parts);
            format!("{}{}", if hash { "#" } else { "" }, all.join("&"))
        })
}

fn any_hash() -> impl Strategy<Value = String> {
    prop_oneof![fragment(), link_like(), ".{0,600}"]
}

/// A state the page could write: any scenario text, seed and step, and
/// settings changes that are not empty (an empty `cfg` is not written).
fn link_state() -> impl Strategy<Value = LinkState> {
    (
        prop::option::of(fragment()),
        prop::option::of(any::<u64>()),
        prop::option::of(any::<usize>()),
        prop::option::of(fragment().prop_filter("written only when not empty", |s| !s.is_empty())),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(scenario, seed, step, settings, predict, beginner)| LinkState {
                scenario,
                seed: seed.map(Seed),
                step,
                settings,
                predict,
                beginner,
            },
        )
}

/// `cfg=` (no changes) and no `cfg` at all mean the same.
fn normalized(mut s: LinkState) -> LinkState {
    if s.settings.as_deref() == Some("") {
        s.settings = None;
    }
    s
}

#[test]
fn link_parse_survives_any_hash() {
    check(
        "link_parse_survives_any_hash",
        cases(),
        any_hash(),
        |hash| {
            match LinkState::parse(&hash) {
                Ok(state) => {
                    // What was read is written back and read again unchanged.
                    let again = LinkState::parse(&state.to_hash());
                    prop_assert_eq!(again.map(normalized), Ok(normalized(state)));
                }
                Err(e) => {
                    let message = e.to_string();
                    prop_assert!(
                        message.chars().count() <= MAX_MESSAGE_CHARS,
                        "notice of {} characters",
                        message.chars().count()
                    );
                    // A version error names a version only if one was given.
                    if let LinkError::Version(v) = &e {
                        prop_assert!(hash.contains("v="), "version {v:?} from nowhere");
                    }
                }
            }
            Ok(())
        },
    );
}

#[test]
fn link_to_hash_then_parse_round_trips() {
    check(
        "link_to_hash_then_parse_round_trips",
        cases(),
        link_state(),
        |state| {
            let hash = state.to_hash();
            prop_assert!(hash.starts_with("#v=1"));
            // Only the separators of the format itself are left unescaped.
            prop_assert!(hash.is_ascii(), "{hash:?}");
            prop_assert_eq!(LinkState::parse(&hash), Ok(state.clone()));
            // Without the leading `#` too (what some address bars hand over).
            prop_assert_eq!(LinkState::parse(&hash[1..]), Ok(state));
            Ok(())
        },
    );
}

fn stored_like() -> impl Strategy<Value = String> {
    prop_oneof![
        fragment(),
        (
            prop_oneof![Just("1".to_string()), "[0-9]{0,3}", fragment()],
            fragment(),
            fragment()
        )
            .prop_map(|(v, s, c)| format!("{v}|{s}|{c}")),
        ".{0,600}",
    ]
}

#[test]
fn stored_state_parse_survives_any_text() {
    check(
        "stored_state_parse_survives_any_text",
        cases(),
        stored_like(),
        |text| {
            match StoredState::parse(&text) {
                Ok(state) => {
                    prop_assert!(!state.scenario.is_empty());
                    prop_assert!(!state.scenario.contains('|') && !state.settings.contains('|'));
                    prop_assert_eq!(StoredState::parse(&state.to_text()), Ok(state.clone()));
                    prop_assert_eq!(state.to_text(), text);
                }
                Err(notice) => prop_assert!(notice.chars().count() <= MAX_MESSAGE_CHARS),
            }
            Ok(())
        },
    );
}

#[test]
fn stored_state_round_trips() {
    check(
        "stored_state_round_trips",
        cases(),
        (
            fragment().prop_filter("a scenario", |s| !s.is_empty() && !s.contains('|')),
            fragment().prop_filter("one field", |s| !s.contains('|')),
        ),
        |(scenario, settings)| {
            let state = StoredState { scenario, settings };
            prop_assert_eq!(StoredState::parse(&state.to_text()), Ok(state));
            Ok(())
        },
    );
}

/// The settings each scenario starts from, and the plain defaults: the
/// bases settings changes apply to.
fn bases() -> Vec<Settings> {
    let mut all = vec![Settings::default()];
    all.extend(catalog().iter().map(|s| s.settings()));
    all
}

/// Settings text: anything, or real control names with real or odd values.
fn settings_like() -> impl Strategy<Value = String> {
    let pair = (any::<Index>(), any::<Index>(), any::<bool>(), fragment()).prop_map(
        |(control, option, valid, odd)| {
            let c = control.get(CONTROLS);
            let value = if valid {
                option.get(c.options()).0.to_string()
            } else {
                odd
            };
            format!("{}:{value}", c.id)
        },
    );
    prop_oneof![
        fragment(),
        prop::collection::vec(prop_oneof![3 => pair, 1 => fragment()], 0..8)
            .prop_map(|parts| parts.join(",")),
    ]
}

#[test]
fn settings_decode_survives_any_text() {
    let bases = bases();
    check(
        "settings_decode_survives_any_text",
        cases(),
        (any::<Index>(), settings_like()),
        |(base, text)| {
            let base = base.get(&bases);
            match controls::decode(base, &text) {
                Ok(settings) => {
                    // Whatever was accepted is written back as a link would
                    // and read to the same settings.
                    let encoded = controls::encode(base, &settings);
                    prop_assert_eq!(controls::decode(base, &encoded), Ok(settings));
                }
                Err(message) => prop_assert!(message.chars().count() <= MAX_MESSAGE_CHARS),
            }
            Ok(())
        },
    );
}

#[test]
fn settings_changes_apply_and_round_trip() {
    let bases = bases();
    let changes = prop::collection::vec((any::<Index>(), any::<Index>()), 0..10);
    check(
        "settings_changes_apply_and_round_trip",
        cases(),
        (any::<Index>(), changes),
        |(base, changes)| {
            let base = base.get(&bases);
            // Valid changes, as the panel would make them.
            let pairs: Vec<(&controls::Control, String)> = changes
                .iter()
                .map(|(c, o)| {
                    let c = c.get(CONTROLS);
                    let value = o.get(c.options()).0.to_string();
                    (c, value)
                })
                .collect();
            let text = pairs
                .iter()
                .map(|(c, v)| format!("{}:{v}", c.id))
                .collect::<Vec<_>>()
                .join(",");
            let settings = controls::decode(base, &text);
            prop_assert!(settings.is_ok(), "{text}: {settings:?}");
            let settings = settings.unwrap_or_default();
            // The last value given for each control is what the panel shows.
            for (i, (c, v)) in pairs.iter().enumerate() {
                if pairs[i + 1..].iter().any(|(later, _)| later.id == c.id) {
                    continue;
                }
                prop_assert_eq!(c.current(&settings), v, "{}", c.label);
            }
            let encoded = controls::encode(base, &settings);
            prop_assert_eq!(controls::decode(base, &encoded), Ok(settings));
            Ok(())
        },
    );
}

/// The whole path a link or saved state takes into the page: parse, look
/// up the scenario, decode the settings, run the engine with the seed, put
/// the cursor on the step. Never a panic, the cursor always on an event,
/// every notice short.
#[test]
fn page_state_survives_any_link_or_saved_state() {
    let fresh = AppState::new();
    check(
        "page_state_survives_any_link_or_saved_state",
        (cases() / 10).max(1),
        (any_hash(), stored_like(), any::<bool>()),
        |(hash, stored, from_link)| {
            let mut state = fresh.clone();
            if from_link {
                state.apply(Action::OpenLink(hash));
            } else if let Ok(saved) = StoredState::parse(&stored) {
                state.restore(Some(&saved.scenario), Some(&saved.settings), None, None);
            }
            prop_assert!(!state.run.events.is_empty());
            prop_assert!(state.cursor <= state.last_index());
            prop_assert!(!state.playing);
            for notice in &state.notices {
                prop_assert!(
                    notice.chars().count() <= MAX_MESSAGE_CHARS,
                    "{} characters",
                    notice.chars().count()
                );
            }
            // The link the page then writes opens the same view.
            let mut reopened = fresh.clone();
            reopened.apply(Action::OpenLink(state.link().to_hash()));
            prop_assert_eq!(&reopened.notices, &Vec::<String>::new());
            prop_assert_eq!(&reopened.current().id, &state.current().id);
            prop_assert_eq!(&reopened.settings, &state.settings);
            prop_assert_eq!(reopened.seed, state.seed);
            prop_assert_eq!(reopened.cursor, state.cursor);
            Ok(())
        },
    );
}

/// Each byte that is not a letter or digit as `%XX`: how a value reaches a
/// link when someone builds one by hand, or a tool encodes everything.
fn percent_encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A hash carrying the labs' fields: a view, then any lab key with any
/// value, raw or percent-encoded.
fn lab_link() -> impl Strategy<Value = String> {
    let view = prop_oneof![
        Just("cookie".to_string()),
        Just("ids".to_string()),
        Just("matrix".to_string()),
        Just("compare".to_string()),
        Just("guide".to_string()),
        Just("progress".to_string()),
        fragment(),
    ];
    let key = prop_oneof![
        Just("ck-set"),
        Just("ck-from"),
        Just("ck-wait"),
        Just("ck-to"),
        Just("ck-ctx"),
        Just("ids-n"),
        Just("ids-rate"),
        Just("ids-live"),
        Just("cmp-s"),
        Just("cmp-c"),
        Just("ck-"),
        Just("view"),
    ];
    let part = (key, fragment(), any::<bool>())
        .prop_map(|(k, v, encode)| format!("{k}={}", if encode { percent_encoded(&v) } else { v }));
    (view, prop::collection::vec(part, 0..8)).prop_map(|(view, parts)| {
        let mut hash = format!("#v=1&view={view}");
        for p in parts {
            hash.push('&');
            hash.push_str(&p);
        }
        hash
    })
}

/// The labs' part of a link: read without a panic, every notice short; the
/// cookie lab runs on whatever the link typed into it; and the link the page
/// then writes opens the same lab with the same fields, without a notice.
#[test]
fn lab_links_survive_any_fields_and_round_trip() {
    check(
        "lab_links_survive_any_fields_and_round_trip",
        cases(),
        lab_link(),
        |hash| {
            let (labs, notices) = LabState::read(&hash);
            for notice in &notices {
                prop_assert!(notice.chars().count() <= MAX_MESSAGE_CHARS);
            }
            let result = cookie_lab::run(&labs.cookie);
            prop_assert!(result.lines.len() <= cookie_lab::MAX_LINES);
            let again = format!("#v=1{}", labs.to_hash_suffix());
            let (reread, renotices) = LabState::read(&again);
            prop_assert_eq!(renotices, Vec::<String>::new(), "{}", again);
            prop_assert_eq!(reread.view, labs.view);
            match labs.view {
                View::CookieLab => prop_assert_eq!(&reread.cookie, &labs.cookie),
                View::IdLab => prop_assert_eq!(reread.ids, labs.ids),
                View::Compare => prop_assert_eq!(&reread.compare, &labs.compare),
                _ => {}
            }
            Ok(())
        },
    );
}

/// Saved predictions: any text reads without a panic, every line is either
/// read or counted as dropped, and what the page writes reads back whole.
#[test]
fn saved_predictions_survive_any_text_and_round_trip() {
    check(
        "saved_predictions_survive_any_text",
        cases(),
        prop_oneof![
            any::<String>(),
            "1\n([a-z|yn:,-]{0,20}\n){0,8}",
            Just("1\ncsrf||y|y\ncsrf||n|n\n".to_string()),
        ],
        |text| {
            let (read, dropped) = predictions::parse(&text);
            let lines = text
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .count();
            prop_assert!(read.len() + dropped <= lines.max(1));
            let (again, none) = predictions::parse(&predictions::to_text(&read));
            prop_assert_eq!(none, 0);
            prop_assert_eq!(again, read);
            Ok(())
        },
    );
    let prediction = (
        "[a-z-]{1,12}",
        "[a-z:,-]{0,20}",
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(scenario, settings, said_in, was_in)| Prediction {
            scenario,
            settings,
            said_in,
            was_in,
        });
    check(
        "saved_predictions_round_trip",
        cases(),
        prop::collection::vec(prediction, 0..10),
        |mut all| {
            // One answer per scenario and settings: the first one counts.
            let mut seen = std::collections::HashSet::new();
            all.retain(|p| seen.insert((p.scenario.clone(), p.settings.clone())));
            prop_assert_eq!(predictions::parse(&predictions::to_text(&all)), (all, 0));
            Ok(())
        },
    );
}
