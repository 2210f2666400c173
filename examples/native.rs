//! The "Add to Slack" exchange and a Stytch lookup through the native transport:
//!
//! ```text
//! cargo run --example native --features native -- <slack_api_url> <stytch_base_url>
//! ```
//!
//! with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_CODE, STYTCH_PROJECT_ID, STYTCH_SECRET,
//! STYTCH_ORGANIZATION_ID and STYTCH_MEMBER_ID in the environment. Prints `team.id` and the first
//! registration's scopes, or each error's kind and code; never a secret.

use edge_oauth::client::native::{block_on, NativeTransport};
use edge_oauth::client::{SlackOptions, StytchOptions};
use edge_oauth::slack::oauth::OAuthV2AccessArguments;
use edge_oauth::stytch::oauth_providers::B2BOrganizationsMembersOAuthProvidersSlackRequest as SlackLookup;
use edge_oauth::{Error, Secret, SlackClient, StytchB2BClient};
use std::process::ExitCode;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

/// What a failed call prints: its kind and code (and status), which hold no secret.
fn describe(error: &Error) -> String {
    let status = error.status.map_or(String::new(), |status| format!(" (HTTP {status})"));
    format!("error {} {}{status}", error.kind.as_str(), error.code)
}

fn run(slack_api_url: String, stytch_base_url: String) -> Result<bool, String> {
    let slack = SlackClient::new(
        NativeTransport::new(),
        None,
        SlackOptions { slack_api_url: Some(slack_api_url), ..SlackOptions::default() },
    )
    .map_err(|error| describe(&error))?;
    let exchange = OAuthV2AccessArguments {
        client_id: env("SLACK_CLIENT_ID")?,
        client_secret: Some(Secret::new(env("SLACK_CLIENT_SECRET")?)),
        code: Some(Secret::new(env("SLACK_CODE")?)),
        ..OAuthV2AccessArguments::default()
    };
    let slack_ok = match block_on(slack.oauth_v2_access(exchange)) {
        Ok(answer) => {
            println!("slack team.id: {}", answer.team.as_ref().map_or("(none)", |team| team.id.as_str()));
            true
        }
        Err(error) => {
            println!("slack {}", describe(&error));
            false
        }
    };

    let mut options = StytchOptions::new(env("STYTCH_PROJECT_ID")?, Secret::new(env("STYTCH_SECRET")?));
    options.custom_base_url = Some(stytch_base_url);
    let stytch = StytchB2BClient::new(NativeTransport::new(), options).map_err(|error| describe(&error))?;
    let lookup = SlackLookup { organization_id: env("STYTCH_ORGANIZATION_ID")?, member_id: env("STYTCH_MEMBER_ID")? };
    let stytch_ok = match block_on(stytch.organizations_members_oauth_providers_slack(lookup)) {
        Ok(answer) => {
            let scopes = answer.registrations.first().map(|registration| registration.scopes.join(" "));
            println!("stytch registrations[0].scopes: {}", scopes.as_deref().unwrap_or("(no registration)"));
            true
        }
        Err(error) => {
            println!("stytch {}", describe(&error));
            false
        }
    };
    Ok(slack_ok && stytch_ok)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(slack_api_url), Some(stytch_base_url), None) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: cargo run --example native --features native -- <slack_api_url> <stytch_base_url>");
        return ExitCode::from(2);
    };
    match run(slack_api_url, stytch_base_url) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
