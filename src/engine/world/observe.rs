//! What the world records besides the events themselves: the snapshot of
//! every store, and the wins and obstacles the verdict is computed from.

use super::World;
use crate::engine::attacker::{KnownId, LearnedBy};
use crate::engine::browser::UpgradeBy;
use crate::engine::cookies::{BlockedReason, Cookie};
use crate::engine::event::{
    Actor, AttackerView, BrowserView, EventKind, NetworkView, RequestCause, ServerView,
    SessionView, Snapshot,
};
use crate::engine::http::HttpRequest;
use crate::engine::network::Party;
use crate::engine::scenario::AttackGoal;
use crate::engine::server::accounts::{Role, UserName, VICTIM_USER};
use crate::engine::server::decision::{Decision, RejectReason, RoleSource};
use crate::engine::server::exposed::{self, StoredFile};
use crate::engine::server::id_generator::SessionId;
use crate::engine::server::settings::StoreKeys;
use crate::engine::server::store::EndReason;
use crate::engine::server::Served;
use crate::engine::verdict::{BindingPassed, LeftOutOf, StoreLeak, VerdictReason};

/// What judging a response needs from the server's decisions about it,
/// read before the decisions move into their events.
pub(super) struct DecisionFacts {
    /// The victim's account, if a transfer was executed from it.
    transfer_from_victim: Option<crate::engine::server::accounts::UserName>,
    /// Whether the admin panel was served.
    admin_panel_served: bool,
    /// What a request for the session files got, if it asked for them.
    store_copy: Option<StoreCopy>,
}

/// The answer to a request for the session files.
enum StoreCopy {
    NotServed,
    Served {
        files: Vec<StoredFile>,
        encrypted: bool,
        keys: StoreKeys,
    },
}

impl DecisionFacts {
    pub(super) fn of(decisions: &[Decision]) -> Self {
        DecisionFacts {
            transfer_from_victim: decisions.iter().find_map(|d| match d {
                Decision::TransferExecuted { from, .. } if from.as_str() == VICTIM_USER => {
                    Some(from.clone())
                }
                _ => None,
            }),
            admin_panel_served: decisions
                .iter()
                .any(|d| matches!(d, Decision::AdminPanelServed { .. })),
            store_copy: decisions.iter().find_map(|d| match d {
                Decision::SessionFilesNotServed => Some(StoreCopy::NotServed),
                Decision::SessionFilesServed {
                    files,
                    encrypted,
                    keys,
                } => Some(StoreCopy::Served {
                    files: files.clone(),
                    encrypted: *encrypted,
                    keys: *keys,
                }),
                _ => None,
            }),
        }
    }
}

/// Who sent the request a decision was made for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin {
    pub party: Party,
    pub cause: RequestCause,
}

/// Something that happened which may have stopped a step of the attack.
/// The world reports each through [`World::note_obstacle`]; whether it
/// counts for the verdict is decided here, in `obstacle_in`, and nowhere
/// else.
pub(super) enum Setback<'a> {
    /// The jar left these cookies out of a request. `read_in_clear`: the
    /// request crossed the Wi-Fi as plain http while the attacker listened.
    CookiesLeftOut {
        origin: Origin,
        excluded: &'a [(Cookie, BlockedReason)],
        read_in_clear: bool,
    },
    /// The browser used HTTPS (or nothing) where plain http would have
    /// carried the session cookie past the listening attacker.
    KeptOffPlainHttp(UpgradeBy),
    /// The jar refused the session cookie a response set.
    SessionCookieRefused {
        party: Party,
        from_attacker_site: bool,
        reason: BlockedReason,
    },
    /// A page expected to carry the attacker's script ran none.
    ScriptShownAsText,
    /// An injected script's `document.cookie` left the session cookie out.
    SessionCookieHidden(BlockedReason),
    /// The attacker had no session ID of the victim's to replay.
    NothingToReplay,
    /// None of the guessed IDs opened a logged-in session.
    GuessesMissed {
        first_refusal: Option<RejectReason>,
        attempts: u32,
        unpredictable_bits: u32,
        logged_in: u64,
    },
    /// The attacker's request with an ID they rely on was served by a
    /// session nobody is logged in to.
    ServedNobody,
    /// The victim's logged-in session cookie was replaced by a fresh one
    /// after the browser held it back for this reason.
    VictimLoggedOut(BlockedReason),
    /// The server decided something about a request.
    Decision {
        decision: &'a Decision,
        origin: Option<Origin>,
    },
}

