/** Runs a project script as a child process, the way an author would, and captures its output. */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT } from "./site.ts";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = path.join(PROJECT, "node_modules", "tsx", "dist", "esm", "index.mjs");

export function runScript(script: string, args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, path.join(PROJECT, "scripts", script), ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
