/**
 * Browser test helpers: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), the sample site built once per test file and served on 127.0.0.1, and a page
 * wrapper that records console errors and failed requests so every test can assert on them.
 */
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { buildFixture, PROJECT, type Fixture } from "../helpers/site.ts";
import { stressEssayFiles } from "./stress-essay.ts";
import { serveDirectory, type StaticServer } from "../../lib/quality/static-server.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.join(PROJECT, "test-results", "screenshots");

/** Playwright gives each launch a fresh temporary profile (its own --user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface SampleSite {
  fixture: Fixture;
  server: StaticServer;
  browser: Browser;
  url(sitePath: string): string;
  close(): Promise<void>;
}

/** Builds the project's sample essays (plus the layout stress essay), serves them and starts the browser. */
export async function startSampleSite(): Promise<SampleSite> {
  const fixture = await buildFixture({ samplePosts: true, posts: await stressEssayFiles() });
  if (!fixture.result.ok) throw new Error(`sample site build failed:\n${fixture.result.lines.join("\n")}`);
  const server = await serveDirectory(fixture.output);
  const browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    fixture,
    server,
    browser,
    url: (sitePath) => server.origin + encodeURI(sitePath),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, failed requests and HTTP errors seen so far. */
  problems: string[];
}

/** A page in its own context that records every console error and failed request. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()} at ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  // An abort is the browser's own choice (a lazy image or srcset candidate it stopped wanting while
  // the full-page screenshot resized the viewport), not a failure; broken images are checked apart.
  page.on("requestfailed", (request) => {
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { context, page, problems };
}

/** A file name for a screenshot: the site path made safe, plus the variant. */
export function screenshotName(sitePath: string, variant: string): string {
  const slug = sitePath.replace(/^\/|\/$/g, "").replace(/[\/.]+/g, "_") || "home";
  return path.join(SCREENSHOTS, `${slug}--${variant}.png`);
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

interface AxeViolation { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** axe-core's violations on the page (or `context` of it), one line each. */
export async function axeViolations(page: Page, context: unknown = undefined, options: unknown = {}): Promise<string[]> {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async ([ctx, opts]) => ((await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe.run(ctx ?? document, opts)).violations),
    [context, options] as const,
  ) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("; ")}`);
}

