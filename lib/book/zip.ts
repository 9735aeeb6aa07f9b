/**
 * The EPUB container: a zip with `mimetype` first and stored (the OCF rule reading systems
 * sniff), every other file in the given order, one fixed timestamp. fflate: no dependencies,
 * synchronous, maintained, and it writes no extra fields or host-dependent attributes, so the
 * same files make the same bytes on every machine.
 */
import { zipSync, type Zippable } from "fflate";

export interface ZipEntry {
  path: string;
  data: Uint8Array | string;
  /** Already compressed (JPEG, PNG): stored, not deflated again. */
  store?: boolean;
}

const encoder = new TextEncoder();

/**
 * fflate writes DOS times from a Date's local fields: a Date whose local fields are the UTC
 * fields of `time` gives the same bytes in every time zone.
 */
function localDate(time: Date): Date {
  return new Date(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate(), time.getUTCHours(), time.getUTCMinutes(), time.getUTCSeconds());
}

export function epubZip(entries: ZipEntry[], modified: Date): Uint8Array {
  const mtime = localDate(modified < new Date(Date.UTC(1980, 0, 1)) ? new Date(Date.UTC(1980, 0, 1)) : modified);
  const files: Zippable = { mimetype: [encoder.encode("application/epub+zip"), { level: 0, mtime }] };
  for (const entry of entries) {
    const bytes = typeof entry.data === "string" ? encoder.encode(entry.data) : entry.data;
    files[entry.path] = [bytes, { level: entry.store ? 0 : 6, mtime }];
  }
  return zipSync(files, { mtime });
}
