/**
 * Which network addresses a remote image may come from. An essay's image URL is chosen by
 * whoever wrote the essay or the page it was copied from; fetched at build time, from the
 * author's machine or a CI runner, it must not reach that machine's own services, the local
 * network or a cloud metadata endpoint (169.254.169.254). Checked on the address a name
 * resolves to, at connection time, for the first request and every redirect.
 */
import { BlockList, isIP } from "node:net";

const PRIVATE_V4 = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
] as const;

const PRIVATE_V6 = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "private (unique local)"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
] as const;

/** `::ffff:a.b.c.d` and NAT64 `64:ff9b::a.b.c.d` carry an IPv4 address: that one is checked. */
function embeddedV4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Why an address is not public ("loopback", "private", ...), or undefined for a public one. */
export function nonPublicKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = isIP(bare) === 4 ? bare : embeddedV4(bare);
  const ranges = v4 ? PRIVATE_V4 : isIP(bare) === 6 ? PRIVATE_V6 : [];
  for (const [network, prefix, kind] of ranges) {
    const list = new BlockList();
    list.addSubnet(network, prefix, v4 ? "ipv4" : "ipv6");
    if (list.check(v4 ?? bare, v4 ? "ipv4" : "ipv6")) return kind;
  }
  return undefined;
}

/** The `images.allowAddresses` ranges ("127.0.0.1", "10.1.0.0/16", "fd00::/8") as one list. */
export function allowList(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [network, prefix] = range.split("/");
    const family = isIP(network) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(network, family);
    else list.addSubnet(network, Number(prefix), family);
  }
  return list;
}

/** The reason an address may not be fetched from, or undefined when it may. */
export function refusedAddress(address: string, allowed: BlockList): string | undefined {
  const kind = nonPublicKind(address);
  if (!kind) return undefined;
  const bare = address.replace(/^\[|\]$/g, "");
  const v4 = isIP(bare) === 4 ? bare : embeddedV4(bare);
  if (allowed.check(v4 ?? bare, v4 ? "ipv4" : "ipv6")) return undefined;
  return `${bare}, a ${kind} address (add it to images.allowAddresses in _data/site.json to allow it)`;
}

/** Whether `images.allowAddresses` holds a valid address or range. */
export function isAddressRange(value: string): boolean {
  const [network, prefix, ...rest] = value.split("/");
  const family = isIP(network);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
