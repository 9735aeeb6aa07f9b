import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeFixtureRoot, PROJECT } from "../helpers/site.ts";
import { childPids } from "../../lib/build/signals.ts";

const ESSAYS = Object.fromEntries(
  Array.from({ length: 300 }, (_, i) => [`e${i}.md`, `---\ntitle: "第 ${i} 篇"\ndate: 2025-03-01\ntags: [t${i % 7}]\n---\n\n${"这是一段用来建立搜索索引的文字。".repeat(40)}\n`]),
);

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
};
const until = async (check: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return true;
  return false;
};

/** Every process whose command line mentions `needle` (an orphaned Pagefind names its scratch folder). */
const processesMentioning = (needle: string) => readdirSync("/proc").filter((e) => /^\d+$/.test(e) && commandOf(Number(e)).some((arg) => arg.includes(needle)));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} during a build: no staging folder, no records in /dev/shm, no orphaned Pagefind, no lock left; _site/ untouched`, { skip: process.platform !== "linux" && "reads /proc" }, async (t) => {
    const root = await makeFixtureRoot({ posts: ESSAYS });
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "build.ts")], { cwd: root, env: { ...process.env, WENJI_OFFLINE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const pid = child.pid!;
    // Stopped while Pagefind runs when it can be caught running, else while the staging folder exists.
    const pagefind = await until(() => childPids(pid).some((c) => commandOf(c)[0]?.includes("pagefind")), 60_000);
    assert.ok(pagefind || readdirSync(root).some((name) => name.startsWith("._site.building-")), "the build was caught running");
    t.diagnostic(pagefind ? "stopped while Pagefind ran" : "stopped before Pagefind started");
    child.kill(signal);
    const code = await exited;
    assert.equal(code, signal === "SIGINT" ? 130 : 143, stderr);
    assert.match(stderr, new RegExp(`build stopped \\(${signal}\\); the previous output was left as it was`));
    assert.deepEqual(readdirSync(root).filter((name) => name.includes(".building-") || name.includes(".old-")), []);
    assert.ok(!existsSync(path.join(root, "_site")), "no output from a stopped first build");
    assert.ok(!existsSync(path.join(root, ".cache", "build.lock")));
    const scratch = `wenji-search-${pid}-`;
    assert.deepEqual(existsSync("/dev/shm") ? readdirSync("/dev/shm").filter((name) => name.startsWith(scratch)) : [], []);
    assert.ok(await until(() => processesMentioning(scratch).length === 0, 5000), `Pagefind outlived the build: ${processesMentioning(scratch)}`);
  });
}
