/**
 * Where an image reference points: a file of the project (relative to the essay's own folder,
 * so a page bundle's images and the images beside a single-file essay, such as Typora's
 * `image/x.png`, serve every translation; `/...` from a bundle's published folder, the site
 * root or Hugo's `static/`), a remote URL, something left alone (`data:` URIs), or nothing at
 * all (an empty source). The import, `npm run check` and the build all ask this one function.
 */
import { stat } from "node:fs/promises";
import path from "node:path";

export type ImageReference =
  | { kind: "local"; file: string }
  | { kind: "missing"; looked: string[] }
  | { kind: "remote"; url: string }
  | { kind: "inline" }
  | { kind: "empty" };

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
  /** The source file of a site path that a page bundle publishes (`/posts/trip/a.jpg`), if any. */
  bundleFile?: (sitePath: string) => string | undefined;
}

/** Site paths of page bundles' files → their folders, from the essays' URLs: for `bundleFile`. */
export function bundleFiles(essays: { url: string; source: { bundle: boolean; dir: string } }[]): (sitePath: string) => string | undefined {
  const dirs = new Map(essays.filter((e) => e.source.bundle).map((e) => [e.url, e.source.dir]));
  return (sitePath) => {
    const slash = sitePath.lastIndexOf("/");
    const dir = dirs.get(sitePath.slice(0, slash + 1));
    return dir === undefined ? undefined : path.posix.join(dir, sitePath.slice(slash + 1));
  };
}

export async function resolveImage(src: string, context: ResolveContext): Promise<ImageReference> {
  const trimmed = src.trim();
  if (!trimmed) return { kind: "empty" };
  if (/^data:/i.test(trimmed)) return { kind: "inline" };
  if (trimmed.startsWith("//")) return { kind: "remote", url: `https:${trimmed}` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return { kind: "remote", url: trimmed };
  const relative = decodePath(trimmed);
  const published = relative.startsWith("/") ? context.bundleFile?.(relative) : undefined;
  const candidates = relative.startsWith("/")
    ? [...(published ? [published] : []), relative.slice(1), path.posix.join("static", relative.slice(1))]
    : [path.posix.join(context.dir, relative), ...(context.coverFromRoot ? [relative, path.posix.join("static", relative)] : [])];
  for (const candidate of candidates) {
    const file = path.join(context.root, candidate);
    // Never outside the project: `../../etc/passwd` is not an image of this site.
    if (path.relative(context.root, file).startsWith("..")) continue;
    if (await isFile(file)) return { kind: "local", file };
  }
  return { kind: "missing", looked: candidates };
}
