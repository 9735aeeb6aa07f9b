/**
 * `npm run bench:images`: measures the image pipeline on generated photos.
 *
 * 1. AVIF effort: each image encoded at 1280 px wide (quality 50) with sharp's default effort
 *    (4) and lower ones; time, bytes and PSNR per effort, on generated photos and on the sample
 *    essay's flat illustration. Measured on the 2-CPU build machine (4 photos 2000x1333):
 *      photos        effort 4: 75.9 s, 591 KB, 31.10 dB   effort 2: 12.6 s, 601 KB, 30.89 dB (6.0x faster, +1.7%)
 *                    effort 1:  3.3 s, 592 KB, 30.82 dB   effort 0:  1.8 s, 559 KB, 30.69 dB
 *      illustration  effort 4: 15.5 s, 6.5 KB, 45.7 dB    effort 2:  1.1 s, 6.7 KB, 42.4 dB (14x faster, +2.6%)
 *                    effort 1:  0.5 s, 10 KB (+56%)       effort 0:  0.2 s, 13 KB (+111%)
 *    wenji uses effort 2 (lib/images/settings.ts): most of the speed, nearly the default's bytes
 *    on both kinds of image; effort 1 and 0 are faster still but bloat flat illustrations.
 * 2. The pipeline as a build runs it: a site with one essay per photo is built cold (empty
 *    cache), then again after deleting `_site/` (warm); the image stage's own summary line
 *    gives its time and bytes, compared here with the source bytes. The sample site is measured
 *    the same way. Measured: sample site cold 4.63 s, warm 0.03 s (0 re-encoded); 4 photos
 *    (3.9 MB) cold 26.8 s, warm 0.09 s, 601 KB of AVIF served at the largest width.
 *
 * `npm run bench` runs this script (with `--json`, the result as JSON on stdout); other code can
 * call `benchImages()`. Options: `--photos N`, `--size WxH`, `--efforts-only`.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import sharp from "sharp";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);

export interface ImageBenchOptions {
  photos: number;
  width: number;
  height: number;
  efforts: number[];
  /** Only the AVIF effort comparison, no builds. */
  effortsOnly: boolean;
  log: (line: string) => void;
}

export interface ImageBenchResult {
  efforts: { effort: number; seconds: number; bytes: number; psnr: number }[];
  /** The same on the sample essay's flat illustration (posts/shuyuan-zhi-lu/street.jpg). */
  illustration: { effort: number; seconds: number; bytes: number; psnr: number }[];
  cold: { seconds: number; summary: string };
  warm: { seconds: number; summary: string; processed: number };
  sourceBytes: number;
}

/** Noise at 1/scale of the size, enlarged smoothly: texture of that scale. */
async function noiseLayer(width: number, height: number, scale: number, sigma: number): Promise<Buffer> {
  const w = Math.max(2, Math.round(width / scale));
  const h = Math.max(2, Math.round(height / scale));
  const small = sharp({ create: { width: w, height: h, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma } } });
  return sharp(await small.png().toBuffer()).resize(width, height, { kernel: "cubic" }).png().toBuffer();
}

/**
 * A photo-like image: a lit scene of soft and hard-edged shapes with texture at several scales
 * (as real photos have detail at every scale) and fine sensor noise.
 */
export async function generatePhoto(index: number, width: number, height: number): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const shapes = Array.from({ length: 18 }, (_, i) => {
    const x = ((index + 3) * 97 * (i + 1)) % width;
    const y = ((index + 5) * 61 * (i + 2)) % height;
    const r = 40 + ((index * 31 + i * 53) % 300);
    const fill = `hsl(${(hue + i * 23) % 360},${40 + (i % 3) * 15}%,${30 + (i % 4) * 12}%)`;
    return i % 2
      ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" fill-opacity="0.7"/>`
      : `<rect x="${x}" y="${y}" width="${r * 1.4}" height="${r}" fill="${fill}" transform="rotate(${i * 13} ${x} ${y})"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 140) % 360},45%,25%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  const base = await sharp(Buffer.from(svg)).blur(1.2).toBuffer();
  const layers = await Promise.all([
    noiseLayer(width, height, 48, 45).then((input) => ({ input, blend: "soft-light" as const })),
    noiseLayer(width, height, 8, 40).then((input) => ({ input, blend: "soft-light" as const })),
    noiseLayer(width, height, 2, 30).then((input) => ({ input, blend: "soft-light" as const })),
    noiseLayer(width, height, 1, 10).then((input) => ({ input, blend: "overlay" as const })),
  ]);
  return sharp(base).composite(layers).jpeg({ quality: 90 }).toBuffer();
}

/** Peak signal-to-noise ratio of `encoded` against `reference` (both decoded to RGB), in dB. */
async function psnr(reference: Buffer, encoded: Buffer): Promise<number> {
  const a = await sharp(reference).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(encoded).removeAlpha().resize(a.info.width, a.info.height).raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b[i];
    sum += d * d;
  }
  const mse = sum / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

async function measureEfforts(photos: Buffer[], efforts: number[]): Promise<ImageBenchResult["efforts"]> {
  const references = await Promise.all(photos.map((photo) => sharp(photo).resize({ width: 1280, withoutEnlargement: true }).png().toBuffer()));
  const results: ImageBenchResult["efforts"] = [];
  for (const effort of efforts) {
    let seconds = 0;
    let bytes = 0;
    let quality = 0;
    for (const reference of references) {
      const started = performance.now();
      const out = await sharp(reference).avif({ quality: 50, effort }).toBuffer();
      seconds += (performance.now() - started) / 1000;
      bytes += out.length;
      quality += await psnr(reference, out);
    }
    results.push({ effort, seconds, bytes, psnr: quality / references.length });
  }
  return results;
}

async function makeSite(photos: Buffer[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "wenji-bench-images-"));
  await mkdir(path.join(root, "posts"), { recursive: true });
  await symlink(path.join(PROJECT, "_includes"), path.join(root, "_includes"));
  await symlink(path.join(PROJECT, "assets"), path.join(root, "assets"));
  await cp(path.join(PROJECT, "_data"), path.join(root, "_data"), { recursive: true });
  for (const [i, photo] of photos.entries()) {
    const dir = path.join(root, "posts", `photo-${i + 1}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "photo.jpg"), photo);
    await writeFile(path.join(dir, "index.md"), `---\ntitle: "Photo ${i + 1}"\ndate: 2025-01-${String((i % 28) + 1).padStart(2, "0")}\n---\n\nA generated photo.\n\n![Generated photo ${i + 1}](photo.jpg)\n`);
  }
  return root;
}

