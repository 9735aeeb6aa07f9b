/** Writing a book to disk: beside the target first, then renamed, so a reader never sees half a file. */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeBookFile(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
