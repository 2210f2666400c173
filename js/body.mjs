// A body read whole, but never past a cap: for the transport's answers and the Slack requests a
// Worker checks, where a sender could otherwise make the isolate hold any amount of text.

/** The stream's bytes as text, or `undefined` as soon as they pass `cap` (the rest is cancelled). */
export async function readCapped(stream, cap) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode();
}

/** A request's or response's text within `cap` bytes, else `undefined`, without reading a body
 * whose declared length is already too long. */
export function textWithin(message, cap) {
  const headers = message.headers;
  const declared = headers.get("content-length");
  if (declared !== null && Number(declared) > cap) return undefined;
  // A compressed body's declared length is not what it inflates to: then count what is read.
  if ((declared !== null && !headers.has("content-encoding")) || !message.body) return message.text();
  return readCapped(message.body, cap);
}
