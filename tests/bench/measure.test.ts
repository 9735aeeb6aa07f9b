/**
 * The benchmark's memory figure counts every process of a build (wenji runs Pagefind beside
 * Node), not only the largest one as GNU time does.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import { parseGnuTime, runMeasured } from "../../lib/bench/measure.ts";

// Holds ~150 MB of touched memory for 1.5 s.
const HOLD = "const b = Buffer.alloc(150 * 1024 * 1024, 1); setTimeout(() => b.length, 1500);";

test("two processes of 150 MB at once: GNU time sees one, the tree figure sees both", async () => {
  const node = JSON.stringify(process.execPath);
  const script = JSON.stringify(HOLD);
  const result = await runMeasured({ args: ["bash", "-c", `${node} -e ${script} & ${node} -e ${script}; wait`], cwd: os.tmpdir() });
  assert.ok(result.treeRssMb! >= 290, `tree peak ${result.treeRssMb} MB`);
  assert.ok(result.peakRssMb >= 290, "the reported peak is the tree's");
  assert.ok(result.wallSeconds >= 1.5 && result.cpuSeconds > 0);
});

test("GNU time's report is parsed, and a missing line is named", () => {
  const report = "\tUser time (seconds): 1.50\n\tSystem time (seconds): 0.25\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n\tMaximum resident set size (kbytes): 204800\n";
  assert.deepEqual(parseGnuTime(report), { wallSeconds: 62.5, cpuSeconds: 1.75, peakRssMb: 200 });
  assert.throws(() => parseGnuTime("User time (seconds): 1"), /no "Elapsed \(wall clock\) time" line/);
});
