//! The built-in scenarios: everyday uses of sessions, then attacks.
//!
//! Each attack says where the attacker stands and its overrides set up the
//! weakness it needs (plain HTTP for sniffing, a reflected search page for
//! XSS...); everything else is the default. The outcome is not written
//! here: the world computes it.

use super::{
    Act, AttackGoal, AttackerAct, Lure, Payload, Scenario, ScenarioKind, TimedAct, VictimAct,
};
use crate::engine::attacker::{AttackerPosition, EvilPage, PRIZE_URL, TOSS_URL};
use crate::engine::clock::SimTime;
use crate::engine::server::accounts::{
    ATTACKER_PASSWORD, ATTACKER_USER, VICTIM_PASSWORD, VICTIM_USER,
};
use crate::engine::server::id_generator::IdGenerator;
use crate::engine::server::knob::Knob;
use crate::engine::server::settings::{
    AppServers, CartStorage, ClientBinding, LoginLimit, LogoutPolicy, RememberMe, ReviewOutput,
    RoleStorage, SameSitePolicy, SearchOutput, SessionContents, SessionStart, SessionState,
    SiteTransport, StoreExposure, StoreKind,
};

/// Every built-in scenario, everyday ones first.
pub fn catalog() -> Vec<Scenario> {
    vec![
        login(),
        shopping_cart(),
        checkout(),
        preferences(),
        rate_limiting(),
        mobile_ip_change(),
        busy_user_absolute_timeout(),
        arrive_from_link(),
        cart_size(),
        load_balancer(),
        hijack_sniffing(),
        hijack_sniffing_active(),
        hijack_xss(),
        session_riding_xss(),
        hijack_stored_xss(),
        fixation_url(),
        fixation_cookie_tossing(),
        predictable_ids(),
        reuse_after_logout(),
        reuse_after_inactivity(),
        signed_cookie_replay(),
        csrf(),
        csrf_fresh_cookie(),
        role_tampering(),
        remember_me_theft(),
        session_store_leak(),
    ]
}

/// The scenario with this id.
pub fn find(id: &str) -> Option<Scenario> {
    catalog().into_iter().find(|s| s.id == id)
}

