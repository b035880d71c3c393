//! The labs in the page state: views, links and "predict, then reveal",
//! through `AppState::apply` as the page drives it (natively, no browser).

use session_lab::app::labs::{View, ID_COUNT_MAX};
use session_lab::app::state::{Action, AppState};
use session_lab::engine::cookie_lab::Reader;

fn reopened(state: &AppState) -> AppState {
    let mut fresh = AppState::new();
    fresh.apply(Action::OpenLink(state.link_hash()));
    fresh
}

#[test]
fn every_view_and_its_lab_survive_the_link() {
    let mut state = AppState::new();
    for view in View::NAV {
        state.apply(Action::SetView(view));
        let again = reopened(&state);
        assert_eq!(again.labs.view, view);
        assert!(again.notices.is_empty(), "{:?}", again.notices);
    }

    state.apply(Action::SetView(View::CookieLab));
    let mut input = state.labs.cookie.clone();
    input.lines = "a=1; Secure\n<b>bold</b>=&%".into();
    input.reader = Reader::Script;
    input.wait_secs = 3600;
    state.apply(Action::SetCookieLab(input.clone()));
    assert_eq!(reopened(&state).labs.cookie, input);

    state.apply(Action::SetView(View::IdLab));
    let mut form = state.labs.ids;
    form.count = ID_COUNT_MAX;
    form.rate = 42;
    state.apply(Action::RequestIds(form));
    assert_eq!(reopened(&state).labs.ids, form);

    state.apply(Action::SetView(View::Compare));
    let mut cmp = state.labs.compare.clone();
    cmp.scenario = "csrf".into();
    cmp.control = "csrf-token";
    cmp.value = "on".into();
    state.apply(Action::SetCompare(cmp.clone()));
    assert_eq!(reopened(&state).labs.compare, cmp);
}

#[test]
fn a_malformed_lab_field_is_a_notice_and_the_view_still_opens() {
    let mut state = AppState::new();
    state.apply(Action::OpenLink(
        "#v=1&view=ids&ids-n=many&ids-live=0".into(),
    ));
    assert_eq!(state.labs.view, View::IdLab);
    assert_eq!(state.notices.len(), 2, "{:?}", state.notices);
    assert!(state
        .notices
        .iter()
        .all(|n| n.contains("could not be read")));
}

#[test]
fn predict_then_reveal() {
    let mut state = AppState::new();
    state.apply(Action::OpenLink(
        "#v=1&s=hijack-xss&predict=1&step=9999".into(),
    ));
    assert!(state.predict);
    assert!(state.link_hash().contains("predict=1"));
    assert!(state.prediction_pending());
    // A changed setting does not reveal its outcome before the answer.
    state.apply(Action::SetToggle {
        control: "http-only",
        on: true,
    });
    assert!(state.prediction_pending());
    let change = state.outcome_change.clone().unwrap_or_default();
    assert!(change.contains("Predict before"), "{change}");
    assert!(!change.contains("no longer"), "{change}");

    state.apply(Action::Predict(false));
    assert!(!state.prediction_pending());
    let p = state.prediction().expect("recorded").clone();
    assert!(!p.said_in && !p.was_in && p.is_right());
    // A second answer for the same run changes nothing.
    state.apply(Action::Predict(true));
    assert_eq!(state.predictions.len(), 1);

    state.apply(Action::ResetPredictions);
    assert!(state.predictions.is_empty());

    // Without predict=1 nothing is asked.
    let mut plain = AppState::new();
    plain.apply(Action::OpenLink("#v=1&s=hijack-xss&step=9999".into()));
    assert!(!plain.prediction_pending());
}

