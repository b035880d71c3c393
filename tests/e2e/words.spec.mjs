// Words that match the model (issue 14, item 8): what the page says is
// what the simulation does, and its numbers follow the inputs.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

// Step 21 of the checkout: the payment step has been stored in the session.
const PAYMENT_STORED = 21;

test("checkout: the session keeps a card reference unless it holds sensitive data", async ({ page }) => {
  const app = await openApp(page, `#v=1&s=checkout&step=${PAYMENT_STORED}`);
  const store = page.locator(".lane.server table.sessions");
  await expect(store).toContainText("checkout.payment=card ending 1111");
  await expect(store).not.toContainText("4111 1111 1111 1111");
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("Session holds", { exact: true }).selectOption({ label: "sensitive data too" });
  await page.getByRole("button", { name: `Step ${PAYMENT_STORED}:`, exact: false }).first().click();
  await expect(store).toContainText("checkout.payment=4111 1111 1111 1111");
  await app.expectClean();
});

test("Session-ID lab: the 64-bit sentence follows the live sessions", async ({ page }) => {
  const app = await openApp(page, "#v=1&view=ids&ids-n=500&ids-rate=10000&ids-live=100000");
  await expect(page.locator(".id-lab .timing")).toContainText("500 per generator", { timeout: 20_000 });
  const explain = page.locator('.id-card[data-generator="CSPRNG, 64 bits"] .explain');
  await expect(explain).toContainText("Against 100,000 live session(s)");
  await expect(explain).toContainText("about 292 years at 10,000 guesses a second");
  await expect(page.locator(".id-lab")).toContainText("(2^bits + 1)");
  await expect(page.locator(".id-lab")).toContainText("FIPS 140-2 as first issued (2001)");
  await page.getByLabel("Live sessions", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Generate and measure" }).click();
  await expect(explain).toContainText("Against 1 live session(s)");
  await app.expectClean();
});
