// The browser half of scripts/bench: load time (Session Lab against a
// minimal Yew app), smoothness during autoplay, and memory after many
// replays, in headless Chromium (Debian's, never a downloaded one) driven by
// Playwright's library API. Both builds are served by the end-to-end tests'
// static server. Writes its figures as JSON; scripts/bench-report.mjs puts
// them in the table.
//
//   node scripts/bench-browser.mjs <app dist> <minimal dist> <scenario id> <out.json>
//
// Environment: BENCH_LOADS (cold loads per app, 40), BENCH_PLAY_MS (autoplay
// observed, 8000), BENCH_REPLAYS (replays, 1000).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

const [appDist = "dist", minimalDist = "target/bench/minimal-yew/dist", scenario = "login", out = "target/bench/browser.json"] =
  process.argv.slice(2);
// The issue asks for the median of at least 10 cold loads; 40 because on a
// shared two-core machine one load can take twice as long as the next, and
// at 20 two runs of the same build differed by 0.15 in the ratio.
const LOADS = Number(process.env.BENCH_LOADS ?? 40);
const PLAY_MS = Number(process.env.BENCH_PLAY_MS ?? 8000);
const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 1000);
const APP_PORT = Number(process.env.BENCH_PORT ?? 8395);
const MINIMAL_PORT = APP_PORT + 1;

const log = (...a) => console.error("bench-browser:", ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function serve(dir, port, base) {
  const child = spawn(process.execPath, ["tests/e2e/static-server.mjs", dir, String(port), base], { stdio: "inherit" });
  return child;
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

// When the page counts as interactive: for Session Lab, the first scenario's
// lanes are drawn and Play can be pressed; for the minimal app, its button.
const READY = {
  app: `(() => !!document.querySelector(".lane.browser") &&
    [...document.querySelectorAll('.playback button[aria-keyshortcuts="Space"]')].some((b) => !b.disabled))`,
  minimal: `(() => { const b = document.querySelector("#ready"); return !!b && !b.disabled; })`,
};

// Records, from the first script of the document on, the moment (ms since
// navigation start, the page's timeOrigin) the ready condition first holds,
// checked on every DOM change. Also keeps the wasm memory once Trunk's
// loader announces the started app.
function initScript(ready) {
  return `(() => {
    const ready = ${ready};
    window.__readyAt = undefined;
    const check = () => {
      if (window.__readyAt === undefined && ready()) {
        window.__readyAt = performance.now();
        observer.disconnect();
        // What a student waits for is the painted page: the frame after the
        // next one has been produced once two animation frames have run.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          window.__paintedAt = performance.now();
        }));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__startedAt = performance.now();
      window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
      check();
    });
  })();`;
}

const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--enable-precise-memory-info"],
};
const browser = await chromium.launch(LAUNCH);

// Headless Chromium loads its omnibox pop-up (a WebUI page) in a renderer of
// its own when a context's first window opens, and on two cores that work
// overlaps every load measured (docs/load-time.md). A second browser
// with the pop-up's features switched off measures the loads again without
// it. Playwright passes its own --disable-features list, and Chromium keeps
// only the last such switch: so that list is read from a launch and
// extended, not replaced.
async function browserWithoutOmniboxPopup() {
  const probe = await chromium.launchServer(LAUNCH);
  const defaults = probe.process().spawnargs.find((a) => a.startsWith("--disable-features="));
  await probe.close();
  const features = "WebUIOmniboxPopup,WebUIOmniboxAimPopup";
  return chromium.launch({
    ...LAUNCH,
    args: [...LAUNCH.args, defaults ? `${defaults},${features}` : `--disable-features=${features}`],
    ignoreDefaultArgs: defaults ? [defaults] : [],
  });
}
const servers = [serve(appDist, APP_PORT, "/session-lab/"), serve(minimalDist, MINIMAL_PORT, "/minimal/")];
const urls = {
  app: `http://127.0.0.1:${APP_PORT}/session-lab/`,
  minimal: `http://127.0.0.1:${MINIMAL_PORT}/minimal/`,
};
// Other work on the machine shows in every timing: the load average is
// recorded beside them.
const result = { machine: { cores: availableParallelism(), loadavg_start: loadavg() }, loads: {}, smoothness: {}, memory: {}, errors: [] };

async function newPage(which, b = browser) {
  const context = await b.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => result.errors.push(`${which}: ${e.message}`));
  // Cold without asking DevTools: every context starts with an empty HTTP
  // cache (and so an empty WebAssembly code cache). Switching DevTools'
  // network domain on to disable the cache would add its own work per
  // received chunk, on the browser's main thread, to every load: more for the
  // larger app, and nothing a student's browser does. (Only the memory
  // measurement opens a DevTools session, for its garbage collections.)
  await page.addInitScript(initScript(READY[which]));
  return { context, page };
}

