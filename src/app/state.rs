//! The page's state and every action that changes it.
//!
//! The page owns presentation state only: which scenario and settings the
//! student chose, the seed, and the cursor into the engine's event log (plus
//! speed, projector mode and open panels). The event log itself comes from
//! running the engine; stepping back moves the cursor, it undoes nothing.
//! The cursor is an index into the events; the page shows it as "Step
//! cursor + 1", and a link carries it as `step=`.
//!
//! [`AppState::apply`] is pure: no DOM, no storage, no timers (those live in
//! the root component's effects), so it is tested natively.

use crate::app::controls::{self, ControlKind};
use crate::app::labs::{CompareForm, IdLabForm, IdResults, LabState, MatrixRun, View};
use crate::app::link::LinkState;
use crate::app::predictions::Prediction;
use crate::engine::cookie_lab::CookieLabInput;
use crate::engine::rng::Seed;
use crate::engine::scenario::{catalog, Scenario};
use crate::engine::server::knob::Knob;
use crate::engine::server::presets::{self, Preset};
use crate::engine::server::Settings;
use crate::engine::world::{run, Run};
use std::rc::Rc;

/// Playback speeds a presenter can pick, in percent of normal speed, with
/// their labels. Integers, so the page never needs float formatting code.
pub const SPEEDS: [(u32, &str); 4] = [(50, "0.5×"), (100, "1×"), (200, "2×"), (400, "4×")];

/// How long one ordinary step stays on screen at 1×, in milliseconds.
pub const STEP_MS: u32 = 1800;

/// A run compared by identity. A run is never changed in place: a new
/// run is a new `Rc`, so two handles hold the same run exactly when they
/// point at one allocation. Props and memos that take a run compare it
/// this way, and no render walks two runs event by event to find them
/// different (nor does the module carry that comparison's code).
#[derive(Debug, Clone)]
pub struct SameRun(pub Rc<Run>);

impl PartialEq for SameRun {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SameRun {
    type Target = Run;
    fn deref(&self) -> &Run {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub scenarios: Rc<Vec<Scenario>>,
    pub scenario: usize,
    pub settings: Settings,
    pub seed: Seed,
    pub run: Rc<Run>,
    pub cursor: usize,
    pub playing: bool,
    /// Percent of normal speed, one of [`SPEEDS`].
    pub speed: u32,
    pub projector: bool,
    pub help_open: bool,
    pub defenses_open: bool,
    /// The event whose message is open in full, if any.
    pub open_message: Option<usize>,
    /// The term whose explanation card is open, if any.
    pub explained: Option<&'static crate::app::glossary::Term>,
    /// Messages for the user (a bad link, unreadable saved state).
    pub notices: Vec<String>,
    /// What the last settings change did to the outcome, in words.
    pub outcome_change: Option<String>,
    /// The open view and every lab's inputs.
    pub labs: LabState,
    /// "Predict, then reveal": ask before showing an attack's verdict.
    pub predict: bool,
    /// Beginner's pace: a request and what answers it as one step
    /// (`app::pace`); the timeline keeps every detailed step.
    pub beginner: bool,
    /// The prediction's question fills the screen, for a class poll.
    pub poll: bool,
    /// The student's answers, oldest first (kept in localStorage).
    pub predictions: Vec<Prediction>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SelectScenario(String),
    SetToggle {
        control: &'static str,
        on: bool,
    },
    SetChoice {
        control: &'static str,
        value: String,
    },
    ResetSettings,
    /// "Framework defaults": the scenario's settings with that framework's
    /// preset applied (an unknown id, such as the "—" option's empty value,
    /// gives the scenario's own settings).
    ApplyPreset(String),
    StepForward,
    StepBack,
    /// Show one step: an index into the run's events.
    SetCursor(usize),
    Restart,
    TogglePlay,
    /// The playback timer fired.
    Tick,
    SetSpeed(u32),
    ToggleProjector,
    /// "Predict first" on or off: the question before each attack's
    /// deciding step.
    TogglePredict,
    /// Beginner's pace on or off.
    ToggleBeginner,
    /// The prediction's question as a full-screen class poll, or not.
    TogglePoll,
    ToggleHelp,
    ToggleDefenses,
    OpenMessage(Option<usize>),
    /// A term was opened for its explanation (by its glossary word), or
    /// its card was closed.
    Explain(Option<String>),
    /// Escape: close whatever overlay is open.
    CloseOverlays,
    DismissNotices,
    Notice(String),
    /// A link's hash was opened (at start, or pasted into the address bar).
    OpenLink(String),
    /// The main navigation.
    SetView(View),
    SetCookieLab(CookieLabInput),
    /// The unit the cookie lab's wait is shown in, in seconds.
    SetWaitUnit(u64),
    /// The Session-ID lab's form was sent: new settings, made again.
    RequestIds(IdLabForm),
    IdProblem(Option<String>),
    IdProgress {
        done: u64,
        total: u64,
    },
    IdsReady(Rc<IdResults>),
    MatrixReady(Rc<MatrixRun>),
    SetCompare(CompareForm),
    /// A new seed: the scenario (and the matrix) run again with it.
    SetSeed(u64),
    /// The student answered "Will the attacker get in?".
    Predict(bool),
    ResetPredictions,
    /// Opens one exact run in the scenarios view: a matrix cell, a compared
    /// run. `settings` are changes from the scenario's own, encoded;
    /// `cursor` is the step to show (an index into the run's events).
    OpenRun {
        scenario: String,
        settings: String,
        cursor: usize,
    },
}

impl AppState {
    /// The first scenario with its own settings and a fixed seed.
    pub fn new() -> Self {
        let mut state = AppState::before_first_run();
        state.rerun();
        state
    }

