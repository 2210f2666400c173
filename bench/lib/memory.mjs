// edge-oauth's wasm linear memory before any call and after `total` calls. Wasm memory never
// shrinks, so "after" is also the peak. The calls rotate over the three methods, 64 in flight,
// in batches (one request each in workerd, under any per-request subrequest limit).
import { METHODS } from "./plan.mjs";

const BATCH = 960;

export async function memoryRun(driver, readBytes, total, reset) {
  const before = await readBytes();
  for (let done = 0, i = 0; done < total; i += 1) {
    const calls = Math.min(BATCH, total - done);
    await driver("edge-oauth", METHODS[i % METHODS.length], calls, 64);
    done += calls;
    await reset();
  }
  return { before, after: await readBytes(), calls: total };
}
