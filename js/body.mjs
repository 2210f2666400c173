// A body read whole, but never past a cap: for the transport's answers and the Slack requests a
// Worker checks, where a sender could otherwise make the isolate hold any amount of text.

/**
 * What is read of a `Request` or a `Response` (the DOM's or Cloudflare's).
 * @typedef {{ headers: Headers, body: ReadableStream<Chunk> | null, text(): Promise<string> }} Message
 * @typedef {Uint8Array<ArrayBuffer>} Chunk
 */

/**
 * The stream's chunks, or `undefined` as soon as they pass `cap` bytes (the rest is cancelled).
 * @param {ReadableStream<Chunk>} stream
 * @param {number} cap
 * @returns {Promise<Chunk[] | undefined>}
 */
async function chunksWithin(stream, cap) {
  const reader = stream.getReader();
  /** @type {Chunk[]} */
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    size += value.byteLength;
    if (size > cap) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * The stream's bytes as text, or `undefined` as soon as they pass `cap` (the rest is cancelled).
 * @param {ReadableStream<Chunk>} stream
 * @param {number} cap
 * @returns {Promise<string | undefined>}
 */
export async function readCapped(stream, cap) {
  const chunks = await chunksWithin(stream, cap);
  // UTF-8, invalid sequences replaced, as `text()` reads a whole body.
  return chunks && new Blob(chunks).text();
}

/** A request's body as chunks within `cap` bytes, else `undefined`, without reading a body whose
 * declared length is already too long: what a signature is computed over, as the sender sent it.
 * @param {Message} message
 * @param {number} cap
 * @returns {Promise<Chunk[] | undefined>}
 */
export async function chunksOf(message, cap) {
  const declared = message.headers.get("content-length");
  if (declared !== null && Number(declared) > cap) return undefined;
  return message.body ? chunksWithin(message.body, cap) : [];
}

/** A request's or response's text within `cap` bytes, else `undefined`, without reading a body
 * whose declared length is already too long.
 * @param {Message} message
 * @param {number} cap
 * @returns {Promise<string | undefined> | undefined}
 */
export function textWithin(message, cap) {
  const headers = message.headers;
  const declared = headers.get("content-length");
  if (declared !== null && Number(declared) > cap) return undefined;
  // A compressed body's declared length is not what it inflates to: then count what is read.
  if ((declared !== null && !headers.has("content-encoding")) || !message.body) return message.text();
  return readCapped(message.body, cap);
}
