//! Stateless sessions: the session's state carried in the cookie itself,
//! signed by the server, as Rails' cookie store (signed, before Rails 4
//! encrypted it), Flask's `session` and a JWT in a cookie do.
//!
//! The cookie's value is `base64url(payload) "." base64url(signature)`.
//! The payload is plain JSON, `{"user":"alice","issued":…,"expires":…}`
//! (Unix seconds): base64url is an encoding, not encryption, so anyone
//! holding the cookie can read it. The signature is a keyed hash of the
//! encoded payload under the server's secret: without the secret nobody
//! can make a signature that matches a changed payload. The server checks
//! both on every request, and keeps nothing per user, so it has nothing to
//! destroy at logout; a copy of the cookie works until its expiry, unless
//! the server keeps a denylist of the tokens it logged out.

use crate::engine::digest::fnv1a_64;
use serde::{Deserialize, Serialize};

/// The server's signing secret. It never leaves the server; in a real
/// application it is long, random and kept out of the code
/// (`secret_key_base`, Flask's `SECRET_KEY`).
const SECRET: &str = "shop.example signing secret, never sent";

/// What the signed cookie says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub user: String,
    /// Unix seconds.
    pub issued: i64,
    /// Unix seconds: the server refuses the cookie from then on.
    pub expires: i64,
}

impl Claims {
    /// The payload as the cookie carries it (before base64url).
    pub fn json(&self) -> String {
        format!(
            "{{\"user\":\"{}\",\"issued\":{},\"expires\":{}}}",
            self.user.replace(['"', '\\'], ""),
            self.issued,
            self.expires
        )
    }

    /// Reads [`Claims::json`]'s shape back; `None` for anything else.
    pub fn parse(json: &str) -> Option<Claims> {
        let inner = json.trim().strip_prefix('{')?.strip_suffix('}')?;
        let (mut user, mut issued, mut expires) = (None, None, None);
        for part in inner.split(',') {
            let (key, value) = part.split_once(':')?;
            let key = key.trim().trim_matches('"');
            let value = value.trim();
            match key {
                "user" => user = Some(value.strip_prefix('"')?.strip_suffix('"')?.to_string()),
                "issued" => issued = value.parse().ok(),
                "expires" => expires = value.parse().ok(),
                _ => {}
            }
        }
        Some(Claims {
            user: user?,
            issued: issued?,
            expires: expires?,
        })
    }
}

/// Why the server would not take a signed cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenRejection {
    /// Not `payload.signature`, or a payload that is not the server's JSON.
    Malformed,
    /// The signature does not match the payload: it was changed.
    SignatureMismatch,
    /// The expiry written inside it has passed.
    Expired,
    /// It is on the server's denylist: it was logged out.
    Revoked,
}

/// The keyed hash that signs `payload`: it stands in for HMAC-SHA256
/// (what Rails, itsdangerous and JWT's HS256 use). Two FNV-1a passes over
/// the secret and the payload keep it small, deterministic and the same
/// natively and in WebAssembly; it is not cryptographic, but the lesson
/// only needs what HMAC guarantees: without the secret, no matching
/// signature for a changed payload.
pub fn signature(payload: &str) -> String {
    let inner = fnv1a_64(format!("{SECRET}|{payload}").as_bytes());
    let outer = fnv1a_64(format!("{SECRET}|{inner:016x}|{payload}").as_bytes());
    let mut bytes = inner.to_be_bytes().to_vec();
    bytes.extend_from_slice(&outer.to_be_bytes());
    base64url_encode(&bytes)
}

/// The cookie value for `claims`.
pub fn encode(claims: &Claims) -> String {
    let payload = base64url_encode(claims.json().as_bytes());
    let sig = signature(&payload);
    format!("{payload}.{sig}")
}

/// What anyone holding the cookie reads: the payload, decoded, with no key
/// at all. `None` when the value is not `payload.signature` (a random
/// session ID, say).
pub fn read_payload(value: &str) -> Option<String> {
    let (payload, _) = value.split_once('.')?;
    String::from_utf8(base64url_decode(payload)?).ok()
}

/// `value` with its payload rewritten to name `user`, keeping the old
/// signature: what someone without the secret can do.
pub fn tamper(value: &str, user: &str) -> Option<String> {
    let (_, sig) = value.split_once('.')?;
    let mut claims = Claims::parse(&read_payload(value)?)?;
    claims.user = user.to_string();
    Some(format!(
        "{}.{sig}",
        base64url_encode(claims.json().as_bytes())
    ))
}

/// The server's checks, in its order: the shape, the signature, the
/// expiry, then (with a denylist) the denylist.
pub fn verify(
    value: &str,
    now_secs: i64,
    revoked: Option<&dyn Fn(&str) -> bool>,
) -> Result<Claims, TokenRejection> {
    let (payload, sig) = value.split_once('.').ok_or(TokenRejection::Malformed)?;
    if signature(payload) != sig {
        return Err(TokenRejection::SignatureMismatch);
    }
    let claims = base64url_decode(payload)
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|j| Claims::parse(&j))
        .ok_or(TokenRejection::Malformed)?;
    if claims.expires <= now_secs {
        return Err(TokenRejection::Expired);
    }
    if revoked.is_some_and(|r| r(sig)) {
        return Err(TokenRejection::Revoked);
    }
    Ok(claims)
}

/// The signature part of a cookie value: what the denylist keeps.
pub fn signature_of(value: &str) -> &str {
    value.split_once('.').map_or(value, |(_, s)| s)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648, section 5), as JWTs write it.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes [`base64url_encode`]'s output; `None` on any other character.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)?;
        acc = (acc << 6) | u32::try_from(v).ok()?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            user: "alice".into(),
            issued: 1_700_000_000,
            expires: 1_700_000_300,
        }
    }

    #[test]
    fn base64url_round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "{\"user\":\"alice\"}"] {
            let e = base64url_encode(s.as_bytes());
            assert!(!e.contains('='));
            assert_eq!(base64url_decode(&e).unwrap(), s.as_bytes());
        }
        assert_eq!(base64url_encode(b"hello"), "aGVsbG8");
    }

    #[test]
    fn a_signed_cookie_verifies_and_reads_without_a_key() {
        let v = encode(&claims());
        assert_eq!(verify(&v, 1_700_000_100, None), Ok(claims()));
        assert_eq!(read_payload(&v), Some(claims().json()));
    }

    #[test]
    fn tampering_expiry_and_denylist_are_refused() {
        let v = encode(&claims());
        let forged = tamper(&v, "mallory").unwrap();
        assert!(read_payload(&forged).unwrap().contains("mallory"));
        assert_eq!(
            verify(&forged, 1_700_000_100, None),
            Err(TokenRejection::SignatureMismatch)
        );
        assert_eq!(
            verify(&v, 1_700_000_300, None),
            Err(TokenRejection::Expired)
        );
        let sig = signature_of(&v).to_string();
        let denied = move |s: &str| s == sig;
        assert_eq!(
            verify(&v, 1_700_000_100, Some(&denied)),
            Err(TokenRejection::Revoked)
        );
        assert_eq!(
            verify("0123abcd", 1_700_000_100, None),
            Err(TokenRejection::Malformed)
        );
    }
}
