/**
 * The Hugo fixture blog (tests/fixtures/hugo-blog): the URL shapes Hugo's own output is compared
 * with, and the front-matter shapes the importer repairs (content/posts/shapes/).
 */
import path from "node:path";
import { PROJECT } from "./site.ts";

export const HUGO_BLOG = path.join(PROJECT, "tests", "fixtures", "hugo-blog");

/** The URL settings the importer is expected to write for one variant of the fixture's config. */
export interface HugoUrlSettings {
  permalinks: Record<string, string>;
  disablePathToLower: boolean;
  defaultLanguageInSubdir?: boolean;
}