fn secs(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

fn types(at: SimTime, address: &str) -> TimedAct {
    TimedAct {
        at,
        act: Act::Victim(VictimAct::Types {
            address: address.into(),
        }),
    }
}

fn submits(at: SimTime, path: &str, fields: &[(&str, &str)]) -> TimedAct {
    TimedAct {
        at,
        act: Act::Victim(VictimAct::Submits {
            path: path.into(),
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }),
    }
}

fn victim(at: SimTime, act: VictimAct) -> TimedAct {
    TimedAct {
        at,
        act: Act::Victim(act),
    }
}

fn attacker(at: SimTime, act: AttackerAct) -> TimedAct {
    TimedAct {
        at,
        act: Act::Attacker(act),
    }
}

/// The victim opens the login page at `t` and logs in 10 s later.
fn victim_logs_in(t: u64) -> Vec<TimedAct> {
    vec![
        types(secs(t), "{shop}/login"),
        submits(
            secs(t + 10),
            "/login",
            &[("user", VICTIM_USER), ("password", VICTIM_PASSWORD)],
        ),
    ]
}

/// Alice logs in (at 5 and 15 s), then the café sniffer starts listening:
/// she reads the session ID off the later plain http:// requests, never
/// the password, so ending the session is what keeps her out (with the
/// password she would simply log in).
fn logs_in_then_sniffed() -> Vec<TimedAct> {
    let mut acts = victim_logs_in(5);
    acts.push(attacker(secs(20), AttackerAct::StartsSniffing));
    acts
}

fn replay(at: SimTime, path: &str) -> TimedAct {
    attacker(at, AttackerAct::Replays { path: path.into() })
}

fn lines(a: &str, b: &str) -> Vec<String> {
    vec![a.to_string(), b.to_string()]
}

fn everyday(
    id: &str,
    title: &str,
    description: Vec<String>,
    overrides: Vec<Knob>,
    acts: Vec<TimedAct>,
) -> Scenario {
    Scenario {
        id: id.into(),
        title: title.into(),
        description,
        kind: ScenarioKind::Everyday,
        goal: None,
        // Only the password-guessing script acts, from its own machine.
        attacker: AttackerPosition::Remote,
        overrides,
        acts,
    }
}

fn attack(
    id: &str,
    title: &str,
    description: Vec<String>,
    goal: AttackGoal,
    attacker: AttackerPosition,
    overrides: Vec<Knob>,
    acts: Vec<TimedAct>,
) -> Scenario {
    Scenario {
        id: id.into(),
        title: title.into(),
        description,
        kind: ScenarioKind::Attack,
        goal: Some(goal),
        attacker,
        overrides,
        acts,
    }
}

fn login() -> Scenario {
    let mut acts = vec![types(secs(0), "{shop}/")];
    acts.extend(victim_logs_in(5));
    acts.push(types(secs(30), "{shop}/account"));
    acts.push(submits(secs(60), "/logout", &[]));
    acts.push(types(secs(70), "{shop}/account"));
    everyday(
        "login",
        "Logging in",
        lines(
            "Alice opens the shop, logs in, looks at her account and logs out.",
            "Watch the session ID travel in a cookie and the server remember who she is.",
        ),
        vec![],
        acts,
    )
}

fn shopping_cart() -> Scenario {
    let mut acts = vec![
        types(secs(0), "{shop}/"),
        submits(secs(10), "/cart/add", &[("item", "Teapot")]),
        submits(secs(20), "/cart/add", &[("item", "Tea cups")]),
    ];
    acts.extend(victim_logs_in(30));
    acts.push(types(secs(50), "{shop}/cart"));
    everyday(
        "shopping-cart",
        "A shopping cart",
        lines(
            "Alice fills a cart before logging in, then logs in.",
            "The server regenerates the session ID at login, yet the cart comes along.",
        ),
        vec![Knob::RegenerateOnLogin(true)],
        acts,
    )
}

fn checkout() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        submits(secs(20), "/cart/add", &[("item", "Teapot")]),
        types(secs(30), "{shop}/checkout"),
        submits(
            secs(40),
            "/checkout/address",
            &[("address", "1 Tea Street")],
        ),
        submits(
            secs(50),
            "/checkout/payment",
            &[("card", "4111 1111 1111 1111")],
        ),
        submits(
            secs(60),
            "/checkout/confirm",
            &[("password", VICTIM_PASSWORD)],
        ),
    ]);
    everyday(
        "checkout",
        "A multi-step checkout",
        lines(
            "Alice checks out in three steps: address, payment, confirmation.",
            "Each step is kept in the session until the order is placed.",
        ),
        vec![Knob::RegenerateOnPrivilegeChange(true)],
        acts,
    )
}

fn preferences() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        types(secs(20), "{shop}/preferences"),
        submits(
            secs(30),
            "/preferences",
            &[("theme", "dark"), ("lang", "fr")],
        ),
        submits(secs(40), "/logout", &[]),
        types(secs(50), "{shop}/preferences"),
        victim(secs(60), VictimAct::ClosesBrowser),
        types(SimTime::from_mins(60), "{shop}/preferences"),
    ]);
    everyday(
        "preferences",
        "Preferences: cookie or session?",
        lines(
            "Alice picks a dark theme (kept in a cookie) and French (kept in the session).",
            "After logout, closing the browser and an hour away, only the cookie remembers.",
        ),
        vec![],
        acts,
    )
}

