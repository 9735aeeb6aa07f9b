/**
 * The Hugo fixture blog (tests/fixtures/hugo-blog) and the wenji site made from it.
 * `wenjiSiteFromHugo` stands in for `npm run import:hugo` until the importer reads Hugo's
 * config: it copies content/posts into posts/ and writes the URL settings the importer will
 * write (`permalinks`, `disablePathToLower`, `defaultLanguageInSubdir`, and for the zh
 * language Hugo's code `zh-cn` as `hugoCodes` and `subdir`). The import test
 * replaces it with the real import.
 */
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { makeFixtureRoot, PROJECT } from "./site.ts";

export const HUGO_BLOG = path.join(PROJECT, "tests", "fixtures", "hugo-blog");

export interface HugoUrlSettings {
  permalinks: Record<string, string>;
  disablePathToLower: boolean;
  defaultLanguageInSubdir?: boolean;
}

export async function wenjiSiteFromHugo(hugoDir: string, urls: HugoUrlSettings): Promise<string> {
  const site = JSON.parse(await readFile(path.join(PROJECT, "_data", "site.json"), "utf8")) as { languages: Record<string, object> };
  const languages = { zh: { ...site.languages.zh, hugoCodes: ["zh-cn"], subdir: "zh-cn" }, en: site.languages.en };
  const root = await makeFixtureRoot({ site: { ...urls, languages } });
  await cp(path.join(hugoDir, "content", "posts"), path.join(root, "posts"), { recursive: true });
  return root;
}
