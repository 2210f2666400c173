// One Node process start: import one library, make one call, check it, print "ok".
// lib/cold.mjs times spawn -> "ok".   node child/first-call.mjs <library> <method>
import { check } from "../lib/batch.mjs";

const [library, method] = process.argv.slice(2);
const { default: contender } = await import(`../contenders/${library}.mjs`);
check(method, await contender.methods[method](JSON.parse(process.env.BENCH_TARGET))());
process.stdout.write("ok\n");
process.exit(0); // do not wait for idle keep-alive sockets
