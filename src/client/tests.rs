//! The retry loop and the clients over a scripted transport: counts and a fake clock, never
//! real time.

use super::*;
use crate::catalog::METHODS;
use crate::error::ErrorKind;
use crate::slack::oauth::OAuthV2AccessArguments;
use crate::stytch::oauth_providers::B2BOrganizationsMembersOAuthProvidersSlackRequest as SlackLookup;
use crate::Secret;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// Answers from a script; each attempt costs `cost_ms` of fake time, each sleep its length.
#[derive(Default)]
struct Script {
    answers: RefCell<VecDeque<Result<Response, Failure>>>,
    sent: RefCell<Vec<Request>>,
    sleeps: RefCell<Vec<u32>>,
    clock: Cell<u64>,
    cost_ms: u64,
}

impl Script {
    fn new(answers: impl IntoIterator<Item = Result<Response, Failure>>) -> Self {
        Self { answers: RefCell::new(answers.into_iter().collect()), clock: Cell::new(1_000_000), ..Self::default() }
    }
}

impl Transport for &Script {
    async fn send(&self, request: &Request) -> Result<Response, Failure> {
        self.sent.borrow_mut().push(request.clone());
        self.clock.set(self.clock.get() + self.cost_ms);
        self.answers.borrow_mut().pop_front().expect("the script ran out")
    }

    async fn sleep(&self, ms: u32) {
        self.sleeps.borrow_mut().push(ms);
        self.clock.set(self.clock.get() + u64::from(ms));
    }

    fn now_ms(&self) -> u64 {
        self.clock.get()
    }

    fn jitter(&self) -> u32 {
        0
    }
}

fn answer(status: u16, body: &str, headers: &[(&str, &str)]) -> Result<Response, Failure> {
    let mut all = vec![("content-type".to_owned(), "application/json".to_owned())];
    all.extend(headers.iter().map(|(name, value)| (name.to_string(), value.to_string())));
    Ok(Response { status, headers: all, body: body.to_owned() })
}

const V2_OK: &str = r#"{"ok":true,"access_token":"xoxb-1","team":{"id":"T1","name":"n"},"is_enterprise_install":false,"new_field":{"x":1}}"#;
const LOOKUP_OK: &str = r#"{"request_id":"r","status_code":200,"provider_type":"Slack","registrations":[{"provider_subject":"U1","access_token":"xoxp-1","scopes":["a","b"]}]}"#;

fn slack(script: &Script, options: SlackOptions) -> SlackClient<&Script> {
    let options = SlackOptions { slack_api_url: Some("http://127.0.0.1:1/api/".into()), ..options };
    SlackClient::new(script, None, options).unwrap()
}

fn stytch(script: &Script) -> StytchB2BClient<&Script> {
    let mut options = StytchOptions::new("project-test-1", Secret::new("s3cr3t"));
    options.custom_base_url = Some("http://127.0.0.1:1".into());
    StytchB2BClient::new(script, options).unwrap()
}

fn exchange(code: &str) -> OAuthV2AccessArguments {
    OAuthV2AccessArguments {
        client_id: "1.2".into(),
        client_secret: Some(Secret::new("shh")),
        code: Some(Secret::new(code)),
        ..OAuthV2AccessArguments::default()
    }
}

fn lookup() -> SlackLookup {
    SlackLookup { organization_id: "org".into(), member_id: "member".into() }
}

#[test]
fn every_catalog_method_has_a_rust_method() {
    let rust: Vec<&str> = SLACK_METHODS.iter().chain(STYTCH_METHODS).copied().collect();
    let mut catalog: Vec<&str> = METHODS.iter().map(|method| method.path).collect();
    let mut sorted = rust.clone();
    sorted.sort_unstable();
    catalog.sort_unstable();
    assert_eq!(sorted, catalog);
}

#[test]
fn a_typed_answer_keeps_unknown_members_and_hides_tokens() {
    let script = Script::new([answer(200, V2_OK, &[])]);
    let answer = block_on(slack(&script, SlackOptions::default()).oauth_v2_access(exchange("c"))).unwrap();
    assert_eq!(answer.team.as_ref().map(|team| team.id.as_str()), Some("T1"));
    assert_eq!(answer.access_token.as_ref().map(Secret::secret), Some("xoxb-1"));
    assert_eq!(answer.is_enterprise_install, Some(false));
    assert!(answer.extra.get("new_field").is_some());
    let debug = format!("{answer:?}");
    assert!(!debug.contains("xoxb-1") && debug.contains("new_field"), "{debug}");
    let request = &script.sent.borrow()[0];
    assert_eq!(request.method_name(), "POST");
    assert_eq!(request.url, "http://127.0.0.1:1/api/oauth.v2.access");
    assert_eq!(request.body.as_deref(), Some("code=c"));
    assert_eq!(request.headers[0], ("accept".to_owned(), "application/json".to_owned()));
    assert!(!format!("{request:?}").contains("shh"));
}

