// The floor with a per-attempt timeout: the same request, plus what any client that can time a
// call out must pay on every attempt (an AbortController whose signal goes to fetch, a timer
// set and cleared, redirects not followed). Not a library: it shows how much of a library's
// cost over the floor is the timeout itself.
import floor, { fetchJson } from "./floor.mjs";

const TIMEOUT_MS = 10_000; // edge-oauth's default per-attempt timeout

function withTimeout(send) {
  return (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    return send(url, { ...init, signal: controller.signal, redirect: "manual" }).finally(() => clearTimeout(timer));
  };
}

export default {
  name: "floor-timeout",
  methods: Object.fromEntries(
    Object.entries(floor.methods).map(([method, setUp]) => [method, (t) => setUp(t, withTimeout(fetchJson))]),
  ),
};
