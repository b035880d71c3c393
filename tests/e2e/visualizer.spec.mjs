// The visualizer, used as a student or an instructor would: keyboard,
// links, projector mode, reduced motion, and the first thin slice (the
// session cookie lands in the jar and the session in the store).
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

const stepLabel = (page) => page.locator(".step-count");

async function stepTo(page, n) {
  // n is 1-based, as the page counts steps.
  await page.getByRole("button", { name: `Step ${n}:`, exact: false }).first().click();
  await expect(stepLabel(page)).toContainText(`Step ${n} of`);
}

test("login: the session cookie reaches the jar and the session the store", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=login");
  const jar = page.locator(".lane.browser table.jar");
  const store = page.locator(".lane.server table.sessions");
  await expect(jar).toHaveCount(0);
  // Walk forward until the browser has stored the cookie.
  for (let i = 0; i < 12 && (await jar.count()) === 0; i++) await page.keyboard.press("ArrowRight");
  await expect(jar.locator("tbody tr").first()).toContainText("sessionid");
  await expect(store.locator("tbody tr").first()).toContainText("(anonymous)");
  // The jar's value is the ID the store holds.
  const value = await jar.locator("tbody tr td.value").first().getAttribute("title");
  const id = await store.locator("tbody tr td").first().getAttribute("title");
  expect(value).toBe(id);
  await app.expectClean();
});

test("keyboard: space, arrows, R, P, ? and Escape", async ({ page }) => {
  await openApp(page, "#v=1&s=login");
  await page.locator("body").click({ position: { x: 5, y: 700 } });
  await expect(stepLabel(page)).toContainText("Step 1 of");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(stepLabel(page)).toContainText("Step 3 of");
  await page.keyboard.press("ArrowLeft");
  await expect(stepLabel(page)).toContainText("Step 2 of");
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  await page.keyboard.press("r");
  await expect(stepLabel(page)).toContainText("Step 1 of");
  await page.keyboard.press("p");
  await expect(page.locator("main.app")).toHaveClass(/projector/);
  await page.keyboard.press("p");
  await expect(page.locator("main.app")).not.toHaveClass(/projector/);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Projector mode");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
});

test("the timeline jumps to a step by mouse and by keyboard", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=login");
  const step = (n) => page.getByRole("button", { name: `Step ${n}:`, exact: false }).first();
  await step(5).click();
  await expect(stepLabel(page)).toContainText("Step 5 of");
  await expect(step(5)).toHaveAttribute("aria-current", "step");
  // A step reached with Tab and chosen with Enter or Space, as without a mouse.
  await step(3).focus();
  await page.keyboard.press("Enter");
  await expect(stepLabel(page)).toContainText("Step 3 of");
  await step(7).focus();
  await page.keyboard.press(" ");
  await expect(stepLabel(page)).toContainText("Step 7 of");
  await expect(step(7)).toBeFocused();
  await app.expectClean();
});

test("autoplay moves the cursor by itself and stops at the end", async ({ page }) => {
  await openApp(page, "#v=1&s=login");
  await page.getByLabel("Speed").selectOption("400");
  await page.getByRole("button", { name: "Play" }).click();
  await expect(stepLabel(page)).not.toContainText("Step 1 of", { timeout: 5000 });
});

test("a shared link reproduces scenario, settings, seed and step", async ({ page, context }) => {
  await openApp(page, "#v=1&s=hijack-sniffing");
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("HttpOnly", { exact: true }).check();
  await stepTo(page, 5);
  const url = page.url();
  expect(url).toContain("s=hijack-sniffing");
  const narration = await page.locator(".narration-text").textContent();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.locator(".step-count")).toContainText("Step 5 of");
  await expect(other.locator("#scenario-select")).toHaveValue("hijack-sniffing");
  await expect(other.locator(".narration-text")).toHaveText(narration);
  await other.getByRole("button", { name: "Defenses" }).click();
  await expect(other.getByLabel("HttpOnly", { exact: true })).toBeChecked();
});

