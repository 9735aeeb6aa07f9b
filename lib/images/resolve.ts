/**
 * Where an image reference points: a file of the project (relative to the essay's own folder,
 * so a page bundle's images serve every translation; `/...` from the site root or Hugo's
 * `static/`), a remote URL, or something left alone (`data:` URIs).
 */
import { stat } from "node:fs/promises";
import path from "node:path";

export type ImageReference =
  | { kind: "local"; file: string }
  | { kind: "missing"; looked: string[] }
  | { kind: "remote"; url: string }
  | { kind: "inline" };

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

function decodePath(src: string): string {
  const bare = src.split(/[?#]/)[0];
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

export interface ResolveContext {
  root: string;
  /** The essay's folder relative to the root (`posts` or `posts/<bundle>`). */
  dir: string;
  /** PaperMod's `cover.relative: false`: a cover path may also be relative to the site root. */
  coverFromRoot?: boolean;
}

export async function resolveImage(src: string, context: ResolveContext): Promise<ImageReference> {
  const trimmed = src.trim();
  if (/^data:/i.test(trimmed)) return { kind: "inline" };
  if (trimmed.startsWith("//")) return { kind: "remote", url: `https:${trimmed}` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return { kind: "remote", url: trimmed };
  const relative = decodePath(trimmed);
  const candidates = relative.startsWith("/")
    ? [relative.slice(1), path.posix.join("static", relative.slice(1))]
    : [path.posix.join(context.dir, relative), ...(context.coverFromRoot ? [relative, path.posix.join("static", relative)] : [])];
  for (const candidate of candidates) {
    const file = path.join(context.root, candidate);
    // Never outside the project: `../../etc/passwd` is not an image of this site.
    if (path.relative(context.root, file).startsWith("..")) continue;
    if (await isFile(file)) return { kind: "local", file };
  }
  return { kind: "missing", looked: candidates };
}
