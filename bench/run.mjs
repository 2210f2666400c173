#!/usr/bin/env node
// `make bench`: edge-oauth against the floor and the official SDKs, in Node and in workerd.
// Writes bench/RESULTS.md. Knobs are env vars (lib/plan.mjs); see README.md.
import { linkPackage } from "./lib/link.mjs";

linkPackage();
await import("./lib/main.mjs");
