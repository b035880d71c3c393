// Teaching, as a student meets it: every term opens its explanation, and
// the defender's challenge is won by keeping Mallory out at no cost to
// Alice (issue 17).
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

// Steps forward until the message on the wire matches `text`, then opens it.
async function openMessage(page, text) {
  for (let i = 0; i < 30; i++) {
    if ((await page.locator(".packet", { hasText: text }).count()) > 0) break;
    await page.keyboard.press("ArrowRight");
  }
  await page.locator(".packet .open-message").focus();
  await page.keyboard.press("Enter");
  return page.getByRole("dialog");
}

test("terms explain themselves: HttpOnly and 303 from a message, a column heading, a reason badge", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=login&cfg=http-only:on");
  const card = page.locator("#term-card");
  await expect(card).toBeHidden();

  // The first Set-Cookie: its HttpOnly attribute, clicked.
  let dialog = await openMessage(page, "Set-Cookie");
  await dialog.getByRole("button", { name: "HttpOnly", exact: true }).click();
  await expect(card).toBeVisible();
  await expect(card).toContainText("Scripts in the page cannot read or change this cookie");
  await expect(card.getByRole("link", { name: "Read more: MDN" })).toHaveAttribute("href", /^https:\/\/developer\.mozilla\.org\//);
  // Escape closes the card first, the message stays open; then the message.
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The 303 after the password, by keyboard alone: focus, Enter, and Tab
  // reaches the card's link next.
  dialog = await openMessage(page, "303 See Other");
  const status = dialog.getByRole("button", { name: "303 See Other" });
  await status.focus();
  await page.keyboard.press("Enter");
  await expect(card).toContainText("See Other: the form was handled; load the Location with a GET");
  await page.keyboard.press("Tab");
  await expect(card.getByRole("link")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // A column heading of the jar.
  await page.locator(".lane.browser").getByRole("button", { name: "SameSite", exact: true }).click();
  await expect(card).toContainText("Whether the cookie rides on requests another site starts");
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();

  // A reason badge: the Secure cookie refused on an http:// shop opens Secure.
  await page.evaluate((h) => (window.location.hash = h), "#v=1&s=hijack-sniffing&cfg=secure:on");
  for (let i = 0; i < 40 && (await page.locator("button.badge.term").count()) === 0; i++) await page.keyboard.press("ArrowRight");
  await page.locator("button.badge.term").first().click();
  await expect(card).toContainText("Sent only over HTTPS");
  // Another run (a link opened) closes the card: it explained this one.
  await page.evaluate((h) => (window.location.hash = h), "#v=1&s=login");
  await expect(card).toBeHidden();
  await app.expectClean();
});

test("defender's challenge: fixation kept out with one change at no cost to Alice, and IP binding's cost shown", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=fixation-url");
  await page.keyboard.press("d");
  const challenge = page.getByRole("region", { name: "Defender's challenge" });
  await expect(challenge).toContainText("Mallory still gets in.");
  await expect(challenge).toContainText("Score: 0 of 100");

  await page.getByLabel("New session ID at login").check();
  await expect(challenge).toContainText("You win: Mallory is kept out with 1 change.");
  await expect(challenge).toContainText("Cost to Alice: none in the everyday scenarios.");
  await expect(challenge).toContainText("Score: 100 of 100");
  // The result travels with the link.
  expect(await page.evaluate(() => window.location.hash)).toContain("regenerate-on-login:on");

  // A second change that costs honest users: binding to the IP address
  // logs out the phone that changes network.
  await page.getByLabel("Bind session to").selectOption("ip");
  await expect(challenge).toContainText("with 2 changes");
  await expect(challenge).toContainText("Binding's price: a phone changes network: the shop serves her as herself on");
  await expect(challenge).toContainText("Score: 70 of 100");
  await challenge.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "target/screenshots/challenge.png" });
  await app.expectClean();
});

test("beginner's pace: a request and its answer as one step, the detailed steps a click away", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=login");
  const count = page.locator(".step-count");
  const narration = page.locator(".narration-text");
  await expect(count).toContainText("Step 1 of");
  await page.keyboard.press("b");
  await expect(page.getByRole("button", { name: "Beginner", exact: true })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => window.location.hash)).toContain("pace=1");
  // One step forward: Alice's first request, the server's answer and the
  // cookie it set, said together.
  await page.keyboard.press("ArrowRight");
  const first = Number((await count.textContent()).match(/Step (\d+) of/)[1]);
  expect(first).toBeGreaterThan(2);
  await expect(narration.locator(".beat-line")).toHaveCount(first);
  await expect(narration).toContainText("sends GET https://shop.example/ with no cookies");
  await expect(narration).toContainText("answers 200 OK");
  await expect(narration).toContainText("cookie jar stores the cookie sessionid");
  // Then the login page, then the password's request and its 303.
  await page.keyboard.press("ArrowRight");
  await expect(narration).toContainText("sends GET https://shop.example/login");
  const second = Number((await count.textContent()).match(/Step (\d+) of/)[1]);
  await page.keyboard.press("ArrowRight");
  await expect(narration).toContainText("sends POST https://shop.example/login");
  await expect(narration).toContainText("303 See Other");
  // Back goes back a whole step; a tick in the timeline opens one detail.
  await page.keyboard.press("ArrowLeft");
  await expect(count).toContainText(`Step ${second} of`);
  await page.getByRole("button", { name: "Step 2:", exact: false }).first().click();
  await expect(count).toContainText("Step 2 of");
  // Its step so far: the request and this detail.
  await expect(narration.locator(".beat-line")).toHaveCount(2);
  // Off again: one event per step.
  await page.keyboard.press("b");
  await page.keyboard.press("ArrowRight");
  await expect(count).toContainText("Step 3 of");
  await app.expectClean();
});

test("class poll: the question fills the screen before the deciding step, the room's answer by key reveals it", async ({ page }) => {
  // A link to the end stops at the question, before the deciding step.
  const app = await openApp(page, "#v=1&s=hijack-sniffing&predict=1&step=9999");
  const question = page.getByRole("region", { name: "Your prediction" });
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: /^Class poll: full screen/ }).click();
  // Full screen: the question covers the window, with the step it stopped at.
  const box = await question.boundingBox();
  const size = page.viewportSize();
  expect(box.width).toBeGreaterThanOrEqual(size.width - 1);
  expect(box.height).toBeGreaterThanOrEqual(size.height - 1);
  await expect(question.locator(".poll-context")).toContainText("Session hijacking by sniffing:");
  await page.screenshot({ path: "target/screenshots/class-poll.png" });
  // The instructor gives the room's answer: A. The outcome is revealed.
  await page.keyboard.press("a");
  await expect(question).toHaveCount(0);
  await expect(page.locator(".seq .row.deciding")).toHaveCount(1);
  await page.evaluate(() => (window.location.hash = "#v=1&s=hijack-sniffing&predict=1&step=9999"));
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("Attacker got in");
  await expect(page.locator(".prediction-result")).toContainText("right");
  await app.expectClean();
});
