/**
 * What a page shows for a remote image that could not be downloaded at build time: a visible
 * box with the alt text (or "图片" / "Image") and a link to the original address, instead of an
 * `<img>` pointing at a host the reader may not reach (raw.githubusercontent.com from the
 * mainland, a host since gone). The build's warning says so.
 */
import { escapeHtml } from "../markdown/escape.ts";
import type { Translate } from "../i18n/strings.ts";

export function missingImageHtml(url: string, alt: string, tr: Translate): string {
  const label = alt.trim() ? tr("imageUnavailable.withAlt", { alt: alt.trim() }) : tr("imageUnavailable.label");
  return `<span class="image-missing"><span class="image-missing-label">${escapeHtml(label)}</span> <a href="${escapeHtml(url)}" rel="noopener">${escapeHtml(tr("imageUnavailable.link"))}</a></span>`;
}
