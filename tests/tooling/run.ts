/** Runs a wenji command as the author would: a child process in the site's folder. */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT } from "../helpers/site.ts";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = import.meta.resolve("tsx");

export function runScript(script: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, path.join(PROJECT, "scripts", script), ...args], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
