//! Whether an attack got in, computed from what happened in the world.
//!
//! While a run goes on, the world notes each *win* (the server served an
//! attacker-made request as the victim) and each *obstacle* (a defense
//! stopped a step of the attack: a cookie left out, an ID refused, a script
//! that never ran) in an [`AttackLog`], with the index of the event where it
//! happened. The [`Verdict`] is the first win, or else the first obstacle:
//! the defense that broke the chain earliest.

use crate::engine::attacker::UserAgentSource;
use crate::engine::browser::UpgradeBy;
use crate::engine::cookies::{BlockedReason, SameSite};
use crate::engine::id_analysis::{describe_log10_count, guess_count_log10};
use crate::engine::server::accounts::UserName;
use crate::engine::server::decision::{
    RejectReason, RequestRefusal, TokenRefusal, TransferRefusal,
};
use crate::engine::server::exposed::Secret;
use crate::engine::server::id_generator::SessionId;
use crate::engine::server::store::EndReason;
use serde::{Deserialize, Serialize};

/// The outcome of an attack run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub attacker_got_in: bool,
    /// Index into the run's events of the step that decided it.
    pub deciding_event: usize,
    pub reason: VerdictReason,
    /// The reason as one sentence for students.
    pub sentence: String,
}

/// Why the attack worked or failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerdictReason {
    // The attacker got in.
    /// The server served a request from the attacker's machine with the
    /// victim's session. `passed`: the client checks the session was
    /// bound by (IP address, User-Agent) and why the attacker's request
    /// matched them; empty when the server checks nothing but the ID.
    /// `refused_in_clear`: the victim's browser had refused this session's
    /// cookie (a `Secure` or `__Host-` cookie from a plain http:// shop, say)
    /// but its `Set-Cookie` crossed the Wi-Fi in clear, where the attacker
    /// read the ID.
    ServedAsVictim {
        user: UserName,
        session: SessionId,
        passed: Vec<BindingPassed>,
        refused_in_clear: Option<BlockedReason>,
        /// The "ID" was a signed cookie holding the session itself: the
        /// server verified it and keeps no record it could have ended.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        stateless: bool,
    },
    /// A request the attacker wrote ran in the victim's browser, with the
    /// victim's cookie, and the server carried it out. `telltales` are the
    /// headers by which the browser said it came from another site
    /// (`Origin: https://evil.example`, `Sec-Fetch-Site: cross-site`),
    /// which the server did not check; none when it came from the shop's
    /// own page (XSS). `same_site`: the SameSite attribute of the session
    /// cookie the victim's browser held, which let it ride along.
    /// `script_marks`: how a request a script sent differs from a form the
    /// victim submits herself (`Sec-Fetch-Mode: cors`, no
    /// `Sec-Fetch-User`...), none of which a server can rely on.
    /// `token_from_page`: the server checked a CSRF token, and the request
    /// carried the right one, read from the shop's own form.
    ForgedRequestExecuted {
        user: UserName,
        telltales: Vec<String>,
        same_site: Option<SameSite>,
        script_marks: Vec<String>,
        token_from_page: bool,
    },
    /// The server gave the attacker's ordinary account the admin panel
    /// because of a cookie the attacker edited.
    RoleTampered,

    // The attacker was kept out.
    /// The browser left the victim's session cookie out of a request that
    /// mattered to the attack: `of` says which.
    CookieNotSent {
        reason: BlockedReason,
        of: LeftOutOf,
    },
    /// The browser refused to store the cookie the attacker planted.
    CookieNotStored(BlockedReason),
    /// The injected script ran but the session cookie was hidden from it.
    CookieHiddenFromScript(BlockedReason),
    /// The page escaped the attacker's input: no script ran.
    ScriptNotRun,
    /// The server refused the ID the attacker relied on.
    IdRejected(RejectReason),
    /// The session behind the ID ended before the attacker used it.
    SessionEnded(EndReason),
    /// The attacker's ID works, but nobody is logged in on it.
    SessionNotLoggedIn,
    /// The server did not know the ID the attacker replayed: its session
    /// had ended earlier (`ended`, as the event log recorded it; the
    /// server itself keeps no record of ended sessions), so it opened
    /// nobody's account.
    IdUnknownAfterEnd { ended: EndReason },
    /// The victim was logged out by a side effect before the attack could
    /// use her session: her browser held the session cookie back
    /// (`withheld`) from a request, and the shop, starting a session on
    /// every page, replaced her cookie with a fresh session's. Not a
    /// defense: with sessions started lazily the same attack goes on.
    VictimLoggedOut { withheld: BlockedReason },
    /// The server refused the forged action.
    ActionRefused(TransferRefusal),
    /// The Origin check or the Fetch Metadata policy refused the forged
    /// request before the shop's page saw it.
    RequestRefused(RequestRefusal),
    /// The browser sent an `http://` address over HTTPS (or not at all)
    /// where it would have carried the session cookie in clear past the
    /// attacker on the Wi-Fi.
    KeptOffPlainHttp(UpgradeBy),
    /// The server reads the role from the session, not from the cookie.
    RoleNotFromCookie,
    /// The attacker never learned a session ID to use.
    NoIdLearned,
    /// None of the guessed IDs named a live session. `unpredictable_bits`
    /// of each ID the attacker could not work out, and `logged_in`
    /// sessions any guess could have hit: the odds.
    GuessesMissed {
        attempts: u32,
        unpredictable_bits: u32,
        logged_in: u64,
    },
    /// The attacker replayed a remember-me token whose validator the
    /// victim's own use had already rotated: the server took the old copy
    /// for what it is, a stolen token, and revoked every token of the
    /// victim's (`tokens_revoked`) and ended her sessions.
    RememberTokenTheftDetected { tokens_revoked: u32 },
    /// The server would not use the remember-me token the attacker relied on.
    RememberTokenRefused(TokenRefusal),
    /// The attack's last step never happened (nothing to judge).
    AttackIncomplete,
    /// The attacker asked the web server for the session files, and there
    /// were none to be had: they lie outside the web root.
    StoreNotServed,
    /// The attacker read a copy of the session store (`leak`: what it
    /// showed of the victim's), and then tried the IDs in it: `then` is
    /// how that went (served as the victim, refused, nothing to replay).
    StoreRead {
        leak: StoreLeak,
        then: Box<VerdictReason>,
    },
}

