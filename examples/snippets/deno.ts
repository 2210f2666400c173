// deno.ts: the Worker above, served by Deno with its settings from the environment.
//   deno serve --allow-net --allow-env --allow-read deno.ts
import worker from "./worker.mjs";

export default {
  fetch: (request) => worker.fetch(request, Deno.env.toObject()),
} satisfies Deno.ServeDefaultExport;
