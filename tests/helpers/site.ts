/**
 * Builds small fixture sites for tests: the project's layouts and assets, the fixture's own
 * essays and settings, in a temporary folder. Pages are read back through a real HTML parser.
 */
import { mkdtemp, mkdir, writeFile, readFile, symlink, cp } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { buildSite, type BuildResult } from "../../lib/build.ts";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface FixtureOptions {
  /** Files under posts/, by path relative to posts/ (text or bytes). */
  posts?: Record<string, string | Uint8Array>;
  /** Use the project's own posts/ instead. */
  samplePosts?: boolean;
  /** Shallow overrides of _data/site.json. */
  site?: Record<string, unknown>;
  /** Extra files relative to the fixture root (e.g. `_data/i18n/en.json`). */
  files?: Record<string, string | Uint8Array>;
  preview?: boolean;
}

export interface Fixture {
  root: string;
  output: string;
  result: BuildResult;
  /** Raw text of an output file by site path (`/posts/x/` → `posts/x/index.html`). */
  read(url: string): Promise<string>;
  exists(url: string): boolean;
  /** A parsed page: `document.querySelector(...)` and friends. */
  page(url: string): Promise<Document>;
  /** Builds again into the same folders (after editing files in `root`). */
  rebuild(options?: { preview?: boolean }): Promise<BuildResult>;
}

export function outputFile(output: string, url: string): string {
  const decoded = decodeURI(url.split("#")[0]);
  return path.join(output, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
}

export async function makeFixtureRoot(options: FixtureOptions = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "wenji-fixture-"));
  await symlink(path.join(PROJECT, "_includes"), path.join(root, "_includes"));
  await symlink(path.join(PROJECT, "assets"), path.join(root, "assets"));
  await mkdir(path.join(root, "_data"), { recursive: true });
  await cp(path.join(PROJECT, "_data", "i18n"), path.join(root, "_data", "i18n"), { recursive: true });
  const site = JSON.parse(await readFile(path.join(PROJECT, "_data", "site.json"), "utf8"));
  await writeFile(path.join(root, "_data", "site.json"), JSON.stringify({ ...site, ...options.site }, null, 2));
  if (options.samplePosts) await cp(path.join(PROJECT, "posts"), path.join(root, "posts"), { recursive: true });
  for (const [file, content] of Object.entries(options.posts ?? {})) {
    await mkdir(path.dirname(path.join(root, "posts", file)), { recursive: true });
    await writeFile(path.join(root, "posts", file), content);
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await mkdir(path.join(root, "posts"), { recursive: true });
  return root;
}

export async function buildFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const root = await makeFixtureRoot(options);
  const output = path.join(root, "_site");
  const build = (preview = options.preview ?? false) => buildSite({ root, output, preview, quiet: true });
  const result = await build();
  return {
    root,
    output,
    result,
    read: (url) => readFile(outputFile(output, url), "utf8"),
    exists: (url) => existsSync(outputFile(output, url)),
    page: async (url) => parseHTML(await readFile(outputFile(output, url), "utf8")).document as unknown as Document,
    rebuild: (opts) => build(opts?.preview),
  };
}

/** The KubeSphere-shaped essay the foundation issue quotes, verbatim. */
export async function kubesphereEssay(): Promise<string> {
  return readFile(path.join(PROJECT, "tests", "fixtures", "essays", "kubesphere-shape.md"), "utf8");
}
