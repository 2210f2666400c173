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
        #[tsify(optional)]
        pub name: Option<String>,
    }
}

crate::view! {
    /// `incoming_webhook`, when the app asked for `incoming-webhook`.
    pub struct SlackIncomingWebhook {
        /// The channel name, e.g. `#general`.
        #[tsify(optional)]
        pub channel: Option<String>,
        /// The channel id.
        #[tsify(optional)]
        pub channel_id: Option<String>,
        /// Where the user manages the webhook.
        #[tsify(optional)]
        pub configuration_url: Option<String>,
        /// The webhook URL (a credential).
        #[tsify(optional, type = "string")]
        pub url: Option<Secret>,
    }
}

crate::view! {
    /// `response_metadata` of any answer.
    pub struct SlackResponseMetadata {
        /// Machine-readable warnings, e.g. `superfluous_charset`.
        #[tsify(optional)]
        pub warnings: Option<Vec<String>>,
        /// Human-readable notes.
        #[tsify(optional)]
        pub messages: Option<Vec<String>>,
    }
}

crate::view! {
    /// `authed_user` of an `oauth.v2.access` answer; has a token when user scopes were granted.
    pub struct SlackAuthedUser {
        /// The user who installed.
        pub id: String,
        /// Granted user scopes, comma-separated.
        #[tsify(optional)]
        pub scope: Option<String>,
        /// The user token (`xoxp-…`).
        #[tsify(optional, type = "string")]
        pub access_token: Option<Secret>,
        /// `user`.
        #[tsify(optional)]
        pub token_type: Option<String>,
        /// With token rotation: the user token's refresh token.
        #[tsify(optional, type = "string")]
        pub refresh_token: Option<Secret>,
        /// With token rotation: seconds until the user token expires. A refresh's answer with
        /// the new pair comes back as sent, so there this may be missing or odd (`"43200"`).
        #[tsify(optional)]
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
        #[tsify(optional)]
        pub app_id: Option<String>,
        /// The installing user, with a user token when user scopes were granted.
        #[tsify(optional)]
        pub authed_user: Option<SlackAuthedUser>,
        /// Granted bot scopes, comma-separated.
        #[tsify(optional)]
        pub scope: Option<String>,
        /// `bot` when a bot token was issued.
        #[tsify(optional)]
        pub token_type: Option<String>,
        /// The bot token (`xoxb-…`); absent on user-only installs.
        #[tsify(optional, type = "string")]
        pub access_token: Option<Secret>,
        /// The bot user's id.
        #[tsify(optional)]
        pub bot_user_id: Option<String>,
        /// The workspace; `null` for an org-wide Enterprise Grid install.
        #[tsify(optional, type = "SlackTeam | null")]
        pub team: Option<SlackTeam>,
        /// The Enterprise Grid org, or `null`.
        #[tsify(optional, type = "SlackTeam | null")]
        pub enterprise: Option<SlackTeam>,
        /// Whether the app was installed org-wide.
        #[tsify(optional)]
        pub is_enterprise_install: Option<bool>,
        /// The webhook, when `incoming-webhook` was requested.
        #[tsify(optional)]
        pub incoming_webhook: Option<SlackIncomingWebhook>,
        /// With token rotation: the bot token's refresh token (`xoxe-1-…`).
        #[tsify(optional, type = "string")]
        pub refresh_token: Option<Secret>,
        /// With token rotation: seconds until `access_token` expires. A refresh's answer with the
        /// new pair comes back as sent, so there this may be missing or odd (`"43200"`, `0`).
        #[tsify(optional)]
        pub expires_in: Option<u64>,
        /// Slack's warning codes, comma-separated.
        #[tsify(optional)]
        pub warning: Option<String>,
        /// Warnings and messages.
        #[tsify(optional)]
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}

crate::view! {
    /// `bot` of a classic app's `oauth.access` answer.
    pub struct SlackClassicBot {
        /// The bot user's id.
        pub bot_user_id: String,
        /// The bot token (`xoxb-…`).
        #[tsify(type = "string")]
        pub bot_access_token: Secret,
    }
}

crate::view! {
    /// `scopes` of a workspace app's `oauth.access` answer, by resource type.
    pub struct SlackWorkspaceScopes {
        /// Scopes on the app home.
        #[tsify(optional)]
        pub app_home: Option<Vec<String>>,
        /// Scopes on the team.
        #[tsify(optional)]
        pub team: Option<Vec<String>>,
        /// Scopes on channels.
        #[tsify(optional)]
        pub channel: Option<Vec<String>>,
        /// Scopes on private channels.
        #[tsify(optional)]
        pub group: Option<Vec<String>>,
        /// Scopes on group DMs.
        #[tsify(optional)]
        pub mpim: Option<Vec<String>>,
        /// Scopes on DMs.
        #[tsify(optional)]
        pub im: Option<Vec<String>>,
        /// Scopes on users.
        #[tsify(optional)]
        pub user: Option<Vec<String>>,
    }
}

crate::view! {
    /// `authorizing_user` of a workspace app's `oauth.access` answer.
    pub struct SlackAuthorizingUser {
        /// The user who authorized.
        pub user_id: String,
        /// The app home channel with that user.
        #[tsify(optional)]
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
        #[tsify(optional, type = "string")]
        pub access_token: Option<Secret>,
        /// Granted scopes, comma-separated (classic apps).
        #[tsify(optional)]
        pub scope: Option<String>,
        /// The installing user (classic apps).
        #[tsify(optional)]
        pub user_id: Option<String>,
        /// The workspace's id.
        #[tsify(optional)]
        pub team_id: Option<String>,
        /// The workspace's name.
        #[tsify(optional)]
        pub team_name: Option<String>,
        /// The Enterprise Grid org, or `null`.
        #[tsify(optional, type = "string | null")]
        pub enterprise_id: Option<String>,
        /// The webhook, when `incoming-webhook` was requested.
        #[tsify(optional)]
        pub incoming_webhook: Option<SlackIncomingWebhook>,
        /// The bot, when the `bot` scope was requested.
        #[tsify(optional)]
        pub bot: Option<SlackClassicBot>,
        /// `app` for workspace apps.
        #[tsify(optional)]
        pub token_type: Option<String>,
        /// Workspace apps: the app's id.
        #[tsify(optional)]
        pub app_id: Option<String>,
        /// Workspace apps: the app user's id.
        #[tsify(optional)]
        pub app_user_id: Option<String>,
        /// Workspace apps: who installed the app.
        #[tsify(optional)]
        pub installer_user_id: Option<String>,
        /// Workspace apps: who authorized this token.
        #[tsify(optional)]
        pub authorizing_user: Option<SlackAuthorizingUser>,
        /// Workspace apps: granted scopes by resource type.
        #[tsify(optional)]
        pub scopes: Option<SlackWorkspaceScopes>,
        /// Workspace apps: the channel of a single-channel install.
        #[tsify(optional)]
        pub single_channel_id: Option<String>,
        /// Slack's warning codes, comma-separated.
        #[tsify(optional)]
        pub warning: Option<String>,
        /// Warnings and messages.
        #[tsify(optional)]
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
        #[tsify(type = "string")]
        pub external_token: Secret,
        /// Slack's warning codes, comma-separated.
        #[tsify(optional)]
        pub warning: Option<String>,
        /// Warnings and messages.
        #[tsify(optional)]
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
        #[tsify(optional)]
        pub warning: Option<String>,
        /// Warnings and messages.
        #[tsify(optional)]
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
        #[tsify(optional)]
        pub warning: Option<String>,
        /// Warnings and messages.
        #[tsify(optional)]
        pub response_metadata: Option<SlackResponseMetadata>,
    }
}
