/**
 * Validates every built page with html-validate, using the project's `.htmlvalidate.json`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { HtmlValidate, type ConfigData } from "html-validate";

export interface HtmlProblem {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

export async function validateBuiltSite(siteDir: string, configFile: string): Promise<{ pages: number; problems: HtmlProblem[] }> {
  const config = JSON.parse(await readFile(configFile, "utf8")) as ConfigData;
  const validator = new HtmlValidate(config);
  const files = (await glob("**/*.html", { cwd: siteDir })).sort();
  const problems: HtmlProblem[] = [];
  for (const file of files) {
    const report = await validator.validateString(await readFile(path.join(siteDir, file), "utf8"), file);
    for (const result of report.results) {
      for (const m of result.messages) {
        if (m.severity === 2) problems.push({ file, line: m.line, column: m.column, rule: m.ruleId, message: m.message });
      }
    }
  }
  return { pages: files.length, problems };
}

export function formatHtmlProblem(p: HtmlProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.message} (${p.rule})`;
}
