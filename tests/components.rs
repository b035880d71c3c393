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
    yew::Renderer::<session_lab::app::components::root::Root>::with_root(root.clone()).render();
    settle().await;
    assert!(root.inner_html().contains("Session Lab"));
}
