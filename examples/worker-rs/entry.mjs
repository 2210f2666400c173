// The Worker's main module, written for `make worker-rs` in place of worker-build's shim (which
// it would download tools to make). wasm-bindgen's `--target web` glue is instantiated once per
// isolate from the compiled module workerd hands us, and every request goes to the Rust
// `#[event(fetch)]` handler (exported as `fetch`), with the env and the execution context.
// A panic (panic = "abort") traps: its request never answers (workerd cancels it), and
// worker 0.8's abort hook, kept by `wasm-bindgen --force-enable-abort-handler`, has the glue
// re-instantiate the wasm before the next call, so the isolate keeps working.
import module from "./worker_rs_bg.wasm";
import { fetch as handle, initSync } from "./worker_rs.js";

initSync({ module });

export default {
  fetch(request, env, ctx) {
    return handle(request, env, ctx);
  },
};
