// Chaos: 500 calls in flight at once against the mock in chaos mode (tests/mock/chaos.mjs), where
// each request may be answered 429 (Retry-After in seconds, as an HTTP-date, or unreadable),
// 500/502/503 (503 sometimes with Retry-After), a dropped socket, a slow or truncated body, or
// HTML. The faults are drawn from a seeded PRNG: a failing run replays with the seed it prints.
//   CHAOS_SEED=123 node --test tests/node/chaos.test.mjs
// The mock runs as its own process (driven over /__mock/…), so that answering 500 requests does
// not eat into the client's timeouts on the same event loop.
//
// Every verdict is judged from events, never from how fast the machine is: each attempt is
// tagged (`x-chaos-attempt`) so the mock's record of it is found exactly, and it counts as timed
// out when the client aborted it (its own signal fired, which happens only on the timeout or the
// deadline). On a busy machine an answer the mock wrote in time can reach the client after its
// timer fired: then the client saw a timeout, and is judged by that.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { SlackClient, StytchB2BClient } from "edge-oauth";
import { pick, prng } from "../mock/chaos.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { stytchProviders } from "../../scripts/catalog.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLS = 500;
// Getting 500 requests out takes about a second on 2 cores; slow bodies take 300 ms (which fits
// in the timeout) or twice the timeout (which does not).
const OPTIONS = { timeout: 3000, retries: 2, deadline: 30_000 };
// A call that hangs is one in which nothing happens: every pending call has a timer of at most
// `timeout` (or a Retry-After wait) running, so on any machine some attempt starts or ends, or
// some call settles, well within this. Not a budget for the whole run, however slow.
const STALL_MS = 10 * OPTIONS.timeout;
const EARLY_MS = 20; // timer slack allowed when checking a wait against what it waited for
const MAX_WAIT_MS = 1000 + 1000; // the longest wait between attempts: Retry-After 1 s (+ 1 s of an HTTP-date), or backoff
const timedOut = (attempt) => attempt.abortedAt !== undefined;
const KINDS = ["validation", "platform", "rate_limited", "http", "network", "timeout", "decode"];
const redirect_uri = "https://app.test/cb";
console.log(`chaos seed ${SEED} (replay: CHAOS_SEED=${SEED} node --test tests/node/chaos.test.mjs)`);

let mock, slack, stytch, calls, elapsed, stalled;