impl World<'_> {
    pub(super) fn snapshot(&self) -> Snapshot {
        let unix = self.clock.unix_now();
        let store = self.server.store();
        Snapshot {
            browser: BrowserView {
                address_bar: self.victim.address_bar(),
                jar: self.victim.jar.cookies().to_vec(),
                document_cookie: self.victim.document_cookie(unix),
                hsts_hosts: self.victim.hsts_hosts.clone(),
            },
            network: NetworkView {
                in_flight: self.in_flight.clone(),
                observer_listening: self.network.is_listening(),
                captured: self
                    .network
                    .captured()
                    .iter()
                    .map(|c| c.summary())
                    .collect(),
            },
            server: ServerView {
                sessions: store.sessions().iter().map(session_view).collect(),
                reviews: self.server.reviews().to_vec(),
                on_disk: self.server.on_disk(),
                stateless: self.server.stateless(),
                denylist: self
                    .server
                    .denylist()
                    .iter()
                    .map(|r| {
                        (
                            r.signature.clone(),
                            format!(
                                "{}, until {}",
                                r.user,
                                crate::engine::clock::UnixTime::from_secs(r.expires).iso8601()
                            ),
                        )
                    })
                    .collect(),
                store_kind: self.server.store_kind(),
                app_server: self.server.app_server(),
                other_memory: self
                    .server
                    .other_memory()
                    .map(|(name, st)| (name, st.sessions().iter().map(session_view).collect())),
                balances: self
                    .server
                    .accounts()
                    .rows()
                    .iter()
                    .map(|a| (a.user.0.clone(), a.balance))
                    .collect(),
            },
            attacker: AttackerView {
                known_ids: self.attacker.known.clone(),
                jar: self.attacker.browser.jar.cookies().to_vec(),
                current_move: self.attacker.current_move.clone(),
            },
        }
    }

    /// Logs one server decision, noting it as an obstacle when it breaks
    /// the attack's chain.
    pub(super) fn emit_decision(&mut self, decision: Decision, origin: Option<Origin>) -> usize {
        // The lab remembers how sessions ended; the server does not.
        match &decision {
            Decision::SessionDestroyed { id, .. } => {
                self.ended_ids.push((id.clone(), EndReason::LoggedOut));
            }
            Decision::SessionExpired { id, reason, .. }
            | Decision::TtlExpired { id, reason, .. } => {
                self.ended_ids.push((id.clone(), *reason));
            }
            Decision::CleanupJobRan { removed } | Decision::GarbageCollected { removed } => {
                for id in removed {
                    self.ended_ids.push((id.clone(), EndReason::IdleTimeout));
                }
            }
            Decision::RememberTokenTheft { sessions_ended, .. } => {
                for id in sessions_ended {
                    self.ended_ids.push((id.clone(), EndReason::TheftDetected));
                }
            }
            _ => {}
        }
        let narration = self.narrate(|| decision.narration());
        // Judged before the decision moves into its event, so that it is
        // never copied (its Clone is kilobytes of WebAssembly): judging a
        // decision reads the attacker and the ended sessions, not the events.
        let obstacle = self.obstacle_in(Setback::Decision {
            decision: &decision,
            origin,
        });
        let index = self.emit(Actor::Server, EventKind::Server { decision }, narration);
        self.record_obstacle(index, obstacle);
        index
    }

    /// Records what happened at event `index` as an obstacle, if it is one:
    /// the one way obstacles reach the verdict's log.
    pub(super) fn note_obstacle(&mut self, index: usize, setback: Setback<'_>) {
        // Nothing to replay because HSTS kept the victim's requests off the
        // Wi-Fi: the rewrite is what decided it, and the verdict names it
        // (as it does when HSTS kept the cookie itself off).
        if let (Setback::NothingToReplay, Some((at, by))) = (&setback, self.kept_off_wifi) {
            if self.goal.is_some() {
                self.log.obstacle(at, VerdictReason::KeptOffPlainHttp(by));
                return;
            }
        }
        let obstacle = self.obstacle_in(setback);
        self.record_obstacle(index, obstacle);
    }

    /// Puts an obstacle found at event `index` into the verdict's log.
    fn record_obstacle(&mut self, index: usize, obstacle: Option<VerdictReason>) {
        if let Some(reason) = obstacle {
            self.log.obstacle(index, reason);
        }
    }

    /// The victim's browser refused the session cookie (for `reason`) a
    /// plain http:// response set while the attacker was reading the
    /// Wi-Fi: the ID in it crossed in clear all the same.
    pub(super) fn note_refused_in_clear(
        &mut self,
        party: Party,
        url: &crate::engine::url::Url,
        pairs: &[(String, String)],
        reason: BlockedReason,
    ) {
        let read = party == Party::Victim
            && self.network.is_listening()
            && url.scheme() == crate::engine::url::Scheme::Http;
        if !read {
            return;
        }
        let name = self.settings.cookie.full_name();
        for (_, value) in pairs.iter().filter(|(n, v)| *n == name && !v.is_empty()) {
            self.refused_in_clear.push((value.clone(), reason));
        }
    }

    /// Remembers the first time `by` kept a request of the victim's for
    /// `url` (plain http://) off the Wi-Fi while the attacker listened.
    pub(super) fn note_kept_off_wifi(
        &mut self,
        party: Party,
        url: &crate::engine::url::Url,
        index: usize,
        by: UpgradeBy,
    ) {
        let exposed = party == Party::Victim
            && self.network.is_listening()
            && url.scheme() == crate::engine::url::Scheme::Http;
        if exposed && self.kept_off_wifi.is_none() {
            self.kept_off_wifi = Some((index, by));
        }
    }

    /// Whether a setback stopped a step of the attack, and why: the one
    /// place that decides. Outside attacks nothing is an obstacle.
    fn obstacle_in(&self, setback: Setback<'_>) -> Option<VerdictReason> {
        self.goal?;
        match setback {
            Setback::CookiesLeftOut {
                origin,
                excluded,
                read_in_clear,
            } => {
                // Counts when left out of a request the attacker made the
                // victim send, or of one the attacker reads off the Wi-Fi. A
                // link the attacker sent only opens a page: the cookie riding
                // along or not decides nothing by itself (what the page's
                // script does, or the page's side effects, do).
                let attacker_made =
                    origin.cause.attacker_made() && origin.cause != RequestCause::AttackerLink;
                if origin.party != Party::Victim || !(attacker_made || read_in_clear) {
                    return None;
                }
                let session_name = self.settings.cookie.full_name();
                excluded
                    .iter()
                    .find(|(c, _)| c.name == session_name)
                    .map(|(_, reason)| VerdictReason::CookieNotSent {
                        reason: *reason,
                        // Attacker-made first: the attack's own request
                        // decides, even if the Wi-Fi also carried it.
                        of: if attacker_made {
                            LeftOutOf::AttackerMade
                        } else {
                            LeftOutOf::PlainHttpRead
                        },
                    })
            }
            Setback::SessionCookieRefused {
                party,
                from_attacker_site,
                reason,
            } => (party == Party::Victim && from_attacker_site)
                .then_some(VerdictReason::CookieNotStored(reason)),
            Setback::ScriptShownAsText => Some(VerdictReason::ScriptNotRun),
            Setback::SessionCookieHidden(reason) => {
                Some(VerdictReason::CookieHiddenFromScript(reason))
            }
            Setback::NothingToReplay => Some(VerdictReason::NoIdLearned),
            Setback::GuessesMissed {
                first_refusal,
                attempts,
                unpredictable_bits,
                logged_in,
            } => Some(match first_refusal {
                Some(RejectReason::Ended(end)) => VerdictReason::SessionEnded(end),
                Some(r) => VerdictReason::IdRejected(r),
                None => VerdictReason::GuessesMissed {
                    attempts,
                    unpredictable_bits,
                    logged_in,
                },
            }),
            Setback::ServedNobody => Some(VerdictReason::SessionNotLoggedIn),
            Setback::KeptOffPlainHttp(by) => Some(VerdictReason::KeptOffPlainHttp(by)),
            Setback::VictimLoggedOut(withheld) => Some(VerdictReason::VictimLoggedOut { withheld }),
            Setback::Decision { decision, origin } => self.obstacle_in_decision(decision, origin),
        }
    }

    fn obstacle_in_decision(
        &self,
        decision: &Decision,
        origin: Option<Origin>,
    ) -> Option<VerdictReason> {
        let attacker_made = origin.is_some_and(|o| o.cause.attacker_made());
        let from_attacker = origin.is_some_and(|o| o.party == Party::Attacker);
        match decision {
            Decision::SessionRejected { id, reason } if self.attacker.relies_on(id) => {
                Some(match (reason, self.ended_how(id)) {
                    (RejectReason::Ended(end), _) => VerdictReason::SessionEnded(*end),
                    (RejectReason::NotIssued | RejectReason::Unknown, Some(ended)) => {
                        VerdictReason::IdUnknownAfterEnd { ended }
                    }
                    (other, _) => VerdictReason::IdRejected(*other),
                })
            }
            // Adopting the ID again makes a new, empty session of it.
            Decision::SessionAdopted { id } if self.attacker.relies_on(id) => self
                .ended_how(id)
                .map(|ended| VerdictReason::IdUnknownAfterEnd { ended }),
            Decision::SessionRegenerated { old, .. } if self.attacker.relies_on(old) => {
                Some(VerdictReason::SessionEnded(EndReason::Regenerated))
            }
            // A remember-me token the attacker replayed from their machine.
            Decision::RememberTokenTheft {
                selector,
                tokens_revoked,
                ..
            } if from_attacker && self.attacker.relies_on_token(selector) => {
                Some(VerdictReason::RememberTokenTheftDetected {
                    tokens_revoked: *tokens_revoked,
                })
            }
            Decision::RememberTokenRefused { selector, reason }
                if from_attacker && self.attacker.relies_on_token(selector) =>
            {
                Some(VerdictReason::RememberTokenRefused(*reason))
            }
            Decision::TransferRefused { reason } if attacker_made => {
                Some(VerdictReason::ActionRefused(*reason))
            }
            Decision::RequestRefused { reason } if attacker_made => {
                Some(VerdictReason::RequestRefused(*reason))
            }
            Decision::AdminRefused {
                source: RoleSource::Session,
                ..
            } if attacker_made => Some(VerdictReason::RoleNotFromCookie),
            _ => None,
        }
    }

    /// How the session of `id` ended, as the log saw it (the latest end).
    fn ended_how(&self, id: &crate::engine::server::id_generator::SessionId) -> Option<EndReason> {
        self.ended_ids
            .iter()
            .rev()
            .find(|(ended, _)| ended == id)
            .map(|(_, how)| *how)
    }

    /// The client checks the session `id` is bound by, which the
    /// attacker's request just passed, and why it passed each: from the
    /// settings, the session's binding, and who the attacker appears to be.
    fn bindings_passed(&self, id: &SessionId) -> Vec<BindingPassed> {
        let binding = self.settings.server.binding;
        let bound = self
            .server
            .store()
            .get(id)
            .is_some_and(|s| s.bound_to.is_some());
        if !bound {
            return Vec::new();
        }
        let mut passed = Vec::new();
        if binding.checks_ip() {
            passed.push(BindingPassed::Ip {
                behind_victims_nat: self.attacker.position.on_victims_network(),
            });
        }
        if binding.checks_user_agent() {
            passed.push(BindingPassed::UserAgent {
                from: self.attacker.user_agent_from,
                most_common: self.attacker.browser.user_agent
                    == crate::engine::network::MOST_COMMON_USER_AGENT,
            });
        }
        passed
    }

    /// Checks a served request against the attack's goal.
    pub(super) fn judge_response(
        &mut self,
        index: usize,
        origin: Origin,
        request: &HttpRequest,
        served: &Served,
        decisions: &DecisionFacts,
        relied_id_sent: bool,
    ) {
        let Some(goal) = self.goal else { return };
        if origin.party == Party::Attacker {
            self.judge_store_copy(index, decisions);
        }
        let victim_served = served
            .user
            .as_ref()
            .is_some_and(|u| u.as_str() == VICTIM_USER);
        match goal {
            AttackGoal::ImpersonateVictim => {
                if origin.party == Party::Attacker && victim_served {
                    if let (Some(user), Some(session)) =
                        (served.user.clone(), served.session.clone())
                    {
                        let passed = self.bindings_passed(&session);
                        let refused_in_clear = self
                            .refused_in_clear
                            .iter()
                            .find(|(v, _)| *v == session.0)
                            .map(|(_, reason)| *reason);
                        self.log.win(
                            index,
                            VerdictReason::ServedAsVictim {
                                user,
                                session,
                                passed,
                                refused_in_clear,
                                stateless: self.server.stateless(),
                            },
                        );
                    }
                } else if origin.party == Party::Attacker
                    && relied_id_sent
                    && served.session.is_some()
                    && served.user.is_none()
                {
                    self.note_obstacle(index, Setback::ServedNobody);
                }
            }
            AttackGoal::ForgeVictimRequest => {
                let executed = decisions.transfer_from_victim.clone();
                if let (true, Some(user)) = (origin.cause.attacker_made(), executed) {
                    let telltales = telltales(request);
                    // The cookie that rode along, as the victim's jar holds it.
                    let name = self.settings.cookie.full_name();
                    let same_site = self
                        .victim
                        .jar
                        .cookies()
                        .iter()
                        .find(|c| c.name == name)
                        .map(|c| c.same_site);
                    let script_marks = script_marks(request);
                    let token_from_page = self.settings.application.csrf_token
                        && crate::engine::http::form::lookup(
                            &crate::engine::http::form::decode_pairs(&request.body),
                            "csrf",
                        )
                        .is_some_and(|t| !t.is_empty());
                    // The money moved at the server's decision, a step
                    // before the response that reports it: that step decides.
                    let moved_at = self.events[..index]
                        .iter()
                        .rposition(|e| {
                            matches!(
                                &e.kind,
                                EventKind::Server {
                                    decision: Decision::TransferExecuted { .. }
                                }
                            )
                        })
                        .unwrap_or(index);
                    self.log.win(
                        moved_at,
                        VerdictReason::ForgedRequestExecuted {
                            user,
                            telltales,
                            same_site,
                            script_marks,
                            token_from_page,
                        },
                    );
                }
            }
            AttackGoal::EscalatePrivilege => {
                let served_admin = decisions.admin_panel_served;
                let really_admin = served
                    .user
                    .as_ref()
                    .and_then(|u| self.server.accounts().get(u.as_str()))
                    .is_some_and(|a| a.role == Role::Admin);
                if origin.party == Party::Attacker && served_admin && !really_admin {
                    self.log.win(index, VerdictReason::RoleTampered);
                }
            }
        }
    }
}

