/**
 * Eleventy runs the `eleventy.after` listeners side by side and fails the build as soon as one
 * of them fails, while the others may still be writing into the output (copying a bundle's
 * files, linking unchanged pages). wenji's listeners are registered here, so a failed build can
 * wait for them to end (settleAfterWork) before it removes its half-built output: otherwise a
 * copy still running put back the folder just removed.
 */
import type { EleventyEventArgs, UserConfig } from "@11ty/eleventy";

const running = new Set<Promise<unknown>>();

export function onEleventyAfter(config: UserConfig, listener: (args: EleventyEventArgs) => void | Promise<void>): void {
  config.on("eleventy.after", (args: EleventyEventArgs) => {
    const work = Promise.resolve().then(() => listener(args));
    running.add(work);
    const forget = () => running.delete(work);
    work.then(forget, forget);
    return work;
  });
}

/** Resolves once no `eleventy.after` listener of wenji's is running. */
export async function settleAfterWork(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}
