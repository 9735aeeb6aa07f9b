/**
 * `npm start [-- --host ADDRESS] [--port N]`: the preview, with drafts, scheduled and expired
 * essays shown and marked, rebuilt on every edit. It listens on 127.0.0.1 (this machine only);
 * `--host 0.0.0.0` shares it with the local network, drafts included.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT, parseCommand, usageError } from "../lib/cli/args.ts";

const USAGE = `usage: npm start [-- --host ADDRESS] [--port N]

Serves a preview of the site on http://127.0.0.1:8080/ with drafts shown, rebuilt on every edit.

  --host ADDRESS   listen on this address instead of 127.0.0.1; 0.0.0.0 (or ::) shares the
                   preview, drafts included, with every machine that can reach this one
  --port N         the first port to try (default: $PORT or 8080)
  -h, --help       this text`;

const { values, positionals } = parseCommand(USAGE, { host: { type: "string" }, port: { type: "string" } });
if (positionals.length) usageError(`unexpected argument "${positionals[0]}"`, USAGE);
const host = values.host ?? "127.0.0.1";
if (!isIP(host) && host !== "localhost") usageError(`--host "${host}" is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::)`, USAGE);
const port = values.port ?? process.env.PORT ?? "8080";
if (!/^\d+$/.test(port) || Number(port) > 65535) usageError(`--port "${port}" is not a port number`, USAGE);

const project = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Eleventy's command line (not among its package's exports, so found beside its package.json's folder).
const eleventy = path.join(path.dirname(createRequire(import.meta.url).resolve("@11ty/eleventy")), "..", "cmd.cjs");
const child = spawn(process.execPath, [eleventy, "--serve", "--quiet", "--output=.wenji/preview", `--port=${port}`, `--config=${path.join(project, ".eleventy.js")}`], {
  stdio: "inherit",
  env: { ...process.env, WENJI_PREVIEW_HOST: host },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : EXIT.problems)));