#[test]
fn a_429_waits_its_retry_after_even_when_the_call_spends() {
    let limited = answer(429, r#"{"ok":false,"error":"ratelimited"}"#, &[("retry-after", "2")]);
    let script = Script::new([limited, answer(200, V2_OK, &[])]);
    block_on(slack(&script, SlackOptions::default()).oauth_v2_access(exchange("c"))).unwrap();
    assert_eq!((script.sent.borrow().len(), script.sleeps.borrow().clone()), (2, vec![2000]));
}

#[test]
fn a_spending_call_is_not_retried_after_a_timeout_but_a_lookup_is() {
    let script = Script::new([Err(Failure::Timeout)]);
    let error = block_on(slack(&script, SlackOptions::default()).oauth_v2_access(exchange("c"))).unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Timeout, "timeout"));
    assert_eq!(script.sent.borrow().len(), 1);

    let script =
        Script::new([Err(Failure::Timeout), Err(Failure::Network("ECONNRESET".into())), answer(200, LOOKUP_OK, &[])]);
    let answer = block_on(stytch(&script).organizations_members_oauth_providers_slack(lookup())).unwrap();
    assert_eq!(answer.registrations[0].scopes, ["a", "b"]);
    // Backoff with no jitter: half of 250 ms, then half of 500 ms.
    assert_eq!(script.sleeps.borrow().clone(), vec![125, 250]);
}

#[test]
fn the_last_attempt_gets_what_is_left_of_the_deadline() {
    let script = Script { cost_ms: 900, ..Script::new([Err(Failure::Timeout), Err(Failure::Timeout)]) };
    // A lookup, since only a lookup retries a timeout.
    let mut stytch_options = StytchOptions::new("project-test-1", Secret::new("s"));
    stytch_options.custom_base_url = Some("http://127.0.0.1:1".into());
    stytch_options.timeout_ms = Some(1000);
    stytch_options.deadline_ms = Some(1200);
    let client = StytchB2BClient::new(&script, stytch_options).unwrap();
    let error = block_on(client.organizations_members_oauth_providers_slack(lookup())).unwrap_err();
    let timeouts: Vec<u32> = script.sent.borrow().iter().map(|request| request.timeout_ms).collect();
    // 900 ms spent, 125 ms waited: 175 ms left of the 1200 ms deadline for the second attempt.
    assert_eq!(timeouts, [1000, 175]);
    assert_eq!((error.code.as_str(), error.message.contains("deadline")), ("timeout", true));
}

#[test]
fn slack_errors_carry_the_request_id_header_and_stytch_its_body_field() {
    let invalid = answer(200, r#"{"ok":false,"error":"invalid_code"}"#, &[("X-Slack-Req-Id", "req-1")]);
    let script = Script::new([invalid]);
    let error = block_on(slack(&script, SlackOptions::default()).oauth_v2_access(exchange("c"))).unwrap_err();
    assert_eq!(
        (error.kind, error.code.as_str(), error.request_id.as_deref()),
        (ErrorKind::Platform, "invalid_code", Some("req-1"))
    );

    let missing = answer(
        404,
        r#"{"status_code":404,"request_id":"r-9","error_type":"member_not_found","error_message":"gone"}"#,
        &[],
    );
    let script = Script::new([missing]);
    let error = block_on(stytch(&script).organizations_members_oauth_providers_slack(lookup())).unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.status, error.request_id.as_deref()),
        ("member_not_found", Some(404), Some("r-9"))
    );
}

