/**
 * Times the writer's tools on a generated site of N essays (default 1,000): `npm run check`
 * (in-process and as the command), and a preview rebuild after editing one essay under
 * `eleventy --serve`. Prints numbers; asserts nothing about speed.
 */
import { spawn } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, symlink, writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkSite } from "../lib/check/index.ts";
import { typographyLint } from "../lib/check/typography.ts";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { essays: { type: "string", default: "1000" }, keep: { type: "boolean", default: false }, help: { type: "boolean" } } });
if (values.help) {
  console.log("usage: node --import tsx scripts/bench-tooling.ts [--essays N] [--keep]");
  process.exit(0);
}
const count = Number(values.essays);

const PARAGRAPH = "链接会失效，平台会关闭，唯一可靠的是你自己手里的文件。我们每天都在收藏链接，但链接只是一张指向别人房间的门牌，房间里的东西随时可能被搬走。";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

async function generate(root: string): Promise<void> {
  await mkdir(path.join(root, "posts"), { recursive: true });
  await cp(path.join(PROJECT, "_data"), path.join(root, "_data"), { recursive: true });
  await symlink(path.join(PROJECT, "_includes"), path.join(root, "_includes"));
  await symlink(path.join(PROJECT, "assets"), path.join(root, "assets"));
  // Eleventy reads the project's package.json to know that .eleventy.js is an ES module.
  await writeFile(path.join(root, "package.json"), JSON.stringify({ type: "module" }));
  const writes: Promise<void>[] = [];
  const zhCount = Math.ceil(count * 0.7);
  for (let i = 0; i < count; i++) {
    const en = i >= zhCount;
    const n = en ? i - zhCount : i;
    const bundle = !en && n % 20 === 0;
    const date = new Date(Date.UTC(2020, 0, 1) + n * 86400000).toISOString().slice(0, 10);
    const other = (n + 1) % zhCount;
    const body = en
      ? [`## Part one`, "", `Links rot. See [the next essay](/en/posts/essay-${(n + 1) % (count - zhCount)}/) and [its first part](/en/posts/essay-${(n + 1) % (count - zhCount)}/#part-one).`, "", "## Part two", "", "Keep copies. ".repeat(60)]
      : [`## 第一节`, "", PARAGRAPH.repeat(4), "", `另见[第 ${other} 篇](/posts/essay-${other}/)与[它的第一节](/posts/essay-${other}/#第一节)，以及[标签](/tags/开源/)。`, "", bundle ? "![一张图](figure.png)\n" : "", "## 第二节", "", PARAGRAPH.repeat(6)];
    const file = en ? `essay-${n}.en.md` : bundle ? `essay-${n}/index.md` : `essay-${n}.md`;
    const text = `---\ntitle: "${en ? `Essay ${n}` : `第 ${n} 篇随笔`}"\ndate: ${date}\ntags: [${en ? "open source" : "开源"}, t${n % 30}]\n---\n\n${body.join("\n")}\n`;
    writes.push(
      (async () => {
        await mkdir(path.dirname(path.join(root, "posts", file)), { recursive: true });
        await writeFile(path.join(root, "posts", file), text);
        if (bundle) await writeFile(path.join(root, "posts", `essay-${n}`, "figure.png"), PNG);
      })(),
    );
  }
  await Promise.all(writes);
}


/** Starts `eleventy --serve` on the site, edits one essay, and times the rebuild until the edit is served. */
async function previewRebuild(root: string): Promise<{ first: number; rebuild: number; served: boolean }> {
  const port = 18000 + Math.floor(Math.random() * 2000);
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT, "node_modules", "@11ty", "eleventy", "cmd.cjs"), "--serve", `--port=${port}`, "--output=.wenji/preview", `--config=${path.join(PROJECT, ".eleventy.js")}`], {
    cwd: root,
    env: { ...process.env, WENJI_ROOT: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const waitFor = (pattern: RegExp, from: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}:\n${log.slice(-2000)}`)), 300_000);
      const look = () => {
        if (pattern.test(log.slice(from))) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(look, 20);
      };
      look();
    });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  try {
    await waitFor(/Server at/, 0);
    await waitFor(/Wrote \d+ files/, 0);
    const first = (performance.now() - started) / 1000;
    const mark = log.length;
    const edited = performance.now();
    await appendFile(path.join(root, "posts", "essay-1.md"), "\n这是预览时加上的一句：编辑之后的重建。\n");
    await waitFor(/Wrote \d+ files/, mark);
    const rebuild = (performance.now() - edited) / 1000;
    const html = await fetch(`http://127.0.0.1:${port}/posts/essay-1/`).then((r) => r.text());
    return { first, rebuild, served: html.includes("编辑之后的重建") };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- eleventy said:\n${log.slice(-3000)}`);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

const root = await mkdtemp(path.join(os.tmpdir(), "wenji-bench-tooling-"));
await generate(root);
console.log(`generated ${count} essays in ${root}`);

const lint = await typographyLint(root);
let started = performance.now();
const result = await checkSite(root, { lint });
console.log(`check (in-process, typography lint with its cache): ${((performance.now() - started) / 1000).toFixed(2)} s, ${result.files.length} essays, ${result.findings.length} findings`);
started = performance.now();
await checkSite(root, { lint });
console.log(`check again in the same process: ${((performance.now() - started) / 1000).toFixed(2)} s`);

const command = await new Promise<{ seconds: number; code: number; tail: string }>((resolve) => {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "check.ts")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  child.on("close", (code) => resolve({ seconds: (performance.now() - t0) / 1000, code: code ?? -1, tail: out.trim().split("\n").at(-1) ?? "" }));
});
console.log(`npm run check (whole command, node start included): ${command.seconds.toFixed(2)} s, exit ${command.code}: ${command.tail}`);

const preview = await previewRebuild(root);
console.log(`preview: first build ${preview.first.toFixed(2)} s; rebuild after editing one essay ${preview.rebuild.toFixed(2)} s; edit served: ${preview.served}`);
if (!values.keep) await rm(root, { recursive: true, force: true });