/** The mock as a child process, with the `/__mock/…` routes as methods. */
async function startMockProcess() {
  const child = spawn(process.execPath, [new URL("../mock/server.mjs", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
  // Waits for its URL as long as it runs, however slowly it starts.
  const exit = once(child, "exit").then(([code, signal]) => { throw new Error(`the mock ended (${code ?? signal}) before printing its URL`); });
  exit.catch(() => {}); // once the URL is in, its end is close()'s
  const [line] = await Promise.race([once(child.stdout, "data"), exit]);
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
  const providers = stytchProviders();
  const mix = { exchange: 15, refresh: 12, delete: 10, force_refresh: 13, lookup: 20, stytch: 30 };
  return Array.from({ length: CALLS }, (_, i) => {
    const random = prng(`${SEED}:call:${i}`);
    const kind = pick(random, mix);
    const external_token_id = `Et-chaos-${i}`;
    const member_id = `member-chaos-${i}`;
    const provider = providers[Math.floor(random() * providers.length)];
    const include = provider !== "slack" && random() < 0.5 ? { include_refresh_token: true } : {};
    const spec = {
      exchange: [codes[i], () => slack.oauth.v2.access({ client_id, client_secret, code: codes[i], redirect_uri })],
      refresh: [refresh_tokens[i], () => slack.oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: refresh_tokens[i] })],
      delete: [external_token_id, () => slack.apps.auth.external.delete({ external_token_id })],
      force_refresh: [external_token_id, () => slack.apps.auth.external.get({ external_token_id, force_refresh: true })],
      lookup: [external_token_id, () => slack.apps.auth.external.get({ external_token_id })],
      stytch: [member_id, () => stytch.organizations.members.oauthProviders[provider]({ organization_id: "organization-chaos", member_id, ...include })],
    }[kind];
    // `attempts`: each request the client sent (`sentAt`; `abortedAt` if its signal fired), with
    // `answer`, the mock's record of it (`at`, `chaos: { fault, … }`), if the mock got it.
    return { i, kind, spends: !["lookup", "stytch"].includes(kind), id: spec[0], run: spec[1], attempts: [] };
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
    const sent = `sent@${attempt.sentAt - call.started}ms`;
    const cut = timedOut(attempt) ? ` timed out@${attempt.abortedAt - call.started}ms` : "";
    if (!attempt.answer) return `${sent}: never reached the mock${cut}`;
    const { at, chaos } = attempt.answer;
    const extra = chaos.retryAfterMs ?? chaos.retryAfter ?? (chaos.retryAt && `until +${chaos.retryAt - call.started}ms`) ?? chaos.dribbleMs;
    return `${sent}: ${chaos.fault}${extra === undefined ? "" : `(${extra})`}@${at - call.started}ms${cut}`;
  });
  return `  #${call.i} ${call.kind} ${call.id}: [${attempts.join(", ")}] -> ${outcome(call)}`;
}

/** What the client got from an attempt, as the fault it saw: `timeout` if its own timer cut it,
 * `unanswered` if the mock never got it (a connection lost on the way), else what the mock served. */
const seen = (attempt) => (timedOut(attempt) ? "timeout" : attempt.answer?.chaos.fault ?? "unanswered");

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
    let lastEvent = Date.now();
    const event = () => { lastEvent = Date.now(); };
    const fetch = globalThis.fetch; // the package reads it at call time
    globalThis.fetch = (url, init = {}) => {
      event();
      const form = Object.fromEntries(new URLSearchParams(typeof init.body === "string" ? init.body : ""));
      const call = byId.get(idOf({ form, rawPath: new URL(url).pathname }));
      if (!call) return fetch(url, init);
      const attempt = { sentAt: Date.now() };
      // The attempt's own signal: the transport aborts it only when its timeout or the deadline
      // fires (no caller signal here, and every answer is far below the body cap).
      init.signal?.addEventListener("abort", () => { attempt.abortedAt = Date.now(); event(); });
      const tag = `${call.i}.${call.attempts.push(attempt) - 1}`;
      return fetch(url, { ...init, headers: { ...init.headers, "x-chaos-attempt": tag } });
    };
    const started = Date.now();
    try {
      let pending = calls.length;
      await new Promise((resolve) => {
        const done = () => { clearInterval(watchdog); resolve(); };
        const watchdog = setInterval(() => { if (Date.now() - lastEvent > STALL_MS) { stalled = true; done(); } }, 1000);
        for (const call of calls) {
          call.started = started;
          const settle = (key) => (result) => {
            Object.assign(call, { [key]: result, settledAt: Date.now() });
            event();
            if (--pending === 0) done();
          };
          new Promise((resolve) => resolve(call.run())).then(settle("value"), settle("error"));
        }
      });
    } finally {
      globalThis.fetch = fetch;
    }
    elapsed = Date.now() - started;
    await m.settings({ chaos: null });
    for (const request of await m.requests()) {
      const [i, n] = String(request.headers["x-chaos-attempt"] ?? "").split(".").map(Number);
      const attempt = request.chaos && calls[i]?.attempts[n];
      if (attempt) attempt.answer = request;
    }
  });

  test("every call settles, with a result or an error", (t) => {
    const faults = {};
    for (const call of calls) for (const { answer } of call.attempts) if (answer) faults[answer.chaos.fault] = (faults[answer.chaos.fault] ?? 0) + 1;
    const ends = {};
    for (const call of calls) ends[outcome(call)] = (ends[outcome(call)] ?? 0) + 1;
    t.diagnostic(`seed ${SEED}: ${stalled ? "stalled" : "all settled"} after ${elapsed} ms`);
    t.diagnostic(`faults served: ${JSON.stringify(faults)}`);
    t.diagnostic(`outcomes: ${JSON.stringify(ends)}`);
    const count = (test) => calls.reduce((n, call) => n + call.attempts.filter(test).length, 0);
    const late = (attempt) => timedOut(attempt) && attempt.answer && attempt.answer.chaos.fault !== "slow";
    t.diagnostic(`attempts: ${count(() => true)}; timed out in the client: ${count(timedOut)} (${count(late)} of them on an ` +
      `answer the mock did not delay); never reached the mock: ${count((attempt) => !attempt.answer)}`);
    expectNone(calls.filter((call) => !("value" in call || "error" in call)), `were still pending when nothing had happened for ${STALL_MS} ms`);
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
    // Each request after the first must follow a 429 the client read (not one its timeout cut).
    const after429 = (attempt) => ["429", "429-date"].includes(seen(attempt));
    expectNone(calls.filter((call) => call.spends && call.attempts.some((_, n) => n > 0 && !after429(call.attempts[n - 1]))),
      "spent twice (repeated after an answer other than 429)");
  });

  test("Retry-After is honoured on 429 and 503, as seconds or an HTTP-date", () => {
    // The client read the answer after the mock got the request (`at`), then waited.
    expectNone(calls.filter((call) => call.attempts.some(({ sentAt }, n) => {
      const previous = call.attempts[n - 1];
      if (!previous || seen(previous) === "timeout" || !previous.answer) return false;
      const { at, chaos: { retryAfterMs, retryAt } } = previous.answer;
      if (retryAt !== undefined) return sentAt < retryAt - EARLY_MS;
      return retryAfterMs !== undefined && sentAt - at < retryAfterMs - EARLY_MS;
    })), "retried before Retry-After said");
  });

  test("a 429 with an unreadable Retry-After ends the call at once as rate_limited", () => {
    expectNone(calls.filter((call) => {
      const n = call.attempts.findIndex((attempt) => seen(attempt) === "429-unreadable");
      return n >= 0 && (call.attempts.length > n + 1 || call.error?.kind !== "rate_limited");
    }), "went on after an unreadable Retry-After, or ended otherwise");
  });

  test("each call ends as its last answer says", () => {
    // A slow body the client read whole before its timeout fired resolves, however slow it was.
    const expected = {
      normal: "resolved", 429: "rate_limited", "429-date": "rate_limited", "429-unreadable": "rate_limited",
      500: "http", 502: "http", 503: "http", drop: "network", "drop-after-headers": "network",
      slow: "resolved", truncated: "network|decode", html: "decode", timeout: "timeout", unanswered: "network",
    };
    expectNone(calls.filter((call) => {
      const last = call.attempts.at(-1);
      if (!last) return true; // every call sends at least one request
      const got = "value" in call ? "resolved" : call.error?.kind;
      const fault = seen(last);
      return !expected[fault].split("|").includes(got) || (got === "http" && call.error.status !== Number(fault));
    }), "ended otherwise than their last answer says");
  });

  test("an answer slower than twice the timeout is always cut by it, and no attempt sooner", () => {
    // Both hold on any machine: the body's last chunk leaves the mock `2 * timeout` after the
    // request arrived, long after the client's timer was due; and a timer never fires early.
    const limit = (call, { sentAt }) => Math.min(OPTIONS.timeout, OPTIONS.deadline - (sentAt - call.started));
    expectNone(calls.filter((call) => call.attempts.some((attempt) =>
      attempt.answer?.chaos.dribbleMs >= 2 * OPTIONS.timeout ? !timedOut(attempt)
        : timedOut(attempt) && attempt.abortedAt - attempt.sentAt < limit(call, attempt) - EARLY_MS,
    )), "were not cut by their timeout, or were cut before it");
  });

  test("retries what each call's class allows, at most `retries` times", () => {
    // Lookups retry 429 with a readable Retry-After, 5xx, dropped sockets and timeouts; spending calls only that 429.
    const retryable = (fault, spends) =>
      ["429", "429-date"].includes(fault) ||
      (!spends && ["500", "502", "503", "drop", "drop-after-headers", "timeout", "unanswered"].includes(fault));
    // No wait is started that would end past the deadline: near it, a call may stop early.
    const nearDeadline = (call) => call.settledAt - call.started + MAX_WAIT_MS >= OPTIONS.deadline;
    expectNone(calls.filter((call) => {
      const last = call.attempts.at(-1);
      const gaveUp = last && call.attempts.length <= OPTIONS.retries && retryable(seen(last), call.spends) && !nearDeadline(call);
      return call.attempts.length > 1 + OPTIONS.retries || gaveUp;
    }), "retried too often, or gave up with retries left");
  });

  test("the same clients work normally afterwards", async () => {
    const m = mock;
    await m.reset();
    const [code] = (await m.issue({ prefix: `after${SEED}`, codes: 1, redirect_uri })).codes;
    const answers = await Promise.all([
      slack.oauth.v2.access({ client_id, client_secret, code, redirect_uri }),
      slack.apps.auth.external.get({ external_token_id: "Et-after" }),
      stytch.organizations.members.oauthProviders.slack({ organization_id: "organization-chaos", member_id: "member-after" }),
    ]);
    assert.equal(answers[0].ok, true);
    assert.match(answers[0].access_token, /^xoxe\.xoxb-1-mock-/);
    assert.equal(answers[1].external_token, "ext-token-for-Et-after");
    assert.equal(answers[2].registrations[0].bot_access_token, "xoxb-stytch-saved-bot");
    // Nothing of the chaos lingers: no retry, no wait (a wait would be one more request, or a timeout).
    assert.equal((await m.requests()).length, 3, "one request each");
  });
});
