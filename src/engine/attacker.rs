//! TODO: attacker
