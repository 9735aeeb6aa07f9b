/** Indexes every build (and preview rebuild) for search, once Eleventy has written the pages. */
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { buildSearchIndex } from "./index.ts";

export function searchPlugin(config: UserConfig): void {
  config.on("eleventy.after", async ({ directories }) => {
    await buildSearchIndex(path.resolve(directories.output));
  });
}
