/**
 * `npm run bench`: builds generated corpora of several sizes with plain Eleventy (the floor)
 * and with wenji, in fresh processes, and prints wall time, CPU time, peak memory, output
 * size, the wenji/floor ratio and the preview rebuild time; then the image and lint
 * benchmarks when those scripts exist. `--build-only` runs just the build part.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchmarkSize, PROJECT, type SizeReport } from "../lib/bench/run.ts";
import { formatTable, formatVerdicts, verdicts } from "../lib/bench/report.ts";
import { requireGnuTime } from "../lib/bench/measure.ts";
import { DEFAULT_SEED } from "../lib/bench/corpus.ts";

const USAGE = `usage: npm run bench -- [--sizes 250,1000,4000] [--runs 3] [--seed N] [--json] [--build-only] [--no-preview] [--workdir DIR]
  --sizes       Chinese essays per corpus (each gets half as many English translations)
  --runs        fresh processes per engine and size; the median is reported
  --json        print one JSON report on stdout instead of the table (progress goes to stderr)
  --build-only  skip the image and lint benchmarks
  --no-preview  skip timing the preview server's rebuild after one edit
  --workdir     where corpora are generated (default: the system's temporary folder)`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "250,1000,4000" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    json: { type: "boolean", default: false },
    "build-only": { type: "boolean", default: false },
    "no-preview": { type: "boolean", default: false },
    workdir: { type: "string", default: path.join(os.tmpdir(), "wenji-bench") },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const sizes = values.sizes!.split(",").map((s) => Number(s.trim()));
const runs = Number(values.runs);
const seed = Number(values.seed);
const problems = [
  ...sizes.filter((n) => !Number.isInteger(n) || n < 2).map((n) => `--sizes: "${n}" is not a whole number of at least 2`),
  ...(!Number.isInteger(runs) || runs < 1 ? [`--runs: "${values.runs}" is not a whole number of at least 1`] : []),
  ...(!Number.isInteger(seed) ? [`--seed: "${values.seed}" is not a whole number`] : []),
];
if (problems.length) {
  for (const problem of problems) console.error(`[bench] ${problem}`);
  console.error(USAGE);
  process.exit(2);
}

const log = (line: string) => console.error(`[bench] ${line}`);

/** Runs a sibling benchmark script if it exists; its stdout is returned (JSON mode) or shown. */
async function runSibling(name: string): Promise<{ script: string; ok: boolean; output?: unknown } | undefined> {
  const script = path.join(PROJECT, "scripts", name);
  if (!existsSync(script)) return undefined;
  log(`running ${path.relative(PROJECT, script)}`);
  const child = spawn(process.execPath, ["--import", "tsx", script, ...(values.json ? ["--json"] : [])], {
    cwd: PROJECT,
    stdio: ["ignore", values.json ? "pipe" : "inherit", "inherit"],
  });
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (!values.json) return { script: name, ok: code === 0 };
  let output: unknown = stdout;
  try {
    output = JSON.parse(stdout);
  } catch {
    // Not JSON: keep its text as it printed it.
  }
  return { script: name, ok: code === 0, output };
}

try {
  requireGnuTime();
  await mkdir(values.workdir!, { recursive: true });
  // Other work on the machine slows wall times; the load average says how much there was.
  const loadBefore = os.loadavg()[0];
  const reports: SizeReport[] = [];
  for (const n of sizes) {
    reports.push(await benchmarkSize({ n, runs, seed, workdir: path.resolve(values.workdir!), preview: !values["no-preview"], log }));
  }
  const checks = verdicts(reports);
  if (!values.json) {
    console.log(`\nwenji build benchmark (median of ${runs} fresh processes; seed ${seed}; ${os.cpus().length} cores, Node ${process.version}; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after)\n`);
    console.log(formatTable(reports));
    if (checks.length) console.log(`\n${formatVerdicts(checks)}\n`);
  }
  const siblings = values["build-only"] ? [] : [await runSibling("bench-images.ts"), await runSibling("bench-lint.ts")].filter((s) => s !== undefined);
  if (values.json) {
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "", memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: { before: loadBefore, after: os.loadavg()[0] } };
    console.log(JSON.stringify({ seed, runs, machine, sizes: reports, targets: checks, siblings }, null, 2));
  }
  const failedSibling = siblings.find((s) => !s.ok);
  if (failedSibling) {
    log(`${failedSibling.script} failed`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`[bench] ${(error as Error).message}`);
  process.exitCode = 1;
}
