//! The sequence diagram in the page: playback draws it.
//!
//! Rows up to the cursor are drawn, later ones are not there yet; the
//! current arrow grows from its sender to its receiver (a CSS animation
//! that `prefers-reduced-motion` turns off, leaving the same picture
//! still). A click on a row, or Enter on a focused one, moves the cursor
//! there. The deciding step is marked once the cursor has reached it (and
//! not while a prediction is still awaited). Colours come from the style
//! sheet (`styles/diagram.css`), never from `style` attributes, which the
//! page's Content-Security-Policy forbids; positions are SVG attributes.
//!
//! What it keeps between steps (the run's diagram, computed once per run;
//! its layout for the box's width; the box, whose current row it scrolls
//! into view) lives in hooks the root calls ([`use_diagram`]); drawing is a
//! plain function, like the lanes (a component type of its own would add a
//! copy of Yew's component machinery to the module: see views.rs).

use super::model::{Arrow, ArrowKind, ChipKind, Diagram, Lifeline, Note, Row, Tone};
use super::svg::{chip_text, chip_width, Geometry, CHAR_W, DECIDING_H, FOOT_H, HEAD_H, LEFT};
use crate::app::id_nickname::KNOWN_BADGE;
use crate::app::state::{Action, SameRun};
use crate::engine::event::EventKind;
use crate::engine::world::Run;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the diagram keeps between renders.
pub struct Kept {
    /// The run's diagram, computed once per run.
    pub diagram: Rc<Diagram>,
    /// Its layout for the box's current width.
    pub geometry: Rc<Geometry>,
    /// The scroll box, which the view attaches.
    pub scroller: NodeRef,
}

/// In projector mode the drawing is made for a box this many times
/// narrower than the real one and scaled up to fill it: labels, chips and
/// notes all grow together, and the chips' widths (estimated from their
/// characters) stay right.
const PROJECTOR_ZOOM: f64 = 1.25;

/// The width of the diagram's box, in CSS pixels.
fn box_width(scroller: &NodeRef) -> Option<u32> {
    let w = scroller.cast::<web_sys::Element>()?.client_width();
    u32::try_from(w).ok().filter(|w| *w > 0)
}

/// The step a click or key landed on: the `data-step` of the row that
/// holds the event's target.
fn target_step(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    let row = el.closest("[data-step]").ok()??;
    row.get_attribute("data-step")?.parse().ok()
}

/// The diagram's hooks, called by the root at every render. `shown`: the
/// scenario view, and so the diagram's box, is on the page (the box's
/// observer is attached again when it comes back).
#[hook]
pub fn use_diagram(run: &SameRun, cursor: usize, projector: bool, shown: bool) -> Kept {
    let diagram = use_memo(run.clone(), |run| Diagram::of_run(run));
    let scroller = use_node_ref();
    // The box's width, as the browser last laid it out: the drawing is
    // laid out for it (see `Geometry::fit`). `None` until the first report.
    let box_w = use_state_eq(|| None::<u32>);
    let units = (*box_w).map(|w| {
        if projector {
            (f64::from(w) / PROJECTOR_ZOOM) as u32
        } else {
            w
        }
    });
    let geometry = use_memo((diagram.clone(), units), |(d, w)| Geometry::fit(d, *w));
    {
        // A ResizeObserver reports the box's width once it is first laid
        // out and whenever it changes (the window, the defenses panel beside
        // the diagram, projector mode). It reports during the browser's own
        // layout, after it has sized the box, so reading the width costs no
        // layout of its own, and a step that leaves the width alone costs
        // nothing at all (measuring after every render forced a layout of
        // the whole page at each step).
        let (scroller, box_w) = (scroller.clone(), box_w.clone());
        use_effect_with(shown, move |_| {
            let observed = scroller.cast::<web_sys::Element>();
            let on_resize = {
                let scroller = scroller.clone();
                wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    if let Some(w) = box_width(&scroller) {
                        box_w.set(Some(w));
                    }
                })
            };
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &observed) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // Keep the current row in view inside the diagram's own scroll box,
    // without scrolling the page.
    {
        let scroller = scroller.clone();
        let geometry = geometry.clone();
        use_effect_with(cursor, move |cursor| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let svg_width = el
                    .query_selector("svg.seq-rows")
                    .ok()
                    .flatten()
                    .map_or(0, |s| s.client_width());
                let scale = if geometry.width > 0 && svg_width > 0 {
                    f64::from(svg_width) / f64::from(geometry.width)
                } else {
                    1.0
                };
                let row_top = geometry.row_top.get(*cursor).copied().unwrap_or(0);
                let row_h = geometry.row_h.get(*cursor).copied().unwrap_or(0);
                let top = (f64::from(row_top.saturating_sub(DECIDING_H)) * scale) as i32;
                let bottom = (f64::from(row_top + row_h) * scale) as i32;
                // The lifelines' heads stay at the top of the box (sticky),
                // covering the rows under them.
                let heads = (f64::from(HEAD_H) * scale) as i32;
                let (now, height) = (el.scroll_top(), el.client_height());
                if top < now + heads {
                    el.set_scroll_top((top - heads - 8).max(0));
                } else if bottom > now + height {
                    el.set_scroll_top(bottom - height + 24);
                }
            }
        });
    }
    Kept {
        diagram,
        geometry,
        scroller,
    }
}

