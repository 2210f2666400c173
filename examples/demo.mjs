// `make demo`: the example Worker in local workerd, against the project's mock of Slack and
// Stytch (or, with credentials in examples/worker/.dev.vars, against the real ones).
import { startMock } from "../tests/mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../tests/mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../tests/mock/stytch.mjs";
import { hasRealCredentials, mockVars, randomSecret, startWorker } from "./worker/dev.mjs";

const real = hasRealCredentials();
const port = Number(process.env.DEMO_PORT ?? 8787);
const mock = real ? null : await startMock({ port: Number(process.env.MOCK_PORT ?? 8790) }).catch(() => startMock());
const adminToken = process.env.ADMIN_TOKEN ?? randomSecret();
const vars = real ? {} : {
  ...mockVars(mock.url, { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET }),
  STATE_SECRET: randomSecret(),
  ADMIN_TOKEN: adminToken,
};
const worker = await startWorker({ port, vars, persistTo: ".wrangler/demo-state", log: real });

console.log(`
  edge-oauth demo: the example Worker runs in local workerd${real ? " against real Slack and Stytch (.dev.vars)" : ` against the mock on ${mock.url}`}

  Open ${worker.url}/ in a browser:
    - "Sign in with Slack" runs PKCE in the page (no secret in the browser);
    - "Add to Slack" runs the Worker's install flow; on the mock's page click "Allow" (or "Cancel").
${real ? "  ADMIN_TOKEN is the one in .dev.vars." : `
  Then, with the admin token ${adminToken}:
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK/token
    curl -H 'authorization: Bearer ${adminToken}' -d '{"team_id":"T0MOCK","external_token_id":"Et-demo"}' ${worker.url}/api/external-token
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/stytch/organization-test-1/member-test-1/slack`}
  Stop with Ctrl-C.
`);

const stop = async () => {
  await worker.stop();
  await mock?.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (process.env.DEMO_EXIT_AFTER_START) await stop();
