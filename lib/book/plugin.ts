/**
 * The book plugin: with `book.download`, once the model is final (essays rendered, images
 * optimized) each language's book is made; templates read the links (global data `wenjiBook`,
 * by page URL) and after the pages are written the EPUBs are placed under `/books/`.
 * Previews (`npm start`) skip it: a book per rebuild would slow every save.
 */
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { SiteModel } from "../content/model.ts";
import { onEleventyAfter } from "../content/after.ts";
import { makeBook, type Book } from "./book.ts";
import { bookEssays } from "./select.ts";
import { BOOKS_PATH, bookLink, pagesOffering, type BookLink } from "./download.ts";
import { writeBookFile } from "./write.ts";

export interface BookPluginOptions {
  root: string;
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
  });

  // A function, so each build reads this build's links.
  config.addGlobalData("wenjiBook", () => links);

  onEleventyAfter(config, async ({ directories }) => {
    await Promise.all(books.map((book) => writeBookFile(path.join(directories.output, BOOKS_PATH, book.fileName), book.bytes)));
  });
}
