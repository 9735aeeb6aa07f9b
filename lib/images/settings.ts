/**
 * The `images` block of `_data/site.json`, and the encoding options wenji uses for every
 * image. The encoding numbers were chosen with `npm run bench:images` (see that script).
 */
import { z } from "zod";
import { isAddressRange } from "./address.ts";

export const imageSettingsSchema = z
  .object({
    /** Remote images that cannot be fetched stop the build instead of warning. */
    strict: z.boolean().default(false),
    /** Per request, for the whole download. */
    timeoutSeconds: z.number().positive().default(15),
    maxBytes: z.number().int().positive().default(25 * 1024 * 1024),
    /** Decoded pixels an image may have; a bound against decompression bombs. */
    maxPixels: z.number().int().positive().default(100_000_000),
    /**
     * Loopback, private and link-local addresses (this machine, the local network, cloud
     * metadata) are refused for remote images; these addresses or ranges ("10.1.2.3",
     * "127.0.0.0/8") are allowed anyway, e.g. an image server on the local network.
     */
    allowAddresses: z.array(z.string().refine(isAddressRange, "expected an IP address or a range such as 10.0.0.0/8")).default([]),
  })
  .prefault({});

export type ImageSettings = z.infer<typeof imageSettingsSchema>;

/** Widths of the responsive variants: phones at 1x, the 40rem column at 1x and 2x. */
export const WIDTHS = [400, 800, 1280];

/** The essay column: 42rem minus 1rem padding each side (see assets/css/wenji.css). */
export const SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/**
 * AVIF effort 2 instead of sharp's default 4 (numbers in scripts/bench-images.ts): 6x faster
 * on photos and 14x on a flat illustration, for 2-3% more bytes. Efforts 1 and 0 are faster
 * still but make flat illustrations 56-111% larger.
 */
export const ENCODING = {
  formats: ["avif", "webp", "auto"],
  avif: { effort: 2, quality: 50 },
  webp: { effort: 4, quality: 78 },
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9, palette: true },
};

/** OpenGraph link previews: 1200x630 JPEG. */
export const SOCIAL = { width: 1200, height: 630, quality: 82 };

/** The width a feed reader gets for an image (feed readers ignore `<source>`). */
export const FEED_WIDTH = 800;
