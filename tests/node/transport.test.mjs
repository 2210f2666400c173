// The transport's contract (issue 7, item 5), against the mock: Retry-After as seconds or an
// HTTP-date on 429 and 503, an unreadable one ends the call, one overall deadline, caller
// signals, network errors that keep their cause, and redirects as errors of their own.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, test } from "node:test";
import { SlackClient } from "edge-oauth";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { rejectsWith, useMock } from "./helpers.mjs";

const mock = useMock();
const slack = (options = {}) => new SlackClient("xoxb-t", { slackApiUrl: `${mock.current.url}/api/`, ...options });
const exchange = (code, options = {}, callOptions) =>
  slack(options).oauth.v2.access({ client_id, client_secret, code }, callOptions);
const lookup = (id, options = {}, callOptions) =>
  slack(options).apps.auth.external.get({ external_token_id: id }, callOptions);
const sent = (value) => mock.current.requests.filter((request) => Object.values(request.form).includes(value)).length;

/** A loopback port nobody listens on. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `call` and returns how long it took, in ms. */
async function timed(call) {
  const started = Date.now();
  await call();
  return Date.now() - started;
}

describe("Retry-After", () => {
  test("an HTTP-date is waited for, then the call goes on", async () => {
    const took = await timed(() => exchange("429-date-once~a"));
    assert.ok(took >= 400, `waited ${took} ms for a date ~1.5 s ahead (whole seconds)`);
    assert.equal(sent("429-date-once~a"), 2);
  });

  test("HTTP's obsolete date forms are read too (RFC 850, asctime)", async () => {
    for (const form of ["rfc850", "asctime"]) {
      const took = await timed(() => exchange(`429-${form}-once~a`));
      assert.ok(took >= 400, `waited ${took} ms for a ${form} date ~1.5 s ahead (whole seconds)`);
      assert.equal(sent(`429-${form}-once~a`), 2);
    }
  });

  test("a 503's Retry-After is honoured on a lookup", async () => {
    const took = await timed(() => lookup("503-retry-after-once~b"));
    assert.ok(took >= 900, `waited ${took} ms`);
    assert.equal(sent("503-retry-after-once~b"), 2);
  });

  test("an unreadable Retry-After ends the call at once as rate_limited", async () => {
    const error = await rejectsWith(exchange("429-unreadable~c"), { kind: "rate_limited", status: 429 });
    assert.equal(error.retryAfter, undefined);
    assert.equal(sent("429-unreadable~c"), 1);
  });
});

describe("deadline and signals", () => {
  test("the deadline bounds the whole call, whatever the timeout", async () => {
    // Told by the outcome, not by a clock: a timeout (the answer, due after 3 s, never came) whose
    // message names the deadline's timer, not the 10 s timeout's.
    const error = await rejectsWith(exchange("slow~d", { timeout: 10_000, deadline: 300 }), { kind: "timeout", code: "timeout" });
    assert.match(error.message, /`deadline` of 300 ms/);
  });

  test("a per-call signal aborts the call in flight", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 100);
    const error = await rejectsWith(exchange("slow~e", {}, { signal: controller.signal }), { kind: "timeout", code: "aborted" });
    assert.equal(error.cause.message, "user left");
  });

  test("a client's signal stops a wait between attempts", async () => {
    // The abort comes once the client has read the 429 (its body read whole), so it falls in the
    // wait, however long the answer took to arrive.
    const fetch = globalThis.fetch;
    let read;
    const answered = new Promise((resolve) => { read = resolve; });
    globalThis.fetch = async (...args) => {
      const response = await fetch(...args);
      const text = response.text.bind(response);
      response.text = () => text().finally(read);
      return response;
    };
    const controller = new AbortController();
    try {
      const call = lookup("429-long~f", { signal: controller.signal, deadline: 300_000 });
      answered.then(() => setTimeout(() => controller.abort(), 0));
      // Retry-After: 120 fits the deadline, so the call waits; the error keeps the answer's status.
      // Only the abort ends that wait early: any end well before 120 s is its doing, however slow the machine.
      const took = await timed(() => rejectsWith(call, { kind: "timeout", code: "aborted", status: 429 }));
      assert.ok(took < 60_000, `took ${took} ms`);
      assert.equal(sent("429-long~f"), 1);
    } finally {
      globalThis.fetch = fetch;
    }
  });

  test("an aborted signal sends nothing", async () => {
    await rejectsWith(exchange("good~g", {}, { signal: AbortSignal.abort() }), { code: "aborted" });
    assert.equal(sent("good~g"), 0);
  });

  test("a signal that is not an AbortSignal is a validation error", async () => {
    await rejectsWith(exchange("good~h", {}, { signal: "stop" }), { kind: "validation", field: "signal" });
    await rejectsWith(exchange("good~h", {}, { sginal: 1 }), { kind: "validation", code: "unknown_param" });
    assert.throws(() => slack({ signal: {} }), { name: "EdgeOAuthError", field: "signal" });
    assert.equal(sent("good~h"), 0);
  });
});

describe("failures keep what the runtime said", () => {
  test("a refused connection keeps its cause", async () => {
    const closed = new SlackClient(undefined, { slackApiUrl: `http://127.0.0.1:${await closedPort()}/api/`, retries: 0 });
    const error = await rejectsWith(closed.oauth.v2.access({ client_id, client_secret, code: "good" }), { kind: "network" });
    assert.match(error.message, /ECONNREFUSED/);
    assert.ok(error.cause instanceof Error, "the runtime's error is the cause");
  });

  test("a redirect is an error of its own, and is not followed", async () => {
    await rejectsWith(exchange("redirect~i"), { kind: "http", code: "redirect", status: 302 });
    assert.equal(sent("redirect~i"), 1);
  });
});
