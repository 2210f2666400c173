// Hostile inputs for every place a caller's value enters the package, and the runner that makes
// them in bulk. Shared by tests/node/hostile.test.mjs and tests/workerd/hostile-worker.mjs, so it
// imports nothing: it is handed the package's exports (`lib`) and a setup object `s` with
// { mockUrl, client_id, client_secret, project_id, secret, slack, stytch } read lazily at call time.
//
// The contract (issue 7): whatever a caller passes, a constructor, `slackAuthorizeUrl` or
// `slackSignInUrl` throws an EdgeOAuthError of kind "validation" synchronously, an async method
// rejects with one, nothing is sent, and the wasm instance stays healthy. `undefined`/`null` for a
// required param is "missing_param" with that `field`.

const boom = () => { throw new Error("hostile: a caller's getter or trap threw"); };
const TRAPS = ["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "deleteProperty",
  "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions", "apply", "construct"];
const throwingProxy = (target = {}) => new Proxy(target, Object.fromEntries(TRAPS.map((trap) => [trap, boom])));
const revokedProxy = (target = {}) => { const { proxy, revoke } = Proxy.revocable(target, {}); revoke(); return proxy; };
/** Makes `keys` of `object` enumerable getters that throw. */
const withGetters = (object, keys) => {
  for (const key of keys) Object.defineProperty(object, key, { get: boom, enumerable: true, configurable: true });
  return object;
};
const omit = (object, key) => { const copy = { ...object }; delete copy[key]; return copy; };
const cyclic = () => { const value = { a: 1 }; value.self = value; return value; };
/** An object whose conversions to a primitive all throw. */
const primitiveTrap = () => withGetters({}, ["toString", "valueOf", Symbol.toPrimitive, "length"]);
let tenMB;
const TEN_MB = () => (tenMB ??= "x".repeat(10 * 2 ** 20));

// Values of the wrong type for each shape of parameter, as [label, value].
const WRONG = {
  string: () => [["42", 42], ["true", true], ["a Date", new Date(0)], ["a Symbol", Symbol("s")], ["an array", ["x"]],
    ["a BigInt", 10n], ["an options object", { slackApiUrl: "http://127.0.0.1/api/" }], ["a function", () => "x"]],
  strings: () => [["42", 42], ["true", true], ["a Date", new Date(0)], ["a Symbol", Symbol("s")], ["[5]", [5]],
    ["[Symbol]", [Symbol("s")]], ["a BigInt", 10n], ["{}", {}]],
  number: () => [['"10"', "10"], ["true", true], ["a Date", new Date(0)], ["a Symbol", Symbol("s")], ["[1]", [1]],
    ["a BigInt", 10n], ["{}", {}]],
  boolean: () => [['"true"', "true"], ["1", 1], ["a Date", new Date(0)], ["a Symbol", Symbol("s")], ["[true]", [true]],
    ["a BigInt", 10n], ["{}", {}]],
  object: () => [["42", 42], ["true", true], ['"x"', "x"], ["a Date", new Date(0)], ["a Symbol", Symbol("s")],
    ["an array", ["x"]], ["a BigInt", 10n], ["a function", () => ({})]],
  json: () => [["a BigInt", 10n], ["{ a: BigInt }", { a: 10n }], ["a Symbol", Symbol("s")], ["a function", () => 1],
    ["a cyclic object", cyclic()]],
};

// Values that throw while being read, per shape (a key slot also gets a throwing getter at its key).
const GETTERS = {
  string: () => [["an object whose conversions throw", primitiveTrap()], ["{ get slackApiUrl() throws }", withGetters({}, ["slackApiUrl"])]],
  strings: () => [["an array whose element getter throws", withGetters(["a"], ["0"])], ["an object whose conversions throw", primitiveTrap()]],
  number: () => [["an object whose valueOf throws", primitiveTrap()]],
  boolean: () => [["an object whose valueOf throws", primitiveTrap()]],
  object: (slot) => [["every key a throwing getter", withGetters(slot.base(), Object.keys(slot.base()))],
    ["an extra key with a throwing getter", withGetters(slot.base(), ["extra"])]],
  json: () => [["{ get a() throws }", withGetters({}, ["a"])], ["a nested throwing getter", { n: withGetters({}, ["b"]) }],
    ["{ toJSON() throws }", { toJSON: boom }], ["an array whose element getter throws", withGetters([1], ["0"])]],
};

const proxies = (make) => [["over {}", make({})], ["over []", make([])], ["over a function", make(function target() {})]];
const nested = { strings: (v) => ["a", v], json: (v) => ({ a: v }) };

