//! The help overlay: every keyboard shortcut, and how to read the page.

use crate::app::state::Action;
use yew::prelude::*;

/// Shortcuts as the overlay lists them; the keyboard handler in `root`
/// implements exactly these.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "Play or pause"),
    ("→", "Next step"),
    ("←", "Previous step"),
    ("R", "Restart the scenario"),
    (
        "P",
        "Projector mode: large type, high contrast, less detail",
    ),
    ("D", "Show or hide the defenses"),
    (
        "Q",
        "Predict first: answer before the step that decides an attack",
    ),
    ("B", "Beginner pace: a request and its answer as one step"),
    (
        "A / B",
        "While a prediction is asked: answer it (a class poll's answer)",
    ),
    ("?", "This help"),
    ("Esc", "Close what is open"),
];

/// The overlay; its close button takes the focus when it opens (the root's
/// `focus_dialog`). A plain function, not a component: see views.rs.
#[inline(never)]
pub fn view(dispatch: &Callback<Action>) -> Html {
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="dialog">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table class="shortcuts">
                    <tbody>
                        { for SHORTCUTS.iter().map(|(k, what)| html! {
                            <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                        }) }
                    </tbody>
                </table>
                <h3>{ "Reading the page" }</h3>
                <p>{ "Four lanes, left to right: the victim's browser, the network, the shop's server, the attacker. \
                      Each step highlights the lane where something happens and says it in a sentence. \
                      Click a message on the wire (or press Enter on it) to read it in full." }</p>
                <button type="button" data-autofocus="" onclick={dispatch.reform(|_| Action::ToggleHelp)}>
                    { "Close (Esc)" }
                </button>
            </div>
        </div>
    }
}
