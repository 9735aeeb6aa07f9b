/**
 * `npm run import:hugo -- <hugo-site>`: brings a Hugo site's essays into wenji. Essays,
 * `.en.md` translations and page bundles under `content/posts` are copied to `posts/` as they
 * are (wenji reads Hugo/PaperMod front matter and the common shortcodes); images under
 * `static/` go to `assets/`, and essay references to them are rewritten. Nothing that
 * already exists is overwritten. Every imported essay is then loaded as the build would,
 * and whatever the build would reject is listed as needing attention.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSettings } from "../content/settings.ts";
import { loadEssays } from "../content/load.ts";
import { KNOWN_SHORTCODES } from "../markdown/shortcodes.ts";

export interface ImportReport {
  /** Essays written, as `posts/...` paths. */
  essays: string[];
  /** Other files copied (bundle resources and static images), as destination paths. */
  files: string[];
  /** What was changed on the way in, one line each. */
  converted: string[];
  /** What the author must look at, one line each, naming the file. */
  attention: string[];
  /** What was deliberately left out, one line each. */
  skipped: string[];
}

export class ImportSourceError extends Error {}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, base)));
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return out.sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export async function importHugo(root: string, hugoDir: string): Promise<ImportReport> {
  const contentDir = path.join(hugoDir, "content", "posts");
  if (!existsSync(contentDir) || !(await stat(contentDir)).isDirectory()) throw new ImportSourceError(`${hugoDir} has no content/posts folder; is it a Hugo site?`);
  const settings = loadSettings(root);
  const report: ImportReport = { essays: [], files: [], converted: [], attention: [], skipped: [] };

  // static/ images: served by Hugo at /<path>, by wenji at /assets/<path>.
  const staticDir = path.join(hugoDir, "static");
  const staticFiles = existsSync(staticDir) ? await walk(staticDir) : [];
  const staticImages = staticFiles.filter((f) => IMAGE.test(f));
  const otherStatic = staticFiles.filter((f) => !IMAGE.test(f));
  if (otherStatic.length) report.skipped.push(`${otherStatic.length} non-image file${otherStatic.length === 1 ? "" : "s"} under static/ (${otherStatic.slice(0, 5).join(", ")}${otherStatic.length > 5 ? ", ..." : ""}): copy what the site still needs into assets/ by hand`);
  for (const file of staticImages) {
    const dest = `assets/${file}`;
    if (existsSync(path.join(root, dest))) {
      report.skipped.push(`${dest} already exists; static/${file} was not copied`);
      continue;
    }
    await mkdir(path.dirname(path.join(root, dest)), { recursive: true });
    await copyFile(path.join(staticDir, file), path.join(root, dest));
    report.files.push(dest);
  }
  const staticReference = staticImages.length
    ? new RegExp(`(?<=[(\\s"'=:\\[]|^)/(${staticImages.map(escapeRegExp).join("|")})(?=[)\\s"'?#\\]]|$)`, "gm")
    : undefined;

  const files = await walk(contentDir);
  const bundles = new Set(files.filter((f) => /(^|\/)index(\.[a-z-]+)?\.md$/.test(f)).map((f) => path.posix.dirname(f)));
  const written: string[] = [];
  for (const file of files) {
    const dest = `posts/${file}`;
    const source = `content/posts/${file}`;
    const dir = path.posix.dirname(file);
    if (file.endsWith(".md")) {
      if (/(^|\/)_index(\.[a-z-]+)?\.md$/.test(file)) {
        report.skipped.push(`${source}: a Hugo section page; wenji makes its own lists`);
        continue;
      }
      if (existsSync(path.join(root, dest))) {
        report.attention.push(`${dest} already exists; ${source} was not imported (move one of them aside and import again)`);
        continue;
      }
      let text = await readFile(path.join(contentDir, file), "utf8");
      if (staticReference) {
        const moved = new Set<string>();
        text = text.replace(staticReference, (_match, p: string) => {
          moved.add(p);
          return `/assets/${p}`;
        });
        for (const p of moved) report.converted.push(`${dest}: image /${p} now /assets/${p}`);
      }
      const used = new Map<string, number>();
      for (const m of text.matchAll(/\{\{[<%]\s*([\w.-]+)/g)) if (KNOWN_SHORTCODES.includes(m[1])) used.set(m[1], (used.get(m[1]) ?? 0) + 1);
      if (used.size) report.converted.push(`${dest}: Hugo shortcodes ${[...used].map(([n, c]) => `${n} ×${c}`).join(", ")} render as before`);
      await mkdir(path.dirname(path.join(root, dest)), { recursive: true });
      await writeFile(path.join(root, dest), text, { flag: "wx" });
      report.essays.push(dest);
      written.push(dest);
    } else if (bundles.has(dir)) {
      if (existsSync(path.join(root, dest))) {
        report.skipped.push(`${dest} already exists; ${source} was not copied`);
        continue;
      }
      await mkdir(path.dirname(path.join(root, dest)), { recursive: true });
      await copyFile(path.join(contentDir, file), path.join(root, dest));
      report.files.push(dest);
    } else {
      report.attention.push(`${source} is not inside a page bundle, so wenji would not publish it; move it into a bundle or assets/ by hand`);
    }
  }

  // Load everything as the build will; what it rejects in an imported essay needs attention.
  const { problems } = await loadEssays(root, settings);
  const imported = new Set(written);
  for (const p of problems) {
    if (imported.has(p.file)) report.attention.push(`${p.file}${p.line ? `:${p.line}` : ""}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
  }
  return report;
}

export function formatImport(report: ImportReport): string[] {
  const lines: string[] = [];
  const translations = report.essays.filter((f) => /\.[a-z]{2,3}(-[a-z]{2,4})?\.md$/i.test(f.replace(/\/index(?=\.)/, "/x"))).length;
  for (const f of report.essays) lines.push(`imported ${f}`);
  if (report.files.length) lines.push(`copied ${report.files.length} file${report.files.length === 1 ? "" : "s"}: ${report.files.join(", ")}`);
  for (const c of report.converted) lines.push(`converted ${c}`);
  for (const s of report.skipped) lines.push(`skipped ${s}`);
  for (const a of report.attention) lines.push(`needs attention: ${a}`);
  lines.push(
    `${report.essays.length} essay${report.essays.length === 1 ? "" : "s"} imported (${translations} translation${translations === 1 ? "" : "s"}), ${report.files.length} file${report.files.length === 1 ? "" : "s"} copied, ${report.attention.length} need${report.attention.length === 1 ? "s" : ""} attention`,
  );
  return lines;
}
