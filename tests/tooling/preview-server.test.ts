/**
 * `npm start`'s server as a stranger meets it: it listens on 127.0.0.1 only unless --host says
 * otherwise, and paths with encoded separators or overlong UTF-8 get an answer, not silence.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";
import { makeFixtureRoot } from "../helpers/site.ts";
import { startPreview } from "../helpers/preview.ts";

/** Raw request, so the path goes out exactly as written. */
function rawGet(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (d) => (text += d));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => {
      socket.destroy();
      resolve(-1);
    });
  });
}

/** The local addresses that listen on `port` (from /proc/net/tcp and tcp6), as hex "address:port" pairs decoded. */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const [file, v6] of [["/proc/net/tcp", false], ["/proc/net/tcp6", true]] as const) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== "0A" || !local) continue;
      const [address, hexPort] = local.split(":");
      if (parseInt(hexPort, 16) !== port) continue;
      found.push(v6 ? (/^0+$/.test(address) ? "::" : address) : address.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join("."));
    }
  }
  return found;
}

async function startFixturePreview(args: string[]) {
  const root = await makeFixtureRoot({
    posts: { "a.md": "---\ntitle: 一篇\ndate: 2024-01-01\ndraft: true\n---\n\n草稿正文。\n" },
    files: { "package.json": JSON.stringify({ type: "module" }) },
  });
  return startPreview(root, args);
}

test("npm start listens on 127.0.0.1 only, and answers 400/404 to encoded separators and overlong UTF-8", { skip: process.platform !== "linux" && "reads /proc/net" }, async () => {
  const preview = await startFixturePreview([]);
  try {
    assert.deepEqual(listeners(preview.port), ["127.0.0.1"]);
    assert.match(preview.log(), new RegExp(`Preview at http://127\\.0\\.0\\.1:${preview.port}/ \\(this machine only`));
    assert.equal(await rawGet(preview.port, "/posts/a/"), 200);
    assert.equal(await rawGet(preview.port, "/posts%2fa/"), 404);
    assert.equal(await rawGet(preview.port, "/%2e%2e%2f%2e%2e%2fetc/passwd"), 404);
    assert.equal(await rawGet(preview.port, "/%c0%af"), 400);
    assert.equal(await rawGet(preview.port, "/%e4%b8"), 400);
    assert.equal(await rawGet(preview.port, "/posts/a/"), 200, "still serving");
    assert.doesNotMatch(preview.log(), /Unhandled|URIError|\n\s+at /);
  } finally {
    await preview.stop();
  }
});

test("npm start -- --host 0.0.0.0 shares the preview on purpose, and says so", { skip: process.platform !== "linux" && "reads /proc/net" }, async () => {
  const preview = await startFixturePreview(["--host", "0.0.0.0"]);
  try {
    assert.deepEqual(listeners(preview.port), ["0.0.0.0"]);
    assert.match(preview.log(), /shared on the network: drafts included/);
  } finally {
    await preview.stop();
  }
});
