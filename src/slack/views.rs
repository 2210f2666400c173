//! Typed views of Slack's answers. They check an answer and describe it to TypeScript; the
//! caller gets Slack's JSON itself, so fields beyond these (Slack adds some over time) survive.
//! As in `@slack/web-api`, everything but `ok` is optional: shapes differ by install type.
//! Tokens are [`Secret`]s even here, so a view can never be printed with one in it.

use crate::prelude::*;
use crate::secret::Secret;

crate::view! {
    /// `team` and `enterprise` of an install.
    pub struct SlackTeam {
        /// `T…` or `E…`.
        pub id: String,
        /// The workspace or org name.
        pub name: Option<String>,
    }
}

crate::view! {
    /// `incoming_webhook`, when the app asked for `incoming-webhook`.
    pub struct SlackIncomingWebhook {
        /// The channel name, e.g. `#general`.
        pub channel: Option<String>,
        /// The channel id.
        pub channel_id: Option<String>,
        /// Where the user manages the webhook.
        pub configuration_url: Option<String>,
        /// The webhook URL (a credential).
        pub url: Option<Secret>,
    }
}

crate::view! {
    /// `response_metadata` of any answer.
    pub struct SlackResponseMetadata {
        /// Machine-readable warnings, e.g. `superfluous_charset`.
        pub warnings: Option<Vec<String>>,
        /// Human-readable notes.
        pub messages: Option<Vec<String>>,
    }
}

crate::view! {
    /// `authed_user` of an `oauth.v2.access` answer; has a token when user scopes were granted.
    pub struct SlackAuthedUser {
        /// The user who installed.
        pub id: String,
        /// Granted user scopes, comma-separated.
        pub scope: Option<String>,
        /// The user token (`xoxp-…`).
        pub access_token: Option<Secret>,
        /// `user`.
        pub token_type: Option<String>,
        /// With token rotation: the user token's refresh token.
        pub refresh_token: Option<Secret>,
        /// With token rotation: seconds until the user token expires. A refresh's answer with
        /// the new pair comes back as sent, so there this may be missing or odd (`"43200"`).
        pub expires_in: Option<u64>,
    }
}

