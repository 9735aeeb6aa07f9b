/** Looks up UI strings by dotted key and fills `{name}` placeholders. */
import type { Strings } from "../content/settings.ts";

export function lookup(strings: Strings, key: string): string {
  let node: string | Strings | undefined = strings;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`missing UI string "${key}"`);
  return node;
}

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** A bound translator for one language: `t("readingTime", { n: 3 })`. */
export function translator(strings: Strings) {
  return (key: string, vars: Record<string, string | number> = {}) => fill(lookup(strings, key), vars);
}

export type Translate = ReturnType<typeof translator>;