/** The kinds of hostile call: each maps a slot to its cases ({ label, value } or { label, invoke }). */
export const KINDS = {
  "wrong types": (slot) => WRONG[slot.shape]().map(([label, value]) => ({ label, value })),
  "throwing getters": (slot) => [
    ...(slot.key ? [{ label: `a throwing getter at ${slot.key}`, invoke: slot.getter }] : []),
    ...GETTERS[slot.shape](slot).map(([label, value]) => ({ label, value })),
  ],
  "Proxies with throwing traps": (slot) => [
    ...proxies(throwingProxy).map(([label, value]) => ({ label: `a throwing Proxy ${label}`, value })),
    ...(nested[slot.shape] ? [{ label: "a throwing Proxy inside", value: nested[slot.shape](throwingProxy()) }] : []),
    ...(slot.shape === "object" ? ["get", "ownKeys", "getOwnPropertyDescriptor"].map((trap) =>
      ({ label: `a Proxy of valid params whose ${trap} throws`, value: new Proxy(slot.base(), { [trap]: boom }) })) : []),
  ],
  "revoked Proxies": (slot) => [
    ...proxies(revokedProxy).map(([label, value]) => ({ label: `a revoked Proxy ${label}`, value })),
    ...(nested[slot.shape] ? [{ label: "a revoked Proxy inside", value: nested[slot.shape](revokedProxy()) }] : []),
  ],
  "10 MB strings": (slot) => ({
    string: [{ label: "10 MB", value: slot.good + TEN_MB() }],
    strings: [{ label: "10 MB", value: slot.good + TEN_MB() }, { label: "[10 MB]", value: [TEN_MB()] }],
    json: [{ label: "10 MB", value: TEN_MB() }, { label: "{ a: 10 MB }", value: { a: TEN_MB() } }],
  })[slot.shape] ?? [],
  "lone surrogates": (slot) => ({
    string: [{ label: "ending in \\uD800", value: `${slot.good}\uD800` }, { label: "starting with \\uDC00", value: `\uDC00${slot.good}` }],
    strings: [{ label: "ending in \\uD800", value: `${slot.good}\uD800` }, { label: "[… \\uD800]", value: [`${slot.good}\uD800`] }],
  })[slot.shape] ?? [],
  "__proto__ keys": (slot) => slot.shape !== "object" ? [] : [
    { label: 'an own "__proto__" key (JSON.parse)', field: "__proto__", invoke: () => slot.put(withOwnProto(slot.base(), {})) },
    ...(slot.requiredKeys.length === 0 ? [] : [
      // The example: a required key only inside "__proto__", e.g.
      // JSON.parse('{"__proto__": {"client_secret": "x"}, "client_id": "1", "code": "c"}').
      { label: `${slot.requiredKeys.at(-1)} only inside an own "__proto__" key`, field: ["__proto__", slot.requiredKeys.at(-1)], invoke: () => {
        const base = slot.base(), key = slot.requiredKeys.at(-1);
        return slot.put(withOwnProto(omit(base, key), { [key]: base[key] }));
      } },
      // Every valid key inherited, none own: inherited values are not params.
      { label: "every key inherited from the prototype", field: undefined, invoke: () => slot.put(Object.create(slot.base())) },
    ]),
  ],
  "undefined or null for a required param": (slot) => !slot.isRequired ? [] : [
    { label: "undefined", value: undefined }, { label: "null", value: null },
    ...(slot.key ? [{ label: "absent", invoke: slot.absent }] : []),
  ].map((c) => ({ ...c, code: "missing_param" })),
};

/** `object` plus an own (not inherited) "__proto__" key holding `proto`, as JSON.parse makes it. */
const withOwnProto = (object, proto) => JSON.parse(JSON.stringify({ "<proto>": proto, ...object }).replace('"<proto>"', '"__proto__"'));

/** A positional argument: `put(value)` makes the call with `value` there. */
const arg = (label, field, shape, put, { good = "ok", required = false } = {}) =>
  ({ label, field, shape, put, good, isRequired: required, requiredKeys: [] });

/**
 * A params/options object and its keys: [key, shape, { good, required }] each.
 * `base()` gives valid params; a key slot puts a value at its key in a fresh copy.
 */
