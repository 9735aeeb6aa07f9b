// The front matter's fast path (js-yaml) must agree with the exact path (`yaml`) whenever it
// answers at all: same data, same key lines. Checked on every fixture and sample essay, on a
// generated corpus, on hand-picked edge cases, and on generated front matter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { glob } from "tinyglobby";
import { normalizeText, parseYamlFast, parseYamlExact } from "../../lib/content/frontmatter.ts";
import { generateCorpus } from "../../lib/bench/corpus.ts";
import { PROJECT } from "../helpers/site.ts";

function matterOf(source: string): string {
  const lines = source.split("\n");
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
  return lines.slice(1, close).join("\n");
}

function assertAgrees(matter: string): boolean {
  const fast = parseYamlFast(matter);
  if (!fast) return false;
  const exact = parseYamlExact(matter);
  assert.deepEqual(fast, exact, `fast and exact paths differ on:\n${matter}`);
  return true;
}

test("the fast path agrees with the exact one on every sample and fixture essay", async () => {
  const files = await glob(["posts/**/*.md", "tests/fixtures/**/*.md"], { cwd: PROJECT });
  let answered = 0;
  for (const file of files) {
    // As parseFrontMatter hands them over: line endings and a BOM normalized first.
    const source = normalizeText(await readFile(path.join(PROJECT, file), "utf8"));
    if (source.startsWith("---")) answered += Number(assertAgrees(matterOf(source)));
  }
  assert.ok(answered >= 5, `the fast path answered for only ${answered} files`);
});

test("the fast path agrees on a generated corpus and answers for all of it", () => {
  for (const file of generateCorpus({ essays: 60 }).files) {
    if (typeof file.content !== "string") continue;
    assert.ok(assertAgrees(matterOf(file.content)), `fast path declined ${file.path}`);
  }
});

test("unusual front matter goes to the exact path, or agrees with it", () => {
  const declined = [
    "title: a\ntitle: b", // duplicate key: the exact path names it
    "- a\n- b", // not a mapping
    "title: [unclosed", // syntax error with a position
    "{ title: x, date: 2020-01-01 }", // flow mapping: keys are not on lines of their own
    '"t\\x41": 1', // a YAML escape JSON does not know
  ];
  for (const matter of declined) assert.equal(parseYamlFast(matter), undefined, matter);
  const agreeing = [
    "",
    "# only a comment",
    'title: "KubeSphere “闭源”之殇"\ndate: 2025-08-01T16:26:26+08:00',
    "'it''s': 1\n\"quoted key\": 2\nplain key   : 3",
    "weight: # pinned\ndraft: no\nshowToc: yes\nnumber: 0x1F\nfloat: .5\nnothing: ~",
    "cover:\n    image: a.png\n    relative: true\ntags:\n- 开源\n- 'x: y'\ndescription: >\n  folded\n  text",
    "-key: 1\nkey-with-dash: 2",
    "date: 2020-01-01\nlastmod: 2020-01-02 10:00",
  ];
  for (const matter of agreeing) assert.ok(assertAgrees(matter), `fast path declined:\n${matter}`);
});

test("generated block mappings: the fast path agrees whenever it answers", () => {
  const key = fc.oneof(fc.constantFrom("title", "date", "tags", "showToc", "TocOpen", "weight", "cover", "描述", "a b"), fc.string({ minLength: 1, maxLength: 8 }));
  const scalar = fc.oneof(
    fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
    fc.constantFrom("true", "false", "yes", "no", "null", "~", "", "1", "-2", "0o17", "0x1f", "0b101", "-0b1", "1_000", "+12", "0x_1", ".inf", "-.Inf", ".NaN", "1e3", "012", "1.5", "2020-01-01", "2020-01-01T08:00:00+08:00", "开源", "a: b", "'q'", "# c"),
  );
  const value = fc.oneof(scalar.map((v) => ` ${v}`), fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => `\n${items.map((v) => `- ${v}`).join("\n")}`));
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (pairs) => {
      const matter = pairs.map(([k, v]) => `${/^[\w\u4e00-\u9fff ]+$/.test(k) ? k : JSON.stringify(k)}:${v}`).join("\n");
      assertAgrees(matter);
    }),
    { numRuns: 300, seed: 42 },
  );
});
