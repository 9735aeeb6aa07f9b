/**
 * `npm run check`: everything that can be wrong with the essays, found without building.
 * Front matter, shortcodes and duplicates come from the loader; links, headings and images
 * from the site model's single render of each essay; typography from the linter. An essay
 * whose front matter is wrong still has its body checked (see salvage.ts): one run reports
 * every problem of every file. Images are resolved as the build resolves them (resolve.ts).
 */
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { loadSettings } from "../content/settings.ts";
import { loadContext, loadEssays } from "../content/load.ts";
import { buildSiteModel, renderWarnings, type Essay } from "../content/model.ts";
import type { Problem, Severity } from "../content/problems.ts";
import { SiteUrls } from "../i18n/urls.ts";
import { EncodingError, readUtf8StrictSync } from "../files.ts";
import { bundleFiles, resolveImage } from "../images/resolve.ts";
import { salvageEssays } from "./salvage.ts";

export interface CheckFinding {
  file: string;
  line?: number;
  column?: number;
  severity: Severity;
  /** `front-matter`, `shortcode`, `duplicate-slug`, `broken-link`, `broken-fragment`, `missing-image`, `image-alt`, or a typography rule id. */
  rule: string;
  message: string;
}

/** What the typography linter reports for one file (the shape of `lib/lint`'s findings). */
export interface LintFinding {
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
}

/** Lints one essay's full text; `file` is relative to the project. */
export type LintSource = (text: string, file: string) => LintFinding[];