/// The diagram at step `cursor` of `run`. `pending`: a prediction is
/// awaited, so the deciding mark and the verdict's row stay hidden.
/// `narrowed`: the defenses panel sits beside it.
#[inline(never)] // kept out of the root's render: see views.rs
pub fn view(
    kept: &Kept,
    run: &Run,
    cursor: usize,
    pending: bool,
    narrowed: bool,
    dispatch: &Callback<Action>,
) -> Html {
    let on_click = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(step) = target_step(e.target()) {
                dispatch.emit(Action::SetCursor(step));
            }
        })
    };
    // One tab stop for the whole diagram (the current row); the arrows up
    // and down move the focus between rows, Home and End to the first and
    // last, Enter or Space moves the cursor to the focused row. Left and
    // right stay the page's step keys.
    let on_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" || key == " " {
                if let Some(step) = target_step(e.target()) {
                    e.prevent_default();
                    e.stop_propagation();
                    dispatch.emit(Action::SetCursor(step));
                }
                return;
            }
            let Some(row) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".row").ok().flatten())
            else {
                return;
            };
            let next = match key.as_str() {
                "ArrowUp" => row.previous_element_sibling(),
                "ArrowDown" => row.next_element_sibling(),
                "Home" => row
                    .parent_element()
                    .and_then(|p| p.query_selector(".row").ok().flatten()),
                "End" => row.parent_element().and_then(|p| p.last_element_child()),
                _ => return,
            };
            e.prevent_default();
            // An SVG element has focus() too; web-sys calls it by name, so
            // the HTML binding serves without another web-sys feature.
            if let Some(el) = next
                .filter(|n| n.class_list().contains("row"))
                .and_then(|n| n.query_selector(".row-hit").ok().flatten())
            {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        })
    };

    let d = &*kept.diagram;
    let g = &*kept.geometry;
    let cursor = cursor.min(d.rows.len().saturating_sub(1));
    let deciding = d.deciding.filter(|i| cursor >= *i && !pending);
    // The lifelines grow with playback: down to the current row.
    let drawn_to = g
        .row_top
        .get(cursor)
        .map_or(HEAD_H, |t| t + g.row_h.get(cursor).copied().unwrap_or(0))
        + FOOT_H / 2;

    let cols = format!("cols-{}", d.lifelines.len());
    html! {
        <section class={classes!("diagram", narrowed.then_some("narrowed"))} aria-label="Sequence diagram">
            <ul class="diagram-legend" aria-label="Who is who">
                { for d.lifelines.iter().map(|l| html! {
                    <li class={classes!("legend-item", format!("ll-{}", l.key()))} title={l.role()}>
                        <span class="ll-letter" aria-hidden="true">{ l.letter() }</span>
                        { l.name() }
                    </li>
                }) }
                <li class="legend-item legend-known">
                    <span aria-hidden="true">{ "⚑ " }</span>{ KNOWN_BADGE }
                </li>
            </ul>
            <div class="diagram-scroll" ref={kept.scroller.clone()}>
                // The lifelines' heads in a drawing of their own, sticky at
                // the top of the box: who is who stays in view while the
                // rows scroll under it. Same width as the rows' drawing, so
                // the columns line up.
                <svg class={classes!("seq", "seq-heads", cols.clone())} xmlns="http://www.w3.org/2000/svg"
                    viewBox={format!("0 0 {} {}", g.width, HEAD_H)}
                    width={g.width.to_string()} height={HEAD_H.to_string()} aria-hidden="true">
                    { for d.lifelines.iter().enumerate().map(|(col, l)| head(g, col, *l)) }
                </svg>
                <svg class={classes!("seq", "seq-rows", cols)} xmlns="http://www.w3.org/2000/svg"
                    viewBox={format!("0 {} {} {}", HEAD_H, g.width, g.height - HEAD_H)}
                    width={g.width.to_string()} height={(g.height - HEAD_H).to_string()}
                    role="group" aria-label="Messages so far, one per step: the arrow keys move between them, Enter goes to one"
                    onclick={on_click} onkeydown={on_key}>
                    { for d.lifelines.iter().enumerate().map(|(col, _)| line(g, col, drawn_to)) }
                    { for d.rows.iter().enumerate().take(cursor + 1).map(|(i, row)| {
                        // The verdict's own row says the outcome: while a
                        // prediction is awaited, it says so instead.
                        let hidden = pending
                            && run.events.get(i).is_some_and(|e| matches!(e.kind, EventKind::Verdict { .. }));
                        if hidden {
                            let on = match row {
                                Row::Note(n) => n.on,
                                Row::Arrow(a) => a.to,
                            };
                            let veiled = Row::Note(Note {
                                on,
                                text: "verdict: hidden until you predict".into(),
                                tone: Tone::Plain,
                                ids: Vec::new(),
                            });
                            draw_row(d, g, i, &veiled, i == cursor, false)
                        } else {
                            draw_row(d, g, i, row, i == cursor, deciding == Some(i))
                        }
                    }) }
                </svg>
            </div>
        </section>
    }
}

