// Issue 14, the server's and the attacker's side, as a student meets it:
// flipping a control that an expert would not count as the defense
// against this attack leaves the attacker in; flipping the one that is
// changes the verdict, for the mechanism's reason.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

const verdict = (page) => page.getByRole("region", { name: "Verdict" });
const change = (page) => page.locator(".outcome-change");

async function open(page, id) {
  const app = await openApp(page, `#v=1&s=${id}&step=9999`);
  await expect(verdict(page)).toContainText("Attacker got in");
  await page.getByRole("button", { name: "Defenses" }).click();
  return app;
}

const pick = (page, label, value) => page.getByLabel(label, { exact: true }).selectOption(value);

test("hijack-xss: SameSite=Strict does not keep the script out; eager session start logs Alice out instead", async ({ page }) => {
  const app = await open(page, "hijack-xss");
  await pick(page, "SameSite", "strict");
  await expect(change(page)).toContainText("SameSite");
  await expect(change(page)).toContainText(/did not change|the outcome is the same/);
  await expect(verdict(page)).toContainText("Attacker got in");

  // With sessions started on every page, the link without the Strict
  // cookie gets a fresh session that replaces hers: a logout, not a defense.
  await pick(page, "Sessions start", "eager");
  await expect(verdict(page)).toContainText("Attacker kept out");
  await expect(page.locator(".verdict-reason")).toContainText(/logged out/);
  await expect(page.locator(".verdict-reason")).toContainText(/not a defense/);
  await app.expectClean();
});

test("hijack-xss: binding to the IP address stops the remote thief", async ({ page }) => {
  const app = await open(page, "hijack-xss");
  await pick(page, "Bind session to", "user-agent");
  await expect(change(page)).toContainText(/did not change|the outcome is the same/);
  await expect(verdict(page)).toContainText("Attacker got in");
  await pick(page, "Bind session to", "ip");
  await expect(verdict(page)).toContainText("Attacker kept out");
  await expect(page.locator(".verdict-reason")).toContainText(/another IP address/);
  await app.expectClean();
});

test("hijack-sniffing: binding does not stop the attacker on the same Wi-Fi", async ({ page }) => {
  const app = await open(page, "hijack-sniffing");
  for (const value of ["both", "ip", "user-agent"]) {
    await pick(page, "Bind session to", value);
    await expect(change(page)).toContainText("Bind session to");
    await expect(change(page)).toContainText(/did not change|the outcome is the same/);
    await expect(verdict(page)).toContainText("Attacker got in");
  }
  await app.expectClean();
});

test("hijack-stored-xss: SameSite=Strict does not keep the stored script out", async ({ page }) => {
  const app = await open(page, "hijack-stored-xss");
  await pick(page, "SameSite", "strict");
  await expect(change(page)).toContainText(/did not change|the outcome is the same/);
  await expect(verdict(page)).toContainText("Attacker got in");
  await app.expectClean();
});
