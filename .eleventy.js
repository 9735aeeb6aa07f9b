// Thin shim: Eleventy reads this file; the configuration lives in TypeScript under lib/.
import { register } from "tsx/esm/api";

register();
const { default: wenji } = await import("./lib/eleventy.config.ts");

export default wenji;
