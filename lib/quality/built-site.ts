/**
 * The site a quality script checks: the folder named on its command line, or the project
 * built into a temporary folder (removed by `done`). A failed build prints its lines and exits 1.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../build.ts";

export async function siteToCheck(root: string, given: string | undefined, tempPrefix: string): Promise<{ siteDir: string; done: () => Promise<void> }> {
  if (given) return { siteDir: path.resolve(given), done: async () => undefined };
  const temp = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  const siteDir = path.join(temp, "_site");
  const result = await buildSite({ root, output: siteDir, preview: false });
  if (!result.ok) {
    for (const line of result.lines) console.error(line);
    process.exit(1);
  }
  return { siteDir, done: () => rm(temp, { recursive: true, force: true }) };
}
