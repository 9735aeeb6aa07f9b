/**
 * Slugs, `url`s and aliases: every shape that is not a path of the site, and every collision
 * (with another page, the engine's pages, assets, images, feeds, each other, or only letter
 * case), is one line naming the file, the field, the value and what it collides with, in the
 * model, in `npm run check` and in the build; never an Eleventy stack.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSettings } from "../../lib/content/settings.ts";
import { loadEssays } from "../../lib/content/load.ts";
import { buildSiteModel } from "../../lib/content/model.ts";
import { formatProblem } from "../../lib/content/problems.ts";
import { makeFixtureRoot } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

const essay = (title: string, extra = "") => `---\ntitle: ${title}\ndate: 2024-03-05\n${extra}---\n\n正文。\n`;

/** The model's path problems for these posts, one formatted line each. */
async function pathProblems(posts: Record<string, string>, site: Record<string, unknown> = {}): Promise<string[]> {
  const root = await makeFixtureRoot({ posts, site });
  const settings = loadSettings(root);
  const { essays, problems } = await loadEssays(root, settings);
  assert.deepEqual(problems.filter((p) => p.severity === "error"), [], "the front matter itself is valid");
  const model = buildSiteModel(essays, settings, { preview: false, caseRedirects: true });
  return model.problems.map(formatProblem);
}

const shapes: [string, string, RegExp][] = [
  ["slug ..", 'slug: ".."', /^posts\/x\.md:4: "slug": "\.\." is not a name/],
  ["alias that is an absolute URL", 'aliases: ["https://elsewhere.example/x/"]', /^posts\/x\.md:4: "aliases": "https:\/\/elsewhere\.example\/x\/" is an absolute URL/],
  ["alias that is a protocol-relative URL", 'aliases: ["//elsewhere.example/x/"]', /"aliases": "\/\/elsewhere\.example\/x\/" is an absolute URL/],
  ["alias that climbs out of the site", 'aliases: ["/a/../../etc/"]', /"aliases": "\/a\/\.\.\/\.\.\/etc\/" contains \. or \.\. segments/],
  ["relative alias with ..", 'aliases: ["../x/"]', /"aliases": "\.\.\/x\/" contains \. or \.\. segments/],
  ["alias with a backslash", 'aliases: ["\\\\old\\\\x"]', /"aliases": "\\\\old\\\\x" contains a backslash/],
  ["alias with a query", 'aliases: ["/old/?p=1"]', /"aliases": "\/old\/\?p=1" contains \? or #/],
  ["alias with a control character", 'aliases: ["/old\\nx/"]', /"aliases": "\/old\\nx\/" contains the control character U\+000A/],
  ["empty alias", 'aliases: [" "]', /"aliases": "" is empty/],
  ["url that climbs out of the site", 'url: "/../x/"', /^posts\/x\.md:4: "url": "\/\.\.\/x\/" contains \. or \.\. segments/],
  ["url that is an absolute URL", 'url: "https://elsewhere.example/"', /"url": "https:\/\/elsewhere\.example\/" is an absolute URL/],
];

for (const [name, line, expected] of shapes) {
  test(`refused shape: ${name}`, async () => {
    const lines = await pathProblems({ "x.md": essay("甲", `${line}\n`) });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], expected);
  });
}

