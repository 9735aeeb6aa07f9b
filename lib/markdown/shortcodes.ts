/**
 * Hugo shortcodes in essays brought over from Hugo: the built-in ones (figure, ref/relref,
 * highlight here; details, param, embeds and qr in builtin-shortcodes.ts) are expanded before
 * markdown-it sees the text; any other shortcode (the site's own, from `layouts/shortcodes/`)
 * is left as written and reported. Every expansion keeps the number of lines, so lines
 * reported later are still file lines.
 */
import { escapeHtml } from "./escape.ts";
import { details, embed, EMBEDS, qr, type Call } from "./builtin-shortcodes.ts";

export interface ShortcodeProblem {
  line: number;
  message: string;
  /** Set for a shortcode wenji does not know (a site's own): reported once per name, not per use. */
  unknown?: string;
}

export interface ShortcodeContext {
  /** URL of the essay a `ref`/`relref` names, or undefined when there is none. */
  resolveRef(target: string, lang: string | undefined): string | undefined;
  /** The value Hugo's `param` prints: the essay's front matter, else the site's params; undefined when neither has it. */
  param?(name: string): string | undefined;
}

export interface Expanded {
  body: string;
  problems: ShortcodeProblem[];
}

// `{{< … >}}` and `{{% … %}}`, across lines; a comment-wrapped one (Hugo's escape) is written literally.
const SHORTCODE = /\{\{([<%])([\s\S]*?)([>%])\}\}/g;
const ARGUMENT = /([A-Za-z_][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g;

export const KNOWN_SHORTCODES = ["figure", "ref", "relref", "highlight", "details", "param", "qr", ...EMBEDS];
// A paired `qr` encodes its inner text: expanded whole, before the tag-by-tag pass.
const PAIRED_QR = /\{\{([<%])\s*qr\b((?:(?!\}\})[\s\S])*?)[>%]\}\}([\s\S]*?)\{\{[<%]\s*\/\s*qr\s*[>%]\}\}/g;

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
  const lineOf = (offset: number) => bodyLine - 1 + lineAt(body, offset);
  const keepLines = (match: string) => "\n".repeat(match.split("\n").length - 1);
  const pairedQr = body.replace(PAIRED_QR, (match: string, _open: string, inner: string, content: string, offset: number) => {
    const call = parseCall(`qr${inner}`);
    const made = call && qr(call, content);
    if (made && "html" in made) return made.html + keepLines(match);
    problems.push({ line: lineOf(offset), message: made?.error ?? `cannot read the Hugo shortcode ${JSON.stringify(match)}` });
    return match;
  });
  // Offsets below are in the text after the qr pass, which kept every line where it was.
  const out = pairedQr.replace(SHORTCODE, (match: string, open: string, inner: string, close: string, offset: number) => {
    const line = bodyLine - 1 + lineAt(pairedQr, offset);
    const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(inner);
    if (comment) return `{{${open}${comment[1]}${close}}}`;
    const call = parseCall(inner);
    if (!call) {
      problems.push({ line, message: `cannot read the Hugo shortcode ${JSON.stringify(match)}` });
      return match;
    }
    const expanded = expandCall(call, lang, context);
    if (typeof expanded === "string") return expanded + keepLines(match);
    if (expanded.problem) problems.push({ line, ...expanded.problem });
    return match;
  });
  return { body: out, problems };
}

/** One shortcode's replacement, or the problem that leaves it as written. */
function expandCall(call: Call, lang: string, context: ShortcodeContext): string | { problem?: Omit<ShortcodeProblem, "line"> } {
  const fail = (message: string) => ({ problem: { message } });
  switch (call.name) {
    case "figure":
      return call.named.get("src") ? figure(call) : fail(`Hugo shortcode "figure" needs src="…"`);
    case "ref":
    case "relref":
      return ref(call, lang, context);
    case "highlight":
      return call.closing ? "```" : "```" + (call.positional[0] ?? "");
    case "details":
      return details(call);
    case "param": {
      const name = call.named.get("name") ?? call.positional[0];
      if (!name) return fail(`Hugo shortcode "param" needs the parameter's name, e.g. {{< param "subtitle" >}}`);
      return context.param?.(name) ?? fail(`{{< param "${name}" >}}: "${name}" is set neither in this essay's front matter nor in the site's params`);
    }
    case "qr": {
      const made = qr(call, undefined);
      return "html" in made ? made.html : fail(made.error);
    }
    default: {
      if (EMBEDS.includes(call.name)) {
        const made = embed(call);
        return "html" in made ? made.html : fail(made.error);
      }
      // A paired shortcode is reported once, at its opening tag.
      if (call.closing) return {};
      return { problem: { unknown: call.name, message: `unknown Hugo shortcode "${call.name}"` } };
    }
  }
}

function ref(call: Call, lang: string, context: ShortcodeContext): string | { problem: Omit<ShortcodeProblem, "line"> } {
  const target = call.named.get("path") ?? call.positional[0];
  if (!target) return { problem: { message: `Hugo shortcode "${call.name}" needs the essay it links to, e.g. {{< ${call.name} "other.md" >}}` } };
  const hash = target.indexOf("#");
  const url = context.resolveRef(hash === -1 ? target : target.slice(0, hash), call.named.get("lang") ?? lang);
  if (url === undefined) return { problem: { message: `{{< ${call.name} "${target}" >}}: no essay "${hash === -1 ? target : target.slice(0, hash)}" in posts/` } };
  return url + (hash === -1 ? "" : target.slice(hash));
}