/// A lifeline's dashed line, in the rows' drawing.
fn line(g: &Geometry, col: usize, drawn_to: u32) -> Html {
    let x = g.x(col).to_string();
    html! {
        <line class="ll-line" aria-hidden="true" x1={x.clone()} y1={HEAD_H.to_string()} x2={x} y2={drawn_to.to_string()} />
    }
}

/// A lifeline's head: its letter and name, in the sticky heads' drawing.
/// A name too long for a narrow column goes on two lines.
fn head(g: &Geometry, col: usize, l: Lifeline) -> Html {
    let x = g.x(col);
    let left = x - g.col_w / 2;
    let name = l.name();
    // CHAR_W is the bold labels' average character.
    let fits = name.chars().count() as u32 * CHAR_W <= g.col_w.saturating_sub(44);
    let text_x = (left + 38).to_string();
    // Split at the last space, or after the dot of a host name
    // ("shop." / "example").
    let split = name
        .rsplit_once(' ')
        .or_else(|| name.find('.').map(|i| name.split_at(i + 1)));
    let name_html = match split {
        Some((first, second)) if !fits => html! {
            <text class="ll-name two-lines" x={text_x.clone()} y="28">
                { first }
                <tspan x={text_x} dy="15">{ second }</tspan>
            </text>
        },
        _ => html! { <text class="ll-name" x={text_x} y="35">{ name }</text> },
    };
    html! {
        <g class={classes!("lifeline", format!("ll-{}", l.key()))}>
            <line class="ll-line" x1={x.to_string()} y1="52" x2={x.to_string()} y2={HEAD_H.to_string()} />
            <rect class="ll-box" x={(left + 4).to_string()} y="8" width={(g.col_w - 8).to_string()} height="44" rx="6" />
            <circle class="ll-dot" cx={(left + 21).to_string()} cy="30" r="12" />
            <text class="ll-letter-svg" x={(left + 21).to_string()} y="35" text-anchor="middle">{ l.letter() }</text>
            { name_html }
        </g>
    }
}

