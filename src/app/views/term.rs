//! A term that explains itself. Each term on the page is a button that
//! opens the page's one explanation card (a native popover: above every
//! dialog, closed by Escape or a click elsewhere, next in the keyboard's
//! order after the button). The click names the term (`data-term`); the
//! root's single listener puts its glossary entry in the page state, which
//! fills the card before the browser shows it.

use crate::app::glossary::{self, Term};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The card's element id, which every term button targets.
const CARD: &str = "term-card";

/// `label` as a button that opens the explanation of `word`, or as plain
/// text when the glossary has no entry for it.
pub fn term(word: &str, label: &str) -> Html {
    match glossary::find(word) {
        Some(t) => button(t, "term", html! { { label.to_string() } }),
        None => html! { { label.to_string() } },
    }
}

/// `label` as a button of `class` that opens the explanation of `t`.
pub fn button(t: &'static Term, class: &'static str, label: Html) -> Html {
    html! {
        <button type="button" {class} data-term={t.word} popovertarget={CARD} popovertargetaction="show">{ label }</button>
    }
}

/// Hides the card (the page closed it).
pub fn hide_card() {
    let card = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(CARD))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(card) = card {
        // A card already hidden is left as it is (no error in Chromium 120+;
        // an older browser's error changes nothing either).
        let _ = card.hide_popover();
    }
}

/// The word a click landed on, if it landed on a term.
pub fn clicked(e: &MouseEvent) -> Option<String> {
    let target: web_sys::Element = e.target_dyn_into()?;
    target
        .closest("[data-term]")
        .ok()??
        .get_attribute("data-term")
}

/// The card, filled with the term last opened. `closed` runs when the
/// browser closes it (Escape, a click elsewhere).
pub fn card(term: Option<&'static Term>, closed: Callback<()>) -> Html {
    let ontoggle = Callback::from(move |e: Event| {
        let open = e
            .target_dyn_into::<web_sys::Element>()
            .is_some_and(|el| el.matches(":popover-open").unwrap_or(false));
        if !open {
            closed.emit(());
        }
    });
    html! {
        <div id={CARD} class="term-card" popover="auto" {ontoggle}>
            if let Some(t) = term {
                <p><b>{ t.word }</b>{ " " }{ t.says }</p>
                <p><a href={t.more} target="_blank" rel="noopener noreferrer">{ "Read more: " }{ t.source() }</a></p>
            }
        </div>
    }
}

/// A message's wire text with its terms as buttons: the method or the
/// status code, each header's name, and each `Set-Cookie` attribute.
pub fn wire(text: &str) -> Html {
    let line = |(i, line): (usize, &str)| {
        let body = if i == 0 {
            match line.strip_prefix("HTTP/1.1 ") {
                Some(status) => {
                    html! { <>{ "HTTP/1.1 " }{ term(status.get(..3).unwrap_or_default(), status) }</> }
                }
                None => match line.split_once(' ') {
                    Some((method, rest)) => {
                        html! { <>{ term(method, method) }{ " " }{ rest.to_string() }</> }
                    }
                    None => html! { { line.to_string() } },
                },
            }
        } else {
            match line.split_once(": ") {
                Some((name, value)) if glossary::find(name).is_some() => {
                    let value = if name.eq_ignore_ascii_case("set-cookie") {
                        value
                            .split("; ")
                            .enumerate()
                            .map(|(k, part)| match k {
                                0 => html! { { part.to_string() } },
                                _ => html! { <>{ "; " }{ term(part.split('=').next().unwrap_or_default(), part) }</> },
                            })
                            .collect::<Html>()
                    } else {
                        html! { { value.to_string() } }
                    };
                    html! { <>{ term(name, name) }{ ": " }{ value }</> }
                }
                _ => html! { { line.to_string() } },
            }
        };
        html! { <>{ if i > 0 { "\n" } else { "" } }{ body }</> }
    };
    text.lines().enumerate().map(line).collect()
}