function params(label, put, base, keys) {
  const requiredKeys = keys.filter(([, , o]) => o?.required).map(([key]) => key);
  return [
    { label, field: undefined, shape: "object", put, base, requiredKeys, isRequired: false },
    ...keys.map(([key, shape, { good = "ok", required: isRequired = false } = {}]) => ({
      label: `${label}.${key}`, field: key, key, shape, good, isRequired, requiredKeys: [],
      put: (value) => put({ ...base(), [key]: value }),
      getter: () => put(withGetters(base(), [key])),
      absent: () => put(omit(base(), key)),
    })),
  ];
}

const req = { required: true };
const STATE_SECRET = "state-secret-0123456789abcdef0123";

/**
 * Every place a caller's value enters the package, grouped by entry point. A client method's
 * group lists the catalog methods it covers (`methods`): tests/node/methods.test.mjs fails for a
 * catalog method no group covers.
 */
export function hostileGroups(lib, s) {
  const { SlackClient, StytchB2BClient, signState, verifyState, slackAuthorizeUrl, slackSignInUrl } = lib;
  const slackOptions = () => ({ slackApiUrl: `${s.mockUrl}/api/` });
  const stytchOptions = () => ({ project_id: s.project_id, secret: s.secret, custom_base_url: s.mockUrl });
  const exchange = () => ({ client_id: s.client_id, client_secret: s.client_secret, code: "good" });
  const ids = () => ({ organization_id: "organization-test-1", member_id: "member-ok" });
  const providers = () => s.stytch.organizations.members.oauthProviders;
  // The lookups the client has (its namespace is built from the catalog), known before `s.stytch` is.
  const lookups = Object.keys(new StytchB2BClient({ project_id: "project-test-1", secret: "s" }).organizations.members.oauthProviders);
  const group = (name, sync, slots, methods = []) => ({ name, sync, slots: slots.flat(), methods });
  /** The group of Slack method `path`, its params object and key slots from `keys`. */
  const slackMethod = (path, base, keys) => {
    const call = (v) => path.split(".").reduce((node, name) => node[name], s.slack)(v);
    return group(`slack.${path}(params)`, false, [params("params", call, base, keys)], [path]);
  };
  return [
    group("new SlackClient(token, options)", true, [
      arg("token", "token", "string", (v) => new SlackClient(v, slackOptions()), { good: "xoxb-t" }),
      params("options", (v) => new SlackClient("xoxb-t", v), slackOptions, [
        ["slackApiUrl", "string", { good: "http://127.0.0.1/api/" }], ["timeout", "number"], ["retries", "number"],
        ["rejectRateLimitedCalls", "boolean"]]),
    ]),
    group("new StytchB2BClient(options)", true, [
      params("options", (v) => new StytchB2BClient(v), stytchOptions, [
        ["project_id", "string", { good: "project-test-1", required: true }], ["secret", "string", req],
        ["custom_base_url", "string", { good: "http://127.0.0.1/" }], ["timeout", "number"]]),
    ]),
    // openid.connect.token takes oauth.v2.access's params, checked the same way.
    ...["oauth.v2.access", "openid.connect.token"].map((path) => slackMethod(path, exchange, [
      ["client_id", "string", req], ["client_secret", "string", req], ["code", "string", req],
      ["redirect_uri", "string", { good: "https://app.test/cb" }], ["code_verifier", "string", { good: "v".repeat(43) }],
      ["grant_type", "string", { good: "authorization_code" }], ["refresh_token", "string", { good: "xoxe-1" }]])),
    slackMethod("oauth.access", exchange, [["client_id", "string", req], ["client_secret", "string", req], ["code", "string", req],
      ["redirect_uri", "string", { good: "https://app.test/cb" }], ["single_channel", "boolean"]]),
    slackMethod("apps.auth.external.get", () => ({ external_token_id: "good" }), [
      ["external_token_id", "string", req], ["token", "string", { good: "xoxb-t" }], ["force_refresh", "boolean"]]),
    slackMethod("apps.auth.external.delete", () => ({ external_token_id: "good" }), [
      ["external_token_id", "string"], ["app_id", "string"], ["provider_key", "string"], ["token", "string", { good: "xoxb-t" }]]),
    // Every value is refused before auth.revoke sends anything: `test` is never true here.
    slackMethod("auth.revoke", () => ({ test: false }), [["test", "boolean"], ["token", "string", { good: "xoxb-t" }]]),
    ...["auth.test", "openid.connect.userInfo"].map((path) => slackMethod(path, () => ({ token: "xoxp-t" }), [["token", "string", { good: "xoxp-t" }]])),
    slackMethod("oauth.v2.exchange", () => ({ client_id: s.client_id, client_secret: s.client_secret, token: "xoxb-legacy" }), [
      ["client_id", "string", req], ["client_secret", "string", req], ["token", "string", { good: "xoxb-legacy", required: true }]]),
    // One group for every lookup (they share their params): each one's params object, and the
    // keys of one that takes include_refresh_token (google) and of one that does not (slack).
    group("stytch.organizations.members.oauthProviders.*(params)", false, [
      lookups.filter((p) => p !== "google").map((p) => params(p, (v) => providers()[p](v), ids, [])[0]),
      params("google", (v) => providers().google(v), ids, [
        ["organization_id", "string", req], ["member_id", "string", req], ["include_refresh_token", "boolean"]]),
      params("slack", (v) => providers().slack(v), ids, [["organization_id", "string", req], ["member_id", "string", req]]).slice(1),
    ], lookups.map((p) => `organizations.members.oauthProviders.${p}`)),
    group("slackAuthorizeUrl(params)", true, [
      params("params", (v) => slackAuthorizeUrl(v), () => ({ client_id: "1111.2222", scope: "chat:write" }), [
        ["client_id", "string", req], ["scope", "strings", { good: "chat:write" }], ["user_scope", "strings", { good: "identity.basic" }],
        ["redirect_uri", "string", { good: "https://app.test/cb" }], ["state", "string"], ["team", "string", { good: "T1" }],
        ["authorize_url", "string", { good: "https://slack.com/oauth/v2/authorize" }]]),
    ]),
    group("slackSignInUrl(params)", true, [
      params("params", (v) => slackSignInUrl(v), () => ({ client_id: "1111.2222", redirect_uri: "https://app.test/cb", nonce: "n", state: "s" }), [
        ["client_id", "string", req], ["redirect_uri", "string", { good: "https://app.test/cb", required: true }], ["nonce", "string", req],
        ["state", "string", req], ["scope", "strings", { good: "openid email" }], ["team", "string", { good: "T1" }],
        ["authorize_url", "string", { good: "https://slack.com/openid/connect/authorize" }]]),
    ]),
    group("signState(secret, options)", false, [
      arg("secret", "secret", "string", (v) => signState(v), { good: STATE_SECRET, required: true }),
      params("options", (v) => signState(STATE_SECRET, v), () => ({ ttl_seconds: 60, data: { a: 1 } }), [
        ["ttl_seconds", "number"], ["data", "json"]]),
    ]),
    group("verifyState(secret, state)", false, [
      arg("secret", "secret", "string", (v) => verifyState(v, "x.y"), { good: STATE_SECRET, required: true }),
      arg("state", "state", "string", (v) => verifyState(STATE_SECRET, v), { good: "x.y", required: true }),
    ]),
  ];
}

