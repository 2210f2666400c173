//! `apps.auth.external.get` and `apps.auth.external.delete`: tokens Slack keeps for an app's
//! external OAuth providers. The token authenticating the call travels as `Bearer`.

use super::form::{flag, form_method, Field, Form, Role};
use super::{AppsAuthExternalDeleteResponse, AppsAuthExternalGetResponse};
use crate::http::RetryClass;
use crate::prelude::*;
use crate::secret::Secret;

crate::params! {
    /// Params of [`apps.auth.external.get`](https://docs.slack.dev/reference/methods/apps.auth.external.get).
    #[derive(Default)]
    pub struct AppsAuthExternalGetArguments {
        /// The id of the external token (`Et…`).
        pub external_token_id: String,
        /// Refresh the token even if it has not expired (spends the provider's refresh token).
        pub force_refresh: Option<bool>,
        /// A token for this call; defaults to the client's.
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
        pub app_id: Option<String>,
        /// The token to delete.
        pub external_token_id: Option<String>,
        /// The provider whose tokens to delete.
        pub provider_key: Option<String>,
        /// A token for this call; defaults to the client's.
        pub token: Option<Secret>,
    }
}

form_method!(
    AppsAuthExternalGet,
    "apps.auth.external.get",
    AppsAuthExternalGetArguments,
    AppsAuthExternalGetResponse,
    Form {
        fields: &[
            Field { key: "external_token_id", role: Role::Form, optional: false },
            // A forced refresh spends the provider's refresh token: not safe to repeat blindly.
            Field { key: "force_refresh", role: Role::SpendsIfTrue, optional: true },
            Field { key: "token", role: Role::Token, optional: true },
        ],
        retry: RetryClass::Lookup,
        one_of: None,
    },
    |params| {
        [
            Some(params.external_token_id.as_str()),
            params.force_refresh.map(flag),
            params.token.as_ref().map(Secret::secret),
        ]
    },
    |answer| answer.has_text("external_token")
);

form_method!(
    AppsAuthExternalDelete,
    "apps.auth.external.delete",
    AppsAuthExternalDeleteArguments,
    AppsAuthExternalDeleteResponse,
    Form {
        fields: &[
            Field { key: "app_id", role: Role::Form, optional: true },
            Field { key: "external_token_id", role: Role::Form, optional: true },
            Field { key: "provider_key", role: Role::Form, optional: true },
            Field { key: "token", role: Role::Token, optional: true },
        ],
        retry: RetryClass::Spends,
        one_of: Some([
            "external_token_id",
            "give `external_token_id`, or `provider_key` and/or `app_id`, to say what to delete",
        ]),
    },
    |params| {
        [
            params.app_id.as_deref(),
            params.external_token_id.as_deref(),
            params.provider_key.as_deref(),
            params.token.as_ref().map(Secret::secret),
        ]
    },
    |_| true
);
