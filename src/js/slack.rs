//! `SlackClient` and its namespaces: `oauth.access`, `oauth.v2.access`,
//! `apps.auth.external.get`, `apps.auth.external.delete`, as in `@slack/web-api`.

use super::{errors, in_browser_window, params, run};
use crate::error::{Call, Provider};
use crate::slack::external_auth::{
    AppsAuthExternalDelete, AppsAuthExternalDeleteArguments, AppsAuthExternalGet, AppsAuthExternalGetArguments,
};
use crate::slack::oauth::{OAuthAccess, OAuthAccessArguments, OAuthV2Access, OAuthV2AccessArguments};
use crate::slack::{
    AppsAuthExternalDeleteResponse, AppsAuthExternalGetResponse, OAuthAccessResponse, OAuthV2AccessResponse,
    SlackClientOptions, SlackConfig,
};
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// A Slack Web API client for the OAuth methods.
#[wasm_bindgen]
pub struct SlackClient {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackClient {
    /// `token` is used by methods that need one (`apps.auth.external.*`) unless they get their
    /// own. Throws an `EdgeOAuthError` (kind `"validation"`) on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(token: Option<String>, options: Option<Ts<SlackClientOptions>>) -> Result<SlackClient, JsValue> {
        let call = Call::new(Provider::Slack, "SlackClient");
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        let build = || {
            let options = params::optional_from_js::<SlackClientOptions>(call, options)?;
            SlackConfig::new(token, options, in_browser_window())
        };
        let config = build().map_err(|error| errors::to_js(&error))?;
        Ok(Self { config: Rc::new(config) })
    }

    /// `oauth.access` and `oauth.v2.access`.
    #[wasm_bindgen(getter)]
    pub fn oauth(&self) -> SlackOAuth {
        SlackOAuth { config: self.config.clone() }
    }

    /// `apps.auth.external.*`.
    #[wasm_bindgen(getter)]
    pub fn apps(&self) -> SlackApps {
        SlackApps { config: self.config.clone() }
    }
}

/// The `oauth` namespace.
#[wasm_bindgen]
pub struct SlackOAuth {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackOAuth {
    /// [`oauth.access`](https://docs.slack.dev/reference/methods/oauth.access): the legacy exchange.
    pub async fn access(&self, params: Ts<OAuthAccessArguments>) -> Result<Ts<OAuthAccessResponse>, JsValue> {
        run::<OAuthAccess>(&self.config, params).await
    }

    /// `oauth.v2.access`.
    #[wasm_bindgen(getter)]
    pub fn v2(&self) -> SlackOAuthV2 {
        SlackOAuthV2 { config: self.config.clone() }
    }
}

/// The `oauth.v2` namespace.
#[wasm_bindgen]
pub struct SlackOAuthV2 {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackOAuthV2 {
    /// [`oauth.v2.access`](https://docs.slack.dev/reference/methods/oauth.v2.access): exchange a
    /// code (with a client secret, or as a PKCE public client), or rotate a token.
    pub async fn access(&self, params: Ts<OAuthV2AccessArguments>) -> Result<Ts<OAuthV2AccessResponse>, JsValue> {
        run::<OAuthV2Access>(&self.config, params).await
    }
}

/// The `apps` namespace.
#[wasm_bindgen]
pub struct SlackApps {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackApps {
    /// `apps.auth`.
    #[wasm_bindgen(getter)]
    pub fn auth(&self) -> SlackAppsAuth {
        SlackAppsAuth { config: self.config.clone() }
    }
}

/// The `apps.auth` namespace.
#[wasm_bindgen]
pub struct SlackAppsAuth {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackAppsAuth {
    /// `apps.auth.external`.
    #[wasm_bindgen(getter)]
    pub fn external(&self) -> SlackAppsAuthExternal {
        SlackAppsAuthExternal { config: self.config.clone() }
    }
}

/// The `apps.auth.external` namespace.
#[wasm_bindgen]
pub struct SlackAppsAuthExternal {
    config: Rc<SlackConfig>,
}

#[wasm_bindgen]
impl SlackAppsAuthExternal {
    /// [`apps.auth.external.get`](https://docs.slack.dev/reference/methods/apps.auth.external.get).
    pub async fn get(
        &self,
        params: Ts<AppsAuthExternalGetArguments>,
    ) -> Result<Ts<AppsAuthExternalGetResponse>, JsValue> {
        run::<AppsAuthExternalGet>(&self.config, params).await
    }

    /// [`apps.auth.external.delete`](https://docs.slack.dev/reference/methods/apps.auth.external.delete).
    pub async fn delete(
        &self,
        params: Ts<AppsAuthExternalDeleteArguments>,
    ) -> Result<Ts<AppsAuthExternalDeleteResponse>, JsValue> {
        run::<AppsAuthExternalDelete>(&self.config, params).await
    }
}
