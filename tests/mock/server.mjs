#!/usr/bin/env node
// The project's mock of Slack and Stytch, on loopback only. Tests import `startMock`; run as a
// program it prints `MOCK_URL=http://127.0.0.1:<port>` and serves until stopped.
//   node tests/mock/server.mjs [--port N]
import { stytchProviders } from "../../scripts/catalog.mjs";
import { json, serve } from "./http.mjs";
import { authorizeRoute } from "./authorize.mjs";
import { chaosRoute } from "./chaos.mjs";
import { issue } from "./codes.mjs";
import { createKeyring, jwksRoute } from "./jwks.mjs";
import { slackRoute } from "./slack.mjs";
import { stytchRoute } from "./stytch.mjs";

/** `options`: `port`, `settings`, and the CORS knobs `exposeHeaders`, `recordPreflights` (http.mjs). */
export async function startMock(options = {}) {
  const routes = [slackRoute, stytchRoute, authorizeRoute, jwksRoute];
  // Its OpenID signing keys, made now: routes find them in their context.
  const keyring = createKeyring();
  stytchProviders(); // reads the catalog (a cargo run) now, not while a client's call waits on the mock
  const mock = await serve(async (request, served) => {
    const context = { ...served, keyring };
    if (request.path === "/__mock/requests") return json(200, context.requests);
    if (request.path === "/__mock/settings" && request.method === "POST") {
      Object.assign(mock.settings, JSON.parse(request.body || "{}"));
      return json(200, mock.settings);
    }
    if (request.path === "/__mock/reset") {
      mock.reset();
      return json(200, { ok: true });
    }
    if (request.path === "/__mock/issue" && request.method === "POST") return json(200, mock.issue(JSON.parse(request.body || "{}")));
    return chaosRoute(request, context, async () => {
      for (const route of routes) {
        const answer = await route(request, context);
        if (answer) return answer;
      }
      return undefined;
    });
  }, options);
  /** Valid single-use codes and refresh tokens in bulk: see `issue` in codes.mjs. */
  mock.issue = (spec) => issue(mock.store, spec);
  /** The OpenID keys: `sign(claims, options)`, `rotate()`, `jwks()` (jwks.mjs). */
  mock.keyring = keyring;
  return mock;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portFlag = process.argv.indexOf("--port");
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : Number(process.env.MOCK_PORT ?? 0);
  const mock = await startMock({ port });
  console.log(`MOCK_URL=${mock.url}`);
  const stop = async () => { await mock.close(); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
