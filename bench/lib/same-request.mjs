// The floor is only a floor if it sends what edge-oauth sends. The package changes often, so
// every run asks the mock's request log whether the two still match: method, URL, headers, body.
import { METHODS } from "./plan.mjs";

/** [] when they match, otherwise one line per method that differs. */
export async function compareWithFloor(modules, target, mockUrl) {
  const differences = [];
  for (const method of METHODS) {
    const seen = [];
    for (const library of ["floor", "edge-oauth"]) {
      await fetch(`${mockUrl}/__mock/reset`).then((response) => response.text());
      await modules[library].methods[method](target)();
      const [request] = await fetch(`${mockUrl}/__mock/requests`).then((response) => response.json());
      seen.push(JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body: request.body }));
    }
    if (seen[0] !== seen[1]) differences.push(`${method}: floor sends ${seen[0]}, edge-oauth sends ${seen[1]}`);
  }
  return differences;
}
