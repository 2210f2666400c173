// Chaos: 500 calls in flight at once against the mock in chaos mode (tests/mock/chaos.mjs), where
// each request may be answered 429 (Retry-After in seconds, as an HTTP-date, or unreadable),
// 500/502/503 (503 sometimes with Retry-After), a dropped socket, a slow or truncated body, or
// HTML. The faults are drawn from a seeded PRNG: a failing run replays with the seed it prints.
//   CHAOS_SEED=123 node --test tests/node/chaos.test.mjs
// The mock runs as its own process (driven over /__mock/…), so that answering 500 requests does
// not eat into the client's timeouts on the same event loop.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { SlackClient, StytchB2BClient } from "edge-oauth";
import { pick, prng } from "../mock/chaos.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET, PROVIDERS } from "../mock/stytch.mjs";

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLS = 500;
// Getting 500 requests out takes about a second on 2 cores; slow bodies take 300 ms (which fits
// in the timeout) or twice the timeout (which does not).
const OPTIONS = { timeout: 3000, retries: 2 };
const GUARD_MS = 40_000; // every call must settle by then
const EARLY_MS = 20; // timer slack allowed when checking a retry against its Retry-After
// On a loaded machine an answer can reach the client after its timeout fired (seen from the test
// as the attempt's signal aborting `timeout` after the request was sent): the client never saw
// that fault, so such an attempt is judged as a timeout. Nothing excuses a repeated spending call.
const timedOut = (attempt) => attempt.abortedAt - attempt.sentAt >= OPTIONS.timeout - EARLY_MS;
const KINDS = ["validation", "platform", "rate_limited", "http", "network", "timeout", "decode"];
const redirect_uri = "https://app.test/cb";
console.log(`chaos seed ${SEED} (replay: CHAOS_SEED=${SEED} node --test tests/node/chaos.test.mjs)`);

let mock, slack, stytch, calls, elapsed;

/** The mock as a child process, with the `/__mock/…` routes as methods. */
async function startMockProcess() {
  const child = spawn(process.execPath, [new URL("../mock/server.mjs", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(child.stdout, "data", { signal: AbortSignal.timeout(10_000) });
  const url = String(line).match(/MOCK_URL=(\S+)/)[1];
  const post = async (path, body = {}) => (await fetch(`${url}/__mock/${path}`, { method: "POST", body: JSON.stringify(body) })).json();
  return {
    url,
    issue: (spec) => post("issue", spec),
    settings: (values) => post("settings", values),
    reset: () => post("reset"),
    requests: async () => (await fetch(`${url}/__mock/requests`)).json(),
    close: () => { child.kill(); return once(child, "exit"); },
  };
}

/** The calls, chosen by the seed. `id` is the value that tells the call's requests apart at the mock. */
function plan({ codes, refresh_tokens }) {
  const mix = { exchange: 15, refresh: 12, delete: 10, force_refresh: 13, lookup: 20, stytch: 30 };
  return Array.from({ length: CALLS }, (_, i) => {
    const random = prng(`${SEED}:call:${i}`);
    const kind = pick(random, mix);
    const external_token_id = `Et-chaos-${i}`;
    const member_id = `member-chaos-${i}`;
    const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)];
    const include = provider !== "slack" && random() < 0.5 ? { include_refresh_token: true } : {};
    const spec = {
      exchange: [codes[i], () => slack.oauth.v2.access({ client_id, client_secret, code: codes[i], redirect_uri })],
      refresh: [refresh_tokens[i], () => slack.oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: refresh_tokens[i] })],
      delete: [external_token_id, () => slack.apps.auth.external.delete({ external_token_id })],
      force_refresh: [external_token_id, () => slack.apps.auth.external.get({ external_token_id, force_refresh: true })],
      lookup: [external_token_id, () => slack.apps.auth.external.get({ external_token_id })],
      stytch: [member_id, () => stytch.organizations.members.oauthProviders[provider]({ organization_id: "organization-chaos", member_id, ...include })],
    }[kind];
    // `sent`: when the client sent each request and aborted it; `attempts`: what the mock saw and answered.
    return { i, kind, spends: !["lookup", "stytch"].includes(kind), id: spec[0], run: spec[1], sent: [], attempts: [] };
  });
}

/** Which call a request belongs to. */
function idOf(request) {
  const form = request.form;
  return form.code ?? form.refresh_token ?? form.external_token_id ?? decodeURIComponent(request.rawPath.split("/")[6] ?? "");
}

const outcome = (call) =>
  !("value" in call || "error" in call) ? "still pending"
    : "value" in call ? "resolved"
      : `rejected ${call.error?.name} ${call.error?.kind}/${call.error?.code}${call.error?.status ? `/${call.error.status}` : ""}`;

