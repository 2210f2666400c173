// The Rust method catalog as the READMEs and tests read it (`typescript methods`, see
// src/typescript.rs): { clients: [{ provider, class }], methods: [{ provider, path, params,
// paramsOptional, response, keys: [{ name, optional, expected }], retry: { class, switch? } }] }.
// Read once per process from the typescript binary, so no list of methods is kept by hand.
import { execFileSync } from "node:child_process";

const root = new URL("../", import.meta.url).pathname;
let cached;

/** The catalog (runs `cargo run … typescript -- methods` the first time). */
export function catalog() {
  cached ??= JSON.parse(execFileSync("cargo", ["run", "--quiet", "--features", "typescript", "--bin", "typescript", "--", "methods"], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"],
  }));
  return cached;
}

const STYTCH_PROVIDERS = "organizations.members.oauthProviders.";

/** The Stytch providers the client has a lookup for, in catalog order (`slack`, `google`, …). */
export function stytchProviders() {
  return catalog().methods.filter((m) => m.path.startsWith(STYTCH_PROVIDERS)).map((m) => m.path.slice(STYTCH_PROVIDERS.length));
}
