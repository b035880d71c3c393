// A bug must never leave a dead, silent page in front of a class: when the
// app panics, the panic page (src/app/panic_page.rs) replaces it with a
// message and a one-click reset. The panic is provoked from outside, with
// no backdoor in the app: the test makes the browser's DOM refuse one
// insertion, which Yew treats as fatal ("failed to append child").
import { test, expect } from "@playwright/test";

test("a panic shows the panic page, and its reset button brings the app back", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("./#v=1&s=login&step=3");
  await expect(page.locator("main.app")).toBeVisible();
  await expect(page.locator(".step-count")).toContainText("Step 4 of");

  // The next insertion into the page fails, once; the one after works
  // again (the panic page needs it).
  await page.evaluate(() => {
    const original = Node.prototype.insertBefore;
    Node.prototype.insertBefore = function () {
      Node.prototype.insertBefore = original;
      throw new DOMException("fault injected by the test", "HierarchyRequestError");
    };
  });
  // Opening the help overlay inserts its dialog.
  await page.locator("body").click({ position: { x: 5, y: 700 } });
  await page.keyboard.press("?");

  const crash = page.locator("main.crash[role=alert]");
  await expect(crash).toBeVisible();
  await expect(crash.locator("h1")).toHaveText("Session Lab stopped");
  // The detail is the panic message, as text.
  await expect(crash.locator("pre")).toContainText("failed to");
  await expect(page.locator("main.app")).toHaveCount(0);
  // WebAssembly cannot unwind: after the hook, the module aborts.
  expect(errors.join("\n")).toMatch(/unreachable|RuntimeError/i);

  // The reset clears saved state and the link, and the app starts again.
  await page.locator("#crash-reset").click();
  await expect(page.locator("main.app")).toBeVisible();
  await expect(page.locator(".step-count")).toContainText("Step 1 of");
  await expect(page.locator(".notices")).toHaveCount(0);
  await expect(page.locator("main.crash")).toHaveCount(0);
});
