// The Worker's main module, written for `make worker-rs` in place of worker-build's shim (which
// it would download tools to make). wasm-bindgen's `--target web` glue is instantiated once per
// isolate from the compiled module workerd hands us, and every request goes to the Rust
// `#[event(fetch)]` handler (exported as `fetch`), with the env and the execution context.
// The handler has no panicking path; a panic (panic = "abort") would trap and leave this
// isolate's instance unusable until workerd replaces the isolate.
import module from "./worker_rs_bg.wasm";
import { fetch as handle, initSync } from "./worker_rs.js";

initSync({ module });

export default {
  fetch(request, env, ctx) {
    return handle(request, env, ctx);
  },
};
