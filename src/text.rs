//! Messages are built by concatenation ([`text!`](crate::text!)) rather than `format!`: the
//! formatting machinery (`core::fmt` with its padding, width and integer code) would otherwise be
//! linked into the wasm for a handful of messages.

pub use crate::prelude::String;

/// A piece of a message.
pub trait Piece {
    /// Appends the piece to `out`.
    fn append(&self, out: &mut String);
}

impl Piece for str {
    fn append(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn append(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn append(&self, out: &mut String) {
        (**self).append(out);
    }
}

macro_rules! unsigned_pieces {
    ($($ty:ty),*) => {$(
        impl Piece for $ty {
            fn append(&self, out: &mut String) {
                decimal(out, false, *self as u64);
            }
        }
    )*};
}

unsigned_pieces!(u16, u32, u64, usize);

impl Piece for i64 {
    fn append(&self, out: &mut String) {
        decimal(out, *self < 0, self.unsigned_abs());
    }
}

/// Appends a number in decimal: its sign and magnitude.
pub fn decimal(out: &mut String, negative: bool, magnitude: u64) {
    if negative {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[at..].iter().for_each(|&digit| out.push(char::from(digit)));
}

/// `items` separated by `separator` (one function for every list, instead of `join`'s copies).
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut out = String::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out
}

/// Whether `a` and `b` are the same text, at compile time (`==` on `str` is not `const`): the
/// method `make size` leaves out, a form's fields against its params' keys.
pub const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Concatenates pieces (strings and integers): `text!("`", field, "` is required")`.
#[macro_export]
macro_rules! text {
    ($($piece:expr),* $(,)?) => {{
        let mut out = $crate::text::String::new();
        $($crate::text::Piece::append(&$piece, &mut out);)*
        out
    }};
}

#[cfg(test)]
mod tests {
    #[test]
    fn pieces_join() {
        let field = "code";
        let owned = String::from("!");
        assert_eq!(crate::text!("`", field, "` is ", 0u32, " or ", -12i64, owned), "`code` is 0 or -12!");
        assert_eq!(crate::text!(u64::MAX, " ", i64::MIN), "18446744073709551615 -9223372036854775808");
    }
}
