//! The page's components, one file each.

pub mod root;
