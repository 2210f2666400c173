//! RFC 8259 JSON text into [`Json`], with a nesting limit so no input can exhaust the stack.

use super::Json;
use crate::prelude::*;
use alloc::borrow::Cow;

/// Deeper nesting than this is refused: no provider answer or params object comes near it, and
/// recursion must stay bounded (a stack overflow would trap the wasm instance).
const MAX_DEPTH: usize = 64;

/// Why a text is not JSON we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON (or nested deeper than the limit).
    Syntax,
    /// A `\uD800`-style escape with no partner: text that is not well-formed Unicode.
    LoneSurrogate,
}

/// Parses a whole JSON text.
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    let mut parser = Parser { bytes: text.as_bytes(), text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at == parser.bytes.len() {
        Ok(value)
    } else {
        Err(ParseError::Syntax)
    }
}

/// The text of member `key` of the object `text`, as written (the last one, if repeated): a
/// signed state hands its caller's data back exactly as signed.
pub fn member_text<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut parser = Parser { bytes: text.as_bytes(), text, at: 0 };
    let mut found = None;
    parser
        .sequence(b'{', b'}', |parser| {
            parser.skip_whitespace();
            let name = parser.string()?;
            parser.expect(b':')?;
            parser.skip_whitespace();
            let start = parser.at;
            parser.value(1)?;
            if name == key {
                found = Some(parser.slice(start));
            }
            Ok(())
        })
        .ok()?;
    found
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    #[inline(always)] // the hot path of every parse; opt-level "z" would not inline it
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The text from `start` to here (always on character boundaries: both are positions of
    /// ASCII bytes or the ends); `get` rather than indexing keeps panic paths out of the wasm.
    fn slice(&self, start: usize) -> &'a str {
        self.text.get(start..self.at).unwrap_or_default()
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ParseError> {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(ParseError::Syntax)
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(ParseError::Syntax)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError::Syntax);
        }
        self.skip_whitespace();
        match self.peek().ok_or(ParseError::Syntax)? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            _ => self.number(),
        }
    }

    /// Runs `item` for each element between `open` and `close`, separated by commas.
    fn sequence(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        self.expect(open)?;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(byte) if byte == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(ParseError::Syntax),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        let mut members = Vec::new();
        self.sequence(b'{', b'}', |parser| {
            parser.skip_whitespace();
            let key = parser.string()?;
            parser.expect(b':')?;
            members.push((key, parser.value(depth + 1)?));
            Ok(())
        })?;
        Ok(Json::Object(members))
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        let mut items = Vec::new();
        self.sequence(b'[', b']', |parser| {
            items.push(parser.value(depth + 1)?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(ParseError::Syntax),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(Json::Number(Cow::Borrowed(self.slice(start))))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), ParseError> {
        let start = self.at;
        self.digits();
        if self.at == start {
            Err(ParseError::Syntax)
        } else {
            Ok(())
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        if self.peek() != Some(b'"') {
            return Err(ParseError::Syntax);
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            if out.is_empty() {
                // Most strings have no escape: borrowed from the text, no allocation.
                let start = self.at;
                while matches!(self.peek(), Some(byte) if byte != b'"' && byte != b'\\' && byte >= 0x20) {
                    self.at += 1;
                }
                if self.peek() == Some(b'"') {
                    self.at += 1;
                    return Ok(Cow::Borrowed(self.text.get(start..self.at - 1).unwrap_or_default()));
                }
                self.at = start;
            }
            // Copy the run of plain characters in one go (the input is already valid UTF-8).
            let start = self.at;
            while matches!(self.peek(), Some(byte) if byte != b'"' && byte != b'\\' && byte >= 0x20) {
                self.at += 1;
            }
            out.push_str(self.slice(start));
            match self.peek().ok_or(ParseError::Syntax)? {
                b'"' => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                _ => return Err(ParseError::Syntax), // a raw control character
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let byte = self.peek().ok_or(ParseError::Syntax)?;
        self.at += 1;
        let plain = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(ParseError::Syntax),
        };
        out.push(plain);
        Ok(())
    }

    fn unicode_escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let unit = self.hex4()?;
        let code = match unit {
            0xD800..=0xDBFF => {
                if !self.bytes[self.at..].starts_with(b"\\u") {
                    return Err(ParseError::LoneSurrogate);
                }
                self.at += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(ParseError::LoneSurrogate);
                }
                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(ParseError::LoneSurrogate),
            _ => unit,
        };
        out.push(char::from_u32(code).ok_or(ParseError::Syntax)?);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(ParseError::Syntax)?;
        let mut value = 0;
        for &digit in digits {
            value = value * 16 + char::from(digit).to_digit(16).ok_or(ParseError::Syntax)?;
        }
        self.at += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object<'a>(members: &[(&'a str, Json<'a>)]) -> Json<'a> {
        Json::Object(members.iter().map(|(key, value)| (Cow::Borrowed(*key), value.clone())).collect())
    }

    #[test]
    fn parses_every_kind_of_value() {
        let value = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "": ""} "#).unwrap();
        let numbers = ["1", "-2.5e3"].map(|n| Json::Number(n.into()));
        let expected = object(&[
            (
                "a",
                Json::Array(vec![
                    numbers[0].clone(),
                    numbers[1].clone(),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null,
                ]),
            ),
            ("b", object(&[("c", Json::String("d".into()))])),
            ("", Json::String(Cow::Borrowed(""))),
        ]);
        assert_eq!(value, expected);
    }

    #[test]
    fn unescapes_strings() {
        let value = parse(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00é""#).unwrap();
        assert_eq!(value, Json::String("a\"b\\c/d\u{8}\u{c}\n\r\t\u{e9}\u{1F600}é".into()));
    }

    #[test]
    fn lone_surrogates_are_their_own_error() {
        for text in [r#""\ud800""#, r#""\ud800x""#, r#""\udc00""#, r#""\ud800\u0041""#] {
            assert_eq!(parse(text), Err(ParseError::LoneSurrogate), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_json() {
        for text in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a",
            "\"\u{1}\"",
            "[1 2]",
            "{\"a\" 1}",
            "1 2",
            "NaN",
            "'a'",
        ] {
            assert_eq!(parse(text), Err(ParseError::Syntax), "{text:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH + 1)).is_ok());
        assert_eq!(parse(&deep(MAX_DEPTH + 2)), Err(ParseError::Syntax));
        assert_eq!(parse(&"[".repeat(100_000)), Err(ParseError::Syntax));
    }
}
