// Per-call cost, wall and CPU, in three ways for every method's contenders: one call at a time
// with a client built once, one call at a time with a client built per request, and 64 in
// flight with a client built once.
import { interleave, summarizeSpeed } from "./stats.mjs";

/** The three ways: one call at a time or `knobs.inFlight` (64) at once; clients reused or not. */
export const MODES = [
  { key: "once", title: "client built once", flight: false, perRequest: false },
  { key: "perRequest", title: "client built per request", flight: false, perRequest: true },
  { key: "inFlight", title: "64 in flight", flight: true, perRequest: false },
];

/**
 * { method: { once, perRequest, inFlight } }, each a summarizeSpeed cell. `races`:
 * [{ method, contenders }]; `knobs`: lib/plan.mjs's.
 */
export async function speed(driver, races, knobs, reset) {
  // V8 runs new JS and wasm code in its baseline compilers first and tiers them up after a few
  // thousand calls (measured in workerd: edge-oauth's prepare is 2-6x slower until then), so
  // every contender first makes `warmCalls` untimed calls of each method, and a fifth as many
  // with a new client each: the rounds measure the steady state a long-lived server or isolate
  // reaches.
  for (const { method, contenders } of races) {
    for (const library of contenders) {
      await driver(library, method, knobs.warmCalls, 8);
      await driver(library, method, Math.ceil(knobs.warmCalls / 5), 8, true);
    }
    await reset();
  }
  const result = {};
  for (const { method, contenders } of races) {
    result[method] = {};
    for (const { key, flight, perRequest } of MODES) {
      const [rounds, calls, warmup] = flight ? [knobs.flightRounds, knobs.flightCalls, 1] : [knobs.rounds, knobs.batch, knobs.warmup];
      const measure = (library) => driver(library, method, calls, flight ? knobs.inFlight : 1, perRequest);
      result[method][key] = summarizeSpeed(await interleave(contenders, { rounds, warmup }, measure, reset));
    }
  }
  return result;
}
