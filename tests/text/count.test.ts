import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { countText, readingMinutes, wordCount } from "../../lib/text/count.ts";
import { summarize } from "../../lib/text/summary.ts";

test("Han characters count one each; punctuation does not count", () => {
  assert.deepEqual(countText("开源的终结，“闭源”之殇。"), { han: 9, latin: 0 });
});

test("Latin text counts by words, keeping Node.js, don't and e-mail whole", () => {
  assert.deepEqual(countText("Don't install Node.js by e-mail, please."), { han: 0, latin: 6 });
});

test("mixed text counts Han characters and Latin words separately", () => {
  assert.deepEqual(countText("我用 KubeSphere 3.4 部署了 Kubernetes 集群"), { han: 7, latin: 3 });
  assert.deepEqual(countText("The word 开源 means open source."), { han: 2, latin: 5 });
});

test("one pass counts what separate scans for Han runs and Latin words count, for any mix", () => {
  const countMatches = (pattern: RegExp, text: string, measure: (run: string) => number) =>
    [...text.matchAll(pattern)].reduce((total, match) => total + measure(match[0]), 0);
  const separately = (text: string) => ({
    han: countMatches(/\p{Script=Han}+/gu, text, (run) => [...run].length),
    latin: countMatches(/[\p{Script=Latin}\p{Nd}]+(?:['’.\-][\p{Script=Latin}\p{Nd}]+)*/gu, text, () => 1),
  });
  const piece = fc.constantFrom("开源", "𠀀字", "闭", "Node.js", "don't", "e-mail", "ÉTÉ", "3.4", "２０２５", "α", " ", "，", "。", "'", ".", "-", "’", "😀", "\n");
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
    const text = pieces.join("");
    assert.deepEqual(countText(text), separately(text));
  }));
});

test("reading time: 350 Han characters or 220 English words a minute, rounded up, at least 1", () => {
  assert.equal(readingMinutes({ han: 0, latin: 0 }), 1);
  assert.equal(readingMinutes({ han: 350, latin: 0 }), 1);
  assert.equal(readingMinutes({ han: 351, latin: 0 }), 2);
  assert.equal(readingMinutes({ han: 1300, latin: 0 }), 4);
  assert.equal(readingMinutes({ han: 0, latin: 660 }), 3);
  assert.equal(readingMinutes({ han: 175, latin: 110 }), 1);
  assert.equal(readingMinutes({ han: 176, latin: 111 }), 2);
  assert.equal(wordCount({ han: 1300, latin: 40 }), 1340);
});

test("summaries end at a sentence boundary when one is near", () => {
  const zh = "第一句话说明了问题。".repeat(20);
  const cut = summarize(zh);
  assert.ok(cut.endsWith("。") && [...cut].length <= 120);
  const en = "This is a sentence that explains things. ".repeat(20);
  assert.ok(summarize(en).endsWith("."));
  assert.equal(summarize("短文。"), "短文。");
});
