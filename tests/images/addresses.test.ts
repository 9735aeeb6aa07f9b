import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import net from "node:net";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { buildFixture } from "../helpers/site.ts";
import { captureLog, solid, startImageServer } from "./helpers.ts";
import { nonPublicKind } from "../../lib/images/address.ts";

const front = (title: string) => `---\ntitle: "${title}"\ndate: 2025-03-01\n---\n\n`;

/** Records every address a socket of this process connects to, and refuses non-loopback ones: no traffic leaves the machine. */
function watchConnections(): { targets: string[]; restore: () => void } {
  const targets: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect passes its arguments normalized, as one array.
    const first = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const options = first[0] as { host?: string; port?: number } | number;
    const host = typeof options === "object" && options !== null ? String(options.host ?? "") : String(first[1] ?? "");
    targets.push(host);
    if (!/^(127\.|localhost$|::1$)/.test(host)) throw new Error(`test: refused to connect to ${host}`);
    return Reflect.apply(original, this, args) as net.Socket;
  } as typeof original;
  return { targets, restore: () => void (net.Socket.prototype.connect = original) };
}

test("address kinds: loopback, private, link-local, metadata, mapped IPv6 are not public; public ones are", () => {
  for (const address of ["127.0.0.1", "10.0.0.1", "172.20.1.1", "192.168.1.1", "169.254.169.254", "100.100.100.200", "0.0.0.0", "::1", "fd00:ec2::254", "fe80::1", "::ffff:7f00:1", "::ffff:169.254.169.254"]) {
    assert.ok(nonPublicKind(address), address);
  }
  for (const address of ["93.184.216.34", "1.1.1.1", "2606:4700::1111", "172.32.0.1"]) assert.equal(nonPublicKind(address), undefined, address);
});

test("remote images on private addresses are refused by default, also when a name resolves to one", async (t) => {
  const server = await startImageServer({
    "/photo.jpg": { type: "image/jpeg", body: await solid(300, 200, "#4a7") },
  });
  t.after(() => server.close());
  const port = new URL(server.origin).port;
  const watch = watchConnections();
  t.after(() => watch.restore());
  const posts = {
    "literal.md": `${front("literal")}![直接](http://10.0.0.1/x.png)\n`,
    "named.md": `${front("named")}![名字](http://localhost:${port}/photo.jpg)\n`,
  };
  const { value: site, lines } = await captureLog(() => buildFixture({ posts }));
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  const all = lines.join("\n");
  assert.match(all, /posts\/literal\.md:\d+: warning: image http:\/\/10\.0\.0\.1\/x\.png is on 10\.0\.0\.1, a private address \(add it to images\.allowAddresses/);
  assert.match(all, new RegExp(`posts/named\\.md:\\d+: warning: image http://localhost:${port}/photo\\.jpg resolves to (127\\.0\\.0\\.1|::1), a loopback address`));
  assert.equal(server.hits.get("/photo.jpg") ?? 0, 0, "the loopback server was never asked");
  assert.ok(!watch.targets.includes("10.0.0.1"));
});

test("a redirect to a metadata or private address is refused before any connection to it; allowAddresses lets 127.0.0.1 through", async (t) => {
  const server = await startImageServer({ "/photo.jpg": { type: "image/jpeg", body: await solid(300, 200, "#4a7") } });
  t.after(() => server.close());
  // Redirects are served by a second tiny server on 127.0.0.1.
  const redirector = createServer((request, response) => {
    const to = request.url === "/meta.png" ? "http://169.254.169.254/latest/meta-data/x.png" : request.url === "/ten.png" ? "http://10.0.0.1/x.png" : `${server.origin}/photo.jpg`;
    response.writeHead(302, { location: to }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  const redirects = { origin: `http://127.0.0.1:${(redirector.address() as net.AddressInfo).port}`, close: () => redirector.close() };
  t.after(() => redirects.close());
  const watch = watchConnections();
  t.after(() => watch.restore());
  const posts = {
    "meta.md": `${front("meta")}![元数据](${redirects.origin}/meta.png)\n`,
    "ten.md": `${front("ten")}![内网](${redirects.origin}/ten.png)\n`,
    "fine.md": `${front("fine")}![好](${redirects.origin}/fine.png)\n`,
  };
  const { value: site, lines } = await captureLog(() => buildFixture({ posts, site: { images: { allowAddresses: ["127.0.0.0/8"] } } }));
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  const all = lines.join("\n");
  assert.match(all, /posts\/meta\.md:\d+: warning: image http:\/\/127\.0\.0\.1:\d+\/meta\.png redirects to http:\/\/169\.254\.169\.254\/latest\/meta-data\/x\.png, on 169\.254\.169\.254, a link-local \(cloud metadata\) address/);
  assert.match(all, /posts\/ten\.md:\d+: warning: image http:\/\/127\.0\.0\.1:\d+\/ten\.png redirects to http:\/\/10\.0\.0\.1\/x\.png, on 10\.0\.0\.1, a private address/);
  assert.deepEqual(watch.targets.filter((host) => !host.startsWith("127.")), [], "no connection left 127.0.0.1");
  assert.equal(server.hits.get("/photo.jpg"), 1, "the allowed redirect was followed");
  assert.ok((await site.page("/posts/fine/")).querySelector("picture"), "the allowed image was optimized");
});

const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert('onload')">
<script>alert(document.domain)</script>
<rect width="120" height="80" fill="#c33"/>
<a xlink:href="javascript:alert(2)"><text x="10" y="40">x</text></a>
<image href="http://169.254.169.254/latest/meta-data/x.png" width="10" height="10"/>
</svg>`;

test("a remote SVG is rasterized: no script, handler or javascript: URL reaches the site; a local SVG stays as written", async (t) => {
  const server = await startImageServer({ "/hostile.svg": { type: "image/svg+xml", body: HOSTILE_SVG } });
  t.after(() => server.close());
  const watch = watchConnections();
  t.after(() => watch.restore());
  const posts = {
    "remote.md": `${front("remote")}![远程矢量](${server.origin}/hostile.svg)\n`,
    "local.md": `${front("local")}![本地矢量](drawing.svg)\n`,
    "drawing.svg": HOSTILE_SVG.replace("#c33", "#3c3"),
  };
  const { value: site } = await captureLog(() => buildFixture({ posts, site: { images: { allowAddresses: ["127.0.0.0/8"] } } }));
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  assert.equal(server.hits.get("/hostile.svg"), 1);
  const remote = (await site.page("/posts/remote/")).querySelector("picture img")!.getAttribute("src")!;
  assert.match(remote, /^\/img\/[\w-]+\.png$/, "a PNG, not an SVG");
  const served = (await readdir(path.join(site.output, "img"))).map((name) => [name, readFileSync(path.join(site.output, "img", name))] as const);
  const svgs = served.filter(([, bytes]) => bytes.includes("<svg"));
  assert.equal(svgs.length, 1, "only the author's own SVG is served as SVG");
  assert.ok(svgs[0][1].includes("#3c3"), "and it is the local one, as written");
  assert.deepEqual(watch.targets.filter((host) => !host.startsWith("127.")), [], "rendering loaded nothing external");
});