/** The project's own sample essays, in a temporary site with an empty image cache. */
async function makeSampleSite(): Promise<string> {
  const root = await makeSite([]);
  await rm(path.join(root, "posts"), { recursive: true, force: true });
  await cp(path.join(PROJECT, "posts"), path.join(root, "posts"), { recursive: true });
  return root;
}

/** Builds the site in a fresh process (no in-memory cache) and returns the image stage's summary. */
async function build(root: string): Promise<{ seconds: number; summary: string; processed: number }> {
  const { stdout } = await run(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "build.ts")], {
    cwd: root,
    env: { ...process.env, WENJI_OFFLINE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = stdout.split("\n").find((line) => line.startsWith("[wenji] images:") && line.includes(" processed")) ?? "";
  const seconds = Number(/; ([\d.]+) s$/.exec(summary)?.[1] ?? NaN);
  const processed = Number(/: (\d+) processed/.exec(summary)?.[1] ?? NaN);
  if (!summary) throw new Error(`no image summary in the build output:\n${stdout}`);
  return { seconds, summary: summary.replace(/^\[wenji\] /, ""), processed };
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

export async function benchImages(options: Partial<ImageBenchOptions> = {}): Promise<ImageBenchResult> {
  const { photos: count = 4, width = 2000, height = 1333, efforts = [4, 3, 2, 1, 0], log = console.log } = options;
  log(`[bench:images] generating ${count} photos ${width}x${height}`);
  const photos = await Promise.all(Array.from({ length: count }, (_, i) => generatePhoto(i, width, height)));
  const sourceBytes = photos.reduce((sum, p) => sum + p.length, 0);

  const report = (title: string, results: ImageBenchResult["efforts"]) => {
    log(title);
    const reference = results.find((r) => r.effort === 4) ?? results[0];
    for (const r of results) {
      const speed = (reference.seconds / r.seconds).toFixed(1);
      const size = (((r.bytes - reference.bytes) / reference.bytes) * 100).toFixed(1);
      log(`  effort ${r.effort}: ${r.seconds.toFixed(2)} s, ${kb(r.bytes)}, PSNR ${r.psnr.toFixed(2)} dB (${speed}x the speed of effort ${reference.effort}, ${Number(size) >= 0 ? "+" : ""}${size}% bytes)`);
    }
  };
  const effortResults = await measureEfforts(photos, efforts);
  report(`[bench:images] AVIF of ${count} generated photos at 1280 px, quality 50, by effort (sharp's default is 4):`, effortResults);
  const illustration = await measureEfforts([await readFile(path.join(PROJECT, "posts", "shuyuan-zhi-lu", "street.jpg"))], efforts);
  report("[bench:images] the same for the sample essay's flat illustration (street.jpg):", illustration);

  if (options.effortsOnly) return { efforts: effortResults, illustration, cold: { seconds: NaN, summary: "" }, warm: { seconds: NaN, summary: "", processed: NaN }, sourceBytes };
  const sample = await makeSampleSite();
  try {
    const cold = await build(sample);
    await rm(path.join(sample, "_site"), { recursive: true, force: true });
    const warm = await build(sample);
    log(`[bench:images] sample site, cold build image stage: ${cold.seconds.toFixed(2)} s — ${cold.summary}`);
    log(`[bench:images] sample site, warm build image stage (after deleting _site/): ${warm.seconds.toFixed(2)} s — ${warm.summary}`);
  } finally {
    await rm(sample, { recursive: true, force: true });
  }

  const root = await makeSite(photos);
  try {
    const cold = await build(root);
    await rm(path.join(root, "_site"), { recursive: true, force: true });
    const warm = await build(root);
    const served = await readFile(path.join(root, "_site", "posts", "photo-1", "index.html"), "utf8").then((html) => html.includes("<picture"));
    log(`[bench:images] source: ${count} photos, ${kb(sourceBytes)}`);
    log(`[bench:images] cold build image stage: ${cold.seconds.toFixed(2)} s — ${cold.summary}`);
    log(`[bench:images] warm build image stage (after deleting _site/): ${warm.seconds.toFixed(2)} s — ${warm.summary}`);
    if (!served) throw new Error("the built page has no <picture>");
    return { efforts: effortResults, illustration, cold, warm, sourceBytes };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      photos: { type: "string", default: "4" },
      size: { type: "string", default: "2000x1333" },
      "efforts-only": { type: "boolean", default: false },
      // `npm run bench -- --json` collects this script's result: the report goes to stderr, the data to stdout.
      json: { type: "boolean", default: false },
    },
  });
  const [width, height] = values.size!.split("x").map(Number);
  const result = await benchImages({ photos: Number(values.photos), width, height, effortsOnly: values["efforts-only"], log: values.json ? console.error : console.log });
  if (values.json) console.log(JSON.stringify(result, null, 2));
}
