/**
 * The mermaid script that draws ```` ```mermaid ```` diagrams: copied at build time from the
 * installed package into the site (no CDN), and loaded only by pages that show a diagram
 * (the essay template checks `hasMermaid`). Without it the diagram's source stays readable.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/** Site path of the vendored script, as the essay template links it. */
export const MERMAID_SCRIPT = "/assets/vendor/mermaid.min.js";

/** Copies mermaid's self-contained browser build (5.5 MB, one file) into the output folder. */
export async function copyMermaid(output: string): Promise<void> {
  const source = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
  const target = path.join(output, MERMAID_SCRIPT);
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(source, target);
}
