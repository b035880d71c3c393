//! Insecure session storage: the session store as a copy of it shows it.
//!
//! The store is the server's memory of every logged-in user. When it is
//! reachable from outside (session files in a directory the web server
//! serves, an unauthenticated cache, a leaked backup), whoever reads it
//! gets two things: what the sessions hold, and what they are filed under.
//! Three settings change that, each for one of the two:
//!
//! - [`SessionContents`]: with a user reference only, the files hold no
//!   password, token or card number to read;
//! - [`ServerPolicy::encrypt_at_rest`]: each file's data is encrypted with a
//!   key kept outside the store, so a copy of the store alone is
//!   ciphertext. It does nothing if the key leaks with it (kept in the same
//!   directory, in the same backup), and it does not hide the file names;
//! - [`StoreKeys`]: the store files each session under a hash of its ID,
//!   so the names in a copy are no IDs: sent back as a cookie, the server
//!   hashes them again and finds nothing.
//!
//! Out of scope: how the copy is taken beyond one case (the web server
//! listing `/sessions/`), and what the attacker does with a password or an
//! API token elsewhere; the lab shows what they could read.
//!
//! The lab stands in for real primitives with FNV-1a
//! ([`crate::engine::digest`]): SHA-256 for the key hash, AES-GCM for the
//! encryption. What matters is what a copy of the store holds.
//!
//! [`SessionContents`]: super::settings::SessionContents
//! [`ServerPolicy::encrypt_at_rest`]: super::settings::ServerPolicy
//! [`StoreKeys`]: super::settings::StoreKeys

use super::decision::Decision;
use super::id_generator::SessionId;
use super::settings::{StoreExposure, StoreKeys, StoreKind};
use super::store::Session;
use super::{Handling, Server};
use crate::engine::digest::fnv1a_64;
use crate::engine::http::{HttpResponse, StatusCode};
use serde::{Deserialize, Serialize};

/// The directory the session files are in, as a URL path when served.
pub const STORE_PATH: &str = "/sessions/";
/// A session file's name is this prefix and its key (PHP: `sess_<id>`).
pub const FILE_PREFIX: &str = "sess_";
/// Where the encryption key lives: not in the store.
const KEY_LABEL: &str = "session-data key (server config, outside the store)";

/// One session file as a copy of the store shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// What the file is named by: the ID, or a hash of it.
    pub key: String,
    pub content: FileContent,
}

/// A session file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileContent {
    /// The session's data in clear, as name/value pairs (`user` first).
    Plain(Vec<(String, String)>),
    /// Encrypted at rest: the first bytes of the ciphertext in hex, and its
    /// length.
    Encrypted { head_hex: String, bytes: usize },
}

impl StoredFile {
    /// The file as one line of the listing: `sess_<key>  <content>`, the
    /// pairs written as PHP's session serializer writes them (`name|value;`).
    pub fn line(&self) -> String {
        let content = match &self.content {
            FileContent::Plain(rows) => rows
                .iter()
                .map(|(n, v)| format!("{n}|{v};"))
                .collect::<String>(),
            FileContent::Encrypted { head_hex, bytes } => {
                format!("enc:{head_hex}... ({bytes} bytes of ciphertext)")
            }
        };
        format!("{FILE_PREFIX}{}  {content}", self.key)
    }
}

/// A secret a session file can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Secret {
    Password,
    ApiToken,
    CardNumber,
    Email,
}

impl Secret {
    pub fn describe(self) -> &'static str {
        match self {
            Secret::Password => "password",
            Secret::ApiToken => "API token",
            Secret::CardNumber => "full card number",
            Secret::Email => "email address",
        }
    }
}

/// The secrets readable in a file, in a fixed order. A card kept as its
/// last four digits (`card ending 1111`) is no secret.
pub fn secrets_in(file: &StoredFile) -> Vec<Secret> {
    let FileContent::Plain(rows) = &file.content else {
        return Vec::new();
    };
    let has = |name: &str| rows.iter().any(|(n, _)| n == name);
    let full_card = rows.iter().any(|(n, v)| {
        n == "checkout.payment" && v.chars().filter(char::is_ascii_digit).count() >= 12
    });
    let mut out = Vec::new();
    if has("password") {
        out.push(Secret::Password);
    }
    if has("api_token") {
        out.push(Secret::ApiToken);
    }
    if has("card_number") || full_card {
        out.push(Secret::CardNumber);
    }
    if has("email") {
        out.push(Secret::Email);
    }
    out
}

