//! Property tests over every decoder and validator the wasm exports, seeded with the documented
//! answers in `fixtures/answers.json`: whatever comes in (a mutated answer, any status, any
//! params), the core answers with a request, a verdict or a typed error, never a panic (in the
//! wasm, a panic is a trap), and a decode error never quotes a token.
// Native only: proptest does not run in wasm, and the wasm has its own tests (tests/fetch_*.rs).
#![cfg(not(target_arch = "wasm32"))]

use edge_oauth::call::{check_client, conclude_at, prepare_at, Attempt};
use edge_oauth::catalog::{ENTRIES, METHODS};
use edge_oauth::encoding::{base64url, from_base64url};
use edge_oauth::flow::state::{sign, signature, verify, SignStateOptions};
use edge_oauth::http::{retry_after, HttpResponse, RetryClass, TransportConfig};
use edge_oauth::json::{parse, Json, Writer};
use edge_oauth::slack::SlackConfig;
use edge_oauth::stytch::StytchConfig;
use edge_oauth::Provider;
use proptest::prelude::*;
use serde_json::Value;

const KINDS: [&str; 7] = ["validation", "platform", "rate_limited", "http", "network", "timeout", "decode"];
const SLACK_CLIENT: &str =
    r#"{"token":"xoxb-client","options":{"slackApiUrl":"http://127.0.0.1:1/api/"},"browser":false}"#;
const STYTCH_CLIENT: &str = r#"{"options":{"project_id":"project-test-1","secret":"s","custom_base_url":"http://127.0.0.1:1"},"browser":false}"#;
/// Every key the params of some method take, so generated params often get past the unknown-key check.
fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> =
        ENTRIES.iter().flat_map(|entry| entry.fields.iter().map(|field| field.key)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The checked client `checkClient` gives for the method's provider.
fn client_text(index: usize) -> String {
    let answer = match METHODS[index].provider {
        Provider::Slack => check_client::<SlackConfig>(SLACK_CLIENT),
        Provider::Stytch => check_client::<StytchConfig>(STYTCH_CLIENT),
    };
    parse(&answer).unwrap().str_at("client").expect("the test clients are valid").to_owned()
}

fn documented() -> Vec<(usize, Value)> {
    let all: Value = serde_json::from_str(include_str!("fixtures/answers.json")).unwrap();
    let mut out = Vec::new();
    for (index, method) in METHODS.iter().enumerate() {
        let answers = all[method.path].as_array().unwrap_or_else(|| panic!("no documented answer for {}", method.path));
        out.extend(answers.iter().map(|answer| (index, answer.clone())));
    }
    out
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(&["", "xoxb-1", "\r\n", "\u{0}", "..", "https://a.test/cb"][..]).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![prop::sample::select(keys()).prop_map(str::to_owned), ".{0,8}"],
                inner,
                0..5
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn node_count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(node_count).sum(),
        Value::Object(members) => members.values().map(node_count).sum(),
        _ => 0,
    }
}

/// Replaces the node at preorder position `at` (modulo the node count) with `with`.
fn replace_node(value: &mut Value, at: usize, with: Value) {
    fn walk(value: &mut Value, at: &mut usize, with: &mut Option<Value>) {
        if *at == 0 {
            *value = with.take().unwrap_or(Value::Null);
            return;
        }
        *at -= 1;
        let children: Vec<&mut Value> = match value {
            Value::Array(items) => items.iter_mut().collect(),
            Value::Object(members) => members.values_mut().collect(),
            _ => Vec::new(),
        };
        for child in children {
            if with.is_none() {
                return;
            }
            walk(child, at, with);
        }
    }
    let mut at = at % node_count(value);
    walk(value, &mut at, &mut Some(with));
}

/// Token values of a body: what a decode error must never quote.
fn tokens(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match member.as_str() {
                    Some(text) if key.contains("token") && text.len() >= 6 => out.push(text.to_owned()),
                    _ => tokens(member, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| tokens(item, out)),
        _ => {}
    }
}

/// Checks an answer of `conclude`/`prepare`: JSON, exactly one of `expected`, and a well-formed
/// error if it is one. Returns the parsed answer.
fn well_formed(text: &str, expected: &[&str]) -> Json<'static> {
    let answer = parse(text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    let present: Vec<&&str> = expected.iter().filter(|key| answer.get(key).is_some()).collect();
    assert_eq!(present.len(), 1, "{text}");
    if let Some(error) = answer.get("error") {
        assert!(KINDS.contains(&error.str_at("kind").unwrap_or_default()), "{text}");
        for field in ["provider", "method", "code", "message"] {
            assert!(error.has_text(field), "{field} in {text}");
        }
    }
    answer.into_owned()
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![prop::sample::select(&[200u16, 201, 302, 400, 401, 404, 429, 500, 503][..]), any::<u16>()]
}

/// Concludes an attempt that got `body` with `status`: the answer must be well formed, and a decode
/// error of a success must not quote any of `secrets`.
fn judge(index: usize, body: String, status: u16, retry_after: Option<String>, attempt: u32, secrets: &[String]) {
    let report = Attempt {
        number: attempt,
        elapsed_ms: attempt * 300,
        now_ms: 1_445_412_480_000,
        jitter: 500,
        transport: TransportConfig::default(),
        // Slack's methods spend; a refresh's answers (Rotates) are tried on every other attempt.
        response: HttpResponse {
            status,
            body,
            spent: match METHODS[index].provider {
                Provider::Slack if attempt % 2 == 1 => RetryClass::Rotates,
                Provider::Slack => RetryClass::Spends,
                Provider::Stytch => RetryClass::Lookup,
            },
            ..HttpResponse::default()
        },
        retry_after,
        ..Attempt::default()
    };
    let answer = well_formed(&conclude_at(METHODS, index, report), &["retry", "ok", "error"]);
    let message = answer.get("error").and_then(|error| error.str_at("message")).unwrap_or_default();
    if (200..300).contains(&status) {
        for secret in secrets {
            assert!(!message.contains(secret.as_str()), "{secret} quoted in {message}");
        }
    }
}

