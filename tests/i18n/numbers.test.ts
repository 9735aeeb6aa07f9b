import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNumber } from "../../lib/i18n/numbers.ts";

test("Chinese counts have no thousands comma; English keeps it", () => {
  assert.equal(formatNumber(1265, "zh-CN"), "1265");
  assert.equal(formatNumber(12650, "zh"), "12650");
  assert.equal(formatNumber(1265, "en"), "1,265");
  assert.equal(formatNumber(12, "en"), "12");
});