impl World<'_> {
    /// A request of the attacker's that the web server answered with the
    /// session files (or refused): what the copy shows of the victim's
    /// session, and the file names the attacker now holds as IDs.
    fn judge_store_copy(&mut self, index: usize, facts: &DecisionFacts) {
        match &facts.store_copy {
            Some(StoreCopy::NotServed) => {
                self.log.obstacle(index, VerdictReason::StoreNotServed);
            }
            Some(StoreCopy::Served {
                files,
                encrypted,
                keys,
            }) => {
                let victims = files
                    .iter()
                    .find(|f| exposed::user_in(f) == Some(VICTIM_USER));
                self.log.store_read(
                    index,
                    StoreLeak {
                        user: UserName::new(VICTIM_USER),
                        secrets: victims.map(exposed::secrets_in).unwrap_or_default(),
                        files: files.len(),
                        encrypted: *encrypted,
                        keys_hashed: *keys == StoreKeys::HashedId,
                    },
                );
                // Every name is worth a try, the victim's (when it can
                // be told) first: the attacker tries the newest first.
                let name = self.settings.cookie.full_name();
                let now = self.now();
                let mut order: Vec<&StoredFile> = files
                    .iter()
                    .filter(|f| exposed::user_in(f) != Some(VICTIM_USER))
                    .collect();
                order.extend(victims);
                for f in order {
                    self.attacker.known.push(KnownId {
                        name: name.clone(),
                        value: f.key.clone(),
                        learned_by: LearnedBy::ReadFromStore,
                        at: now,
                    });
                }
            }
            None => {}
        }
    }
}

