//! [`HttpRequest`] and [`HttpResponse`], and their HTTP/1.1 wire format: the
//! exact bytes a sniffer on plain `http://` reads.

use super::Method;
use crate::engine::url::Url;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// A request as the browser (or the attacker's script) sends it. The `Host`
/// header comes from the URL; `headers` holds the others in sending order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: Method,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpRequest {
    pub fn new(method: Method, url: Url) -> Self {
        HttpRequest {
            method,
            url,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    /// Adds a header and returns the request, for building.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The request in HTTP/1.1 wire format: request line, `Host`, the other
    /// headers, a blank line, the body.
    pub fn to_wire(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "{} {} HTTP/1.1\r\nHost: {}\r\n",
            self.method,
            self.url.path_and_query(),
            host_header(&self.url)
        );
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {value}\r\n");
        }
        if !self.body.is_empty() {
            let _ = write!(out, "Content-Length: {}\r\n", self.body.len());
        }
        out.push_str("\r\n");
        out.push_str(&self.body);
        out
    }
}

/// A status code and its reason phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusCode {
    Ok,
    MovedPermanently,
    Found,
    SeeOther,
    TemporaryRedirect,
    BadRequest,
    Forbidden,
    NotFound,
    TooManyRequests,
}

impl StatusCode {
    pub fn code(self) -> u16 {
        match self {
            StatusCode::Ok => 200,
            StatusCode::MovedPermanently => 301,
            StatusCode::Found => 302,
            StatusCode::SeeOther => 303,
            StatusCode::TemporaryRedirect => 307,
            StatusCode::BadRequest => 400,
            StatusCode::Forbidden => 403,
            StatusCode::NotFound => 404,
            StatusCode::TooManyRequests => 429,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            StatusCode::Ok => "OK",
            StatusCode::MovedPermanently => "Moved Permanently",
            StatusCode::Found => "Found",
            StatusCode::SeeOther => "See Other",
            StatusCode::TemporaryRedirect => "Temporary Redirect",
            StatusCode::BadRequest => "Bad Request",
            StatusCode::Forbidden => "Forbidden",
            StatusCode::NotFound => "Not Found",
            StatusCode::TooManyRequests => "Too Many Requests",
        }
    }

    pub fn is_redirect(self) -> bool {
        matches!(
            self,
            StatusCode::MovedPermanently
                | StatusCode::Found
                | StatusCode::SeeOther
                | StatusCode::TemporaryRedirect
        )
    }
}

/// A response as a server sends it. `Set-Cookie` lines are plain header
/// strings: the browser's jar decides what becomes of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: StatusCode) -> Self {
        HttpResponse {
            status: status.code(),
            reason: status.reason().to_string(),
            headers: Vec::new(),
            body: String::new(),
        }
    }

    /// A `200 OK` HTML page.
    pub fn html(body: String) -> Self {
        let mut r = HttpResponse::new(StatusCode::Ok);
        r.headers
            .push(("Content-Type".into(), "text/html; charset=utf-8".into()));
        r.body = body;
        r
    }

    /// A redirect to `location` (a path or an absolute URL).
    pub fn redirect(status: StatusCode, location: &str) -> Self {
        let mut r = HttpResponse::new(status);
        r.headers.push(("Location".into(), location.to_string()));
        r
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn push_header(&mut self, name: &str, value: String) {
        self.headers.push((name.to_string(), value));
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Every `Set-Cookie` line, in order, for the browser's jar.
    pub fn set_cookie_lines(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    /// The response in HTTP/1.1 wire format: status line, headers, a blank
    /// line, the body.
    pub fn to_wire(&self) -> String {
        let mut out = String::new();
        let _ = write!(out, "HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {value}\r\n");
        }
        let _ = write!(out, "Content-Length: {}\r\n\r\n", self.body.len());
        out.push_str(&self.body);
        out
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn host_header(url: &Url) -> String {
    match url.port() {
        Some(p) => format!("{}:{p}", url.host()),
        None => url.host().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_wire_format() {
        let url = Url::parse("http://shop.example/login").expect("valid test URL");
        let mut req = HttpRequest::new(Method::Post, url).with_header("Cookie", "sessionid=abc");
        req.body = "user=alice".into();
        assert_eq!(
            req.to_wire(),
            "POST /login HTTP/1.1\r\nHost: shop.example\r\nCookie: sessionid=abc\r\nContent-Length: 10\r\n\r\nuser=alice"
        );
    }

    #[test]
    fn response_wire_format() {
        let r = HttpResponse::redirect(StatusCode::SeeOther, "/account")
            .with_header("Set-Cookie", "sessionid=abc; HttpOnly");
        assert_eq!(
            r.set_cookie_lines(),
            vec!["sessionid=abc; HttpOnly".to_string()]
        );
        assert!(r
            .to_wire()
            .starts_with("HTTP/1.1 303 See Other\r\nLocation: /account\r\n"));
    }
}
