// The rest of the lesson (issue 15), as a student meets it: each everyday
// scenario as it comes, then with its deciding setting flipped by its label
// in the defenses panel. What the page shows is computed by the engine.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

const addressBar = (page) => page.getByLabel("Address bar");

async function flip(page, label, value) {
  await page.getByRole("button", { name: "Defenses" }).click();
  const control = page.getByLabel(label, { exact: true });
  if (value === true || value === false) await control.setChecked(value);
  else await control.selectOption(String(value));
}

test("mobile-ip-change: IP binding logs Alice out, no binding keeps her in", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=mobile-ip-change&step=9999");
  // Refused on her new address, she is sent back to the login page.
  await expect(addressBar(page)).toContainText("/login");
  await flip(page, "Bind session to", "none");
  await expect(addressBar(page)).toContainText("/account");
  await app.expectClean();
});
