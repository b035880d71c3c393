//! The cookie lab: type `Set-Cookie` lines and the URL that sent them, let
//! time pass, and see which cookies a request (or a script) gets, with the
//! reason for every cookie refused or left out. The answers come from
//! [`crate::engine::cookie_lab::run`]; everything typed is shown as text.

use crate::app::format;
use crate::app::labs::{method_code, method_from_code, WAIT_UNITS};
use crate::app::state::{Action, AppState};
use crate::app::views::browser_lane::{cookie_outcomes, jar_table};
use crate::app::views::reason_badge::reason_badge;
use crate::engine::choice::Choice;
use crate::engine::cookie_lab::{self, CookieLabInput, LineSource, Reader, METHODS, PRESETS};
use crate::engine::cookies::Initiator;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The lab as a view of the page state: a plain function, not a component,
/// since every extra component type costs the page kilobytes of Yew code.
#[inline(never)] // compiled when the lab opens, not at start-up: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let input = state.labs.cookie.clone();
    let unit = state.labs.wait_unit.max(1);
    // Microseconds of work: computed on every render, no cache needed.
    let result = cookie_lab::run(&input);

    // Every field edits a copy of the input and sends it whole.
    let edit = |f: fn(&mut CookieLabInput, String)| {
        let dispatch = dispatch.clone();
        let input = input.clone();
        move |value: String| {
            let mut next = input.clone();
            f(&mut next, value);
            dispatch.emit(Action::SetCookieLab(next));
        }
    };
    let on_text = |f: fn(&mut CookieLabInput, String)| {
        let edit = edit(f);
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            edit(el.value());
        })
    };
    let on_select = |f: fn(&mut CookieLabInput, String)| {
        let edit = edit(f);
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            edit(el.value());
        })
    };
    let on_lines = {
        let edit = edit(|i, v| i.lines = v);
        Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            edit(el.value());
        })
    };
    let on_wait = {
        let dispatch = dispatch.clone();
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            // An empty or odd field means no wait; the field keeps what
            // was typed until it reads as a number.
            let amount = el.value().trim().parse::<u64>().unwrap_or(0);
            let mut next = input.clone();
            next.wait_secs = amount.saturating_mul(unit).min(cookie_lab::MAX_WAIT_SECS);
            dispatch.emit(Action::SetCookieLab(next));
        })
    };
    let on_unit = {
        let dispatch = dispatch.clone();
        let input = input.clone();
        let amount = input.wait_secs / unit;
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let new_unit = el.value().parse::<u64>().unwrap_or(1);
            let mut next = input.clone();
            next.wait_secs = amount
                .saturating_mul(new_unit)
                .min(cookie_lab::MAX_WAIT_SECS);
            dispatch.emit(Action::SetWaitUnit(new_unit));
            dispatch.emit(Action::SetCookieLab(next));
        })
    };
    let preset_buttons = PRESETS.iter().map(|p| {
        let dispatch = dispatch.clone();
        let current = p.input() == input;
        let onclick = Callback::from(move |_| {
            let next = p.input();
            dispatch.emit(Action::SetWaitUnit(crate::app::labs::wait_unit_for(
                next.wait_secs,
            )));
            dispatch.emit(Action::SetCookieLab(next));
        });
        html! {
            <li><button type="button" aria-pressed={current.to_string()} {onclick}>{ p.title }</button></li>
        }
    });
    let lesson = PRESETS
        .iter()
        .find(|p| p.input() == input)
        .map(|p| p.lesson);

    let option = |value: &str, label: &'static str, selected: bool| {
        html! { <option value={value.to_string()} {selected}>{ label }</option> }
    };
    let outcomes: Vec<_> = result.lines.iter().map(|l| l.outcome.clone()).collect();
    let script_lines = result
        .lines
        .iter()
        .filter(|l| l.source == LineSource::Script)
        .count();
    let header_text = match &result.header {
        Some(Some(h)) => format!("Cookie: {h}"),
        Some(None) => "(no Cookie header: nothing to send)".to_string(),
        None => String::new(),
    };

    html! {
        <section class="lab cookie-lab" aria-labelledby="cookie-lab-title">
            <h2 id="cookie-lab-title">{ "Cookie lab" }</h2>
            <p class="lab-intro">{ "Type the Set-Cookie lines a server sends and the URL it sent them from, let time pass, then ask which cookies a later request carries. The same cookie jar as in the scenarios decides, and says why." }</p>
            <div class="presets">
                <h3 id="ck-presets">{ "Try a preset" }</h3>
                <ul aria-labelledby="ck-presets">{ for preset_buttons }</ul>
                if let Some(lesson) = lesson {
                    <p class="lesson">{ lesson }</p>
                }
            </div>
            <div class="lab-grid">
                <form class="lab-input" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ "1. A response sets cookies" }</legend>
                        <label for="ck-from">{ "Response URL" }</label>
                        <input id="ck-from" type="text" spellcheck="false" autocomplete="off"
                            value={input.response_url.clone()} oninput={on_text(|i, v| i.response_url = v)} />
                        <label for="ck-set">{ "Set-Cookie lines" }</label>
                        <textarea id="ck-set" rows="6" spellcheck="false" aria-describedby="ck-set-help"
                            value={input.lines.clone()} oninput={on_lines} />
                        <p class="explain" id="ck-set-help">{ "One cookie per line, with or without \"Set-Cookie:\". A line document.cookie = \"...\" is a script on that page writing a cookie." }</p>
                    </fieldset>
                    <fieldset>
                        <legend>{ "2. Time passes" }</legend>
                        <div class="row">
                            <label for="ck-wait">{ "Wait" }</label>
                            <input id="ck-wait" type="number" min="0" inputmode="numeric"
                                value={(input.wait_secs / unit).to_string()} oninput={on_wait} />
                            <select aria-label="Unit" onchange={on_unit}>
                                { for WAIT_UNITS.iter().map(|(u, label)| html! {
                                    <option value={u.to_string()} selected={*u == unit}>{ *label }</option>
                                }) }
                            </select>
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{ "3. A request, or a script, asks" }</legend>
                        <label for="ck-to">{ "Request URL" }</label>
                        <input id="ck-to" type="text" spellcheck="false" autocomplete="off"
                            value={input.request_url.clone()} oninput={on_text(|i, v| i.request_url = v)} />
                        <label for="ck-reader">{ "Who asks" }</label>
                        <select id="ck-reader" onchange={on_select(|i, v| if let Some(r) = Reader::from_code(&v) { i.reader = r })}>
                            { for Reader::ALL.iter().map(|r| option(r.code(), r.option_label(), *r == input.reader)) }
                        </select>
                        if input.reader != Reader::Script {
                            <label for="ck-initiator">{ "Started by" }</label>
                            // The selects offer only listed codes: another value
                            // cannot arrive, and would leave the input as it was.
                            <select id="ck-initiator" onchange={on_select(|i, v| if let Some(x) = Initiator::from_code(&v) { i.initiator = x })}>
                                { for Initiator::ALL.iter().map(|x| option(x.code(), x.option_label(), *x == input.initiator)) }
                            </select>
                            <label for="ck-method">{ "Method" }</label>
                            <select id="ck-method" onchange={on_select(|i, v| if let Some(m) = method_from_code(&v) { i.method = m })}>
                                { for METHODS.iter().map(|m| option(method_code(*m), m.as_str(), *m == input.method)) }
                            </select>
                        }
                    </fieldset>
                </form>
                <div class="lab-output" aria-live="polite">
                    if !result.problems.is_empty() {
                        <ul class="problems">
                            { for result.problems.iter().map(|p| html! { <li><span class="notice-word">{ "Check: " }</span>{ p }</li> }) }
                        </ul>
                    }
                    <h3>{ "What the browser did with each line" }</h3>
                    if outcomes.is_empty() {
                        <p class="empty">{ "No lines yet." }</p>
                    } else {
                        { cookie_outcomes(&outcomes) }
                    }
                    if script_lines > 0 {
                        <p class="muted">{ format!("{script_lines} line(s) were script writes (document.cookie).") }</p>
                    }
                    <h3>{ format!("The jar {} later, at the request", format::duration(input.wait_secs.saturating_mul(1000))) }</h3>
                    if result.expired.is_empty() {
                        <p class="muted">{ "No cookie expired meanwhile." }</p>
                    } else {
                        <p>{ "Expired and deleted: " }
                            { for result.expired.iter().map(|c| html! { <code>{ &c.name }{ " " }</code> }) }</p>
                    }
                    { jar_table(&result.jar, None, "The cookie jar at the moment of the request", None) }
                    if input.reader != Reader::Script {
                        <h3>{ "The Cookie header sent" }</h3>
                        <p class="mono cookie-sent">{ header_text }</p>
                        { for result.lax_allowing_unsafe.iter().map(|name| html! {
                            <p class="note lax-allowing-unsafe">
                                <code>{ name }</code>
                                { " " }{ crate::engine::cookies::jar::LAX_ALLOWING_UNSAFE_WHY }
                            </p>
                        }) }
                        if !result.excluded.is_empty() {
                            <h3>{ "Left out, and why" }</h3>
                            <ul class="outcomes excluded">
                                { for result.excluded.iter().map(|(c, r)| html! {
                                    <li class="bad"><code>{ &c.name }</code>{ " " }{ reason_badge(*r) }</li>
                                }) }
                            </ul>
                        }
                    }
                    if let Some(read) = &result.script {
                        <h3>{ "What a script on the request URL reads: " }<code>{ "document.cookie" }</code></h3>
                        <p class="mono script-view">{ if read.value.is_empty() { "\"\" (nothing)".to_string() } else { format!("\"{}\"", read.value) } }</p>
                        if !read.hidden.is_empty() {
                            <ul class="outcomes hidden-from-script">
                                { for read.hidden.iter().map(|(c, r)| html! {
                                    <li class="bad">{ "Hidden: " }<code>{ &c.name }</code>{ " " }{ reason_badge(*r) }</li>
                                }) }
                            </ul>
                        }
                    }
                </div>
            </div>
        </section>
    }
}
