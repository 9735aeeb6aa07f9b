/**
 * `node --import tsx scripts/page-weight.ts [SITE_DIR]` — gzipped HTML+CSS+JS per page type
 * (the heaviest page of each kind) against the budgets; exits 1 when a budget is broken or a
 * page asks for a file the build does not have. Builds the project into a temp folder when no
 * folder is given.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { siteToCheck } from "../lib/quality/built-site.ts";
import { BUDGETS, budgetProblems, heaviestByKind, measureSite } from "../lib/quality/weight.ts";

const root = process.cwd();
const { siteDir, done } = await siteToCheck(root, process.argv[2], "wenji-weight-");
const site = JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")) as { pathPrefix?: string };
const weights = await measureSite(siteDir, site.pathPrefix ?? "/");
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(8);
console.log(`page weight, gzipped (heaviest page of each kind; budgets: CSS ${kb(BUDGETS.css).trim()}, JS ${kb(BUDGETS.js).trim()}, essay ${kb(BUDGETS.essayPage).trim()})`);
console.log(`${"kind".padEnd(10)} ${"HTML".padStart(8)} ${"CSS".padStart(8)} ${"JS".padStart(8)} ${"total".padStart(8)} requests  page`);
for (const w of heaviestByKind(weights)) {
  console.log(`${w.kind.padEnd(10)} ${kb(w.html)} ${kb(w.css)} ${kb(w.js)} ${kb(w.total)} ${String(w.requests).padStart(8)}  ${w.page}`);
}
const problems = budgetProblems(weights);
for (const p of problems) console.error(`over budget: ${p}`);
console.log(`${weights.length} pages measured; ${problems.length ? `${problems.length} problems` : "all within budget, every requested file exists"}`);
await done();
process.exitCode = problems.length ? 1 : 0;
