/**
 * The feeds plugin: per language, RSS 2.0, Atom 1.0 and JSON Feed 1.1, written by Eleventy
 * itself (virtual templates), so they land in the same atomic output as every page. People who
 * open the header's subscribe link get a page of the site (kind `subscribe`), not the XML.
 */
import type { UserConfig } from "@11ty/eleventy";
import type { SiteModel } from "../content/model.ts";
import { feedPaths, languageFeed, type FeedFormat } from "./entries.ts";
import { renderAtom, renderJsonFeed, renderRss } from "./formats.ts";

type FeedOutput = FeedFormat;

const RENDER: Record<FeedOutput, (model: SiteModel, lang: string) => string> = {
  rss: (model, lang) => renderRss(languageFeed(model, lang)),
  atom: (model, lang) => renderAtom(languageFeed(model, lang)),
  json: (model, lang) => renderJsonFeed(languageFeed(model, lang)),
};

export function feedsPlugin(config: UserConfig): void {
  config.addFilter("wenjiFeed", (model: SiteModel, lang: string, output: FeedOutput) => RENDER[output](model, lang));
  for (const output of Object.keys(RENDER) as FeedOutput[]) {
    config.addTemplate(`wenji-feed-${output}.njk`, `{{ wenji | wenjiFeed(lang, "${output}") | safe }}`, {
      pagination: { data: "wenji.settings.languages", size: 1, alias: "lang" },
      permalink: (data: { wenji: SiteModel; lang: string }) => feedPaths(data.wenji, data.lang)[output],
      eleventyExcludeFromCollections: true,
    });
  }
}
