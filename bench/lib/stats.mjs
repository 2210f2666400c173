// Interleaved rounds and their summary.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `rounds` rounds (after `warmup` unrecorded ones). Each round measures every contender
 * once, starting one place later each round, so drift (GC, the mock warming up, the other core
 * being busy) lands on all contenders alike. `measure(name)` returns ms per call; `between()`
 * runs before each round, untimed. Returns { name: [ms per call, one per round] }.
 */
export async function interleave(names, { rounds, warmup }, measure, between = async () => {}) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round += 1) {
    await between();
    const shift = ((round % names.length) + names.length) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const ms = await measure(name);
      if (round >= 0) samples[name].push(ms);
    }
  }
  return samples;
}

/**
 * { name: { ms, ratio } }: the median of `value(sample)` (ms per call), and the median of the
 * per-round ratios to `base`'s measured in the same round (paired, so a slow round does not
 * skew the ratio).
 */
export function summarize(samples, base = "floor", value = (sample) => sample) {
  const baseValues = samples[base].map(value);
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => {
    const values = list.map(value);
    return [name, { ms: median(values), ratio: median(values.map((v, round) => v / baseValues[round])) }];
  }));
}

/** The base of the CPU ratios: every client that can time out an attempt pays for a timer. */
export const CPU_BASE = "floor-timeout";

/**
 * A speed cell from `{ ms, cpu }` samples: `wall` (ratios to the floor), `cpu` (ratios to
 * floor + timeout, CPU_BASE) and `cpuFloor` (CPU ratios to the floor).
 */
export function summarizeSpeed(samples) {
  return {
    wall: summarize(samples, "floor", (sample) => sample.ms),
    cpu: summarize(samples, CPU_BASE, (sample) => sample.cpu),
    cpuFloor: summarize(samples, "floor", (sample) => sample.cpu),
  };
}
