// Which contenders race on which method, the knobs (env vars), and the mock's fixed credentials.
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../../tests/mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../../tests/mock/stytch.mjs";

/** Contender module names (files in contenders/), floor first. */
export const LIBRARIES = ["floor", "floor-timeout", "edge-oauth", "slack-web-api", "slack-edge", "stytch"];

export const METHODS = ["oauth.v2.access", "apps.auth.external.get", "stytch.slack"];
export const METHOD_TITLES = {
  "oauth.v2.access": "`oauth.v2.access`",
  "apps.auth.external.get": "`apps.auth.external.get`",
  "stytch.slack": "Stytch `oauthProviders.slack`",
};

/** The values every call sends; `url` is the mock's origin. All accepted repeatedly by the mock. */
export function target(url) {
  return {
    url,
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    code: "good", // not a code from the mock's consent page, so it never wears out
    codeVerifier: "bench-verifier", // see contenders/slack-web-api.mjs
    botToken: MOCK_BOT_TOKEN,
    externalTokenId: "Et0BENCH",
    projectId: MOCK_PROJECT_ID,
    stytchSecret: MOCK_SECRET,
    organizationId: "organization-test-bench",
    memberId: "member-test-bench",
  };
}

const knob = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

export const knobs = {
  warmCalls: knob("BENCH_WARM_CALLS", 5000), // untimed calls per contender and method before any round (JIT tier-up)
  warmup: knob("BENCH_WARMUP", 3), // rounds run first and thrown away (connection pools)
  rounds: knob("BENCH_ROUNDS", 30), // per-call rounds
  batch: knob("BENCH_BATCH", 100), // sequential calls per contender per round (workerd clock: ms)
  flightRounds: knob("BENCH_FLIGHT_ROUNDS", 8),
  flightCalls: knob("BENCH_FLIGHT_CALLS", 384), // calls per contender per round, 64 in flight (6 waves)
  inFlight: 64,
  coldReps: knob("BENCH_COLD_REPS", 5), // node process starts per contender and method
  isolateReps: knob("BENCH_ISOLATE_REPS", 3), // new Miniflare instances per contender and method
  memoryCalls: knob("BENCH_MEMORY_CALLS", 100_000),
};

/** [{ method, contenders: [name...] }] for the given loaded contender modules. */
export function races(modules) {
  return METHODS.map((method) => ({
    method,
    contenders: LIBRARIES.filter((name) => modules[name].methods[method]),
  }));
}
