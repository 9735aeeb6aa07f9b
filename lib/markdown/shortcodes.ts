/**
 * Hugo shortcodes in essays brought over from Hugo: `figure`, `ref`/`relref` and `highlight`
 * are expanded before markdown-it sees the text; any other shortcode is a problem to report.
 * Every expansion keeps the number of lines, so lines reported later are still file lines.
 */
import { escapeHtml } from "./escape.ts";

export interface ShortcodeProblem {
  line: number;
  message: string;
}

export interface ShortcodeContext {
  /** URL of the essay a `ref`/`relref` names, or undefined when there is none. */
  resolveRef(target: string, lang: string | undefined): string | undefined;
}

export interface Expanded {
  body: string;
  problems: ShortcodeProblem[];
}

interface Call {
  name: string;
  closing: boolean;
  positional: string[];
  named: Map<string, string>;
}

// `{{< … >}}` and `{{% … %}}`, across lines; a comment-wrapped one (Hugo's escape) is written literally.
const SHORTCODE = /\{\{([<%])([\s\S]*?)([>%])\}\}/g;
const ARGUMENT = /([A-Za-z_][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g;

export const KNOWN_SHORTCODES = ["figure", "ref", "relref", "highlight"];

function parseCall(inner: string): Call | undefined {
  const text = inner.trim().replace(/\/$/, "").trim();
  const head = /^(\/?)\s*([\w.-]+)/.exec(text);
  if (!head) return undefined;
  const call: Call = { name: head[2], closing: head[1] === "/", positional: [], named: new Map() };
  const rest = text.slice(head[0].length);
  for (const m of rest.matchAll(ARGUMENT)) {
    if (m[1]) call.named.set(m[1].toLowerCase(), unquote(m[2] ?? m[3] ?? m[4] ?? ""));
    else call.positional.push(unquote(m[5] ?? m[6] ?? m[7] ?? ""));
  }
  return call;
}

function unquote(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function attr(name: string, value: string | undefined): string {
  return value ? ` ${name}="${escapeHtml(value)}"` : "";
}

/** Hugo's figure, as one line of HTML: image (optionally linked), title and caption. */
function figure(call: Call): string {
  const get = (key: string) => call.named.get(key);
  const img = `<img${attr("src", get("src"))}${get("alt") !== undefined ? ` alt="${escapeHtml(get("alt")!)}"` : ""}${attr("width", get("width"))}${attr("height", get("height"))} loading="lazy">`;
  const linked = get("link") ? `<a${attr("href", get("link"))}>${img}</a>` : img;
  const title = get("title") ? `<strong>${escapeHtml(get("title")!)}</strong>` : "";
  const caption = get("caption") ? escapeHtml(get("caption")!) : "";
  const figcaption = title || caption ? `<figcaption>${title}${title && caption ? " " : ""}${caption}</figcaption>` : "";
  return `<figure${attr("class", get("class"))}>${linked}${figcaption}</figure>`;
}

/**
 * Expands the shortcodes of one essay body. `bodyLine` is the file line of the body's first
 * line, so problems carry file lines.
 */
export function expandShortcodes(body: string, bodyLine: number, lang: string, context: ShortcodeContext): Expanded {
  const problems: ShortcodeProblem[] = [];
  if (!body.includes("{{")) return { body, problems };
  const out = body.replace(SHORTCODE, (match: string, open: string, inner: string, close: string, offset: number) => {
    const line = bodyLine - 1 + lineAt(body, offset);
    const keepLines = "\n".repeat(match.split("\n").length - 1);
    const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(inner);
    if (comment) return `{{${open}${comment[1]}${close}}}`;
    const call = parseCall(inner);
    if (!call) {
      problems.push({ line, message: `cannot read the Hugo shortcode ${JSON.stringify(match)}` });
      return match;
    }
    switch (call.name) {
      case "figure":
        if (!call.named.get("src")) problems.push({ line, message: `Hugo shortcode "figure" needs src="…"` });
        return figure(call) + keepLines;
      case "ref":
      case "relref": {
        const target = call.named.get("path") ?? call.positional[0];
        if (!target) {
          problems.push({ line, message: `Hugo shortcode "${call.name}" needs the essay it links to, e.g. {{< ${call.name} "other.md" >}}` });
          return match;
        }
        const hash = target.indexOf("#");
        const url = context.resolveRef(hash === -1 ? target : target.slice(0, hash), call.named.get("lang") ?? lang);
        if (url === undefined) {
          problems.push({ line, message: `{{< ${call.name} "${target}" >}}: no essay "${hash === -1 ? target : target.slice(0, hash)}" in posts/` });
          return match;
        }
        return url + (hash === -1 ? "" : target.slice(hash)) + keepLines;
      }
      case "highlight":
        return (call.closing ? "```" : "```" + (call.positional[0] ?? "")) + keepLines;
      default:
        // A paired shortcode is reported once, at its opening tag.
        if (call.closing) return match;
        problems.push({ line, message: `unknown Hugo shortcode "${call.name}" (wenji renders ${KNOWN_SHORTCODES.join(", ")}; replace it with Markdown or HTML)` });
        return match;
    }
  });
  return { body: out, problems };
}
