//! TODO: url
