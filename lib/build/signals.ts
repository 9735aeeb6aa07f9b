/**
 * Ctrl-C (SIGINT) or SIGTERM during `npm run build`: the process exits through the cleanup
 * it would do after a failed build (staging folder removed, lock released; the 'exit' hooks
 * then remove Pagefind's records in /dev/shm), after stopping its own child processes
 * (Pagefind, run from a worker thread, would otherwise outlive the build as an orphan).
 */
import { readdirSync, readFileSync } from "node:fs";

/** The pids whose parent is this process (Linux /proc; elsewhere none are known). */
export function childPids(parent = process.pid): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** Stops this process's child processes: a process that exits does not take them with it. */
export function stopChildProcesses(): void {
  for (const pid of childPids()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

/** Runs `cleanup` and exits (130 / 143) on SIGINT or SIGTERM until the returned function is called. */
export function exitCleanlyOnSignals(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    stopChildProcesses();
    try {
      cleanup();
    } finally {
      // Not console.error: the build holds Eleventy's console output while it writes.
      process.stderr.write(`[wenji] build stopped (${signal}); the previous output was left as it was\n`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
