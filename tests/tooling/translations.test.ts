import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { utimes, writeFile, appendFile } from "node:fs/promises";
import path from "node:path";
import { makeFixtureRoot } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

const zh = (extra = "") => `---\ntitle: 原文\ndate: 2025-03-01\n${extra}---\n\n正文。\n`;
const en = (extra = "") => `---\ntitle: Original\ndate: 2025-03-02\n${extra}---\n\nBody.\n`;

interface Report {
  languages: string[];
  groups: { translationKey: string; versions: { lang: string; file: string; status: string; changedBy: string; reasons: string[] }[]; missing: string[] }[];
}

async function json(root: string): Promise<{ code: number; report: Report }> {
  const run = await runScript("translations.ts", ["--format", "json"], { cwd: root });
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

test("translations: a table of every essay's languages with missing ones; exit 0 when nothing is stale", async () => {
  const root = await makeFixtureRoot({ samplePosts: true });
  const run = await runScript("translations.ts", [], { cwd: root });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.split("\n");
  assert.match(lines[0], /^essay +zh +en$/);
  assert.match(run.stdout, /^bookshop +original +current$/m);
  assert.match(run.stdout, /^kaiyuan-de-jiyi +original +missing$/m);
  assert.match(run.stdout, /^6 essays: 3 missing translations, 0 stale$/m);
});

test("translations: the original's later lastmod makes its translation stale, with the reason; exit 1", async () => {
  const root = await makeFixtureRoot({ posts: { "a.md": zh("lastmod: 2025-06-01\n"), "a.en.md": en(), "b.md": zh("lastmod: 2025-06-01\n"), "b.en.md": en("lastmod: 2025-07-01\n") } });
  const { code, report } = await json(root);
  assert.equal(code, 1);
  const a = report.groups.find((g) => g.translationKey === "a")!;
  assert.deepEqual(a.versions.map((v) => [v.lang, v.status]), [["zh", "original"], ["en", "stale"]]);
  assert.match(a.versions[1].reasons[0], /posts\/a\.md has lastmod 2025-06-01, after this translation's date 2025-03-02/);
  const b = report.groups.find((g) => g.translationKey === "b")!;
  assert.equal(b.versions[1].status, "current");
  const text = await runScript("translations.ts", [], { cwd: root });
  assert.match(text.stdout, /^posts\/a\.en\.md: stale: posts\/a\.md has lastmod 2025-06-01/m);
});

test("translations: without git, a later modification time of the original makes the translation stale", async () => {
  const root = await makeFixtureRoot({ posts: { "a.md": zh(), "a.en.md": en() } });
  await utimes(path.join(root, "posts/a.en.md"), new Date("2025-03-02T00:00:00Z"), new Date("2025-03-02T00:00:00Z"));
  await utimes(path.join(root, "posts/a.md"), new Date("2025-03-01T00:00:00Z"), new Date("2025-03-01T00:00:00Z"));
  assert.equal((await json(root)).report.groups[0].versions[1].status, "current");
  await utimes(path.join(root, "posts/a.md"), new Date("2025-04-01T00:00:00Z"), new Date("2025-04-01T00:00:00Z"));
  const { code, report } = await json(root);
  assert.equal(code, 1);
  assert.equal(report.groups[0].versions[1].changedBy, "mtime");
  assert.match(report.groups[0].versions[1].reasons[0], /posts\/a\.md was changed 2025-04-01 00:00 UTC, after this file \(2025-03-02 00:00 UTC\)/);
});

test("translations: in a git repository the commit history decides, and an uncommitted edit of the original counts", async () => {
  const root = await makeFixtureRoot({ posts: { "a.md": zh(), "a.en.md": en() } });
  const git = (date: string, ...args: string[]) =>
    execFileSync("git", args, { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" } });
  git("2025-03-01T00:00:00Z", "init", "-q");
  git("2025-03-01T00:00:00Z", "add", "posts/a.md");
  git("2025-03-01T00:00:00Z", "commit", "-qm", "original");
  git("2025-03-05T00:00:00Z", "add", "posts/a.en.md");
  git("2025-03-05T00:00:00Z", "commit", "-qm", "translation");
  // Modification times say the opposite of history; history wins.
  await utimes(path.join(root, "posts/a.md"), new Date(), new Date());
  await utimes(path.join(root, "posts/a.en.md"), new Date("2020-01-01"), new Date("2020-01-01"));
  let { report } = await json(root);
  assert.equal(report.groups[0].versions[1].status, "current");
  assert.equal(report.groups[0].versions[1].changedBy, "git");

  await appendFile(path.join(root, "posts/a.md"), "\n新的一段。\n");
  git("2025-04-01T00:00:00Z", "commit", "-qam", "revise original");
  ({ report } = await json(root));
  assert.equal(report.groups[0].versions[1].status, "stale");
  assert.match(report.groups[0].versions[1].reasons[0], /posts\/a\.md was committed 2025-04-01 00:00 UTC, after this file \(2025-03-05 00:00 UTC\)/);

  git("2025-04-02T00:00:00Z", "commit", "--allow-empty", "-qm", "noop");
  await writeFile(path.join(root, "posts/a.en.md"), en() + "\nMore.\n");
  git("2025-04-03T00:00:00Z", "commit", "-qam", "update translation");
  ({ report } = await json(root));
  assert.equal(report.groups[0].versions[1].status, "current");
  await appendFile(path.join(root, "posts/a.md"), "\n未提交的修改。\n");
  ({ report } = await json(root));
  assert.equal(report.groups[0].versions[1].status, "stale", "an uncommitted edit of the original is newer than any commit");
});

test("translations: usage errors exit 2, --help exits 0", async () => {
  const root = await makeFixtureRoot({});
  const bad = await runScript("translations.ts", ["--format", "csv"], { cwd: root });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be "text" or "json", not "csv"/);
  const extra = await runScript("translations.ts", ["posts"], { cwd: root });
  assert.equal(extra.code, 2);
  const help = await runScript("translations.ts", ["--help"], { cwd: root });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: npm run translations/);
});
