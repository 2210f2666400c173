// Every method of the Rust catalog (scripts/catalog.mjs), end to end: one call through the built
// package to the mock, one request sent, and the answer it gave. A method added to the catalog
// fails here until it has a case in END_TO_END and a group in hostile-cases.mjs with hostile
// values for each of its keys; tsc fails
// until tests/types/consumer.mts checks its types (`TYPE_CHECKS` there must name every method).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as lib from "edge-oauth";
import { catalog } from "../../scripts/catalog.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID as project_id, MOCK_SECRET as secret } from "../mock/stytch.mjs";
import { hostileGroups } from "./hostile-cases.mjs";
import { useMock } from "./helpers.mjs";

const mock = useMock();
const ids = { organization_id: "organization-test-1", member_id: "member-test-1" };
const first = (answer) => answer.registrations[0];

/** Per catalog method: valid params, and a value of the mock's answer to check ([pick, expected]). */
const END_TO_END = {
  "oauth.access": { params: { client_id, client_secret, code: "classic" }, answer: [(a) => a.access_token, "xoxp-mock-classic"] },
  "oauth.v2.access": { params: { client_id, client_secret, code: "good" }, answer: [(a) => a.team.id, "T0MOCK"] },
  "apps.auth.external.get": { params: { external_token_id: "Et-ok" }, answer: [(a) => a.external_token, "ext-token-for-Et-ok"] },
  "apps.auth.external.delete": { params: { external_token_id: "Et-ok" }, answer: [(a) => a.ok, true] },
  "auth.revoke": { params: { test: true }, answer: [(a) => a.revoked, false] },
  "openid.connect.token": { params: { client_id, client_secret, code: "good" }, answer: [(a) => a.token_type, "Bearer"] },
  "organizations.members.oauthProviders.slack": { params: ids, answer: [(a) => first(a).bot_access_token, "xoxb-stytch-saved-bot"] },
  "organizations.members.oauthProviders.google": { params: ids, answer: [(a) => a.access_token, "mock-access-google"] },
  "organizations.members.oauthProviders.microsoft": { params: ids, answer: [(a) => a.access_token, "mock-access-microsoft"] },
  "organizations.members.oauthProviders.github": { params: ids, answer: [(a) => first(a).access_token, "mock-access-github"] },
  "organizations.members.oauthProviders.hubspot": { params: ids, answer: [(a) => first(a).access_token, "mock-access-hubspot"] },
};

/** A client of `provider` against the mock. */
function client(provider) {
  const url = mock.current.url;
  return provider === "slack"
    ? new lib.SlackClient(MOCK_BOT_TOKEN, { slackApiUrl: `${url}/api/` })
    : new lib.StytchB2BClient({ project_id, secret, custom_base_url: url });
}

const { methods } = catalog();

describe("every catalog method end to end", () => {
  for (const { provider, path } of methods) {
    test(`${provider} ${path}`, async () => {
      const c = END_TO_END[path];
      assert.ok(c, `no end-to-end case for ${path}: add one to END_TO_END`);
      const method = path.split(".").reduce((node, name) => node?.[name], client(provider));
      assert.equal(typeof method, "function", `the client has ${path}`);
      const [pick, expected] = c.answer;
      assert.deepEqual(pick(await method(c.params)), expected);
      assert.equal(mock.current.requests.length, 1, "one request");
    });
  }

  test("END_TO_END names only catalog methods", () => {
    const known = new Set(methods.map((m) => m.path));
    assert.deepEqual(Object.keys(END_TO_END).filter((path) => !known.has(path)), []);
  });
});

/** The hostile-cases.mjs slot shape for each `expected` of the catalog's keys. */
const SHAPES = { "a string": "string", "true or false": "boolean" };

test("every catalog method has hostile-input cases (hostile-cases.mjs), for each of its keys", () => {
  const groups = hostileGroups(lib, {});
  const missing = methods.flatMap((m) => {
    const group = groups.find((g) => g.methods.includes(m.path));
    if (!group) return [`${m.path}: no group`];
    const has = (key) => group.slots.some((slot) => slot.key === key.name && slot.shape === SHAPES[key.expected]);
    return m.keys.filter((key) => !has(key)).map((key) => `${m.path}: no ${SHAPES[key.expected] ?? key.expected} slot for ${key.name}`);
  });
  assert.deepEqual(missing, []);
});
