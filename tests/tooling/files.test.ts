import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeUtf8Strict, EncodingError, FileWriteError, firstInvalidUtf8, writeFileAtomicSync } from "../../lib/files.ts";

const scratch = () => mkdtempSync(path.join(tmpdir(), "wenji-files-"));

test("an atomic write replaces the file, keeps its mode and leaves no temporary file", () => {
  const dir = scratch();
  const file = path.join(dir, "essay.md");
  writeFileSync(file, "旧");
  chmodSync(file, 0o640);
  writeFileAtomicSync(file, "新的内容");
  assert.equal(readFileSync(file, "utf8"), "新的内容");
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ["essay.md"]);
});

test("an exclusive write refuses to replace a file that exists", () => {
  const dir = scratch();
  const file = path.join(dir, "new.md");
  writeFileAtomicSync(file, "一", { exclusive: true });
  assert.throws(() => writeFileAtomicSync(file, "二", { exclusive: true }), (e: unknown) => e instanceof FileWriteError && /EEXIST/.test(e.message));
  assert.equal(readFileSync(file, "utf8"), "一");
  assert.deepEqual(readdirSync(dir), ["new.md"]);
});

test("a failed write names the file, leaves what was there and removes its temporary file", () => {
  const dir = scratch();
  const target = path.join(dir, "a-folder");
  mkdirSync(target);
  writeFileSync(path.join(target, "keep.md"), "保留");
  assert.throws(() => writeFileAtomicSync(target, "x"), (e: unknown) => e instanceof FileWriteError && e.message.startsWith(`${target}: could not be written`));
  assert.deepEqual(readdirSync(dir), ["a-folder"]);
  assert.equal(readFileSync(path.join(target, "keep.md"), "utf8"), "保留");
});

test("strict decoding keeps valid UTF-8, reports a BOM and refuses anything else with the byte offset", () => {
  const text = "中文 English";
  assert.deepEqual(decodeUtf8Strict(Buffer.from(text), "a.md"), { text, bom: false });
  assert.deepEqual(decodeUtf8Strict(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "a.md"), { text, bom: true });
  const broken = Buffer.concat([Buffer.from("abc"), Buffer.from([0xe4, 0xb8]), Buffer.from("def")]);
  assert.throws(() => decodeUtf8Strict(broken, "posts/b.md"), (e: unknown) => e instanceof EncodingError && e.offset === 3 && /posts\/b\.md: not valid UTF-8 at byte 3/.test(e.message));
});

test("GBK-encoded Chinese is named as such", () => {
  // "中文文章" in GBK.
  const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xce, 0xc4, 0xd5, 0xc2]);
  assert.throws(() => decodeUtf8Strict(gbk, "posts/gbk.md"), (e: unknown) => e instanceof EncodingError && e.looksGbk && /GBK/.test(e.message));
});

test("firstInvalidUtf8 rejects overlong forms, surrogates and truncated sequences", () => {
  assert.equal(firstInvalidUtf8(Buffer.from("中文😀")), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf])), 1); // overlong "/"
  assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0); // UTF-16 surrogate
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xf0, 0x9f])), 2); // cut short
});
