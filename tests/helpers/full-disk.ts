/**
 * A folder on a tiny tmpfs filled to the last byte, to prove that a write on a full disk
 * leaves nothing half written. Needs root (mount); tests skip with the reason otherwise.
 */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";

export const canMount = process.getuid?.() === 0;

/** Mounts a 256 KB tmpfs on `dir` (which must exist) and fills it; returns the unmount. */
export function fullDisk(dir: string): () => void {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir]);
  const fd = openSync(path.join(dir, ".filler"), "w");
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  return () => execFileSync("umount", ["-l", dir]);
}