fn rate_limiting() -> Scenario {
    let wrong: Vec<String> = ["123456", "password", "alice1", "qwerty"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut second = vec!["letmein".to_string(), "sunshine".to_string()];
    second.push(VICTIM_PASSWORD.to_string());
    everyday(
        "rate-limiting",
        "Limiting login attempts",
        lines(
            "Mallory's script guesses Alice's password; the shop allows 3 failures per session.",
            "Dropping the session cookie before each try starts the count again.",
        ),
        vec![Knob::LoginLimit(LoginLimit::PerSession { max_failures: 3 })],
        vec![
            attacker(
                secs(0),
                AttackerAct::TriesPasswords {
                    user: VICTIM_USER.into(),
                    passwords: wrong,
                    drop_cookie: false,
                },
            ),
            attacker(
                secs(30),
                AttackerAct::TriesPasswords {
                    user: VICTIM_USER.into(),
                    passwords: second,
                    drop_cookie: true,
                },
            ),
        ],
    )
}

/// The carrier's address her phone moves to: TEST-NET-1 (RFC 5737), so
/// it is nobody's real address and differs from the café's and the
/// attacker's.
const MOBILE_IP: &str = "192.0.2.77";

fn mobile_ip_change() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        types(secs(30), "{shop}/account"),
        victim(
            secs(40),
            VictimAct::ChangesNetwork {
                ip: MOBILE_IP.into(),
            },
        ),
        types(secs(60), "{shop}/account"),
    ]);
    everyday(
        "mobile-ip-change",
        "Binding's price: a phone changes network",
        lines(
            "Alice logs in on her phone at home, then walks out: the phone switches from Wi-Fi to 4G and her public IP address changes between two requests. The shop binds each session to the IP address it started from.",
            "Watch the server refuse her own session. Binding to the IP costs honest mobile users their login, and it did not stop the café sniffer either (see hijack-sniffing: behind the same NAT, Mallory shares Alice's address).",
        ),
        vec![Knob::Binding(ClientBinding::Ip)],
        acts,
    )
}

/// How often the busy user opens a page, and for how long she keeps at it.
const BUSY_EVERY_MIN: u64 = 10;
const BUSY_FOR_MIN: u64 = 70;

fn busy_user_absolute_timeout() -> Scenario {
    let mut acts = victim_logs_in(0);
    for n in 1..=BUSY_FOR_MIN / BUSY_EVERY_MIN {
        acts.push(types(secs(n * BUSY_EVERY_MIN * 60), "{shop}/account"));
    }
    everyday(
        "busy-user-absolute-timeout",
        "Absolute timeout: a busy user is cut off",
        lines(
            "Alice logs in and keeps working: she opens her account every 10 minutes for 70 minutes. The shop ends a session idle for 24 minutes, and any session 1 hour after it began.",
            "Watch the idle deadline move forward with every page while the absolute one stays put: at her first page past the hour, the session ends although she never stopped, and she is logged out. An absolute timeout bounds how long a stolen ID can work; the price is a login an hour for the busiest users.",
        ),
        vec![Knob::AbsoluteTimeout(Some(crate::engine::server::settings::Minutes(60)))],
        acts,
    )
}

fn arrive_from_link() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        types(secs(30), "{shop}/account"),
        victim(
            secs(120),
            VictimAct::FollowsLink {
                address: "{shop}/account".into(),
            },
        ),
    ]);
    everyday(
        "arrive-from-link",
        "SameSite's price: arriving from a link",
        lines(
            "Alice logs in and looks at her account. Later the shop emails her about her order, and she opens the email's link to her account from her webmail, which is another site.",
            "The session cookie is SameSite=Lax: the browser sends it on a top-level GET that another site starts, and she lands on her account. Switch it to Strict and watch: the browser leaves the cookie out of every request another site starts, so she arrives logged out although her session is alive.",
        ),
        vec![Knob::SameSite(SameSitePolicy::Lax)],
        acts,
    )
}

/// How many cups Alice puts in her cart, one by one.
const CUPS: u64 = 14;

