// vite.config.js: `vite build` needs nothing; `vite dev` must not pre-bundle edge-oauth, which
// would move its module away from the .wasm next to it.
export default {
  optimizeDeps: { exclude: ["edge-oauth"] },
};
