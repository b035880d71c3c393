// The size report of a build: each file raw and gzip (level 9, as static
// hosts serve it), and the total. With --budget-kb N it fails when the gzip
// total exceeds N kilobytes (1 KB = 1000 bytes), since the transfer size is
// what a school laptop on a classroom network waits for.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dir = args[0] ?? "dist";
const budgetIndex = args.indexOf("--budget-kb");
const budgetKb = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : null;

function files(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const rows = files(dir).map((p) => {
  const bytes = readFileSync(p);
  return { file: relative(dir, p), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.gzip - a.gzip);
const kb = (n) => (n / 1000).toFixed(1).padStart(9);
console.log(`${"file".padEnd(48)}${"raw KB".padStart(9)}${"gzip KB".padStart(9)}`);
for (const r of rows) console.log(`${r.file.padEnd(48)}${kb(r.raw)}${kb(r.gzip)}`);
const raw = rows.reduce((s, r) => s + r.raw, 0);
const gzip = rows.reduce((s, r) => s + r.gzip, 0);
console.log(`${"total".padEnd(48)}${kb(raw)}${kb(gzip)}`);
if (budgetKb !== null) {
  if (!(gzip <= budgetKb * 1000)) {
    console.log(`over budget: ${(gzip / 1000).toFixed(1)} KB gzip > ${budgetKb} KB`);
    process.exit(1);
  }
  console.log(`within budget: ${(gzip / 1000).toFixed(1)} KB gzip <= ${budgetKb} KB`);
}
