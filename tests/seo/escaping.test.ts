import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Fixture } from "../helpers/site.ts";
import { buildHostileSite, HOSTILE_DESCRIPTION, HOSTILE_TITLE } from "../feeds/hostile-site.ts";
import { readWithFeedparser, readWithNewsboat, xmllintErrors } from "../feeds/readers.ts";
import { scriptSafeJson } from "../../lib/seo/meta.ts";

let site: Fixture;
before(async () => {
  site = await buildHostileSite();
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
});

test("front matter cannot break out of HTML attributes: every meta value is the text as written", async () => {
  const doc = await site.page("/posts/hostile/");
  assert.equal(doc.querySelectorAll("img[onerror]").length, 0, "no injected image");
  for (const script of Array.from(doc.querySelectorAll("script"))) {
    const ok = script.getAttribute("type") === "application/ld+json" || (script.getAttribute("src") ?? "").startsWith("/assets/");
    assert.ok(ok || !script.textContent?.includes("alert"), `unexpected script: ${script.outerHTML.slice(0, 120)}`);
  }
  const content = (key: string) => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
  assert.equal(content("og:title"), HOSTILE_TITLE);
  assert.equal(content("twitter:title"), HOSTILE_TITLE);
  assert.equal(content("description"), HOSTILE_DESCRIPTION);
  assert.equal(content("og:description"), HOSTILE_DESCRIPTION);
  assert.deepEqual(Array.from(doc.querySelectorAll('meta[property="article:tag"]')).map((m) => m.getAttribute("content")).sort(), ["<tag>", "A&B", "中文"].sort());
  const raw = await site.read("/posts/hostile/");
  assert.equal(raw.includes('"><img src=x onerror'), false, "the break-out string appears only escaped");
});

test("JSON-LD cannot be closed by a title: < > & are \\u escapes and the data round-trips", async () => {
  const doc = await site.page("/posts/hostile/");
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  assert.equal(scripts.length, 1);
  const text = scripts[0].textContent!;
  assert.doesNotMatch(text, /[<>&]/);
  const ld = JSON.parse(text);
  assert.equal(ld.headline, HOSTILE_TITLE);
  assert.equal(ld.description, HOSTILE_DESCRIPTION);
  // The rule itself, on the strings that matter.
  assert.equal(scriptSafeJson("</script><!--&"), '"\\u003c/script\\u003e\\u003c!--\\u0026"');
  assert.equal(JSON.parse(scriptSafeJson("a\u2028b</script>")), "a\u2028b</script>");
});

test("feeds carry the hostile title and description as text: well-formed, read back exactly by both readers", async () => {
  for (const url of ["/feed.xml", "/atom.xml"]) {
    const file = path.join(site.output, url);
    assert.equal(await xmllintErrors(file), "", url);
    const raw = await readFile(file, "utf8");
    assert.equal(raw.includes("<img src=x onerror"), false, `${url}: raw markup from the title`);
    assert.equal(raw.includes("</script>"), false, `${url}: raw </script>`);
    assert.equal((await readWithFeedparser(file)).entries[0].title, HOSTILE_TITLE, url);
    assert.equal((await readWithNewsboat(file)).find((e) => e.link.endsWith("/posts/hostile/"))?.title, HOSTILE_TITLE, url);
  }
  const json = JSON.parse(await readFile(path.join(site.output, "feed.json"), "utf8"));
  assert.equal(json.items[0].title, HOSTILE_TITLE);
  assert.equal(json.items[0].summary, HOSTILE_DESCRIPTION);
  const atom = await readFile(path.join(site.output, "atom.xml"), "utf8");
  assert.ok(atom.includes(`<category term="&lt;tag&gt;" label="&lt;tag&gt;"/>`), "attributes escape < as well as quotes");
});
