//! The Slack methods that are a form POST of their params, described by data: which params go
//! into the form, which authenticate the call, and what the call spends. One function builds every
//! such request, from the typed params (the Rust clients) or from the facade's copy (the npm
//! build: [`prepare`], which never builds the params struct), so a method of this kind costs the
//! wasm a table and its names rather than code of its own.

use super::{bearer, SlackConfig};
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error};
use crate::http::{Auth, HttpRequest, Method, RetryClass};
use crate::json::Json;
use crate::params::{check_object, field_text};
use crate::prelude::*;
use crate::secret::Secret;

/// What a param is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A form field, as given.
    Form,
    /// A flag, sent as `true` or `false` when given.
    Flag,
    /// A flag, sent as `true` when true and left out otherwise.
    IfTrue,
    /// Like [`IfTrue`](Self::IfTrue), and when true the call spends something
    /// ([`RetryClass::Spends`]): `force_refresh` spends the provider's refresh token.
    SpendsIfTrue,
    /// The HTTP Basic user (the app's client id); a [`Secret`](Self::Secret) must follow.
    User,
    /// The HTTP Basic password (the app's client secret), refused in a browser window unless the
    /// client allows it.
    Secret,
    /// The token sent as `Bearer`, else the client's (one of them is required).
    Token,
}

impl Role {
    const fn is_flag(self) -> bool {
        matches!(self, Self::Flag | Self::IfTrue | Self::SpendsIfTrue)
    }
}

/// One param: its key (as the params struct names it) and what it is for.
#[derive(Debug)]
pub struct Field {
    /// The key, which is also the form field's name.
    pub key: &'static str,
    /// What it is for.
    pub role: Role,
    /// Whether it may be absent.
    pub optional: bool,
}

/// A form-POST method: its params in the order of its params struct, and what a call spends.
#[derive(Debug)]
pub struct Form {
    /// The params.
    pub fields: &'static [Field],
    /// What a call spends, unless a [`Role::SpendsIfTrue`] flag says more.
    pub retry: RetryClass,
    /// When every [`Role::Form`] param may be absent but one is needed: the field the error
    /// names and its message.
    pub one_of: Option<[&'static str; 2]>,
}

/// The form of a method that only reads with a token (`auth.test`, `openid.connect.userInfo`):
/// the call's `token` or else the client's, and, since repeating it changes nothing, 5xx and
/// network failures retried too.
pub const TOKEN_LOOKUP: Form = Form {
    fields: &[Field { key: "token", role: Role::Token, optional: true }],
    retry: RetryClass::Lookup,
    one_of: None,
};

impl Form {
    /// Whether the fields are `keys`, in that order (checked at compile time for each method, so the
    /// table cannot drift from the params struct).
    pub const fn names(&self, keys: &[&str]) -> bool {
        if self.fields.len() != keys.len() {
            return false;
        }
        let mut i = 0;
        while i < keys.len() {
            if !crate::text::same(self.fields[i].key, keys[i]) {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// A flag as its form value.
pub fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// Reads the params of `form` from the facade's copy, as the params struct would (`keys` are its
/// keys), and builds the request. One copy for every form method.
#[inline(never)]
pub fn prepare(call: Call, form: &Form, keys: &[&str], client: &Json, params: &Json) -> Result<HttpRequest, Error> {
    check_object(call, "params", params, keys)?;
    let mut values = Vec::with_capacity(form.fields.len());
    for field in form.fields {
        values.push(field_text(call, params, field.key, field.role.is_flag(), field.optional)?);
    }
    request(call, &SlackConfig::from_checked(client), form, &values)
}

/// Builds the request from the params' values, in the order of `form`'s fields (a flag as
/// [`flag`] writes it).
#[inline(never)]
pub fn request(call: Call, config: &SlackConfig, form: &Form, values: &[Option<&str>]) -> Result<HttpRequest, Error> {
    if let Some([field, message]) = form.one_of {
        if form.fields.iter().zip(values).all(|(field, value)| field.role != Role::Form || value.is_none()) {
            return Err(call.invalid(field, "missing_param", message));
        }
    }
    let (mut auth, mut user, mut retry) = (Auth::None, "", form.retry);
    let mut fields = Vec::with_capacity(values.len());
    for (field, &value) in form.fields.iter().zip(values) {
        let is_true = value == Some("true");
        match field.role {
            Role::Form | Role::Flag => fields.push((field.key, value)),
            Role::IfTrue | Role::SpendsIfTrue => {
                if is_true && field.role == Role::SpendsIfTrue {
                    retry = RetryClass::Spends;
                }
                fields.push((field.key, value.filter(|_| is_true)));
            }
            Role::User => user = value.unwrap_or_default(),
            Role::Secret => {
                config.guard.check(call, field.key)?;
                auth = Auth::Basic { user: user.to_owned(), password: Secret::new(value.unwrap_or_default()) };
            }
            Role::Token => auth = bearer(call, config, value.map(Secret::new))?,
        }
    }
    Ok(HttpRequest {
        method: Method::Post,
        url: config.method_url(call.method),
        auth,
        form: Some(Secret::new(crate::encoding::form(fields))),
        retry,
    })
}

/// Implements [`Endpoint`](crate::endpoint::Endpoint) for a form method: its call, params,
/// answer, [`Form`], the typed params' values in the form's order, and the answer's token check.
macro_rules! form_method {
    (
        $endpoint:ident, $method:literal, $params:ty, $response:ty, $form:expr,
        |$p:ident| $values:expr, $has_token:expr
    ) => {
        #[doc = concat!("The `", $method, "` method.")]
        pub struct $endpoint;

        impl $endpoint {
            const FORM: $crate::slack::form::Form = $form;
        }

        const _: () = assert!(
            $endpoint::FORM.names(<$params as $crate::params::Params>::KEYS),
            "the form's fields are the params' keys"
        );

        impl $crate::endpoint::Endpoint for $endpoint {
            type Config = $crate::slack::SlackConfig;
            type Params = $params;
            type Response = $response;
            const CALL: $crate::error::Call = $crate::error::Call::new($crate::error::Provider::Slack, $method);

            fn request(
                config: &$crate::slack::SlackConfig,
                $p: $params,
            ) -> Result<$crate::http::HttpRequest, $crate::error::Error> {
                $crate::slack::form::request(Self::CALL, config, &Self::FORM, &$values)
            }

            fn prepare(
                client: &$crate::json::Json,
                params: &$crate::json::Json,
            ) -> Result<$crate::http::HttpRequest, $crate::error::Error> {
                let keys = <$params as $crate::params::Params>::KEYS;
                $crate::slack::form::prepare(Self::CALL, &Self::FORM, keys, client, params)
            }

            fn decode(response: &$crate::http::HttpResponse) -> Result<(), $crate::error::Error> {
                let shape = &<$response as $crate::view::View>::SHAPE;
                $crate::slack::decode(Self::CALL, response, shape, $has_token)
            }
        }
    };
}
pub(crate) use form_method;
