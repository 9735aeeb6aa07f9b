/** The typography linter as a check source; `lib/lint` plugs in here once it lands on main. */
import type { LintSource } from "./index.ts";

export async function typographyLint(_root: string): Promise<LintSource | undefined> {
  return undefined;
}
