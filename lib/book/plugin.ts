/**
 * The book plugin: with `book.download`, once the model is final (essays rendered, images
 * optimized) each language's book is made; templates read the links (global data `wenjiBook`,
 * by page URL) and after the pages are written the EPUBs are placed under `/books/`.
 * Previews (`npm start`) skip it: a book per rebuild would slow every save.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { SiteModel } from "../content/model.ts";
import { onEleventyAfter } from "../content/after.ts";
import { discardManifest } from "../content/incremental.ts";
import { makeBook, type Book } from "./book.ts";
import { bookEssays } from "./select.ts";
import { BOOKS_PATH, bookLink, pagesOffering, type BookLink } from "./download.ts";
import { writeBookFile } from "./write.ts";

export interface BookPluginOptions {
  root: string;
}

/**
 * An incremental build reuses a page whose model is unchanged, but a book's size and date can
 * change while the home page's essays do not (an older essay edited): when the links differ
 * from the last build's, the page manifest is dropped and every page is rendered again.
 */
function forgetPagesIfLinksChanged(root: string, links: Record<string, BookLink>): void {
  const file = path.join(root, ".cache", "book-links.json");
  const now = JSON.stringify(links);
  let before: string | undefined;
  try {
    before = readFileSync(file, "utf8");
  } catch {
    before = undefined;
  }
  if (before === now) return;
  discardManifest(root);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, now);
}

export function bookPlugin(config: UserConfig, options: BookPluginOptions): void {
  let books: Book[] = [];
  let links: Record<string, BookLink> = {};

  config.on("wenji.ready", async (model: SiteModel, { runMode }: { runMode?: string } = {}) => {
    books = [];
    links = {};
    if (!model.settings.site.book.download || runMode === "serve" || runMode === "watch") return;
    for (const lang of model.settings.languages) {
      if (!bookEssays(model, lang).length) continue;
      const book = await makeBook(model, { root: options.root, lang });
      books.push(book);
      const link = bookLink(model, book);
      for (const url of pagesOffering(model, lang)) links[url] = link;
    }
    forgetPagesIfLinksChanged(options.root, links);
  });

  // A function, so each build reads this build's links.
  config.addGlobalData("wenjiBook", () => links);

  onEleventyAfter(config, async ({ directories }) => {
    await Promise.all(books.map((book) => writeBookFile(path.join(directories.output, BOOKS_PATH, book.fileName), book.bytes)));
  });
}
