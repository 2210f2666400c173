// The page's Vite config, as a user of edge-oauth writes it. `vite build` needs nothing; `vite dev`
// must not pre-bundle edge-oauth, which would move its module into Vite's cache (.vite/deps/), away
// from the .wasm next to it (README: optimizeDeps).
//
// For the tests only: node_modules/edge-oauth is a link to pkg/ here, and Vite never pre-bundles a
// linked package (it serves it as source), so the exclude would go untested; `preserveSymlinks`
// keeps its path under node_modules/, as after `npm install edge-oauth`. `cacheDir` lets the dev
// test keep Vite's cache in a temporary directory (Vite's default, node_modules/.vite, when unset).
export default {
  logLevel: "warn",
  build: { target: "es2022" },
  optimizeDeps: { exclude: ["edge-oauth"] },
  resolve: { preserveSymlinks: true },
  cacheDir: process.env.EDGE_OAUTH_VITE_CACHE_DIR || undefined,
};
