//! Builds the JSON objects the wasm hands back to the JS facade.

use crate::prelude::*;

/// A JSON object under construction: `Writer::new().text("a", "b").finish()` is `{"a":"b"}`.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    fn key(&mut self, key: &str) -> &mut String {
        self.out.push(if self.out.is_empty() { '{' } else { ',' });
        quote(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    /// Adds a string member.
    pub fn text(mut self, key: &str, value: &str) -> Self {
        quote(self.key(key), value);
        self
    }

    /// Adds a string member if `value` is given.
    pub fn text_if(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.text(key, value),
            None => self,
        }
    }

    /// Adds an integer member.
    pub fn int(mut self, key: &str, value: i64) -> Self {
        crate::text::decimal(self.key(key), value < 0, value.unsigned_abs());
        self
    }

    /// Adds an integer member if `value` is given.
    pub fn int_if(self, key: &str, value: Option<i64>) -> Self {
        match value {
            Some(value) => self.int(key, value),
            None => self,
        }
    }

    /// Adds a boolean member.
    pub fn bool(mut self, key: &str, value: bool) -> Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// Adds a member whose value is already JSON text (a nested object, a caller's data).
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key).push_str(json);
        self
    }

    /// `text` as a JSON string.
    pub fn quoted(text: &str) -> String {
        let mut out = String::new();
        quote(&mut out, text);
        out
    }

    /// The object's text.
    pub fn finish(mut self) -> String {
        if self.out.is_empty() {
            self.out.push('{');
        }
        self.out.push('}');
        self.out
    }
}

/// Appends `text` as a JSON string. Escapes `<`, `>` and `&` too, harmlessly, so no output can
/// close a `<script>` if someone embeds it in a page.
fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(b"0123456789abcdef"[(u32::from(c) >> shift) as usize & 15]));
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Json};

    #[test]
    fn builds_objects_that_parse_back() {
        let text = Writer::new()
            .text("s", "a\"b\\c\n\u{1}<é😀")
            .int("n", -42)
            .bool("b", true)
            .raw("r", "[1]")
            .text_if("absent", None)
            .int_if("i", Some(7))
            .finish();
        let value = parse(&text).unwrap();
        assert_eq!(value.str_at("s"), Some("a\"b\\c\n\u{1}<é😀"));
        assert_eq!(value.get("n").and_then(Json::as_i64), Some(-42));
        assert_eq!(value.get("b"), Some(&Json::Bool(true)));
        assert_eq!(value.get("r"), Some(&Json::Array(vec![Json::Number("1".into())])));
        assert_eq!((value.get("absent"), value.get("i").and_then(Json::as_i64)), (None, Some(7)));
        assert_eq!(Writer::new().finish(), "{}");
    }
}
