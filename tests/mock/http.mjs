// Plumbing of the mock: a loopback HTTP/1.1 server that records every request, answers CORS
// preflights, and always sends Content-Length (workerd drops connections without it).
import http from "node:http";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, accept",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-expose-headers": "retry-after, x-slack-req-id, content-length",
};

/** A response: status, headers, body text. */
export function reply(status, body, headers = {}) {
  return { status, body, headers };
}

export function json(status, value, headers = {}) {
  return reply(status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8", ...headers });
}

export function html(status, text) {
  return reply(status, text, { "content-type": "text/html; charset=utf-8" });
}

/**
 * Starts a server on 127.0.0.1 that passes each request to `route(request)` and sends what it
 * returns. `requests` lists what arrived (method, path, query, headers, form, body).
 */
export async function serve(route, { port = 0, settings = {} } = {}) {
  const requests = [];
  const counts = new Map();
  // Per-server memory for routes (issued codes, refresh tokens) and knobs tests may turn.
  const store = new Map();
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://127.0.0.1");
    if (req.method === "OPTIONS") return send(res, reply(204, ""));
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
    if (!url.pathname.startsWith("/__mock/")) requests.push(request);
    try {
      const context = { seen: (key) => bump(counts, key), requests, store, settings, origin: origin(server) };
      const answer = await route(request, context);
      send(res, answer ?? json(404, { error: "not_found" }));
    } catch (error) {
      send(res, reply(500, `mock failed: ${error.stack}`));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: origin(server),
    requests,
    settings,
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

function send(res, { status, body, headers }) {
  if (headers["x-mock-delay-ms"]) {
    const delay = Number(headers["x-mock-delay-ms"]);
    delete headers["x-mock-delay-ms"];
    setTimeout(() => send(res, { status, body, headers }), delay);
    return;
  }
  if (headers["x-mock-stream"]) {
    // Chunked, with no Content-Length: the client must stop reading at its own cap.
    delete headers["x-mock-stream"];
    res.writeHead(status, { ...CORS, ...headers });
    const bytes = Buffer.from(body, "utf8");
    for (let at = 0; at < bytes.length; at += 65536) res.write(bytes.subarray(at, at + 65536));
    res.end();
    return;
  }
  const bytes = Buffer.from(body, "utf8");
  const declared = headers["content-length"] ?? bytes.length;
  res.writeHead(status, { ...CORS, ...headers, "content-length": declared });
  res.end(bytes.subarray(0, Math.min(bytes.length, Number(declared))));
}
