//! The page.
pub fn start() {}
