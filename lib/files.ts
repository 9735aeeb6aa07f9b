/**
 * File-system helpers the engine's build stages share.
 */
import type { Hash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, readdirSync, readFileSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/**
 * A hard link (no time, no space) from a cache or a previous output into a new output; a copy
 * where linking is not possible (another disk). Synchronous on purpose: thousands of tiny
 * metadata calls in a loop take a tenth of the time they take as promises queued on libuv's
 * four threads.
 */
export function linkOrCopySync(source: string, destination: string): void {
  try {
    linkSync(source, destination);
  } catch {
    copyFileSync(source, destination);
  }
}

/**
 * Feeds every file under `dir` (symlinks followed, sorted by path) to `hash`, each named
 * `label/relative/path` first, so a renamed or moved file changes the hash too. A missing
 * folder adds nothing. Caches use it to notice that the code or templates behind them changed.
 */
export function hashTree(hash: Hash, dir: string, label: string): void {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    hash.update(`\0${label}/${path.relative(dir, file)}\0`).update(readFileSync(file));
  }
}
