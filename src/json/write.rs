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
        if self.out.is_empty() {
            self.out.reserve(512); // a request's JSON fits: no regrowing it member by member
        }
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

/// Appends `text` as a JSON string, copying runs of plain bytes whole. Escapes `<`, `>` and `&`
/// too, harmlessly, so no output can close a `<script>` if someone embeds it in a page, and
/// U+2028/U+2029, which old JS parsers took for line ends.
fn quote(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f | b'<' | b'>' | b'&' => "",
            // Only 0xE2 can start U+2028/U+2029: the lookahead is paid for no other byte.
            0xE2 if bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) => "",
            _ => continue,
        };
        let separator = byte == 0xE2;
        out.push_str(text.get(run..at).unwrap_or_default());
        if escape.is_empty() {
            let code = if separator {
                0x2000 + u32::from(bytes.get(at + 2).copied().unwrap_or(0xA8)) - 0x80
            } else {
                u32::from(byte)
            };
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(char::from(b"0123456789abcdef"[(code >> shift) as usize & 15]));
            }
            run = at + if separator { 3 } else { 1 };
        } else {
            out.push_str(escape);
            run = at + 1;
        }
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Json};

    #[test]
    fn builds_objects_that_parse_back() {
        let text = Writer::new()
            .text("s", "a\"b\\c\n\u{1}<é😀\u{2028}x\u{2029}")
            .int("n", -42)
            .bool("b", true)
            .raw("r", "[1]")
            .text_if("absent", None)
            .int_if("i", Some(7))
            .finish();
        let value = parse(&text).unwrap();
        assert_eq!(value.str_at("s"), Some("a\"b\\c\n\u{1}<é😀\u{2028}x\u{2029}"));
        assert!(text.contains("\\u2028x\\u2029") && text.contains("\\u003c"), "{text}");
        assert_eq!(value.get("n").and_then(Json::as_i64), Some(-42));
        assert_eq!(value.get("b"), Some(&Json::Bool(true)));
        assert_eq!(value.get("r"), Some(&Json::Array(vec![Json::Number("1".into())])));
        assert_eq!((value.get("absent"), value.get("i").and_then(Json::as_i64)), (None, Some(7)));
        assert_eq!(Writer::new().finish(), "{}");
    }
}
