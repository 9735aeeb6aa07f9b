/**
 * One build at a time per project: builds share `.cache/` (page manifest, images, search
 * shards) and the output's staging and swap. The lock is a file holding the builder's pid,
 * created exclusively; a lock whose process is gone (killed, machine restarted) is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { WenjiError } from "../content/problems.ts";

const held = new Set<string>();

export const lockFile = (root: string) => path.join(root, ".cache", "build.lock");

/** Whether a process with this pid runs (EPERM: it does, as another user's). */
export function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holder(file: string): number | undefined {
  try {
    return Number(readFileSync(file, "utf8").trim());
  } catch {
    return undefined;
  }
}

/** Takes the project's build lock or throws a WenjiError saying who holds it; returns the release. */
export function takeBuildLock(root: string, output: string): () => void {
  const file = lockFile(root);
  mkdirSync(path.dirname(file), { recursive: true });
  const refuse = (pid: number) =>
    new WenjiError([`[wenji] another build (process ${pid}) is running in ${root}; this one stopped without touching ${path.relative(root, output) || output}. Wait for it to end, or stop it and build again.`]);
  if (held.has(file)) throw refuse(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(file);
      return () => {
        held.delete(file);
        if (holder(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = holder(file);
      if (pid !== undefined && pid !== process.pid && processRuns(pid)) throw refuse(pid);
      // The holder is gone (or it is this process after a crash in a test): the lock is stale.
      rmSync(file, { force: true });
    }
  }
  throw refuse(holder(file) ?? 0);
}
