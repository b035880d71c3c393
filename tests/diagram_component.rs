//! The sequence diagram's component, rendered in headless Chromium from a
//! real run: its arrows, chips, notes and deciding mark match the model,
//! and drawing it dispatches nothing (clicks and keys are tested end to end in tests/e2e/diagram.spec.mjs). Run with `cargo test
//! --target wasm32-unknown-unknown --test diagram_component`.
#![cfg(target_arch = "wasm32")]

use session_lab::app::diagram::model::{Diagram, Row};
use session_lab::app::diagram::view::SequenceDiagram;
use session_lab::app::state::Action;
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::catalog;
use session_lab::engine::world::{run, Run};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

fn run_of(id: &str) -> Rc<Run> {
    let s = catalog().into_iter().find(|s| s.id == id).unwrap();
    Rc::new(run(&s, &s.settings(), Seed::default()))
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
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
    let props = session_lab::app::diagram::view::Props {
        run: run.clone(),
        cursor: last,
        pending: false,
        dispatch,
        projector: false,
        narrowed: false,
    };
    yew::Renderer::<SequenceDiagram>::with_root_and_props(root.clone(), props).render();
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
