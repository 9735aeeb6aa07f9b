/**
 * File-system helpers the engine's build stages share.
 */
import { copyFileSync, linkSync } from "node:fs";
import { stat } from "node:fs/promises";

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
