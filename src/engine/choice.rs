//! A setting with a fixed list of options: each option's link code and the
//! words a student sees for it, declared once beside the enum itself.
//!
//! The page's selects, the shareable link's `control:value` codes and the
//! cookie lab's request kinds are all read from [`Choice`], so an option
//! added to an enum shows up everywhere, and a variant without a code or a
//! label is a compile error (the matches are exhaustive), never a silent
//! default.

/// An enum whose values a student picks from a list.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// Every option, in the order the page lists them.
    const ALL: &'static [Self];

    /// Stable text for links and form values: existing links depend on it,
    /// so a code never changes once shipped.
    fn code(self) -> &'static str;

    /// The option as the page words it, e.g. "not set (Lax by default)".
    /// (Named apart from the `label` some of these enums already have for
    /// another place, such as an ID generator's name in the narration.)
    fn option_label(self) -> &'static str;

    /// The option a code names; `None` for anything else (outside input).
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// Declares a field-less enum together with its [`Choice`] impl, so each
/// variant's code and label sit on the variant's own line:
///
/// ```ignore
/// choice_enum! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Hsts {
///         Off = ("off", "off"),
///         /// Doc comments stay on the variant.
///         On = ("on", "on"),
///     }
/// }
/// ```
macro_rules! choice_enum {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vattr:meta])* $variant:ident = ($code:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis enum $name {
            $( $(#[$vattr])* $variant, )+
        }

        impl $crate::engine::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            fn option_label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }
    };
}
pub(crate) use choice_enum;
