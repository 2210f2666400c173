// The project's mock (tests/mock/server.mjs) in its own process on loopback, so its work never
// shares an event loop with the client being measured.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../../tests/mock/server.mjs", import.meta.url));

export async function startMock() {
  const child = spawn(process.execPath, [SERVER, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const found = /MOCK_URL=(\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`mock exited (${code}) before listening`)));
  });
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`mock is not on loopback: ${url}`);
  // A bench stopped by Ctrl-C or a timeout must not leave the mock running on its own.
  const orphaned = () => child.kill("SIGTERM");
  process.once("exit", orphaned);
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => { orphaned(); process.exit(130); });
  return {
    url,
    // The mock keeps every request it sees; clearing the log between rounds keeps its memory
    // (and its GC pauses) flat across hundreds of thousands of calls.
    reset: async () => { await (await fetch(`${url}/__mock/reset`)).text(); },
    stop: () => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGTERM"); }),
  };
}
