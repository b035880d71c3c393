// The last step of scripts/bench: reads what the earlier steps wrote in
// target/bench/ and prints ONE Markdown table, each figure beside its goal,
// to stdout and to target/bench/report.md. 1 KB = 1000 bytes, as in
// scripts/size-report.mjs.
//
//   node scripts/bench-report.mjs [target/bench]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "target/bench";
const read = (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : null);
const json = (name) => {
  const text = read(name);
  return text && text.trim() ? JSON.parse(text) : null;
};

const rows = [];
const row = (area, measure, result, goal = "reported", met = "") => rows.push([area, measure, result, goal, met]);
const yes = (ok) => (ok ? "yes" : "**NO**");
const fixed = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const kb = (bytes) => `${fixed(bytes / 1000)} KB`;
const signedKb = (bytes) => `${bytes >= 0 ? "+" : "−"}${fixed(Math.abs(bytes) / 1000)} KB`;
const ms = (x) => (!Number.isFinite(x) ? "n/a" : x >= 100 ? `${fixed(x, 0)} ms` : x >= 1 ? `${fixed(x, 2)} ms` : `${fixed(x, 3)} ms`);

// Size: scripts/size-report.mjs's own lines, per file and total.
function sizes(text) {
  return (text ?? "")
    .split("\n")
    .map((l) => l.match(/^(.*?)\s+([\d.]+)\s+([\d.]+)$/))
    .filter(Boolean)
    .map(([, file, raw, gzip]) => ({ file, raw: Number(raw), gzip: Number(gzip) }));
}
const BUDGET_KB = 300; // this round may add 50 KB (diagram, text, scenarios) and no more
const size = sizes(read("size.txt"));
for (const f of size.filter((f) => f.file !== "total")) {
  row("Size", `\`${f.file}\` gzip (raw)`, `${fixed(f.gzip)} KB (${fixed(f.raw)} KB)`, "", "");
}
const total = size.find((f) => f.file === "total");
if (total) {
  row("Size", "**total gzip** (raw)", `**${fixed(total.gzip)} KB** (${fixed(total.raw)} KB)`, `≤ ${BUDGET_KB} KB gzip`, yes(total.gzip <= BUDGET_KB));
}
const minimalTotal = sizes(read("size-minimal.txt")).find((f) => f.file === "total");
if (minimalTotal) row("Size", "minimal Yew app, total gzip (raw), for comparison", `${fixed(minimalTotal.gzip)} KB (${fixed(minimalTotal.raw)} KB)`);

const browser = json("browser.json");
if (browser?.machine) {
  const la = (l) => l.map((x) => fixed(x, 2)).join(" ");
  row("Machine", "cores; load average (1, 5, 15 min) before → after the browser measurements", `${browser.machine.cores}; ${la(browser.machine.loadavg_start)} → ${la(browser.machine.loadavg_end)}`, "quiet machine", browser.machine.loadavg_start[0] < browser.machine.cores ? "yes" : "**NO**: timings inflated");
}
if (browser) {
  const { app, minimal, ratio } = browser.loads;
  const n = app.samples_ms.length;
  row("Load", `Session Lab: navigation → first scenario interactive, median of ${n} cold loads`, ms(app.median_ms));
  row("Load", `minimal Yew app (one component), same toolchain and profile, median of ${n}`, ms(minimal.median_ms));
  row("Load", "ratio Session Lab / minimal", `**${fixed(ratio, 2)}×**`, "≤ 1.5×", yes(ratio <= 1.5));
  const pr = browser.loads.painted_ratio;
  if (pr !== undefined) {
    const prr = browser.loads.painted_round_ratio;
    row("Load", `to the first painted frame (two animation frames after interactive): Session Lab / minimal, medians; ratio; round by round, median and quartiles`,
      `${ms(app.painted_median_ms)} / ${ms(minimal.painted_median_ms)}; **${fixed(pr, 2)}×**; ${fixed(prr.median, 2)}× (${fixed(prr.p25, 2)}–${fixed(prr.p75, 2)}×)`, "≤ 1.5×", yes(pr <= 1.5));
  }
  const rr = browser.loads.round_ratio;
  if (rr) row("Load", "the ratio round by round (both apps loaded back to back): median, and quartiles", `${fixed(rr.median, 2)}× (${fixed(rr.p25, 2)}–${fixed(rr.p75, 2)}×)`);
  const q = browser.loads.without_omnibox_popup;
  if (q) {
    row(
      "Load",
      `the same ${n} rounds with Chromium's omnibox pop-up switched off (its own renderer, loaded as each context opens: docs/load-time.md): Session Lab / minimal, medians; ratio; round by round, median and quartiles`,
      `${ms(q.app_median_ms)} / ${ms(q.minimal_median_ms)}; ${fixed(q.ratio, 2)}×; ${fixed(q.round_ratio.median, 2)}× (${fixed(q.round_ratio.p25, 2)}–${fixed(q.round_ratio.p75, 2)}×)`,
      "reported",
    );
    const qp = q.painted_round_ratio;
    if (qp) row(
      "Load",
      "the same, to the first painted frame: Session Lab / minimal, medians; ratio; round by round, median and quartiles",
      `${ms(q.app_painted_median_ms)} / ${ms(q.minimal_painted_median_ms)}; ${fixed(q.painted_ratio, 2)}×; ${fixed(qp.median, 2)}× (${fixed(qp.p25, 2)}–${fixed(qp.p75, 2)}×)`,
      "reported",
    );
  }
  for (const [name, l] of [["Session Lab", app], ["minimal Yew app", minimal]]) {
    row("Load", `${name}, where the time goes (medians): wasm downloaded → module compiled and started → interactive; compiling the module alone`, `${ms(l.wasm_downloaded_median_ms)} → ${ms(l.started_median_ms)} → ${ms(l.median_ms)}; ${ms(l.compile_median_ms)}`);
  }

  const s = browser.smoothness;
  row("Smoothness", `p95 frame time, ${fixed(s.observed_ms / 1000, 0)} s of autoplay at 4× (\`${s.scenario}\`, ${s.frames} frames, reached "${s.reached}")`, `**${ms(s.p95_frame_ms)}** (median ${ms(s.p50_frame_ms)}, max ${ms(s.max_frame_ms)})`, "< 17 ms", yes(s.p95_frame_ms < 17));
  row("Smoothness", "long tasks during autoplay: count, longest", `**${s.long_tasks}**, ${ms(s.max_long_task_ms)}`, "none > 50 ms", yes(s.max_long_task_ms <= 50));

  const m = browser.memory;
  const mb = (b) => `${fixed(b / 1e6, 2)} MB`;
  row("Memory", `JS heap after 1 → ${m.replays} replays of \`${browser.smoothness.scenario}\` (each: switch scenario away and back, so the engine reruns, then jump to the last step; after GC; ended at "${m.steps?.[1]}")`, `${mb(m.after_1.js_heap_bytes)} → ${mb(m.after_n.js_heap_bytes)} (${signedKb(m.js_growth_bytes)})`);
  row("Memory", `wasm memory after 1 → ${m.replays} replays`, `${mb(m.after_1.wasm_bytes)} → ${mb(m.after_n.wasm_bytes)} (${signedKb(m.wasm_growth_bytes)})`);
  row("Memory", `growth, JS heap + wasm, over ${m.replays - 1} replays`, `**${signedKb(m.total_growth_bytes)}**`, "< 2 MB", yes(m.total_growth_bytes < 2e6));
}

