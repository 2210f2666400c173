// examples/native.rs against the mock, as a user runs it: `make test-rust` builds it first
// (`cargo build --example native --features native`). It prints team.id and the first
// registration's scopes, or each error's kind and code, and never a secret.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { promisify } from "node:util";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { useMock } from "../node/helpers.mjs";

const run = promisify(execFile);
const EXAMPLE = new URL("../../target/debug/examples/native", import.meta.url).pathname;
const mock = useMock();

/** Runs the example with the mock's credentials, the code and member id given; never throws. */
async function example(code, member, extraEnv = {}) {
  const env = {
    PATH: process.env.PATH,
    SLACK_CLIENT_ID: MOCK_CLIENT_ID,
    SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET,
    SLACK_CODE: code,
    STYTCH_PROJECT_ID: MOCK_PROJECT_ID,
    STYTCH_SECRET: MOCK_SECRET,
    STYTCH_ORGANIZATION_ID: "organization-1",
    STYTCH_MEMBER_ID: member,
    ...extraEnv,
  };
  const url = mock.current.url;
  try {
    const { stdout, stderr } = await run(EXAMPLE, [`${url}/api/`, url], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

function assertNoSecret({ stdout, stderr }, code) {
  for (const secret of [MOCK_CLIENT_SECRET, MOCK_SECRET, code, "xoxb-", "xoxp-", "xoxe-"]) {
    assert.ok(!stdout.includes(secret) && !stderr.includes(secret), `${secret} printed`);
  }
}

test("the exchange and the lookup print team.id and the scopes", async () => {
  const result = await example("good~native", "member-1");
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "slack team.id: T0MOCK\nstytch registrations[0].scopes: users:read users:read.email\n");
  assertNoSecret(result, "good~native");
  const [exchange, lookup] = (await (await fetch(`${mock.current.url}/__mock/requests`)).json());
  assert.equal(exchange.path, "/api/oauth.v2.access");
  assert.equal(exchange.form.code, "good~native");
  assert.equal(lookup.path, "/v1/b2b/organizations/organization-1/members/member-1/oauth_providers/slack");
});

test("errors print their kind and code, and the example exits 1", async () => {
  const result = await example("invalid~native", "member-missing");
  assert.equal(result.code, 1);
  assert.equal(
    result.stdout,
    "slack error platform invalid_code (HTTP 200)\nstytch error platform member_not_found (HTTP 404)\n",
  );
  assertNoSecret(result, "invalid~native");
});

test("a 429 is waited out as Retry-After says, once, then the call succeeds", async () => {
  const result = await example("429-once~native", "member-429-once~native");
  assert.equal(result.code, 0, result.stderr);
  const requests = await (await fetch(`${mock.current.url}/__mock/requests`)).json();
  assert.deepEqual(requests.map((request) => request.path.split("/").at(-1)), ["oauth.v2.access", "oauth.v2.access", "slack", "slack"]);
  // Retry-After: 1 is a wait of at least a second; the clock is only checked from below.
  assert.ok(requests[1].at - requests[0].at >= 1000 && requests[3].at - requests[2].at >= 1000);
});

test("a missing variable is named, with exit code 2", async () => {
  const { code, stdout, stderr } = await example("good", "member-1", { SLACK_CLIENT_ID: "" });
  // An empty client id is the core's validation error, as the npm package's would be.
  assert.equal(code, 1);
  assert.match(stdout, /^slack error validation missing_param$/m);
  const bare = await run(EXAMPLE, [`${mock.current.url}/api/`, mock.current.url], { env: { PATH: process.env.PATH } })
    .catch((error) => error);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /SLACK_CLIENT_ID is not set/);
  assert.equal(stderr, "");
});
