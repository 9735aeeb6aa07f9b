/**
 * Hostile essays, generated: front matter and bodies with control characters, deep nesting,
 * invalid UTF-8 and huge lines. A build either succeeds or fails with a message naming the
 * essay; never a stack trace, never a hang; after a failure `_site/` is exactly as it was.
 * Each run is a whole build (seconds), so the runs are few; the seed is printed on failure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { buildFixture } from "../helpers/site.ts";
import { captureLog } from "../images/helpers.ts";
import { treeDigest } from "../helpers/tree.ts";

const NASTY = ["\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\r", "\t", '"', "'", ":", "#", "{", "[", "&", "<", "]]>", "</script>", "中", "😀", " ", "\n"];
const text = (maxLength: number) => fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom("a", "b", "文", "字", "-", "*", "_")), maxLength });

/** A body made of pieces, each hostile in its own way; some are raw bytes that are not UTF-8. */
const piece = fc.oneof(
  text(200).map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 12_000 }).map((n) => Buffer.from(`${"*".repeat(n)}深${"*".repeat(n)}`)),
  fc.integer({ min: 1, max: 5_000 }).map((n) => Buffer.from(`${">".repeat(n)} 引文`)),
  fc.integer({ min: 1, max: 3_000 }).map((n) => Buffer.from(`${"<div><span>".repeat(n)}x`)),
  fc.integer({ min: 1, max: 3_000 }).map((n) => Buffer.from(`${"[".repeat(n)}链接${"](/x)".repeat(n)}`)),
  fc.integer({ min: 1, max: 200 }).map((n) => Buffer.from(Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- 列表`).join("\n"))),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => Buffer.from("字".repeat(n))),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => Buffer.from([0xc0, 0xaf, ...bytes, 0xff])),
);

const essay = fc.record({
  title: text(40),
  quoteTitle: fc.boolean(),
  tags: fc.array(text(12), { maxLength: 3 }),
  body: fc.array(piece, { minLength: 1, maxLength: 4 }),
});

test("fuzzed essays: a build succeeds or names the file; no stack trace, no hang; _site/ unchanged on failure", { timeout: 900_000 }, async () => {
  const site = await buildFixture({ posts: { "a.md": "---\ntitle: A\ndate: 2025-03-01\n---\n\n正文。\n" } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(essay, async ({ title, quoteTitle, tags, body }) => {
      const front = `---\ntitle: ${quoteTitle ? JSON.stringify(title) : title}\ndate: 2025-03-02\ntags: ${JSON.stringify(tags)}\n---\n\n`;
      await writeFile(path.join(site.root, "posts", "fuzz.md"), Buffer.concat([Buffer.from(front), ...body.flatMap((b) => [b, Buffer.from("\n\n")])]));
      const before = treeDigest(site.output);
      const { value: result, lines } = await captureLog(() => site.rebuild());
      const said = [...lines, ...result.lines].join("\n");
      assert.doesNotMatch(said, /\n\s+at |Maximum call stack|RangeError|TypeError/, said.slice(0, 2000));
      if (!result.ok) {
        failures++;
        assert.match(result.lines.join("\n"), /posts\/fuzz\.md/, result.lines.join("\n").slice(0, 2000));
        assert.deepEqual(treeDigest(site.output), before, "_site/ changed after a failed build");
      }
    }),
    { numRuns: 25, endOnFailure: true },
  );
  assert.ok(failures > 0, "some generated essays are invalid (control characters, bad UTF-8)");
});
