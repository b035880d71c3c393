//! Helpers for the engine test files that read whole runs.

use session_lab::engine::event::{Event, EventKind};
use session_lab::engine::scenario::{find, Scenario};
use session_lab::engine::server::decision::Decision;
use session_lab::engine::world::Run;
use std::collections::BTreeSet;

/// The catalog's scenario `id`; a test naming one that is gone fails here.
pub fn scenario(id: &str) -> Scenario {
    find(id).unwrap_or_else(|| panic!("no scenario {id}"))
}

/// Every server decision of the run, in order.
pub fn decisions(run: &Run) -> Vec<&Decision> {
    run.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Server { decision } => Some(decision),
            _ => None,
        })
        .collect()
}

/// The response events to requests for `path`, in order (a request and its
/// response share an exchange number).
pub fn responses_to<'a>(run: &'a Run, path: &str) -> Vec<&'a Event> {
    let mut wanted = BTreeSet::new();
    let mut out = Vec::new();
    for e in &run.events {
        match &e.kind {
            EventKind::Request {
                exchange, request, ..
            } if request.url.path() == path => {
                wanted.insert(*exchange);
            }
            EventKind::Response { exchange, .. } if wanted.contains(exchange) => out.push(e),
            _ => {}
        }
    }
    out
}
