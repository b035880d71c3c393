//! The diagram as Mermaid `sequenceDiagram` text: GitHub, GitLab and most
//! documentation tools draw it, so a run can go into a course's notes as
//! text that diffs. One arrow per message, notes for the rest, the
//! deciding step inside a highlighted block.

use super::model::{ArrowKind, Diagram, Row};

/// Mermaid's line for one arrow kind: solid for requests, dashed for
/// responses, open-headed (asynchronous) for what the observer reads and
/// what the attacker hands over outside HTTP.
fn arrow_token(kind: ArrowKind) -> &'static str {
    match kind {
        ArrowKind::Request => "->>",
        ArrowKind::Response => "-->>",
        ArrowKind::Observed => "--)",
        ArrowKind::Handed => "-)",
    }
}

/// Text Mermaid reads as one message: no line breaks, and `;` and `#`
/// (a statement separator and the start of an entity) written as
/// Mermaid's entity codes, in one pass so the codes are not escaped again.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The whole run as Mermaid text.
pub fn mermaid(d: &Diagram, title: &str) -> String {
    let mut out = String::from("sequenceDiagram\n");
    out.push_str(&format!("    title {}\n", clean(title)));
    for l in &d.lifelines {
        out.push_str(&format!(
            "    participant {} as {} · {}\n",
            l.key(),
            l.letter(),
            clean(l.name())
        ));
    }
    for (i, row) in d.rows.iter().enumerate() {
        let deciding = d.deciding == Some(i);
        if deciding {
            out.push_str("    rect rgb(255, 236, 179)\n");
            out.push_str(&format!(
                "    Note over {}: ★ {}\n",
                d.lifelines.first().map_or("alice", |l| l.key()),
                d.deciding_words()
            ));
        }
        match row {
            Row::Arrow(a) => {
                let chips: Vec<String> = a
                    .chips
                    .iter()
                    .map(|c| {
                        let known = if c.known { " (Mallory knows)" } else { "" };
                        format!("{}{known}", c.text())
                    })
                    .collect();
                let chips = if chips.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", chips.join(", "))
                };
                out.push_str(&format!(
                    "    {}{}{}: {}. {}{}\n",
                    a.from.key(),
                    arrow_token(a.kind),
                    a.to.key(),
                    i + 1,
                    clean(&a.label),
                    clean(&chips)
                ));
            }
            Row::Note(n) => {
                out.push_str(&format!(
                    "    Note over {}: {}. {}\n",
                    n.on.key(),
                    i + 1,
                    clean(&n.text)
                ));
            }
        }
        if deciding {
            out.push_str("    end\n");
        }
    }
    out
}

/// How many lines of `text` are Mermaid arrows: for tests, here and in the
/// browser's.
pub fn arrow_lines(text: &str) -> usize {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            let head = line.split(':').next().unwrap_or_default();
            !line.starts_with("Note")
                && !line.starts_with("participant")
                && ["->>", "-->>", "--)", "-)"]
                    .iter()
                    .any(|t| head.contains(t))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    #[test]
    fn one_arrow_line_per_message_in_every_scenario() {
        for s in catalog() {
            let run = run(&s, &s.settings(), Seed::default());
            let d = Diagram::of_run(&run);
            let text = mermaid(&d, &s.title);
            assert!(text.starts_with("sequenceDiagram\n"));
            assert_eq!(arrow_lines(&text), d.arrows().count(), "{}", s.id);
            // Every row is one line, plus the deciding block's three.
            let body = text.lines().count() - 2 - d.lifelines.len();
            let extra = if d.deciding.is_some() { 3 } else { 0 };
            assert_eq!(body, d.rows.len() + extra, "{}", s.id);
            // No raw separators that would split a message.
            for line in text.lines().skip(1) {
                assert!(!line.replace("#59;", "").replace("#35;", "").contains(';'));
            }
        }
    }

    #[test]
    fn clean_escapes_in_one_pass() {
        assert_eq!(clean("a;b#c"), "a#59;b#35;c");
    }
}
