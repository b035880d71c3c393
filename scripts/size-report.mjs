// The size report of a build: each file raw and gzip (level 9, as static
// hosts serve it), and the total. With --budget-kb N it fails when the gzip
// total exceeds N kilobytes (1 KB = 1000 bytes), since the transfer size is
// what a school laptop on a classroom network waits for.
//
// With --largest-function-kb N it also fails when one function in the
// WebAssembly is larger than N kilobytes. The browser compiles each function
// on its first call, whole, on the page's main thread; a function that large
// means code the first render does not need (a lab's view, say) was inlined
// into code it does (docs/load-time.md).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dir = args[0] ?? "dist";
const budgetIndex = args.indexOf("--budget-kb");
const budgetKb = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : null;
const functionIndex = args.indexOf("--largest-function-kb");
const functionKb = functionIndex >= 0 ? Number(args[functionIndex + 1]) : null;

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

// The body sizes in a module's code section (section 10), from the binary
// format: a LEB128 count, then each body as a LEB128 size and its bytes.
function functionSizes(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 10) {
      const sizes = [];
      for (let n = leb(); n > 0; n--) {
        const body = leb();
        sizes.push(body);
        at += body;
      }
      return sizes;
    }
    at = end;
  }
  return [];
}

if (functionKb !== null) {
  let failed = false;
  for (const file of files(dir).filter((p) => p.endsWith(".wasm"))) {
    const sizes = functionSizes(readFileSync(file));
    const largest = Math.max(0, ...sizes);
    const verdict = largest <= functionKb * 1000 ? "within" : "over";
    console.log(`${relative(dir, file)}: ${sizes.length} functions, the largest ${(largest / 1000).toFixed(1)} KB (${verdict} ${functionKb} KB)`);
    failed ||= verdict === "over";
  }
  if (failed) process.exit(1);
}
