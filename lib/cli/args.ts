/**
 * What every wenji command shares: `--help`, exit codes (0 clean, 1 problems, 2 usage error),
 * and errors worded for the author instead of stack traces.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { WenjiError } from "../content/problems.ts";

export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses the command line strictly; a mistake prints the message and the usage, then exits 2. */
export function parseCommand<O extends Options>(usage: string, options: O, argv = process.argv.slice(2)) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(EXIT.clean);
    }
    return parsed as { values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string }; positionals: string[] };
  } catch (error) {
    usageError((error as Error).message, usage);
  }
}

export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(EXIT.usage);
}

/** Runs a command's body: WenjiError lines (bad site settings...) are printed and exit 1. */
export async function runCommand(usage: string, body: () => Promise<number>): Promise<never> {
  try {
    process.exit(await body());
  } catch (error) {
    if (error instanceof UsageError) usageError(error.message, usage);
    if (error instanceof WenjiError) {
      for (const line of error.lines) console.error(line);
      process.exit(EXIT.problems);
    }
    console.error(`error: ${(error as Error).message}`);
    process.exit(EXIT.problems);
  }
}

/** `--format text|json`. */
export function formatOption(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format must be "text" or "json", not "${value}"`);
}
