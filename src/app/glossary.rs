//! Every term a student meets in a message, a table heading or a reason
//! badge, explained in one line, with where to read more.
//!
//! Static text in the module's data: it costs the first view no code and
//! no work, only its bytes. A term on the page is a button
//! (`views::term::term`) that names its entry here by `word`; the card
//! that opens (`views::term::TermCard`) reads it from here.

/// One entry: the word as the page shows it, what it means, and a reference.
#[derive(Debug, PartialEq, Eq)]
pub struct Term {
    pub word: &'static str,
    pub says: &'static str,
    pub more: &'static str,
}

impl Term {
    /// The reference's publisher, for the link's words.
    pub fn source(&self) -> &'static str {
        if self.more.contains("mozilla.org") {
            "MDN"
        } else if self.more.contains("owasp.org") {
            "OWASP cheat sheet"
        } else {
            "the standard"
        }
    }
}

const fn t(word: &'static str, says: &'static str, more: &'static str) -> Term {
    Term { word, says, more }
}

/// The entries. Status codes are named by their number, headers and
/// attributes as they are written on the wire.
pub const TERMS: &[Term] = &[
    t("Cookie", "The request header in which the browser sends back the cookies it holds for this site, as name=value pairs, without their attributes.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cookie"),
    t("Set-Cookie", "The response header asking the browser to store a cookie; its attributes say where and how long it is sent back. The browser may refuse it.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie"),
    t("Location", "Where a redirect (3xx) sends the browser next.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Location"),
    t("Host", "The site a request is for: one server can serve many host names.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Host"),
    t("Origin", "The scheme, host and port of the page that sent a request. A server can refuse state-changing requests from other origins.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Origin"),
    t("Referer", "The page a request came from; browsers may shorten it to the origin or leave it out.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referer"),
    t("Sec-Fetch-Site", "Set by the browser, never by a page: same-origin, same-site, cross-site or none (typed). A server can refuse cross-site requests that change state.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Fetch-Site"),
    t("Sec-Fetch-Mode", "Set by the browser: navigate for a page the user opens, cors or no-cors for a script's request.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Fetch-Mode"),
    t("Sec-Fetch-Dest", "Set by the browser: what the response is for (document, image, script, empty for a fetch).", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Fetch-Dest"),
    t("Sec-Fetch-User", "Set by the browser to ?1 when the user's own click or key started a navigation.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Fetch-User"),
    t("Content-Type", "What the body is: a form's fields (application/x-www-form-urlencoded), a page (text/html), JSON.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Type"),
    t("Content-Length", "The body's size in bytes.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Length"),
    t("User-Agent", "The browser's name and version. Anyone can send any value: binding a session to it stops only a careless attacker.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/User-Agent"),
    t("Strict-Transport-Security", "HSTS: for max-age seconds this browser turns every http:// address of the site into https:// before sending anything.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security"),
    t("GET", "A request to read a page. It should change nothing, which is why SameSite=Lax still lets cookies ride on a link from another site.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Methods/GET"),
    t("POST", "A request that sends data to change something (log in, transfer money). Another site's page can make the browser send one: the root of CSRF.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Methods/POST"),
    t("200", "OK: here is what you asked for.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/200"),
    t("301", "Moved Permanently: go to the Location, now and from now on.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/301"),
    t("302", "Found: go to the Location this time.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/302"),
    t("303", "See Other: the form was handled; load the Location with a GET (so reloading the page does not send the form again).", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/303"),
    t("307", "Temporary Redirect: repeat the same request, same method and body, at the Location (how the browser upgrades http:// to https:// for HSTS).", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/307"),
    t("400", "Bad Request: the server could not make sense of the request.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/400"),
    t("403", "Forbidden: the server understood and refuses, for example a request without a valid CSRF token.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/403"),
    t("404", "Not Found: nothing at this address.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/404"),
    t("429", "Too Many Requests: the server is limiting how fast this client may try (it slows down guessing).", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/429"),
    t("HttpOnly", "Scripts in the page cannot read or change this cookie through document.cookie; the browser still sends it with every request.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#block_access_to_your_cookies"),
    t("Secure", "Sent only over HTTPS, and not accepted from an http:// page. It does not stop a server's Set-Cookie from crossing an http:// connection in clear.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#block_access_to_your_cookies"),
    t("SameSite", "Whether the cookie rides on requests another site starts: Strict never, Lax only on top-level GET navigations, None always (with Secure). Without it, Chromium treats the cookie as Lax, except for a top-level POST within two minutes of its setting.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value"),
    t("Domain", "Which hosts receive the cookie. Without it, only the host that set it; with it, that domain and all its subdomains.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#domaindomain-value"),
    t("Path", "The cookie is sent only to addresses whose path starts with this. It is not a security boundary: a page on another path of the same site can still read it.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#pathpath-value"),
    t("Expires", "When the browser deletes the cookie (Max-Age, in seconds, wins when both are given). Without either, the cookie lasts until the browser closes: a session cookie.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#expiresdate"),
    t("Max-Age", "How many seconds the browser keeps the cookie; zero or less deletes it now.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#max-agenumber"),
    t("Cookie prefixes", "A name that starts with __Secure- is accepted only with Secure from an HTTPS page; __Host- also needs Path=/ and no Domain, so no other host can set or shadow it.", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#cookie_prefixes"),
    t("Third-party cookies", "Cookies of a site other than the one in the address bar, sent with its images, frames and scripts; they may be blocked.", "https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies"),
    t("Size", "The cookie's name and value in bytes. A browser refuses a cookie over 4096 bytes: a server session has no such limit.", "https://www.rfc-editor.org/rfc/rfc6265#section-6.1"),
    t("Created", "When the server started this session.", "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration"),
    t("Last seen", "The last request that used this session: the idle timeout counts from here, the absolute timeout from its creation.", "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#idle-timeout"),
    t("Bound to", "What else the server checks besides the ID (an IP address, a browser's signature): a request that does not match is refused.", "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#binding-the-session-id-to-other-user-properties"),
];

/// The entry for a word as the page shows it (case does not matter).
pub fn find(word: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.word.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once_and_every_reference_https() {
        for (i, t) in TERMS.iter().enumerate() {
            assert_eq!(
                find(t.word).map(|f| f.word),
                Some(t.word),
                "{} is not found first",
                t.word
            );
            assert!(
                TERMS[..i]
                    .iter()
                    .all(|o| !o.word.eq_ignore_ascii_case(t.word)),
                "{} twice",
                t.word
            );
            assert!(t.more.starts_with("https://"), "{}", t.word);
            assert!(t.says.ends_with('.') && !t.says.is_empty(), "{}", t.word);
        }
    }
}