fn draw_row(d: &Diagram, g: &Geometry, i: usize, row: &Row, current: bool, deciding: bool) -> Html {
    let top = g.row_top.get(i).copied().unwrap_or(HEAD_H);
    let h = g.row_h.get(i).copied().unwrap_or(0);
    let label = format!("Step {}: {}", i + 1, row.sentence());
    let body = match row {
        Row::Arrow(a) => arrow(d, g, i, a),
        Row::Note(n) => note(d, g, top, n),
    };
    let kind = match row {
        Row::Arrow(a) => match a.kind {
            ArrowKind::Request if a.from == Lifeline::Mallory => "msg request by-attacker",
            ArrowKind::Request => "msg request",
            ArrowKind::Response => "msg response",
            ArrowKind::Observed => "msg observed",
            ArrowKind::Handed => "msg handed by-attacker",
        },
        Row::Note(_) => "note",
    };
    let name = if deciding {
        format!("{label}. {}", d.deciding_words())
    } else {
        label
    };
    html! {
        <g class={classes!("row", kind, current.then_some("current"), deciding.then_some("deciding"))}
            data-step={i.to_string()} aria-current={current.then_some("step")}>
            // The whole row is the button (a click target wider than its
            // thin line), named by the row's sentence. The drawing is its
            // sibling, not its content, and hidden from the accessibility
            // tree: it says the same to the eye. One tab stop for the whole
            // diagram: the current row.
            <rect class="row-hit" role="button" tabindex={if current { "0" } else { "-1" }}
                aria-label={name} aria-current={current.then_some("step")}
                x="0" y={(top - if deciding { DECIDING_H } else { 0 }).to_string()}
                width={g.width.to_string()} height={(h + if deciding { DECIDING_H } else { 0 }).to_string()} />
            <g class="row-drawing" aria-hidden="true">
                <text class="step-no" x="6" y={(top + 22).to_string()}>{ i + 1 }</text>
                { body }
                if deciding {
                    <text class="deciding-words" x={LEFT.to_string()} y={(top - 6).to_string()}>
                        { format!("★ {}", d.deciding_words()) }
                    </text>
                }
            </g>
        </g>
    }
}

fn arrow(d: &Diagram, g: &Geometry, i: usize, a: &Arrow) -> Html {
    let (Some(fc), Some(tc)) = (d.column(a.from), d.column(a.to)) else {
        return html! {};
    };
    let (x1, x2) = (g.x(fc), g.x(tc));
    let y = g.arrow_y(i);
    let direction = if x2 >= x1 { "rightward" } else { "leftward" };
    let total: u32 = a
        .chips
        .iter()
        .map(|c| chip_width(&chip_text(c, d)) + 6)
        .sum();
    let mut cx = g.chips_x(x1, x2, total);
    let chips = a.chips.iter().map(|c| {
        let text = chip_text(c, d);
        let w = chip_width(&text);
        let colour = c
            .id
            .as_deref()
            .and_then(|id| d.nicknames.get(id))
            .map(|n| n.class());
        let kind = match c.kind {
            ChipKind::Sent => "chip-sent",
            ChipKind::SetCookie => "chip-set",
            ChipKind::LeftOut(_) => "chip-left-out",
        };
        let x = cx;
        cx += w + 6;
        html! {
            <g class={classes!("chip", kind, colour, c.known.then_some("known"))}>
                if c.known { <title>{ KNOWN_BADGE }</title> }
                <rect x={x.to_string()} y={(y + 6).to_string()} width={w.to_string()} height="20" rx="10" />
                <text x={(x + 6).to_string()} y={(y + 20).to_string()}>{ text }</text>
            </g>
        }
    });
    html! {
        <>
            <text class="msg-label" x={g.label_x(x1, x2, a.label.chars().count()).to_string()} y={(y - 8).to_string()} text-anchor="middle">
                { &a.label }
            </text>
            <line class={classes!("wire", direction)} x1={x1.to_string()} y1={y.to_string()}
                x2={x2.to_string()} y2={y.to_string()} />
            <path class={classes!("head", direction)} d={
                if x2 >= x1 {
                    format!("M{},{} l-10,-6 v12 z", x2, y)
                } else {
                    format!("M{},{} l10,-6 v12 z", x2, y)
                }
            } />
            { for chips }
        </>
    }
}

fn note(d: &Diagram, g: &Geometry, top: u32, n: &Note) -> Html {
    let Some(col) = d.column(n.on) else {
        return html! {};
    };
    let (x, w) = g.note_box(col, &n.text);
    let tone = match n.tone {
        Tone::Plain => "tone-plain",
        Tone::Refused => "tone-refused",
        Tone::Gain => "tone-gain",
    };
    html! {
        <g class={classes!("note-box", tone)}>
            <rect x={x.to_string()} y={(top + 5).to_string()} width={w.to_string()} height="26" rx="3" />
            <text x={(x + 8).to_string()} y={(top + 22).to_string()}>{ &n.text }</text>
        </g>
    }
}
