//! How a server reads the `Cookie` request header: `a=1; b=2`, in the order
//! the browser sent them. Servers (PHP, Express, Django) take the first
//! cookie of a name, which is what makes cookie tossing with a more specific
//! `Path` work.

/// The `name=value` pairs of a `Cookie` header, in order.
pub fn parse(header: &str) -> Vec<(String, String)> {
    header
        .split(';')
        .filter_map(|part| {
            let part = part.trim();
            if part.is_empty() {
                return None;
            }
            match part.split_once('=') {
                Some((n, v)) => Some((n.trim().to_string(), v.trim().to_string())),
                None => Some((String::new(), part.to_string())),
            }
        })
        .collect()
}

/// The first value sent for `name`.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_of_a_name_wins() {
        let pairs = parse("sessionid=planted; theme=dark; sessionid=real");
        assert_eq!(first(&pairs, "sessionid"), Some("planted"));
        assert_eq!(first(&pairs, "theme"), Some("dark"));
        assert_eq!(first(&pairs, "role"), None);
    }
}
