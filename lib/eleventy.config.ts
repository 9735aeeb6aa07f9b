/**
 * wenji's Eleventy configuration: composes the engine's plugins, each with one line on why.
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { HtmlBasePlugin, type UserConfig } from "@11ty/eleventy";
import { contentPlugin } from "./content/plugin.ts";
import { imagesPlugin } from "./images/plugin.ts";
import { feedsPlugin } from "./feeds/plugin.ts";
import { seoPlugin } from "./seo/plugin.ts";
import { searchPlugin } from "./search/plugin.ts";
import { previewServerOptions } from "./build/serve.ts";
import { bookPlugin } from "./book/plugin.ts";

/** The project being built: the current folder, or WENJI_ROOT (tests build fixture sites). */
function projectRoot(): string {
  return path.resolve(process.env.WENJI_ROOT ?? process.cwd());
}

export default function wenji(config: UserConfig) {
  const root = projectRoot();
  const site = JSON.parse(readFileSync(path.join(root, "_data", "site.json"), "utf8")) as { pathPrefix?: string };
  // Essays → validated model → one paginated template over every page of the site.
  config.addPlugin(contentPlugin, { root });
  // Essay images become cached, optimized <picture>s; remote ones are downloaded and kept.
  config.addPlugin(imagesPlugin, { root });
  // Per language RSS, Atom and JSON Feed with full text, and a stylesheet that explains them in a browser.
  config.addPlugin(feedsPlugin);
  // Canonical, OpenGraph, JSON-LD in every page's head; sitemap.xml and robots.txt for crawlers.
  config.addPlugin(seoPlugin);
  // Pagefind indexes the essay bodies beside the build; the search page loads that index.
  config.addPlugin(searchPlugin, { root });
  // With book.download: each language's EPUB under /books/, linked from home, about and subscribe.
  config.addPlugin(bookPlugin, { root });
  // Sites served from a sub-path (GitHub Pages project sites): every URL in the HTML gets the prefix.
  config.addPlugin(HtmlBasePlugin);
  // Our own CSS, scripts and images; nothing from a CDN. From the built site's root, not the working folder.
  config.addPassthroughCopy({ [path.join(root, "assets")]: "assets" });
  // Caches (renders, images, search) and the preview's output: no templates, and not an author's edit.
  for (const derived of [".cache/**", ".wenji/**"]) {
    config.ignores.add(derived);
    config.watchIgnores.add(derived);
  }
  config.setNunjucksEnvironmentOptions({ throwOnUndefined: false, autoescape: true });
  // The preview listens on this machine only unless `npm start -- --host` says otherwise; odd paths get 400/404.
  config.setServerOptions(previewServerOptions({ port: Number(process.env.PORT ?? 8080), host: process.env.WENJI_PREVIEW_HOST || "127.0.0.1" }));

  return {
    dir: { input: ".", includes: "_includes", data: "_data" },
    pathPrefix: site.pathPrefix ?? "/",
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
