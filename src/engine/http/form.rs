//! `application/x-www-form-urlencoded`: the encoding of HTML form bodies and
//! URL queries (`to=mallory&amount=500`).
//!
//! Decoding never fails: a stray `%` or invalid UTF-8 is kept as it came,
//! because a server has to answer whatever a client sends.

/// Percent-encodes a form value: letters, digits and `-._~*` stay, a space
/// becomes `+`, every other byte becomes `%XX`.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'*' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes one percent-encoded component; `+` is a space.
pub fn decode(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (
                bytes.get(i + 1).and_then(|h| hex_value(*h)),
                bytes.get(i + 2).and_then(|l| hex_value(*l)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Encodes name/value pairs as `a=1&b=2`.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Decodes `a=1&b=2` into pairs, in order; a part without `=` has an empty value.
pub fn decode_pairs(encoded: &str) -> Vec<(String, String)> {
    encoded
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(part), String::new()),
        })
        .collect()
}

/// The first value named `name`, if any.
pub fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_script() {
        let script = "<script>alert('x')</script> & more";
        assert_eq!(decode(&encode(script)), script);
    }

    #[test]
    fn bad_escapes_are_kept() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz+a"), "%zz a");
    }

    #[test]
    fn pairs() {
        let p = decode_pairs("to=mallory&amount=500&flag");
        assert_eq!(lookup(&p, "amount"), Some("500"));
        assert_eq!(lookup(&p, "flag"), Some(""));
        assert_eq!(lookup(&p, "nope"), None);
    }
}