fn cart_size() -> Scenario {
    let mut acts = vec![types(secs(0), "{shop}/")];
    for n in 1..=CUPS {
        // Each line of the cart as a shop would keep it: the product, its
        // options and the gift card's text, about 300 bytes once encoded.
        let item = format!(
            "Tea cup {n} of {CUPS}, porcelain, hand-painted with a name, gift-wrapped; card: Happy 90th birthday, Grandma! One cup for each of us, so that the whole family can drink tea together at your party, as we did every Sunday when we were small. Thank you for every story, every cake and every pot of tea. With love from Alice"
        );
        acts.push(submits(secs(10 * n), "/cart/add", &[("item", &item)]));
    }
    acts.push(types(secs(10 * (CUPS + 1)), "{shop}/cart"));
    everyday(
        "cart-size",
        "Session size: a cart in a cookie",
        lines(
            "Alice orders a personalised tea cup for each of 14 relatives, each with a long gift card. The shop keeps the cart in a cookie and rewrites it whole on every change.",
            "Watch the cookie grow until the browser refuses it (past 4096 bytes): the cart silently stops growing. Kept in the session, the same cart has no such limit, but the server holds it in memory for every user.",
        ),
        vec![Knob::CartStorage(CartStorage::Cookie)],
        acts,
    )
}

/// Alice at the café while the attacker listens: she opens the shop, logs
/// in, looks at her account and later follows an old http:// bookmark; the
/// attacker then replays what they read. An active attacker blocks port
/// 443 just before the bookmark.
fn cafe_session(active: bool) -> Vec<TimedAct> {
    let mut acts = vec![
        attacker(secs(0), AttackerAct::StartsSniffing),
        types(secs(5), "http://shop.example/"),
    ];
    acts.extend(victim_logs_in(15));
    acts.push(types(secs(40), "{shop}/account"));
    if active {
        acts.push(attacker(secs(50), AttackerAct::BlocksHttps));
    }
    acts.extend([
        // An old bookmark still says http://.
        types(secs(60), "http://shop.example/account"),
        replay(secs(90), "/account"),
    ]);
    acts
}

fn load_balancer() -> Scenario {
    let mut acts = vec![types(secs(0), "{shop}/")];
    acts.extend(victim_logs_in(5));
    for (n, item) in ["Teapot", "Tea cups", "Milk jug"].iter().enumerate() {
        let n = u64::try_from(n).unwrap_or(0);
        acts.push(submits(secs(30 + 10 * n), "/cart/add", &[("item", item)]));
    }
    acts.extend([
        types(secs(70), "{shop}/cart"),
        types(secs(80), "{shop}/checkout"),
        submits(
            secs(90),
            "/checkout/address",
            &[("address", "1 Tea Street")],
        ),
        submits(
            secs(100),
            "/checkout/payment",
            &[("card", "4111 1111 1111 1111")],
        ),
        submits(
            secs(110),
            "/checkout/confirm",
            &[("password", VICTIM_PASSWORD)],
        ),
        // Idle past the 24-minute timeout, then past the database's hourly
        // cleanup job: who ends her session, and when, is the store's.
        types(secs(110 + 30 * 60), "{shop}/account"),
        types(secs(61 * 60), "{shop}/cart"),
    ]);
    everyday(
        "load-balancer",
        "Where sessions live: two app servers",
        lines(
            "The shop runs on two app servers behind a load balancer that sends requests to each in turn, and each keeps sessions in its own memory, where an ID it never issued gets a new one. Alice logs in, fills a cart and checks out, then comes back after half an hour and after an hour.",
            "Watch a request land on the other server, which has never heard of her session: logged out, cart gone. Sticky sessions or a shared store keep it; the store decides who ends her idle session: the app, a key-value TTL, a database's cleanup job or PHP's garbage collector.",
        ),
        // Strict: an in-memory store (express-session's MemoryStore, a
        // servlet container) gives an ID it never issued a new session
        // and a new ID; adopting it is PHP's non-strict files handler.
        vec![Knob::AppServers(AppServers::Two), Knob::StrictMode(true)],
        acts,
    )
}

