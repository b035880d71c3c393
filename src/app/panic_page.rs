//! What a class sees if the app ever panics: a clear message and a one-click
//! reset, instead of a frozen page. WebAssembly cannot unwind, so the hook
//! runs before the module dies and replaces the page through the DOM.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        show(&detail);
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    body.set_inner_html("");
    let build = || -> Option<()> {
        let main = document.create_element("main").ok()?;
        main.set_class_name("crash");
        main.set_attribute("role", "alert").ok()?;
        let h1 = document.create_element("h1").ok()?;
        h1.set_text_content(Some("Session Lab stopped"));
        let p = document.create_element("p").ok()?;
        p.set_text_content(Some(
            "Something went wrong inside the simulation. Your saved settings may be the cause: \
             the button below clears them and starts again.",
        ));
        let pre = document.create_element("pre").ok()?;
        // Text, never markup: the panic message may echo user input.
        pre.set_text_content(Some(detail));
        let button = document.create_element("button").ok()?;
        button.set_text_content(Some("Reset and reload"));
        button.set_id("crash-reset");
        let onclick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                if let Ok(Some(storage)) = w.local_storage() {
                    let _ = storage.clear();
                }
                let location = w.location();
                let _ = location.set_hash("");
                let _ = location.reload();
            }
        });
        button
            .dyn_ref::<web_sys::HtmlElement>()?
            .set_onclick(Some(onclick.as_ref().unchecked_ref()));
        // The page is gone after a panic; keeping the closure alive is right.
        onclick.forget();
        main.append_child(&h1).ok()?;
        main.append_child(&p).ok()?;
        main.append_child(&button).ok()?;
        main.append_child(&pre).ok()?;
        body.append_child(&main).ok()?;
        Some(())
    };
    let _ = build();
}
