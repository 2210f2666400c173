// Per-call cost, one call at a time and with 64 in flight, for every method's contenders.
import { interleave, summarize } from "./stats.mjs";

/** { method: { perCall: summary, inFlight: summary } } (see stats.summarize). */
export async function speed(driver, races, knobs, reset) {
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
