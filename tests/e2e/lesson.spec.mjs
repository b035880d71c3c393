// The rest of the lesson (issue 15), as a student meets it: each everyday
// scenario as it comes, then with its deciding setting flipped by its label
// in the defenses panel. What the page shows is computed by the engine.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";


async function flip(page, label, value) {
  await page.getByRole("button", { name: "Defenses" }).click();
  const control = page.getByLabel(label, { exact: true });
  if (value === true || value === false) await control.setChecked(value);
  else await control.selectOption(String(value));
}

test("mobile-ip-change: IP binding logs Alice out, no binding keeps her in", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=mobile-ip-change&step=9999");
  // Refused on her new address, her session is refused and a fresh one,
  // where nobody is logged in, replaces it.
  const diagram = page.getByRole("region", { name: "Sequence diagram" });
  await expect(diagram).toContainText("bound to another client (IP)");
  await flip(page, "Bind session to", "none");
  await expect(diagram).not.toContainText("BoundToOtherClient");
  await expect(diagram).not.toContainText("refuses");
  await app.expectClean();
});

test("cart-size: the cart cookie is refused past 4096 bytes, the session keeps it all", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=cart-size&step=9999");
  const server = page.locator(".lane.server");
  const narration = page.locator(".narration-text");
  // As it comes the cart is all on the client: the session holds none.
  await expect(server).not.toContainText("Tea cup");

  // Kept in the session, every cup is there at the end (a settings change
  // at the end keeps the cursor at the end).
  await flip(page, "Cart kept in", "session");
  await expect(server).toContainText("Tea cup 14 of 14");
  await page.getByLabel("Cart kept in", { exact: true }).selectOption("cookie");
  await expect(server).not.toContainText("Tea cup");

  // Back in the cookie, step back from the end to the cup the browser refused.
  // Keys step the cursor only when no control has the focus.
  await page.evaluate(() => document.activeElement?.blur());
  // One step at a time: each press waits for the step it moved to, so a
  // busy machine cannot queue presses past the refused cup.
  const stepCount = page.locator(".step-count");
  for (let i = 0; i < 20; i++) {
    if (((await narration.textContent()) ?? "").includes("longer than 4096 bytes")) break;
    const before = (await stepCount.textContent()) ?? "";
    await page.keyboard.press("ArrowLeft");
    await expect(stepCount).not.toHaveText(before);
  }
  await expect(narration).toContainText("longer than 4096 bytes");
  await app.expectClean();
});

test("signed-cookie-replay: the copied signed cookie gets in after logout, the denylist keeps it out", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=signed-cookie-replay&step=9999");
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("Attacker got in");
  await expect(page.locator(".verdict-reason")).toContainText("cannot be revoked");
  // The server keeps no session: its store is empty at the end.
  await expect(page.locator(".lane.server")).toContainText("No sessions.");

  await flip(page, "Denylist logged-out tokens", true);
  await expect(verdict).toContainText("Attacker kept out");
  await expect(page.locator(".verdict-reason")).toContainText("denylist");
  await app.expectClean();
});

test("remember-me-theft: the 30-day session cookie gets in; a rotated token detects the old copy as theft", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=remember-me-theft&step=9999");
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("Attacker got in");
  await flip(page, "Remember me", "token");
  await expect(verdict).toContainText("Attacker kept out");
  await expect(page.locator(".verdict-reason")).toContainText(/old copy|rotates its validator/);
  await expect(page.locator(".outcome-change")).toContainText("no longer gets in");
  await app.expectClean();
});


