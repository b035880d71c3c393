import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

test("the release build loads under a sub-path with a strict CSP and nothing from elsewhere", async ({ page }) => {
  const app = await openApp(page);
  await expect(page).toHaveTitle(/Session Lab/);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  await app.expectClean();
});
