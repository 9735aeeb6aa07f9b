/**
 * A Hugo site's configuration, read and merged as Hugo does: the project file (`hugo.toml`,
 * `.yaml`, `.yml` or `.json`, else `config.*`), then `config/_default/` (one file per
 * top-level key, `params.toml` → `params`, `menus.zh.toml` → `languages.zh.menus`), then
 * `config/production/`, each merged over the one before. Keys are matched case-insensitively,
 * as Hugo matches them.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { load as loadYaml, CORE_SCHEMA } from "js-yaml";
import { parse as parseToml } from "smol-toml";
import { readUtf8StrictSync } from "../files.ts";

export type Config = Record<string, unknown>;

export interface HugoConfig {
  /** The merged settings, keys lower-cased at every level. */
  config: Config;
  /** The files read, relative to the Hugo site, in merge order. */
  files: string[];
}

/** A Hugo config file that cannot be read; the message names the file. */
export class HugoConfigError extends Error {}

const FORMATS = ["toml", "yaml", "yml", "json"];

function isRecord(value: unknown): value is Config {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Lower-cases keys at every level of mappings (lists keep their items' keys lowered too). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase(), lowerKeys(inner)]));
}

/** `over` merged into `base`: mappings key by key, anything else replaced. */
export function mergeConfig(base: Config, over: Config): Config {
  const out: Config = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeConfig(current, value) : value;
  }
  return out;
}

function parseConfigFile(file: string, shown: string): Config {
  const { text } = readUtf8StrictSync(file);
  const ext = path.extname(file).slice(1).toLowerCase();
  let data: unknown;
  try {
    if (ext === "toml") data = parseToml(text);
    else if (ext === "json") data = JSON.parse(text);
    // `json: true`: a key written twice takes its last value instead of failing (real configs have them).
    else data = loadYaml(text, { schema: CORE_SCHEMA, json: true });
  } catch (error) {
    const line = (error as { line?: number; mark?: { line: number } }).line ?? (error as { mark?: { line: number } }).mark?.line;
    const where = line === undefined ? shown : `${shown}:${ext === "toml" ? line : line + 1}`;
    throw new HugoConfigError(`${where}: cannot read this ${ext.toUpperCase()} file: ${(error as Error).message.split("\n")[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (!isRecord(data)) throw new HugoConfigError(`${shown}: expected a mapping of settings`);
  return lowerKeys(data) as Config;
}

/** The settings of one `config/<environment>/` folder, each file under its key. */
function readConfigDir(hugoDir: string, dir: string, files: string[]): Config {
  let merged: Config = {};
  const names = readdirSync(path.join(hugoDir, dir)).filter((name) => FORMATS.includes(path.extname(name).slice(1).toLowerCase())).sort();
  for (const name of names) {
    const shown = `${dir}/${name}`;
    if (!statSync(path.join(hugoDir, shown)).isFile()) continue;
    const data = parseConfigFile(path.join(hugoDir, shown), shown);
    files.push(shown);
    const parts = path.basename(name, path.extname(name)).toLowerCase().split(".");
    let placed: Config;
    if (parts[0] === "hugo" || parts[0] === "config") placed = data;
    else if (parts.length === 2) placed = { languages: { [parts[1]]: { [parts[0]]: data } } };
    else placed = { [parts[0]]: data };
    merged = mergeConfig(merged, placed);
  }
  return merged;
}

export function readHugoConfig(hugoDir: string): HugoConfig {
  const files: string[] = [];
  let config: Config = {};
  for (const base of ["hugo", "config"]) {
    const name = FORMATS.map((ext) => `${base}.${ext}`).find((candidate) => existsSync(path.join(hugoDir, candidate)));
    if (!name) continue;
    config = parseConfigFile(path.join(hugoDir, name), name);
    files.push(name);
    break;
  }
  for (const env of ["config/_default", "config/production"]) {
    if (existsSync(path.join(hugoDir, env)) && statSync(path.join(hugoDir, env)).isDirectory()) config = mergeConfig(config, readConfigDir(hugoDir, env, files));
  }
  return { config, files };
}

/** A value by lower-cased path: `get(config, "params", "showtoc")`. */
export function get(config: unknown, ...keys: string[]): unknown {
  let value = config;
  for (const key of keys) {
    if (!isRecord(value)) return undefined;
    value = value[key.toLowerCase()];
  }
  return value;
}

export function getRecord(config: unknown, ...keys: string[]): Config {
  const value = get(config, ...keys);
  return isRecord(value) ? value : {};
}

export function getString(config: unknown, ...keys: string[]): string | undefined {
  const value = get(config, ...keys);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}