/** The cases of one kind for one group: [{ label, sync, invoke, field, code }]. */
export function casesOf(group, kind) {
  return group.slots.flatMap((slot) => KINDS[kind](slot).map((c) => ({
    label: `${group.name}: ${slot.label} = ${c.label}`,
    sync: group.sync,
    invoke: c.invoke ?? (() => slot.put(c.value)),
    field: "field" in c ? c.field : slot.field,
    code: c.code,
  })));
}

const describeError = (error) => {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : `a thrown ${typeof error}`;
  } catch {
    return "an unprintable throw";
  }
};

/** Why `error` is not the expected validation error, or null if it is. */
function verdict(error, { field, code }) {
  if (!(error instanceof Error) || error.name !== "EdgeOAuthError") return `${describeError(error)} instead of an EdgeOAuthError`;
  const what = `${error.kind}/${error.code}/${error.field}: ${error.message}`;
  if (error.kind !== "validation") return `kind is not "validation" (${what})`;
  if (code !== undefined && error.code !== code) return `code is not ${code} (${what})`;
  // A path inside the parameter ("scope[0]", "data.a") names it too.
  const names = (f) => error.field === f || /^[.[]/.test(error.field?.slice(f.length) ?? "") && error.field.startsWith(f);
  if (field !== undefined && ![field].flat().some(names)) return `field is not ${[field].flat().join(" or ")} (${what})`;
  return null;
}

/**
 * Makes `calls` calls round-robin over `cases`; async ones in chunks that must all settle. A call
 * that never settles is told from a slow machine by progress: the chunk fails only once none of
 * its pending calls has settled for `stallMs` (calls that send nothing settle in microseconds;
 * on a busy machine, still far sooner). Stops at the first call that does not fail as the
 * contract says. Returns { calls, failure: string | null, ms }.
 */
export async function runHostile(cases, calls, { chunk = 500, stallMs = 10_000 } = {}) {
  const started = Date.now();
  const result = (done, failure) => ({ calls: done, failure, ms: Date.now() - started });
  // The first round makes each case once, so a case that is sent fails before it floods the mock.
  for (let start = 0, end = Math.min(calls, cases.length); start < calls; start = end, end = Math.min(calls, end + chunk)) {
    const pending = [];
    for (let i = start; i < end; i++) {
      const c = cases[i % cases.length];
      let returned;
      try {
        returned = c.invoke();
      } catch (error) {
        const problem = c.sync ? verdict(error, c) : `threw synchronously instead of rejecting: ${describeError(error)}`;
        if (problem) return result(i + 1, `${c.label}: ${problem}`);
        continue;
      }
      if (c.sync) return result(i + 1, `${c.label}: did not throw`);
      if (typeof returned?.then !== "function") return result(i + 1, `${c.label}: did not return a promise`);
      const call = { label: c.label, settled: false };
      call.promise = Promise.resolve(returned).then(() => `${c.label}: resolved`, (error) => {
        const problem = verdict(error, c);
        return problem && `${c.label}: ${problem}`;
      }).finally(() => { call.settled = true; });
      pending.push(call);
    }
    const all = Promise.all(pending.map((call) => call.promise));
    let settled;
    for (let count = 0; ; ) {
      settled = await within(all, stallMs);
      const now = pending.filter((call) => call.settled).length;
      if (settled !== TIMED_OUT || now === count) break; // all settled, or none for stallMs
      count = now;
    }
    if (settled === TIMED_OUT) {
      const stuck = pending.filter((call) => !call.settled);
      return result(end, `${stuck.length} of calls ${start}..${end} did not settle, none of them for ${stallMs} ms, e.g. ${stuck[0].label}`);
    }
    const problem = settled.find(Boolean);
    if (problem) return result(end, problem);
  }
  return result(calls, null);
}

export const TIMED_OUT = Symbol("timed out");
/** `promise`'s value, or TIMED_OUT if it has not settled after `ms`. */
export async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, TIMED_OUT); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long the normal calls may take before they count as never settling: a hang guard, not a
 * budget (three calls in a row, each within its 30 s deadline, take well under a second). */
