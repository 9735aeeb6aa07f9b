import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFrontMatter } from "../../lib/content/frontmatter.ts";
import { validateFrontMatter } from "../../lib/content/validate.ts";
import { makeFixtureRoot, kubesphereEssay } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

const ZONE = "Asia/Shanghai";

function validate(source: string) {
  const parsed = parseFrontMatter(source);
  assert.ok(parsed.ok, "front matter parses");
  return validateFrontMatter("posts/x.md", parsed.value, ZONE);
}

test("the PaperMod front matter parses as written: null weight, trailing spaces, comments, empty cover", async () => {
  const { frontMatter, problems } = validate(await kubesphereEssay());
  assert.deepEqual(problems, []);
  assert.ok(frontMatter);
  assert.equal(frontMatter.title, "KubeSphere “闭源”之殇");
  assert.equal(frontMatter.date.toISO(), "2025-08-01T16:26:26.000+08:00");
  assert.equal(frontMatter.weight, undefined);
  assert.equal(frontMatter.draft, false);
  assert.equal(frontMatter.showToc, true);
  assert.equal(frontMatter.TocOpen, true);
  assert.equal(frontMatter.showbreadcrumbs, true);
  assert.deepEqual(frontMatter.categories, ["运营"]);
  assert.deepEqual(frontMatter.tags, ["community", "KubeSphere"]);
  assert.deepEqual(frontMatter.cover, { image: "", caption: "", alt: "", relative: false });
});

test("keys are case-insensitive as in Hugo", () => {
  for (const key of ["showToc", "ShowToc", "showtoc", "SHOWTOC"]) {
    const { frontMatter } = validate(`---\ntitle: t\ndate: 2025-01-01\n${key}: true\n---\n`);
    assert.equal(frontMatter?.showToc, true, key);
  }
  const { problems } = validate(`---\ntitle: t\ndate: 2025-01-01\nshowToc: true\nShowToc: false\n---\n`);
  assert.match(problems[0].message, /"ShowToc" repeats "showToc"/);
});

test("dates: offsets kept, date-only means that day in the site's zone, quoted strings and TOML accepted", () => {
  assert.equal(validate(`---\ntitle: t\ndate: 2025-08-01\n---\n`).frontMatter?.date.toISO(), "2025-08-01T00:00:00.000+08:00");
  assert.equal(validate(`---\ntitle: t\ndate: "2025-08-01T16:26:26Z"\n---\n`).frontMatter?.date.toUTC().toISO(), "2025-08-01T16:26:26.000Z");
  assert.equal(validate(`---\ntitle: t\ndate: 2025-08-01 09:30:00\n---\n`).frontMatter?.date.toISO(), "2025-08-01T09:30:00.000+08:00");
  const toml = validate(`+++\ntitle = "t"\ndate = 2025-08-01T16:26:26+08:00\ntags = ["a"]\nShowToc = true\n+++\nbody`);
  assert.equal(toml.frontMatter?.date.toISO(), "2025-08-01T16:26:26.000+08:00");
  assert.equal(toml.frontMatter?.showToc, true);
  assert.deepEqual(toml.frontMatter?.tags, ["a"]);
});

test("a single tag string is a one-tag list, as in Hugo", () => {
  assert.deepEqual(validate(`---\ntitle: t\ndate: 2025-01-01\ntags: one\n---\n`).frontMatter?.tags, ["one"]);
});

test("every bad input is reported in one run, one line each with file, line, field and value; the build exits non-zero", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "a.md": `---\ntitle: "Unclosed\ndate: 2025-01-01\n---\nbody\n`,
      "b.md": `---\ndate: 2025-01-01\n---\nbody\n`,
      "c.md": `---\ntitle: C\ndate: 2025-13-01\n---\nbody\n`,
      "d.md": `---\ntitle: D\ndate: 2025-01-01\ndraft: "no"\n---\nbody\n`,
      "e.md": `---\ntitle: E\ndate: 2025-01-01\nweight: high\n---\nbody\n`,
      "f.md": `---\ntitle: F\ndate: 2025-01-01\ntags: {name: x}\n---\nbody\n`,
      "g.md": `---\ntitle: G\ndate: 2025-01-01\ntags: one\nshwoToc: true\n---\nbody\n`,
    },
  });
  const { code, stderr } = await runScript("build.ts", [], { cwd: root });
  assert.equal(code, 1);
  const lines = stderr.trim().split("\n");
  const expected = [
    /^posts\/a\.md:\d+: YAML syntax error: /,
    /^posts\/b\.md:1: "title" is missing \(expected a non-empty string\)$/,
    /^posts\/c\.md:3: "date": "2025-13-01" is not a date \(expected YYYY-MM-DD or an RFC 3339 date-time\)$/,
    /^posts\/d\.md:4: "draft": "no" is not a boolean \(expected true or false\)$/,
    /^posts\/e\.md:4: "weight": "high" is not a whole number /,
    /^posts\/f\.md:4: "tags": \{"name":"x"\} is not a list of strings \(expected a string or a list of strings\)$/,
    /^posts\/g\.md:5: warning: unknown key "shwoToc" \(did you mean "showToc"\?\)$/,
  ];
  for (const pattern of expected) {
    assert.equal(lines.filter((line) => pattern.test(line)).length, 1, `exactly one line matches ${pattern}\n${stderr}`);
  }
  assert.ok(!lines.some((line) => line.startsWith("posts/g.md") && !line.includes("warning")), "a single tag string is not an error");
  assert.ok(!/\n\s+at /.test(stderr), "no stack trace");
});

test("a misspelt key alone is only a warning: the build succeeds and says so", async () => {
  const root = await makeFixtureRoot({ posts: { "g.md": `---\ntitle: G\ndate: 2025-01-01\nshwoToc: true\n---\nbody\n` } });
  const { code, stdout } = await runScript("build.ts", [], { cwd: root });
  assert.equal(code, 0);
  assert.match(stdout, /posts\/g\.md:4: warning: unknown key "shwoToc" \(did you mean "showToc"\?\)/);
});
