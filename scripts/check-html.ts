/**
 * `node --import tsx scripts/check-html.ts [SITE_DIR]` — html-validate over every built page
 * and our link checker over pages, sitemap and feeds. Builds the project into a temp folder
 * when no folder is given. Prints every problem; exits 1 if there is any.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { siteToCheck } from "../lib/quality/built-site.ts";
import { formatHtmlProblem, validateBuiltSite } from "../lib/quality/html.ts";
import { checkLinks, formatBrokenLink } from "../lib/quality/links.ts";

const root = process.cwd();
const { siteDir, done } = await siteToCheck(root, process.argv[2], "wenji-check-html-");
const site = JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")) as { url: string; pathPrefix?: string };
const html = await validateBuiltSite(siteDir, path.join(root, ".htmlvalidate.json"));
for (const p of html.problems) console.error(`html: ${formatHtmlProblem(p)}`);
const links = await checkLinks(siteDir, site.url, site.pathPrefix ?? "/");
for (const b of links.broken) console.error(`link: ${formatBrokenLink(b)}`);
console.log(`${html.pages} pages validated: ${html.problems.length} errors; ${links.links} links in ${links.files} files: ${links.broken.length} broken`);
await done();
process.exitCode = html.problems.length || links.broken.length ? 1 : 0;