export interface CheckResult {
  /** Every essay file looked at, relative to the project. */
  files: string[];
  findings: CheckFinding[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;
/** Ids the layout itself puts on every essay page, and markdown-it-footnote's ids. */
const PAGE_IDS = new Set(["main", "comments"]);
const FOOTNOTE_ID = /^fn(ref)?\d+(:\d+)?$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function suggest(value: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  if (!list.length) return "";
  const best = closest(value, list);
  return distance(value, best) <= Math.max(1, Math.floor(value.length / 4)) ? ` (did you mean "${best}"?)` : "";
}

export async function checkSite(root: string, options: { lint?: LintSource } = {}): Promise<CheckResult> {
  const settings = loadSettings(root);
  const { essays: loaded, problems } = await loadEssays(root, settings);
  const findings: CheckFinding[] = problems.map((p) => ({ file: p.file, line: p.line, severity: p.severity, rule: p.rule ?? "front-matter", message: p.message }));
  const salvaged = salvageEssays(root, settings, await loadContext(root, settings), loaded, problems);
  findings.push(...salvaged.findings);
  const sources = [...loaded, ...salvaged.essays];
  const renderFailures: Problem[] = [];
  const model = buildSiteModel(sources, settings, { preview: true, renderFailures });
  for (const p of [...renderFailures, ...renderWarnings(model)]) findings.push({ file: p.file, line: p.line, severity: p.severity, rule: p.rule ?? "render", message: p.message });
  for (const p of model.problems) findings.push({ file: p.file, line: p.line, severity: p.severity, rule: p.rule ?? "url-collision", message: p.message });
  const bundleFile = bundleFiles(model.essays);

  const pages = new Map(model.pages.map((p) => [p.url, p]));
  const essayByUrl = new Map(model.essays.map((e) => [e.url, e]));
  const urls = SiteUrls.for(settings.site);
  const languages = settings.languages.map((l) => urls.root(l).slice(1, -1)).filter(Boolean).join("|");
  const section = new RegExp(`^/(?:(?:${languages || "-"})/)?(posts|tags|categories)/`);
  const sectionNames: Record<string, string> = { posts: "essay", tags: "tag", categories: "category" };

  for (const essay of model.essays) {
    for (const link of essay.links) checkLink(essay, link.href, link.line);
    for (const image of essay.images) await checkImage(essay, image.src, image.alt, image.line, "body");
    const cover = essay.fm.cover.image?.trim();
    if (cover) {
      const line = [...essay.source.keyLines].find(([key]) => key.toLowerCase() === "cover")?.[1];
      await checkImage(essay, cover, "cover", line, "cover");
    }
  }

  function checkLink(essay: Essay, hrefText: string, line: number): void {
    if (!hrefText || SCHEME.test(hrefText)) return;
    const resolved = new URL(hrefText, `http://site.invalid${essay.url}`);
    const fragment = decode(resolved.hash.slice(1));
    let target: Essay | undefined = essay;
    if (!hrefText.startsWith("#")) {
      const pathname = decode(resolved.pathname);
      const match = section.exec(pathname);
      if (!match || /\.[a-z0-9]+$/i.test(pathname)) return;
      const url = pathname.endsWith("/") ? pathname : `${pathname}/`;
      if (!pages.has(url)) {
        const kind = sectionNames[match[1]];
        const known = model.pages.filter((p) => section.exec(p.url)?.[1] === match[1]).map((p) => p.url);
        findings.push({ file: essay.file, line, severity: "error", rule: "broken-link", message: `link to ${kind} "${hrefText}" that does not exist${suggest(url, known)}` });
        return;
      }
      target = essayByUrl.get(url);
    }
    if (!fragment || !target) return;
    // Headings, and the ids the author's raw HTML sets (`<a id="1">`, `<span id=…>`, `name=`).
    const ids = new Set([...target.headings.map((h) => h.id), ...target.anchors]);
    if (ids.has(fragment) || PAGE_IDS.has(fragment) || FOOTNOTE_ID.test(fragment)) return;
    const where = target === essay ? "this essay" : target.file;
    findings.push({ file: essay.file, line, severity: "error", rule: "broken-fragment", message: `link "${hrefText}" names a heading or anchor that ${where} does not have${suggest(fragment, ids)}` });
  }

  async function checkImage(essay: Essay, src: string, alt: string, line: number | undefined, role: "body" | "cover"): Promise<void> {
    if (role === "body" && !alt.trim()) findings.push({ file: essay.file, line, severity: "error", rule: "image-alt", message: `image "${src}" has no alt text (describe it for readers who cannot see it)` });
    const resolved = await resolveImage(src, { root, dir: essay.source.dir, coverFromRoot: role === "cover" && essay.fm.cover.relative !== true, bundleFile });
    if (resolved.kind === "empty") {
      findings.push({ file: essay.file, line, severity: "error", rule: "missing-image", message: "an image has no source (write its path between the parentheses of ![alt](path))" });
    } else if (resolved.kind === "missing") {
      const hint = src.trim().startsWith("/") ? " (site images live in assets/, an essay's own images beside it)" : "";
      findings.push({ file: essay.file, line, severity: "error", rule: "missing-image", message: `image "${src}" not found (looked for ${resolved.looked.join(", ")})${hint}` });
    }
  }

  const files = [...new Set([...sources.map((s) => s.file), ...problems.map((p) => p.file)])].sort();
  if (options.lint) {
    const texts = new Map(sources.map((s) => [s.file, s.source]));
    for (const file of files) {
      const text = texts.get(file) ?? readForLint(root, file, findings);
      if (text === undefined) continue;
      for (const f of options.lint(text, file)) {
        findings.push({ file, line: f.line, column: f.column, severity: f.severity, rule: f.ruleId, message: f.message });
      }
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { files, findings };
}

/** A file the loader could not use, read strictly for the linter; undecodable text is a finding, not a crash. */
function readForLint(root: string, file: string, findings: CheckFinding[]): string | undefined {
  try {
    return readUtf8StrictSync(path.join(root, file)).text;
  } catch (error) {
    if (!(error instanceof EncodingError)) throw error;
    if (!findings.some((f) => f.file === file && f.rule === "encoding")) findings.push({ file, severity: "error", rule: "encoding", message: error.reason });
    return undefined;
  }
}

/** The report: findings grouped by file, then one summary line. */
export function formatCheck(result: CheckResult): string[] {
  const lines: string[] = [];
  let current = "";
  for (const f of result.findings) {
    if (f.file !== current) {
      if (current) lines.push("");
      lines.push(f.file);
      current = f.file;
    }
    const where = f.line ? `${f.line}${f.column ? `:${f.column}` : ""}` : "-";
    lines.push(`  ${where.padEnd(7)} ${f.severity.padEnd(7)} ${f.message}  ${f.rule}`);
  }
  if (lines.length) lines.push("");
  lines.push(summaryLine(result));
  return lines;
}

export function summaryLine(result: CheckResult): string {
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const withProblems = new Set(result.findings.map((f) => f.file)).size;
  const essays = `${result.files.length} essay${result.files.length === 1 ? "" : "s"}`;
  if (!result.findings.length) return `no problems in ${essays}`;
  return `${result.findings.length} problem${result.findings.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) in ${withProblems} of ${essays}`;
}
