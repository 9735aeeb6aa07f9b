/**
 * The SEO plugin: per-page head metadata (the `wenjiHeadMeta` filter the `head-meta` partial
 * prints), `sitemap.xml` and `robots.txt`, both written by Eleventy as virtual templates.
 */
import type { UserConfig } from "@11ty/eleventy";
import type { Page, SiteModel } from "../content/model.ts";
import { headMeta } from "./meta.ts";
import { renderRobots, renderSitemap } from "./sitemap.ts";

export function seoPlugin(config: UserConfig): void {
  config.addFilter("wenjiHeadMeta", (page: Page, model: SiteModel) => headMeta(page, model));
  config.addFilter("wenjiSitemap", (model: SiteModel) => renderSitemap(model));
  config.addFilter("wenjiRobots", (model: SiteModel) => renderRobots(model));
  config.addTemplate("wenji-sitemap.njk", `{{ wenji | wenjiSitemap | safe }}`, { permalink: "/sitemap.xml", eleventyExcludeFromCollections: true });
  config.addTemplate("wenji-robots.njk", `{{ wenji | wenjiRobots | safe }}`, { permalink: "/robots.txt", eleventyExcludeFromCollections: true });
}
