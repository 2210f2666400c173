// The Rust API's verify_slack_id_token against the mock (examples/verify_id_token.rs, which
// `make test-rust` builds), held to the npm package's verifySlackIdToken: the same forgeries
// (tests/node/id-token-cases.mjs) and bad options give the same error fields from both, and
// the key cache keeps the same refetch rule, counted in the mock's requests with the example's
// clock moved forward (no test waits on a timer).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { verifySlackIdToken } from "edge-oauth";
import { NONCE, claimsFor, forgeries } from "../node/id-token-cases.mjs";
import { useMock } from "../node/helpers.mjs";

const EXAMPLE = new URL("../../target/debug/examples/verify_id_token", import.meta.url).pathname;
const mock = useMock();
const client_id = "1111.2222";
const claims = claimsFor(client_id);
let urls = 0;
const freshJwks = () => `${mock.current.url}/openid/connect/keys/rust-${++urls}`;
const jwksFetches = () => mock.current.requests.filter((request) => request.path.startsWith("/openid/connect/keys")).length;

/** The example, running: `check(id_token, options, advance_ms)` answers its line for them. */
let example;
before(() => {
  const child = spawn(EXAMPLE, [], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  example = {
    child,
    async check(id_token, options, advance_ms = 0) {
      child.stdin.write(`${JSON.stringify({ id_token, options, advance_ms })}\n`);
      const { value, done } = await lines.next();
      assert.ok(!done, "the example ended");
      return JSON.parse(value);
    },
  };
});
after(() => example.child.stdin.end());

/** What the npm package answers, in the example's terms. */
async function viaPackage(id_token, options) {
  try {
    return { ok: true, sub: (await verifySlackIdToken(id_token, options)).sub };
  } catch ({ kind, provider, method, code, status, field }) {
    return { error: { kind, provider, method, code, ...(status === undefined ? {} : { status }), ...(field === undefined ? {} : { field }) } };
  }
}

/** The error's fields but its message (the two word some messages differently). */
function fields(answer) {
  if (!answer.error) return answer;
  const { message, ...rest } = answer.error;
  assert.equal(typeof message, "string");
  return { error: rest };
}

test("a valid token, each forgery and each bad option: the same answer from Rust and from the package", async () => {
  const options = () => ({ client_id, nonce: NONCE, jwks_url: freshJwks() });
  const checks = [
    ["valid", mock.current.keyring.sign(claims()), options()],
    ...forgeries(mock.current.keyring, claims).filter(([, token]) => typeof token === "string").map(([name, token]) => [name, token, options()]),
    ["empty client_id", mock.current.keyring.sign(claims()), { ...options(), client_id: "" }],
    ["empty nonce", mock.current.keyring.sign(claims()), { ...options(), nonce: "" }],
    ["http jwks_url", mock.current.keyring.sign(claims()), { ...options(), jwks_url: "http://slack.com/openid/connect/keys" }],
    ["skew over 300", mock.current.keyring.sign(claims()), { ...options(), clock_skew_seconds: 301 }],
    ["JWKS 500", mock.current.keyring.sign(claims()), { ...options(), jwks_url: `${mock.current.url}/openid/connect/keys/500` }],
    ["JWKS redirect", mock.current.keyring.sign(claims()), { ...options(), jwks_url: `${mock.current.url}/openid/connect/keys/redirect` }],
    ["JWKS html", mock.current.keyring.sign(claims()), { ...options(), jwks_url: `${mock.current.url}/openid/connect/keys/html` }],
  ];
  for (const [name, token, given] of checks) {
    const rust = fields(await example.check(token, given));
    const js = await viaPackage(token, given);
    assert.deepEqual(rust, js, name);
  }
  assert.equal((await example.check(mock.current.keyring.sign(claims()), options())).sub, "U0MOCK");
});

test("the Rust key cache: per URL, an unknown kid refetched at most once a minute", async () => {
  const keyring = mock.current.keyring;
  const options = { client_id, jwks_url: freshJwks() };
  const code = async (token, advance_ms) => {
    const answer = await example.check(token, options, advance_ms);
    return answer.sub ?? answer.error.code;
  };
  assert.equal(await code(keyring.sign(claims())), "U0MOCK");
  assert.equal(await code(keyring.sign(claims())), "U0MOCK");
  assert.equal(jwksFetches(), 1, "the keys are cached");
  keyring.rotate();
  const rotated = keyring.sign(claims());
  assert.equal(await code(rotated), "unknown_key");
  assert.equal(jwksFetches(), 1, "no refetch within the minute of the last fetch");
  assert.equal(await code(rotated, 60_000), "U0MOCK");
  assert.equal(jwksFetches(), 2, "exactly one refetch for the new key");
  const unknown = keyring.sign(claims(), { header: { kid: "mock-never-published" } });
  assert.equal(await code(unknown, 60_000), "unknown_key");
  assert.equal(await code(unknown), "unknown_key");
  assert.equal(jwksFetches(), 3, "an unknown kid twice in a minute fetches once");
});
