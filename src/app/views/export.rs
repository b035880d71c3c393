//! Export buttons for the run on screen: its event log as JSON and its
//! traffic as a HAR 1.2 file, built by [`crate::engine::har`] and handed to
//! the browser as a download (a Blob, an object URL, an `<a download>`
//! click). Nothing leaves the machine: the file is made in the page.

use crate::app::diagram::{mermaid::mermaid, model::Diagram, svg::svg};
use crate::app::state::{Action, AppState};
use crate::engine::har::{event_log_json, har, LogHead};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Offers `text` to the user as a file called `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started; the URL is no longer needed once it has.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The export buttons, for the scenarios view.
pub fn buttons(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let base = format!("session-lab-{}-seed{}", state.current().id, state.seed.0);
    let on_json = {
        let run = state.run.clone();
        let (scenario, title) = (state.current().id.clone(), state.current().title.clone());
        let (seed, settings) = (state.seed.0, state.settings_changes());
        offer(
            dispatch,
            format!("{base}-events.json"),
            "application/json",
            Box::new(move || {
                event_log_json(
                    &run,
                    &LogHead {
                        scenario: &scenario,
                        title: &title,
                        seed,
                        settings: &settings,
                    },
                )
            }),
        )
    };
    let on_har = {
        let run = state.run.clone();
        let title = state.current().title.clone();
        offer(
            dispatch,
            format!("{base}.har"),
            "application/json",
            Box::new(move || har(&run, &title)),
        )
    };
    // The sequence diagram, drawn from the same run: for slides and
    // handouts (SVG) and for notes that render it (Mermaid).
    let diagram_file =
        |ext: &'static str, mime: &'static str, draw: fn(&Diagram, &str) -> String| {
            let run = state.run.clone();
            let title = state.current().title.clone();
            offer(
                dispatch,
                format!("{base}-diagram.{ext}"),
                mime,
                Box::new(move || draw(&Diagram::of_run(&run), &title)),
            )
        };
    let on_svg = diagram_file("svg", "image/svg+xml", svg);
    let on_mermaid = diagram_file("mmd", "text/plain", mermaid);
    html! {
        // A menu that steps aside: the exports are for after class, the
        // room needs the diagram.
        <details class="exports">
            <summary>{ "Export" }</summary>
            <div class="export-menu" role="group" aria-label="Export this run">
                <button type="button" onclick={on_json}>{ "Event log (JSON)" }</button>
                <button type="button" onclick={on_har}>{ "Traffic (HAR)" }</button>
                <button type="button" onclick={on_svg}>{ "Diagram (SVG)" }</button>
                <button type="button" onclick={on_mermaid}>{ "Diagram (Mermaid)" }</button>
            </div>
        </details>
    }
}

/// A button's click: `make` builds the file, which is offered as `name`.
/// One non-generic function (the file's maker boxed) for the four buttons,
/// rather than a copy of the download and its error notice in each.
fn offer(
    dispatch: &Callback<Action>,
    name: String,
    mime: &'static str,
    make: Box<dyn Fn() -> String>,
) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| {
        if download(&name, mime, &make()).is_err() {
            dispatch.emit(Action::Notice("The browser refused the download.".into()));
        }
    })
}
