// The Worker each library runs in for the workerd rounds (one isolate per library). Requests:
//   ?op=batch&method=M&calls=N&concurrency=C[&perRequest=1]
//                                               N calls, C in flight, every answer checked; with
//                                               perRequest, a new client for every call
//   ?op=memory                                  edge-oauth's wasm memory size, in bytes
//   ?op=noop                                    nothing: the cost of the request itself
// A batch answers its duration by workerd's clock, which only moves across I/O: read when the
// request arrives and when the last call's answer has arrived (every call is a fetch), it spans
// the batch but for the CPU work after the last answer; lib/drivers.mjs compares it with the
// time measured from outside.
import { caller, runBatch } from "../lib/batch.mjs";

export function benchWorker(contender) {
  const calls = new Map(); // "method perRequest" -> call; built once per isolate, in module scope
  return {
    async fetch(request, env) {
      const query = new URL(request.url).searchParams;
      const op = query.get("op");
      if (op === "noop") return new Response("ok");
      if (op === "memory") return Response.json({ bytes: contender.wasmMemoryBytes?.() ?? null });
      const method = query.get("method");
      const perRequest = query.get("perRequest") === "1";
      const key = `${method} ${perRequest}`;
      if (!calls.has(key)) calls.set(key, caller(contender, method, JSON.parse(env.TARGET), perRequest));
      try {
        const start = Date.now();
        await runBatch(method, calls.get(key), Number(query.get("calls")), Number(query.get("concurrency")));
        return new Response(String(Date.now() - start));
      } catch (error) {
        return new Response(String(error?.stack ?? error), { status: 500 });
      }
    },
  };
}
