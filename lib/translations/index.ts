/**
 * `npm run translations`: every essay and its languages, which translations are missing, and
 * which are stale: the original was updated (its `lastmod`) or its file changed (by git
 * history when the site is a git repository, else by modification time) after the translation.
 */
import { execFileSync } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { loadSettings } from "../content/settings.ts";
import { loadEssays, type EssaySource } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";

export type VersionStatus = "original" | "current" | "stale";

export interface Version {
  lang: string;
  file: string;
  status: VersionStatus;
  /** When the file's content last changed (ISO), and how that was found. */
  changed: string;
  changedBy: "git" | "mtime";
  reasons: string[];
}

export interface TranslationGroup {
  translationKey: string;
  title: string;
  versions: Version[];
  missing: string[];
}

export interface TranslationReport {
  languages: string[];
  groups: TranslationGroup[];
  /** Files left out because their front matter has errors. */
  skipped: Problem[];
}

/** Files written within this long of each other count as written together (a copy, a checkout). */
const SAME_WRITE_MS = 1000;

/** Last commit time of each file under posts/, newest first in one `git log`; undefined when not a repository. */
function gitTimes(root: string): { committed: Map<string, number>; dirty: Set<string> } | undefined {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  let top: string;
  try {
    top = git("rev-parse", "--show-toplevel").trim();
  } catch {
    return undefined;
  }
  const committed = new Map<string, number>();
  const prefix = path.relative(top, root).split(path.sep).filter(Boolean).join("/");
  const strip = (file: string) => (prefix && file.startsWith(`${prefix}/`) ? file.slice(prefix.length + 1) : file);
  let log = "";
  try {
    log = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "posts");
  } catch {
    // A repository with no commits yet: every file is uncommitted.
  }
  let time = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("\0")) time = Number(line.slice(1)) * 1000;
    else if (line && !committed.has(strip(line))) committed.set(strip(line), time);
  }
  const dirty = new Set(
    git("status", "--porcelain", "--untracked-files=all", "--", "posts")
      .split("\n")
      .filter(Boolean)
      .map((line) => strip(line.slice(3).replace(/^"|"$/g, ""))),
  );
  return { committed, dirty };
}

function day(date: DateTime): string {
  return date.toISODate() ?? "";
}

export async function translationReport(root: string): Promise<TranslationReport> {
  const settings = loadSettings(root);
  const { essays, problems } = await loadEssays(root, settings);
  const git = gitTimes(root);
  const changedAt = async (essay: EssaySource): Promise<{ ms: number; by: "git" | "mtime" }> => {
    const time = git?.committed.get(essay.file);
    if (git && time !== undefined && !git.dirty.has(essay.file)) return { ms: time, by: "git" };
    return { ms: (await stat(path.join(root, essay.file))).mtimeMs, by: "mtime" };
  };

  const byKey = new Map<string, EssaySource[]>();
  for (const essay of essays) byKey.set(essay.translationKey, [...(byKey.get(essay.translationKey) ?? []), essay]);
  const groups: TranslationGroup[] = [];
  for (const [translationKey, members] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const ordered = settings.languages.flatMap((l) => members.filter((m) => m.lang === l));
    const original = ordered.find((m) => m.lang === settings.site.defaultLanguage) ?? [...ordered].sort((a, b) => a.frontMatter.date.toMillis() - b.frontMatter.date.toMillis())[0];
    const originalChange = await changedAt(original);
    const versions: Version[] = [];
    for (const essay of ordered) {
      const change = await changedAt(essay);
      const reasons: string[] = [];
      if (essay !== original) {
        const updated = original.frontMatter.lastmod;
        const own = essay.frontMatter.lastmod ?? essay.frontMatter.date;
        if (updated && updated > own) reasons.push(`${original.file} has lastmod ${day(updated)}, after this translation's ${essay.frontMatter.lastmod ? "lastmod" : "date"} ${day(own)}`);
        if (originalChange.ms - change.ms > SAME_WRITE_MS) {
          const how = originalChange.by === "git" && change.by === "git" ? "committed" : "changed";
          reasons.push(`${original.file} was ${how} ${new Date(originalChange.ms).toISOString().slice(0, 16).replace("T", " ")} UTC, after this file (${new Date(change.ms).toISOString().slice(0, 16).replace("T", " ")} UTC)`);
        }
      }
      versions.push({
        lang: essay.lang,
        file: essay.file,
        status: essay === original ? "original" : reasons.length ? "stale" : "current",
        changed: new Date(change.ms).toISOString(),
        changedBy: change.by,
        reasons,
      });
    }
    groups.push({
      translationKey,
      title: original.frontMatter.title,
      versions,
      missing: settings.languages.filter((l) => !members.some((m) => m.lang === l)),
    });
  }
  return { languages: settings.languages, groups, skipped: problems.filter((p) => p.severity === "error") };
}

export function staleCount(report: TranslationReport): number {
  return report.groups.reduce((n, g) => n + g.versions.filter((v) => v.status === "stale").length, 0);
}

/** A table: one row per essay, one column per language; then why each stale one is stale. */
export function formatTranslations(report: TranslationReport): string[] {
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const pad = (text: string, n: number) => text + " ".repeat(Math.max(0, n - width(text)));
  const cell = (g: TranslationGroup, lang: string) => {
    const v = g.versions.find((x) => x.lang === lang);
    return v ? v.status : "missing";
  };
  const header = ["essay", ...report.languages];
  const rows = report.groups.map((g) => [g.translationKey, ...report.languages.map((l) => cell(g, l))]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const lines = [header, ...rows].map((r) => r.map((c, i) => pad(c, widths[i])).join("  ").trimEnd());
  const stale = report.groups.flatMap((g) => g.versions.filter((v) => v.status === "stale"));
  if (stale.length) {
    lines.push("");
    for (const v of stale) for (const reason of v.reasons) lines.push(`${v.file}: stale: ${reason}`);
  }
  for (const p of report.skipped) lines.push(`${p.file}: skipped: front matter has errors (see npm run check)`);
  const missing = report.groups.reduce((n, g) => n + g.missing.length, 0);
  lines.push("");
  lines.push(`${report.groups.length} essay${report.groups.length === 1 ? "" : "s"}: ${missing} missing translation${missing === 1 ? "" : "s"}, ${stale.length} stale`);
  return lines;
}