test("framework defaults: Django 5 sets HttpOnly and SameSite Lax and keeps the tossed ID out", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=fixation-cookie-tossing&step=9999");
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("Attacker got in");

  await page.getByRole("button", { name: "Defenses" }).click();
  const preset = page.getByLabel("Framework defaults", { exact: true });
  await preset.selectOption({ label: "Django 5" });
  await expect(page.getByLabel("HttpOnly", { exact: true })).toBeChecked();
  await expect(page.getByLabel("SameSite", { exact: true })).toHaveValue("lax");
  await expect(page.getByLabel("New session ID at login", { exact: true })).toBeChecked();
  await expect(page.getByRole("link", { name: /cycle_key/ })).toHaveAttribute("href", /docs\.djangoproject\.com/);
  await expect(verdict).toContainText("Attacker kept out");

  // Django starts a session only when something is stored, so the attacker
  // gets no ID to toss; starting one on every page, the new key at login
  // still keeps them out, and only without it do they get in.
  await page.getByLabel("Sessions start", { exact: true }).selectOption("eager");
  await expect(verdict).toContainText("Attacker kept out");
  await expect(preset).toHaveValue("");
  await page.getByLabel("New session ID at login", { exact: true }).setChecked(false);
  await expect(verdict).toContainText("Attacker got in");
  await app.expectClean();
});

test("load-balancer: the load-balancer scenario loses and then keeps the cart", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=load-balancer&step=9999");
  const diagram = page.getByRole("region", { name: "Sequence diagram" });
  const server = page.locator(".lane.server");
  // As it comes: round robin over two servers, each with sessions in its
  // own memory. A request lands on the other server, which never issued
  // her ID and gives her a new, empty session: no order is ever placed.
  await expect(diagram).toContainText("load balancer → app2 (round robin)");
  await expect(diagram).toContainText("refuses");
  await expect(diagram).not.toContainText("order of");
  await expect(server).toContainText("Two app servers");
  await expect(server).toContainText("own memory");

  // Sticky sessions, flipped by label: one server answers her every time
  // and the whole cart is ordered.
  await flip(page, "Load balancer routing", "sticky");
  await expect(diagram).toContainText("SERVERID");
  await expect(diagram).toContainText("order of 3");

  // Back to round robin with a shared key-value store: kept too, and the
  // store's TTL ends her idle session by itself.
  await page.getByLabel("Load balancer routing", { exact: true }).selectOption("round-robin");
  await expect(diagram).not.toContainText("order of 3");
  await page.getByLabel("Session store", { exact: true }).selectOption("key-value");
  await expect(diagram).toContainText("order of 3");
  await expect(diagram).toContainText("TTL");
  await expect(server).toContainText("a key-value store with TTL");
  await app.expectClean();
});

test("session-store-leak: the served store shows Alice's secrets and a live ID; outside the web root there is no copy", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=session-store-leak&step=9999");
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("Attacker got in");
  await expect(page.locator(".verdict-reason")).toContainText("password, API token, full card number");
  await expect(page.locator(".verdict-reason")).toContainText("named by the session IDs themselves");

  await flip(page, "Session holds", "reference");
  await expect(page.locator(".verdict-reason")).toContainText("no password, token or card number");
  await expect(verdict).toContainText("Attacker got in");

  // The panel is open now: the next control is flipped in place.
  await page.getByLabel("Session files kept", { exact: true }).selectOption("private");
  await expect(verdict).toContainText("Attacker kept out");
  await expect(page.locator(".verdict-reason")).toContainText("404 Not Found");
  await app.expectClean();
});

test("busy-user-absolute-timeout: the busy user is logged out at the hour; without an absolute timeout she works on", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=busy-user-absolute-timeout&step=9999");
  const diagram = page.getByRole("region", { name: "Sequence diagram" });
  const timeline = page.locator(".timeline .tick");
  // Somewhere in the run the session reached its absolute lifetime.
  let seen = false;
  const total = await timeline.count();
  for (let i = 0; i < total && !seen; i++) {
    await timeline.nth(i).click();
    seen = ((await page.locator(".narration-text").textContent()) ?? "").includes("absolute lifetime");
  }
  expect(seen).toBe(true);
  await expect(page.locator(".lane.server")).toContainText("No sessions");
  await flip(page, "Absolute timeout", "none");
  await page.locator(".timeline .tick").last().click();
  await expect(page.locator(".narration-text")).toContainText("which belongs to Alice");
  await expect(diagram).not.toContainText("absolute");
  await app.expectClean();
});
