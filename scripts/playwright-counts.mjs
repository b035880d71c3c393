// Prints "passed failed" from Playwright's JSON report, so the test command
// can add the end-to-end tests to its total. A missing report is one failure.
import { readFileSync } from "node:fs";

try {
  const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const s = report.stats ?? {};
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
  console.log(`${s.expected ?? 0} ${failed}`);
} catch {
  console.log("0 1");
}
