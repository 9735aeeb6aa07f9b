/**
 * `npm run lighthouse` — Lighthouse 12 (performance, accessibility, best practices, SEO) on the
 * home page and an essay in each language, in Debian's Chromium against the built sample site
 * served on 127.0.0.1. Prints the four scores for the four pages; exits 1 if any is below 0.98.
 * A script, not a test: its numbers depend on the machine. Each page is audited RUNS times
 * (default 3, `--runs N`) and the median score counts, as Lighthouse's docs advise for
 * variability on a busy machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { buildSite } from "../lib/build.ts";
import { serveDirectory } from "../lib/quality/static-server.ts";

const BAR = 0.98;
const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive whole number, got ${process.argv[runsFlag + 1]}`);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const root = process.cwd();

/** Starts Chromium with a DevTools port for Lighthouse, with a fresh profile. */
async function startChromium(profile: string): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(CHROME_PATH, [
    "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`Chromium at ${CHROME_PATH} did not open a DevTools port:\n${seen}`)), 20000);
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`Chromium exited (${code}) before opening a DevTools port:\n${seen}`)));
  });
  return { port, process: child };
}

const temp = await mkdtemp(path.join(os.tmpdir(), "wenji-lighthouse-"));
const siteDir = path.join(temp, "_site");
const built = await buildSite({ root, output: siteDir, preview: false });
if (!built.ok) {
  for (const line of built.lines) console.error(line);
  process.exit(1);
}
const server = await serveDirectory(siteDir);
const chromium = await startChromium(path.join(temp, "profile"));

const settings = JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")) as { defaultLanguage: string; languages: Record<string, unknown> };
const languages = [settings.defaultLanguage, ...Object.keys(settings.languages).filter((l) => l !== settings.defaultLanguage)];
// The home page and the newest essay that exists in every language.
const pages: string[] = [];
for (const lang of languages) pages.push(lang === settings.defaultLanguage ? "/" : `/${lang}/`);
const essay = process.env.WENJI_LIGHTHOUSE_ESSAY ?? "why-we-keep-copies";
for (const lang of languages) pages.push(lang === settings.defaultLanguage ? `/posts/${essay}/` : `/${lang}/posts/${essay}/`);

let failed = 0;
try {
  console.log(`Lighthouse on ${server.origin} (Chromium ${CHROME_PATH}); median of ${RUNS} runs per page; bar ${BAR}`);
  console.log(`${"page".padEnd(34)} ${CATEGORIES.map((c) => c.padStart(14)).join(" ")}`);
  for (const page of pages) {
    type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;
    const results: Result[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(server.origin + page, { port: chromium.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      results.push(result);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const scores = CATEGORIES.map((c) => median(results.map((r) => r.lhr.categories[c]?.score ?? 0)));
    // The run whose performance score is the median explains any shortfall.
    const result = results.find((r) => (r.lhr.categories.performance?.score ?? 0) === scores[0]) ?? results[0];
    console.log(`${page.padEnd(34)} ${scores.map((s) => s.toFixed(2).padStart(14)).join(" ")}`);
    for (const [i, score] of scores.entries()) {
      if (score >= BAR) continue;
      failed++;
      const category = result.lhr.categories[CATEGORIES[i]];
      const losing = category.auditRefs
        .map((ref) => result.lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
        .map((a) => `${a.id} (${a.score})${a.displayValue ? ` ${a.displayValue}` : ""}`);
      console.log(`  below ${BAR} in ${CATEGORIES[i]}: ${losing.join(", ") || "see the report"}`);
    }
  }
} finally {
  const exited = new Promise((resolve) => chromium.process.once("exit", resolve));
  chromium.process.kill();
  await exited;
  await server.close();
  await rm(temp, { recursive: true, force: true, maxRetries: 5 });
}
if (failed) console.error(`${failed} scores below ${BAR}`);
process.exitCode = failed ? 1 : 0;
