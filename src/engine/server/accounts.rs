//! The shop's user database: who can log in, their role and balance, and the
//! per-account count of failed logins.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A user name, as typed in the login form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserName(pub String);

impl UserName {
    pub fn new(name: &str) -> Self {
        UserName(name.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// In sentences and tables a user is the person: "Alice", one name with
/// the narration's. The account name itself (`alice`) stays in the data:
/// the session's fields, the login form, a signed cookie's claims.
impl fmt::Display for UserName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // ASCII only: account names are, and char::to_uppercase would bring
        // Unicode's case tables (about 9 KB gzip) into the page.
        let mut chars = self.0.chars();
        if let Some(first) = chars.next() {
            fmt::Write::write_char(f, first.to_ascii_uppercase())?;
        }
        f.write_str(chars.as_str())
    }
}

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    User,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "user" => Some(Role::User),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// One row of the user table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user: UserName,
    pub password: String,
    pub role: Role,
    pub balance: u64,
    pub email: String,
    pub card_number: String,
    /// A token for the shop's API, as an account page would show it.
    pub api_token: String,
    pub failed_logins: u32,
}

/// The victim of every scenario.
pub const VICTIM_USER: &str = "alice";
pub const VICTIM_PASSWORD: &str = "correct-horse";
/// The attacker's own, ordinary account.
pub const ATTACKER_USER: &str = "mallory";
pub const ATTACKER_PASSWORD: &str = "mallory-pw";

/// The user table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    rows: Vec<Account>,
}

impl Default for Accounts {
    fn default() -> Self {
        Accounts {
            rows: vec![
                Account {
                    user: UserName::new(VICTIM_USER),
                    password: VICTIM_PASSWORD.into(),
                    role: Role::User,
                    balance: 1000,
                    email: "alice@mail.example".into(),
                    card_number: "4111 1111 1111 1111".into(),
                    api_token: "api_live_7f3a9c2e51d84b06".into(),
                    failed_logins: 0,
                },
                Account {
                    user: UserName::new(ATTACKER_USER),
                    password: ATTACKER_PASSWORD.into(),
                    role: Role::User,
                    balance: 10,
                    email: "mallory@evil.example".into(),
                    card_number: "5500 0000 0000 0004".into(),
                    api_token: "api_live_0b4e1d7a93c2f658".into(),
                    failed_logins: 0,
                },
            ],
        }
    }
}

impl Accounts {
    pub fn get(&self, user: &str) -> Option<&Account> {
        self.rows.iter().find(|a| a.user.as_str() == user)
    }

    pub fn get_mut(&mut self, user: &str) -> Option<&mut Account> {
        self.rows.iter_mut().find(|a| a.user.as_str() == user)
    }

    pub fn rows(&self) -> &[Account] {
        &self.rows
    }

    /// Moves `amount` from one account to another; `false` if either is
    /// unknown or the balance is too small.
    pub fn transfer(&mut self, from: &str, to: &str, amount: u64) -> bool {
        let available = match self.get(from) {
            Some(a) => a.balance,
            None => return false,
        };
        if self.get(to).is_none() || available < amount || from == to {
            return false;
        }
        if let Some(a) = self.get_mut(from) {
            a.balance -= amount;
        }
        if let Some(b) = self.get_mut(to) {
            b.balance = b.balance.saturating_add(amount);
        }
        true
    }
}
