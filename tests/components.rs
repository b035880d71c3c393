//! Component tests: Yew components rendered in headless Chromium through
//! wasm-bindgen-test. Run with `cargo test --target wasm32-unknown-unknown
//! --test components` (the README's test command does).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to render into, attached to the document.
fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets Yew's scheduler run the pending renders.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn root_renders_the_title() {
    let root = mount_point();
    yew::Renderer::<session_lab::app::views::root::Root>::with_root(root.clone()).render();
    settle().await;
    assert!(root.inner_html().contains("Session Lab"));
}

use session_lab::app::state::{Action, AppState, SameRun};
use session_lab::app::views::browser_lane;
use session_lab::app::views::defense_panel;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The login scenario's first event whose browser snapshot holds a cookie.
fn event_with_cookie() -> session_lab::engine::event::Event {
    let state = AppState::new();
    state
        .run
        .events
        .iter()
        .find(|e| !e.snapshot.browser.jar.is_empty())
        .cloned()
        .expect("the login scenario stores a cookie")
}

#[wasm_bindgen_test]
async fn browser_lane_renders_the_jar_from_a_snapshot() {
    let event = event_with_cookie();
    let cookie = event.snapshot.browser.jar[0].clone();
    let root = mount_point();
    #[derive(Properties, PartialEq)]
    struct Props {
        event: session_lab::engine::event::Event,
    }
    #[component]
    fn Harness(props: &Props) -> Html {
        browser_lane::view(&props.event, &[], true, None)
    }
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), Props { event }).render();
    settle().await;
    let rows = root.query_selector_all("table.jar tbody tr").unwrap();
    assert_eq!(rows.length(), 1);
    let html = root.inner_html();
    assert!(html.contains(&cookie.name), "{html}");
    // New since the previous (empty) jar: marked with a word, not only colour.
    assert!(html.contains("new"));
    assert!(html.contains("document.cookie"));
}

/// Renders one view of the first state into a fresh mount point, and
/// records every action the view dispatches.
async fn render_recording(
    view: fn(&AppState, &Callback<Action>) -> Html,
) -> (web_sys::Element, Rc<RefCell<Vec<Action>>>) {
    #[derive(Properties, PartialEq)]
    struct Props {
        // A callback, not the function itself: Yew compares props, and a
        // callback compares by identity.
        view: Callback<Callback<Action>, Html>,
        dispatch: Callback<Action>,
    }
    #[component]
    fn Harness(props: &Props) -> Html {
        props.view.emit(props.dispatch.clone())
    }
    let seen: Rc<RefCell<Vec<Action>>> = Rc::default();
    let dispatch = {
        let seen = seen.clone();
        Callback::from(move |a| seen.borrow_mut().push(a))
    };
    let view = Callback::from(move |dispatch: Callback<Action>| view(&AppState::new(), &dispatch));
    let root = mount_point();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), Props { view, dispatch }).render();
    settle().await;
    (root, seen)
}

/// The element a selector finds under `root`, which the test needs.
fn html_element(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_httponly_control_dispatches_its_action() {
    let (root, seen) = render_recording(defense_panel::view).await;
    // Found by its label, as a screen reader would.
    let label = root
        .query_selector("label[for='ctl-http-only']")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().unwrap(), "HttpOnly");
    html_element(&root, "#ctl-http-only").click();
    settle().await;
    assert_eq!(
        seen.borrow().as_slice(),
        &[Action::SetToggle {
            control: "http-only",
            on: true
        }]
    );
}

#[wasm_bindgen_test]
async fn a_click_on_a_timeline_step_jumps_to_that_step() {
    // One listener serves the whole timeline: a click on a step's button
    // (or on its number inside) names that step; a click between steps
    // names none.
    use session_lab::app::views::playback;
    // Without the picker and the export menu the playback line shows in
    // the page: the timeline is what is under test.
    let (root, seen) =
        render_recording(|state, dispatch| playback::view(state, dispatch, html! {}, html! {}))
            .await;
    let step = |n: usize| html_element(&root, &format!(".timeline li:nth-child({n}) button"));
    assert_eq!(
        step(4)
            .get_attribute("aria-label")
            .as_deref()
            .map(|l| l.starts_with("Step 4:")),
        Some(true)
    );
    step(4).click();
    step(1).click();
    html_element(&root, ".timeline").click();
    settle().await;
    assert_eq!(
        seen.borrow().as_slice(),
        &[Action::SetCursor(3), Action::SetCursor(0)]
    );
}

// The sequence diagram, from a real run: its arrows, chips, notes and
// deciding mark match the model, and drawing it dispatches nothing (clicks
// and keys are tested end to end in tests/e2e/diagram.spec.mjs).
use session_lab::app::diagram::model::{Diagram, Row};
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::world::{run, Run};

