/**
 * `node --import tsx scripts/check-html.ts [SITE_DIR]` — html-validate over every built page
 * and our link checker over pages, sitemap and feeds. Builds the project into a temp folder
 * when no folder is given. Prints every problem; exits 1 if there is any.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../lib/build.ts";
import { formatHtmlProblem, validateBuiltSite } from "../lib/quality/html.ts";
import { checkLinks, formatBrokenLink } from "../lib/quality/links.ts";

const root = process.cwd();
let siteDir = process.argv[2];
let temp: string | undefined;
if (!siteDir) {
  temp = await mkdtemp(path.join(os.tmpdir(), "wenji-check-html-"));
  siteDir = path.join(temp, "_site");
  const result = await buildSite({ root, output: siteDir, preview: false });
  if (!result.ok) {
    for (const line of result.lines) console.error(line);
    process.exit(1);
  }
}
const site = JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")) as { url: string; pathPrefix?: string };
const html = await validateBuiltSite(path.resolve(siteDir), path.join(root, ".htmlvalidate.json"));
for (const p of html.problems) console.error(`html: ${formatHtmlProblem(p)}`);
const links = await checkLinks(path.resolve(siteDir), site.url, site.pathPrefix ?? "/");
for (const b of links.broken) console.error(`link: ${formatBrokenLink(b)}`);
console.log(`${html.pages} pages validated: ${html.problems.length} errors; ${links.links} links in ${links.files} files: ${links.broken.length} broken`);
if (temp) await rm(temp, { recursive: true, force: true });
process.exitCode = html.problems.length || links.broken.length ? 1 : 0;