    /// The first scenario and its settings, with the engine not yet run:
    /// for a start that is about to [`restore`](Self::restore) a link or
    /// saved state, which runs it once itself. The run is empty until then.
    pub fn before_first_run() -> Self {
        let scenarios = Rc::new(catalog());
        let settings = scenarios
            .first()
            .map(Scenario::settings)
            .unwrap_or_default();
        let seed = Seed::default();
        let run = Rc::new(Run::default());
        AppState {
            scenarios,
            scenario: 0,
            settings,
            seed,
            run,
            cursor: 0,
            playing: false,
            speed: 100,
            projector: false,
            help_open: false,
            // A drawer over the lanes, so the lanes keep the full width of a
            // projector; opened with the Defenses button or D.
            defenses_open: false,
            open_message: None,
            explained: None,
            notices: Vec::new(),
            outcome_change: None,
            labs: LabState::new(),
            predict: false,
            beginner: false,
            poll: false,
            predictions: Vec::new(),
        }
    }

    /// A state for a scenario, settings, seed and cursor (the step shown),
    /// e.g. from a link.
    /// An unknown scenario falls back to the first one with a notice.
    pub fn restore(
        &mut self,
        scenario_id: Option<&str>,
        settings: Option<&str>,
        seed: Option<Seed>,
        cursor: Option<usize>,
    ) {
        if let Some(id) = scenario_id {
            match self.scenarios.iter().position(|s| s.id == id) {
                Some(i) => self.scenario = i,
                None => self.notices.push(format!(
                    "There is no scenario called \"{}\" in this version, so the first one opened instead.",
                    id.chars().take(40).collect::<String>()
                )),
            }
        }
        let base = self.current().settings();
        self.settings = match settings.map(|cfg| controls::decode(&base, cfg)) {
            Some(Ok(s)) => s,
            Some(Err(what)) => {
                self.notices.push(format!(
                    "Some settings could not be read ({what}), so the scenario's own settings are used."
                ));
                base
            }
            None => base,
        };
        if let Some(seed) = seed {
            self.seed = seed;
        }
        self.rerun();
        self.cursor = cursor.unwrap_or(0).min(self.last_index());
    }

    /// The framework preset the settings are, if any: the scenario's
    /// settings with exactly that preset applied. A change made by hand
    /// afterwards makes them no preset's.
    pub fn preset(&self) -> Option<&'static Preset> {
        let base = self.current().settings();
        presets::PRESETS
            .iter()
            .find(|p| p.apply_to(base.clone()) == self.settings)
    }

