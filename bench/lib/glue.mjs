// Reaching a build's wasm exports straight through its glue (`edge_oauth.js`), for the tools that
// time the wasm's steps without the facade (wasm-steps.mjs, steps.mjs).

/**
 * The number, in this build's catalog, of the method whose prepared request goes to a URL
 * ending in `urlEnd`. Asked of the build itself, so builds whose catalogs differ compare the
 * same call, and no cargo run is needed.
 */
export function methodIndex(glue, texts, urlEnd) {
  for (let index = 0; index < 64; index += 1) {
    const answer = JSON.parse(glue.prepare(index, texts));
    if (answer.request?.url.endsWith(urlEnd)) return index;
  }
  throw new Error(`no method of this build sends a request to ...${urlEnd}`);
}