function show(call) {
  const attempts = call.attempts.map((attempt) => {
    const { at, chaos } = attempt;
    const extra = chaos.retryAfterMs ?? chaos.retryAfter ?? (chaos.retryAt && `until +${chaos.retryAt - call.started}ms`) ?? chaos.dribbleMs;
    return `${chaos.fault}${extra === undefined ? "" : `(${extra})`}@${at - call.started}ms${timedOut(attempt) ? " (timed out first)" : ""}`;
  });
  const unanswered = call.sent.length - call.attempts.length;
  return `  #${call.i} ${call.kind} ${call.id}: [${attempts.join(", ")}]${unanswered ? ` +${unanswered} unanswered` : ""} -> ${outcome(call)}`;
}

function expectNone(offenders, what) {
  const list = offenders.slice(0, 10).map((o) => (typeof o === "string" ? o : show(o))).join("\n");
  assert.equal(offenders.length, 0, `${offenders.length} of ${CALLS} calls ${what} (seed ${SEED}):\n${list}`);
}

describe(`chaos: ${CALLS} calls in flight against a failing mock`, () => {
  after(() => mock?.close());
  before(async () => {
    const m = (mock = await startMockProcess());
    const issued = await m.issue({ prefix: `chaos${SEED}`, codes: CALLS, refresh_tokens: CALLS, redirect_uri });
    slack = new SlackClient(MOCK_BOT_TOKEN, { slackApiUrl: `${m.url}/api/`, ...OPTIONS });
    stytch = new StytchB2BClient({ project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET, custom_base_url: m.url, ...OPTIONS });
    calls = plan(issued);
    const byId = new Map(calls.map((call) => [call.id, call]));
    await m.settings({ chaos: { seed: SEED, dribbleMs: [300, 2 * OPTIONS.timeout] } });
    const fetch = globalThis.fetch; // the package reads it at call time
    globalThis.fetch = (url, init = {}) => {
      const form = Object.fromEntries(new URLSearchParams(typeof init.body === "string" ? init.body : ""));
      const sent = { sentAt: Date.now() };
      init.signal?.addEventListener("abort", () => { sent.abortedAt = Date.now(); });
      byId.get(idOf({ form, rawPath: new URL(url).pathname }))?.sent.push(sent);
      return fetch(url, init);
    };
    const started = Date.now();
    try {
      const settled = calls.map((call) => {
        call.started = started;
        return new Promise((resolve) => resolve(call.run())).then(
          (value) => { call.value = value; },
          (error) => { call.error = error; },
        );
      });
      let guard;
      await Promise.race([Promise.all(settled), new Promise((resolve) => { guard = setTimeout(resolve, GUARD_MS); })]);
      clearTimeout(guard);
    } finally {
      globalThis.fetch = fetch;
    }
    elapsed = Date.now() - started;
    await m.settings({ chaos: null });
    for (const request of await m.requests()) {
      const call = request.chaos && byId.get(idOf(request));
      if (call) call.attempts.push({ ...request, ...call.sent[call.attempts.length] });
    }
  });

  test("every call settles, with a result or an error", (t) => {
    const faults = {};
    for (const call of calls) for (const { chaos } of call.attempts) faults[chaos.fault] = (faults[chaos.fault] ?? 0) + 1;
    const ends = {};
    for (const call of calls) ends[outcome(call)] = (ends[outcome(call)] ?? 0) + 1;
    t.diagnostic(`seed ${SEED}: all settled or gave up after ${elapsed} ms`);
    t.diagnostic(`faults served: ${JSON.stringify(faults)}`);
    t.diagnostic(`outcomes: ${JSON.stringify(ends)}`);
    const timeouts = calls.reduce((n, call) => n + call.attempts.filter(timedOut).length, 0);
    const unanswered = calls.reduce((n, call) => n + call.sent.length - call.attempts.length, 0);
    t.diagnostic(`attempts that timed out in the client: ${timeouts}; requests sent but never answered: ${unanswered}`);
    expectNone(calls.filter((call) => !("value" in call || "error" in call)), `did not settle within ${GUARD_MS} ms`);
  });

  test("every rejection is an EdgeOAuthError of a documented kind", () => {
    const documented = (error) =>
      error instanceof Error && error.name === "EdgeOAuthError" && KINDS.includes(error.kind) && ["slack", "stytch"].includes(error.provider);
    expectNone(calls.filter((call) => "error" in call && !documented(call.error)), "rejected with something else");
  });

  test("no secret in any error", () => {
    const basic = (user, password) => Buffer.from(`${user}:${password}`).toString("base64");
    const secrets = [client_secret, MOCK_BOT_TOKEN, MOCK_SECRET, basic(client_id, client_secret), basic(MOCK_PROJECT_ID, MOCK_SECRET)];
    for (const call of calls) if (call.kind === "exchange" || call.kind === "refresh") secrets.push(call.id);
    // Shapes of the tokens the mock answers with (a slow or truncated body holds them).
    const tokenShapes = /xox[abpe][.-]|ext-token-for-|mock-access-|mock-refresh-|eyJhbGci/;
    const leaks = [];
    for (const call of calls.filter((c) => c.error)) {
      const { error } = call;
      const views = [error.message, String(error), inspect(error, { depth: 10 }), JSON.stringify(error), error.stack ?? ""];
      for (const view of views) {
        const secret = secrets.find((s) => view.includes(s)) ?? view.match(tokenShapes)?.[0];
        if (secret) leaks.push(`${show(call)}\n    leaks ${secret} in: ${view.slice(0, 300)}`);
      }
    }
    expectNone(leaks, "leaked a secret");
  });

  test("a spending call is sent again only after a 429", () => {
    // Each request after the first must follow a 429 the client read (not one that came after its timeout).
    const after429 = (attempt) => attempt?.chaos.fault.startsWith("429") && !timedOut(attempt);
    expectNone(calls.filter((call) => call.spends && call.sent.some((_, n) => n > 0 && !after429(call.attempts[n - 1]))),
      "spent twice (repeated after an answer other than 429)");
  });

  test("Retry-After is honoured on 429 and 503, as seconds or an HTTP-date", () => {
    expectNone(calls.filter((call) => call.attempts.some(({ at }, n) => {
      const previous = n > 0 && call.attempts[n - 1];
      if (!previous || timedOut(previous)) return false;
      const { retryAfterMs, retryAt } = previous.chaos;
      if (retryAt !== undefined) return at < retryAt - EARLY_MS;
      return retryAfterMs !== undefined && at - previous.at < retryAfterMs - EARLY_MS;
    })), "retried before Retry-After said");
  });

  test("a 429 with an unreadable Retry-After ends the call at once as rate_limited", () => {
    expectNone(calls.filter((call) => {
      const n = call.attempts.findIndex(({ chaos }) => chaos.fault === "429-unreadable");
      return n >= 0 && !timedOut(call.attempts[n]) && (call.sent.length > n + 1 || call.error?.kind !== "rate_limited");
    }), "went on after an unreadable Retry-After, or ended otherwise");
  });

  test("each call ends as its last answer says", () => {
    const expected = ({ fault, dribbleMs }) => ({
      normal: "resolved", 429: "rate_limited", "429-date": "rate_limited", "429-unreadable": "rate_limited",
      500: "http", 502: "http", 503: "http", drop: "network", "drop-after-headers": "network",
      slow: dribbleMs < OPTIONS.timeout ? "resolved" : "timeout", truncated: "network|decode", html: "decode",
    })[fault];
    expectNone(calls.filter((call) => {
      const last = call.attempts.at(-1);
      if (!call.sent.length) return true; // every call sends at least one request
      const got = "value" in call ? "resolved" : call.error?.kind;
      if (call.sent.length > call.attempts.length) return !["timeout", "network"].includes(got); // its last request got no answer
      if (timedOut(last)) return got !== "timeout";
      return !expected(last.chaos).split("|").includes(got) || (got === "http" && call.error.status !== Number(last.chaos.fault));
    }), "ended otherwise than their last answer says");
  });

  test("retries what each call's class allows, at most `retries` times", () => {
    // Lookups retry 429 with a readable Retry-After, 5xx, dropped sockets and timeouts; spending calls only that 429.
    const retryable = ({ fault, dribbleMs }, spends) =>
      ["429", "429-date"].includes(fault) ||
      (!spends && (["500", "502", "503", "drop", "drop-after-headers"].includes(fault) || (fault === "slow" && dribbleMs > OPTIONS.timeout)));
    expectNone(calls.filter((call) => {
      const last = call.attempts.at(-1);
      const answered = last && call.sent.length === call.attempts.length && !timedOut(last);
      const gaveUp = answered && call.sent.length <= OPTIONS.retries && retryable(last.chaos, call.spends);
      return call.sent.length > 1 + OPTIONS.retries || gaveUp;
    }), "retried too often, or gave up with retries left");
  });

  test("the same clients work normally afterwards", async () => {
    const m = mock;
    await m.reset();
    const [code] = (await m.issue({ prefix: `after${SEED}`, codes: 1, redirect_uri })).codes;
    const started = Date.now();
    const answers = await Promise.all([
      slack.oauth.v2.access({ client_id, client_secret, code, redirect_uri }),
      slack.apps.auth.external.get({ external_token_id: "Et-after" }),
      stytch.organizations.members.oauthProviders.slack({ organization_id: "organization-chaos", member_id: "member-after" }),
    ]);
    assert.equal(answers[0].ok, true);
    assert.match(answers[0].access_token, /^xoxe\.xoxb-1-mock-/);
    assert.equal(answers[1].external_token, "ext-token-for-Et-after");
    assert.equal(answers[2].registrations[0].bot_access_token, "xoxb-stytch-saved-bot");
    assert.equal((await m.requests()).length, 3, "one request each");
    assert.ok(Date.now() - started < 1000, `answered in ${Date.now() - started} ms`);
  });
});