/// What a copy of the session store gave the attacker about the victim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreLeak {
    pub user: UserName,
    /// The victim's secrets readable in clear.
    pub secrets: Vec<Secret>,
    /// The files in the copy, the victim's and anyone else's.
    pub files: usize,
    /// The data was ciphertext (encrypted at rest, the key elsewhere).
    pub encrypted: bool,
    /// The files were named by hashes of the IDs, not by the IDs.
    pub keys_hashed: bool,
}

impl StoreLeak {
    /// What the copy gave away, as a sentence.
    fn sentence(&self) -> String {
        let user = &self.user;
        let read = if self.encrypted {
            format!("Mallory downloaded {} from /sessions/, but the data is encrypted at rest and the key is not in the store: no password, token or card number, not even whose session is whose.", files_word(self.files))
        } else if self.secrets.is_empty() {
            format!("Mallory downloaded {} from /sessions/ and read it in clear, but {user}'s holds only a reference (her user name, the card's last four digits): no password, token or card number to take.", files_word(self.files))
        } else {
            let names: Vec<&str> = self.secrets.iter().map(|s| s.describe()).collect();
            format!("Mallory downloaded {} from /sessions/ and read {user}'s in clear: her {}, which work elsewhere, long after this session ends.", files_word(self.files), join_and(&names))
        };
        let names = if self.keys_hashed {
            " The files are named by hashes of the session IDs, not by the IDs."
        } else {
            " The files are named by the session IDs themselves."
        };
        format!("{read}{names}")
    }
}

fn files_word(n: usize) -> String {
    if n == 1 {
        "the store's one session file".into()
    } else {
        format!("all {n} session files of the store")
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The request the victim's browser left the session cookie out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeftOutOf {
    /// One the attacker made the victim's browser send (a forged form, an
    /// injected script's fetch).
    AttackerMade,
    /// One of the victim's own, sent as plain http:// while the attacker
    /// read the Wi-Fi.
    PlainHttpRead,
}

impl LeftOutOf {
    pub fn describe(self) -> &'static str {
        match self {
            LeftOutOf::AttackerMade => "the request Mallory made Alice's browser send",
            LeftOutOf::PlainHttpRead => "the plain http:// request Mallory was reading",
        }
    }
}

