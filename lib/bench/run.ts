/**
 * The build benchmark for one corpus size: the floor (plain Eleventy), the recipe a user would
 * set up instead of wenji (the floor, then Pagefind's CLI over its pages) and wenji through
 * `npm run build` as an author runs it, each in fresh processes, medians taken; then the
 * preview server's rebuild after one edit.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, writeCorpusSite } from "./corpus.ts";
import { pagefindBinary } from "../search/index.ts";
import { runMeasured, median, folderSize, type ProcessFigures, type Command } from "./measure.ts";
import { timePreviewRebuild, type PreviewFigures } from "./preview.ts";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FLOOR_CONFIG = path.join(PROJECT, "lib", "bench", "floor.config.js");
const ELEVENTY_CLI = path.join(PROJECT, "node_modules", "@11ty", "eleventy", "cmd.cjs");

export interface EngineFigures extends ProcessFigures {
  runs: ProcessFigures[];
  outputFiles: number;
  outputBytes: number;
  /** Median wall milliseconds per source essay (Chinese and English). */
  msPerEssay: number;
}

export interface SizeReport {
  n: number;
  essays: number;
  corpus: ReturnType<typeof generateCorpus>["stats"];
  floor: EngineFigures;
  wenji: EngineFigures & { warmupSeconds: number };
  /** Plain Eleventy, then Pagefind's CLI over its pages: what a full build is compared with. */
  recipe: EngineFigures;
  /** A CI deploy: `.cache/` kept from the last build, `_site/` deleted. */
  deploy: EngineFigures;
  /** wenji with only the image cache warm: every page rendered, every search shard indexed. */
  full: EngineFigures;
  /** wenji's first build of the corpus, every cache empty (one run: the warm-up). */
  cold: EngineFigures;
  /** wenji after one essay's text changed since the last build: search must re-index. */
  edited: EngineFigures;
  ratio: { wall: number; cpu: number; memory: number; editedWall: number; fullWall: number; coldWall: number; deployWall: number; fullToRecipe: number };
  preview?: PreviewFigures;
}

export interface SizeOptions {
  n: number;
  runs: number;
  seed?: number;
  workdir: string;
  preview: boolean;
  log: (line: string) => void;
}

function summarize(runs: ProcessFigures[], size: { files: number; bytes: number }, essays: number): EngineFigures {
  const wallSeconds = median(runs.map((r) => r.wallSeconds));
  return {
    wallSeconds,
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    runs,
    outputFiles: size.files,
    outputBytes: size.bytes,
    msPerEssay: (wallSeconds * 1000) / essays,
  };
}

/** Removes the output and every cache but the images' (`.cache/images/`). */
async function forgetAllButImages(root: string): Promise<void> {
  await rm(path.join(root, "_site"), { recursive: true, force: true });
  const cache = path.join(root, ".cache");
  for (const entry of await readdir(cache).catch(() => [] as string[])) {
    if (entry !== "images") await rm(path.join(cache, entry), { recursive: true, force: true });
  }
}

