/**
 * The content plugin: before each build it loads and validates every essay and builds the
 * site model; one virtual template then paginates over the model's pages. Essays are not
 * Eleventy templates themselves, so no template engine ever touches their Markdown.
 */
import { cp, readdir } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { takeSite } from "./site.ts";
import type { Page, SiteModel } from "./model.ts";
import { fingerprintSite, pagesToRender, type Fingerprints } from "./preview.ts";
import { discardManifest, engineFingerprint, linkPages, planBuild, writeNextManifest } from "./incremental.ts";
import { onEleventyAfter } from "./after.ts";
import { copyMermaid } from "../markdown/vendor.ts";

/** `npm run build` names the output it replaces: pages unchanged since can be linked from it. */
const incremental = () => process.env.WENJI_PREVIOUS_OUTPUT !== undefined;

export interface ContentPluginOptions {
  root: string;
  /** Show drafts, scheduled and expired essays (marked). Defaults to true under `--serve`. */
  preview?: boolean;
  log?: (line: string) => void;
}

export function contentPlugin(config: UserConfig, options: ContentPluginOptions): void {
  const state: {
    model?: SiteModel;
    /** Preview only: the last successful build's page fingerprints, and this build's. */
    rendered?: Fingerprints;
    current?: Fingerprints;
    /** Preview only: a rebuild that only Markdown under posts/ triggered may skip unchanged pages. */
    partial: boolean;
    watching: boolean;
    renderedPages?: Page[];
    preview: boolean;
    /** `npm run build`: the pages linked from the previous output, and what was fingerprinted. */
    reused: Page[];
    incremental?: { now: Fingerprints; engine: string };
  } = { partial: false, watching: false, preview: false, reused: [] };
  const log = options.log ?? ((line: string) => console.log(`[wenji] ${line}`));

  config.ignores.add("posts/**");
  config.addWatchTarget("posts/");
  // Eleventy waits until a changed file's size has been still for 150 ms, for large files
  // written slowly; an essay is saved in one write, and the wait is a sixth of the rebuild.
  config.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });
  config.addWatchTarget("_data/");

  config.on("eleventy.beforeWatch", (changed: string[]) => {
    state.partial = changed.every((file) => /^(\.\/)?posts\/.*\.md$/.test(file));
  });

  config.on("eleventy.before", async ({ runMode }) => {
    state.watching = runMode === "serve" || runMode === "watch";
    state.current = undefined;
    state.renderedPages = undefined;
    state.reused = [];
    state.incremental = undefined;
    // Only `npm run build` (lib/build.ts) keeps a manifest of its output; any other build may
    // have written over that output, so the manifest no longer describes it.
    if (!incremental() && !state.watching) discardManifest(options.root);
    const preview = options.preview ?? (runMode === "serve" || runMode === "watch" || process.env.WENJI_PREVIEW === "1");
    state.preview = preview;
    const { site, preloaded } = await takeSite(options.root, { preview });
    if (!preloaded) for (const line of site.report) log(line);
    state.model = site.model;
    // Later stages (images) finish the model before any page renders; then it is final
    // (search indexing starts from it, beside the rendering).
    await config.emit("wenji.model", site.model, { runMode });
    await config.emit("wenji.ready", site.model, { runMode });
  });

  // A function, so each build (and each preview rebuild) reads the freshly built model.
  config.addGlobalData("wenji", () => state.model);

  // The page's body is chosen in a (virtual) layout, not in the paginated template's content:
  // Eleventy compiles a paginated template's content once per page, but each layout only once.
  config.addTemplate("_includes/layouts/wenji-kind.njk", `{% set lv = wenji.languages[p.lang] %}{% set t = lv.strings %}{% include "kinds/" + p.kind + ".njk" %}`, {
    layout: "layouts/base.njk",
  });
  config.addTemplate("wenji-pages.njk", "", {
    layout: "layouts/wenji-kind.njk",
    pagination: {
      data: "wenji.pages",
      size: 1,
      alias: "p",
      // Runs after every plugin's eleventy.before, so the fingerprints see the finished model.
      before: (pages: Page[]) => {
        if (!state.watching) {
          if (!incremental()) return pages;
          const now = fingerprintSite(state.model!);
          const engine = engineFingerprint(options.root, state.preview);
          const plan = planBuild({ root: options.root, pages, now, engine, previousOutput: process.env.WENJI_PREVIOUS_OUTPUT });
          state.incremental = { now, engine };
          state.reused = plan.reuse;
          state.renderedPages = plan.render;
          return plan.render;
        }
        state.current ??= fingerprintSite(state.model!);
        state.renderedPages = pagesToRender(pages, state.current, state.partial ? state.rendered : undefined);
        return state.renderedPages;
      },
    },
    permalink: (data: { p: { permalink: string } }) => data.p.permalink,
    eleventyExcludeFromCollections: true,
  });

  // A page bundle's files (images and others) sit beside each of its translations' pages.
  onEleventyAfter(config, async ({ directories }) => {
    const model = state.model;
    if (!model) return;
    if (incremental() && !state.watching) {
      const previous = process.env.WENJI_PREVIOUS_OUTPUT!;
      linkPages(state.reused, previous, directories.output);
      if (state.incremental) writeNextManifest(options.root, directories.output, state.incremental.engine, state.incremental.now, model.pages);
      const rendered = model.pages.length - state.reused.length;
      log(state.reused.length ? `pages: ${rendered} rendered, ${state.reused.length} unchanged since the previous build (linked)` : `pages: ${rendered} rendered`);
    }
    // A partial preview rebuild changed no bundle file (else it would not be partial): only
    // the essays it rendered need their bundles copied.
    const partial = state.watching && state.renderedPages !== undefined && state.renderedPages.length < model.pages.length;
    const renderedEssays = new Set(state.renderedPages?.map((page) => ("essay" in page ? page.essay : undefined)));
    // Diagrams are drawn by a vendored script, present only when some page needs it.
    if (model.essays.some((essay) => essay.hasMermaid)) await copyMermaid(directories.output);
    if (state.current) state.rendered = state.current;
    state.partial = false;
    for (const essay of model.essays) {
      if (!essay.source.bundle || (partial && !renderedEssays.has(essay))) continue;
      const entries = await readdir(path.join(options.root, essay.source.dir), { withFileTypes: true });
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.endsWith(".md")) continue;
        await cp(path.join(options.root, essay.source.dir, entry.name), path.join(directories.output, essay.url, entry.name));
      }
    }
  });
}
