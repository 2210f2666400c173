// js/body.mjs, natively: a body is read whole only within its cap, and past the cap reading
// stops (what verifySlackRequest and the transport rely on; a compressed answer is tested
// through the mock, in slack.test.mjs). In workerd an upload cut short by an early 413 makes
// the test client's own fetch fail at random, so the cap is tested here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { textWithin } from "../../js/body.mjs";

const CAP = 1024;
const post = (body, headers = {}) => new Request("http://127.0.0.1/", { method: "POST", body, headers, duplex: "half" });

/** A stream of `count` chunks of `size` bytes that counts how many were pulled. */
function counted(count, size) {
  const pulled = { chunks: 0 };
  const stream = new ReadableStream({
    pull(controller) {
      if (pulled.chunks === count) return controller.close();
      pulled.chunks++;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
  return { stream, pulled };
}

test("a body within the cap is read whole, declared or streamed", async () => {
  assert.equal(await textWithin(post("x".repeat(CAP)), CAP), "x".repeat(CAP));
  const { stream } = counted(4, 256);
  assert.equal(await textWithin(post(stream), CAP), "x".repeat(CAP));
  assert.equal(await textWithin(new Response(null), CAP), "");
});

test("a declared length over the cap is refused without reading the body", async () => {
  const request = post("x".repeat(CAP + 1), { "content-length": String(CAP + 1) });
  assert.equal(textWithin(request, CAP), undefined);
  assert.equal(request.bodyUsed, false);
});

test("a streamed body stops being read once it passes the cap", async () => {
  const { stream, pulled } = counted(1000, 256);
  assert.equal(await textWithin(post(stream), CAP), undefined);
  assert.ok(pulled.chunks <= 8, `${pulled.chunks} of 1000 chunks pulled`);
});
