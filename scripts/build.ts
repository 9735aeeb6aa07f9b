/**
 * `npm run build`: validates every essay, builds the site into a fresh folder, and only on
 * success swaps it in for `_site/`. A failed build leaves the previous `_site/` exactly as it was.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "../lib/build.ts";
import { stopChildProcesses } from "../lib/build/signals.ts";

const { values } = parseArgs({
  options: {
    output: { type: "string", default: "_site" },
    preview: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("usage: npm run build [-- --output DIR] [--preview] [--strict] [--verbose]\n  --preview  include drafts, scheduled and expired essays, marked\n  --strict   a remote image that cannot be fetched fails the build\n  --verbose  list every file Eleventy writes, and time the build's phases");
  process.exit(0);
}

const root = process.cwd();
const result = await buildSite({ root, output: path.resolve(root, values.output!), preview: values.preview!, strict: values.strict!, quiet: !values.verbose, exitOnSignals: true });
for (const line of result.lines) (result.ok ? console.log : console.error)(line);
// A failed build may leave Pagefind running in its thread; it must not outlive the build.
stopChildProcesses();
process.exit(result.ok ? 0 : 1);
