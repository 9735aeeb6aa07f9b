/**
 * Loads the whole site for one build: settings, essays (validated), and the model.
 * Problems of every file are collected; any error stops the build with all of them listed.
 */
import { loadSettings } from "./settings.ts";
import { loadEssays } from "./load.ts";
import { buildSiteModel, type SiteModel } from "./model.ts";
import { formatProblem, WenjiError, type Problem } from "./problems.ts";
import { describeLeftOut } from "./publish.ts";

export interface LoadedSite {
  model: SiteModel;
  warnings: Problem[];
  /** Lines a build prints for the author (warnings, what was left out). */
  report: string[];
}

export async function loadSite(root: string, { preview }: { preview: boolean }): Promise<LoadedSite> {
  const settings = loadSettings(root);
  const { essays, problems } = await loadEssays(root, settings);
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (errors.length) {
    const lines = [...errors, ...warnings].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)).map(formatProblem);
    lines.push(`${errors.length} error${errors.length === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"} in front matter`);
    throw new WenjiError(lines);
  }
  const model = buildSiteModel(essays, settings, { preview });
  const report = warnings.map(formatProblem);
  const leftOut = describeLeftOut(model.leftOut);
  if (leftOut) report.push(leftOut);
  return { model, warnings, report };
}