export async function benchmarkSize(options: SizeOptions): Promise<SizeReport> {
  const { n, log } = options;
  const root = path.join(options.workdir, `corpus-${n}`);
  const floorOutput = path.join(options.workdir, `floor-${n}`);
  const recipeOutput = path.join(options.workdir, `recipe-${n}`);
  const wenjiOutput = path.join(root, "_site");
  const corpus = generateCorpus({ essays: n, seed: options.seed });
  await writeCorpusSite(root, corpus, { project: PROJECT });
  const essays = corpus.stats.zh + corpus.stats.en;
  log(`N=${n}: corpus of ${corpus.stats.zh} zh + ${corpus.stats.en} en essays (${corpus.stats.images} images, ${corpus.stats.tags} tags) in ${root}`);

  const floor: Command = { args: [process.execPath, ELEVENTY_CLI, `--config=${FLOOR_CONFIG}`, `--output=${floorOutput}`, "--quiet"], cwd: root };
  const recipe: Command = {
    args: ["sh", "-c", '"$0" "$1" --config="$2" --output="$3" --quiet && "$4" --site "$3" --silent', process.execPath, ELEVENTY_CLI, FLOOR_CONFIG, recipeOutput, pagefindBinary()],
    cwd: root,
  };
  // As an author builds: npm, then the package check, then the build.
  const wenji: Command = { args: [npmCommand(), "run", "--silent", "build"], cwd: root };

  // The warm-up fills wenji's caches (images, renders, search, pages) as an author's next
  // build finds them; the corpus folder is new, so it is also the cold build's figure.
  const warmup = await runMeasured(wenji);
  const cold = summarize([warmup], await folderSize(wenjiOutput), essays);
  log(`N=${n}: wenji warm-up build ${warmup.wallSeconds.toFixed(2)} s`);

  const floorRuns: ProcessFigures[] = [];
  const recipeRuns: ProcessFigures[] = [];
  const wenjiRuns: ProcessFigures[] = [];
  const deployRuns: ProcessFigures[] = [];
  for (let run = 1; run <= options.runs; run++) {
    // Interleave the builds so drift in the machine's load touches all alike.
    await rm(floorOutput, { recursive: true, force: true });
    const f = await runMeasured(floor);
    floorRuns.push(f);
    await rm(recipeOutput, { recursive: true, force: true });
    const r = await runMeasured(recipe);
    recipeRuns.push(r);
    const w = await runMeasured(wenji);
    wenjiRuns.push(w);
    await rm(wenjiOutput, { recursive: true, force: true });
    const d = await runMeasured(wenji);
    deployRuns.push(d);
    log(`N=${n}: run ${run}/${options.runs}: floor ${f.wallSeconds.toFixed(2)} s, recipe ${r.wallSeconds.toFixed(2)} s, wenji unchanged ${w.wallSeconds.toFixed(2)} s, deploy ${d.wallSeconds.toFixed(2)} s`);
  }
  const floorFigures = summarize(floorRuns, await folderSize(floorOutput), essays);
  const recipeFigures = summarize(recipeRuns, await folderSize(recipeOutput), essays);
  const wenjiFigures = { ...summarize(wenjiRuns, await folderSize(wenjiOutput), essays), warmupSeconds: warmup.wallSeconds };
  const deployFigures = summarize(deployRuns, await folderSize(wenjiOutput), essays);

  /** wenji in `options.runs` fresh processes, each after `prepare(run)`. */
  const measureRepeatedly = async (what: string, prepare: (run: number) => Promise<unknown>): Promise<ProcessFigures[]> => {
    const runs: ProcessFigures[] = [];
    for (let run = 1; run <= options.runs; run++) {
      await prepare(run);
      const figures = await runMeasured(wenji);
      runs.push(figures);
      log(`N=${n}: run ${run}/${options.runs}: ${what} ${figures.wallSeconds.toFixed(2)} s`);
    }
    return runs;
  };

  // The build an author runs after writing: one essay's text differs from the last build, so
  // everything cached by content (rendered essays, search index) is redone for it.
  const essayFile = path.join(root, corpus.editable);
  const original = await readFile(essayFile, "utf8");
  const editedRuns = await measureRepeatedly("wenji after one edit", (run) => writeFile(essayFile, `${original}\n改过的第 ${run} 句：${Date.now()}。\n`)).finally(() =>
    writeFile(essayFile, original),
  );
  const editedFigures = summarize(editedRuns, await folderSize(wenjiOutput), essays);

  // A full build as the issue defines it: only the image cache warm. Everything else wenji
  // keeps between builds (rendered essays, search shards, the previous pages) is removed first.
  const fullRuns = await measureRepeatedly("wenji full build (image cache only)", () => forgetAllButImages(root));
  const fullFigures = summarize(fullRuns, await folderSize(wenjiOutput), essays);

  let preview: PreviewFigures | undefined;
  if (options.preview) {
    const slug = path.basename(corpus.editable, ".md");
    preview = await timePreviewRebuild({ project: PROJECT, root, essay: corpus.editable, page: `posts/${slug}/index.html` });
    log(`N=${n}: preview rebuild after one edit ${preview.rebuilds.map((s) => s.toFixed(2)).join(", ")} s`);
  }
  await rm(floorOutput, { recursive: true, force: true });
  await rm(recipeOutput, { recursive: true, force: true });

  return {
    n,
    essays,
    corpus: corpus.stats,
    floor: floorFigures,
    recipe: recipeFigures,
    wenji: wenjiFigures,
    deploy: deployFigures,
    edited: editedFigures,
    full: fullFigures,
    cold,
    ratio: {
      fullWall: fullFigures.wallSeconds / floorFigures.wallSeconds,
      fullToRecipe: fullFigures.wallSeconds / recipeFigures.wallSeconds,
      deployWall: deployFigures.wallSeconds / floorFigures.wallSeconds,
      coldWall: cold.wallSeconds / floorFigures.wallSeconds,
      editedWall: editedFigures.wallSeconds / floorFigures.wallSeconds,
      wall: wenjiFigures.wallSeconds / floorFigures.wallSeconds,
      cpu: wenjiFigures.cpuSeconds / floorFigures.cpuSeconds,
      memory: wenjiFigures.peakRssMb / floorFigures.peakRssMb,
    },
    preview,
  };
}

function npmCommand(): string {
  return process.platform === "win32" ? "npm.cmd" : "npm";
}
