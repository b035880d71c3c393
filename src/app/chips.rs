//! `Set-Cookie` attributes as chips that explain themselves.
//!
//! This splits a header line only to label its parts for students; whether
//! the browser stores the cookie, and how, is decided by the engine's jar.

/// One chip: the attribute as written, and what it asks the browser to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub text: String,
    pub explanation: String,
}

/// The chips of a `Set-Cookie` value (without the header name): the
/// name=value pair first, then each attribute.
pub fn set_cookie_chips(line: &str) -> Vec<Chip> {
    let mut parts = line.split(';').map(str::trim).filter(|p| !p.is_empty());
    let mut chips = Vec::new();
    if let Some(pair) = parts.next() {
        let name = pair.split('=').next().unwrap_or_default();
        let explanation = if name.starts_with("__Host-") {
            "The __Host- prefix: the browser accepts this cookie only with Secure, Path=/ and no Domain."
        } else if name.starts_with("__Secure-") {
            "The __Secure- prefix: the browser accepts this cookie only with Secure, from an HTTPS page."
        } else {
            "The cookie's name and value: the browser sends them back as they are."
        };
        chips.push(Chip {
            text: pair.to_string(),
            explanation: explanation.to_string(),
        });
    }
    for attr in parts {
        let (key, value) = match attr.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (attr, ""),
        };
        let explanation = match key.to_ascii_lowercase().as_str() {
            "httponly" => "HttpOnly: scripts cannot read or change it through document.cookie.".to_string(),
            "secure" => "Secure: sent only over HTTPS, and not accepted from an http:// page.".to_string(),
            "samesite" => match value.to_ascii_lowercase().as_str() {
                "strict" => "SameSite=Strict: never sent with requests that another site starts.".to_string(),
                "lax" => "SameSite=Lax: sent when the user follows a link (or a GET form) to the site, not with other sites' POST forms, frames or images.".to_string(),
                "none" => "SameSite=None: sent with every request, from any site (needs Secure).".to_string(),
                _ => "SameSite with an unknown value: treated as if it were not set (Lax in Chromium-based browsers such as Chrome and Edge).".to_string(),
            },
            "path" => format!("Path={value}: sent only to URLs whose path starts with {value}."),
            "domain" => format!("Domain={value}: sent to {} and every subdomain of it.", value.trim_start_matches('.')),
            "max-age" => match value.parse::<i64>() {
                Ok(n) if n <= 0 => "Max-Age of zero or less: delete this cookie now.".to_string(),
                Ok(n) => format!("Max-Age={n}: kept for {n} seconds, even after the browser closes."),
                Err(_) => "Max-Age that is not a number: ignored.".to_string(),
            },
            "expires" => format!("Expires: kept until {value}, even after the browser closes (Max-Age wins if both are set)."),
            _ => format!("{key}: not an attribute browsers know; ignored."),
        };
        chips.push(Chip {
            text: attr.to_string(),
            explanation,
        });
    }
    chips
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_each_attribute() {
        let chips = set_cookie_chips("__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax");
        assert_eq!(chips.len(), 5);
        assert!(chips[0].explanation.contains("__Host-"));
        assert!(chips[3].explanation.starts_with("HttpOnly"));
        assert!(chips[4].explanation.contains("link"));
        assert!(set_cookie_chips("").is_empty());
    }
}
