/**
 * The benchmark's table and its verdict on the targets.
 */
import type { SizeReport } from "./run.ts";

export const TARGETS = {
  /** A CI deploy (`.cache/` kept, `_site/` deleted) over the floor. */
  deploy: 1.5,
  /** `npm run build` with nothing changed over the floor. */
  unchanged: 1.2,
  /** A full build (only images cached) over the Eleventy + Pagefind recipe. */
  fullToRecipe: 1.3,
  peakMemoryMb: 1024,
  /** Per-essay time at 4,000 over that at 1,000. */
  linearity: 1.2,
  previewRebuildSeconds: 1,
};

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
}

export function formatTable(reports: SizeReport[]): string {
  const header = ["N (zh+en)", "engine", "wall s", "cpu s", "peak MB", "ms/essay", "files", "output MB", "ratio", "preview edit s"];
  const rows: string[][] = [];
  for (const r of reports) {
    const label = `${r.n} (${r.essays})`;
    const engines = [
      ["floor", r.floor, ""],
      ["recipe: floor + Pagefind", r.recipe, ""],
      ["wenji, nothing changed", r.wenji, `${r.ratio.wall.toFixed(2)}x floor`],
      ["wenji, CI deploy", r.deploy, `${r.ratio.deployWall.toFixed(2)}x floor`],
      ["wenji, 1 essay edited", r.edited, `${r.ratio.editedWall.toFixed(2)}x floor`],
      ["wenji, full build", r.full, `${r.ratio.fullToRecipe.toFixed(2)}x recipe`],
      ["wenji, cold caches", r.cold, `${r.ratio.coldWall.toFixed(2)}x floor`],
    ] as const;
    for (const [engine, f, ratio] of engines) {
      rows.push([
        engine === "floor" ? label : "",
        engine,
        f.wallSeconds.toFixed(2),
        f.cpuSeconds.toFixed(2),
        f.peakRssMb.toFixed(0),
        f.msPerEssay.toFixed(2),
        String(f.outputFiles),
        (f.outputBytes / 1024 / 1024).toFixed(1),
        ratio,
        engine === "wenji, nothing changed" && r.preview ? `${r.preview.rebuildSeconds.toFixed(2)} (page ${r.preview.pageSeconds.toFixed(2)})` : "",
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const notes = [
    "floor: plain Eleventy 3 over the same essays with a minimal HTML wrapper; recipe: the floor, then Pagefind's CLI (extended, for Chinese) over its pages.",
    "Every wenji row is `npm run build` in the corpus folder, as an author runs it (npm, the package check, the build).",
    "wenji, nothing changed: the same corpus built again (every page linked from the previous build; caches warm).",
    "wenji, CI deploy: `.cache/` kept from the previous build, `_site/` deleted, as a deploy workflow that caches `.cache/` builds.",
    "wenji, 1 essay edited: one essay's text changed since the last build: its pages, lists and search shard are redone.",
    "wenji, full build: only the image cache kept (no previous output, renders or search index): every page and shard is built.",
    "wenji, cold caches: the first build of a new corpus folder (one run): every essay rendered, image and search index built.",
    "preview edit s: saving one essay under `npm start` until the rebuild ends and the browser reloads (page: until that page is on disk).",
    "peak MB: the largest sum over the build's processes (Node and Pagefind), sampled every 50 ms.",
  ];
  return [pad(header, widths), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((row) => pad(row, widths)), "", ...notes].join("\n");
}

export interface Verdict {
  target: string;
  measured: string;
  ok: boolean;
}

/** The targets (issue 22), for whichever sizes this run measured. */
export function verdicts(reports: SizeReport[]): Verdict[] {
  const out: Verdict[] = [];
  for (const r of reports.filter((report) => report.n === 1000 || report.n === 4000)) {
    const at = `at N=${r.n}`;
    out.push({ target: `CI deploy ≤ ${TARGETS.deploy}x the floor ${at}`, measured: `${r.ratio.deployWall.toFixed(2)}x`, ok: r.ratio.deployWall <= TARGETS.deploy });
    out.push({ target: `nothing changed ≤ ${TARGETS.unchanged}x the floor ${at}`, measured: `${r.ratio.wall.toFixed(2)}x`, ok: r.ratio.wall <= TARGETS.unchanged });
    out.push({ target: `full build ≤ ${TARGETS.fullToRecipe}x the Eleventy + Pagefind recipe ${at}`, measured: `${r.ratio.fullToRecipe.toFixed(2)}x`, ok: r.ratio.fullToRecipe <= TARGETS.fullToRecipe });
  }
  const big = reports.find((r) => r.n === 4000);
  if (big) {
    for (const [what, figures] of [["nothing changed", big.wenji], ["CI deploy", big.deploy], ["one essay edited", big.edited], ["full build", big.full]] as const) {
      out.push({ target: `peak memory ≤ ${TARGETS.peakMemoryMb} MB at N=4000, ${what}`, measured: `${figures.peakRssMb.toFixed(0)} MB`, ok: figures.peakRssMb <= TARGETS.peakMemoryMb });
    }
  }
  const base = reports.find((r) => r.n === 1000);
  if (base && big) {
    for (const [what, key] of [["full build", "full"], ["nothing changed", "wenji"], ["one essay edited", "edited"]] as const) {
      const growth = big[key].msPerEssay / base[key].msPerEssay;
      out.push({ target: `time per essay at N=4000 ≤ ${TARGETS.linearity}x that at N=1000, ${what}`, measured: `${growth.toFixed(2)}x (${big[key].msPerEssay.toFixed(2)} vs ${base[key].msPerEssay.toFixed(2)} ms)`, ok: growth <= TARGETS.linearity });
    }
  }
  if (base?.preview) {
    out.push({ target: `preview rebuild after one edit < ${TARGETS.previewRebuildSeconds} s at N=1000`, measured: `${base.preview.rebuildSeconds.toFixed(2)} s to the reload`, ok: base.preview.rebuildSeconds < TARGETS.previewRebuildSeconds });
  }
  const huge = reports.find((r) => r.n === 20000);
  if (huge) {
    // Reaching the report at all means every build exited 0 with Node's default heap.
    out.push({ target: "N=20000 builds with Node's default memory settings", measured: `cold ${huge.cold.wallSeconds.toFixed(1)} s, ${huge.cold.peakRssMb.toFixed(0)} MB; full ${huge.full.wallSeconds.toFixed(1)} s, ${huge.full.peakRssMb.toFixed(0)} MB; unchanged ${huge.wenji.wallSeconds.toFixed(1)} s, ${huge.wenji.peakRssMb.toFixed(0)} MB; one edit ${huge.edited.wallSeconds.toFixed(1)} s, ${huge.edited.peakRssMb.toFixed(0)} MB`, ok: true });
  }
  return out;
}

export function formatVerdicts(list: Verdict[]): string {
  return list.map((v) => `${v.ok ? "PASS" : "MISS"}  ${v.target}: ${v.measured}`).join("\n");
}
