//! One setting changed: scenarios list the knobs they turn from the
//! defaults, each defense of the matrix is a knob or two, and the page's
//! controls write through knobs too. [`Knob`] is the one way a setting is
//! written.
//!
//! The table below names each knob's field of [`Settings`] once; the enum,
//! [`Knob::apply`] and the readers in [`field`] all come from it.

use super::id_generator::IdGenerator;
use super::settings::{
    ClientBinding, CookieLifetime, HstsPolicy, HttpsMode, LoginLimit, LogoutPolicy, Minutes,
    ReviewOutput, RoleStorage, SameSitePolicy, SearchOutput, SessionContents, SessionStart,
    Settings, SiteTransport,
};
use serde::{Deserialize, Serialize};

/// One setting of [`Settings`] as a value: how to read it, and the knob
/// that writes a new value.
pub struct Field<V> {
    pub get: fn(&Settings) -> V,
    pub knob: fn(V) -> Knob,
}

// By hand: a derive would ask `V: Clone`, but function pointers copy anyway.
impl<V> Clone for Field<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V> Copy for Field<V> {}

macro_rules! knobs {
    ( $( $variant:ident($value:ty) => $($path:ident).+ ; )+ ) => {
        /// A single change to [`Settings`].
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Knob {
            $( $variant($value), )+
        }

        impl Knob {
            pub fn apply(&self, s: &mut Settings) {
                match self {
                    $( Knob::$variant(v) => s.$($path).+ = Clone::clone(v), )+
                }
            }
        }

        /// Each knob's setting as a [`Field`], named after the knob, so a
        /// control reads the very field its knob writes.
        #[allow(non_upper_case_globals)]
        pub mod field {
            use super::*;
            $(
                pub const $variant: Field<$value> = Field {
                    get: |s| Clone::clone(&s.$($path).+),
                    knob: Knob::$variant,
                };
            )+
        }
    };
}

knobs! {
    CookieName(String) => cookie.name;
    HostPrefix(bool) => cookie.host_prefix;
    HttpOnly(bool) => cookie.http_only;
    Secure(bool) => cookie.secure;
    SameSite(SameSitePolicy) => cookie.same_site;
    CookieDomain(Option<String>) => cookie.domain;
    CookieLifetime(CookieLifetime) => cookie.lifetime;
    Transport(SiteTransport) => transport.scheme;
    Hsts(HstsPolicy) => transport.hsts;
    IdGenerator(IdGenerator) => server.id_generator;
    RegenerateOnLogin(bool) => server.regenerate_on_login;
    RegenerateOnPrivilegeChange(bool) => server.regenerate_on_privilege_change;
    AcceptIdFromUrl(bool) => server.accept_id_from_url;
    StrictMode(bool) => server.strict_mode;
    IdleTimeout(Option<Minutes>) => server.idle_timeout;
    AbsoluteTimeout(Option<Minutes>) => server.absolute_timeout;
    Logout(LogoutPolicy) => server.logout;
    Binding(ClientBinding) => server.binding;
    Contents(SessionContents) => server.contents;
    LoginLimit(LoginLimit) => server.login_limit;
    SessionStart(SessionStart) => server.session_start;
    SearchOutput(SearchOutput) => application.search_output;
    CsrfToken(bool) => application.csrf_token;
    RoleStorage(RoleStorage) => application.role_storage;
    OriginCheck(bool) => application.origin_check;
    FetchMetadata(bool) => application.fetch_metadata;
    HttpsMode(HttpsMode) => browser.https_mode;
    BlockThirdPartyCookies(bool) => browser.block_third_party_cookies;
    ReviewOutput(ReviewOutput) => application.review_output;
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
