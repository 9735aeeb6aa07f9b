/** Which essays a build publishes: drafts, scheduled and expired essays are left out. */
import type { DateTime } from "luxon";
import type { FrontMatter } from "./schema.ts";

export type PublishStatus = "published" | "draft" | "future" | "expired";

export function publishStatus(fm: FrontMatter, now: DateTime): PublishStatus {
  if (fm.draft) return "draft";
  const publishAt = fm.publishDate ?? fm.date;
  if (publishAt > now) return "future";
  if (fm.expiryDate && fm.expiryDate <= now) return "expired";
  return "published";
}

const REASONS: Record<Exclude<PublishStatus, "published">, string> = {
  draft: "draft",
  future: "dated in the future",
  expired: "past expiryDate",
};

/** "left out 3 essays: 1 draft (posts/a.md), 2 dated in the future (...)". */
export function describeLeftOut(leftOut: { file: string; status: PublishStatus }[]): string | undefined {
  if (!leftOut.length) return undefined;
  const groups = new Map<string, string[]>();
  for (const { file, status } of leftOut) {
    if (status === "published") continue;
    const reason = REASONS[status];
    groups.set(reason, [...(groups.get(reason) ?? []), file]);
  }
  const parts = [...groups].map(([reason, files]) => `${files.length} ${reason} (${files.join(", ")})`);
  return `left out ${leftOut.length} essay${leftOut.length === 1 ? "" : "s"}: ${parts.join("; ")}`;
}
