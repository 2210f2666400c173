//! `apps.auth.external.get` and `apps.auth.external.delete`: tokens Slack keeps for an app's
//! external OAuth providers. The token authenticating the call travels as `Bearer`.

use super::{bearer, decode, AppsAuthExternalDeleteResponse, AppsAuthExternalGetResponse, SlackConfig};
use crate::endpoint::Endpoint;
use crate::error::{Call, Error, Provider};
use crate::http::{form_body, HttpRequest, HttpResponse, Method, RetryClass};
use crate::prelude::*;
use crate::secret::Secret;
use crate::view::View;

crate::params! {
    /// Params of [`apps.auth.external.get`](https://docs.slack.dev/reference/methods/apps.auth.external.get).
    #[derive(Default)]
    pub struct AppsAuthExternalGetArguments {
        /// The id of the external token (`Et…`).
        pub external_token_id: String,
        /// Refresh the token even if it has not expired (spends the provider's refresh token).
        #[tsify(optional)]
        pub force_refresh: Option<bool>,
        /// A token for this call; defaults to the client's.
        #[tsify(optional, type = "string")]
        pub token: Option<Secret>,
    }
}

crate::params! {
    typescript = super::shapes::AppsAuthExternalDeleteArguments;
    /// Params of [`apps.auth.external.delete`](https://docs.slack.dev/reference/methods/apps.auth.external.delete),
    /// read flat; TypeScript sees the union of what can be deleted (`shapes.rs`).
    #[derive(Default)]
    pub struct AppsAuthExternalDeleteArguments {
        /// The app whose tokens to delete.
        #[tsify(optional)]
        pub app_id: Option<String>,
        /// The token to delete.
        #[tsify(optional)]
        pub external_token_id: Option<String>,
        /// The provider whose tokens to delete.
        #[tsify(optional)]
        pub provider_key: Option<String>,
        /// A token for this call; defaults to the client's.
        #[tsify(optional, type = "string")]
        pub token: Option<Secret>,
    }
}

/// The `apps.auth.external.get` method.
pub struct AppsAuthExternalGet;

impl Endpoint for AppsAuthExternalGet {
    type Config = SlackConfig;
    type Params = AppsAuthExternalGetArguments;
    type Response = AppsAuthExternalGetResponse;
    const CALL: Call = Call::new(Provider::Slack, "apps.auth.external.get");

    fn request(config: &SlackConfig, params: AppsAuthExternalGetArguments) -> Result<HttpRequest, Error> {
        let call = Self::CALL;
        let token = bearer(call, config, params.token)?;
        let force_refresh = params.force_refresh.unwrap_or(false);
        let form = form_body([
            ("external_token_id", Some(params.external_token_id.as_str())),
            ("force_refresh", force_refresh.then_some("true")),
        ]);
        Ok(HttpRequest {
            method: Method::Post,
            url: config.method_url(call.method),
            auth: token,
            form: Some(form),
            // A forced refresh spends the provider's refresh token: not safe to repeat blindly.
            retry: if force_refresh { RetryClass::Spends } else { RetryClass::Lookup },
        })
    }

    fn decode(response: &HttpResponse) -> Result<(), Error> {
        decode(Self::CALL, response, &Self::Response::SHAPE, |answer| answer.has_text("external_token"))
    }
}

/// The `apps.auth.external.delete` method.
pub struct AppsAuthExternalDelete;

impl Endpoint for AppsAuthExternalDelete {
    type Config = SlackConfig;
    type Params = AppsAuthExternalDeleteArguments;
    type Response = AppsAuthExternalDeleteResponse;
    const CALL: Call = Call::new(Provider::Slack, "apps.auth.external.delete");

    fn request(config: &SlackConfig, params: AppsAuthExternalDeleteArguments) -> Result<HttpRequest, Error> {
        let call = Self::CALL;
        let fields = [
            ("app_id", params.app_id.as_deref()),
            ("external_token_id", params.external_token_id.as_deref()),
            ("provider_key", params.provider_key.as_deref()),
        ];
        if params.external_token_id.is_none() && params.provider_key.is_none() && params.app_id.is_none() {
            return Err(call.invalid(
                "external_token_id",
                "missing_param",
                "give `external_token_id`, or `provider_key` and/or `app_id`, to say what to delete",
            ));
        }
        let token = bearer(call, config, params.token)?;
        Ok(HttpRequest {
            method: Method::Post,
            url: config.method_url(call.method),
            auth: token,
            form: Some(form_body(fields)),
            retry: RetryClass::Spends,
        })
    }

    fn decode(response: &HttpResponse) -> Result<(), Error> {
        decode(Self::CALL, response, &Self::Response::SHAPE, |_| true)
    }
}
