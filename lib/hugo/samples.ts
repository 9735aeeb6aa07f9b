/**
 * wenji's own sample essays (the `posts/` a new site starts with), by path and content hash, so
 * that an import can take them out of the writer's blog: a sample file that is unchanged is
 * removed; one the writer edited is kept and listed. tests/tooling/hugo-import.test.ts fails
 * when a sample changes and this list does not (it prints the new list).
 */
import { createHash } from "node:crypto";

/** The hash of a sample file: text files without carriage returns (a Windows checkout converts line endings). */
export function sampleHash(file: string, bytes: Uint8Array): string {
  const hash = createHash("sha256");
  if (file.endsWith(".md")) hash.update(Buffer.from(bytes).toString("latin1").replace(/\r/g, ""), "latin1");
  else hash.update(bytes);
  return hash.digest("hex").slice(0, 16);
}

export const SAMPLE_POSTS: Record<string, string> = {
  "about.en.md": "99d0c43a58cc9bda",
  "about.md": "fe48632dd81c8e22",
  "draft-notes.md": "a91aa4ff7b5bbad6",
  "kaiyuan-de-jiyi.md": "d8ad97d61d567826",
  "shuyuan-zhi-lu/index.en.md": "ef5a7279aa611231",
  "shuyuan-zhi-lu/index.md": "128e77cb86bcf52c",
  "shuyuan-zhi-lu/map.png": "9bba70012cad1fda",
  "shuyuan-zhi-lu/street.jpg": "8a8136f9e7f2085a",
  "why-we-keep-copies.en.md": "c455f475bad10e40",
  "why-we-keep-copies.md": "65e6ce4f531a3e98",
  "zai-mac-shang-xiezuo.md": "5c5ad525ff25ec9a",
};