const collisions: [string, Record<string, string>, RegExp][] = [
  ["alias equal to another essay's URL", { "a.md": essay("甲"), "b.md": essay("乙", 'aliases: ["/posts/a/"]\n') }, /^posts\/b\.md:4: "aliases": "\/posts\/a\/" gives \/posts\/a\/, also the URL of posts\/a\.md \("file name": "posts\/a\.md"\)$/],
  ["alias equal to the tags page", { "a.md": essay("甲", 'aliases: ["/tags/"]\n') }, /^posts\/a\.md:4: "aliases": "\/tags\/" gives \/tags\/, also the URL of the terms page \/tags\/$/],
  ["alias equal to the home page", { "a.md": essay("甲", 'aliases: ["/"]\n') }, /"aliases": "\/" gives \/, also the URL of the home page \/$/],
  ["alias inside assets/", { "a.md": essay("甲", 'aliases: ["/assets/css/"]\n') }, /"aliases": "\/assets\/css\/" gives \/assets\/css\/, inside the site's assets \(assets\/\)$/],
  ["alias inside the optimized images", { "a.md": essay("甲", 'aliases: ["/img/photo.jpg"]\n') }, /"aliases": "\/img\/photo\.jpg" gives \/img\/photo\.jpg\/, inside the optimized images/],
  ["alias below the feed file", { "a.md": essay("甲", 'aliases: ["/feed.xml/"]\n') }, /"aliases": "\/feed\.xml\/" gives \/feed\.xml\/, below the feed \/feed\.xml, which is a file$/],
  ["alias below a page that is a file", { "a.md": essay("甲", 'url: "/x.html"\n'), "b.md": essay("乙", 'aliases: ["/x.html/y/"]\n') }, /^posts\/b\.md:4: "aliases": "\/x\.html\/y\/" gives \/x\.html\/y\/, below posts\/a\.md \("url": "\/x\.html"\), which is a file$/],
  ["url that is a file where a page needs a folder", { "a.md": essay("甲", 'url: "/x.html/y/"\n'), "b.md": essay("乙", 'url: "/x.html"\n') }, /^posts\/b\.md:4: "url": "\/x\.html" gives the file \/x\.html, where posts\/a\.md \("url": "\/x\.html\/y\/"\) needs a folder$/],
  ["url below the sitemap", { "a.md": essay("甲", 'url: "/sitemap.xml"\n') }, /^posts\/a\.md:4: "url": "\/sitemap\.xml" gives \/sitemap\.xml\/, below the sitemap, which is a file$/],
  ["url below a feed", { "a.md": essay("甲", 'url: "/feed.xml/"\n') }, /^posts\/a\.md:4: "url": "\/feed\.xml\/" gives \/feed\.xml\/, below the feed \/feed\.xml, which is a file$/],
  ["two essays' aliases", { "a.md": essay("甲", 'aliases: ["/old/"]\n'), "b.md": essay("乙", 'aliases: ["/old/"]\n') }, /^posts\/b\.md:4: "aliases": "\/old\/" gives \/old\/, also the URL of posts\/a\.md \("aliases": "\/old\/"\)$/],
  ["a slug equal to another file's name", { "same.md": essay("甲"), "b.md": essay("乙", "slug: same\n") }, /^posts\/same\.md: "file name": "posts\/same\.md" gives \/posts\/same\/, also the URL of posts\/b\.md \("slug": "same"\)$/],
  ["two folders that lowercase alike", { "Java/x.md": essay("甲"), "java/x.md": essay("乙") }, /^posts\/java\/x\.md: "file name": "posts\/java\/x\.md" gives \/posts\/java\/x\/, also the URL of posts\/Java\/x\.md/],
  ["an alias whose letter case differs from another essay's URL", { "a.md": essay("甲"), "b.md": essay("乙", 'aliases: ["/Posts/A/"]\n') }, /^posts\/b\.md:4: "aliases": "\/Posts\/A\/" gives \/Posts\/A\/, which differs only in letter case from \/posts\/a\/ of posts\/a\.md/],
];

for (const [name, posts, expected] of collisions) {
  test(`collision: ${name}`, async () => {
    const lines = await pathProblems(posts);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], expected);
  });
}

test("with disablePathToLower, essays whose URLs differ only in letter case are an error naming both files", async () => {
  const lines = await pathProblems({ "Note.md": essay("甲"), "note.md": essay("乙") }, { disablePathToLower: true });
  assert.deepEqual(lines, ['posts/note.md: "file name": "posts/note.md" gives /posts/note/, which differs only in letter case from /posts/Note/ of posts/Note.md ("file name": "posts/Note.md")']);
});

test("a mixed-case file name redirects from its old letter case to the lowercased page", async () => {
  const root = await makeFixtureRoot({ posts: { "MyPost.md": essay("甲") } });
  const settings = loadSettings(root);
  const { essays } = await loadEssays(root, settings);
  const model = buildSiteModel(essays, settings, { preview: false, caseRedirects: true });
  assert.deepEqual(model.problems, []);
  const redirect = model.pages.find((p) => p.kind === "redirect" && p.url === "/posts/MyPost/");
  assert.equal(redirect?.kind === "redirect" && redirect.target, "/posts/mypost/");
  const without = buildSiteModel(essays, settings, { preview: false, caseRedirects: false });
  assert.equal(without.pages.some((p) => p.url === "/posts/MyPost/"), false, "not where the file system ignores letter case");
});