fn hijack_sniffing() -> Scenario {
    let acts = cafe_session(false);
    attack(
        "hijack-sniffing",
        "Session hijacking by sniffing",
        lines(
            "Alice shops from a café's public Wi-Fi; Mallory listens on the same network. The shop serves only http://.",
            "Whatever crosses it as plain http:// can be read, session cookie included. Served over HTTPS, her browser upgrades even an old http:// bookmark.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::SameWifi { active: false },
        vec![Knob::Transport(SiteTransport::Http)],
        acts,
    )
}

fn hijack_sniffing_active() -> Scenario {
    let acts = cafe_session(true);
    attack(
        "hijack-sniffing-active",
        "Sniffing with an active attacker",
        lines(
            "The shop serves HTTPS and Alice's browser upgrades http:// addresses. Mallory on the café Wi-Fi blocks port 443 before she opens an old http:// bookmark.",
            "With HTTPS unreachable the browser silently falls back to plain http://: does her session cookie go along?",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::SameWifi { active: true },
        vec![],
        acts,
    )
}

fn hijack_xss() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        attacker(
            secs(30),
            AttackerAct::SendsLink {
                lure: Lure::ReflectedXss {
                    payload: Payload::StealCookies,
                },
            },
        ),
        victim(secs(40), VictimAct::OpensLink),
        replay(secs(60), "/account"),
    ]);
    attack(
        "hijack-xss",
        "Session hijacking by XSS",
        lines(
            "The shop's search page pastes the query into the page unescaped.",
            "A link with a script in the query makes Alice's browser send document.cookie to Mallory.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        // Sessions start when something is stored (Django's way), so a
        // page opened without the cookie does not replace it.
        vec![
            Knob::SearchOutput(SearchOutput::Reflected),
            Knob::SessionStart(SessionStart::Lazy),
        ],
        acts,
    )
}

fn session_riding_xss() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        attacker(
            secs(30),
            AttackerAct::SendsLink {
                lure: Lure::ReflectedXss {
                    payload: Payload::RideTransfer {
                        to: ATTACKER_USER.into(),
                        amount: 500,
                    },
                },
            },
        ),
        victim(secs(40), VictimAct::OpensLink),
    ]);
    attack(
        "session-riding-xss",
        "Session riding by XSS, despite HttpOnly",
        lines(
            "The session cookie is HttpOnly, so a script cannot read it.",
            "But the injected script does not need to: it acts inside Alice's page, with her session.",
        ),
        AttackGoal::ForgeVictimRequest,
        AttackerPosition::Remote,
        vec![
            Knob::SearchOutput(SearchOutput::Reflected),
            Knob::HttpOnly(true),
            Knob::SessionStart(SessionStart::Lazy),
        ],
        acts,
    )
}

fn hijack_stored_xss() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        attacker(
            secs(30),
            AttackerAct::PostsReview {
                payload: Payload::StealCookies,
            },
        ),
        types(secs(60), "{shop}/product"),
        replay(secs(90), "/account"),
    ]);
    attack(
        "hijack-stored-xss",
        "Session hijacking by stored XSS",
        lines(
            "Mallory posts a product review that is a script; the shop shows reviews unescaped.",
            "Later Alice browses the product page on the shop itself, and the script runs there, in her session.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        vec![Knob::ReviewOutput(ReviewOutput::Raw)],
        acts,
    )
}

