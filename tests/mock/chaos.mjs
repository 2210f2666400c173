// Chaos mode of the mock: with `settings.chaos = { seed }` (in process, or POST /__mock/settings
// `{"chaos": {"seed": 42}}`; `{"chaos": null}` turns it off), every provider request (`/api/…`,
// `/v1/…`) draws a fault. The draw is seeded by (seed, the request's method, URL and body, how
// many times that request was seen), so a run with the same seed and the same calls replays the
// same faults whatever order the requests arrive in.
//
// Each request in `mock.requests` gets `chaos: { fault, nth, … }` saying what it was answered:
//   normal                     the provider's answer
//   429                        Retry-After seconds (`retryAfterMs`); not processed
//   429-date                   Retry-After as an HTTP-date (`retryAt`, epoch ms); not processed
//   429-unreadable             Retry-After that is neither (`retryAfter`, the text); not processed
//   500, 502                   an HTML error page, after processing
//   503                        not processed; with `retryAfterMs` when it carried Retry-After
//   drop                       the socket destroyed before answering, after processing
//   drop-after-headers         status and headers sent, then the socket destroyed
//   slow                       headers, then the body in 8 chunks over `dribbleMs`
//   truncated                  Content-Length of the whole answer, half of it sent, then closed
//   html                       200 with an HTML page, after processing
// Optional settings: `weights` ({ fault: weight }, to change the mix), `dribbleMs` (the slow
// bodies' durations, one picked per request; default [200, 3000]).

export const WEIGHTS = {
  normal: 40, 429: 8, "429-date": 5, "429-unreadable": 4, 500: 5, 502: 5, 503: 8,
  drop: 5, "drop-after-headers": 4, slow: 6, truncated: 5, html: 5,
};

const UNREADABLE = ["soon", "-1", "in a bit", "Someday, 99 Foo 2099 99:99:99 GMT", "1e3"];

/** A PRNG in [0, 1) seeded by a string (xmur3 hash into mulberry32): the same text, the same run. */
export function prng(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks a key of `weights` with probability proportional to its weight. */
export function pick(random, weights) {
  const entries = Object.entries(weights);
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [name, weight] of entries) if ((r -= weight) < 0) return name;
  return entries.at(-1)[0];
}

/** Answers `request` with a fault, or with `next()` (the provider routes), as chaos mode says. */
export async function chaosRoute(request, context, next) {
  const chaos = context.settings.chaos;
  if (!chaos || !/^\/(api|v1)\//.test(request.path)) return next();
  const key = `${request.method} ${request.url} ${request.body}`;
  const nth = context.seen(`chaos:${key}`);
  const random = prng(`${chaos.seed}:${nth}:${key}`);
  const fault = pick(random, chaos.weights ?? WEIGHTS);
  const record = (details) => { request.chaos = { fault, nth, ...details }; };
  const seconds = () => (random() < 0.5 ? 0 : 1);

  switch (fault) {
    case "429": {
      const s = seconds();
      record({ retryAfterMs: s * 1000 });
      return rateLimited(request, String(s));
    }
    case "429-date": {
      const retryAt = Math.ceil((Date.now() + seconds() * 1000) / 1000) * 1000;
      record({ retryAt });
      return rateLimited(request, new Date(retryAt).toUTCString());
    }
    case "429-unreadable": {
      const retryAfter = UNREADABLE[Math.floor(random() * UNREADABLE.length)];
      record({ retryAfter });
      return rateLimited(request, retryAfter);
    }
    case "503": {
      const s = random() < 0.5 ? seconds() : null;
      record(s === null ? {} : { retryAfterMs: s * 1000 });
      return page(503, "Service Unavailable", s === null ? {} : { "retry-after": String(s) });
    }
    default: break;
  }
  const answer = (await next()) ?? { status: 404, body: '{"error":"not_found"}', headers: {} };
  switch (fault) {
    case "500": case "502": record({}); return page(Number(fault), fault === "500" ? "Internal Server Error" : "Bad Gateway");
    case "html": record({}); return page(200, "Proxy login");
    case "drop": record({}); return withFault(answer, "drop");
    case "drop-after-headers": record({}); return withFault(answer, "drop-after-headers");
    case "truncated": record({}); return withFault(answer, "truncate");
    case "slow": {
      const choices = chaos.dribbleMs ?? [200, 3000];
      const dribbleMs = choices[Math.floor(random() * choices.length)];
      record({ dribbleMs });
      return withFault(answer, `dribble:${dribbleMs}`);
    }
    default: record({}); return answer;
  }
}

function rateLimited(request, retryAfter) {
  const headers = { "content-type": "application/json; charset=utf-8", "retry-after": retryAfter };
  const body = request.path.startsWith("/v1/")
    ? { status_code: 429, request_id: "request-id-chaos", error_type: "too_many_requests", error_message: "Too many requests." }
    : { ok: false, error: "ratelimited" };
  return { status: 429, body: JSON.stringify(body), headers };
}

function page(status, title, headers = {}) {
  return { status, body: `<!doctype html><title>${title}</title>`, headers: { "content-type": "text/html", ...headers } };
}

function withFault(answer, fault) {
  return { ...answer, headers: { ...answer.headers, "x-mock-fault": fault } };
}
