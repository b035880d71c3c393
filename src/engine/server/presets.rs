//! Framework presets: the session defaults six frameworks ship, as knobs,
//! each value with the documentation it comes from and, where the lab
//! cannot model a default truthfully, a note that says so instead of a
//! guess.
//!
//! A preset names every setting a framework decides (cookie name,
//! `HttpOnly`, `Secure`, `SameSite`, lifetime, idle timeout, a new ID at
//! login, strict mode, eager or lazy start, the ID in the URL, a CSRF token,
//! where the state lives). Applied to a scenario's settings it replaces
//! those and leaves the rest as the scenario set them: where the attacker
//! stands, what the application's own code does ([`Preset::apply_to`]).

use super::knob::Knob;
use super::settings::{
    CookieLifetime, Minutes, SameSitePolicy, SessionStart, SessionState, Settings, SiteTransport,
    StoreKind, TokenLifetime, TWO_WEEKS_SECS,
};
use super::settings::{HstsPolicy, LogoutPolicy};

/// One framework's out-of-the-box session defaults.
pub struct Preset {
    /// Stable, for element values and tests.
    pub id: &'static str,
    /// What the select shows: "Django 5".
    pub name: &'static str,
    /// The framework's defaults, as changes to the lab's settings.
    pub knobs: fn() -> Vec<Knob>,
    /// `(what, url)`: the documentation each default comes from.
    pub sources: &'static [(&'static str, &'static str)],
    /// What the lab does not model, or models only roughly, in words.
    pub not_modelled: &'static [&'static str],
}

impl Preset {
    /// The lab's defaults with this framework's knobs applied.
    pub fn settings(&self) -> Settings {
        self.apply_to(Settings::default())
    }

    /// `base` with this framework's knobs applied: what the preset does
    /// not name stays as `base` has it.
    pub fn apply_to(&self, base: Settings) -> Settings {
        base.with(&(self.knobs)())
    }
}

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

fn name(n: &str) -> Knob {
    Knob::CookieName(n.to_string())
}

