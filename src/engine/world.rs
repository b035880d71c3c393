//! TODO: world