/// Predict first, switched on from the page: every attack stops before the
/// step that decides it, however the student moves (playing, stepping,
/// clicking a later step), and the answer reveals that step.
#[test]
fn predict_first_holds_every_attack_before_its_deciding_step() {
    let mut state = AppState::new();
    state.apply(Action::TogglePredict);
    assert!(state.predict);
    assert!(
        state.link_hash().contains("predict=1"),
        "the link keeps the mode"
    );
    let ids: Vec<String> = state.scenarios.iter().map(|s| s.id.clone()).collect();
    let mut attacks = 0;
    for id in ids {
        state.apply(Action::SelectScenario(id.clone()));
        let Some(deciding) = state.run.verdict.as_ref().map(|v| v.deciding_event) else {
            // An everyday scenario asks nothing and plays to its end.
            assert!(!state.awaiting_prediction(), "{id}");
            state.apply(Action::SetCursor(usize::MAX));
            assert_eq!(state.cursor, state.last_index(), "{id}");
            continue;
        };
        attacks += 1;
        let gate = deciding.saturating_sub(1);
        assert!(state.awaiting_prediction(), "{id}");
        // Autoplay stops at the step before the deciding one.
        state.apply(Action::TogglePlay);
        for _ in 0..state.run.events.len() + 2 {
            state.apply(Action::Tick);
        }
        assert!(!state.playing, "{id}: playback stops at the question");
        assert_eq!(state.cursor, gate, "{id}");
        assert!(state.prediction_pending(), "{id}");
        assert!(!state.verdict_reached(), "{id}");
        // Neither a step nor a click on a later step passes the question.
        state.apply(Action::StepForward);
        state.apply(Action::SetCursor(deciding));
        state.apply(Action::SetCursor(usize::MAX));
        assert_eq!(state.cursor, gate, "{id}");
        // The answer reveals the deciding step; the rest of the run follows.
        let got_in = state
            .run
            .verdict
            .as_ref()
            .is_some_and(|v| v.attacker_got_in);
        state.apply(Action::Predict(!got_in));
        assert!(!state.awaiting_prediction(), "{id}");
        assert_eq!(state.cursor, deciding, "{id}");
        let p = state.prediction().expect("recorded");
        assert!(!p.is_right(), "{id}: the wrong answer is scored wrong");
        state.apply(Action::SetCursor(usize::MAX));
        assert!(state.verdict_reached(), "{id}");
    }
    assert!(attacks > 0);
    // Switched off, nothing is held back.
    state.apply(Action::TogglePredict);
    state.apply(Action::ResetPredictions);
    state.apply(Action::SetCursor(usize::MAX));
    assert_eq!(state.cursor, state.last_index());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;
    use session_lab::app::labs::LabState;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        /// Any hash: no panic, short notices, and what was read is written
        /// back and read again the same.
        #[test]
        fn lab_fields_survive_any_hash(hash in prop_oneof![
            any::<String>(),
            "(&(view|ck-set|ck-from|ck-to|ck-wait|ck-ctx|ids-n|ids-rate|ids-live|cmp-s|cmp-c)=[a-z0-9%:.,&=-]{0,12}){0,8}",
        ]) {
            let (state, notices) = LabState::read(&hash);
            for n in &notices {
                prop_assert!(n.chars().count() <= 300);
            }
            let suffix = state.to_hash_suffix();
            prop_assert!(suffix.is_ascii());
            let (again, notices) = LabState::read(&suffix);
            prop_assert!(notices.is_empty(), "{:?}", notices);
            prop_assert_eq!(again.to_hash_suffix(), suffix);
        }
    }
}

/// The guide's misconception links open the step that refutes each: the
/// deciding step of that run, with the outcome the guide states. A change
/// in the engine that moves the step fails here, not silently in class.
#[test]
fn the_guides_misconception_links_open_their_deciding_steps() {
    let guide = session_lab::app::guide_text::GUIDE;
    let mut links = 0;
    for part in guide.split("<a class=\"refutes\" ").skip(1) {
        let verdict = part
            .split("data-verdict=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("data-verdict");
        let href = part
            .split("href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("href")
            .replace("&amp;", "&");
        let mut state = AppState::new();
        state.apply(Action::OpenLink(href.clone()));
        assert!(state.notices.is_empty(), "{href}: {:?}", state.notices);
        let v = state.run.verdict.as_ref().expect("an attack");
        assert_eq!(
            state.cursor, v.deciding_event,
            "{href}: not its deciding step"
        );
        assert_eq!(v.attacker_got_in, verdict == "in", "{href}");
        links += 1;
    }
    assert!(links >= 5, "{links} links");
}