export const HANG_MS = 120_000;

/**
 * Normal calls that must succeed afterwards, on the clients that took the hostile calls and on a
 * new one: a Slack exchange, a legacy exchange, a Stytch lookup, a signed state, an authorize URL.
 * Returns what they answered, for the caller to compare with `HEALTHY`.
 */
export async function normalCalls(lib, s) {
  const exchange = await s.slack.oauth.v2.access({ client_id: s.client_id, client_secret: s.client_secret, code: "good" });
  const legacy = await new lib.SlackClient(undefined, { slackApiUrl: `${s.mockUrl}/api/` })
    .oauth.access({ client_id: s.client_id, client_secret: s.client_secret, code: "classic" });
  const lookup = await s.stytch.organizations.members.oauthProviders.slack({ organization_id: "organization-test-1", member_id: "member-ok" });
  const verified = await lib.verifyState(STATE_SECRET, await lib.signState(STATE_SECRET, { data: { n: 1 } }));
  const url = new URL(lib.slackAuthorizeUrl({ client_id: "1111.2222", scope: "chat:write" }));
  return {
    exchange: exchange.team?.id,
    legacy: legacy.access_token,
    lookup: lookup.registrations?.[0]?.bot_access_token,
    state: verified.data,
    url: `${url.origin}${url.pathname}?${url.searchParams.get("scope")}`,
  };
}

/** What `normalCalls` answers against the mock, and the requests it sends. */
export const HEALTHY = {
  answers: { exchange: "T0MOCK", legacy: "xoxp-mock-classic", lookup: "xoxb-stytch-saved-bot", state: { n: 1 }, url: "https://slack.com/oauth/v2/authorize?chat:write" },
  paths: ["/api/oauth.v2.access", "/api/oauth.access", "/v1/b2b/organizations/organization-test-1/members/member-ok/oauth_providers/slack"],
};

/** The shared clients the hostile method calls go through. */
export function makeClients(lib, s) {
  s.slack = new lib.SlackClient("xoxb-hostile", { slackApiUrl: `${s.mockUrl}/api/` });
  s.stytch = new lib.StytchB2BClient({ project_id: s.project_id, secret: s.secret, custom_base_url: s.mockUrl });
  return s;
}