#[test]
fn rust_params_meet_the_checks_of_the_facades_copy() {
    let script = Script::new([]);
    let client = slack(&script, SlackOptions::default());
    let error = block_on(client.oauth_v2_access(OAuthV2AccessArguments { client_id: String::new(), ..exchange("c") }))
        .unwrap_err();
    assert_eq!((error.code.as_str(), error.field.as_deref()), ("missing_param", Some("client_id")));
    let error = block_on(client.oauth_v2_access(exchange(&"é".repeat(16_385)))).unwrap_err();
    assert_eq!(
        error.message,
        "`code` must be a string (got a string of 16385 characters, more than the 16384 allowed)"
    );
    let error = block_on(client.oauth_v2_access(exchange("a\r\nb"))).unwrap_err();
    assert_eq!(error.message, "`code` must not contain CR, LF or NUL characters");
    assert!(script.sent.borrow().is_empty());
    let error =
        SlackClient::new(&script, None, SlackOptions { timeout_ms: Some(0), ..SlackOptions::default() }).unwrap_err();
    assert_eq!((error.field.as_deref(), error.method), (Some("timeout"), "SlackClient"));
}

#[test]
fn flow_helpers_round_trip() {
    let pair = flow::pkce_pair().unwrap();
    assert_eq!(pair.code_verifier.secret().len(), 43);
    let expected = crate::flow::pkce_pair(&crate::flow::from_base64url(pair.code_verifier.secret()).unwrap()).1;
    assert_eq!(pair.code_challenge, expected);

    let secret = Secret::new("0123456789abcdef0123456789abcdef");
    let options = crate::flow::state::SignStateOptions::default();
    let state = flow::sign_state(&secret, &options, 1_000).unwrap();
    // The signature is the one the npm package's WebCrypto step makes (the core's reference).
    let (signed, signature) = state.split_once('.').unwrap();
    assert_eq!(signature, crate::flow::state::signature(secret.secret(), signed));
    let verified = flow::verify_state(&secret, &state, 1_010).unwrap();
    assert_eq!((verified.issued_at, verified.expires_at, verified.data), (1_000, 1_600, None));
    let error = flow::verify_state(&Secret::new("another secret of thirty-two bytes!"), &state, 1_010).unwrap_err();
    assert_eq!(error.code, "invalid_state");
    assert_eq!(flow::verify_state(&secret, &state, 1_601).unwrap_err().code, "expired_state");
}

#[test]
fn sign_in_url_checks_a_rust_callers_text_as_the_npm_package_does() {
    use crate::flow::sign_in_url::SlackSignInUrlParams;
    let params = SlackSignInUrlParams {
        client_id: "1111.2222".into(),
        redirect_uri: "https://app.test/signin".into(),
        nonce: "n1".into(),
        state: "s1".into(),
        ..SlackSignInUrlParams::default()
    };
    let url = flow::slack_sign_in_url(&params).unwrap();
    let start =
        "https://slack.com/openid/connect/authorize?response_type=code&client_id=1111.2222&scope=openid+email+profile&";
    assert!(url.starts_with(start), "{url}");
    let error = flow::slack_sign_in_url(&SlackSignInUrlParams { nonce: String::new(), ..params }).unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.field.as_deref(), error.method),
        ("missing_param", Some("nonce"), "slackSignInUrl")
    );
}

#[test]
fn sign_in_takes_the_exchanges_params_and_answers_the_id_token() {
    let body = r#"{"ok":true,"access_token":"xoxp-9","token_type":"Bearer","id_token":"h.p.s","new_field":1}"#;
    let script = Script::new([answer(200, body, &[])]);
    let answer = block_on(slack(&script, SlackOptions::default()).openid_connect_token(exchange("c"))).unwrap();
    assert_eq!((answer.access_token.secret(), answer.id_token.secret()), ("xoxp-9", "h.p.s"));
    assert!(!format!("{answer:?}").contains("h.p.s"), "the id_token is kept out of Debug");
    let request = &script.sent.borrow()[0];
    assert_eq!(
        (request.url.as_str(), request.body.as_deref()),
        ("http://127.0.0.1:1/api/openid.connect.token", Some("code=c"))
    );
    assert!(request.headers.iter().any(|(name, value)| name == "authorization" && value.starts_with("Basic ")));
}