async function coldLoad(which, b = browser) {
  const { context, page } = await newPage(which, b);
  await page.goto(urls[which]);
  await page.waitForFunction(() => window.__paintedAt !== undefined, null, { timeout: 30_000 });
  // Where the time went: the wasm file downloaded, the module compiled and
  // its start function run (Trunk's "started" event), the first render.
  const times = await page.evaluate(() => ({
    ready: window.__readyAt,
    painted: window.__paintedAt,
    wasm: performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"))?.responseEnd ?? NaN,
    started: window.__startedAt ?? NaN,
  }));
  // And, once the page is up, how long compiling its module takes on its
  // own (the load itself compiles while downloading, so this overlaps).
  times.compile = await page.evaluate(async () => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
    if (!entry) return NaN;
    const bytes = await (await fetch(entry.name)).arrayBuffer();
    const start = performance.now();
    await WebAssembly.compile(bytes);
    return performance.now() - start;
  });
  await context.close();
  return times;
}

try {
  await Promise.all(Object.values(urls).map(waitForServer));

  // 1. Load: cold loads, alternating the two apps so both see the same
  //    machine load. One warm-up each, not counted (the first launch of
  //    Chromium's processes would count against whoever goes first).
  const measureLoads = async (b) => {
    await coldLoad("app", b);
    await coldLoad("minimal", b);
    const loads = { app: [], minimal: [] };
    for (let i = 0; i < LOADS; i++) {
      // Each round loads both, in turn first, so a slow spell of the machine
      // lands on both apps alike.
      const order = i % 2 ? ["minimal", "app"] : ["app", "minimal"];
      for (const which of order) loads[which].push(await coldLoad(which, b));
    }
    return loads;
  };
  const loads = await measureLoads(browser);
  for (const which of ["app", "minimal"]) {
    const ready = loads[which].map((t) => t.ready);
    result.loads[which] = {
      median_ms: median(ready),
      painted_median_ms: median(loads[which].map((t) => t.painted)),
      samples_ms: ready.map((x) => Math.round(x * 10) / 10),
      wasm_downloaded_median_ms: median(loads[which].map((t) => t.wasm)),
      started_median_ms: median(loads[which].map((t) => t.started)),
      compile_median_ms: median(loads[which].map((t) => t.compile)),
    };
  }
  // The same ratio taken round by round (the two loads of a round ran back
  // to back), and its quartiles: how far one reading of the ratio can swing.
  // To interactive by default, or to the painted frame.
  const roundRatio = (l, key = "ready") => {
    const perRound = l.app.map((t, i) => t[key] / l.minimal[i][key]);
    return { median: median(perRound), p25: percentile(perRound, 25), p75: percentile(perRound, 75) };
  };
  result.loads.ratio = result.loads.app.median_ms / result.loads.minimal.median_ms;
  result.loads.painted_ratio = result.loads.app.painted_median_ms / result.loads.minimal.painted_median_ms;
  result.loads.painted_round_ratio = roundRatio(loads, "painted");
  result.loads.round_ratio = roundRatio(loads);
  log(`load: app ${result.loads.app.median_ms.toFixed(1)} ms, minimal ${result.loads.minimal.median_ms.toFixed(1)} ms`);
  {
    const quiet = await browserWithoutOmniboxPopup();
    const q = await measureLoads(quiet);
    await quiet.close();
    const app = median(q.app.map((t) => t.ready));
    const minimal = median(q.minimal.map((t) => t.ready));
    const appPainted = median(q.app.map((t) => t.painted));
    const minimalPainted = median(q.minimal.map((t) => t.painted));
    result.loads.without_omnibox_popup = {
      app_median_ms: app,
      minimal_median_ms: minimal,
      ratio: app / minimal,
      round_ratio: roundRatio(q),
      app_painted_median_ms: appPainted,
      minimal_painted_median_ms: minimalPainted,
      painted_ratio: appPainted / minimalPainted,
      painted_round_ratio: roundRatio(q, "painted"),
    };
    log(`load without the omnibox pop-up: app ${app.toFixed(1)} ms, minimal ${minimal.toFixed(1)} ms`);
  }

  // 2. Smoothness: autoplay at 4x through the longest scenario.
  {
    const { context, page } = await newPage("app");
    await page.goto(`${urls.app}#v=1&s=${encodeURIComponent(scenario)}`);
    await page.waitForFunction(() => window.__readyAt !== undefined);
    await page.getByLabel("Speed", { exact: true }).selectOption("400");
    await page.evaluate(() => {
      window.__frames = [];
      window.__longTasks = [];
      window.__recording = true;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (window.__recording) window.__longTasks.push(e.duration);
      }).observe({ type: "longtask" });
      let last;
      const frame = (t) => {
        if (!window.__recording) return;
        if (last !== undefined) window.__frames.push(t - last);
        last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await page.waitForTimeout(PLAY_MS);
    const stepText = await page.locator(".step-count").textContent();
    const { frames, longTasks } = await page.evaluate(() => {
      window.__recording = false;
      return { frames: window.__frames, longTasks: window.__longTasks };
    });
    result.smoothness = {
      scenario,
      observed_ms: PLAY_MS,
      reached: stepText,
      frames: frames.length,
      p50_frame_ms: median(frames),
      p95_frame_ms: percentile(frames, 95),
      max_frame_ms: Math.max(...frames),
      long_tasks: longTasks.length,
      max_long_task_ms: longTasks.length ? Math.max(...longTasks) : 0,
    };
    log(`smoothness: ${frames.length} frames, p95 ${result.smoothness.p95_frame_ms.toFixed(1)} ms, ${longTasks.length} long tasks; ${stepText}`);
    await context.close();
  }

  // 3. Memory: JS heap and wasm memory after one replay, then after 1,000.
  //    A replay switches to another scenario and back (the engine runs
  //    again), then jumps to the last step (the page draws its snapshot).
  {
    const { context, page } = await newPage("app");
    const cdp = await context.newCDPSession(page);
    await page.goto(`${urls.app}#v=1&s=${encodeURIComponent(scenario)}`);
    await page.waitForFunction(() => window.__readyAt !== undefined);
    await cdp.send("Performance.enable");
    const replay = (n, id) =>
      page.evaluate(
        async ({ n, id }) => {
          const select = document.querySelector("#scenario-select");
          const other = [...select.options].map((o) => o.value).find((v) => v !== id);
          const settle = () => new Promise((r) => setTimeout(r, 0));
          const choose = async (v) => {
            select.value = v;
            select.dispatchEvent(new Event("change", { bubbles: true }));
            await settle();
          };
          for (let i = 0; i < n; i++) {
            await choose(other);
            await choose(id);
            const ticks = document.querySelectorAll(".timeline button.tick");
            ticks[ticks.length - 1].click();
            await settle();
          }
          return document.querySelector(".step-count")?.textContent ?? "";
        },
        { n, id },
      );
    const measure = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      await page.waitForTimeout(200);
      await cdp.send("HeapProfiler.collectGarbage");
      const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
      const inPage = await page.evaluate(() => ({
        used: performance.memory ? performance.memory.usedJSHeapSize : null,
        wasm: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null,
      }));
      return { js_heap_bytes: metrics.JSHeapUsedSize ?? inPage.used, js_heap_precise_bytes: inPage.used, wasm_bytes: inPage.wasm };
    };
    const firstStep = await replay(1, scenario);
    const after1 = await measure();
    const started = Date.now();
    const lastStep = await replay(REPLAYS - 1, scenario);
    const seconds = (Date.now() - started) / 1000;
    const afterN = await measure();
    result.memory = {
      replays: REPLAYS,
      after_1: after1,
      after_n: afterN,
      steps: [firstStep, lastStep],
      seconds,
      js_growth_bytes: afterN.js_heap_bytes - after1.js_heap_bytes,
      wasm_growth_bytes: afterN.wasm_bytes - after1.wasm_bytes,
    };
    result.memory.total_growth_bytes = result.memory.js_growth_bytes + result.memory.wasm_growth_bytes;
    log(`memory: js ${after1.js_heap_bytes} -> ${afterN.js_heap_bytes}, wasm ${after1.wasm_bytes} -> ${afterN.wasm_bytes} after ${REPLAYS} replays in ${seconds.toFixed(1)} s (${lastStep})`);
    await context.close();
  }
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

result.machine.loadavg_end = loadavg();
writeFileSync(out, JSON.stringify(result, null, 2));
if (result.errors.length) {
  log("page errors:", result.errors.join("; "));
  process.exit(1);
}
