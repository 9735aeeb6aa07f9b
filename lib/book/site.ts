/**
 * The model a book is made from, as the site build makes it: essays loaded and validated,
 * rendered through the render cache, images optimized through the image cache (only images no
 * cache holds are encoded, and they are then cached for the next site build too).
 */
import type { SiteModel } from "../content/model.ts";
import { loadSite } from "../content/site.ts";
import { optimizeSiteImages } from "../images/stage.ts";

export interface BookSiteOptions {
  root: string;
  /** No download but from 127.0.0.1 (WENJI_OFFLINE=1): a remote image not cached becomes a placeholder. */
  offline: boolean;
  log: (line: string) => void;
}

export async function loadBookModel(options: BookSiteOptions): Promise<SiteModel> {
  const { model, report } = await loadSite(options.root, { preview: false });
  for (const line of report) options.log(line);
  const images = model.settings.site.images;
  await optimizeSiteImages(model, { root: options.root, settings: images, strict: images.strict, offline: options.offline, log: options.log });
  return model;
}
