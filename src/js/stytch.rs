//! `StytchB2BClient` and `organizations.members.oauthProviders.*`, as in the `stytch` package.

use super::{errors, in_browser_window, params, run};
use crate::error::{Call, Provider};
use crate::stytch::oauth_providers::{
    B2BOrganizationsMembersOAuthProvidersProviderInformationRequest as ProviderInformationRequest,
    B2BOrganizationsMembersOAuthProvidersSlackRequest as SlackRequest, GithubProvider, GoogleProvider, HubspotProvider,
    Lookup, MicrosoftProvider, SlackProvider,
};
use crate::stytch::{
    B2BOrganizationsMembersOAuthProvidersProviderInformationResponse as ProviderInformationResponse,
    B2BOrganizationsMembersOAuthProvidersRegistrationsResponse as RegistrationsResponse,
    B2BOrganizationsMembersOAuthProvidersSlackResponse as SlackResponse, StytchB2BClientOptions, StytchConfig,
};
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// A Stytch B2B API client for the member OAuth-provider token lookups.
#[wasm_bindgen]
pub struct StytchB2BClient {
    config: Rc<StytchConfig>,
}

#[wasm_bindgen]
impl StytchB2BClient {
    /// Throws an `EdgeOAuthError` (kind `"validation"`) on bad options, and in a browser window
    /// (`code: "browser_secret"`) unless `dangerouslyAllowBrowser: true`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<StytchB2BClientOptions>) -> Result<StytchB2BClient, JsValue> {
        let call = Call::new(Provider::Stytch, "StytchB2BClient");
        let build = || {
            let options = params::from_js::<StytchB2BClientOptions>(call, options.into())?;
            StytchConfig::new(options, in_browser_window())
        };
        let config = build().map_err(|error| errors::to_js(&error))?;
        Ok(Self { config: Rc::new(config) })
    }

    /// `organizations.*`.
    #[wasm_bindgen(getter)]
    pub fn organizations(&self) -> StytchOrganizations {
        StytchOrganizations { config: self.config.clone() }
    }
}

/// The `organizations` namespace.
#[wasm_bindgen]
pub struct StytchOrganizations {
    config: Rc<StytchConfig>,
}

#[wasm_bindgen]
impl StytchOrganizations {
    /// `organizations.members.*`.
    #[wasm_bindgen(getter)]
    pub fn members(&self) -> StytchMembers {
        StytchMembers { config: self.config.clone() }
    }
}

/// The `organizations.members` namespace.
#[wasm_bindgen]
pub struct StytchMembers {
    config: Rc<StytchConfig>,
}

#[wasm_bindgen]
impl StytchMembers {
    /// `organizations.members.oauthProviders.*`.
    #[wasm_bindgen(getter, js_name = oauthProviders)]
    pub fn oauth_providers(&self) -> StytchOAuthProviders {
        StytchOAuthProviders { config: self.config.clone() }
    }
}

/// The `organizations.members.oauthProviders` namespace: a member's saved provider tokens.
#[wasm_bindgen]
pub struct StytchOAuthProviders {
    config: Rc<StytchConfig>,
}

#[wasm_bindgen]
impl StytchOAuthProviders {
    /// The member's saved Slack tokens, one registration per workspace.
    pub async fn slack(&self, params: Ts<SlackRequest>) -> Result<Ts<SlackResponse>, JsValue> {
        run::<Lookup<SlackProvider>>(&self.config, params).await
    }

    /// The member's saved Google tokens.
    pub async fn google(
        &self,
        params: Ts<ProviderInformationRequest>,
    ) -> Result<Ts<ProviderInformationResponse>, JsValue> {
        run::<Lookup<GoogleProvider>>(&self.config, params).await
    }

    /// The member's saved Microsoft tokens.
    pub async fn microsoft(
        &self,
        params: Ts<ProviderInformationRequest>,
    ) -> Result<Ts<ProviderInformationResponse>, JsValue> {
        run::<Lookup<MicrosoftProvider>>(&self.config, params).await
    }

    /// The member's saved GitHub tokens, one registration per account.
    pub async fn github(&self, params: Ts<ProviderInformationRequest>) -> Result<Ts<RegistrationsResponse>, JsValue> {
        run::<Lookup<GithubProvider>>(&self.config, params).await
    }

    /// The member's saved HubSpot tokens, one registration per account.
    pub async fn hubspot(&self, params: Ts<ProviderInformationRequest>) -> Result<Ts<RegistrationsResponse>, JsValue> {
        run::<Lookup<HubspotProvider>>(&self.config, params).await
    }
}
