import { test } from "node:test";
import assert from "node:assert/strict";
import { missingImageHtml } from "../../lib/images/missing.ts";
import { translator } from "../../lib/i18n/strings.ts";
import { readFileSync } from "node:fs";

const strings = (lang: string) => translator(JSON.parse(readFileSync(`_data/i18n/${lang}.json`, "utf8")));

test("a missing remote image: its alt (or a localized label) and a link to the original, escaped", () => {
  assert.equal(
    missingImageHtml("https://raw.githubusercontent.com/a/b/x.png?a=1&b=2", "架构 <图>", strings("zh")),
    `<span class="image-missing"><span class="image-missing-label">图片：架构 &lt;图&gt;</span> <a href="https://raw.githubusercontent.com/a/b/x.png?a=1&amp;b=2" rel="noopener">查看原图</a></span>`,
  );
  assert.match(missingImageHtml("https://x.test/a.png", "  ", strings("zh")), /<span class="image-missing-label">图片<\/span>/);
  assert.match(missingImageHtml("https://x.test/a.png", "", strings("en")), /<span class="image-missing-label">Image<\/span> <a [^>]+>view the original<\/a>/);
});
