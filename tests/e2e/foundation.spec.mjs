import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

test("the release build loads under a sub-path with a strict CSP and nothing from elsewhere", async ({ page }) => {
  const app = await openApp(page);
  await expect(page).toHaveTitle(/Session Lab/);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  // The style sheets are inline, each allowed by its hash, and applied.
  const styles = await page.locator("head style").count();
  expect(styles).toBeGreaterThan(0);
  expect(csp.match(/style-src[^;]*/)[0].match(/'sha256-/g)?.length).toBe(styles);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector(".lane.browser")).borderTopStyle)).not.toBe("none");
  await app.expectClean();
});

test("before the first paint the page asks for nothing but its WebAssembly", async ({ page }) => {
  // Every request made before the app is interactive (the icon may come
  // later): each extra one would wait its turn on an HTTP/1.1 host, or open
  // a connection of its own. The glue and the style sheets are inline.
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname.split("/").pop()));
  await openApp(page);
  const files = requests.filter((f) => !/^favicon/.test(f));
  expect(files.filter((f) => f.endsWith(".css") || f.endsWith(".js"))).toEqual([]);
  expect(files.filter((f) => f.endsWith(".wasm"))).toHaveLength(1);
  expect(files).toHaveLength(2);
  // The WebAssembly is compiled from the top of the page, by the page's own
  // inline script, and that compiled module is the one that runs.
  expect(await page.evaluate(async () => (await window.__sessionLabModule) instanceof WebAssembly.Module)).toBe(true);
  // The loader carries the glue and asks for it to be compiled whole, at
  // once (V8's compile hint must open the script to count).
  const loader = await page.locator('head script[type="module"]').textContent();
  expect(loader.startsWith("//# allFunctionsCalledOnLoad\n")).toBe(true);
  // The glue (minified with the loader, the module's names shortened) is
  // there, and instantiates the early module.
  expect(loader).toContain("getRandomValues");
  expect(loader).toContain("window.__sessionLabModule");
});

test("a host that serves the WebAssembly with the wrong type still gets a working page", async ({ page }) => {
  // Streaming compilation insists on application/wasm; some static hosts
  // send application/octet-stream. The early compile then falls back to
  // compiling the fetched bytes, with the same integrity check.
  let served = 0;
  await page.route(/_bg\.wasm$/, async (route) => {
    served += 1;
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-type": "application/octet-stream" } });
  });
  const app = await openApp(page);
  const count = page.locator(".step-count");
  // The scenario's length is the catalog's business: read it from the page.
  await expect(count).toHaveText(/^Step 1 of \d+$/);
  const total = (await count.textContent()).match(/of (\d+)/)[1];
  await page.getByRole("button", { name: "Step forward" }).click();
  await expect(count).toHaveText(`Step 2 of ${total}`);
  expect(served, "the streaming attempt, then the fallback").toBe(2);
  await app.expectClean();
});