/// The headers by which the browser said a request came from another
/// site: an `Origin` or a `Referer` of another origin, a cross-site
/// `Sec-Fetch-Site`.
pub(super) fn telltales(request: &HttpRequest) -> Vec<String> {
    let target = request.url.origin();
    let mut out = Vec::new();
    if let Some(origin) = request.header("Origin").filter(|o| *o != target) {
        out.push(format!("Origin: {origin}"));
    } else if let Some(referer) = request
        .header("Referer")
        .filter(|r| !r.starts_with(&format!("{target}/")))
    {
        out.push(format!("Referer: {referer}"));
    }
    if let Some(site) = request
        .header("Sec-Fetch-Site")
        .filter(|s| matches!(*s, "cross-site" | "same-site"))
    {
        out.push(format!("Sec-Fetch-Site: {site}"));
    }
    out
}

/// How a request a script sent shows it in its Fetch Metadata: not a
/// navigation (`Sec-Fetch-Mode`, `Sec-Fetch-Dest`), no user activation (no
/// `Sec-Fetch-User`). Empty for a navigation a form made.
fn script_marks(request: &HttpRequest) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(mode) = request
        .header("Sec-Fetch-Mode")
        .filter(|m| *m != "navigate")
    {
        out.push(format!("Sec-Fetch-Mode: {mode}"));
    }
    if let Some(dest) = request
        .header("Sec-Fetch-Dest")
        .filter(|d| *d != "document")
    {
        out.push(format!("Sec-Fetch-Dest: {dest}"));
    }
    if !out.is_empty() && request.header("Sec-Fetch-User").is_none() {
        out.push("no Sec-Fetch-User".into());
    }
    out
}

/// One session as the store panel shows it.
fn session_view(s: &crate::engine::server::store::Session) -> SessionView {
    SessionView {
        id: s.id.clone(),
        user: s.user.clone(),
        data: s.data.rows(),
        created: s.created,
        last_seen: s.last_seen,
        idle_expires: s.idle_expires,
        absolute_expires: s.absolute_expires,
        bound_to: s
            .bound_to
            .as_ref()
            .map(|b| format!("{}, {}", b.ip, b.user_agent)),
        adopted: s.origin == crate::engine::server::store::SessionOrigin::Adopted,
    }
}
