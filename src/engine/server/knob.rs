//! One setting changed: scenarios list the knobs they turn from the
//! defaults, each defense of the matrix is a knob or two, and the page's
//! controls write through knobs too. [`Knob`] is the one way a setting is
//! written.
//!
//! Every setting is declared once, in the [`settings!`] table of
//! [`super::settings`]: its knob's name, its group and field in
//! [`Settings`], its type and its default. The grouped structs, their
//! `Default`s, the [`Knob`] enum, [`Knob::apply`], [`Knob::ALL_NAMES`] and
//! the readers in [`field`] all come from that one line, so a setting cannot
//! exist in one of them and be missing from another.

use super::settings::Settings;
pub use super::settings::{field, Knob};

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

/// Declares [`Settings`] and its groups from one table, one line a
/// setting:
///
/// ```ignore
/// settings! {
///     /// The whole configuration of a run.
///     #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
///     #[serde(default)]
///     pub struct Settings {
///         /// The session cookie (doc, derives and serde attributes of the
///         /// group's struct).
///         #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
///         #[serde(default)]
///         pub cookie: CookieSettings {
///             /// Doc comments stay on the field.
///             HttpOnly => pub http_only: bool = false,
///         },
///     }
/// }
/// ```
///
/// `HttpOnly => pub http_only: bool = false` makes the field
/// `CookieSettings::http_only` with default `false`, the knob
/// `Knob::HttpOnly(bool)` that writes `settings.cookie.http_only`, and its
/// reader `field::HttpOnly`. Fields keep their order: it is the order of
/// the JSON that saved states and event logs hold.
macro_rules! settings {
    (
        $(#[$sattr:meta])*
        pub struct Settings {
            $(
                $(#[$gattr:meta])*
                pub $gfield:ident: $group:ident {
                    $(
                        $(#[$fattr:meta])*
                        $knob:ident => pub $field:ident: $ty:ty = $default:expr,
                    )+
                }
            ),+ $(,)?
        }
    ) => {
        $(#[$sattr])*
        pub struct Settings {
            $( pub $gfield: $group, )+
        }

        $(
            $(#[$gattr])*
            pub struct $group {
                $( $(#[$fattr])* pub $field: $ty, )+
            }

            impl Default for $group {
                fn default() -> Self {
                    $group {
                        $( $field: $default, )+
                    }
                }
            }
        )+

        /// A single change to [`Settings`].
        #[derive(Debug, Clone, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        pub enum Knob {
            $( $( $knob($ty), )+ )+
        }

        impl Knob {
            /// Every knob's name (its variant), in the table's order: what
            /// a test walks to find a setting no control writes.
            pub const ALL_NAMES: &'static [&'static str] = &[
                $( $( stringify!($knob), )+ )+
            ];

            pub fn apply(&self, s: &mut Settings) {
                match self {
                    $( $( Knob::$knob(v) => s.$gfield.$field = Clone::clone(v), )+ )+
                }
            }

            /// The knob's name, as in [`Knob::ALL_NAMES`].
            pub fn name(&self) -> &'static str {
                match self {
                    $( $( Knob::$knob(_) => stringify!($knob), )+ )+
                }
            }
        }

        /// Each knob's setting as a [`Field`], named after the knob, so a
        /// control reads the very field its knob writes.
        ///
        /// [`Field`]: $crate::engine::server::knob::Field
        #[allow(non_upper_case_globals)]
        pub mod field {
            use super::*;
            use $crate::engine::server::knob::Field;
            $( $(
                pub const $knob: Field<$ty> = Field {
                    get: |s| Clone::clone(&s.$gfield.$field),
                    knob: Knob::$knob,
                };
            )+ )+
        }
    };
}
pub(crate) use settings;

impl Settings {
    /// These settings with `knobs` applied in order.
    pub fn with(mut self, knobs: &[Knob]) -> Settings {
        for k in knobs {
            k.apply(&mut self);
        }
        self
    }
}
