//! The `#[tsify]` attributes a field's Rust type already says, added by the macros that declare
//! params and views, so that a field's own attributes say only what its type cannot (`"true"`,
//! `string | string[]`, `never`, `AbortSignal`, ...).

/// Gives each field of a [`params!`](crate::params!) or [`view!`](crate::view!) struct the
/// tsify attributes its type implies, then hands the fields on as
/// `$crate::$then! { $head { fields } }`, each field as `#[attr]* pub name: Type (as "js")?,`:
///
/// - `Option<T>` is `optional`: the key may be absent, and is declared `key?: T` (tsify alone
///   says `key: T | null`);
/// - `Secret` is `type = "string"` and `HttpStatus` is `type = "number"` (tsify alone would name
///   the Rust newtype, which TypeScript does not know).
///
/// tsify reads a field's type from its tokens, and a `macro_rules!` macro cannot look inside a
/// type once captured as `$ty:ty`, so each field's type tokens are matched before they are
/// captured, one field at a time (a tt-muncher). The newtypes are matched by name: write
/// `Secret`, not a path to it. An attribute that restates one of these fails to compile
/// (tsify: "duplicate attribute").
#[macro_export]
macro_rules! tsify_fields {
    // `Option<T>` is optional; then look inside it for a newtype.
    (@option $then:ident $head:tt $done:tt [$($attrs:tt)*] $field:ident Option < $($rest:tt)*) => {
        $crate::tsify_fields! {
            @newtype $then $head $done [$($attrs)* #[cfg_attr(feature = "typescript", tsify(optional))]] $field
            [Option <] $($rest)*
        }
    };
    (@option $then:ident $head:tt $done:tt $attrs:tt $field:ident $($rest:tt)*) => {
        $crate::tsify_fields! { @newtype $then $head $done $attrs $field [] $($rest)* }
    };
    // A newtype of a JS primitive is that primitive; `$outer` is `Option <` or nothing.
    (@newtype $then:ident $head:tt $done:tt [$($attrs:tt)*] $field:ident [$($outer:tt)*] Secret $($rest:tt)*) => {
        $crate::tsify_fields! {
            @push $then $head $done [$($attrs)* #[cfg_attr(feature = "typescript", tsify(type = "string"))]] $field
            $($outer)* Secret $($rest)*
        }
    };
    (@newtype $then:ident $head:tt $done:tt [$($attrs:tt)*] $field:ident [$($outer:tt)*] HttpStatus $($rest:tt)*) => {
        $crate::tsify_fields! {
            @push $then $head $done [$($attrs)* #[cfg_attr(feature = "typescript", tsify(type = "number"))]] $field
            $($outer)* HttpStatus $($rest)*
        }
    };
    (@newtype $then:ident $head:tt $done:tt $attrs:tt $field:ident [$($outer:tt)*] $($rest:tt)*) => {
        $crate::tsify_fields! { @push $then $head $done $attrs $field $($outer)* $($rest)* }
    };
    // The type, whole again: the field is done.
    (
        @push $then:ident $head:tt [$($done:tt)*] [$($attrs:tt)*] $field:ident
        $ty:ty $(as $js:literal)? $(, $($rest:tt)*)?
    ) => {
        $crate::tsify_fields! { $then $head [$($done)* $($attrs)* pub $field: $ty $(as $js)?,] $($($rest)*)? }
    };
    // Every field is done.
    ($then:ident [$($head:tt)*] [$($done:tt)*]) => {
        $crate::$then! { $($head)* { $($done)* } }
    };
    // The next field: its docs and its own tsify attributes (for the typescript feature only).
    (
        $then:ident $head:tt $done:tt
        $(#[doc = $doc:literal])* $(#[tsify $tsify:tt])* pub $field:ident : $($rest:tt)*
    ) => {
        $crate::tsify_fields! {
            @option $then $head $done [$(#[doc = $doc])* $(#[cfg_attr(feature = "typescript", tsify $tsify)])*] $field
            $($rest)*
        }
    };
}

#[cfg(all(test, feature = "typescript"))]
mod tests {
    use crate::json::Json;
    use crate::secret::Secret;
    use crate::view::HttpStatus;

    crate::params! {
        /// Params.
        pub struct Example {
            /// Required.
            pub id: String,
            /// Optional, renamed.
            pub retry_count: Option<u32> as "retryCount",
            /// A secret.
            pub secret: Secret,
            /// An optional secret, renamed.
            pub token: Option<Secret> as "bearerToken",
            /// A flag.
            pub flag: Option<bool>,
            /// Its own type, still optional.
            #[tsify(type = "number")]
            pub timeout: Option<Json<'static>>,
        }
    }

    crate::view! {
        /// View.
        pub struct Answer {
            /// A literal, required.
            #[tsify(type = "true")]
            pub ok: bool,
            /// A status.
            pub status_code: HttpStatus,
            /// An optional status.
            pub upstream: Option<HttpStatus>,
            /// A list.
            pub scopes: Option<Vec<String>>,
            /// Absent or null.
            #[tsify(type = "string | null")]
            pub note: Option<String>,
        }
    }

    fn members(decl: &str) -> Vec<&str> {
        decl.lines().map(str::trim).filter(|line| line.ends_with(';')).collect()
    }

    #[test]
    fn fields_declare_what_their_types_say() {
        let params = <Example as tsify::Tsify>::DECL;
        let expected = [
            "id: string;",
            "retryCount?: number;",
            "secret: string;",
            "bearerToken?: string;",
            "flag?: boolean;",
            "timeout?: number;",
        ];
        assert_eq!(members(params), expected, "{params}");
        let view = <Answer as tsify::Tsify>::DECL;
        assert_eq!(
            members(view),
            ["ok: true;", "status_code: number;", "upstream?: number;", "scopes?: string[];", "note?: string | null;"],
            "{view}"
        );
    }
}
