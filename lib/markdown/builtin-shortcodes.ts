/**
 * Hugo's built-in shortcodes beyond figure, ref and highlight. Embeds (YouTube, Vimeo, X,
 * gist, Instagram) become a plain link to the post: no third-party script, iframe or image
 * loads until the reader follows it. `qr` is an inline SVG made at build time; `details` is
 * the HTML element. Each expansion is one line, so later lines keep their file numbers.
 */
import { renderSVG } from "uqr";
import { escapeHtml } from "./escape.ts";

export interface Call {
  name: string;
  closing: boolean;
  positional: string[];
  named: Map<string, string>;
}

/** A named argument, else the positional one at `index` (Hugo accepts both for most). */
export function arg(call: Call, name: string, index?: number): string | undefined {
  return call.named.get(name) ?? (index === undefined ? undefined : call.positional[index]);
}

function link(kind: string, href: string, label: string): string {
  return `<a class="embed embed-${kind}" href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

/** The link an embed becomes, or an error message when the call lacks what names the post. */
export function embed(call: Call): { html: string } | { error: string } {
  const title = call.named.get("title");
  const id = arg(call, "id", 0);
  switch (call.name) {
    case "youtube":
      if (!id) return { error: `Hugo shortcode "youtube" needs the video's id, e.g. {{< youtube id="0RKpf3rK57I" >}}` };
      return { html: link("youtube", `https://www.youtube.com/watch?v=${encodeURIComponent(id)}${start(call)}`, `▶ YouTube: ${title ?? id}`) };
    case "vimeo":
      if (!id) return { error: `Hugo shortcode "vimeo" needs the video's id, e.g. {{< vimeo id="55073825" >}}` };
      return { html: link("vimeo", `https://vimeo.com/${encodeURIComponent(id)}`, `▶ Vimeo: ${title ?? id}`) };
    case "x":
    case "tweet": {
      const user = call.named.get("user");
      const post = call.named.get("id") ?? call.positional[call.positional.length - 1];
      if (!post) return { error: `Hugo shortcode "${call.name}" needs the post's id, e.g. {{< ${call.name} user="user" id="1453110110599868418" >}}` };
      const href = user ? `https://x.com/${encodeURIComponent(user)}/status/${encodeURIComponent(post)}` : `https://x.com/i/status/${encodeURIComponent(post)}`;
      return { html: link("x", href, `X: ${user ? `@${user}` : post}`) };
    }
    case "gist": {
      const user = arg(call, "user", 0);
      const gist = arg(call, "id", 1);
      const file = arg(call, "file", 2);
      if (!user || !gist) return { error: `Hugo shortcode "gist" needs a user and a gist id, e.g. {{< gist user 23932424365401ffa5e9d9810102a477 >}}` };
      const anchor = file ? `#file-${file.replace(/[^\w-]/g, "-").toLowerCase()}` : "";
      return { html: link("gist", `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(gist)}${anchor}`, `GitHub Gist: ${file ?? `${user}/${gist}`}`) };
    }
    case "instagram":
      if (!id) return { error: `Hugo shortcode "instagram" needs the post's id, e.g. {{< instagram CxOWiQNP2MO >}}` };
      return { html: link("instagram", `https://www.instagram.com/p/${encodeURIComponent(id)}/`, `Instagram: ${title ?? id}`) };
    default:
      return { error: `"${call.name}" is not an embed` };
  }
}

function start(call: Call): string {
  const seconds = call.named.get("start");
  return seconds && /^\d+$/.test(seconds) ? `&t=${seconds}s` : "";
}

export const EMBEDS = ["youtube", "vimeo", "x", "tweet", "gist", "instagram"];

const ECC_LEVELS: Record<string, "L" | "M" | "Q" | "H"> = { low: "L", medium: "M", quartile: "Q", high: "H" };

/** Hugo's `qr`: the text (argument or inner content) as an inline SVG QR code, made at build time. */
export function qr(call: Call, inner: string | undefined): { html: string } | { error: string } {
  const text = (call.named.get("text") ?? inner ?? "").trim();
  if (!text) return { error: `Hugo shortcode "qr" needs the text to encode, e.g. {{< qr text="https://example.org/" />}}` };
  const ecc = ECC_LEVELS[(call.named.get("level") ?? "medium").toLowerCase()] ?? "M";
  const scale = Number(call.named.get("scale") ?? 4);
  let svg: string;
  try {
    svg = renderSVG(text, { ecc, pixelSize: Number.isFinite(scale) && scale > 0 ? scale : 4 });
  } catch (error) {
    return { error: `Hugo shortcode "qr" cannot encode ${JSON.stringify(text.slice(0, 40))}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const label = call.named.get("alt") ?? `QR: ${text}`;
  const classes = ["qr", call.named.get("class")].filter(Boolean).join(" ");
  const title = call.named.get("title");
  return { html: svg.replace("<svg ", `<svg class="${escapeHtml(classes)}" role="img" aria-label="${escapeHtml(label)}"${title ? ` data-title="${escapeHtml(title)}"` : ""} `) };
}

/**
 * Hugo's `details` as the HTML element. Each tag sits after an empty HTML comment: a comment
 * ends its HTML block on its own line, so the content between the tags is still Markdown even
 * without blank lines around it, and no line is added.
 */
export function details(call: Call): string {
  if (call.closing) return "<!-- --></details>";
  const open = ["true", "1"].includes((call.named.get("open") ?? "").toLowerCase()) ? " open" : "";
  const cls = call.named.get("class") ? ` class="${escapeHtml(call.named.get("class")!)}"` : "";
  const name = call.named.get("name") ? ` name="${escapeHtml(call.named.get("name")!)}"` : "";
  const summary = call.named.get("summary") ?? "Details";
  return `<!-- --><details${cls}${name}${open}><summary>${escapeHtml(summary)}</summary>`;
}
