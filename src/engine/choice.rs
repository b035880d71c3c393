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

    /// Each option's `(code, label)`, in the order of [`Choice::ALL`]: one
    /// static table a type, so the page's selects read a slice instead of
    /// each setting's type carrying its own copy of the code that builds one.
    const TABLE: &'static [(&'static str, &'static str)];

    /// The option's place in [`Choice::ALL`] and [`Choice::TABLE`].
    fn index(self) -> usize;

    /// Stable text for links and form values: existing links depend on it,
    /// so a code never changes once shipped.
    fn code(self) -> &'static str {
        Self::TABLE[self.index()].0
    }

    /// The option as the page words it, e.g. "not set (Lax by default)".
    /// (Named apart from the `label` some of these enums already have for
    /// another place, such as an ID generator's name in the narration.)
    fn option_label(self) -> &'static str {
        Self::TABLE[self.index()].1
    }

    /// The option a code names; `None` for anything else (outside input).
    fn from_code(code: &str) -> Option<Self> {
        position(Self::TABLE, code).map(|i| Self::ALL[i])
    }
}

/// Where `code` is in a `(code, label)` table: not generic and never
/// inlined, so one copy serves every setting.
#[inline(never)]
pub fn position(table: &[(&'static str, &'static str)], code: &str) -> Option<usize> {
    table.iter().position(|(c, _)| *c == code)
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
            const TABLE: &'static [(&'static str, &'static str)] = &[$(($code, $label)),+];

            fn index(self) -> usize {
                // The variants carry no data and keep their declared order,
                // so the discriminant is the place in both tables.
                self as usize
            }
        }
    };
}
pub(crate) use choice_enum;
