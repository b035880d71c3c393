//! Insecure session storage (issue 15, item 2): the attack
//! session-store-leak as it comes (the copy of the store shows Alice's
//! password, API token and card number, and its file names are live IDs),
//! and under each setting that changes what a copy gives away: a user
//! reference only, encryption at rest, the store filing sessions under a
//! hash of the ID, the files outside the web root. Each outcome is the
//! engine's, read from the run: the listing the attacker received, and the
//! verdict's typed reason.

mod common;
use common::runs::{decisions, responses_to, scenario};
use session_lab::engine::event::EventKind;
use session_lab::engine::matrix::{cell, Defense};
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{Decision, RejectReason};
use session_lab::engine::server::exposed::{FileContent, Secret};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{SessionContents, Settings, StoreExposure, StoreKeys};
use session_lab::engine::verdict::{StoreLeak, VerdictReason};
use session_lab::engine::{run, Run};

const ID: &str = "session-store-leak";

fn run_with(knobs: &[Knob]) -> Run {
    let s = scenario(ID);
    let settings: Settings = s.settings().with(knobs);
    run(&s, &settings, Seed(7))
}

fn verdict(r: &Run) -> (bool, VerdictReason) {
    let v = r.verdict.clone().expect("an attack has a verdict");
    (v.attacker_got_in, v.reason)
}

fn store_read(r: &Run) -> (bool, StoreLeak, VerdictReason) {
    match verdict(r) {
        (got_in, VerdictReason::StoreRead { leak, then }) => (got_in, leak, *then),
        other => panic!("expected a store read, got {other:?}"),
    }
}

/// The body of the web server's answer to the attacker's GET /sessions/.
fn listing(r: &Run) -> String {
    let events = responses_to(r, "/sessions/");
    let body = events.iter().find_map(|e| match &e.kind {
        EventKind::Response { response, .. } => Some(response.body.clone()),
        _ => None,
    });
    body.expect("Mallory asked for /sessions/")
}

fn alices_id(r: &Run) -> String {
    decisions(r)
        .iter()
        .find_map(|d| match d {
            Decision::SessionCreated { id, .. } => Some(id.0.clone()),
            _ => None,
        })
        .expect("Alice got a session")
}

#[test]
fn as_it_comes_the_copy_shows_alices_secrets_and_her_live_id() {
    let r = run_with(&[]);
    let (got_in, leak, then) = store_read(&r);
    assert!(got_in);
    assert_eq!(leak.user.as_str(), "alice");
    assert_eq!(
        leak.secrets,
        vec![
            Secret::Password,
            Secret::ApiToken,
            Secret::CardNumber,
            Secret::Email
        ]
    );
    assert!(!leak.encrypted && !leak.keys_hashed);
    // What the attacker received holds them, in clear, under her ID.
    let body = listing(&r);
    let id = alices_id(&r);
    assert!(body.contains(&format!("sess_{id}")), "{body}");
    for secret in ["correct-horse", "api_live_", "4111 1111 1111 1111"] {
        assert!(body.contains(secret), "{secret} not in {body}");
    }
    // And the name was a live ID: replayed, it opened her account.
    assert!(
        matches!(&then, VerdictReason::ServedAsVictim { session, .. } if session.0 == id),
        "{then:?}"
    );
}

#[test]
fn with_a_user_reference_only_no_secret_leaks_but_the_id_still_does() {
    let r = run_with(&[Knob::Contents(SessionContents::UserReference)]);
    let (got_in, leak, then) = store_read(&r);
    assert!(leak.secrets.is_empty(), "{:?}", leak.secrets);
    let body = listing(&r);
    assert!(body.contains("card ending 1111"), "{body}");
    assert!(!body.contains("4111 1111 1111 1111"), "{body}");
    assert!(!body.contains("correct-horse") && !body.contains("api_live_"));
    // The file name is still her ID: the copy still hijacks her session.
    assert!(got_in);
    assert!(
        matches!(then, VerdictReason::ServedAsVictim { .. }),
        "{then:?}"
    );
}

#[test]
fn encrypted_at_rest_nothing_readable_leaks_but_file_names_are_still_ids() {
    let r = run_with(&[Knob::EncryptAtRest(true)]);
    let (got_in, leak, then) = store_read(&r);
    assert!(leak.encrypted && leak.secrets.is_empty());
    let body = listing(&r);
    assert!(body.contains("enc:"), "{body}");
    for clear in ["alice", "correct-horse", "api_live_", "4111"] {
        assert!(!body.contains(clear), "{clear} readable in {body}");
    }
    let served = decisions(&r).into_iter().find_map(|d| match d {
        Decision::SessionFilesServed { files, .. } => Some(files.clone()),
        _ => None,
    });
    assert!(served
        .expect("the listing was served")
        .iter()
        .all(|f| matches!(f.content, FileContent::Encrypted { .. })));
    // Encryption at rest does not hide what the files are filed under.
    assert!(got_in);
    assert!(
        matches!(then, VerdictReason::ServedAsVictim { .. }),
        "{then:?}"
    );
}

#[test]
fn with_hashed_store_keys_the_names_in_the_copy_open_nothing() {
    let r = run_with(&[Knob::StoreKeys(StoreKeys::HashedId)]);
    let (got_in, leak, then) = store_read(&r);
    assert!(leak.keys_hashed);
    let body = listing(&r);
    assert!(!body.contains(&alices_id(&r)), "{body}");
    assert_eq!(
        then,
        VerdictReason::IdRejected(RejectReason::Unknown),
        "the replayed name is no ID"
    );
    // The secrets are still read: hashing the keys protects the IDs only.
    assert!(leak.secrets.contains(&Secret::Password));
    assert!(got_in);
}

#[test]
fn a_reference_only_hashed_store_gives_the_attacker_nothing_usable() {
    let r = run_with(&[
        Knob::Contents(SessionContents::UserReference),
        Knob::StoreKeys(StoreKeys::HashedId),
    ]);
    let (got_in, leak, then) = store_read(&r);
    assert!(leak.secrets.is_empty());
    assert_eq!(then, VerdictReason::IdRejected(RejectReason::Unknown));
    assert!(!got_in);
}

#[test]
fn outside_the_web_root_there_is_no_copy_to_read() {
    let r = run_with(&[Knob::StoreExposure(StoreExposure::Private)]);
    let (got_in, why) = verdict(&r);
    assert!(!got_in);
    assert_eq!(why, VerdictReason::StoreNotServed);
    assert!(decisions(&r)
        .iter()
        .any(|d| matches!(d, Decision::SessionFilesNotServed)));
    assert!(!listing(&r).contains("sess_"));
}

#[test]
fn in_the_matrix_only_the_store_out_of_the_web_root_keeps_the_attacker_out_alone() {
    let s = scenario(ID);
    let base = s.settings();
    for defense in Defense::ALL {
        let c = cell(&s, &defense.apply(base.clone()), Seed::default());
        let kept_out = defense == Defense::StoreOutOfWebRoot;
        assert_eq!(c.attacker_got_in, !kept_out, "{defense:?}: {:?}", c.reason);
    }
}