fn fixation_url() -> Scenario {
    let acts = vec![
        attacker(
            secs(0),
            AttackerAct::Visits {
                path: "/login".into(),
            },
        ),
        attacker(
            secs(10),
            AttackerAct::SendsLink {
                lure: Lure::FixatedLogin,
            },
        ),
        victim(secs(20), VictimAct::OpensLink),
        submits(
            secs(30),
            "/login",
            &[("user", VICTIM_USER), ("password", VICTIM_PASSWORD)],
        ),
        types(secs(40), "{shop}/account"),
        replay(secs(60), "/account"),
    ];
    attack(
        "fixation-url",
        "Session fixation by URL",
        lines(
            "The shop accepts a session ID in the URL. Mallory gets one and mails Alice a login link carrying it.",
            "If the ID survives her login, Mallory's copy opens her account.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        vec![Knob::AcceptIdFromUrl(true)],
        acts,
    )
}

fn fixation_cookie_tossing() -> Scenario {
    let mut acts = vec![
        // The attacker takes an ID the shop really issued, so that the
        // shop knows it when the victim comes back with it.
        attacker(secs(0), AttackerAct::Visits { path: "/".into() }),
        attacker(secs(2), AttackerAct::TossesOwnId),
        // Alice has been to the shop before: her browser holds a session
        // cookie of its own, which the tossed one must beat.
        types(secs(4), "{shop}/"),
        attacker(
            secs(5),
            AttackerAct::SendsLink {
                lure: Lure::EvilPage {
                    url: TOSS_URL.into(),
                },
            },
        ),
        victim(secs(10), VictimAct::OpensLink),
    ];
    acts.extend(victim_logs_in(20));
    acts.extend([
        types(secs(40), "{shop}/account"),
        replay(secs(60), "/account"),
    ]);
    attack(
        "fixation-cookie-tossing",
        "Session fixation by cookie tossing",
        lines(
            "Mallory runs a blog on blog.shop.example, a subdomain of the shop's host, and opens the shop to get a session ID of her own.",
            "Alice already holds the shop's cookie. The blog's page sets another for Domain=shop.example, Path=/login, with Mallory's ID: on /login the longer path goes first, and the shop reads the first.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Subdomain,
        vec![],
        acts,
    )
}

fn predictable_ids() -> Scenario {
    let acts = vec![
        types(SimTime(20_000), "{shop}/login"),
        attacker(SimTime(20_050), AttackerAct::Visits { path: "/".into() }),
        submits(
            secs(30),
            "/login",
            &[("user", VICTIM_USER), ("password", VICTIM_PASSWORD)],
        ),
        attacker(
            secs(40),
            AttackerAct::GuessesIds {
                attempts: 200,
                per_second: 50,
                path: "/account".into(),
            },
        ),
    ];
    attack(
        "predictable-ids",
        "Predicting weak session IDs",
        lines(
            "The shop numbers its sessions. Mallory opens the shop to see what an ID looks like.",
            "From her own ID she works out the IDs issued just before, and tries them.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        vec![Knob::IdGenerator(IdGenerator::SequentialCounter)],
        acts,
    )
}

fn reuse_after_logout() -> Scenario {
    let mut acts = logs_in_then_sniffed();
    acts.extend([
        types(secs(30), "{shop}/account"),
        submits(secs(60), "/logout", &[]),
        replay(SimTime::from_mins(5), "/account"),
    ]);
    attack(
        "reuse-after-logout",
        "Reusing a session after logout",
        lines(
            "Alice logs out and leaves. Mallory, on the café Wi-Fi since just after her login, had read her session ID off the network.",
            "If logout only deleted her cookie, the session is still alive on the server.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::SameWifi { active: false },
        vec![
            Knob::Transport(SiteTransport::Http),
            Knob::Logout(LogoutPolicy::ClearCookieOnly),
        ],
        acts,
    )
}

fn reuse_after_inactivity() -> Scenario {
    let mut acts = logs_in_then_sniffed();
    acts.extend([
        types(secs(60), "{shop}/account"),
        replay(SimTime::from_mins(180), "/account"),
    ]);
    attack(
        "reuse-after-inactivity",
        "Reusing a session after inactivity",
        lines(
            "Alice leaves without logging out. Three hours later Mallory tries her session ID, read off the café Wi-Fi just after her login.",
            "Only a timeout on the server ends a session nobody uses.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::SameWifi { active: false },
        vec![
            Knob::Transport(SiteTransport::Http),
            Knob::IdleTimeout(None),
        ],
        acts,
    )
}

/// The copy is captured as in reuse-after-logout: by the café sniffer,
/// off a plain http:// shop. Alice's login at 15 s, her logout at 60 s,
/// the replay at 10 minutes: past a 5-minute lifetime, within 31 days.
fn signed_cookie_replay() -> Scenario {
    let mut acts = logs_in_then_sniffed();
    acts.extend([
        types(secs(30), "{shop}/account"),
        attacker(secs(40), AttackerAct::DecodesCookie),
        attacker(
            secs(45),
            AttackerAct::TampersCookie {
                user: "admin".into(),
                path: "/account".into(),
            },
        ),
        submits(secs(60), "/logout", &[]),
        replay(SimTime::from_mins(10), "/account"),
    ]);
    attack(
        "signed-cookie-replay",
        "Replaying a signed session cookie after logout",
        lines(
            "The shop keeps no sessions: it signs Alice's session into her cookie (as Flask and JWTs in cookies do). Mallory, on the café Wi-Fi since just after her login, copies it off the plain http:// shop, reads it and tries to edit it.",
            "Alice logs out and leaves; ten minutes later Mallory sends the copy. Logout destroyed nothing on the server: does the copy still open her account?",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::SameWifi { active: false },
        vec![
            Knob::Transport(SiteTransport::Http),
            Knob::SessionState(SessionState::SignedCookie),
        ],
        acts,
    )
}

/// Alice logs in; Mallory publishes the prize page whose hidden form posts
/// a $500 transfer to her, sends Alice the link, and Alice opens it: the
/// acts both CSRF scenarios share, at their own times.
fn prize_page_csrf(published: SimTime, sent: SimTime, opened: SimTime) -> Vec<TimedAct> {
    let mut acts = victim_logs_in(0);
    acts.extend([
        attacker(
            published,
            AttackerAct::Publishes {
                page: EvilPage::CsrfTransfer {
                    to: ATTACKER_USER.into(),
                    amount: 500,
                },
            },
        ),
        attacker(
            sent,
            AttackerAct::SendsLink {
                lure: Lure::EvilPage {
                    url: PRIZE_URL.into(),
                },
            },
        ),
        victim(opened, VictimAct::OpensLink),
    ]);
    acts
}

fn csrf() -> Scenario {
    let acts = prize_page_csrf(secs(60), secs(70), SimTime::from_mins(5));
    attack(
        "csrf",
        "Cross-site request forgery",
        lines(
            "While logged in, Alice opens a prize page on evil.example. The shop sets SameSite=None on its session cookie (as sites embedded elsewhere do).",
            "The page's hidden form posts a transfer to the shop; will her browser attach her session cookie? (Firefox and Safari would send a cookie with no SameSite attribute anyway; Chromium keeps it home on a cross-site POST after its first two minutes.)",
        ),
        AttackGoal::ForgeVictimRequest,
        AttackerPosition::CrossSitePage,
        vec![Knob::SameSite(SameSitePolicy::None), Knob::Secure(true)],
        acts,
    )
}

/// CSRF inside Chromium's two-minute window: the shop sets no SameSite
/// (Lax by default), and Alice opens the prize page a minute and a half
/// after her session cookie was first set.
fn csrf_fresh_cookie() -> Scenario {
    let acts = prize_page_csrf(secs(20), secs(30), secs(90));
    attack(
        "csrf-fresh-cookie",
        "CSRF in the first two minutes",
        lines(
            "The shop sets no SameSite on its session cookie, so Chromium treats it as Lax. Alice logs in and, a minute and a half after the cookie was first set, opens Mallory's prize page.",
            "Lax keeps a cookie home on another site's POST, but Chromium makes an exception for a cookie without SameSite in its first two minutes (\"Lax-allowing-unsafe\", so that sign-in flows that POST back still work). Will the hidden form's transfer carry her cookie?",
        ),
        AttackGoal::ForgeVictimRequest,
        AttackerPosition::CrossSitePage,
        vec![Knob::SameSite(SameSitePolicy::Unspecified)],
        acts,
    )
}

fn role_tampering() -> Scenario {
    let acts = vec![
        attacker(
            secs(0),
            AttackerAct::Visits {
                path: "/login".into(),
            },
        ),
        attacker(
            secs(10),
            AttackerAct::LogsIn {
                user: ATTACKER_USER.into(),
                password: ATTACKER_PASSWORD.into(),
            },
        ),
        attacker(
            secs(20),
            AttackerAct::EditsCookie {
                name: "role".into(),
                value: "admin".into(),
                path: "/admin".into(),
            },
        ),
    ];
    attack(
        "role-tampering",
        "Tampering with a role kept in a cookie",
        lines(
            "The shop keeps the user's role in a cookie, role=user, instead of in the session.",
            "Mallory logs in to her own account and edits the cookie.",
        ),
        AttackGoal::EscalatePrivilege,
        AttackerPosition::Remote,
        vec![Knob::RoleStorage(RoleStorage::ClientCookie)],
        acts,
    )
}

/// A day, in minutes of the scenario's clock.
const DAY_MINS: u64 = 24 * 60;

/// Alice logs in with "Remember me" ticked; a stored-XSS review (the
/// capture of `hijack-stored-xss`) sends her cookies to the attacker; she
/// closes the browser. Three days later she comes back; a day after that
/// the attacker replays what they stole. Alice returns first on purpose:
/// with the token done right her return rotates it, and the attacker's
/// copy is then the old one the server can recognise as stolen. (In the
/// other order the attacker gets a session but no transfer without the
/// password, and Alice's return is what trips the alarm: see
/// `tests/engine_lesson.rs`.)
fn remember_me_theft() -> Scenario {
    let acts = vec![
        attacker(
            secs(0),
            AttackerAct::PostsReview {
                payload: Payload::StealCookies,
            },
        ),
        types(secs(10), "{shop}/login"),
        submits(
            secs(20),
            "/login",
            &[
                ("user", VICTIM_USER),
                ("password", VICTIM_PASSWORD),
                ("remember", "on"),
            ],
        ),
        types(secs(60), "{shop}/product"),
        victim(secs(120), VictimAct::ClosesBrowser),
        types(SimTime::from_mins(3 * DAY_MINS), "{shop}/account"),
        replay(SimTime::from_mins(4 * DAY_MINS), "/account"),
    ];
    attack(
        "remember-me-theft",
        "Remember me: a stolen token replayed",
        lines(
            "Alice logs in with \"Remember me\" ticked; a script in a product review sends her cookies to Mallory, and she closes the browser. Three days later she comes back, and a day after that Mallory replays what she stole.",
            "Done the naive way the session cookie itself lives 30 days, and so must the session: the copy works for weeks. Done right, a separate token is rotated on every use, so Alice's return makes Mallory's copy an old one, and an old one is theft.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        vec![
            Knob::ReviewOutput(ReviewOutput::Raw),
            Knob::RememberMe(RememberMe::LongSession),
        ],
        acts,
    )
}

/// Alice logs in and checks out, the shop copying her secrets into the
/// session; the session files lie where the web server serves them, and
/// the attacker, from anywhere, downloads the listing and then sends the
/// names in it back as session cookies. What the copy shows, and what its
/// names open, come from the store as the server wrote it.
fn session_store_leak() -> Scenario {
    let mut acts = victim_logs_in(0);
    acts.extend([
        submits(secs(20), "/cart/add", &[("item", "Teapot")]),
        types(secs(30), "{shop}/checkout"),
        submits(
            secs(40),
            "/checkout/address",
            &[("address", "1 Tea Street")],
        ),
        submits(
            secs(50),
            "/checkout/payment",
            &[("card", "4111 1111 1111 1111")],
        ),
        attacker(secs(120), AttackerAct::ReadsSessionStore),
        replay(secs(180), "/account"),
    ]);
    attack(
        "session-store-leak",
        "Insecure session storage: the store leaks",
        lines(
            "Alice logs in and checks out; the shop copies her password, API token and card number into her session. Its session files lie in a directory the web server serves, and Mallory downloads /sessions/.",
            "What the copy shows depends on what the session holds and whether it is encrypted at rest; whether its file names still open her account depends on what the store files sessions under.",
        ),
        AttackGoal::ImpersonateVictim,
        AttackerPosition::Remote,
        vec![
            Knob::Contents(SessionContents::SensitiveData),
            // PHP's default: one file a session.
            Knob::StoreKind(StoreKind::Files),
            Knob::StoreExposure(StoreExposure::WebServed),
        ],
        acts,
    )
}
