//! Shared by the test files that declare `mod common;`: the property tests
//! read `cases_or`, the engine tests the run helpers of [`runs`].

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

pub mod runs;

/// Cases per property: `PROPTEST_CASES` when it is a positive number (the
/// long run of `scripts/bench --fuzz-long`), else the file's `default`.
pub fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}
