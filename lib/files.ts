/**
 * File-system helpers the engine's build stages and the writer's tools share: linking from
 * caches, hashing trees, and reading and writing the user's own files without losing data.
 */
import type { Hash } from "node:crypto";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/**
 * A hard link (no time, no space) from a cache or a previous output into a new output; a copy
 * where linking is not possible (another disk). Synchronous on purpose: thousands of tiny
 * metadata calls in a loop take a tenth of the time they take as promises queued on libuv's
 * four threads.
 */
export function linkOrCopySync(source: string, destination: string): void {
  try {
    linkSync(source, destination);
  } catch {
    copyFileSync(source, destination);
  }
}

/**
 * Feeds every file under `dir` (symlinks followed, sorted by path) to `hash`, each named
 * `label/relative/path` first, so a renamed or moved file changes the hash too. A missing
 * folder adds nothing. Caches use it to notice that the code or templates behind them changed.
 */
export function hashTree(hash: Hash, dir: string, label: string): void {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    hash.update(`\0${label}/${path.relative(dir, file)}\0`).update(readFileSync(file));
  }
}

/**
 * Replaces (or, with `exclusive`, creates) a user's file so that it is never left half
 * written: the bytes go to a temporary file in the same folder, are flushed to disk, and the
 * temporary file is renamed over the original (linked into place when `exclusive`, which fails
 * if the file appeared meanwhile). A replaced file keeps its permission bits. On any error the
 * temporary file is removed, the original is untouched, and the error names the file.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: { exclusive?: boolean } = {}): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.wenji-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const mode = options.exclusive ? undefined : statSync(file, { throwIfNoEntry: false })?.mode;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "wx", mode === undefined ? 0o666 : mode & 0o7777);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.exclusive) {
      linkSync(temporary, file);
      unlinkSync(temporary);
    } else {
      renameSync(temporary, file);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    throw new FileWriteError(file, reason, { cause: error });
  }
}

/** A user's file could not be written; the file is as it was. */
export class FileWriteError extends Error {
  constructor(readonly file: string, readonly reason: string, options?: ErrorOptions) {
    super(`${file}: could not be written (${reason}); the file is unchanged`, options);
    this.name = "FileWriteError";
  }
}

/** A text file that is not valid UTF-8, with where the first bad byte is. */
export class EncodingError extends Error {
  /** What is wrong, without the file name: for reports that name the file in their own way. */
  readonly reason: string;
  constructor(readonly file: string, readonly offset: number, readonly looksGbk: boolean) {
    const reason =
      `not valid UTF-8 at byte ${offset}` +
      (looksGbk ? " (it looks GBK-encoded: convert it with `iconv -f GBK -t UTF-8`)" : " (save it as UTF-8)");
    super(`${file}: ${reason}`);
    this.reason = reason;
    this.name = "EncodingError";
  }
}

export interface DecodedText {
  text: string;
  /** The file began with a UTF-8 byte-order mark (not part of `text`; a rewrite keeps it). */
  bom: boolean;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes a user's file as UTF-8 and refuses anything else: a silent U+FFFD in a published
 * essay or a rewritten file is data lost. The error gives the byte offset and says when the
 * bytes read as GBK, the commonest other encoding of Chinese text.
 */
export function decodeUtf8Strict(bytes: Uint8Array, file: string): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), bom };
  } catch {
    const offset = firstInvalidUtf8(body) + (bom ? 3 : 0);
    throw new EncodingError(file, offset, looksLikeGbk(body));
  }
}

/** Reads and strictly decodes a user's text file (see decodeUtf8Strict). */
export function readUtf8StrictSync(file: string): DecodedText {
  return decodeUtf8Strict(readFileSync(file), file);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const [length, min, max] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}

/** True when the bytes decode as GBK into mostly Han characters. */
function looksLikeGbk(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("gbk", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  const nonAscii = [...text].filter((c) => c.codePointAt(0)! > 0x7f);
  const han = nonAscii.filter((c) => /\p{Script=Han}|[\u3000-\u303f\uff00-\uffef]/u.test(c));
  return nonAscii.length > 0 && han.length / nonAscii.length > 0.8;
}