/// Every node of every documented answer replaced by each value at the edge of what a decoder
/// meets (empty, wrong type, control characters): deterministic, so a rare shape that random
/// mutation finds once in thousands of runs is tried on every run.
#[test]
fn every_node_of_every_answer_takes_every_edge_value() {
    let edges = [
        Value::Null,
        Value::Bool(false),
        Value::Bool(true),
        Value::from(0),
        Value::from(-1),
        Value::from(1.5),
        Value::from(""),
        Value::from("\u{0}\r\n"),
        Value::from("xoxb-1"),
        Value::Array(Vec::new()),
        Value::Object(serde_json::Map::new()),
    ];
    for (index, body) in documented() {
        let mut documented_tokens = Vec::new();
        tokens(&body, &mut documented_tokens);
        for at in 0..node_count(&body) {
            for edge in &edges {
                let mut mutated = body.clone();
                replace_node(&mut mutated, at, edge.clone());
                // The edge token too, where it landed under a token's key.
                let mut secrets = documented_tokens.clone();
                tokens(&mutated, &mut secrets);
                for status in [200, 400, 429] {
                    judge(index, mutated.to_string(), status, None, 0, &secrets);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decoders_judge_any_answer(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec((any::<usize>(), any_json()), 0..3),
        status in status(),
        cut in prop::option::of(any::<prop::sample::Index>()),
        retry_after in prop::option::of(prop_oneof![".{0,30}", "[0-9]{1,12}", Just("Wed, 21 Oct 2015 07:28:00 GMT".to_owned())]),
        attempt in 0u32..4,
    ) {
        let answers = documented();
        let (index, mut body) = answers[pick.index(answers.len())].clone();
        let mut secrets = Vec::new();
        tokens(&body, &mut secrets);
        for (at, with) in mutations {
            replace_node(&mut body, at, with);
        }
        let mut text = body.to_string();
        if let Some(cut) = cut {
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        judge(index, text, status, retry_after, attempt, &secrets);
    }

    #[test]
    fn transport_failures_end_or_retry(index in 0..METHODS.len(), failure in ".{0,12}", detail in ".{0,40}", attempt in 0u32..4) {
        let failure = ["network", "timeout", "deadline", "aborted", "too_large", "redirect"].get(failure.len() % 7).map_or(failure.clone(), |f| (*f).to_owned());
        let report = Attempt { number: attempt, failure: Some(failure), detail: Some(detail), ..Attempt::default() };
        well_formed(&conclude_at(METHODS, index, report), &["retry", "error"]);
    }

    #[test]
    fn requests_or_validation_errors_for_any_params(index in 0..METHODS.len(), params in any_json(), options in any_json()) {
        let client = client_text(index);
        let answer = well_formed(&prepare_at(METHODS, index, [&client, &params.to_string(), &options.to_string()]), &["request", "error"]);
        if let Some(request) = answer.get("request") {
            prop_assert!(request.str_at("url").unwrap_or_default().starts_with("http://127.0.0.1:1/"));
        } else {
            prop_assert_eq!(answer.get("error").and_then(|e| e.str_at("kind")), Some("validation"));
        }
    }

    #[test]
    fn any_client_is_checked_once(client in any_json(), stytch in any::<bool>()) {
        let answer = if stytch {
            check_client::<StytchConfig>(&client.to_string())
        } else {
            check_client::<SlackConfig>(&client.to_string())
        };
        well_formed(&answer, &["client", "error"]);
    }

    #[test]
    fn a_garbled_checked_client_is_no_panic(index in 0..METHODS.len(), client in any_json(), params in any_json()) {
        well_formed(&prepare_at(METHODS, index, [&client.to_string(), &params.to_string(), "null"]), &["request", "error"]);
    }

    #[test]
    fn states_sign_and_verify_without_panicking(secret in ".{0,40}", state in ".{0,80}", ttl in any::<i64>(), now in any::<u32>()) {
        let _ = verify(&state, &secret, u64::from(now)); // any state, any expected signature
        let options = SignStateOptions { ttl_seconds: Some(Json::Number(ttl.to_string().into())), data: None };
        if let Ok(payload) = sign(&secret, &options, &[7; 16], u64::from(now)) {
            let expected = signature(&secret, &payload);
            let state = format!("{payload}.{expected}");
            prop_assert!(verify(&state, &expected, u64::from(now)).is_ok());
        }
    }

    #[test]
    fn text_survives_the_json_round_trip(text in any::<String>()) {
        let written = Writer::new().text("t", &text).finish();
        let parsed = parse(&written).unwrap();
        prop_assert_eq!(parsed.str_at("t"), Some(text.as_str()));
    }

    #[test]
    fn readers_take_any_text(text in any::<String>(), now in any::<u64>()) {
        let _ = parse(&text);
        let _ = retry_after::parse(&text, now);
        let _ = edge_oauth::base_url::check_url(edge_oauth::Call::new(Provider::Slack, "t"), "url", &text);
        let _ = from_base64url(&text);
    }

    #[test]
    fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        prop_assert_eq!(from_base64url(&base64url(&bytes)), Some(bytes));
    }
}
