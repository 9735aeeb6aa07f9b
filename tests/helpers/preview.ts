/**
 * `npm start` as an author runs it (scripts/start.ts), over a fixture site, until it says where
 * it listens: the preview tests share it.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROJECT } from "./site.ts";

export interface Preview {
  port: number;
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startPreview(root: string, args: string[] = []): Promise<Preview> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "start.ts"), `--port=${port}`, ...args], {
    cwd: root,
    env: { ...process.env, WENJI_ROOT: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !/Preview at/.test(log)) await new Promise((r) => setTimeout(r, 100));
  assert.match(log, /Preview at/, log);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { port, child, log: () => log, stop };
}
