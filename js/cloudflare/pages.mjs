// Plain pages for people: a title, a sentence, never a stack trace or a secret.

/**
 * @param {number} status
 * @param {string} title
 * @param {string} text
 * @returns {Response}
 */
export function page(status, title, text) {
  // HTML's optional tags left out (head, body, the closing ones): the parsed page is the same.
  const html = `<!doctype html><html lang=en><meta charset=utf-8><title>${escape(title)}</title>` +
    `<meta name=viewport content="width=device-width,initial-scale=1"><main><h1>${escape(title)}</h1><p>${escape(text)}</main>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * @param {unknown} value
 * @returns {string}
 */
export function escape(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
