#!/usr/bin/env node
// Installs the npm packages only when node_modules is missing or out of step with
// package-lock.json, so that `npm run build` never needs the network once packages are in
// place. `npm install` on every build cost 1.8 s online and 2 min 21 s offline (it re-resolves
// a test tool's `latest` ranges); this check costs a few milliseconds. Out of step, it runs
// `npm ci`, which installs exactly the lockfile and resolves nothing.
//
// Plain JavaScript on purpose: it runs before tsx (a package) can be assumed installed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Why node_modules does not match the lockfile, or undefined when it does. */
export function outOfStep(root) {
  const lockFile = path.join(root, "package-lock.json");
  const installedFile = path.join(root, "node_modules", ".package-lock.json");
  if (!existsSync(lockFile)) return "there is no package-lock.json";
  if (!existsSync(installedFile)) return "node_modules is missing";
  const wanted = JSON.parse(readFileSync(lockFile, "utf8")).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, "utf8")).packages ?? {};
  for (const [where, entry] of Object.entries(wanted)) {
    if (where === "" || entry.link) continue;
    const have = installed[where];
    // Optional packages for other platforms (sharp's and Pagefind's binaries) are never installed.
    if (!have) {
      if (entry.optional) continue;
      return `${where} is not installed`;
    }
    if (have.version !== entry.version) return `${where} is ${have.version}, the lockfile wants ${entry.version}`;
    if (!existsSync(path.join(root, where, "package.json"))) return `${where} was removed`;
  }
  return undefined;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const reason = outOfStep(root);
  if (!reason) return 0;
  console.error(`[wenji] installing npm packages (${reason})`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (run.status !== 0) {
    console.error("[wenji] `npm ci` failed: if package.json was edited, run `npm install` once to update package-lock.json");
    return run.status ?? 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