/// A check of the client that the server made on the attacker's request,
/// and why the request passed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BindingPassed {
    /// The session is bound to an IP address. `behind_victims_nat`: the
    /// attacker's requests leave from the victim's own public address (the
    /// café's NAT); otherwise the session was bound to the attacker's own
    /// address when their browser started it.
    Ip { behind_victims_nat: bool },
    /// The session is bound to a User-Agent, and the attacker's browser
    /// sends that one: the most common one (the victim's too), one copied
    /// from where the attacker read it, or, `None`, simply their own.
    /// `most_common`: it is the most common one, which the attacker sends
    /// without reading anything.
    UserAgent {
        from: Option<UserAgentSource>,
        most_common: bool,
    },
}

impl BindingPassed {
    /// The clause for the verdict's sentence.
    pub fn explanation(self, user: &UserName) -> String {
        match self {
            BindingPassed::Ip {
                behind_victims_nat: true,
            } => format!(
                "the shop checks the IP address, but Mallory shares {user}'s public address behind the café's NAT"
            ),
            BindingPassed::Ip {
                behind_victims_nat: false,
            } => "the shop checks the IP address, but the session was bound to Mallory's own address when her browser started it".into(),
            BindingPassed::UserAgent {
                from: Some(UserAgentSource::MostCommon),
                ..
            } => format!(
                "the shop checks the User-Agent, but Mallory sends the most common one, which is {user}'s"
            ),
            BindingPassed::UserAgent {
                from: Some(from),
                most_common,
            } => format!(
                "the shop checks the User-Agent, but Mallory sends {user}'s, {}{}",
                from.describe(),
                if most_common {
                    " (the most common one, which they sent anyway)"
                } else {
                    ""
                }
            ),
            BindingPassed::UserAgent { from: None, .. } => {
                "the shop checks the User-Agent, but Mallory's browser sends the one the session was bound to".into()
            }
        }
    }
}

impl VerdictReason {
    pub fn attacker_got_in(&self) -> bool {
        matches!(
            self,
            VerdictReason::ServedAsVictim { .. }
                | VerdictReason::ForgedRequestExecuted { .. }
                | VerdictReason::RoleTampered
        ) || matches!(self, VerdictReason::StoreRead { leak, then } if !leak.secrets.is_empty() || then.attacker_got_in())
    }

