import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const script = path.resolve("scripts/ensure-packages.mjs");

/** A project with a lockfile, an installed tree as given, and a stand-in `npm` that logs its calls. */
function project(installed: Record<string, { version: string }> | undefined): { root: string; run: () => { status: number | null; npmCalls: string } } {
  const root = mkdtempSync(path.join(tmpdir(), "wenji-ensure-"));
  mkdirSync(path.join(root, "scripts"));
  copyFileSync(script, path.join(root, "scripts", "ensure-packages.mjs"));
  const packages = {
    "": { name: "site" },
    "node_modules/a": { version: "1.0.0" },
    "node_modules/@img/sharp-darwin-arm64": { version: "0.34.0", optional: true },
  };
  writeFileSync(path.join(root, "package-lock.json"), JSON.stringify({ lockfileVersion: 3, packages }));
  if (installed) {
    mkdirSync(path.join(root, "node_modules", "a"), { recursive: true });
    writeFileSync(path.join(root, "node_modules", "a", "package.json"), "{}");
    writeFileSync(path.join(root, "node_modules", ".package-lock.json"), JSON.stringify({ lockfileVersion: 3, packages: installed }));
  }
  const bin = path.join(root, "bin");
  mkdirSync(bin);
  writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "$@" >> "${path.join(root, "npm-calls")}"\n`);
  chmodSync(path.join(bin, "npm"), 0o755);
  const run = () => {
    const result = spawnSync(process.execPath, ["scripts/ensure-packages.mjs"], { cwd: root, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    const calls = path.join(root, "npm-calls");
    return { status: result.status, npmCalls: existsSync(calls) ? readFileSync(calls, "utf8").trim() : "" };
  };
  return { root, run };
}

test("packages in step with the lockfile: no npm call at all (a build needs no network)", () => {
  const { run } = project({ "node_modules/a": { version: "1.0.0" } });
  assert.deepEqual(run(), { status: 0, npmCalls: "" });
});

test("missing node_modules, another version or a removed folder: `npm ci`, never `npm install`", () => {
  assert.deepEqual(project(undefined).run(), { status: 0, npmCalls: "ci --no-audit --no-fund" });
  assert.deepEqual(project({ "node_modules/a": { version: "0.9.0" } }).run(), { status: 0, npmCalls: "ci --no-audit --no-fund" });
  const removed = project({ "node_modules/a": { version: "1.0.0" } });
  rmSync(path.join(removed.root, "node_modules", "a"), { recursive: true });
  assert.deepEqual(removed.run(), { status: 0, npmCalls: "ci --no-audit --no-fund" });
});

test("the project's own node_modules is in step with its lockfile after npm test's install", () => {
  const result = spawnSync(process.execPath, [script], { encoding: "utf8" });
  assert.equal(result.status, 0);
  assert.equal(result.stderr, "");
});
