//! "Predict, then reveal": the student's answers to "Will the attacker get
//! in?", kept in localStorage under their own key in a plain text format,
//! one answer a line:
//!
//! ```text
//! 1
//! hijack-xss|http-only:on|n|n
//! csrf||y|y
//! ```
//!
//! The first line is the format's version; each answer is the scenario, the
//! settings changes (as the shareable link writes them), what the student
//! said (`y`: the attacker gets in) and what happened. Stored text is
//! outside input: lines that cannot be read are dropped, and counted so the
//! page can say so. Pure Rust, tested natively.

/// The localStorage key.
pub const PREDICTIONS_KEY: &str = "session-lab/predictions/v1";

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    pub scenario: String,
    /// Settings changes from the scenario's own, encoded.
    pub settings: String,
    /// The student said the attacker would get in.
    pub said_in: bool,
    /// The attacker did get in.
    pub was_in: bool,
}

impl Prediction {
    pub fn is_right(&self) -> bool {
        self.said_in == self.was_in
    }
}

fn flag(b: bool) -> char {
    if b {
        'y'
    } else {
        'n'
    }
}

/// The text stored for `predictions`.
pub fn to_text(predictions: &[Prediction]) -> String {
    let mut out = String::from("1\n");
    for p in predictions {
        out.push_str(&format!(
            "{}|{}|{}|{}\n",
            p.scenario,
            p.settings,
            flag(p.said_in),
            flag(p.was_in)
        ));
    }
    out
}

/// Reads stored text: the answers it holds, and how many lines were
/// dropped because they could not be read (a wrong version drops all).
pub fn parse(text: &str) -> (Vec<Prediction>, usize) {
    let mut lines = text.lines();
    let version_ok = lines.next().map(str::trim) == Some("1");
    let mut out = Vec::new();
    let mut dropped = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').collect();
        let read = match parts.as_slice() {
            [scenario, settings, said, was] if version_ok && !scenario.is_empty() => {
                let yn = |s: &str| match s {
                    "y" => Some(true),
                    "n" => Some(false),
                    _ => None,
                };
                match (yn(said), yn(was)) {
                    (Some(said_in), Some(was_in)) => Some(Prediction {
                        scenario: scenario.to_string(),
                        settings: settings.to_string(),
                        said_in,
                        was_in,
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        match read {
            // One answer per scenario and settings: the first one counts.
            Some(p)
                if !out
                    .iter()
                    .any(|q: &Prediction| q.scenario == p.scenario && q.settings == p.settings) =>
            {
                out.push(p)
            }
            Some(_) => {}
            None => dropped += 1,
        }
    }
    if !version_ok && !text.trim().is_empty() && dropped == 0 {
        dropped = 1;
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(scenario: &str, settings: &str, said_in: bool, was_in: bool) -> Prediction {
        Prediction {
            scenario: scenario.into(),
            settings: settings.into(),
            said_in,
            was_in,
        }
    }

    #[test]
    fn round_trip() {
        let all = vec![
            p("hijack-xss", "http-only:on", false, false),
            p("csrf", "", true, false),
        ];
        let text = to_text(&all);
        assert_eq!(text, "1\nhijack-xss|http-only:on|n|n\ncsrf||y|n\n");
        assert_eq!(parse(&text), (all, 0));
    }

    #[test]
    fn unreadable_lines_are_dropped_and_counted() {
        let (read, dropped) =
            parse("1\ncsrf||y|y\n<script>\n|x|y|y\ncsrf||q|y\nhijack-xss||n|y|extra\n");
        assert_eq!(read, vec![p("csrf", "", true, true)]);
        assert_eq!(dropped, 4);
        assert_eq!(parse("{\"json\": true}").1, 1);
        assert_eq!(parse("2\ncsrf||y|y").1, 1);
        assert_eq!(parse(""), (vec![], 0));
        assert!(p("a", "", true, true).is_right());
        assert!(!p("a", "", true, false).is_right());
    }
}
