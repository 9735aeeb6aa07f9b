import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFixture, kubesphereEssay } from "../helpers/site.ts";

test("the KubeSphere-shaped essay builds with no network and shows its title, date and terms", async () => {
  const site = await buildFixture({ posts: { "kubesphere.md": await kubesphereEssay() } });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const doc = await site.page("/posts/kubesphere/");
  assert.equal(doc.querySelector("h1")?.textContent?.trim(), "KubeSphere “闭源”之殇");
  assert.equal(doc.querySelector(".essay-meta time")?.textContent, "2025年8月1日");
});
