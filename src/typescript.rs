//! The package's TypeScript declarations, generated from the Rust types: each params struct and
//! view declares itself (tsify) and the types it refers to, and the client classes are laid out
//! from the method catalog. `src/bin/typescript.rs` prints the result into `pkg/`; none of this
//! code is reachable from the wasm exports, so none of it ships in the wasm.

use crate::catalog;
use crate::endpoint::Endpoint;
use crate::error::{ErrorKind, Provider};
use crate::prelude::*;
use crate::seam::{catalog as catalog_keys, catalog_method};

/// A type that appears in the public TypeScript.
pub trait TypeScript {
    /// Its name in TypeScript (empty for types written inline, like `string`).
    const NAME: &'static str = "";

    /// Adds its declaration, and those of the types it refers to, to `out` (once each).
    fn declare(_out: &mut Vec<&'static str>) {}
}

macro_rules! inline_types {
    ($($ty:ty),*) => { $(impl TypeScript for $ty {})* };
}

inline_types!(String, bool, u16, u32, u64, i64, crate::secret::Secret, crate::json::Json<'_>, crate::view::HttpStatus);
inline_types!(
    crate::params::Never,
    crate::options::Signal,
    crate::flow::authorize_url::Scopes,
    crate::flow::state::StateData
);

impl<T: TypeScript> TypeScript for Option<T> {
    fn declare(out: &mut Vec<&'static str>) {
        T::declare(out);
    }
}

impl<T: TypeScript> TypeScript for Vec<T> {
    fn declare(out: &mut Vec<&'static str>) {
        T::declare(out);
    }
}

/// Adds `decl` unless it is there, and then what it refers to.
pub fn declare_once(out: &mut Vec<&'static str>, decl: &'static str, fields: &[fn(&mut Vec<&'static str>)]) {
    if !out.contains(&decl) {
        out.push(decl);
        for field in fields {
            field(out);
        }
    }
}

/// Adds `[key: string]: unknown` to an answer's top-level interface: providers add fields over
/// time, and code that reads one (as `@slack/web-api`'s types allow) must compile against ours.
fn open_to_new_fields(decl: &str) -> String {
    match decl.rfind('}') {
        Some(end) => format!("{}    [key: string]: unknown;\n{}", &decl[..end], &decl[end..]),
        None => decl.to_owned(),
    }
}

/// Receives the catalog's endpoints.
pub trait EndpointVisitor {
    /// One endpoint.
    fn visit<E: Endpoint>(&mut self)
    where
        E::Params: TypeScript,
        E::Response: TypeScript;
}

/// A method's place and types, as the generator lays them out.
struct MethodTypes {
    provider: Provider,
    path: &'static str,
    params: &'static str,
    params_optional: bool,
    response: &'static str,
}

#[derive(Default)]
struct Collector {
    declarations: Vec<&'static str>,
    methods: Vec<MethodTypes>,
}

impl EndpointVisitor for Collector {
    fn visit<E: Endpoint>(&mut self)
    where
        E::Params: TypeScript,
        E::Response: TypeScript,
    {
        E::Params::declare(&mut self.declarations);
        E::Response::declare(&mut self.declarations);
        let call = E::CALL;
        self.methods.push(MethodTypes {
            provider: call.provider,
            path: call.method,
            params: E::Params::NAME,
            params_optional: <E::Params as crate::params::Params>::OPTIONAL,
            response: E::Response::NAME,
        });
    }
}

/// The client classes: name, constructor parameters, and the provider whose methods they hold.
/// Each also takes the official SDK's options (`js/official.mjs`).
const CLIENTS: [(&str, &str, Provider); 2] = [
    ("SlackClient", "token?: string, options?: SlackClientOptions & WebClientOfficialOptions", Provider::Slack),
    ("StytchB2BClient", "options: StytchB2BClientOptions & B2BClientOfficialOptions", Provider::Stytch),
];

/// The official SDKs' names for the clients: the same classes (a value and a type each).
const OFFICIAL_NAMES: &str = r#"/** `@slack/web-api`'s name for `SlackClient`: the same class. */
export declare const WebClient: typeof SlackClient;
export type WebClient = SlackClient;

/** `stytch`'s name for `StytchB2BClient`: the same class. */
export declare const B2BClient: typeof StytchB2BClient;
export type B2BClient = StytchB2BClient;

"#;

/// The methods and limits the JS facade builds on, as JSON: `{ methods: [{ provider, path }],
/// maxText, done, official }`, where `done` is the text of `conclude`'s usual verdict, which the
/// facade recognises without parsing it, and `official` the official SDKs' options beyond ours.
/// `make build` compiles it into the facade, in the order dispatch numbers the methods.
pub fn catalog_json() -> String {
    let methods: Vec<String> = crate::catalog::METHODS
        .iter()
        .map(|m| {
            let method = crate::json::Writer::new().text(catalog_method::provider, m.provider.as_str());
            method.text(catalog_method::path, m.path).finish()
        })
        .collect();
    let done = crate::json::Writer::quoted(&crate::call::verdict_json(&crate::call::Verdict::Done));
    crate::json::Writer::new()
        .raw(catalog_keys::methods, &format!("[{}]", methods.join(",")))
        .int(catalog_keys::maxText, crate::params::MAX_TEXT_CHARS as i64)
        .raw(catalog_keys::done, &done)
        .raw(catalog_keys::official, &official_json())
        .finish()
}

/// The official SDKs' options beyond ours, the most retries `retryConfig.retries` becomes, and
/// the longest timeout.
fn official_json() -> String {
    use crate::json::Writer;
    use crate::params::Params;
    use crate::seam::official;
    let keys =
        |keys: &[&str]| format!("[{}]", keys.iter().map(|key| Writer::quoted(key)).collect::<Vec<_>>().join(","));
    Writer::new()
        .raw(official::slack, &keys(crate::slack::WebClientOfficialOptions::KEYS))
        .raw(official::stytch, &keys(crate::stytch::B2BClientOfficialOptions::KEYS))
        .int(official::maxRetries, crate::options::MAX_RETRIES.into())
        .int(official::maxTimeout, crate::options::MAX_TIMEOUT_MS.into())
        .finish()
}

/// The whole `.d.ts` of the package's entry.
pub fn declarations() -> String {
    let mut collector = Collector::default();
    catalog::visit(&mut collector);
    let mut out = String::from("// Generated from the Rust types by `src/bin/typescript.rs`; do not edit.\n\n");
    let mut extra = Vec::new();
    crate::slack::SlackClientOptions::declare(&mut extra);
    crate::stytch::StytchB2BClientOptions::declare(&mut extra);
    crate::slack::WebClientOfficialOptions::declare(&mut extra);
    crate::stytch::B2BClientOfficialOptions::declare(&mut extra);
    crate::options::CallOptions::declare(&mut extra);
    crate::flow::authorize_url::SlackAuthorizeUrlFields::declare(&mut extra);
    crate::flow::sign_in_url::SlackSignInUrlParams::declare(&mut extra);
    crate::flow::state::SignStateOptions::declare(&mut extra);
    crate::flow::PkcePair::declare(&mut extra);
    crate::flow::state::VerifiedState::declare(&mut extra);
    crate::slack::id_token::VerifySlackIdTokenOptions::declare(&mut extra);
    crate::slack::id_token::SlackIdTokenClaims::declare(&mut extra);
    // An id_token's claims are open too: Slack adds some (`https://slack.com/user_image_512`, …).
    let responses: Vec<String> = collector
        .methods
        .iter()
        .map(|m| m.response)
        .chain([crate::slack::id_token::SlackIdTokenClaims::NAME])
        .map(|name| format!("export interface {name} {{"))
        .collect();
    for decl in collector.declarations.iter().chain(&extra) {
        let answer = responses.iter().any(|start| decl.contains(start.as_str()));
        out.push_str(&if answer { open_to_new_fields(decl) } else { (*decl).to_owned() });
        out.push_str("\n\n");
    }
    out.push_str(&error_declarations());
    for (class, constructor, provider) in CLIENTS {
        out.push_str(&format!("export declare class {class} {{\n  constructor({constructor});\n"));
        let paths: Vec<&MethodTypes> = collector.methods.iter().filter(|m| m.provider == provider).collect();
        out.push_str(&namespace(&paths, "", 1));
        if provider == Provider::Slack {
            out.push_str(&api_call(&paths));
        }
        out.push_str("}\n\n");
    }
    out.push_str(OFFICIAL_NAMES);
    out.push_str(FLOW_FUNCTIONS);
    out
}

/// The members at `prefix` of a client: methods, and namespaces as nested object types.
fn namespace(methods: &[&MethodTypes], prefix: &str, depth: usize) -> String {
    let indent = "  ".repeat(depth);
    let mut out = String::new();
    let mut namespaces: Vec<&str> = Vec::new();
    for method in methods {
        let Some(rest) = method.path.strip_prefix(prefix) else { continue };
        match rest.split_once('.') {
            None => out.push_str(&format!(
                "{indent}/** `{}`: see the README. */\n{indent}{rest}({};\n",
                method.path,
                signature(method)
            )),
            Some((name, _)) if !namespaces.contains(&name) => namespaces.push(name),
            Some(_) => {}
        }
    }
    for name in namespaces {
        let inner = namespace(methods, &format!("{prefix}{name}."), depth + 1);
        out.push_str(&format!("{indent}readonly {name}: {{\n{inner}{indent}}};\n"));
    }
    out
}

/// A method's parameters and answer, after its name: `params: P, options?: CallOptions): Promise<R>`.
fn signature(method: &MethodTypes) -> String {
    let optional = if method.params_optional { "?" } else { "" };
    format!("params{optional}: {}, options?: CallOptions): Promise<{}>", method.params, method.response)
}

/// `@slack/web-api`'s `apiCall(method, params)`: an overload per method of the client.
fn api_call(methods: &[&MethodTypes]) -> String {
    let overloads: Vec<String> =
        methods.iter().map(|m| format!("  apiCall(method: \"{}\", {};\n", m.path, signature(m))).collect();
    format!("  /** A method by its name, as `@slack/web-api`'s `apiCall`. */\n{}", overloads.concat())
}

fn error_declarations() -> String {
    let kinds: Vec<String> = ErrorKind::ALL.iter().map(|kind| format!("\"{}\"", kind.as_str())).collect();
    let providers: Vec<String> = Provider::ALL.iter().map(|p| format!("\"{}\"", p.as_str())).collect();
    format!(
        "/** What kind of failure an `EdgeOAuthError` is. */\nexport type EdgeOAuthErrorKind = {};\n\n{}",
        kinds.join(" | "),
        ERROR_INTERFACE.replace("PROVIDERS", &providers.join(" | "))
    )
}

const ERROR_INTERFACE: &str = r#"/** Every failure of edge-oauth rejects with this. It never holds a secret. */
export interface EdgeOAuthError extends Error {
  name: "EdgeOAuthError";
  kind: EdgeOAuthErrorKind;
  provider: PROVIDERS;
  /** e.g. "oauth.v2.access", "organizations.members.oauthProviders.slack". */
  method: string;
  /** The provider's error code ("invalid_code"), or ours ("missing_param", "timeout", …). */
  code: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Seconds to wait, on "rate_limited" when the provider said. */
  retryAfter?: number;
  /** Stytch's request_id or Slack's x-slack-req-id. */
  requestId?: string;
  /** The offending parameter, on "validation". */
  field?: string;
  /** The parsed error body, when there was one. */
  data?: unknown;
  /** The runtime's own error, on "network" (and the signal's reason, on "aborted"). */
  cause?: unknown;
}

/** Whether `value` is an `EdgeOAuthError`. */
export declare function isEdgeOAuthError(value: unknown): value is EdgeOAuthError;

"#;

const FLOW_FUNCTIONS: &str = r#"/** A new PKCE verifier and its S256 challenge (RFC 7636). */
export declare function pkcePair(): Promise<PkcePair>;

/** Slack's authorize URL for these params, URL-encoded. Throws an `EdgeOAuthError` on bad input. */
export declare function slackAuthorizeUrl(params: SlackAuthorizeUrlParams): string;

/**
 * Sign in with Slack's authorize URL (OpenID Connect: https://slack.com/openid/connect/authorize,
 * `response_type=code`, `openid` always in the scope), URL-encoded, with `slackAuthorizeUrl`'s
 * checks. Throws an `EdgeOAuthError` on bad input.
 */
export declare function slackSignInUrl(params: SlackSignInUrlParams): string;

/** A signed, expiring `state` (HMAC-SHA256 with `secret`, at least 32 bytes), carrying `data`. */
export declare function signState(secret: string, options?: SignStateOptions): Promise<string>;

/**
 * Checks a state from `signState` (signature, then expiry) and returns what it carries. Rejects
 * with a `validation` error, `code` `invalid_state` or `expired_state`. Single use is the
 * caller's to enforce: record `nonce` until `expires_at`.
 */
export declare function verifyState(secret: string, state: string): Promise<VerifiedState>;

/**
 * Checks a Sign in with Slack id_token (RS256 by a key of Slack's JWKS, `iss`, `aud`, `exp`,
 * `iat`, `nonce`) and resolves to its claims. Rejects with a `validation` error on `id_token`
 * whose `code` names the failed check (`bad_signature`, `expired_id_token`, …; see the README).
 */
export declare function verifySlackIdToken(id_token: string, options: VerifySlackIdTokenOptions): Promise<SlackIdTokenClaims>;
"#;

/// The catalog as the READMEs and tests read it (`typescript methods`): the clients, and for
/// each method its provider, path, params and answer types, keys, and retry class. Not compiled
/// into the facade, which needs only `catalog_json`.
pub fn methods_json() -> String {
    use crate::json::Writer;
    let mut collector = Collector::default();
    catalog::visit(&mut collector);
    let clients: Vec<String> = CLIENTS
        .iter()
        .map(|(class, _, provider)| Writer::new().text("provider", provider.as_str()).text("class", class).finish())
        .collect();
    let methods: Vec<String> = collector
        .methods
        .iter()
        .zip(catalog::ENTRIES)
        .map(|(types, entry)| {
            let keys: Vec<String> = entry
                .fields
                .iter()
                .map(|f| {
                    Writer::new().text("name", f.key).bool("optional", f.optional).text("expected", f.expected).finish()
                })
                .collect();
            let mut retry = Writer::new().text("class", entry.retry.class.as_str());
            if let Some((key, value, class)) = entry.retry.switch {
                retry = retry.raw(
                    "switch",
                    &Writer::new().text("key", key).raw("value", value).text("class", class.as_str()).finish(),
                );
            }
            Writer::new()
                .text("provider", types.provider.as_str())
                .text("path", types.path)
                .text("params", types.params)
                .bool("paramsOptional", types.params_optional)
                .text("response", types.response)
                .raw("keys", &crate::text!("[", keys.join(","), "]"))
                .raw("retry", &retry.finish())
                .finish()
        })
        .collect();
    crate::text!(r#"{"clients":["#, clients.join(","), r#"],"methods":["#, methods.join(","), "]}")
}
