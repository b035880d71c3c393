//! The Session-ID lab: make many IDs with each generator the server offers,
//! measure them as token analyzers do, try to predict the next one, and
//! plot how long guessing one live ID takes.
//!
//! The work is [`crate::engine::id_analysis::GeneratorStudy`], done by
//! [`start`] in slices of a few tens of milliseconds between which the
//! browser paints, so 100,000 IDs per generator never freeze the page. The
//! time it took is measured with `performance.now()` and shown. Progress and
//! results go into the page state as actions; the view is a plain function.

use crate::app::labs::{tenths, thousands, IdLabForm, IdResults, ID_COUNT_MAX, ID_COUNT_MIN};
use crate::app::state::{Action, AppState};
use crate::app::views::page_clock_ms;
use crate::engine::choice::Choice;
use crate::engine::id_analysis::{
    describe_log10_secs, guess_time_log10_secs, guessing_sentence, GeneratorStudy, IdReport,
};
use crate::engine::rng::Seed;
use crate::engine::server::id_generator::IdGenerator;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the bit tests' limits come from, said beside them: the standard
/// dropped these tests, though token analyzers still run them.
const FIPS_EDITION: &str = "Limits from FIPS 140-2 as first issued (2001); Change Notice 2 (2002) removed these statistical tests from the standard. Token analyzers such as Burp Sequencer still run them.";

/// A slice of work lasts about this long before the browser gets a turn.
const SLICE_MS: f64 = 30.0;

/// Starts making and measuring IDs; a newer job (or leaving the lab, which
/// bumps `job`) stops an older one at its next slice.
pub fn start(
    count: u32,
    seed: Seed,
    request: u32,
    job: Rc<RefCell<u32>>,
    dispatch: Callback<Action>,
) {
    let my_job = {
        let mut j = job.borrow_mut();
        *j = j.wrapping_add(1);
        *j
    };
    let per = u64::from(count);
    let total = per * IdGenerator::ALL.len() as u64;
    dispatch.emit(Action::IdProgress { done: 0, total });
    yew::platform::spawn_local(async move {
        let t0 = page_clock_ms();
        let mut reports = Vec::new();
        let mut done = 0;
        for &generator in IdGenerator::ALL {
            let mut study = GeneratorStudy::new(generator, seed, per);
            while !study.is_done() {
                let slice_start = page_clock_ms();
                while !study.is_done() && page_clock_ms() - slice_start < SLICE_MS {
                    study.advance(500);
                }
                dispatch.emit(Action::IdProgress {
                    done: done + study.made(),
                    total,
                });
                gloo_timers::future::TimeoutFuture::new(0).await;
                if *job.borrow() != my_job {
                    return;
                }
            }
            done += study.made();
            reports.push(study.finish());
        }
        let elapsed_ms = (page_clock_ms() - t0).max(0.0) as u64;
        if *job.borrow() == my_job {
            dispatch.emit(Action::IdsReady(Rc::new(IdResults {
                count,
                seed,
                request,
                reports,
                elapsed_ms,
            })));
        }
    });
}

/// The plot's frame, in SVG user units.
const W: i32 = 640;
const H: i32 = 300;
const LEFT: i32 = 132;
const RIGHT: i32 = 20;
const TOP: i32 = 14;
const BOTTOM: i32 = 40;
const MIN_BITS: f64 = 8.0;
const MAX_BITS: f64 = 128.0;

/// Reference durations for the y axis: (log10 seconds, label).
const REFERENCES: [(f64, &str); 7] = [
    (0.0, "1 second"),
    (1.556_302_5, "1 minute"),
    (3.556_302_5, "1 hour"),
    (4.936_513_7, "1 day"),
    (7.499_178_6, "1 year"),
    (10.499_178_6, "1,000 years"),
    (17.639_1, "age of the universe"),
];