fn run_of(id: &str) -> Rc<Run> {
    let s = catalog().into_iter().find(|s| s.id == id).unwrap();
    Rc::new(run(&s, &s.settings(), Seed::default()))
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[derive(Properties, PartialEq)]
struct DiagramHarnessProps {
    run: SameRun,
    cursor: usize,
    dispatch: Callback<Action>,
}

/// The diagram as the root draws it: its hooks, then its view.
#[component]
fn DiagramHarness(props: &DiagramHarnessProps) -> Html {
    let kept = session_lab::app::diagram::view::use_diagram(&props.run, props.cursor, false, true);
    session_lab::app::diagram::view::view(
        &kept,
        &props.run,
        props.cursor,
        false,
        false,
        &props.dispatch,
    )
}

#[wasm_bindgen_test]
async fn the_diagram_shows_the_runs_arrows_chips_notes_and_deciding_mark() {
    let run = run_of("fixation-url");
    let model = Diagram::of_run(&run);
    let last = run.events.len() - 1;
    let actions = Rc::new(RefCell::new(Vec::new()));
    let dispatch = {
        let actions = actions.clone();
        Callback::from(move |a: Action| actions.borrow_mut().push(a))
    };
    let root = mount_point();
    let props = DiagramHarnessProps {
        run: SameRun(run.clone()),
        cursor: last,
        dispatch,
    };
    yew::Renderer::<DiagramHarness>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let arrows = model.arrows().count() as u32;
    let chips: usize = model.arrows().map(|(_, a)| a.chips.len()).sum();
    let notes = model
        .rows
        .iter()
        .filter(|r| matches!(r, Row::Note(_)))
        .count() as u32;
    assert_eq!(count(&root, ".seq .msg"), arrows);
    assert_eq!(count(&root, ".seq .chip"), chips as u32);
    assert_eq!(count(&root, ".seq .note"), notes);
    assert_eq!(count(&root, ".seq .row.deciding"), 1);
    assert!(count(&root, ".seq .chip.known") > 0);
    assert_eq!(
        count(&root, ".diagram-legend .legend-item"),
        model.lifelines.len() as u32 + 1
    );
    // Nothing was dispatched by drawing (clicks are covered end to end).
    assert!(actions.borrow().is_empty());
}

/// The text of the first element under `root` that `selector` finds.
fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Every scenario, every step, in the page as a student opens it: each
/// panel shows what that step's snapshot holds (the address bar, the jar
/// and what a script reads, the server's sessions, what the attacker knows
/// and is doing), never a neighbour step's. The snapshots themselves are
/// checked for holding together in `tests/engine_snapshots.rs`.
#[wasm_bindgen_test]
async fn every_panel_shows_its_own_steps_snapshot() {
    let root = mount_point();
    yew::Renderer::<session_lab::app::views::root::Root>::with_root(root.clone()).render();
    settle().await;
    let ids: Vec<String> = AppState::new()
        .scenarios
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let mut checked = 0;
    for id in ids {
        let mut expected = AppState::new();
        expected.apply(Action::OpenLink(format!("#v=1&s={id}")));
        let events = expected.run.events.clone();
        // The scenario from the picker and each step by a click on its
        // button in the timeline, as a student would (not by link: other
        // tests' pages listen to the same window's hash).
        let select: web_sys::HtmlSelectElement = root
            .query_selector("#scenario-select")
            .unwrap()
            .unwrap()
            .unchecked_into();
        select.set_value(&id);
        select
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        let mut tries = 0;
        while !text_of(&root, ".step-label").starts_with("Step 1 ·") && tries < 100 {
            settle().await;
            tries += 1;
        }
        for (i, e) in events.iter().enumerate() {
            let at = format!("{id}, step {}", i + 1);
            let label = format!("Step {} ·", i + 1);
            if let Some(tick) = root
                .query_selector(&format!(".timeline button[data-step=\"{i}\"]"))
                .unwrap()
            {
                tick.unchecked_into::<web_sys::HtmlElement>().click();
            }
            let mut tries = 0;
            while !text_of(&root, ".step-label").starts_with(&label) && tries < 100 {
                settle().await;
                tries += 1;
            }
            let shown = text_of(&root, ".step-label");
            assert!(
                shown.starts_with(&label),
                "{at}: not shown (the page shows {shown:?})"
            );
            let b = &e.snapshot.browser;
            let address = if b.address_bar.is_empty() {
                "about:blank"
            } else {
                &b.address_bar
            };
            assert_eq!(
                text_of(&root, ".lane.browser .address-bar .mono"),
                address,
                "{at}"
            );
            assert_eq!(
                count(&root, ".lane.browser > table.jar tbody tr") as usize,
                b.jar.len(),
                "{at}: jar"
            );
            let script = text_of(&root, ".lane.browser .script-view");
            if b.document_cookie.is_empty() {
                assert!(script.contains("(nothing)"), "{at}: {script}");
            } else {
                for pair in b.document_cookie.split("; ") {
                    let name = pair.split_once('=').map_or(pair, |(n, _)| n);
                    assert!(script.contains(name), "{at}: {script} lacks {name}");
                }
            }
            let server = &e.snapshot.server;
            let titles = |selector: &str| -> Vec<String> {
                let list = root.query_selector_all(selector).unwrap();
                (0..list.length())
                    .filter_map(|n| list.item(n))
                    .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
                    .filter_map(|el| el.get_attribute("title"))
                    .collect()
            };
            let store: Vec<String> = server.sessions.iter().map(|s| s.id.to_string()).collect();
            assert_eq!(
                titles(".lane.server table.sessions td.id"),
                store,
                "{at}: sessions"
            );
            let jar: Vec<String> = b.jar.iter().map(|c| c.value.clone()).collect();
            assert_eq!(
                titles(".lane.browser > table.jar td.value"),
                jar,
                "{at}: jar values"
            );
            let attacker = &e.snapshot.attacker;
            assert_eq!(
                count(&root, ".lane.attacker ul.known li") as usize,
                attacker.known_ids.len(),
                "{at}: known IDs"
            );
            let move_ = if attacker.current_move.is_empty() {
                "Waiting."
            } else {
                &attacker.current_move
            };
            assert_eq!(
                text_of(&root, ".lane.attacker .move"),
                move_,
                "{at}: current move"
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} steps");
}
