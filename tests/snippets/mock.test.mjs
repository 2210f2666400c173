// The README's "The mock" section says what the mock knows: its credentials and the token types
// each Slack method takes. Both lists are checked against the mock's own constants, and the
// refusal of a wrong token type is checked through the package, as a user would rehearse it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { packageBuilt } from "../package/built.mjs";
import { startMock } from "../mock/server.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, TOKEN_TYPES, tokenType } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";

await packageBuilt();
const { SlackClient, StytchB2BClient } = await import("edge-oauth");

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = /^### The mock\n([\s\S]*?)^### /m.exec(readme)?.[1] ?? "";

/** The rows of the first Markdown table whose header starts with `first`, as arrays of cells. */
function table(first) {
  const lines = section.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  assert.ok(start >= 0, `the mock section has a table headed "${first}"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.close());

test("the README lists the mock's credentials, as the mock defines them", () => {
  const listed = Object.fromEntries(table("credential").map(([name, value]) => [name, /^`([^`]+)`/.exec(value)?.[1]]));
  assert.deepEqual(listed, {
    "Slack client id": MOCK_CLIENT_ID,
    "Slack client secret": MOCK_CLIENT_SECRET,
    "Slack bot token": MOCK_BOT_TOKEN,
    "Stytch project id": MOCK_PROJECT_ID,
    "Stytch secret": MOCK_SECRET,
  });
});

test("the README lists the token types each method takes, as the mock enforces them", () => {
  const listed = Object.fromEntries(table("method").map(([method, types]) => [method.replace(/`/g, ""), types.split(/,\s*/)]));
  assert.deepEqual(listed, TOKEN_TYPES);
});

test("a user token where a bot token is needed: Slack's not_allowed_token_type", async () => {
  const slackApiUrl = `${mock.url}/api/`;
  const get = (token) => new SlackClient(token, { slackApiUrl, retries: 0 }).apps.auth.external.get({ external_token_id: "Et-ok" });
  const refused = await get("xoxp-mock-user-token").catch((error) => error);
  assert.deepEqual([refused.name, refused.kind, refused.code, refused.status], ["EdgeOAuthError", "platform", "not_allowed_token_type", 200]);
  const rotatingUser = await get("xoxe.xoxp-1-mock-user").catch((error) => error);
  assert.equal(rotatingUser.code, "not_allowed_token_type");
  assert.equal((await get(MOCK_BOT_TOKEN)).external_token, "ext-token-for-Et-ok");
  assert.equal((await get("xoxe.xoxb-1-mock-bot")).external_token, "ext-token-for-Et-ok");
  // Where a user token is allowed, it is taken.
  const user = new SlackClient("xoxp-mock-user-token", { slackApiUrl, retries: 0 });
  assert.equal((await user.apps.auth.external.delete({ external_token_id: "Et-ok" })).ok, true);
  assert.deepEqual(await user.auth.revoke({ test: true }), { ok: true, revoked: false });
  assert.deepEqual([tokenType("xoxb-1"), tokenType("xoxe.xoxp-1"), tokenType("xoxa-2"), tokenType(undefined)], ["bot", "user", null, null]);
});

test("the Stytch credentials the README lists are the ones the mock accepts", async () => {
  const lookup = (secret) => new StytchB2BClient({ project_id: MOCK_PROJECT_ID, secret, custom_base_url: mock.url, retries: 0 })
    .organizations.members.oauthProviders.slack({ organization_id: "organization-test-1", member_id: "member-test-1" });
  assert.equal((await lookup(MOCK_SECRET)).status_code, 200);
  assert.equal((await lookup("wrong").catch((error) => error)).code, "unauthorized_credentials");
});