    /// One sentence for students.
    pub fn sentence(&self) -> String {
        match self {
            VerdictReason::ServedAsVictim {
                user,
                session,
                passed,
                refused_in_clear,
                stateless,
            } => {
                let served = if *stateless {
                    format!(
                        "The server served Mallory's own request as {user}, because it carried a copy of {user}'s signed session cookie: its signature matches and the expiry written inside it has not passed, and that is all the server checks. It keeps no session record, so logging out only deleted {user}'s own copy: a stateless session cannot be revoked, only left to expire."
                    )
                } else if passed.is_empty() {
                    format!(
                        "The server served Mallory's own request as {user}, because it carried session ID {session}: the ID alone is the key."
                    )
                } else {
                    let checks: Vec<String> = passed.iter().map(|p| p.explanation(user)).collect();
                    format!(
                        "The server served Mallory's own request as {user}, because it carried session ID {session}: {}, so the ID was enough.",
                        checks.join("; ")
                    )
                };
                match refused_in_clear {
                    None => served,
                    Some(r) => format!(
                        "{served} {user}'s browser had refused that session's cookie ({}), so each of her pages started a new session, but the Set-Cookie that carried the ID crossed the Wi-Fi in clear, and Mallory read it there: Secure without HTTPS breaks the site, and the Set-Cookie still crosses in clear.",
                        r.words()
                    ),
                }
            }
            VerdictReason::ForgedRequestExecuted {
                user,
                telltales,
                same_site,
                script_marks,
                token_from_page,
            } => {
                if telltales.is_empty() {
                    let differs = if script_marks.is_empty() {
                        format!("Nothing in it differs from a request {user} makes herself: ")
                    } else {
                        format!(
                            "It does differ from a form {user} submits herself ({}), but in nothing the server can rely on: ",
                            script_marks.join(", ")
                        )
                    };
                    format!(
                        "Mallory's request ran in {user}'s browser with {user}'s session cookie, from the shop's own page, and the server carried it out. {differs}it is same-origin, so Origin and Sec-Fetch-Site say the shop{}.",
                        if *token_from_page {
                            ", and the script read the CSRF token from the form it fetched"
                        } else {
                            ""
                        }
                    )
                } else {
                    format!(
                        "Mallory's request ran in {user}'s browser with {user}'s session cookie, and the server carried it out. {}The browser did say where it came from ({}), but the server checked neither that nor a CSRF token.",
                        same_site.map_or(String::new(), cross_site_cookie),
                        telltales.join(", ")
                    )
                }
            }
            VerdictReason::RoleTampered => {
                "The server trusted a role the client sent in a cookie, so editing the cookie made Mallory an admin.".into()
            }
            VerdictReason::CookieNotSent { reason, of } => format!(
                "The browser left the session cookie out of {}: {}",
                of.describe(),
                reason.explanation()
            ),
            VerdictReason::CookieNotStored(r) => format!(
                "The browser refused the cookie Mallory planted: {}",
                r.explanation()
            ),
            VerdictReason::CookieHiddenFromScript(r) => format!(
                "The injected script ran, but document.cookie did not contain the session ID ({}).",
                r.words()
            ),
            VerdictReason::ScriptNotRun => {
                "The shop escaped Mallory's text where it wrote it into the page, so her <script> was shown as text and never ran.".into()
            }
            VerdictReason::IdRejected(r) => {
                format!("The server refused the session ID Mallory relied on: {}.", r.explanation())
            }
            VerdictReason::SessionEnded(r) => format!(
                "The session behind Mallory's ID ended before she used it: {}.",
                r.explanation()
            ),
            VerdictReason::SessionNotLoggedIn => {
                "Mallory's session ID still works, but Alice never logged in on it, so it opens nobody's account.".into()
            }
            VerdictReason::IdUnknownAfterEnd { ended } => format!(
                "The server did not know the ID Mallory replayed: {} earlier, and a server keeps no record of ended sessions, so to it the ID is just unknown and opens nobody's account.",
                match ended {
                    EndReason::LoggedOut => "the session was destroyed at logout",
                    EndReason::IdleTimeout => "the session was removed when its idle timeout passed",
                    EndReason::AbsoluteTimeout => "the session was removed when its absolute lifetime ran out",
                    EndReason::Regenerated => "the session moved to a fresh ID",
                    EndReason::TheftDetected => "the session was ended when an old remember-me token came back",
                }
            ),
            VerdictReason::VictimLoggedOut { withheld } => format!(
                "The attack found no logged-in session only because Alice had been logged out by a side effect: her browser left the session cookie out of a request ({}), and the shop, which starts a session on every page, answered with a fresh session whose cookie replaced hers. That is a logout, not a defense: a shop that starts sessions only when it stores something keeps her logged in, and the attack goes through.",
                withheld.words()
            ),
            VerdictReason::ActionRefused(r) => {
                format!("The server refused the forged request: {}.", r.explanation())
            }
            VerdictReason::RequestRefused(r) => {
                format!("The server refused the forged request: {}.", r.explanation())
            }
            VerdictReason::KeptOffPlainHttp(by) => format!(
                "The session cookie never crossed the Wi-Fi in clear: {}.",
                by.explanation()
            ),
            VerdictReason::RoleNotFromCookie => {
                "The server reads the role from the session on its side, so the edited cookie changed nothing.".into()
            }
            VerdictReason::NoIdLearned => {
                "Mallory never saw a session ID, so there was nothing to replay.".into()
            }
            VerdictReason::GuessesMissed {
                attempts,
                unpredictable_bits,
                logged_in,
            } => {
                let bits = f64::from(*unpredictable_bits);
                // Each guess hits with probability S / 2^B; A guesses, at
                // most A·S / 2^B: the odds against, as log10.
                let against = (bits * std::f64::consts::LOG10_2
                    - (f64::from(*attempts) * (*logged_in).max(1) as f64).log10())
                .max(0.0);
                format!(
                    "None of the {attempts} guessed IDs named a live session: {attempts} guesses against 2^{unpredictable_bits} possible IDs with {} logged-in {} to find: a hit is 1 chance in {}, and finding one takes {} on average. The IDs are too random to guess.",
                    (*logged_in).max(1),
                    if *logged_in > 1 { "sessions" } else { "session" },
                    describe_log10_count(against, "").trim_end(),
                    describe_log10_count(guess_count_log10(bits, *logged_in), "guesses"),
                )
            }
            VerdictReason::RememberTokenTheftDetected { tokens_revoked } => format!(
                "Mallory replayed the remember-me token she stole, but Alice had used it since, and each use rotates its validator: the server found the selector with a validator that no longer matches, an old copy, so a stolen one. It refused it, revoked all {tokens_revoked} of her remember-me tokens and ended any session she had open."
            ),
            VerdictReason::RememberTokenRefused(r) => format!(
                "The server would not use the remember-me token Mallory replayed: {}.",
                r.explanation()
            ),
            VerdictReason::AttackIncomplete => "The attack never reached its last step.".into(),
            VerdictReason::StoreNotServed => "Mallory asked the shop's web server for /sessions/ and got 404 Not Found: no session files lie in the directory it serves (they are outside the web root, or the sessions are not kept in files at all), so there was no copy of the store to read and no ID in it.".into(),
            VerdictReason::StoreRead { leak, then } => {
                let after = match then.as_ref() {
                    VerdictReason::ServedAsVictim { .. } => format!("Then Mallory sent one of those names back as the session cookie. {}", then.sentence()),
                    VerdictReason::IdRejected(_) if leak.keys_hashed => format!("Sending one back as the session cookie gets nothing: the server hashes what the cookie brings, and a hash of a hash names no session. {}", then.sentence()),
                    VerdictReason::AttackIncomplete => String::new(),
                    other => other.sentence(),
                };
                format!("{} {after}", leak.sentence()).trim_end().to_string()
            }
        }
    }
}

