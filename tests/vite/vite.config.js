// `vite dev` would need `optimizeDeps: { exclude: ["edge-oauth"] }`; `vite build` needs nothing.
export default { logLevel: "warn", build: { target: "es2022" } };
