// The mock's OpenID Connect signing keys: RSA keys made when the mock starts, published as a JWKS
// at /openid/connect/keys (Slack's is https://slack.com/openid/connect/keys), signing the
// id_tokens the mock's openid.connect.token answers (RS256, Slack's algorithm). Tests rotate them
// and mint tokens of their own, forged ones included:
//   POST /__mock/jwks/rotate      drops the oldest key, adds a new one; answers the JWKS
//   POST /__mock/id_token         {claims, header?, key?: "foreign"} -> {id_token}
//   GET /openid/connect/keys/<name>  the same JWKS at another URL (a client caches keys by URL, so
//                                 each test can start cold), or a broken one: `500`, `redirect`,
//                                 `html`, `no-keys`
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { html, json, reply } from "./http.mjs";

export const JWKS_PATH = "/openid/connect/keys";
export const ISSUER = "https://slack.com";

/** Two published keys (signing with the newest), as a provider mid-rotation publishes them. */
export function createKeyring() {
  const keys = [makeKey(), makeKey()];
  // Never published: what "signed by another key" means in the forgery tests.
  const foreign = makeKey(keys[1].kid);
  return {
    jwks: () => ({ keys: keys.map((key) => key.jwk) }),
    rotate() {
      keys.shift();
      keys.push(makeKey());
      return this.jwks();
    },
    /**
     * A compact JWS of `claims`, RS256 by the newest key unless `header` says otherwise (its
     * fields override `alg`, `kid`, `typ`); `key: "foreign"` signs with the unpublished key
     * under the newest key's kid. `alg: "none"` gives an empty signature.
     */
    sign(claims, { header = {}, key } = {}) {
      const signer = key === "foreign" ? foreign : keys[keys.length - 1];
      const head = { alg: "RS256", kid: signer.kid, typ: "JWT", ...header };
      const input = `${encode(head)}.${encode(claims)}`;
      const signature = head.alg === "none" ? "" : sign("sha256", Buffer.from(input), signer.privateKey).toString("base64url");
      return `${input}.${signature}`;
    },
  };
}

/** Routes the JWKS and the test endpoints; undefined for other paths. */
export function jwksRoute(request, { keyring }) {
  if (request.path === JWKS_PATH || request.path.startsWith(`${JWKS_PATH}/`)) {
    const broken = {
      500: () => html(500, "<html><body>Internal error</body></html>"),
      redirect: () => reply(302, "", { location: "https://elsewhere.test/" }),
      html: () => html(200, "<!doctype html><title>Proxy login</title>"),
      "no-keys": () => json(200, { error: "not a JWKS" }),
    }[request.path.slice(JWKS_PATH.length + 1)];
    return broken ? broken() : json(200, keyring.jwks());
  }
  if (request.method !== "POST") return undefined;
  if (request.path === "/__mock/jwks/rotate") return json(200, keyring.rotate());
  if (request.path === "/__mock/id_token") {
    const { claims, header, key } = JSON.parse(request.body || "{}");
    return json(200, { id_token: keyring.sign(claims, { header, key }) });
  }
  return undefined;
}

/** The `at_hash` of an access token (OpenID Connect Core 3.1.3.6): half its SHA-256, base64url. */
export function atHash(accessToken) {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}

function makeKey(kid = `mock-${randomBytes(6).toString("hex")}`) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

function encode(value) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
