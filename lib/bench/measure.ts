/**
 * Runs one command as a fresh process under GNU time and reads back what the kernel
 * accounted for it: wall time, user + system CPU time, peak resident memory.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const GNU_TIME = "/usr/bin/time";

export interface ProcessFigures {
  wallSeconds: number;
  cpuSeconds: number;
  /** The larger of GNU time's figure (the biggest single process) and the sampled sum below. */
  peakRssMb: number;
  /** Largest sum of resident memory over the whole process tree (wenji runs Pagefind
   * beside Node), sampled every 50 ms from /proc; 0 where /proc has no `children` lists. */
  treeRssMb?: number;
}

export interface CommandResult extends ProcessFigures {
  stdout: string;
  stderr: string;
}

export interface Command {
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Parses `/usr/bin/time -v` output; throws naming the line that is missing. */
export function parseGnuTime(report: string): ProcessFigures {
  const field = (label: string): string => {
    const line = report.split("\n").find((l) => l.trim().startsWith(label));
    if (!line) throw new Error(`GNU time report has no "${label}" line:\n${report}`);
    return line.slice(line.lastIndexOf(": ") + 2).trim();
  };
  const clock = field("Elapsed (wall clock) time").split(":").map(Number);
  const wallSeconds = clock.reduce((total, part) => total * 60 + part, 0);
  const cpuSeconds = Number(field("User time (seconds)")) + Number(field("System time (seconds)"));
  const peakRssMb = Number(field("Maximum resident set size (kbytes)")) / 1024;
  return { wallSeconds, cpuSeconds, peakRssMb };
}

export function requireGnuTime(): void {
  if (!existsSync(GNU_TIME)) {
    throw new Error(`${GNU_TIME} not found: the benchmark measures with GNU time (Debian package "time"; \`npm test\` installs it as root, or: sudo apt-get install -y time)`);
  }
}

const PAGE_BYTES = 4096;

/** Resident bytes of a process and all its descendants, from /proc (Linux). */
async function treeRss(pid: number): Promise<number> {
  const statm = await readFile(`/proc/${pid}/statm`, "utf8").catch(() => "");
  let bytes = Number(statm.split(" ")[1] ?? 0) * PAGE_BYTES;
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
    for (const child of children.split(" ").filter(Boolean)) bytes += await treeRss(Number(child));
  }
  return bytes;
}

/** Runs `command` under GNU time; a non-zero exit is an error carrying the command's output. */
export async function runMeasured(command: Command): Promise<CommandResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "wenji-time-"));
  const report = path.join(scratch, "time.txt");
  try {
    const child = spawn(GNU_TIME, ["-v", "-o", report, ...command.args], { cwd: command.cwd, env: command.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    let treePeak = 0;
    let sampling = false;
    const sampler = setInterval(() => {
      if (sampling || child.pid === undefined) return;
      sampling = true;
      treeRss(child.pid).then((bytes) => (treePeak = Math.max(treePeak, bytes)), () => undefined).finally(() => (sampling = false));
    }, 50);
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    }).finally(() => clearInterval(sampler));
    if (code !== 0) throw new Error(`${command.args.join(" ")} exited with ${code} in ${command.cwd}\n${stdout}\n${stderr}`);
    const figures = parseGnuTime(await readFile(report, "utf8"));
    const treeRssMb = treePeak / 1024 / 1024;
    return { ...figures, peakRssMb: Math.max(figures.peakRssMb, treeRssMb), treeRssMb, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Files and bytes under a folder (symlinks not followed). */
export async function folderSize(folder: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
