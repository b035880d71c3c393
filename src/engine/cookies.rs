//! TODO: cookies
