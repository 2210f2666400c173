// deno.ts: the Worker above, served by Deno with its settings from the environment.
//   deno serve --allow-net --allow-env --allow-read deno.ts
import worker, { type Env } from "./worker.mjs";

export default {
  fetch: (request) => worker.fetch(request, Deno.env.toObject() as Env),
} satisfies Deno.ServeDefaultExport;
