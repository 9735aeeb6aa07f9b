/**
 * `npm run bench:book`: the time `npm run book` takes on the benchmark corpus (lib/bench/
 * corpus.ts; 1,000 Chinese essays and 500 English translations by default), in a child process
 * as a user runs it. The first run starts from empty caches (it renders every essay and encodes
 * every image, as a first site build would); the second finds the caches the site build leaves,
 * which is the case the target (under 10 s at 1,000 essays) is about. Prints the load average:
 * the machine is shared, and the figure means little without it.
 *
 * Options: `--essays N` (default 1000), `--keep` (leave the corpus folder).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { generateCorpus, writeCorpusSite } from "../lib/bench/corpus.ts";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);

const { values } = parseArgs({ options: { essays: { type: "string", default: "1000" }, keep: { type: "boolean", default: false } } });
const essays = Number(values.essays);
if (!Number.isInteger(essays) || essays < 1) {
  console.error(`--essays: "${values.essays}" is not a positive whole number`);
  process.exit(2);
}

/** Runs `npm run book` under GNU time: CPU seconds say more than wall time on a busy machine. */
async function book(root: string): Promise<{ seconds: number; cpu: string; lines: string[] }> {
  const started = performance.now();
  const command = [process.execPath, "--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "book.ts")];
  const { stdout, stderr } = await run("/usr/bin/time", ["-f", "cpu %U s user + %S s system, %M KB peak", ...command], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WENJI_OFFLINE: "1" } });
  const cpu = stderr.trim().split("\n").at(-1) ?? "";
  return { seconds: (performance.now() - started) / 1000, cpu, lines: stdout.split("\n").filter((line) => line.includes("book")) };
}

const root = await mkdtemp(path.join(os.tmpdir(), "wenji-bench-book-"));
try {
  const corpus = generateCorpus({ essays });
  await writeCorpusSite(root, corpus, { project: PROJECT });
  console.log(`corpus: ${corpus.stats.zh} zh + ${corpus.stats.en} en essays, ${corpus.stats.images} images (${root})`);
  const cold = await book(root);
  console.log(`cold caches: ${cold.seconds.toFixed(2)} s (process wall time); ${cold.cpu}`);
  const warm = await book(root);
  for (const line of warm.lines) console.log(`  ${line}`);
  const sizes = await Promise.all(["zh", "en"].map((lang) => stat(path.join(root, "_book", `wenji.example.org-${lang}.epub`)).then((s) => s.size)));
  console.log(`warm caches (after a site build): ${warm.seconds.toFixed(2)} s (process wall time); ${warm.cpu}; books ${sizes.map((b) => `${(b / 1024 / 1024).toFixed(1)} MB`).join(" + ")}`);
  console.log(`load average (1, 5, 15 min): ${os.loadavg().map((n) => n.toFixed(2)).join(", ")} on ${os.availableParallelism()} cores`);
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
}