/// The user a file names, when it is readable.
pub fn user_in(file: &StoredFile) -> Option<&str> {
    match &file.content {
        FileContent::Plain(rows) => rows
            .iter()
            .find(|(n, _)| n == "user")
            .map(|(_, v)| v.as_str()),
        FileContent::Encrypted { .. } => None,
    }
}

/// FNV-1a of `bytes`, in hex (SHA-256 on a real server).
fn hash_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a_64(bytes))
}

/// The lab's stand-in for authenticated encryption: `plain` XORed with a
/// keystream drawn from the key and the file's key. Deterministic, and
/// nothing of the plaintext shows.
fn encrypt(plain: &[u8], file_key: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(plain.len());
    for (block, chunk) in plain.chunks(8).enumerate() {
        let stream = fnv1a_64(format!("{KEY_LABEL}/{file_key}/{block}").as_bytes()).to_le_bytes();
        out.extend(chunk.iter().zip(stream).map(|(p, k)| p ^ k));
    }
    out
}

impl Server {
    /// What the store files the session `id` under.
    pub fn store_key(&self, id: &SessionId) -> String {
        match self.settings().server.store_keys {
            StoreKeys::RawId => id.0.clone(),
            StoreKeys::HashedId => hash_hex(id.0.as_bytes()),
        }
    }

    fn stored_file(&self, s: &Session) -> StoredFile {
        let key = self.store_key(&s.id);
        let mut rows = Vec::new();
        if let Some(u) = &s.user {
            rows.push(("user".to_string(), u.0.clone()));
        }
        rows.extend(s.data.rows());
        let content = if self.settings().server.encrypt_at_rest {
            let plain: String = rows.iter().map(|(n, v)| format!("{n}|{v};")).collect();
            let cipher = encrypt(plain.as_bytes(), &key);
            let head_hex = cipher.iter().take(12).map(|b| format!("{b:02x}")).collect();
            FileContent::Encrypted {
                head_hex,
                bytes: cipher.len(),
            }
        } else {
            FileContent::Plain(rows)
        };
        StoredFile { key, content }
    }

    /// How the store keeps its files, in a line for the server's lane;
    /// `None` with the default settings (files private, in clear, under
    /// the ID).
    pub fn on_disk(&self) -> Option<String> {
        let p = &self.settings().server;
        if p.store_exposure == StoreExposure::Private
            && !p.encrypt_at_rest
            && p.store_keys == StoreKeys::RawId
        {
            return None;
        }
        Some(format!(
            "Files {FILE_PREFIX}<{}>, data {}, {}.",
            match p.store_keys {
                StoreKeys::RawId => "ID",
                StoreKeys::HashedId => "hash of ID",
            },
            if p.encrypt_at_rest {
                "encrypted (key elsewhere)"
            } else {
                "in clear"
            },
            match p.store_exposure {
                StoreExposure::Private => "outside the web root",
                StoreExposure::WebServed => "served at /sessions/",
            }
        ))
    }

    /// Every live session as its file in the store.
    pub fn stored_files(&self) -> Vec<StoredFile> {
        self.store()
            .sessions()
            .iter()
            .map(|s| self.stored_file(s))
            .collect()
    }
}

/// `GET /sessions/`: the web server's listing of the session directory,
/// when the files lie where it serves them; else not found.
pub(crate) fn listing(server: &Server, h: &mut Handling) -> HttpResponse {
    // Only a files store has files to serve: sessions kept in memory, a
    // database or a key-value store are not in any directory.
    let p = &server.settings().server;
    if p.store_exposure == StoreExposure::Private || p.store_kind != StoreKind::Files {
        h.decisions.push(Decision::SessionFilesNotServed);
        let mut r = HttpResponse::new(StatusCode::NotFound);
        r.body = "<h1>Not found</h1>".into();
        return r;
    }
    let files = server.stored_files();
    let mut body = format!("Index of {STORE_PATH}\n");
    for f in &files {
        body.push_str(&f.line());
        body.push('\n');
    }
    h.decisions.push(Decision::SessionFilesServed {
        files,
        encrypted: server.settings().server.encrypt_at_rest,
        keys: server.settings().server.store_keys,
    });
    let mut r = HttpResponse::new(StatusCode::Ok).with_header("Content-Type", "text/plain");
    r.body = body;
    r
}
