//! The messages the JS facade (`js/`) and the wasm exchange, each key defined once, here.
//!
//! The Rust side reads and writes them through the constants below (`seam::request::url`), so a
//! misspelled key does not compile. The TypeScript side gets `declarations()` (feature
//! `typescript`) as `seam.d.ts` (`make lint-js` writes it into `target/types/`), which
//! `tsc --checkJs` holds the facade to, so a misspelled key there fails `make lint`. The exports'
//! arguments are the other half of the contract: wasm-bindgen declares them in
//! `edge_oauth.d.ts`, checked the same way.

/// Why an attempt got no response (an argument of `conclude`).
#[allow(non_upper_case_globals)]
pub mod failure {
    /// The runtime's `fetch` failed.
    pub const network: &str = "network";
    /// The attempt's `timeout` passed.
    pub const timeout: &str = "timeout";
    /// The call's `deadline` passed.
    pub const deadline: &str = "deadline";
    /// A caller's signal aborted.
    pub const aborted: &str = "aborted";
    /// The answer was larger than the client's cap.
    pub const too_large: &str = "too_large";
    /// A browser's opaque redirect.
    pub const redirect: &str = "redirect";
    /// All of them, for the TypeScript union.
    pub const ALL: [&str; 6] = [network, timeout, deadline, aborted, too_large, redirect];
}

/// Declares the messages: for each, a module of key constants and a TypeScript interface.
macro_rules! messages {
    ($(
        $(#[doc = $doc:literal])*
        $module:ident $name:ident {
            required { $($key:ident: $ts:literal),* $(,)? }
            optional { $($opt_key:ident: $opt_ts:literal),* $(,)? }
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            #[allow(non_upper_case_globals)]
            pub mod $module {
                $(
                    #[doc = concat!("`", stringify!($key), "`")]
                    pub const $key: &str = stringify!($key);
                )*
                $(
                    #[doc = concat!("`", stringify!($opt_key), "`, optional")]
                    pub const $opt_key: &str = stringify!($opt_key);
                )*
            }
        )*

        /// The messages as TypeScript interfaces (`target/types/seam.d.ts`).
        #[cfg(feature = "typescript")]
        pub fn declarations() -> alloc::string::String {
            let mut out = alloc::string::String::from(
                "// The messages between js/ and the wasm, generated from src/seam.rs; do not edit.\n",
            );
            out.push_str("\ndeclare global {\n");
            out.push_str("  /** The catalog, put in the bundle by `make build` (esbuild `--define`). */\n");
            out.push_str("  const EDGE_OAUTH_CATALOG: Catalog;\n}\n");
            out.push_str("\n/** Why an attempt got no response. */\nexport type Failure = ");
            let failures: alloc::vec::Vec<_> =
                failure::ALL.iter().map(|name| alloc::format!("\"{name}\"")).collect();
            out.push_str(&failures.join(" | "));
            out.push_str(";\n");
            $(
                out.push_str(concat!(
                    "\n/**", $($doc,)* " */\nexport interface ", stringify!($name), " {\n",
                    $("  ", stringify!($key), ": ", $ts, ";\n",)*
                    $("  ", stringify!($opt_key), "?: ", $opt_ts, ";\n",)*
                    "}\n",
                ));
            )*
            out
        }
    };
}

messages! {
    /// What `checkClient` answers: the checked configuration, as JSON text the facade hands to
    /// every `prepare` unread, and the client's limits, which the facade reads and hands back to
    /// every `conclude`.
    checked_client CheckedClient {
        required { client: "string", policy: "Policy" }
        optional {}
    }

    /// A client's limits (`TransportConfig`).
    policy Policy {
        required { timeout: "number", deadline: "number", maxBody: "number", retries: "number", rejectRateLimited: "boolean" }
        optional { requestIdHeader: "string" }
    }

    /// What `prepare` answers: the request to send, or why there is none.
    prepared Prepared {
        required {}
        optional { request: "PreparedRequest", error: "ErrorFields" }
    }

    /// A request as the facade sends it; `spends` is its retry class, reported back with each
    /// attempt.
    request PreparedRequest {
        required { url: "string", method: "\"GET\" | \"POST\"", headers: "Record<string, string>", spends: "number" }
        optional { body: "string" }
    }

    /// What follows an attempt: wait `retry` ms and send again, return the body (`ok`), or fail.
    verdict Verdict {
        required {}
        optional { retry: "number", ok: "true", error: "ErrorFields" }
    }

    /// An error as the facade turns it into an `EdgeOAuthError`.
    error ErrorFields {
        required {
            kind: "import(\"./index.js\").EdgeOAuthErrorKind",
            provider: "\"slack\" | \"stytch\"",
            method: "string",
            code: "string",
            message: "string",
        }
        optional { status: "number", retryAfter: "number", requestId: "string", field: "string", data: "unknown" }
    }

    /// What `authorizeUrl` answers (for `slackAuthorizeUrl` and `slackSignInUrl`).
    authorize_url AuthorizeUrlAnswer {
        required {}
        optional { url: "string", error: "ErrorFields" }
    }

    /// What `signState` answers: the payload for the facade to sign.
    sign_state SignStateAnswer {
        required {}
        optional { payload: "string", error: "ErrorFields" }
    }

    /// What `verifyState` answers: what the state carries.
    verify_state VerifyStateAnswer {
        required {}
        optional { verified: "Record<string, unknown>", error: "ErrorFields" }
    }

    /// The method catalog the facade is built with (esbuild `--define`), in the order the wasm
    /// numbers the methods; `done` is the text of `conclude`'s usual verdict.
    catalog Catalog {
        required { methods: "CatalogMethod[]", maxText: "number", done: "string", official: "Official" }
        optional {}
    }

    /// The official SDKs' options beyond ours, by provider (`js/official.mjs` maps or ignores
    /// them), the most retries an official `retryConfig.retries` becomes, and the timeout an
    /// out-of-range one becomes in options written for an official SDK.
    official Official {
        required { slack: "string[]", stytch: "string[]", maxRetries: "number", maxTimeout: "number" }
        optional {}
    }

    /// One method of the catalog.
    catalog_method CatalogMethod {
        required { provider: "\"slack\" | \"stytch\"", path: "string" }
        optional {}
    }
}
