/**
 * The images plugin: once the content plugin has built the model, every essay's images are
 * optimized (see stage.ts); after Eleventy has written the pages, the files this build uses
 * are copied from the persistent cache into the output's `/img/`.
 */
import { constants } from "node:fs";
import { copyFile, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { SiteModel } from "../content/model.ts";
import { imageStore } from "./encode.ts";
import { optimizeSiteImages } from "./stage.ts";
import { onEleventyAfter } from "../content/after.ts";

export interface ImagesPluginOptions {
  root: string;
  log?: (line: string) => void;
}

/**
 * A copy, never a hard link: whatever edits the output in place (an optimizer, a deploy step)
 * would edit the cache too, and the damage would come back after `rm -rf _site`. A reflink
 * (copy-on-write clone: Btrfs, XFS, APFS) where the file system has one, else a real copy.
 */
async function place(from: string, to: string): Promise<void> {
  const existing = await stat(to).catch(() => undefined);
  if (existing && existing.size === (await stat(from)).size) return;
  await copyFile(from, to, constants.COPYFILE_FICLONE);
}

export function imagesPlugin(config: UserConfig, options: ImagesPluginOptions): void {
  const log = options.log ?? ((line: string) => console.log(`[wenji] ${line}`));
  const store = imageStore(options.root);
  let files = new Set<string>();

  config.on("wenji.model", async (model: SiteModel) => {
    const settings = model.settings.site.images;
    const result = await optimizeSiteImages(model, {
      root: options.root,
      settings,
      strict: settings.strict || process.env.WENJI_IMAGES_STRICT === "1",
      offline: process.env.WENJI_OFFLINE === "1",
      log,
    });
    files = result.files;
  });

  onEleventyAfter(config, async ({ directories }) => {
    if (!files.size) return;
    const target = path.join(directories.output, "img");
    await mkdir(target, { recursive: true });
    await Promise.all([...files].map((name) => place(path.join(store.files, name), path.join(target, name))));
  });
}