    pub fn current(&self) -> &Scenario {
        // `scenario` is always a valid index of a non-empty catalog; the
        // fallback only guards against an empty one.
        self.scenarios
            .get(self.scenario)
            .or_else(|| self.scenarios.first())
            .unwrap_or_else(|| unreachable_scenario())
    }

    /// The step Step forward and playback go to: the next event, or at
    /// beginner's pace the end of the next request and its answer.
    fn next_step(&self) -> usize {
        match self.beginner {
            true => crate::app::pace::next(&self.run.events, self.cursor),
            false => (self.cursor + 1).min(self.last_index()),
        }
    }

    pub fn last_index(&self) -> usize {
        self.run.events.len().saturating_sub(1)
    }

    /// Whether the verdict may be shown: the cursor reached its event.
    pub fn verdict_reached(&self) -> bool {
        self.run.verdict.is_some() && self.cursor >= self.last_index()
    }

    /// The answer recorded for this scenario and these settings, if any.
    pub fn prediction(&self) -> Option<&Prediction> {
        let settings = self.settings_changes();
        self.predictions
            .iter()
            .find(|p| p.scenario == self.current().id && p.settings == settings)
    }

    /// The step an unanswered prediction holds the run before: the step
    /// that decides the attack. `None` when predictions are off, the run is
    /// not an attack, or this scenario and these settings were answered.
    pub fn prediction_gate(&self) -> Option<usize> {
        let verdict = self.run.verdict.as_ref().filter(|_| self.predict)?;
        self.prediction()
            .is_none()
            .then_some(verdict.deciding_event)
    }

    /// Whether an answer is still awaited for the run on screen: nothing
    /// that gives the outcome away is shown until it comes (the deciding
    /// mark, the defenses that matter, what a change of setting did).
    pub fn awaiting_prediction(&self) -> bool {
        self.prediction_gate().is_some()
    }

    /// The last step the student may see now: the one before the deciding
    /// step while an answer is awaited, the last one otherwise.
    pub fn last_visible(&self) -> usize {
        let last = self.last_index();
        self.prediction_gate()
            .map_or(last, |gate| gate.saturating_sub(1).min(last))
    }

    /// Whether the page asks "Will the attacker get in?" now: an answer is
    /// awaited and the run has come to the step before the one that
    /// decides it (the question comes before that step, not after the
    /// verdict).
    pub fn prediction_pending(&self) -> bool {
        self.awaiting_prediction() && self.cursor >= self.last_visible()
    }

    /// How long the current step stays before autoplay moves on. Jumps of
    /// the clock are shown as a quick fast-forward, never a real wait.
    pub fn step_duration_ms(&self) -> u32 {
        (STEP_MS * 100 / self.speed.max(25)).clamp(100, 10_000)
    }

    fn rerun(&mut self) {
        // Run first, then store: the scenario is read where it is, not copied.
        let run = run(self.current(), &self.settings, self.seed);
        self.run = Rc::new(run);
    }

    /// Reruns after a settings change, keeps the cursor where that step
    /// still exists, and says what changed in the outcome.
    fn settings_changed(&mut self, before: Settings) {
        // The old run is kept by its Rc, not its verdict copied.
        let old_run = Rc::clone(&self.run);
        let was_at_end = self.cursor >= self.last_index();
        self.rerun();
        // At the end (the verdict) stays at the end; elsewhere the same step,
        // where that step still exists.
        self.cursor = if was_at_end {
            self.last_index()
        } else {
            self.cursor.min(self.last_index())
        };
        let changes = controls::differences(&before, &self.settings).join(", ");
        self.outcome_change = match (&old_run.verdict, &self.run.verdict) {
            (Some(old), Some(new)) if old.attacker_got_in != new.attacker_got_in => {
                let now = if new.attacker_got_in {
                    "the attacker now gets in"
                } else {
                    "the attacker no longer gets in"
                };
                Some(format!("{changes}: {now}. {}", new.sentence))
            }
            (Some(old), Some(new)) if old.reason != new.reason => Some(format!(
                "{changes}: the outcome is the same, for another reason. {}",
                new.sentence
            )),
            (Some(_), Some(_)) => Some(format!("{changes}: the outcome did not change.")),
            _ if changes.is_empty() => None,
            _ => Some(format!("{changes}: the scenario ran again.")),
        };
        // With "predict, then reveal" the new outcome is the next question,
        // not something to read in the panel first.
        if self.awaiting_prediction() && !changes.is_empty() {
            self.outcome_change = Some(format!(
                "{changes}: the scenario ran again. Predict before you see the outcome."
            ));
        }
    }

