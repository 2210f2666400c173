// Makes each signed `state` single-use: its nonce is recorded until the state expires. A Durable
// Object is strongly consistent, so a replay is caught even when it lands on another isolate.
import { DurableObject } from "cloudflare:workers";

export class StateLedger extends DurableObject {
  /** True the first time a nonce is seen, false after. */
  async consume(nonce, expiresAtSeconds) {
    const key = `nonce/${nonce}`;
    if (await this.ctx.storage.get(key)) return false;
    await this.ctx.storage.put(key, expiresAtSeconds);
    if (!(await this.ctx.storage.getAlarm())) await this.ctx.storage.setAlarm(Date.now() + 3600_000);
    return true;
  }

  /** Hourly: forget nonces whose states have expired anyway. */
  async alarm() {
    const now = Date.now() / 1000;
    const entries = await this.ctx.storage.list({ prefix: "nonce/" });
    const expired = [...entries].filter(([, expiresAt]) => expiresAt < now).map(([key]) => key);
    for (let i = 0; i < expired.length; i += 128) await this.ctx.storage.delete(expired.slice(i, i + 128));
    if (entries.size > expired.length) await this.ctx.storage.setAlarm(Date.now() + 3600_000);
  }
}
