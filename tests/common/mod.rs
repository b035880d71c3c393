//! Shared by the property-test files (each `mod common;`).

/// Cases per property: `PROPTEST_CASES` when it is a positive number (the
/// long run of `scripts/bench --fuzz-long`), else the file's `default`.
pub fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}
