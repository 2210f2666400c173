// Per-call cost, one call at a time and with 64 in flight, for every method's contenders.
import { interleave, summarize } from "./stats.mjs";

/** { method: { perCall: summary, inFlight: summary } } (see stats.summarize). */
export async function speed(driver, races, knobs, reset) {
  // V8 runs new JS and wasm code in its baseline compilers first and tiers them up after a few
  // thousand calls (measured in workerd: edge-oauth's prepare is 2-6x slower until then), so
  // every contender first makes `warmCalls` untimed calls of each method: the rounds measure the
  // steady state a long-lived server or isolate reaches.
  for (const { method, contenders } of races) {
    for (const library of contenders) await driver(library, method, knobs.warmCalls, 8);
    await reset();
  }
  const result = {};
  for (const { method, contenders } of races) {
    const one = (library) => driver(library, method, knobs.batch, 1);
    const many = (library) => driver(library, method, knobs.flightCalls, knobs.inFlight);
    result[method] = {
      perCall: summarize(await interleave(contenders, { rounds: knobs.rounds, warmup: knobs.warmup }, one, reset)),
      inFlight: summarize(await interleave(contenders, { rounds: knobs.flightRounds, warmup: 1 }, many, reset)),
    };
  }
  return result;
}
