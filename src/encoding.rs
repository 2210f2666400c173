//! The byte encodings the requests and states need: base64 (RFC 4648 §4, for Basic auth),
//! base64url without padding (§5, for PKCE and states), form encoding (the WHATWG
//! `application/x-www-form-urlencoded` serializer) and percent-encoding of one path segment.
//! A few lines each, instead of three crates' generic engines in the wasm.

use crate::prelude::*;

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        let symbols = chunk.len() + 1;
        for i in 0..4 {
            if i < symbols {
                out.push(char::from(alphabet[(group >> (18 - 6 * i) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    encode(bytes, STANDARD, true)
}

/// Base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    encode(bytes, URL_SAFE, false)
}

/// The inverse of [`base64url`]; `None` for anything else (padding, other characters, a length
/// no encoding has, or stray bits in the last symbol).
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut group = 0u32;
        for (i, &symbol) in chunk.iter().enumerate() {
            let value = URL_SAFE.iter().position(|&c| c == symbol)? as u32;
            group |= value << (18 - 6 * i);
        }
        let bytes = group.to_be_bytes();
        let kept = chunk.len() - 1;
        if bytes[1 + kept..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&bytes[1..=kept]);
    }
    Some(out)
}

/// A form body of the fields that are present, each name and value form-encoded.
pub fn form<'a>(fields: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let mut out = String::new();
    for (name, value) in fields {
        let Some(value) = value else { continue };
        if !out.is_empty() {
            out.push('&');
        }
        form_encode(&mut out, name);
        out.push('=');
        form_encode(&mut out, value);
    }
    out
}

fn form_encode(out: &mut String, text: &str) {
    let keep = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'*' | b'-' | b'.' | b'_');
    encode_into(out, text, keep, true);
}

/// `text` as one path segment: everything but RFC 3986's unreserved characters is encoded, so a
/// value can never add a segment, a query or a fragment.
pub fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let keep = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
    encode_into(&mut out, text, keep, false);
    out
}

/// Appends `text` with every byte but those `keep` accepts percent-encoded (a space as `+` in a
/// form). Runs of kept bytes, usually the whole text, are copied in one go.
fn encode_into(out: &mut String, text: &str, keep: fn(u8) -> bool, space_as_plus: bool) {
    let mut run = 0;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if keep(byte) {
            continue;
        }
        // Only kept (ASCII) bytes lie in `run..at`, so both ends are character boundaries.
        out.push_str(text.get(run..at).unwrap_or_default());
        if space_as_plus && byte == b' ' {
            out.push('+');
        } else {
            percent(out, byte);
        }
        run = at + 1;
    }
    out.push_str(text.get(run..).unwrap_or_default());
}

fn percent(out: &mut String, byte: u8) {
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 15)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
            let url = encoded.trim_end_matches('=');
            assert_eq!(base64url(plain.as_bytes()), url);
            assert_eq!(from_base64url(url).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn decoding_refuses_what_no_encoder_writes() {
        for bad in ["Zg==", "Z", "Zh", "Zm9", "a+b/", "Zm9v!", "Zm8x="] {
            assert_eq!(from_base64url(bad), None, "{bad}");
        }
        assert_eq!(from_base64url("Zm8"), Some(b"fo".to_vec()));
    }

    #[test]
    fn form_and_path_encoding() {
        assert_eq!(
            form([("code", Some("a b&c=d")), ("skip", None), ("x", Some("é/?*~"))]),
            "code=a+b%26c%3Dd&x=%C3%A9%2F%3F*%7E"
        );
        assert_eq!(path_segment("member-test-1_a.b~c"), "member-test-1_a.b~c");
        assert_eq!(path_segment("../x/y?z#w %"), "..%2Fx%2Fy%3Fz%23w%20%25");
        assert_eq!(path_segment("ü"), "%C3%BC");
    }
}
