// Diagrams, maths and task lists in a real browser: the mermaid diagram is drawn by the
// script the site serves itself (every request stays on the test's 127.0.0.1 server), and
// maths is laid out from MathML with no script at all.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { buildFixture, type Fixture } from "../helpers/site.ts";
import { serveDirectory, type StaticServer } from "../../lib/quality/static-server.ts";
import { launchChromium, openPage } from "./browser.ts";

const ESSAY = `---
title: 图与公式
date: 2024-03-01
---
流程如下：

\`\`\`mermaid
graph TD; 写作-->发布
\`\`\`

质能方程 $E=mc^2$，以及

$$
\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
$$

- [x] 写完
- [ ] 校对
`;

let fixture: Fixture;
let server: StaticServer;
let browser: Browser;

before(async () => {
  fixture = await buildFixture({ posts: { "diagram.md": ESSAY } });
  if (!fixture.result.ok) throw new Error(fixture.result.lines.join("\n"));
  server = await serveDirectory(fixture.output);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(fixture.root, { recursive: true, force: true });
});

test("the diagram is drawn from the site's own mermaid script; nothing is fetched elsewhere", async () => {
  const { context, page, problems } = await openPage(browser);
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.origin) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  try {
    await page.goto(`${server.origin}/posts/diagram/`, { waitUntil: "load" });
    await page.waitForSelector("pre.mermaid svg", { timeout: 30_000 });
    const labels = await page.locator("pre.mermaid svg").textContent();
    assert.match(labels ?? "", /写作/);
    assert.match(labels ?? "", /发布/);
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("in dark mode the diagram is drawn with mermaid's dark theme", async () => {
  const fills: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const { context, page, problems } = await openPage(browser, { colorScheme });
    try {
      await page.goto(`${server.origin}/posts/diagram/`, { waitUntil: "load" });
      await page.waitForSelector("pre.mermaid svg .node rect", { timeout: 30_000 });
      fills.push(await page.locator("pre.mermaid svg .node rect").first().evaluate((rect) => getComputedStyle(rect).fill));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  assert.notEqual(fills[0], fills[1], `node fill light ${fills[0]}, dark ${fills[1]}`);
});

test("without JavaScript the diagram's source is readable, and the maths is still laid out", async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false });
  try {
    await page.goto(`${server.origin}/posts/diagram/`);
    assert.equal(await page.locator("pre.mermaid").textContent(), "graph TD; 写作-->发布\n");
    // Chromium lays MathML out natively: a fraction is taller than a line of text.
    const block = await page.locator("math[display=block]").boundingBox();
    const inline = await page.locator("math:not([display])").boundingBox();
    assert.ok(block && inline && block.height > inline.height * 1.5, `display ${block?.height}px, inline ${inline?.height}px`);
    assert.deepEqual(await page.locator("input[type=checkbox]").evaluateAll((boxes) => boxes.map((b) => [(b as HTMLInputElement).checked, (b as HTMLInputElement).disabled])), [[true, true], [false, true]]);
  } finally {
    await context.close();
  }
});
