#!/usr/bin/env node
// Runs a command with the mock listening: `node tests/mock/with-mock.mjs <command> [args...]`.
// The command sees MOCK_URL; the mock stops when it exits, and its exit code is passed on.
import { spawn } from "node:child_process";
import { startMock } from "./server.mjs";

const [command, ...args] = process.argv.slice(2);
const mock = await startMock();
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, MOCK_URL: mock.url } });
const code = await new Promise((resolve) => child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));
await mock.close();
process.exit(code);
