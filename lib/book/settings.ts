/**
 * The `book` block of `_data/site.json`: how `npm run book` and the build make the EPUBs.
 */
import { z } from "zod";

export const bookSettingsSchema = z
  .object({
    /** The build publishes the EPUBs and links them from the home, about and subscribe pages. */
    download: z.boolean().default(false),
    /** Chinese books in vertical writing (竖排): `writing-mode: vertical-rl`, pages turn right to left. */
    vertical: z.boolean().default(false),
    /** First-line indents instead of paragraph spacing; defaults to `typography.indent`. */
    indent: z.boolean().optional(),
    /** Chapter order: oldest first (a book's natural order), newest first, or pinned essays first. */
    order: z.enum(["oldest", "newest", "pinned"]).default("oldest"),
    /** A cover image, relative to the project root (JPEG or PNG); without one, an XHTML cover page. */
    cover: z.string().optional(),
  })
  .prefault({});

export type BookSettings = z.infer<typeof bookSettingsSchema>;
export type BookOrder = BookSettings["order"];
