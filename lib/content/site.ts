/**
 * Loads the whole site for one build: settings, essays (validated), and the model.
 * Problems of every file are collected; any error stops the build with all of them listed.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadSettings } from "./settings.ts";
import { RenderCache } from "../markdown/render-cache.ts";
import { loadEssays } from "./load.ts";
import { buildSiteModel, prerenderEssays, renderWarnings, type SiteModel } from "./model.ts";
import { formatProblem, WenjiError, type Problem } from "./problems.ts";
import { describeLeftOut } from "./publish.ts";

export interface LoadedSite {
  model: SiteModel;
  warnings: Problem[];
  /** Lines a build prints for the author (warnings, what was left out). */
  report: string[];
}

/** Stops the build with every problem, one line each, when any is an error. */
function stopOnErrors(problems: Problem[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (!errors.length) return;
  const lines = [...errors, ...warnings].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)).map(formatProblem);
  lines.push(`${errors.length} error${errors.length === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"} in the essays`);
  throw new WenjiError(lines);
}

const caseSensitive = new Map<string, boolean>();

/**
 * Whether files in the project's folder differ by letter case (Linux) or not (macOS,
 * Windows): only then can `/posts/MyPost/` redirect to `/posts/mypost/`. Probed once per
 * project and process.
 */
export function caseSensitiveFolder(root: string): boolean {
  const known = caseSensitive.get(root);
  if (known !== undefined) return known;
  const dir = path.join(root, ".cache");
  mkdirSync(dir, { recursive: true });
  const probe = path.join(dir, `case-probe-${process.pid}`);
  writeFileSync(probe, "");
  try {
    const sensitive = !existsSync(path.join(dir, `CASE-PROBE-${process.pid}`));
    caseSensitive.set(root, sensitive);
    return sensitive;
  } finally {
    rmSync(probe, { force: true });
  }
}

export async function loadSite(root: string, { preview }: { preview: boolean }): Promise<LoadedSite> {
  const settings = loadSettings(root);
  const { essays, problems } = await loadEssays(root, settings);
  stopOnErrors(problems);
  const warnings = problems.filter((p) => p.severity === "warning");
  const renderCache = new RenderCache(path.join(root, ".cache", "render"));
  await prerenderEssays(essays, settings, { preview, renderCache });
  const model = buildSiteModel(essays, settings, { preview, renderCache, caseRedirects: caseSensitiveFolder(root) });
  warnings.push(...renderWarnings(model));
  stopOnErrors([...model.problems, ...warnings]);
  const report = warnings.map(formatProblem);
  const leftOut = describeLeftOut(model.leftOut);
  if (leftOut) report.push(leftOut);
  return { model, warnings, report };
}

/**
 * `npm run build` validates before Eleventy starts (so errors print without Eleventy's noise)
 * and hands the loaded site to the plugin, which would otherwise load it again.
 */
const preloaded = new Map<string, Promise<LoadedSite>>();
const keyOf = (root: string, preview: boolean) => `${root}\0${preview}`;

export function preloadSite(root: string, options: { preview: boolean }): Promise<LoadedSite> {
  const loading = loadSite(root, options);
  preloaded.set(keyOf(root, options.preview), loading);
  loading.catch(() => preloaded.delete(keyOf(root, options.preview)));
  return loading;
}

/** The preloaded site if `npm run build` prepared (and reported) one for this build, else a fresh load. */
export async function takeSite(root: string, options: { preview: boolean }): Promise<{ site: LoadedSite; preloaded: boolean }> {
  const key = keyOf(root, options.preview);
  const loading = preloaded.get(key);
  preloaded.delete(key);
  return loading ? { site: await loading, preloaded: true } : { site: await loadSite(root, options), preloaded: false };
}