const native = json("engine-native.json");
const wasm = json("engine-wasm.json");
if (native || wasm) {
  row("Engine", "native: the release profile as shipped (opt-level \"z\"); wasm: the same workload in headless Chromium (`tests/wasm_bench.rs`)", "", "", "");
  const names = (native ?? wasm).timings.map((t) => t.name);
  for (const name of names) {
    const n = native?.timings.find((t) => t.name === name);
    const w = wasm?.timings.find((t) => t.name === name);
    const ratio = n && w ? ` (wasm ${fixed(w.median_ms / n.median_ms, 1)}× native)` : "";
    row("Engine", `${name}, median: native / wasm`, `${n ? ms(n.median_ms) : "n/a"} / ${w ? ms(w.median_ms) : "n/a"}${ratio}`);
  }
}

// Property runs. app_properties prints "property NAME: N cases" for each
// property; cookie_properties prints "cases per property: N" (none of its
// properties rejects an input, so each passing one ran exactly N).
function propertyRun(text) {
  if (!text) return null;
  const counts = [...text.matchAll(/property (\S+): (\d+) cases$/gm)].map((m) => Number(m[2]));
  const perProperty = Number(text.match(/^cases per property: (\d+)$/m)?.[1] ?? NaN);
  const passedTests = Number(text.match(/test result: ok\. (\d+) passed/)?.[1] ?? 0);
  const secs = text.match(/finished in ([\d.]+)s/);
  return {
    total: counts.length ? counts.reduce((a, b) => a + b, 0) : passedTests * perProperty,
    properties: counts.length || passedTests,
    secs: secs ? Number(secs[1]) : NaN,
    passed: /test result: ok\./.test(text),
  };
}
const fmt = (n) => n.toLocaleString("en-US");
let longRuns = 0;
for (const [run, suite, file] of [
  ["bounded", "app_properties", "properties-bounded.txt"],
  ["bounded", "cookie_properties", "cookie-properties-bounded.txt"],
  ["long", "app_properties", "properties-long.txt"],
  ["long", "cookie_properties", "cookie-properties-long.txt"],
]) {
  const r = propertyRun(read(file));
  if (!r) continue;
  if (run === "long") longRuns++;
  const how = run === "bounded" ? `bounded run (\`cargo test --test ${suite}\`` : `long run (\`scripts/bench --fuzz-long\`, ${suite}`;
  row("Robustness", `property cases, ${how}, ${r.properties} properties)`, `${fmt(r.total)} cases in ${fixed(r.secs, 1)} s (release)`, "no failure", yes(r.passed));
}
if (longRuns === 0) {
  row("Robustness", "property cases, long run", "not run this time: `scripts/bench --fuzz-long`");
}

const header = ["Area", "Measure", "Result", "Goal", "Met"];
const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
const title = `Session Lab benchmark, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC (1 KB = 1000 bytes; timings are reported, not asserted)`;
const text = `${title}\n\n${table}\n`;
writeFileSync(join(dir, "report.md"), `# ${text}`);
console.log(text);
