//! Holds the catalog's descriptions to what the endpoints do.

use super::{ENTRIES, METHODS};
use crate::call::{check_client, prepare_at};
use crate::error::Provider;
use crate::json::{parse, Json};
use crate::slack::SlackConfig;
use crate::stytch::StytchConfig;

const SLACK_CLIENT: &str = r#"{"token":"xoxb-1","options":{},"browser":false}"#;
const STYTCH_CLIENT: &str = r#"{"options":{"project_id":"project-test-1","secret":"s"},"browser":false}"#;

/// Valid params for the method at `path`: one set per retry class it can have.
fn examples(path: &str) -> &'static [&'static str] {
    match path {
        "oauth.access" => &[r#"{"client_id":"1.2","client_secret":"s","code":"c"}"#],
        "oauth.v2.access" | "openid.connect.token" => &[
            r#"{"client_id":"1.2","client_secret":"s","code":"c"}"#,
            r#"{"client_id":"1.2","client_secret":"s","grant_type":"refresh_token","refresh_token":"xoxe-1"}"#,
        ],
        "apps.auth.external.get" => {
            &[r#"{"external_token_id":"Et1"}"#, r#"{"external_token_id":"Et1","force_refresh":true}"#]
        }
        "apps.auth.external.delete" => &[r#"{"external_token_id":"Et1"}"#],
        "auth.revoke" => &["{}"],
        _ if path.starts_with("organizations.members.oauthProviders.") => {
            &[r#"{"organization_id":"o","member_id":"m"}"#]
        }
        _ => &[],
    }
}

fn checked_client(provider: Provider) -> String {
    let answer = match provider {
        Provider::Slack => check_client::<SlackConfig>(SLACK_CLIENT),
        Provider::Stytch => check_client::<StytchConfig>(STYTCH_CLIENT),
    };
    parse(&answer).unwrap().str_at("client").expect("the test clients are valid").to_owned()
}

#[test]
fn each_method_retries_as_its_entry_says() {
    assert_eq!(ENTRIES.len(), METHODS.len());
    for (index, (entry, method)) in ENTRIES.iter().zip(METHODS).enumerate() {
        assert_eq!((entry.path, entry.provider), (method.path, method.provider));
        let client = checked_client(entry.provider);
        let mut switched = false;
        for params in examples(entry.path) {
            let parsed = parse(params).unwrap();
            let expected = match entry.retry.switch {
                Some((key, value, class)) if parsed.get(key) == Some(&parse(value).unwrap()) => {
                    switched = true;
                    class
                }
                _ => entry.retry.class,
            };
            let prepared = prepare_at(METHODS, index, [&client, params, "null"]);
            let spends = parse(&prepared).unwrap().get("request").and_then(|r| r.get("spends")).and_then(Json::as_i64);
            assert_eq!(spends, Some(expected as i64), "{} with {params}: {prepared}", entry.path);
        }
        assert!(!examples(entry.path).is_empty(), "no example params for {}", entry.path);
        assert!(entry.retry.switch.is_none() || switched, "no example of {}'s switch", entry.path);
    }
}

#[test]
fn fields_are_the_params_fields() {
    let external_get = ENTRIES.iter().find(|entry| entry.path == "apps.auth.external.get").unwrap();
    let fields: Vec<(&str, bool, &str)> = external_get.fields.iter().map(|f| (f.key, f.optional, f.expected)).collect();
    assert_eq!(
        fields,
        [
            ("external_token_id", false, "a string"),
            ("force_refresh", true, "true or false"),
            ("token", true, "a string")
        ]
    );
}
