// verifySlackIdToken from the built package, against the mock's JWKS (tests/mock/jwks.mjs): a
// valid token, each forgery, the options, the JWKS failures, and the key cache's refetch rule,
// counted in the mock's requests with the clock stubbed (no test waits on a timer).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { verifySlackIdToken } from "edge-oauth";
import { assertNoSecrets, rejectsWith, useMock } from "./helpers.mjs";
import { NONCE, claimsFor, forgeries } from "./id-token-cases.mjs";

const mock = useMock();
const client_id = "1111.2222";
/** Each test its own JWKS URL: the package caches keys per URL, so each starts cold. */
let urls = 0;
const freshJwks = () => `${mock.current.url}/openid/connect/keys/test-${++urls}`;
const claims = claimsFor(client_id);
const now = () => Math.floor(Date.now() / 1000);
const sign = (body = claims(), options) => mock.current.keyring.sign(body, options);
const verify = (token, options = {}) => verifySlackIdToken(token, { client_id, jwks_url: freshJwks(), ...options });
const refused = (code, field = "id_token") => ({ kind: "validation", provider: "slack", method: "verifySlackIdToken", code, field });
const jwksFetches = () => mock.current.requests.filter((request) => request.path.startsWith("/openid/connect/keys")).length;

const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
});

test("a valid id_token resolves to its claims, unknown ones included", async () => {
  const body = claims({ "https://slack.com/team_image_230": "https://a.test/t.png", later: { added: 1 } });
  assert.deepEqual(await verify(sign(body), { nonce: body.nonce }), body);
  // Without a nonce option the nonce is not checked; an `aud` list holding the client id passes.
  assert.equal((await verify(sign(claims({ aud: ["other", client_id] })))).sub, "U0MOCK");
  assert.equal(jwksFetches(), 2); // one per fresh URL
});

test("each forgery is refused with its own code, the token in no message", async () => {
  for (const [name, token, code] of forgeries(mock.current.keyring, claims)) {
    const error = await rejectsWith(verify(token, { nonce: NONCE }), refused(code)).catch((failure) => {
      throw new Error(`${name}: ${failure.message}`);
    });
    if (typeof token === "string") assertNoSecrets(error, [token, token.split(".")[1] || token]);
  }
});

test("clock_skew_seconds widens or narrows exp and iat", async () => {
  const late = sign(claims({ exp: now() - 30 }));
  assert.equal((await verify(late)).sub, "U0MOCK"); // default 60 s
  await rejectsWith(verify(late, { clock_skew_seconds: 0 }), refused("expired_id_token"));
  const early = sign(claims({ iat: now() + 200 }));
  await rejectsWith(verify(early), refused("id_token_from_future"));
  assert.equal((await verify(early, { clock_skew_seconds: 300 })).sub, "U0MOCK");
});

test("bad options are refused before anything is fetched", async () => {
  const token = sign();
  const cases = [
    [undefined, "invalid_param", "options"],
    ["1111.2222", "invalid_param", "options"],
    [new Map(), "invalid_param", "options"],
    [{}, "missing_param", "client_id"],
    [{ client_id: "" }, "missing_param", "client_id"],
    [{ client_id: 1111 }, "invalid_param", "client_id"],
    [{ clientId: client_id }, "unknown_param", "clientId"],
    [{ client_id, nonce: "" }, "missing_param", "nonce"],
    [{ client_id, nonce: 5 }, "invalid_param", "nonce"],
    [{ client_id, jwks_url: "http://slack.com/openid/connect/keys" }, "invalid_param", "jwks_url"],
    [{ client_id, jwks_url: "http://localhost.evil.test/keys" }, "invalid_param", "jwks_url"],
    [{ client_id, jwks_url: "ftp://slack.com/keys" }, "invalid_param", "jwks_url"],
    [{ client_id, jwks_url: "/openid/connect/keys" }, "invalid_param", "jwks_url"],
    [{ client_id, clock_skew_seconds: 301 }, "invalid_param", "clock_skew_seconds"],
    [{ client_id, clock_skew_seconds: -1 }, "invalid_param", "clock_skew_seconds"],
    [{ client_id, clock_skew_seconds: 1.5 }, "invalid_param", "clock_skew_seconds"],
    [{ client_id, get nonce() { throw new Error("getter"); } }, "invalid_param", "options"],
  ];
  for (const [options, code, field] of cases) await rejectsWith(verifySlackIdToken(token, options), refused(code, field));
  assert.equal(jwksFetches(), 0);
  // null stands for an option left out, as everywhere in the package.
  const { sub } = await verifySlackIdToken(token, { client_id, nonce: null, clock_skew_seconds: null, jwks_url: freshJwks() });
  assert.equal(sub, "U0MOCK");
});

test("a JWKS that cannot be used fails as the methods' transport failures do", async () => {
  const token = sign();
  const base = `${mock.current.url}/openid/connect/keys`;
  const jwksError = (kind, code, status) => ({ kind, provider: "slack", method: "verifySlackIdToken", code, status });
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: `${base}/500` }), jwksError("http", "http_error", 500));
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: `${base}/redirect` }), jwksError("http", "redirect", 302));
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: `${base}/html` }), jwksError("decode", "invalid_response", 200));
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: `${base}/no-keys` }), jwksError("decode", "invalid_response", 200));
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: "http://127.0.0.1:9/keys" }), jwksError("network", "network_error", undefined));
  // A failed fetch is not a fetch for the once-a-minute rule: the next verification tries again.
  mock.current.reset();
  await rejectsWith(verifySlackIdToken(token, { client_id, jwks_url: `${base}/500` }), { code: "http_error" });
  assert.equal(jwksFetches(), 1);
});

test("keys are cached per URL; an unknown kid refetches at most once a minute, one fetch at a time", async () => {
  const keyring = mock.current.keyring;
  const jwks_url = freshJwks();
  let clock = realNow();
  Date.now = () => clock;
  const check = (token) => verifySlackIdToken(token, { client_id, jwks_url });
  assert.equal((await check(sign())).sub, "U0MOCK");
  assert.equal((await check(sign())).sub, "U0MOCK");
  assert.equal(jwksFetches(), 1, "the keys are cached");

  keyring.rotate(); // Slack publishes a new key and signs with it
  const rotated = sign();
  await rejectsWith(check(rotated), refused("unknown_key"));
  assert.equal(jwksFetches(), 1, "no refetch within the minute of the last fetch");

  clock += 60_000;
  assert.equal((await check(rotated)).sub, "U0MOCK");
  assert.equal(jwksFetches(), 2, "exactly one refetch for the new key");

  clock += 60_000;
  const unknown = sign(claims(), { header: { kid: "mock-never-published" } });
  await rejectsWith(check(unknown), refused("unknown_key"));
  await rejectsWith(check(unknown), refused("unknown_key"));
  assert.equal(jwksFetches(), 3, "an unknown kid twice in a minute fetches once");

  clock += 60_000;
  keyring.rotate();
  const again = sign();
  const answers = await Promise.all([check(again), check(again), check(again)]);
  assert.deepEqual(answers.map((answer) => answer.sub), ["U0MOCK", "U0MOCK", "U0MOCK"]);
  assert.equal(jwksFetches(), 4, "concurrent verifications share one fetch");
});