/// `v` kept between `lo` and `hi`. Not `f64::clamp`: its NaN assertion
/// formats floats, which would add kilobytes of formatting code to the page.
fn within(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

/// Expected time to guess against bits: a straight line on a log scale.
fn plot(reports: &[IdReport], form: IdLabForm) -> Html {
    let at = |bits: f64| guess_time_log10_secs(bits, form.rate, form.sessions);
    let (lo, hi) = (at(MIN_BITS).floor() - 1.0, at(MAX_BITS).ceil() + 1.0);
    let x = |bits: f64| {
        LEFT + ((within(bits, MIN_BITS, MAX_BITS) - MIN_BITS) / (MAX_BITS - MIN_BITS)
            * f64::from(W - LEFT - RIGHT))
        .round() as i32
    };
    let y = |l: f64| {
        TOP + ((hi - within(l, lo, hi)) / (hi - lo) * f64::from(H - TOP - BOTTOM)).round() as i32
    };
    let s = |n: i32| n.to_string();
    let bits_ticks = [8, 16, 32, 48, 64, 80, 96, 112, 128];
    let refs = REFERENCES
        .iter()
        .filter(|(l, _)| *l > lo && *l < hi)
        .map(|(l, label)| {
            let yy = y(*l);
            html! {
                <g class="ref">
                    <line x1={s(LEFT)} x2={s(W - RIGHT)} y1={s(yy)} y2={s(yy)} />
                    <text x={s(LEFT - 6)} y={s(yy + 4)} text-anchor="end">{ *label }</text>
                </g>
            }
        });
    let ticks = bits_ticks.iter().map(|b| {
        let xx = x(f64::from(*b));
        html! {
            <g class="tick">
                <line x1={s(xx)} x2={s(xx)} y1={s(H - BOTTOM)} y2={s(H - BOTTOM + 5)} />
                <text x={s(xx)} y={s(H - BOTTOM + 18)} text-anchor="middle">{ b.to_string() }</text>
            </g>
        }
    });
    let markers = reports.iter().enumerate().map(|(i, r)| {
        let bits = f64::from(r.entropy_tenths) / 10.0;
        let (xx, yy) = (x(bits), y(at(bits)));
        let predictable = r.prediction_right();
        // A number beside the marker (the legend below names it): close
        // markers stay legible where full names would overlap.
        html! {
            <g class={classes!("marker", predictable.then_some("predictable"))}>
                <circle cx={s(xx)} cy={s(yy)} r="6" />
                <text x={s(xx - 9)} y={s(yy - 8)} text-anchor="end">{ (i + 1).to_string() }</text>
            </g>
        }
    });
    let legend = reports.iter().map(|r| {
        let predictable = r.prediction_right();
        html! {
            <li class={classes!(predictable.then_some("predictable"))}>
                { format!("{} ({} bits){}", r.generator.label(), tenths(u64::from(r.entropy_tenths)),
                    if predictable { ": predicted, hollow marker" } else { "" }) }
            </li>
        }
    });
    html! {
        <>
        <svg class="guess-plot" viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby="plot-title plot-desc">
            <title id="plot-title">{ "Expected time to guess one live session ID" }</title>
            <desc id="plot-desc">{ format!(
                "Log scale. A straight line from {} at 8 bits to {} at 128 bits, for {} guesses a second against {} live sessions, with a marker for each generator at its estimated entropy.",
                describe_log10_secs(at(MIN_BITS)), describe_log10_secs(at(MAX_BITS)),
                thousands(form.rate), thousands(form.sessions)) }</desc>
            <rect class="frame" x={s(LEFT)} y={s(TOP)} width={s(W - LEFT - RIGHT)} height={s(H - TOP - BOTTOM)} />
            { for refs }
            { for ticks }
            <line class="curve" x1={s(x(MIN_BITS))} y1={s(y(at(MIN_BITS)))} x2={s(x(MAX_BITS))} y2={s(y(at(MAX_BITS)))} />
            { for markers }
            <text class="axis-label" x={s((LEFT + W - RIGHT) / 2)} y={s(H - 6)} text-anchor="middle">{ "bits of entropy per ID" }</text>
        </svg>
        <ol class="plot-legend">{ for legend }</ol>
        </>
    }
}

/// The 16 hexadecimal digits' frequencies as bars.
fn frequency_bars(r: &IdReport) -> Html {
    let max = r.char_counts.iter().copied().max().unwrap_or(0).max(1);
    let bars = r.char_counts.iter().enumerate().map(|(i, c)| {
        let h = (c * 40 / max) as i32;
        let x = (i as i32) * 12;
        html! {
            <g>
                <rect x={x.to_string()} y={(42 - h).to_string()} width="10" height={h.to_string()} />
                <text x={(x + 5).to_string()} y="54" text-anchor="middle">{ format!("{i:x}") }</text>
            </g>
        }
    });
    html! {
        <svg class="freq" viewBox="0 0 192 56" role="img"
            aria-label={format!("Character frequency of the {} IDs", r.generator.label())}>
            { for bars }
        </svg>
    }
}

fn verdict_word(ok: bool) -> Html {
    if ok {
        html! { <span class="good"><span aria-hidden="true">{ "✓ " }</span>{ "pass" }</span> }
    } else {
        html! { <span class="bad"><span aria-hidden="true">{ "✗ " }</span>{ "fail" }</span> }
    }
}

fn card(r: &IdReport, form: IdLabForm) -> Html {
    let f = &r.fips;
    let test = |name: &str, passed: u32| {
        html! { <li>{ format!("{name}: {passed} of {} blocks ", f.blocks) }{ verdict_word(passed == f.blocks) }</li> }
    };
    let predicted = r.prediction_right();
    let candidates = r.prediction.candidates();
    let guess_line = if predicted && candidates <= 1 {
        "about one guess: the next ID was predicted".to_string()
    } else if predicted {
        format!(
            "at most {} guesses: the next ID lies in the predicted window",
            thousands(candidates)
        )
    } else {
        describe_log10_secs(guess_time_log10_secs(
            f64::from(r.entropy_tenths) / 10.0,
            form.rate,
            form.sessions,
        ))
    };
    let id = format!("gen-{}", r.generator.code());
    html! {
        <article class="id-card" aria-labelledby={id.clone()} data-generator={r.generator.label()}>
            <h3 id={id}>{ r.generator.label() }</h3>
            <p class="explain">{ r.generator.explanation() }
                if r.generator.unpredictable_bits() > 0 {
                    { " " }{ guessing_sentence(r.generator.unpredictable_bits(), form.rate, form.sessions) }
                }
            </p>
            <dl>
                <dt>{ "Samples" }</dt>
                <dd class="samples">{ for r.samples.iter().take(3).map(|s| html! { <code>{ s }</code> }) }</dd>
                <dt>{ "Estimated entropy" }</dt>
                <dd class="entropy">{ format!("≈ {} bits per ID", tenths(u64::from(r.entropy_tenths))) }</dd>
                <dt>{ "Character frequency" }</dt>
                <dd>{ frequency_bars(r) }</dd>
                <dt>{ "Bit tests (FIPS 140-2, 2001 edition)" }</dt>
                <dd class="fips">
                    if f.blocks == 0 {
                        { format!("Only {} bits: too few for one 20,000-bit block. ", thousands(f.bits)) }
                    }
                    { format!("Ones: {}% of {} bits.", tenths(f.ones_permille()), thousands(f.bits)) }
                    if f.blocks > 0 {
                        <ul>
                            { test("Monobit", f.monobit_passed) }
                            { test("Poker", f.poker_passed) }
                            { test("Runs", f.runs_passed) }
                            { test("Long run", f.long_run_passed) }
                        </ul>
                    }
                    <small class="edition">{ FIPS_EDITION }</small>
                </dd>
                <dt>{ "Collisions" }</dt>
                <dd class="collisions">{ if r.collisions == 0 { "none".to_string() } else { format!("{} IDs issued twice", thousands(r.collisions)) } }</dd>
                <dt>{ "Next ID, predicted from the previous ones" }</dt>
                <dd class={classes!("prediction", if predicted { "bad" } else { "good" })}>
                    { r.prediction.describe() }
                    if let Some(guess) = r.prediction.guess() {
                        <br />{ "Guess " }<code>{ guess }</code>{ ", actual " }<code>{ &r.actual_next }</code>{ ": " }
                        <strong>{ if predicted { "✗ predicted" } else { "missed" } }</strong>
                    }
                </dd>
                <dt>{ "Expected time to guess one live ID" }</dt>
                <dd class="guess-time">{ guess_line }</dd>
            </dl>
        </article>
    }
}

/// The value of one of the form's inputs.
fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn number(id: &str) -> Option<u64> {
    input_value(id).trim().replace(',', "").parse::<u64>().ok()
}

/// The lab as a view of the page state.
#[inline(never)] // compiled when the lab opens, not at start-up: see views.rs
pub fn view(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let form = state.labs.ids;
    let run = &state.labs.id_run;
    let empty = Vec::new();
    let reports = run.results.as_ref().map(|r| &r.reports).unwrap_or(&empty);
    let onsubmit = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let count = number("ids-n").and_then(|n| u32::try_from(n).ok());
            match (count, number("ids-rate"), number("ids-live")) {
                (Some(count), Some(rate), Some(sessions))
                    if (ID_COUNT_MIN..=ID_COUNT_MAX).contains(&count) && rate > 0 && sessions > 0 =>
                {
                    dispatch.emit(Action::RequestIds(IdLabForm {
                        count,
                        rate,
                        sessions,
                    }));
                }
                _ => dispatch.emit(Action::IdProblem(Some(format!(
                    "Use a number of IDs from {ID_COUNT_MIN} to {}, and whole numbers above zero for the guesses and the sessions.",
                    thousands(u64::from(ID_COUNT_MAX))
                )))),
            }
        })
    };
    let hashed = reports
        .iter()
        .find(|r| r.generator == IdGenerator::HashedCounter);
    let lesson = hashed.map(|r| {
        let stats = if r.fips.all_passed() {
            "passes every bit test here".to_string()
        } else {
            format!(
                "looks random (≈ {} bits by character statistics)",
                tenths(u64::from(r.entropy_tenths))
            )
        };
        format!(
            "A hash of a counter {stats}, and yet {}: statistics measure how IDs look, not whether someone can compute them. Only a cryptographic random generator makes IDs nobody can predict.",
            if r.prediction_right() { "its next ID was predicted exactly" } else { "anyone who knows the scheme can compute it" }
        )
    });

    html! {
        <section class="lab id-lab" aria-labelledby="id-lab-title">
            <h2 id="id-lab-title">{ "Session-ID lab" }</h2>
            <p class="lab-intro">{ "Make many session IDs with each generator the shop can use, measure them the way token analyzers (such as Burp Sequencer) do, and try to predict the next one from the previous ones." }</p>
            <form class="lab-input id-form" {onsubmit}>
                <div class="row">
                    <label for="ids-n">{ "IDs per generator" }</label>
                    <input id="ids-n" type="text" inputmode="numeric" value={form.count.to_string()} />
                    <label for="ids-rate">{ "Attacker's guesses per second" }</label>
                    <input id="ids-rate" type="text" inputmode="numeric" value={form.rate.to_string()} />
                    <label for="ids-live">{ "Live sessions" }</label>
                    <input id="ids-live" type="text" inputmode="numeric" value={form.sessions.to_string()} />
                    <button type="submit">{ "Generate and measure" }</button>
                </div>
                if let Some(p) = &run.problem {
                    <p class="problems" role="alert">{ p }</p>
                }
            </form>
            <div class="status" aria-live="polite">
                if let Some((done, total)) = run.progress {
                    <p>
                        <progress max={total.to_string()} value={done.to_string()} aria-label="Generating IDs" />
                        { format!(" Generating… {} of {} IDs", thousands(done), thousands(total)) }
                    </p>
                } else if let Some(r) = &run.results {
                    <p class="timing">{ format!("Made and measured {} IDs ({} per generator) in {} ms.",
                        thousands(reports.iter().map(|r| r.count).sum()), thousands(u64::from(r.count)), thousands(r.elapsed_ms)) }</p>
                }
            </div>
            if let Some(lesson) = lesson {
                <p class="lesson">{ lesson }</p>
            }
            <div class="id-cards">
                { for reports.iter().map(|r| card(r, form)) }
            </div>
            if !reports.is_empty() {
                <h3>{ "How long guessing takes" }</h3>
                <p class="explain">{ format!(
                    "OWASP's formula: (2^bits + 1) ÷ (2 × {} guesses a second × {} live sessions) seconds. Filled markers: not predicted. Hollow markers: predicted from the previous IDs, so the real time is about one guess.",
                    thousands(form.rate), thousands(form.sessions)) }</p>
                { plot(reports, form) }
            }
        </section>
    }
}