#[test]
fn user_info_exchange_and_auth_test_are_typed_and_sent_as_slack_takes_them() {
    use crate::slack::auth::AuthTestArguments;
    use crate::slack::oauth::OAuthV2ExchangeArguments;
    use crate::slack::openid::OpenIDConnectUserInfoArguments;
    let me = r#"{"ok":true,"sub":"U1","https://slack.com/team_id":"T1","https://slack.com/team_image_default":true}"#;
    let pair =
        r#"{"ok":true,"token_type":"bot","access_token":"xoxe.xoxb-1","refresh_token":"xoxe-1-r","expires_in":43200}"#;
    let who = r#"{"ok":true,"url":"https://t.slack.com/","team":"T","user":"bot","team_id":"T1","user_id":"U2","bot_id":"B1"}"#;
    let script = Script::new([answer(200, me, &[]), answer(200, pair, &[]), answer(200, who, &[])]);
    let client = slack(&script, SlackOptions::default());
    let user = OpenIDConnectUserInfoArguments { token: Some(Secret::new("xoxp-user")) };
    let claims = block_on(client.openid_connect_user_info(user)).unwrap();
    assert_eq!((claims.sub.as_str(), claims.slack_team_id.as_deref()), ("U1", Some("T1")));
    assert_eq!(claims.slack_team_image_default, Some(true));
    assert!(claims.extra.get("https://slack.com/team_id").is_none(), "a typed claim is not an extra one");
    let legacy = OAuthV2ExchangeArguments {
        client_id: "1.2".into(),
        client_secret: Secret::new("shh"),
        token: Secret::new("xoxb-legacy"),
    };
    let exchanged = block_on(client.oauth_v2_exchange(legacy)).unwrap();
    assert_eq!(exchanged.refresh_token.as_ref().map(Secret::secret), Some("xoxe-1-r"));
    let who = block_on(client.auth_test(AuthTestArguments::default())).unwrap_err();
    assert_eq!((who.code.as_str(), who.field.as_deref()), ("missing_param", Some("token")), "no token anywhere");
    let who = block_on(client.auth_test(AuthTestArguments { token: Some(Secret::new("xoxb-1")) })).unwrap();
    assert_eq!((who.team_id.as_str(), who.bot_id.as_deref()), ("T1", Some("B1")));
    let sent = script.sent.borrow();
    let urls: Vec<&str> = sent.iter().map(|request| request.url.rsplit('/').next().unwrap()).collect();
    assert_eq!(urls, ["openid.connect.userInfo", "oauth.v2.exchange", "auth.test"]);
    assert_eq!(sent[1].body.as_deref(), Some("token=xoxb-legacy"));
    assert!(sent[1].headers.iter().any(|(name, value)| name == "authorization" && value.starts_with("Basic ")));
    assert!(!format!("{:?}", sent[1]).contains("xoxb-legacy"), "the legacy token stays out of Debug");
}

#[test]
fn an_odd_answer_that_rotated_the_pair_is_typed_and_keeps_its_odd_members() {
    // What the mock's ODD_PAIRS send (Slack has sent such answers): the refresh token was
    // spent, so this answer holds the only copy of the new pair and must not be a decode error.
    let bot = r#"{"ok":true,"token_type":"bot","access_token":"xoxe.xoxb-2","refresh_token":"xoxe-1-b","expires_in":"43200","team":"T1"}"#;
    let user = r#"{"ok":true,"authed_user":{"id":"U1","access_token":"xoxe.xoxp-2","refresh_token":"xoxe-1-u","expires_in":43200.5}}"#;
    let script = Script::new([answer(200, bot, &[]), answer(200, user, &[])]);
    let client = slack(&script, SlackOptions::default());
    let refresh = || OAuthV2AccessArguments {
        client_id: "1.2".into(),
        client_secret: Some(Secret::new("shh")),
        grant_type: Some("refresh_token".into()),
        refresh_token: Some(Secret::new("xoxe-1-old")),
        ..OAuthV2AccessArguments::default()
    };
    let rotated = block_on(client.oauth_v2_access(refresh())).unwrap();
    assert_eq!(rotated.refresh_token.as_ref().map(Secret::secret), Some("xoxe-1-b"));
    assert_eq!(rotated.access_token.as_ref().map(Secret::secret), Some("xoxe.xoxb-2"));
    assert_eq!((rotated.expires_in, rotated.team.is_none()), (None, true));
    assert_eq!(rotated.extra.get("expires_in").and_then(Json::as_str), Some("43200"), "kept as sent");
    assert_eq!(rotated.extra.get("team").and_then(Json::as_str), Some("T1"));
    assert!(rotated.extra.get("token_type").is_none(), "a member that fits stays typed");
    let rotated = block_on(client.oauth_v2_access(refresh())).unwrap();
    let authed_user = rotated.authed_user.expect("the user's pair");
    assert_eq!(authed_user.refresh_token.as_ref().map(Secret::secret), Some("xoxe-1-u"));
    assert_eq!(authed_user.expires_in, None);
    assert!(authed_user.extra.get("expires_in").is_some(), "kept in its own object's extra");
    assert_eq!(script.sent.borrow().len(), 2, "nothing resent");
}
