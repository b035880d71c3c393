// The layout fits the room: at 1280×720, normal and projector mode, light
// and dark, the diagram, the current message, the jar, the store and the
// verdict are on screen without scrolling the page, and no table column is
// cut off (every table fits its lane). Every attack is checked at its
// deciding step, and photographed.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

async function fits(page) {
  return page.evaluate(() => {
    const vh = window.innerHeight;
    const seen = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return `${sel}: missing`;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= vh + 1 && r.height > 0 ? null : `${sel}: ${Math.round(r.top)}..${Math.round(r.bottom)} of ${vh}`;
    };
    const problems = [".seq-rows .row.current", ".lane.network", ".verdict", ".narration"].map(seen).filter(Boolean);
    // Tables: at least their first row on screen, inside the visible part
    // of every box that scrolls or clips it (the details column scrolls on
    // its own: a row under its fold is as unseen as one under the page's),
    // and none wider than its lane.
    const clip = (el) => {
      let top = 0, bottom = vh;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowY === "visible") continue;
        const r = a.getBoundingClientRect();
        top = Math.max(top, r.top);
        bottom = Math.min(bottom, r.bottom);
      }
      return { top, bottom };
    };
    for (const sel of [".lane.browser table.jar", ".lane.server table.sessions"]) {
      const el = document.querySelector(sel);
      if (!el) continue;
      const tr = el.querySelector("tbody tr");
      const row = tr.getBoundingClientRect();
      const { top, bottom } = clip(tr);
      if (row.top < top - 1 || row.bottom > bottom + 1)
        problems.push(`${sel}: first row at ${Math.round(row.top)}..${Math.round(row.bottom)}, visible ${Math.round(top)}..${Math.round(bottom)}`);
    }
    for (const t of document.querySelectorAll(".details table")) {
      const lane = t.closest(".lane");
      if (t.scrollWidth > lane.clientWidth + 1) problems.push(`${t.className} is ${t.scrollWidth}px in a ${lane.clientWidth}px lane`);
    }
    const page = document.scrollingElement;
    if (page.scrollHeight > page.clientHeight + 1) problems.push(`the page scrolls: ${page.scrollHeight} > ${page.clientHeight}`);
    return problems;
  });
}

// The diagram's text as the room sees it: the font size times the
// drawing's scale on screen (the SVG may be scaled to its box).
async function diagramTextPx(page) {
  return page.evaluate(() => {
    const px = (sel) =>
      Math.min(
        ...[...document.querySelectorAll(sel)].map(
          (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        ),
      );
    return { label: px(".seq .msg-label"), chip: px(".seq .chip text") };
  });
}

for (const scheme of ["light", "dark"]) {
  for (const projector of [false, true]) {
    const tag = `${scheme}${projector ? "-projector" : ""}`;
    test(`at 1280×720 the step's essentials are on screen, no column cut (${tag})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      const app = await openApp(page, "#v=1&s=fixation-url&step=9999");
      if (projector) {
        await page.getByRole("button", { name: "Projector mode" }).click();
        // For the back row: narration and verdict at 24 px or more.
        const sizes = await page.evaluate(() =>
          [".narration-text", ".verdict .verdict-word", ".verdict .verdict-reason"].map((sel) => [
            sel,
            parseFloat(getComputedStyle(document.querySelector(sel)).fontSize),
          ]),
        );
        console.log(`projector font sizes (${scheme}): ${JSON.stringify(sizes)}`);
        for (const [sel, px] of sizes) expect(px, sel).toBeGreaterThanOrEqual(24);
      }
      const attacks = await page.locator('#scenario-select optgroup[label="Attacks"] option').evaluateAll((os) => os.map((o) => o.value));
      const problems = [];
      for (const s of attacks) {
        await page.evaluate((h) => (window.location.hash = h), `#v=1&s=${s}&step=9999`);
        await expect(page.locator("#scenario-select")).toHaveValue(s);
        const deciding = page.locator(".seq .row.deciding");
        if (await deciding.count()) {
          const step = Number(await deciding.getAttribute("data-step"));
          await page.evaluate((h) => (window.location.hash = h), `#v=1&s=${s}&step=${step}`);
          await expect(page.locator(".step-count")).toContainText(`Step ${step + 1} of`);
        }
        await page.screenshot({ path: `target/screenshots/layout-${tag}-${s}.png` });
        for (const p of await fits(page)) problems.push(`${s}: ${p}`);
        // Arrow labels at 14 px or more as rendered, chips at 12 px (more
        // in projector mode): legible from the room, not scaled down.
        const text = await diagramTextPx(page);
        console.log(`${tag} ${s}: labels ${text.label.toFixed(1)} px, chips ${text.chip.toFixed(1)} px`);
        const [label, chip] = projector ? [16, 14] : [14, 12];
        if (text.label < label - 0.05) problems.push(`${s}: arrow labels ${text.label.toFixed(1)} px < ${label}`);
        if (text.chip < chip - 0.05) problems.push(`${s}: chips ${text.chip.toFixed(1)} px < ${chip}`);
      }
      expect(problems).toEqual([]);
      await app.expectClean();
    });
  }
}