    /// One setting changed from the panel, through its knob like every
    /// other write of the settings.
    fn turn(&mut self, knob: Knob) {
        let before = self.settings.clone();
        knob.apply(&mut self.settings);
        self.settings_changed(before);
    }

    pub fn apply(&mut self, action: Action) {
        self.act(action);
        // While a prediction is awaited the run stops before its deciding
        // step, however the cursor got there (a step, a click, autoplay, a
        // link, a changed setting that moved the deciding step).
        let last = self.last_visible();
        if self.cursor >= last {
            self.cursor = self.cursor.min(last);
            if last < self.last_index() {
                self.playing = false;
            }
        }
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::SelectScenario(id) => {
                if let Some(i) = self.scenarios.iter().position(|s| s.id == id) {
                    self.scenario = i;
                    self.settings = self.current().settings();
                    self.rerun();
                    self.cursor = 0;
                    self.playing = false;
                    self.open_message = None;
                    self.outcome_change = None;
                }
            }
            Action::SetToggle { control, on } => {
                if let Some(ControlKind::Toggle(field)) = controls::find(control).map(|c| &c.kind) {
                    self.turn((field.knob)(on));
                }
            }
            Action::SetChoice { control, value } => {
                // The select offers only the control's own codes; anything
                // else changes nothing.
                let knob = controls::find(control).and_then(|c| match &c.kind {
                    ControlKind::Choice(options) => options.knob(&value),
                    ControlKind::Toggle(_) => None,
                });
                if let Some(knob) = knob {
                    self.turn(knob);
                }
            }
            Action::ResetSettings => {
                let before = self.settings.clone();
                self.settings = self.current().settings();
                self.settings_changed(before);
            }
            Action::ApplyPreset(id) => {
                let before = self.settings.clone();
                let base = self.current().settings();
                self.settings = match presets::find(&id) {
                    Some(p) => p.apply_to(base),
                    None => base,
                };
                self.settings_changed(before);
            }
            Action::StepForward => {
                self.playing = false;
                self.cursor = self.next_step();
            }
            Action::StepBack => {
                self.playing = false;
                self.cursor = match self.beginner {
                    true => crate::app::pace::previous(&self.run.events, self.cursor),
                    false => self.cursor.saturating_sub(1),
                };
            }
            Action::SetCursor(i) => {
                self.playing = false;
                self.cursor = i.min(self.last_index());
            }
            Action::Restart => {
                self.cursor = 0;
                self.playing = false;
            }
            Action::TogglePlay => {
                if !self.playing && self.cursor >= self.last_index() {
                    // Play at the end starts over, as media players do.
                    self.cursor = 0;
                }
                self.playing = !self.playing;
            }
            Action::Tick => {
                if self.playing {
                    self.cursor = self.next_step();
                    if self.cursor >= self.last_index() {
                        self.playing = false;
                    }
                }
            }
            Action::SetSpeed(s) => {
                if SPEEDS.iter().any(|(x, _)| *x == s) {
                    self.speed = s;
                }
            }
            Action::ToggleProjector => self.projector = !self.projector,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::ToggleDefenses => self.defenses_open = !self.defenses_open,
            Action::OpenMessage(i) => self.open_message = i,
            Action::Explain(word) => {
                self.explained = word.as_deref().and_then(crate::app::glossary::find);
            }
            // An open explanation card closes first (the browser closes it
            // on the same Escape), so the dialog under it stays.
            Action::CloseOverlays if self.explained.is_some() => self.explained = None,
            Action::CloseOverlays => {
                self.help_open = false;
                self.open_message = None;
                self.poll = false;
            }
            Action::DismissNotices => self.notices.clear(),
            Action::Notice(n) => self.notices.push(n),
            Action::OpenLink(hash) => match LinkState::parse(&hash) {
                Ok(link) => {
                    self.restore(
                        link.scenario.as_deref(),
                        link.settings.as_deref(),
                        link.seed,
                        link.step,
                    );
                    self.playing = false;
                    // Another run: a message or an explanation of this one
                    // no longer belongs on screen.
                    self.open_message = None;
                    self.explained = None;
                    self.predict = link.predict;
                    self.beginner = link.beginner;
                    let (labs, notices) = LabState::read(&hash);
                    self.labs = labs;
                    self.notices.extend(notices);
                }
                Err(e) => {
                    self.notices.push(e.to_string());
                    self.restore(None, None, None, None);
                }
            },
            Action::SetView(view) => {
                self.labs.view = view;
                self.playing = false;
                self.help_open = false;
                self.open_message = None;
            }
            Action::SetCookieLab(input) => self.labs.cookie = input,
            Action::SetWaitUnit(unit) => {
                if crate::app::labs::WAIT_UNITS.iter().any(|(u, _)| *u == unit) {
                    self.labs.wait_unit = unit;
                }
            }
            Action::RequestIds(form) => {
                self.labs.ids = form;
                self.labs.id_run.requested = self.labs.id_run.requested.wrapping_add(1);
                self.labs.id_run.problem = None;
            }
            Action::IdProblem(p) => self.labs.id_run.problem = p,
            Action::IdProgress { done, total } => {
                self.labs.id_run.progress = Some((done, total));
            }
            Action::IdsReady(results) => {
                self.labs.id_run.progress = None;
                self.labs.id_run.results = Some(results);
            }
            Action::MatrixReady(m) => self.labs.matrix = Some(m),
            Action::Predict(said_in) => {
                if let (true, Some(v)) = (self.prediction_pending(), self.run.verdict.as_ref()) {
                    self.predictions.push(Prediction {
                        scenario: self.current().id.clone(),
                        settings: self.settings_changes(),
                        said_in,
                        was_in: v.attacker_got_in,
                    });
                    // The reveal: the step that decided it.
                    self.cursor = v.deciding_event.min(self.last_index());
                    self.playing = false;
                }
            }
            Action::TogglePredict => self.predict = !self.predict,
            Action::ToggleBeginner => self.beginner = !self.beginner,
            Action::TogglePoll => self.poll = !self.poll,
            Action::ResetPredictions => self.predictions.clear(),
            Action::SetCompare(form) => self.labs.compare = form,
            Action::SetSeed(seed) => {
                self.seed = Seed(seed);
                let before = self.settings.clone();
                self.settings_changed(before);
                self.outcome_change = None;
            }
            Action::OpenRun {
                scenario,
                settings,
                cursor,
            } => {
                self.restore(Some(&scenario), Some(&settings), None, Some(cursor));
                self.labs.view = View::Scenarios;
                self.playing = false;
                self.open_message = None;
                self.outcome_change = None;
            }
        }
    }
}

