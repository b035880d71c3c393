//! Just enough HTML reading for the simulated browser: the forms of a page
//! (to submit them with their hidden fields) and its `<script>` elements.
//! Pages come from the simulated shop and the attacker, so a small scanner
//! that understands what they write is enough; anything else is ignored.

/// A `<form>` of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub id: Option<String>,
    pub method: String,
    pub action: String,
    /// `(name, value)` of every `<input>` with a `value` attribute.
    pub fields: Vec<(String, String)>,
}

/// The value of attribute `name` in a tag's text (`<input name="x" ...>`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let rest = tag.get(start..)?;
    let end = rest.find('"')?;
    rest.get(..end).map(unescape)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every form on the page.
pub fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<form") {
        let Some(after) = rest.get(start..) else {
            break;
        };
        let end = after.find("</form>").unwrap_or(after.len());
        let Some(body) = after.get(..end) else { break };
        let open_end = body.find('>').unwrap_or(body.len());
        let open = body.get(..open_end).unwrap_or("");
        let mut fields = Vec::new();
        let mut inputs = body;
        while let Some(i) = inputs.find("<input") {
            let Some(tag_rest) = inputs.get(i..) else {
                break;
            };
            let tag_end = tag_rest.find('>').unwrap_or(tag_rest.len());
            let tag = tag_rest.get(..tag_end).unwrap_or("");
            if let (Some(n), Some(v)) = (attribute(tag, "name"), attribute(tag, "value")) {
                fields.push((n, v));
            }
            inputs = tag_rest.get(tag_end..).unwrap_or("");
        }
        out.push(Form {
            id: attribute(open, "id"),
            method: attribute(open, "method").unwrap_or_else(|| "get".into()),
            action: attribute(open, "action").unwrap_or_default(),
            fields,
        });
        rest = after.get(end..).unwrap_or("");
        if end == after.len() {
            break;
        }
    }
    out
}

/// The text of every `<script>` element, in page order.
pub fn scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script>") {
        let Some(after) = rest.get(start + "<script>".len()..) else {
            break;
        };
        let Some(end) = after.find("</script>") else {
            break;
        };
        if let Some(code) = after.get(..end) {
            out.push(code.to_string());
        }
        rest = after.get(end..).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hidden_fields() {
        let html = "<p>x</p><form method=\"post\" action=\"/transfer\"><input type=\"hidden\" name=\"csrf\" value=\"abc\"><input name=\"to\"></form>";
        let f = forms(html);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].action, "/transfer");
        assert_eq!(f[0].fields, vec![("csrf".to_string(), "abc".to_string())]);
    }

    #[test]
    fn finds_scripts_but_not_escaped_ones() {
        assert_eq!(
            scripts("<p><script>a()</script></p>"),
            vec!["a()".to_string()]
        );
        assert!(scripts("&lt;script&gt;a()&lt;/script&gt;").is_empty());
    }
}
