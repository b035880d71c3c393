//! HTTP requests and responses as the simulated parties exchange them, and
//! their HTTP/1.1 wire format.
//!
//! - [`message`]: [`HttpRequest`], [`HttpResponse`] and `to_wire()`.
//! - [`form`]: `application/x-www-form-urlencoded` bodies and queries.
//! - [`cookie_header`]: how a server reads the `Cookie` request header.

pub mod cookie_header;
pub mod form;
pub mod message;

pub use message::{HttpRequest, HttpResponse, StatusCode};

use serde::{Deserialize, Serialize};
use std::fmt;

/// A request method. Whether it is "safe" decides `SameSite=Lax` for
/// cross-site top-level navigations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Delete,
}

impl Method {
    /// GET and HEAD are "safe" methods in RFC 9110's sense: a Lax cookie
    /// travels with a cross-site top-level navigation only if it is safe.
    pub fn is_safe(self) -> bool {
        matches!(self, Method::Get | Method::Head)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