/// Why the session cookie rode along on another site's request, by its
/// SameSite attribute: a sentence (with its trailing space) or nothing.
fn cross_site_cookie(same_site: SameSite) -> String {
    match same_site {
        SameSite::None => "The cookie rode along because the shop sets SameSite=None on its session cookie. Firefox and Safari would send a cookie with no SameSite attribute anyway; Chromium keeps it home on a cross-site POST after its first two minutes. ".into(),
        SameSite::Unspecified => "The session cookie has no SameSite attribute: Firefox and Safari send it whenever another site opens the shop, POST included, and Chromium still sends it on a cross-site POST within its first two minutes (Lax-allowing-unsafe). ".into(),
        SameSite::Lax => "The session cookie is SameSite=Lax, which still goes along on a link to the shop (a top-level GET). ".into(),
        // A Strict cookie never rides on another site's request.
        SameSite::Strict => String::new(),
    }
}

/// Wins and obstacles, noted by the world as they happen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttackLog {
    wins: Vec<(usize, VerdictReason)>,
    obstacles: Vec<(usize, VerdictReason)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    store_read: Option<(usize, StoreLeak)>,
}

impl AttackLog {
    pub fn win(&mut self, event: usize, reason: VerdictReason) {
        self.wins.push((event, reason));
    }

    pub fn obstacle(&mut self, event: usize, reason: VerdictReason) {
        self.obstacles.push((event, reason));
    }

    /// The attacker read a copy of the session store at `event`: the
    /// verdict says what it showed, then how the rest of the attack went.
    pub fn store_read(&mut self, event: usize, leak: StoreLeak) {
        self.store_read.get_or_insert((event, leak));
    }

    pub fn has_win(&self) -> bool {
        !self.wins.is_empty()
    }

    /// The first win; else the first obstacle; else "incomplete" at
    /// `last_event`. An ID that opened a session nobody is logged in to
    /// (`SessionNotLoggedIn`) is the weakest obstacle: it only says that
    /// this ID was never the victim's logged-in one (a fresh ID sniffed
    /// after logout, say), so any other obstacle names the defense better.
    pub fn verdict(&self, last_event: usize) -> Verdict {
        let (deciding_event, reason) = self
            .wins
            .first()
            .or_else(|| {
                self.obstacles
                    .iter()
                    .find(|(_, r)| *r != VerdictReason::SessionNotLoggedIn)
            })
            .or_else(|| self.obstacles.first())
            .cloned()
            .unwrap_or((last_event, VerdictReason::AttackIncomplete));
        // A copy of the store read: what it gave decides first (the
        // secrets are taken at that moment), then what its IDs opened.
        let (deciding_event, reason) = match &self.store_read {
            Some((at, leak)) => {
                let event = if leak.secrets.is_empty() {
                    deciding_event
                } else {
                    *at
                };
                (
                    event,
                    VerdictReason::StoreRead {
                        leak: leak.clone(),
                        then: Box::new(reason),
                    },
                )
            }
            None => (deciding_event, reason),
        };
        Verdict {
            attacker_got_in: reason.attacker_got_in(),
            deciding_event,
            sentence: reason.sentence(),
            reason,
        }
    }
}
