// The sequence diagram: a student follows a whole attack in it by keyboard
// alone, and its exports open (the SVG parses and shows every message; the
// Mermaid text has one arrow per message).
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { openApp } from "./helpers.mjs";

const rows = (page) => page.locator(".seq .row");
const stepCount = (page) => page.locator(".step-count");

async function totalSteps(page) {
  const text = await stepCount(page).textContent();
  return Number(/of (\d+)/.exec(text)[1]);
}

test("a whole attack, followed in the diagram by keyboard alone", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=fixation-url");
  const total = await totalSteps(page);
  await expect(rows(page)).toHaveCount(1);
  await page.locator("body").focus();
  for (let step = 1; step < total; step++) {
    await page.keyboard.press("ArrowRight");
    // Past rows stay, the current one is drawn, later ones are not there yet.
    await expect(rows(page)).toHaveCount(step + 1);
    const current = page.locator(".seq .row.current");
    await expect(current).toHaveAttribute("data-step", String(step));
    await expect(current.locator(".row-hit")).toHaveAttribute("aria-current", "step");
    await expect(current).toBeInViewport();
  }
  // Every message names its sender and receiver.
  const labels = await page.locator(".seq .msg .row-hit").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label).toMatch(/^Step \d+: .+ → .+: /);
  expect(labels.some((l) => l.startsWith("Step 1: Mallory's browser → shop.example"))).toBe(true);
  // The deciding step is marked once the verdict is known.
  await expect(page.locator(".seq .row.deciding")).toHaveCount(1);
  await expect(page.locator(".seq .row.deciding .row-hit")).toHaveAttribute("aria-label", /Deciding step/);
  // The ID Alice logs in with carries the badge: the attacker knows it.
  await expect(page.locator(".seq .chip.known").first()).toBeAttached();
  await page.screenshot({ path: "target/screenshots/diagram-fixation-deciding.png" });

  // The diagram is one tab stop (the current row); the arrow keys move
  // between rows. Tab to it, go up to a message before the deciding
  // step, press Enter: the cursor goes there.
  const focusedStep = () =>
    page.evaluate(() => document.activeElement?.closest?.(".seq .row")?.getAttribute("data-step") ?? null);
  let stops = 0;
  for (let i = 0; i < 80 && (await focusedStep()) === null; i++) await page.keyboard.press("Tab");
  expect(await focusedStep(), "the diagram takes the focus").toBe(String(total - 1));
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if ((await focusedStep()) !== null) stops++;
    else break;
  }
  expect(stops, "one tab stop for the whole diagram").toBe(0);
  await page.keyboard.press("Shift+Tab");
  const deciding = Number(await page.locator(".seq .row.deciding").getAttribute("data-step"));
  let focused = null;
  for (let i = 0; i < total; i++) {
    await page.keyboard.press("ArrowUp");
    focused = await page.evaluate(() => document.activeElement?.closest?.(".seq .msg")?.getAttribute("data-step") ?? null);
    if (focused !== null && Number(focused) < deciding) break;
  }
  expect(focused, "a message before the deciding step takes the focus").not.toBeNull();
  await page.keyboard.press("Enter");
  await expect(stepCount(page)).toContainText(`Step ${Number(focused) + 1} of ${total}`);
  await expect(page.locator(".seq .row.deciding")).toHaveCount(0);
  await app.expectClean();
});

test("a click on an arrow moves the cursor there", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=hijack-sniffing&step=9999");
  const total = await totalSteps(page);
  await expect(rows(page)).toHaveCount(total);
  await page.locator('.seq .row[data-step="2"]').click();
  await expect(stepCount(page)).toContainText(`Step 3 of ${total}`);
  await expect(rows(page)).toHaveCount(3);
  await app.expectClean();
});

test("the diagram's exports open: the SVG parses with every message, Mermaid has one arrow per message", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=hijack-sniffing&step=9999");
  const messages = await page.locator(".seq .msg").count();
  expect(messages).toBeGreaterThan(0);
  const messageLabels = await page.locator(".seq .msg .msg-label").allTextContents();
  // The exports are a menu that steps aside until opened.
  await page.getByText("Export", { exact: true }).click();

  const [svgDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Diagram (SVG)" }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await readFile(await svgDownload.path(), "utf8");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      root: doc.documentElement.localName,
      messages: doc.querySelectorAll("g.msg").length,
      labels: [...doc.querySelectorAll("g.msg > text")].map((t) => t.textContent.trim()),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe("svg");
  expect(parsed.messages).toBe(messages);
  for (const label of messageLabels) expect(parsed.labels).toContain(label.trim());

  const [mmdDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Diagram (Mermaid)" }).click(),
  ]);
  const mermaid = await readFile(await mmdDownload.path(), "utf8");
  expect(mermaid.startsWith("sequenceDiagram\n")).toBe(true);
  const arrows = mermaid.split("\n").filter((line) => /^\s*\w+(->>|-->>|--\)|-\))\w+:/.test(line));
  expect(arrows.length).toBe(messages);
  await app.expectClean();
});

test("print: the diagram and the narration, no controls", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=fixation-url&step=9999");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".narration")).toBeVisible();
  await expect(page.locator(".seq-rows")).toBeVisible();
  for (const control of [".playback", "header.top", ".details", ".exports"]) {
    await expect(page.locator(control).first()).toBeHidden();
  }
  // The whole diagram, not a scroll box's window of it.
  const box = await page.locator(".diagram-scroll").evaluate((el) => [el.scrollHeight, el.clientHeight]);
  expect(box[0]).toBeLessThanOrEqual(box[1] + 1);
  await page.pdf({ path: "target/screenshots/print-fixation.pdf" });
  await app.expectClean();
});
