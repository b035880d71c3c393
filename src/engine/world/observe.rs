//! What the world records besides the events themselves: the snapshot of
//! every store, and the wins and obstacles the verdict is computed from.

use super::World;
use crate::engine::event::{
    Actor, AttackerView, BrowserView, EventKind, NetworkView, RequestCause, ServerView,
    SessionView, Snapshot,
};
use crate::engine::network::Party;
use crate::engine::scenario::AttackGoal;
use crate::engine::server::accounts::{Role, VICTIM_USER};
use crate::engine::server::decision::{Decision, RejectReason, RoleSource};
use crate::engine::server::store::EndReason;
use crate::engine::server::Served;
use crate::engine::verdict::VerdictReason;

/// Who sent the request a decision was made for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin {
    pub party: Party,
    pub cause: RequestCause,
}

impl World {
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
                sessions: store
                    .sessions()
                    .iter()
                    .map(|s| SessionView {
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
                    })
                    .collect(),
                ended: store.ended().to_vec(),
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
        let narration = self.narrate(|| decision.narration());
        let obstacle = self.obstacle_in(&decision, origin);
        let index = self.emit(Actor::Server, EventKind::Server { decision }, narration);
        if let Some(reason) = obstacle {
            self.log.obstacle(index, reason);
        }
        index
    }

    fn obstacle_in(&self, decision: &Decision, origin: Option<Origin>) -> Option<VerdictReason> {
        self.goal?;
        let attacker_made = origin.is_some_and(|o| o.cause.attacker_made());
        match decision {
            Decision::SessionRejected { id, reason } if self.attacker.relies_on(id) => {
                Some(match reason {
                    RejectReason::Ended(end) => VerdictReason::SessionEnded(*end),
                    other => VerdictReason::IdRejected(*other),
                })
            }
            Decision::SessionRegenerated { old, .. } if self.attacker.relies_on(old) => {
                Some(VerdictReason::SessionEnded(EndReason::Regenerated))
            }
            Decision::SessionDestroyed { id, .. } if self.attacker.relies_on(id) => {
                Some(VerdictReason::SessionEnded(EndReason::LoggedOut))
            }
            Decision::SessionExpired { id, reason, .. } if self.attacker.relies_on(id) => {
                Some(VerdictReason::SessionEnded(*reason))
            }
            Decision::TransferRefused { reason } if attacker_made => {
                Some(VerdictReason::ActionRefused(*reason))
            }
            Decision::AdminRefused {
                source: RoleSource::Session,
                ..
            } if attacker_made => Some(VerdictReason::RoleNotFromCookie),
            _ => None,
        }
    }

    /// Checks a served request against the attack's goal.
    pub(super) fn judge_response(
        &mut self,
        index: usize,
        origin: Origin,
        served: &Served,
        decisions: &[Decision],
        relied_id_sent: bool,
    ) {
        let Some(goal) = self.goal else { return };
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
                        self.log
                            .win(index, VerdictReason::ServedAsVictim { user, session });
                    }
                } else if origin.party == Party::Attacker
                    && relied_id_sent
                    && served.session.is_some()
                    && served.user.is_none()
                {
                    self.log.obstacle(index, VerdictReason::SessionNotLoggedIn);
                }
            }
            AttackGoal::ForgeVictimRequest => {
                let executed = decisions.iter().find_map(|d| match d {
                    Decision::TransferExecuted { from, .. } if from.as_str() == VICTIM_USER => {
                        Some(from.clone())
                    }
                    _ => None,
                });
                if let (true, Some(user)) = (origin.cause.attacker_made(), executed) {
                    self.log
                        .win(index, VerdictReason::ForgedRequestExecuted { user });
                }
            }
            AttackGoal::EscalatePrivilege => {
                let served_admin = decisions
                    .iter()
                    .any(|d| matches!(d, Decision::AdminPanelServed { .. }));
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