crate::view! {
    /// Answer of [`oauth.v2.access`](https://docs.slack.dev/reference/methods/oauth.v2.access).
    pub struct OAuthV2AccessResponse {
        /// Always `true` here: `ok: false` is thrown as an `EdgeOAuthError`.
        #[tsify(type = "true")]
        pub ok: bool,
        /// The app's id.
        pub app_id: Option<String>,
        /// The installing user, with a user token when user scopes were granted.
        pub authed_user: Option<SlackAuthedUser>,
        /// Granted bot scopes, comma-separated.
        pub scope: Option<String>,
        /// `bot` when a bot token was issued.
        pub token_type: Option<String>,
        /// The bot token (`xoxb-…`); absent on user-only installs.
        pub access_token: Option<Secret>,
        /// The bot user's id.
        pub bot_user_id: Option<String>,
        /// The workspace; `null` for an org-wide Enterprise Grid install.
        #[tsify(type = "SlackTeam | null")]
        pub team: Option<SlackTeam>,
        /// The Enterprise Grid org, or `null`.
        #[tsify(type = "SlackTeam | null")]
        pub enterprise: Option<SlackTeam>,
        /// Whether the app was installed org-wide.
        pub is_enterprise_install: Option<bool>,
        /// The webhook, when `incoming-webhook` was requested.
        pub incoming_webhook: Option<SlackIncomingWebhook>,
        /// With token rotation: the bot token's refresh token (`xoxe-1-…`).
        pub refresh_token: Option<Secret>,
        /// With token rotation: seconds until `access_token` expires. A refresh's answer with the
        /// new pair comes back as sent, so there this may be missing or odd (`"43200"`, `0`).
        pub expires_in: Option<u64>,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// `bot` of a classic app's `oauth.access` answer.
    pub struct SlackClassicBot {
        /// The bot user's id.
        pub bot_user_id: String,
        /// The bot token (`xoxb-…`).
        pub bot_access_token: Secret,
    }
}

crate::view! {
    /// `scopes` of a workspace app's `oauth.access` answer, by resource type.
    pub struct SlackWorkspaceScopes {
        /// Scopes on the app home.
        pub app_home: Option<Vec<String>>,
        /// Scopes on the team.
        pub team: Option<Vec<String>>,
        /// Scopes on channels.
        pub channel: Option<Vec<String>>,
        /// Scopes on private channels.
        pub group: Option<Vec<String>>,
        /// Scopes on group DMs.
        pub mpim: Option<Vec<String>>,
        /// Scopes on DMs.
        pub im: Option<Vec<String>>,
        /// Scopes on users.
        pub user: Option<Vec<String>>,
    }
}

crate::view! {
    /// `authorizing_user` of a workspace app's `oauth.access` answer.
    pub struct SlackAuthorizingUser {
        /// The user who authorized.
        pub user_id: String,
        /// The app home channel with that user.
        pub app_home: Option<String>,
    }
}

crate::view! {
    /// Answer of [`oauth.access`](https://docs.slack.dev/reference/methods/oauth.access): classic
    /// user tokens, classic bots and webhooks, and workspace apps (`token_type: "app"`, `scopes`).
    pub struct OAuthAccessResponse {
        /// Always `true` here: `ok: false` is thrown as an `EdgeOAuthError`.
        #[tsify(type = "true")]
        pub ok: bool,
        /// The token (`xoxp-…`, or `xoxa-…` for workspace apps).
        pub access_token: Option<Secret>,
        /// Granted scopes, comma-separated (classic apps).
        pub scope: Option<String>,
        /// The installing user (classic apps).
        pub user_id: Option<String>,
        /// The workspace's id.
        pub team_id: Option<String>,
        /// The workspace's name.
        pub team_name: Option<String>,
        /// The Enterprise Grid org, or `null`.
        #[tsify(type = "string | null")]
        pub enterprise_id: Option<String>,
        /// The webhook, when `incoming-webhook` was requested.
        pub incoming_webhook: Option<SlackIncomingWebhook>,
        /// The bot, when the `bot` scope was requested.
        pub bot: Option<SlackClassicBot>,
        /// `app` for workspace apps.
        pub token_type: Option<String>,
        /// Workspace apps: the app's id.
        pub app_id: Option<String>,
        /// Workspace apps: the app user's id.
        pub app_user_id: Option<String>,
        /// Workspace apps: who installed the app.
        pub installer_user_id: Option<String>,
        /// Workspace apps: who authorized this token.
        pub authorizing_user: Option<SlackAuthorizingUser>,
        /// Workspace apps: granted scopes by resource type.
        pub scopes: Option<SlackWorkspaceScopes>,
        /// Workspace apps: the channel of a single-channel install.
        pub single_channel_id: Option<String>,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// Answer of [`apps.auth.external.get`](https://docs.slack.dev/reference/methods/apps.auth.external.get).
    pub struct AppsAuthExternalGetResponse {
        /// Always `true` here.
        #[tsify(type = "true")]
        pub ok: bool,
        /// The external service's access token.
        pub external_token: Secret,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// Answer of [`apps.auth.external.delete`](https://docs.slack.dev/reference/methods/apps.auth.external.delete).
    pub struct AppsAuthExternalDeleteResponse {
        /// Always `true` here.
        #[tsify(type = "true")]
        pub ok: bool,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// Answer of [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke).
    pub struct AuthRevokeResponse {
        /// Always `true` here.
        #[tsify(type = "true")]
        pub ok: bool,
        /// Whether the token was revoked (`false` with `test: true`).
        pub revoked: bool,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// Answer of [`openid.connect.token`](https://docs.slack.dev/reference/methods/openid.connect.token).
    pub struct OpenIDConnectTokenResponse {
        /// Always `true` here: `ok: false` is thrown as an `EdgeOAuthError`.
        #[tsify(type = "true")]
        pub ok: bool,
        /// The signed-in user's token (`xoxp-…`), for `openid.connect.userInfo`.
        pub access_token: Secret,
        /// `Bearer`.
        pub token_type: String,
        /// The OpenID Connect ID token (a JWT signed by Slack): check it with `verifySlackIdToken`.
        pub id_token: Secret,
        /// With token rotation: the refresh token (`xoxe-1-…`).
        pub refresh_token: Option<Secret>,
        /// With token rotation: seconds until `access_token` expires. A refresh's answer with the
        /// new pair comes back as sent, so there this may be missing or odd.
        pub expires_in: Option<u64>,
        /// Slack's warning codes, comma-separated.
        pub warning: Option<String>,
        /// Warnings and messages.
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}