impl AppState {
    /// The settings as changes from the scenario's own, encoded.
    pub fn settings_changes(&self) -> String {
        controls::encode(&self.current().settings(), &self.settings)
    }

    /// The link that reproduces this exact view.
    pub fn link(&self) -> LinkState {
        LinkState {
            scenario: Some(self.current().id.clone()),
            seed: Some(self.seed),
            step: Some(self.cursor),
            settings: Some(self.settings_changes()),
            predict: self.predict,
            beginner: self.beginner,
        }
    }

    /// The whole hash for this view: the link's fields, then the open
    /// lab's ([`LabState::to_hash_suffix`]).
    pub fn link_hash(&self) -> String {
        let mut hash = self.link().to_hash();
        hash.push_str(&self.labs.to_hash_suffix());
        hash
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

#[cold]
fn unreachable_scenario() -> &'static Scenario {
    // The catalog is compiled in and never empty (a test checks it); this
    // only exists so that no indexing can panic.
    static EMPTY: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Scenario {
        id: String::new(),
        title: String::new(),
        description: Vec::new(),
        kind: crate::engine::scenario::ScenarioKind::Everyday,
        goal: None,
        attacker: crate::engine::attacker::AttackerPosition::Remote,
        overrides: Vec::new(),
        acts: Vec::new(),
    })
}
