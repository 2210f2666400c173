// Plumbing of the mock: a loopback HTTP/1.1 server that records every request, answers CORS
// preflights, and always sends Content-Length (workerd drops connections without it).
import http from "node:http";
import { gzipSync } from "node:zlib";

const CORS_ALLOW = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, accept",
  "access-control-allow-methods": "GET, POST, OPTIONS",
};
const CORS = { ...CORS_ALLOW, "access-control-expose-headers": "retry-after, x-slack-req-id, content-length" };

/** A response: status, headers, body text. */
export function reply(status, body, headers = {}) {
  return { status, body, headers };
}

export function json(status, value, headers = {}) {
  return reply(status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8", ...headers });
}

export function html(status, text, headers = {}) {
  return reply(status, text, { "content-type": "text/html; charset=utf-8", ...headers });
}

/**
 * Starts a server on 127.0.0.1 that passes each request to `route(request)` and sends what it
 * returns. `requests` lists what arrived (method, path, query, headers, form, body).
 *
 * `exposeHeaders: false` sends no `Access-Control-Expose-Headers`, so a page sees only the
 * CORS-safelisted response headers, as with a provider that does not expose its own (Slack does
 * not document that it does). `recordPreflights: true` lists CORS preflights (OPTIONS) in
 * `requests` too. Both are off by default.
 */
export async function serve(route, { port = 0, settings = {}, exposeHeaders = true, recordPreflights = false } = {}) {
  const cors = exposeHeaders ? CORS : CORS_ALLOW;
  const requests = [];
  const counts = new Map();
  // Per-server memory for routes (issued codes, refresh tokens) and knobs tests may turn.
  const store = new Map();
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://127.0.0.1");
    const request = {
      method: req.method,
      url: req.url,
      path: url.pathname,
      rawPath: req.url.split("?")[0],
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      form: Object.fromEntries(new URLSearchParams(body)),
      at: Date.now(),
    };
    if (req.method === "OPTIONS") {
      if (recordPreflights && !url.pathname.startsWith("/__mock/")) requests.push(request);
      return send(res, reply(204, ""), cors);
    }
    if (!url.pathname.startsWith("/__mock/")) requests.push(request);
    try {
      const context = { seen: (key) => bump(counts, key), requests, store, settings, origin: origin(server) };
      const answer = await route(request, context);
      send(res, answer ?? json(404, { error: "not_found" }), cors);
    } catch (error) {
      send(res, reply(500, `mock failed: ${error.stack}`), cors);
    }
  });
  // An idle connection stays open until the client (its pool) closes it, or until close(): with
  // the server closing it after 1 s, a client reusing it at that moment (workerd, on a busy
  // machine) lost the request ("Network connection lost"; seen in CI under load).
  server.keepAliveTimeout = 120_000;
  // A taken port rejects (EADDRINUSE) instead of crashing the process with an unhandled 'error'.
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    url: origin(server),
    requests,
    settings,
    store,
    reset() {
      requests.length = 0;
      counts.clear();
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function origin(server) {
  return `http://127.0.0.1:${server.address().port}`;
}

function bump(counts, key) {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}

function send(res, { status, body, headers }, cors = CORS) {
  if (headers["x-mock-fault"]) {
    const fault = headers["x-mock-fault"];
    delete headers["x-mock-fault"];
    return sendBroken(res, fault, { status, body, headers }, cors);
  }
  if (headers["x-mock-delay-ms"]) {
    const delay = Number(headers["x-mock-delay-ms"]);
    delete headers["x-mock-delay-ms"];
    // Unreferenced: a long delay (a refresh stuck at Slack) never keeps the test process alive.
    setTimeout(() => send(res, { status, body, headers }, cors), delay).unref();
    return;
  }
  if (headers["x-mock-gzip"]) {
    // Compressed: the declared length is the compressed one, far under what the body inflates to.
    delete headers["x-mock-gzip"];
    const bytes = gzipSync(Buffer.from(body, "utf8"));
    res.writeHead(status, { ...cors, ...headers, "content-encoding": "gzip", "content-length": bytes.length });
    res.end(bytes);
    return;
  }
  if (headers["x-mock-stream"]) {
    // Chunked, with no Content-Length: the client must stop reading at its own cap.
    delete headers["x-mock-stream"];
    res.writeHead(status, { ...cors, ...headers });
    const bytes = Buffer.from(body, "utf8");
    for (let at = 0; at < bytes.length; at += 65536) res.write(bytes.subarray(at, at + 65536));
    res.end();
    return;
  }
  const bytes = Buffer.from(body, "utf8");
  const declared = headers["content-length"] ?? bytes.length;
  res.writeHead(status, { ...cors, ...headers, "content-length": declared });
  res.end(bytes.subarray(0, Math.min(bytes.length, Number(declared))));
}

/**
 * Chaos mode's broken answers (see chaos.mjs): `drop` (no answer, the socket destroyed),
 * `drop-after-headers`, `truncate` (half the declared body, then closed), `dribble:<ms>` (the
 * body in 8 chunks spread over that many milliseconds).
 */
function sendBroken(res, fault, { status, body, headers }, cors) {
  const bytes = Buffer.from(body, "utf8");
  const close = () => setTimeout(() => res.socket?.destroy(), 10);
  if (fault === "drop") return res.socket?.destroy();
  res.writeHead(status, { ...cors, ...headers, "content-length": bytes.length });
  if (fault === "drop-after-headers") return res.flushHeaders(), close();
  if (fault === "truncate") return res.write(bytes.subarray(0, bytes.length >> 1)), close();
  const pieces = 8;
  const step = Math.ceil(bytes.length / pieces);
  const interval = Number(fault.split(":")[1]) / pieces;
  res.flushHeaders();
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed || !res.socket || res.socket.destroyed) return clearInterval(timer);
    const chunk = bytes.subarray(at, (at += step));
    if (at >= bytes.length) {
      clearInterval(timer);
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  }, interval);
}
