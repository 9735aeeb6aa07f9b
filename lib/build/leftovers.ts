/**
 * What a stopped build leaves beside the output, and how the next build clears it. Called with
 * the build lock held, so no other build of this project is using any of it.
 * - `.<output>.building-<pid>-<random>/`: a staging folder (up to the size of the site);
 * - `<output>.old-<pid>/`: the previous output, moved away just before the new one was renamed
 *   in. Without `<output>/` it is put back (the build stopped between the two renames).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export const stagingPrefix = (output: string) => `.${path.basename(output)}.building-`;
export const oldPrefix = (output: string) => `${path.basename(output)}.old-`;

/** Puts back an output a stopped swap moved away, and removes every other leftover. */
export function recoverLeftovers(output: string): string[] {
  const parent = path.dirname(output);
  const done: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return done;
  }
  const olds = names
    .filter((name) => name.startsWith(oldPrefix(output)))
    .map((name) => path.join(parent, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (olds.length && !existsSync(output)) {
    renameSync(olds[0], output);
    done.push(`put back ${path.basename(output)}/ from ${path.basename(olds.shift()!)}/ (a build stopped during its swap)`);
  }
  const stagings = names.filter((name) => name.startsWith(stagingPrefix(output))).map((name) => path.join(parent, name));
  for (const leftover of [...olds, ...stagings]) {
    rmSync(leftover, { recursive: true, force: true });
    done.push(`removed ${path.basename(leftover)}/, left by a stopped build`);
  }
  return done;
}