pub static PRESETS: &[Preset] = &[
    Preset {
        id: "php",
        name: "PHP 8",
        knobs: || {
            vec![
                name("PHPSESSID"),                          // session.name
                Knob::HttpOnly(false),                      // session.cookie_httponly "0"
                Knob::Secure(false),                        // session.cookie_secure "0"
                Knob::SameSite(SameSitePolicy::Unspecified), // session.cookie_samesite ""
                Knob::CookieLifetime(CookieLifetime::BrowserSession), // session.cookie_lifetime "0"
                Knob::IdleTimeout(Some(Minutes(24))),       // session.gc_maxlifetime "1440"
                Knob::RegenerateOnLogin(false),             // session_regenerate_id() is the code's call
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::StrictMode(false),                    // session.use_strict_mode "0"
                Knob::AcceptIdFromUrl(false),               // use_only_cookies "1", use_trans_sid "0"
                Knob::SessionStart(SessionStart::Eager),    // session_start() on every page
                Knob::SessionState(SessionState::ServerStore),
                Knob::StoreKind(StoreKind::Files),          // session.save_handler "files"
                Knob::CsrfToken(false),                     // none in the session module
            ]
        },
        sources: &[
            ("session.* defaults", "https://www.php.net/manual/en/session.configuration.php"),
            ("use_strict_mode is off by default", "https://www.php.net/manual/en/session.security.ini.php"),
            ("session_regenerate_id", "https://www.php.net/manual/en/function.session-regenerate-id.php"),
        ],
        not_modelled: &[
            "PHP keeps the files on each server's own disk; the lab's two app servers share them.",
            "The garbage collector runs on 1 request in 100, PHP's default (php.ini-production: 1 in 1000; Debian: a cron job).",
            "A session starts where the code calls session_start(); \"on every page\" is a site that calls it on every page.",
        ],
    },
    Preset {
        id: "express",
        name: "Express (express-session)",
        knobs: || {
            vec![
                name("connect.sid"),                        // name
                Knob::HttpOnly(true),                       // cookie { httpOnly: true }
                Knob::Secure(false),                        // cookie { secure: false }
                Knob::SameSite(SameSitePolicy::Unspecified), // cookie.sameSite not set
                Knob::CookieLifetime(CookieLifetime::BrowserSession), // cookie { maxAge: null }
                Knob::IdleTimeout(None),                    // MemoryStore: no expiry without maxAge
                Knob::RegenerateOnLogin(false),             // only if the code calls req.session.regenerate
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::StrictMode(true),                     // an unknown ID gets a new session from genid
                Knob::AcceptIdFromUrl(false),               // read from the cookie only
                Knob::SessionStart(SessionStart::Eager),    // saveUninitialized: true
                Knob::SessionState(SessionState::ServerStore),
                Knob::CsrfToken(false),                     // none in express-session
            ]
        },
        sources: &[
            ("options and defaults (README)", "https://github.com/expressjs/session#options"),
            ("unknown ID: a new session (source)", "https://github.com/expressjs/session/blob/master/index.js"),
        ],
        not_modelled: &[
            "The cookie's value is the ID signed with the secret (s:ID.signature); the lab sends the bare ID.",
            "The default MemoryStore keeps a session whose cookie has no maxAge until the process ends: the idle timeout is none.",
        ],
    },
    Preset {
        id: "django",
        name: "Django 5",
        knobs: || {
            vec![
                name("sessionid"),                          // SESSION_COOKIE_NAME
                Knob::HttpOnly(true),                       // SESSION_COOKIE_HTTPONLY = True
                Knob::Secure(false),                        // SESSION_COOKIE_SECURE = False
                Knob::SameSite(SameSitePolicy::Lax),        // SESSION_COOKIE_SAMESITE = 'Lax'
                Knob::CookieLifetime(CookieLifetime::Persistent {
                    max_age_secs: TWO_WEEKS_SECS,           // SESSION_COOKIE_AGE = 1209600
                }),
                Knob::IdleTimeout(None),                    // no idle timeout (see the notes)
                Knob::RegenerateOnLogin(true),              // login() calls cycle_key()
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::StrictMode(true),                     // an unknown key is replaced by a new one
                Knob::AcceptIdFromUrl(false),               // cookie only
                Knob::SessionStart(SessionStart::Lazy),     // saved only when modified
                Knob::SessionState(SessionState::ServerStore),
                Knob::StoreKind(StoreKind::Database),       // SESSION_ENGINE ...backends.db
                Knob::CsrfToken(true),                      // CsrfViewMiddleware in MIDDLEWARE
            ]
        },
        sources: &[
            ("SESSION_COOKIE_* defaults", "https://docs.djangoproject.com/en/5.0/ref/settings/#sessions"),
            ("in the database by default; cycle_key() at login(); saved when modified", "https://docs.djangoproject.com/en/5.0/topics/http/sessions/"),
            ("CSRF middleware on by default", "https://docs.djangoproject.com/en/5.0/ref/csrf/"),
            ("unknown key: a new one (source)", "https://github.com/django/django/blob/stable/5.0.x/django/contrib/sessions/backends/db.py"),
        ],
        not_modelled: &[
            "The server drops a session SESSION_COOKIE_AGE (two weeks) after it was last saved; the lab offers no two-week timeout, so it has none.",
            "Django's CSRF token is a csrftoken cookie matched against the form; the lab's token lives in the session.",
        ],
    },
    Preset {
        id: "rails",
        name: "Rails 8",
        knobs: || {
            vec![
                name("_shop_session"),                      // key: "_#{app_name}_session"
                Knob::SessionState(SessionState::SignedCookie), // CookieStore is the default
                Knob::TokenLifetime(TokenLifetime::Days31), // nearest: Rails writes none (notes)
                Knob::TokenDenylist(false),
                Knob::HttpOnly(true),                       // session cookie httponly
                Knob::Secure(true),                         // config.force_ssl = true (production.rb)
                Knob::Transport(SiteTransport::Https),
                Knob::Hsts(HstsPolicy::On),                 // force_ssl sends HSTS
                Knob::SameSite(SameSitePolicy::Lax),        // cookies_same_site_protection :lax
                Knob::CookieLifetime(CookieLifetime::BrowserSession), // expire_after unset
                Knob::IdleTimeout(None),
                Knob::RegenerateOnLogin(false),             // reset_session is the code's call
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::AcceptIdFromUrl(false),
                Knob::SessionStart(SessionStart::Lazy),     // written when the session is used
                Knob::Logout(LogoutPolicy::InvalidateSession),
                Knob::CsrfToken(true),                      // protect_from_forgery on by default
            ]
        },
        sources: &[
            ("CookieStore is the default", "https://api.rubyonrails.org/classes/ActionDispatch/Session/CookieStore.html"),
            ("CSRF, reset_session at login", "https://guides.rubyonrails.org/security.html"),
            ("force_ssl, cookies_same_site_protection", "https://guides.rubyonrails.org/configuring.html"),
        ],
        not_modelled: &[
            "Rails encrypts the cookie (AES-256-GCM): unlike the lab's signed cookie, nobody can read what it holds.",
            "Rails writes no expiry inside the cookie by default; the lab's signed cookie always carries one (31 days here).",
            "Secure and HSTS come from config.force_ssl = true in the production.rb that rails new writes; in development neither is on.",
            "Strict mode does not apply: a cookie store has no IDs to adopt, and a forged cookie fails its check.",
        ],
    },
    Preset {
        id: "spring-boot",
        name: "Spring Boot (with Spring Security)",
        knobs: || {
            vec![
                name("JSESSIONID"),                         // servlet container's default
                Knob::HttpOnly(true),                       // Tomcat useHttpOnly = true
                Knob::Secure(false),                        // server.servlet.session.cookie.secure unset
                Knob::SameSite(SameSitePolicy::Unspecified), // Tomcat sameSiteCookies = unset
                Knob::CookieLifetime(CookieLifetime::BrowserSession), // cookie max-age unset
                Knob::IdleTimeout(Some(Minutes(30))),       // server.servlet.session.timeout = 30m
                Knob::RegenerateOnLogin(true),              // sessionFixation: changeSessionId
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::StrictMode(true),                     // Tomcat validateClientProvidedNewSessionId
                Knob::AcceptIdFromUrl(false),               // StrictHttpFirewall rejects ;jsessionid=
                Knob::SessionStart(SessionStart::Lazy),     // SessionCreationPolicy.IF_REQUIRED
                Knob::SessionState(SessionState::ServerStore),
                Knob::CsrfToken(true),                      // CSRF protection on by default
            ]
        },
        sources: &[
            ("server.servlet.session.* (timeout 30m)", "https://docs.spring.io/spring-boot/appendix/application-properties/index.html"),
            ("session fixation: changeSessionId", "https://docs.spring.io/spring-security/reference/servlet/authentication/session-management.html"),
            ("CSRF on by default", "https://docs.spring.io/spring-security/reference/servlet/exploits/csrf.html"),
            ("Tomcat: useHttpOnly, validateClientProvidedNewSessionId", "https://tomcat.apache.org/tomcat-10.1-doc/config/context.html"),
            ("Tomcat: sameSiteCookies unset", "https://tomcat.apache.org/tomcat-10.1-doc/config/cookie-processor.html"),
        ],
        not_modelled: &[
            "Tomcat adds Secure to JSESSIONID by itself when the request came over HTTPS; the lab's Secure is one setting for the whole run, so it stays off.",
            "The new ID at login and the CSRF token are Spring Security's (spring-boot-starter-security); plain Spring Boot has neither.",
        ],
    },
    Preset {
        id: "aspnet-core",
        name: "ASP.NET Core (session middleware)",
        knobs: || {
            vec![
                name(".AspNetCore.Session"),                // SessionDefaults.CookieName
                Knob::HttpOnly(true),                       // HttpOnly = true
                Knob::Secure(false),                        // SecurePolicy = None
                Knob::SameSite(SameSitePolicy::Lax),        // SameSite = Lax
                Knob::CookieLifetime(CookieLifetime::BrowserSession), // Expiration cannot be set
                Knob::IdleTimeout(Some(Minutes(20))),       // IdleTimeout = 20 minutes
                Knob::RegenerateOnLogin(false),             // the session middleware never renews
                Knob::RegenerateOnPrivilegeChange(false),
                Knob::StrictMode(false),                    // a new session under the same cookie
                Knob::AcceptIdFromUrl(false),               // no cookieless sessions
                Knob::SessionStart(SessionStart::Lazy),     // empty sessions are not kept
                Knob::SessionState(SessionState::ServerStore),
                Knob::CsrfToken(true),                      // antiforgery, automatic in Razor Pages
            ]
        },
        sources: &[
            ("session state: 20 minutes, cookie, empty sessions", "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/app-state"),
            ("SessionOptions defaults (source)", "https://github.com/dotnet/aspnetcore/blob/main/src/Middleware/Session/src/SessionOptions.cs"),
            ("antiforgery", "https://learn.microsoft.com/en-us/aspnet/core/security/anti-request-forgery"),
        ],
        not_modelled: &[
            "ASP.NET Core keeps the login in a separate authentication cookie, written anew at sign-in; the lab's shop keeps it in the session, as an app that stores the user in Session does.",
            "The cookie holds the session key protected by Data Protection: an attacker cannot invent one, but can plant one they were issued.",
            "Antiforgery is checked automatically for Razor Pages; MVC controllers need [ValidateAntiForgeryToken] or the global filter.",
        ],
    },
];
