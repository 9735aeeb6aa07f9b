/**
 * Full-text search with no server: Pagefind indexes the built pages into static files that
 * the search page loads in the browser. The npm package's platform binary is Pagefind's
 * extended build, which segments Chinese text into words. Only essay bodies are indexed
 * (they carry `data-pagefind-body`; `searchHidden` essays do not), one index per `<html lang>`.
 */
import path from "node:path";
import * as pagefind from "pagefind";
import { WenjiError } from "../content/problems.ts";

export interface SearchIndexResult {
  /** Pages with indexed content (essay bodies). */
  pages: number;
}

export async function buildSearchIndex(output: string): Promise<SearchIndexResult> {
  const fail = (what: string, errors: string[]) => new WenjiError([`[wenji] search: ${what}: ${errors.join("; ")}`]);
  const created = await pagefind.createIndex({});
  if (!created.index) throw fail("Pagefind could not start", created.errors);
  try {
    const added = await created.index.addDirectory({ path: output });
    if (added.errors.length) throw fail(`Pagefind could not index ${output}`, added.errors);
    const written = await created.index.writeFiles({ outputPath: path.join(output, "pagefind") });
    if (written.errors.length) throw fail("Pagefind could not write its index", written.errors);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
