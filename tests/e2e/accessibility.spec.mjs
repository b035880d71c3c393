// Accessibility: axe-core (WCAG 2.2 AA and best practice) on every view of
// the page, in light and dark, normal and projector mode. Any violation
// fails the test, and is printed (rule, impact, the elements and why).
// Each view is also photographed at 1280×720 (target/screenshots/), so a
// person can look at what the back row of a classroom would see.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { openApp } from "./helpers.mjs";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, not added as a <script>: the
// page's Content-Security-Policy rightly refuses inline scripts.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(AXE_SOURCE);
  }
  // Let the current arrow's animation finish: axe reads colours as drawn.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
      count: v.nodes.length,
    }));
  }, TAGS);
}

/** Checks the page as it is now; collects violations under `name`. */
async function check(page, found, name, shot) {
  const started = Date.now();
  const violations = await axeViolations(page);
  if (process.env.AXE_TIMING) console.log(`${name}: ${Date.now() - started} ms`);
  if (violations.length) found.push({ view: name, violations });
  if (shot) await page.screenshot({ path: `target/screenshots/${shot}.png` });
}

async function setProjector(page, on) {
  const isOn = await page.locator("main.app.projector").count();
  if (Boolean(isOn) !== on) await page.getByRole("button", { name: "Projector mode" }).click();
  if (on) await expect(page.locator("main.app")).toHaveClass(/projector/);
  else await expect(page.locator("main.app")).not.toHaveClass(/projector/);
}

async function gotoStep(page, scenario, step) {
  await page.evaluate((h) => (window.location.hash = h), `#v=1&s=${scenario}&step=${step}`);
  await expect(page.locator("#scenario-select")).toHaveValue(scenario);
  await expect(page.locator(".step-count")).toContainText(`Step ${step + 1} of`);
}

const MODES = [];
for (const scheme of ["light", "dark"]) for (const projector of [false, true]) MODES.push({ scheme, projector });

for (const { scheme, projector } of MODES) {
  const tag = `${scheme}${projector ? "-projector" : ""}`;
  test(`no accessibility violations on any view (${tag})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    const app = await openApp(page, "#v=1&s=fixation-url");
    await setProjector(page, projector);
    const found = [];

    // Scenarios: every attack in the picker at its first, deciding and last
    // step (the list comes from the page, never from this test).
    const scenarios = await page.locator("#scenario-select option").evaluateAll((os) => os.map((o) => o.value));
    expect(scenarios.length).toBeGreaterThan(2);
    const some = [scenarios[0], "fixation-url", "hijack-sniffing", scenarios[scenarios.length - 1]].filter(
      (s, i, all) => scenarios.includes(s) && all.indexOf(s) === i,
    );
    for (const s of some) {
      await gotoStep(page, s, 0);
      await check(page, found, `${s} first step`, s === "fixation-url" ? `${tag}-scenario-first` : null);
      await page.evaluate((h) => (window.location.hash = h), `#v=1&s=${s}&step=9999`);
      await expect(page.locator(".seq .row.current")).toBeAttached();
      const last = Number(await page.locator(".seq .row.current").getAttribute("data-step"));
      const marks = page.locator(".seq .row.deciding");
      const deciding = (await marks.count()) ? await marks.first().getAttribute("data-step") : null;
      await check(page, found, `${s} last step`, null);
      if (deciding !== null) {
        await gotoStep(page, s, Number(deciding));
        await check(page, found, `${s} deciding step`, `${tag}-${s}-deciding`);
      } else {
        await gotoStep(page, s, last);
      }
    }

    // Defenses open beside the diagram.
    await gotoStep(page, "fixation-url", 2);
    await page.getByRole("button", { name: "Defenses" }).click();
    await expect(page.locator("aside.defenses")).toBeVisible();
    await check(page, found, "defenses open", `${tag}-defenses`);
    await page.getByRole("button", { name: "Defenses" }).click();

    // The message dialog and the help dialog.
    await page.locator(".open-message").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await check(page, found, "message dialog", `${tag}-message-dialog`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /^Help/ }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await check(page, found, "help dialog", `${tag}-help`);
    await page.keyboard.press("Escape");

    // Predict, then reveal: the question in place of the verdict.
    await page.evaluate((h) => (window.location.hash = h), "#v=1&s=hijack-sniffing&predict=1&step=9999");
    await expect(page.locator(".verdict.predict")).toBeVisible();
    // Nothing on the page gives the answer away before the student predicts.
    await expect(page.locator(".seq-rows")).not.toContainText("got in");
    await expect(page.locator(".seq-rows")).not.toContainText("kept out");
    await expect(page.locator(".timeline .tick.deciding")).toHaveCount(0);
    await check(page, found, "prediction pending", `${tag}-predict`);

    // Every lab, from the main navigation (names from the page).
    const nav = page.getByRole("navigation", { name: "Main" });
    const labs = await nav.getByRole("button").evaluateAll((bs) => bs.map((b) => b.textContent.trim()));
    for (const name of labs) {
      if (name === "Scenarios") continue;
      await nav.getByRole("button", { name, exact: true }).click();
      await expect(page.locator("main.app.lab-view")).toBeVisible();
      if (name === "Defense matrix") await expect(page.locator("table.matrix")).toBeVisible({ timeout: 30_000 });
      if (name === "Session-ID lab") await expect(page.locator(".id-cards .id-card").first()).toBeVisible({ timeout: 30_000 });
      await check(page, found, `lab: ${name}`, `${tag}-lab-${name.toLowerCase().replace(/[^a-z]+/g, "-")}`);
    }

    if (found.length) {
      console.log(`axe violations (${tag}):\n` + JSON.stringify(found, null, 2));
    }
    const total = found.reduce((n, f) => n + f.violations.reduce((m, v) => m + v.count, 0), 0);
    expect(found, `${total} accessibility violation(s) in ${found.length} view(s); printed above`).toEqual([]);
    await app.expectClean();
  });
}