test("a malformed or foreign link shows a notice and falls back to defaults", async ({ page }) => {
  await openApp(page, "#v=1&seed=not-a-number");
  await expect(page.locator(".notices")).toContainText("damaged");
  await expect(page.locator(".step-count")).toContainText("Step 1 of");
  await page.goto("./#v=99&s=login");
  await expect(page.locator(".notices")).toContainText("another version");
  await page.goto("./#v=1&cfg=%%%");
  await expect(page.locator(".notices")).toContainText("settings");
});

test("unreadable saved state is dropped with a notice", async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("session-lab/v1", "{not json");
      sessionStorage.setItem("seeded", "1");
    }
  });
  await page.goto("./");
  await expect(page.locator(".notices")).toContainText("could not be read");
  await page.reload();
  await expect(page.locator(".notices")).toHaveCount(0);
});

test("the last scenario and settings survive a reload", async ({ page }) => {
  await openApp(page);
  await page.locator("#scenario-select").selectOption("hijack-xss");
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("HttpOnly", { exact: true }).check();
  await page.goto("./");
  await expect(page.locator("#scenario-select")).toHaveValue("hijack-xss");
  await page.getByRole("button", { name: "Defenses" }).click();
  await expect(page.getByLabel("HttpOnly", { exact: true })).toBeChecked();
});

test("reduced motion turns the message animation off", async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto("./#v=1&s=login&step=1");
  const packet = page.locator(".packet").first();
  await expect(packet).toBeVisible();
  const name = await packet.evaluate((el) => getComputedStyle(el).animationName);
  expect(name).toBe("none");
  await context.close();

  const moving = await browser.newPage();
  await moving.goto("./#v=1&s=login&step=1");
  await expect(moving.locator(".packet").first()).toBeVisible();
  expect(await moving.locator(".packet").first().evaluate((el) => getComputedStyle(el).animationName)).not.toBe("none");
  await moving.close();
});

test("projector mode enlarges type and hides detail columns", async ({ page }) => {
  await openApp(page, "#v=1&s=login&step=8");
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await expect(page.locator(".jar th", { hasText: "Domain" })).toBeVisible();
  await page.getByRole("button", { name: "Projector mode" }).click();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after).toBeGreaterThan(before);
  await expect(page.locator(".jar th", { hasText: "Domain" })).toBeHidden();
});

test("a message opens in full with its Set-Cookie attributes explained", async ({ page }) => {
  await openApp(page, "#v=1&s=login");
  // Find the first response that sets a cookie.
  for (let i = 0; i < 12; i++) {
    if ((await page.locator(".packet .cookie-header", { hasText: "Set-Cookie" }).count()) > 0) break;
    await page.keyboard.press("ArrowRight");
  }
  await page.locator(".packet .open-message").focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("HTTP/1.1");
  await expect(dialog.locator(".chip").first()).toContainText("sessionid=");
  await expect(dialog.locator(".chip", { hasText: "Path=/" })).toContainText("sent only to URLs");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

// The screenshots are for people to look at (target/screenshots/); what
// makes these tests is what they assert: at 1280×720, in each colour
// scheme and mode, the page fits the window's width, and each mode is on.
async function expectNoSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page scrolls sideways at 1280 px").toBeLessThanOrEqual(1280);
}

for (const scheme of ["light", "dark"]) {
  test(`at 1280×720 in ${scheme} mode the page fits the window (screenshots kept)`, async ({ browser }) => {
    const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 720 } });
    await page.goto("./#v=1&s=hijack-sniffing&step=12");
    await expect(page.locator(".lane.browser")).toBeVisible();
    // Let the message finish crossing the wire before taking the picture.
    await page.locator(".packet").first().evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `target/screenshots/${scheme}.png` });
    if (scheme === "light") {
      await page.keyboard.press("p");
      await expect(page.locator("main.app")).toHaveClass(/projector/);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: "target/screenshots/projector.png" });
      await page.keyboard.press("p");
      await page.keyboard.press("d");
      await expect(page.locator("aside.defenses")).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: "target/screenshots/defenses.png" });
    }
    await page.close();
  });
}
