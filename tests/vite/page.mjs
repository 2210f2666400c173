// What the Vite tests share: Chromium as they launch it, and the page (index.html, main.js) run
// against the mock, with the same checks whether `vite build` or `vite dev` serves it.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

// Past this, a page load, a server's start or stop counts as hung: a bound against hanging for
// ever, not a budget (each takes a second or two; on a busy machine, several times more).
export const HANG_MS = 120_000;

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** Runs the page served at `url` against `mock` and checks what it shows and what reached the mock.
 * Returns the responses the page received ({ url, status, type }). */
export async function checkPage(browser, url, mock) {
  const page = await browser.newPage();
  page.setDefaultTimeout(HANG_MS);
  const responses = [];
  const errors = [];
  page.on("response", (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] ?? "" }));
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const before = mock.requests.filter((r) => r.path === "/api/oauth.v2.access").length;
    const failed = new Promise((resolve) => page.once("pageerror", resolve));
    await page.goto(`${url}?mock=${encodeURIComponent(mock.url)}`);
    // Until main.js shows something, or fails to load (an uncaught error leaves "loading").
    const ran = page.waitForFunction(() => document.getElementById("out").textContent !== "loading");
    await Promise.race([ran.catch(() => {}), failed]);
    if ((await page.textContent("#out")) === "loading") {
      const suspect = responses.filter((r) => r.status >= 400 || (r.url.endsWith(".wasm") && r.type !== "application/wasm"));
      assert.fail(`the page never ran\npage errors: ${JSON.stringify(errors)}\nresponses: ${JSON.stringify(suspect)}`);
    }
    const result = await page.textContent("#out");
    assert.ok(result.startsWith("{"), `${result}\npage errors: ${JSON.stringify(errors)}`);
    assert.deepEqual(JSON.parse(result), { authorize: true, user: "U0MOCK", guard: "browser_secret" }, result);
    const sent = mock.requests.filter((r) => r.path === "/api/oauth.v2.access").length - before;
    assert.equal(sent, 1, "one exchange reached the mock; the guarded call sent nothing");
    return responses;
  } finally {
    await page.close();
  }
}