test("Hugo's section lists redirect to the archives, unless the author's page or alias is there", async () => {
  const root = await makeFixtureRoot({ posts: { "Java/_index.md": "---\ntitle: Java\n---\n", "Java/x.md": essay("甲"), "y.en.md": essay("Y"), "z.md": essay("丙", 'aliases: ["/posts/"]\n') } });
  const settings = loadSettings(root);
  const { essays } = await loadEssays(root, settings);
  const model = buildSiteModel(essays, settings, { preview: false });
  assert.deepEqual(model.problems, []);
  const redirects = model.pages.filter((p) => p.kind === "redirect").map((p) => [p.url, p.kind === "redirect" && p.target]);
  assert.deepEqual(redirects.sort(), [["/en/posts/", "/en/archives/"], ["/posts/", "/posts/z/"], ["/posts/java/", "/archives/"], ["/zh/", "/"]], "and the default language's folder redirects home, as in Hugo");
});

const BROKEN = {
  "a.md": essay("甲", 'aliases: ["/tags/", "/feed.xml/", "https://x.example/"]\n'),
  "b.md": essay("乙", 'slug: ".."\n'),
  "c.md": essay("丙", 'aliases: ["/assets/"]\n'),
};
const EXPECTED = [
  /^posts\/a\.md:4: "aliases": "https:\/\/x\.example\/" is an absolute URL/,
  /^posts\/a\.md:4: "aliases": "\/tags\/" gives \/tags\/, also the URL of the terms page \/tags\/$/,
  /^posts\/a\.md:4: "aliases": "\/feed\.xml\/" gives \/feed\.xml\/, below the feed \/feed\.xml, which is a file$/,
  /^posts\/b\.md:4: "slug": "\.\." is not a name/,
  /^posts\/c\.md:4: "aliases": "\/assets\/" gives \/assets\/, inside the site's assets/,
];

test("the build stops with one line per bad path and no stack", async () => {
  const root = await makeFixtureRoot({ posts: BROKEN });
  const run = await runScript("build.ts", [], { cwd: root });
  assert.equal(run.code, 1);
  const lines = run.stderr.trim().split("\n");
  for (const pattern of EXPECTED) assert.equal(lines.filter((l) => pattern.test(l)).length, 1, `${pattern}\n${run.stderr}`);
  assert.doesNotMatch(run.stdout + run.stderr, /EISDIR|ENOTDIR|DuplicatePermalink|^\s+at /m);
  assert.equal(lines.length, EXPECTED.length + 2, run.stderr);
  assert.match(lines.at(-2)!, /^5 errors, 0 warnings in the essays$/);
});

test("npm run check reports the same lines, each with its file, line and rule", async () => {
  const root = await makeFixtureRoot({ posts: BROKEN });
  const run = await runScript("check.ts", ["--format", "json"], { cwd: root });
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { file: string; line?: number; rule: string; message: string }[] };
  const paths = report.findings.filter((f) => f.rule === "bad-path" || f.rule === "url-collision" || f.rule === "duplicate-slug");
  assert.equal(paths.length, EXPECTED.length, JSON.stringify(paths, null, 1));
  for (const pattern of EXPECTED) {
    assert.equal(paths.filter((f) => pattern.test(`${f.file}:${f.line}: ${f.message}`)).length, 1, `${pattern} in ${JSON.stringify(paths, null, 1)}`);
  }
});

// Front-matter validation refuses invisible characters in every string before any path is made
// (issue 19); the path check above is the second line for values that reach it another way.
for (const [name, line, expected] of [
  ["slug with a control character", 'slug: "a\\u0001b"', /"slug" contains U\+0001 a control character/],
  ["slug with a bidi override", 'slug: "a\\u202Eb"', /"slug" contains U\+202E RIGHT-TO-LEFT OVERRIDE/],
] as const) {
  test(`refused in front matter: ${name}`, async () => {
    const root = await makeFixtureRoot({ posts: { "x.md": essay("甲", `${line}\n`) } });
    const { essays, problems } = await loadEssays(root, loadSettings(root));
    const errors = problems.filter((p) => p.severity === "error");
    assert.equal(errors.length, 1, errors.map(formatProblem).join("\n"));
    assert.equal(errors[0].file, "posts/x.md");
    assert.equal(errors[0].line, 4);
    assert.match(errors[0].message, expected);
    assert.equal(essays.length, 0);
  });
}
