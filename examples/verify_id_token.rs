//! Verifies Sign in with Slack id_tokens through the Rust API, for the tests that hold it to the
//! npm package's `verifySlackIdToken` (tests/rust/id-token.test.mjs): one JSON line in per check,
//! `{"id_token": "…", "options": {...}, "advance_ms": 0}`, with the options as the npm package
//! takes them, and one line out: `{"ok":true,"sub":"U…"}`, or `{"error":{...}}` with the fields
//! the npm package's `EdgeOAuthError` gets. The clock is the system's plus every `advance_ms` so
//! far, so a test can let a minute pass without waiting for it.
//!
//! ```text
//! cargo run --example verify_id_token --features native,serde < checks.jsonl
//! ```

use edge_oauth::call::error_json;
use edge_oauth::client::id_token::{verify_slack_id_token, VerifySlackIdTokenOptions};
use edge_oauth::client::native::{block_on, NativeTransport};
use edge_oauth::client::{Failure, Request, Response, Transport};
use serde_json::{json, Value};
use std::cell::Cell;
use std::io::{BufRead, Write};

/// The native transport with a clock that tests can move forward.
struct Advanced {
    transport: NativeTransport,
    offset_ms: Cell<u64>,
}

impl Transport for Advanced {
    async fn send(&self, request: &Request) -> Result<Response, Failure> {
        self.transport.send(request).await
    }

    async fn sleep(&self, ms: u32) {
        self.transport.sleep(ms).await;
    }

    fn now_ms(&self) -> u64 {
        self.transport.now_ms() + self.offset_ms.get()
    }
}

fn main() {
    let transport = Advanced { transport: NativeTransport::new(), offset_ms: Cell::new(0) };
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let check: Value = serde_json::from_str(&line.expect("stdin")).expect("one JSON object per line");
        transport.offset_ms.set(transport.offset_ms.get() + check["advance_ms"].as_u64().unwrap_or(0));
        let answer = match serde_json::from_value::<VerifySlackIdTokenOptions>(check["options"].clone()) {
            Err(error) => json!({ "options": error.to_string() }),
            Ok(options) => {
                let id_token = check["id_token"].as_str().unwrap_or_default();
                match block_on(verify_slack_id_token(&transport, id_token, &options)) {
                    Ok(claims) => json!({ "ok": true, "sub": claims.sub }),
                    Err(error) => {
                        json!({ "error": serde_json::from_str::<Value>(&error_json(&error)).expect("error JSON") })
                    }
                }
            }
        };
        writeln!(out, "{answer}").and_then(|()| out.flush()).expect("stdout");
    }
}
