/** Problems found in the author's input, reported all at once, one line each. */
import type { z } from "zod";

export type Severity = "error" | "warning";

export interface Problem {
  file: string;
  line?: number;
  severity: Severity;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const tag = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${tag}${problem.message}`;
}

/** An error whose lines are already fit to show the author; printed without a stack trace. */
export class WenjiError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "WenjiError";
  }
}

export function formatZodIssues(file: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.join(".");
    return `${file}: ${field ? `"${field}" ` : ""}${issue.message}`;
  });
}

/** Shows a value as the author wrote it: strings quoted, objects as compact JSON. */
export function showValue(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === undefined) return "nothing";
  return JSON.stringify(value);
}
