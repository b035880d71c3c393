//! One setting changed: scenarios list the knobs they turn from the
//! defaults, and each defense of the matrix is a knob or two.

use super::id_generator::IdGenerator;
use super::settings::{
    ClientBinding, CookieLifetime, HstsPolicy, LoginLimit, LogoutPolicy, Minutes, RoleStorage,
    SameSitePolicy, SearchOutput, SessionContents, Settings, SiteTransport,
};
use serde::{Deserialize, Serialize};

/// A single change to [`Settings`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Knob {
    CookieName(String),
    HostPrefix(bool),
    HttpOnly(bool),
    Secure(bool),
    SameSite(SameSitePolicy),
    CookieLifetime(CookieLifetime),
    Transport(SiteTransport),
    Hsts(HstsPolicy),
    IdGenerator(IdGenerator),
    RegenerateOnLogin(bool),
    RegenerateOnPrivilegeChange(bool),
    AcceptIdFromUrl(bool),
    StrictMode(bool),
    IdleTimeout(Option<Minutes>),
    AbsoluteTimeout(Option<Minutes>),
    Logout(LogoutPolicy),
    Binding(ClientBinding),
    Contents(SessionContents),
    LoginLimit(LoginLimit),
    SearchOutput(SearchOutput),
    CsrfToken(bool),
    RoleStorage(RoleStorage),
}

impl Knob {
    pub fn apply(&self, s: &mut Settings) {
        match self {
            Knob::CookieName(n) => s.cookie.name = n.clone(),
            Knob::HostPrefix(on) => s.cookie.host_prefix = *on,
            Knob::HttpOnly(on) => s.cookie.http_only = *on,
            Knob::Secure(on) => s.cookie.secure = *on,
            Knob::SameSite(v) => s.cookie.same_site = *v,
            Knob::CookieLifetime(v) => s.cookie.lifetime = *v,
            Knob::Transport(v) => s.transport.scheme = *v,
            Knob::Hsts(v) => s.transport.hsts = *v,
            Knob::IdGenerator(v) => s.server.id_generator = *v,
            Knob::RegenerateOnLogin(on) => s.server.regenerate_on_login = *on,
            Knob::RegenerateOnPrivilegeChange(on) => s.server.regenerate_on_privilege_change = *on,
            Knob::AcceptIdFromUrl(on) => s.server.accept_id_from_url = *on,
            Knob::StrictMode(on) => s.server.strict_mode = *on,
            Knob::IdleTimeout(v) => s.server.idle_timeout = *v,
            Knob::AbsoluteTimeout(v) => s.server.absolute_timeout = *v,
            Knob::Logout(v) => s.server.logout = *v,
            Knob::Binding(v) => s.server.binding = *v,
            Knob::Contents(v) => s.server.contents = *v,
            Knob::LoginLimit(v) => s.server.login_limit = *v,
            Knob::SearchOutput(v) => s.application.search_output = *v,
            Knob::CsrfToken(on) => s.application.csrf_token = *on,
            Knob::RoleStorage(v) => s.application.role_storage = *v,
        }
    }
}

impl Settings {
    /// These settings with `knobs` applied in order.
    pub fn with(mut self, knobs: &[Knob]) -> Settings {
        for k in knobs {
            k.apply(&mut self);
        }
        self
    }
}
