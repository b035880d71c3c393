// The labs, used as a student would: reach each from the main navigation,
// type and choose, read what the engine answers; every lab's state survives
// the shareable link.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";
import { readFileSync } from "node:fs";

const nav = (page) => page.getByRole("navigation", { name: "Main" });

test("cookie lab: a typed Secure line over http:// gets its reason badge", async ({ page }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Cookie lab" }).click();
  await expect(page.getByRole("heading", { name: "Cookie lab" })).toBeVisible();
  await page.getByLabel("Response URL", { exact: true }).fill("http://shop.example/login");
  await page.getByLabel("Set-Cookie lines", { exact: true }).fill("Set-Cookie: sid=abc; Secure\ntheme=<b>dark</b>");
  await page.getByLabel("Request URL", { exact: true }).fill("http://shop.example/");
  const output = page.locator(".lab-output");
  await expect(output.locator(".badge", { hasText: "SecureOnly" })).toBeVisible();
  // What a student typed is text, never markup.
  await expect(output.locator(".cookie-sent")).toHaveText("Cookie: theme=<b>dark</b>");
  await expect(output.locator("b")).toHaveCount(0);
  await expect(page.locator("table.jar tbody tr")).toHaveCount(1);
  await app.expectClean();
});

test("cookie lab: a tab inside a cookie's value is refused, as Chromium refuses it; a space is kept", async ({ page }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Cookie lab" }).click();
  await page.getByLabel("Response URL", { exact: true }).fill("https://shop.example/");
  await page.getByLabel("Set-Cookie lines", { exact: true }).fill("Set-Cookie: tabbed=x\ty\nSet-Cookie: spaced=x y");
  await page.getByLabel("Request URL", { exact: true }).fill("https://shop.example/");
  const output = page.locator(".lab-output");
  await expect(output.locator(".badge", { hasText: "DisallowedCharacter" })).toBeVisible();
  await expect(output.locator(".cookie-sent")).toHaveText("Cookie: spaced=x y");
  await expect(page.locator("table.jar tbody tr")).toHaveCount(1);
  await app.expectClean();
});

test("cookie lab: presets teach, time passes, a script reads, and the link keeps it all", async ({ page, context }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Cookie lab" }).click();
  await page.getByRole("button", { name: "Max-Age against Expires" }).click();
  const output = page.locator(".lab-output");
  await expect(output).toContainText("Expired and deleted: short");
  await expect(output.locator(".cookie-sent")).toHaveText("Cookie: dated=2");
  // Let five more minutes pass: the dated cookie goes too.
  await page.getByLabel("Wait", { exact: true }).fill("10");
  await expect(page.getByLabel("Unit", { exact: true })).toHaveValue("60");
  await expect(output.locator(".cookie-sent")).toContainText("no Cookie header");

  await page.getByRole("button", { name: "An HttpOnly cookie written from a script" }).click();
  await expect(output.locator(".script-view")).toHaveText('"note=hello"');
  await expect(output.locator(".hidden-from-script .badge")).toHaveText(/HttpOnly/);

  await page.getByRole("button", { name: "SameSite=None without Secure" }).click();
  await expect(output.locator(".badge", { hasText: "SameSiteNoneInsecure" })).toBeVisible();
  await expect(output.locator(".excluded .badge")).toHaveText(/SameSiteUnspecifiedTreatedAsLax/);
  // A cross-site link (a top-level GET) carries the Lax-by-default cookie.
  await page.getByLabel("Who asks", { exact: true }).selectOption("nav");
  await expect(output.locator(".cookie-sent")).toContainText("c=3");
  // A cross-site POST five minutes later does not.
  await page.getByLabel("Method", { exact: true }).selectOption("post");
  await page.getByLabel("Wait", { exact: true }).fill("300");
  await expect(output.locator(".excluded .badge")).toHaveText(/SameSiteUnspecifiedTreatedAsLax/);

  // The link reopens the same lab with the same inputs.
  const url = page.url();
  expect(url).toContain("view=cookie");
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole("heading", { name: "Cookie lab" })).toBeVisible();
  await expect(other.getByLabel("Set-Cookie lines", { exact: true })).toHaveValue(await page.getByLabel("Set-Cookie lines", { exact: true }).inputValue());
  await expect(other.getByLabel("Method", { exact: true })).toHaveValue("post");
  await expect(other.locator(".excluded .badge")).toHaveText(/SameSiteUnspecifiedTreatedAsLax/);
  await app.expectClean();
});

test("cookie lab: a malformed lab field in a link is a notice, not a crash", async ({ page }) => {
  const app = await openApp(page, "#v=1&view=cookie&ck-wait=soon&ck-ctx=sideways&ck-set=%ZZ");
  await expect(page.getByRole("heading", { name: "Cookie lab" })).toBeVisible();
  await expect(page.locator(".notices")).toContainText("could not be read");
  await expect(page.locator("table.jar")).toBeVisible();
  await app.expectClean();
});

// 10,000 IDs per generator are enough for every reading below; the time
// 100,000 take is the benchmark's to report (scripts/bench), not a test's.
test("session-ID lab: 10,000 IDs per generator, entropy read, the hash of a counter predicted", async ({ page }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Session-ID lab" }).click();
  // The default 1,000 are made on opening.
  await expect(page.locator(".id-lab .timing")).toContainText("1,000 per generator", { timeout: 20_000 });
  await page.getByLabel("IDs per generator", { exact: true }).fill("10000");
  await page.getByRole("button", { name: "Generate and measure" }).click();
  const timing = page.locator(".id-lab .timing");
  await expect(timing).toContainText("10,000 per generator", { timeout: 60_000 });

  const card = (label) => page.locator(`.id-card[data-generator="${label}"]`);
  const entropy = async (label) => Number((await card(label).locator(".entropy").textContent()).match(/([\d.]+) bits/)[1]);
  expect(await entropy("CSPRNG, 128 bits")).toBeGreaterThan(127);
  expect(await entropy("CSPRNG, 64 bits")).toBeGreaterThan(63);
  expect(await entropy("sequential counter")).toBeLessThan(24);
  await expect(card("CSPRNG, 128 bits").locator(".prediction")).toContainText("No pattern");
  await expect(card("CSPRNG, 128 bits").locator(".collisions")).toHaveText("none");
  await expect(card("hash of a counter").locator(".prediction")).toContainText("✗ predicted");
  await expect(card("sequential counter").locator(".prediction")).toContainText("✗ predicted");
  await expect(page.locator(".id-lab .lesson")).toContainText("hash of a counter");
  await expect(page.getByRole("img", { name: /Expected time to guess/ })).toBeVisible();
  expect(page.url()).toContain("ids-n=10000");
  await app.expectClean();
});

test("session-ID lab: the guess-time plot follows the guess rate, and a bad count is a message", async ({ page }) => {
  const app = await openApp(page, "#v=1&view=ids&ids-n=500&ids-rate=10000&ids-live=100000");
  await expect(page.locator(".id-lab .timing")).toContainText("500 per generator", { timeout: 20_000 });
  await expect(page.locator('.id-card[data-generator="CSPRNG, 64 bits"] .guess-time')).toContainText("years");
  await page.getByLabel("IDs per generator", { exact: true }).fill("lots");
  await page.getByRole("button", { name: "Generate and measure" }).click();
  await expect(page.getByRole("alert")).toContainText("from 10 to 100,000");
  await app.expectClean();
});

test("defense matrix: every cell computed in the page; a cell opens that exact run at its deciding step", async ({ page }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Defense matrix" }).click();
  const timing = page.locator(".matrix-lab .timing");
  await expect(timing).toContainText("runs", { timeout: 20_000 });
  // Undefended, sniffing gets in. Against a passive sniffer HTTPS alone now
  // keeps it out (the browser upgrades the old http:// bookmark); against an
  // attacker who blocks port 443 it does not (silent fallback to http://);
  // with HSTS preload it is kept out. Icon and word, reason in the name.
  const open = page.getByRole("button", { name: /^Session hijacking by sniffing with No defense: attacker got in\./ });
  await expect(open).toContainText("✗ in");
  await expect(page.getByRole("button", { name: /^Session hijacking by sniffing with HTTPS: attacker kept out\./ })).toContainText("✓ out");
  await expect(page.getByRole("button", { name: /^Sniffing with an active attacker with HTTPS: attacker got in\./ })).toContainText("✗ in");
  const https = page.getByRole("button", { name: /^Session hijacking by sniffing with HSTS preload: attacker kept out\./ });
  await expect(https).toContainText("✓ out");
  // Keyboard: focus the cell and press Enter.
  await https.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#scenario-select")).toHaveValue("hijack-sniffing");
  await expect(page.locator(".timeline .tick.current")).toHaveClass(/deciding/);
  await page.getByRole("button", { name: "Defenses" }).click();
  await expect(page.getByLabel("Shop served over", { exact: true })).toHaveValue("https");
  await expect(page.getByLabel("HSTS", { exact: true })).toHaveValue("preloaded");
  await expect(page).toHaveURL(/cfg=scheme:https/);
  await app.expectClean();
});

test("defense matrix: a new seed computes it again", async ({ page }) => {
  await openApp(page, "#v=1&view=matrix&seed=7");
  const timing = page.locator(".matrix-lab .timing");
  await expect(timing).toContainText("seed 7", { timeout: 20_000 });
  await page.getByLabel("Seed", { exact: true }).fill("8");
  await page.getByRole("button", { name: "Run with this seed" }).click();
  await expect(timing).toContainText("seed 8", { timeout: 20_000 });
  // As many cells as the page says it computed: attacks × columns, both
  // read from the page (the catalog decides them, not this test).
  const [, attacks, columns] = (await timing.textContent()).match(/\((\d+) attacks × (\d+) columns\)/).map(Number);
  await expect(page.locator(".matrix tbody tr")).toHaveCount(attacks);
  await expect(page.locator(".matrix thead th")).toHaveCount(columns + 1);
  await expect(page.locator(".matrix .cell")).toHaveCount(attacks * columns);
});

test("export: the traffic as HAR 1.2 passes har-validator, the event log is JSON", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=hijack-sniffing&step=9999");
  // The exports are a menu that steps aside until opened.
  await page.getByText("Export", { exact: true }).click();
  const [har] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Traffic (HAR)" }).click(),
  ]);
  expect(har.suggestedFilename()).toBe("session-lab-hijack-sniffing-seed2026.har");
  const doc = JSON.parse(readFileSync(await har.path(), "utf8"));
  const { default: validator } = await import("har-validator");
  // har-validator resolves with the document when it is valid and rejects
  // with the schema errors when it is not.
  let errors = null;
  try {
    await validator.har(doc);
  } catch (e) {
    errors = e.errors ?? [String(e)];
  }
  console.log(`[measure] HAR validation (har-validator 5.1.5, HAR 1.2 schema): ${errors === null ? "valid" : JSON.stringify(errors)}`);
  expect(errors).toBeNull();
  // And it does reject a broken one.
  await expect(validator.har({ log: { version: "1.2", entries: [{}] } })).rejects.toBeTruthy();
  expect(doc.log.version).toBe("1.2");
  expect(doc.log.entries.length).toBeGreaterThan(3);
  expect(doc.log.entries[0].startedDateTime).toMatch(/^2026-03-02T09:00:\d\d\.\d{3}Z$/);
  // The sniffed session cookie travels in clear in the captured traffic.
  expect(doc.log.entries.some((e) => e.request.cookies.some((c) => c.name === "sessionid"))).toBe(true);

  const [log] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Event log (JSON)" }).click(),
  ]);
  const events = JSON.parse(readFileSync(await log.path(), "utf8"));
  expect(events.scenario).toBe("hijack-sniffing");
  expect(events.verdict.attackerGotIn).toBe(true);
  expect(events.events.length).toBe(Number((await page.locator(".step-count").textContent()).match(/of (\d+)/)[1]));
  await app.expectClean();
});

test("predict first, switched on from the page: the question comes before the deciding step, and progress keeps score", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=hijack-xss&step=9999");
  await page.getByRole("button", { name: "Predict first" }).click();
  await expect(page.getByRole("button", { name: "Predict first" })).toHaveAttribute("aria-pressed", "true");
  expect(page.url()).toContain("predict=1");
  const question = page.getByRole("region", { name: "Your prediction" });
  await expect(question).toContainText("Will the attacker get in?");
  // Held before the deciding step: nothing on screen gives the answer away.
  await expect(page.getByRole("region", { name: "Verdict" })).toHaveCount(0);
  await expect(page.locator(".timeline .tick.deciding")).toHaveCount(0);
  await expect(page.locator(".seq-rows")).not.toContainText("got in");
  await expect(page.locator(".seq-rows")).not.toContainText("kept out");
  const count = page.locator(".step-count");
  const [at, total] = (await count.textContent()).match(/\d+/g).map(Number);
  expect(at).toBeLessThan(total);
  await expect(page.locator(".timeline .tick.locked").first()).toBeDisabled();
  await expect(page.locator(".timeline .tick:not(.locked)")).toHaveCount(at);
  await expect(page.getByRole("button", { name: "Step forward" })).toBeDisabled();
  await page.keyboard.press("ArrowRight");
  await expect(count).toHaveText(`Step ${at} of ${total}`);

  // The answer reveals the deciding step, and the run goes on to its verdict.
  await question.getByRole("button", { name: "No, they are kept out" }).click();
  await expect(count).toHaveText(`Step ${at + 1} of ${total}`);
  await expect(page.locator(".timeline .tick.deciding")).toHaveCount(1);
  await page.locator(".timeline .tick").last().click();
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("Attacker got in");
  await expect(page.locator(".prediction-result")).toContainText("wrong");

  // With HttpOnly the same scenario is a new question.
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("HttpOnly", { exact: true }).check();
  await page.getByRole("button", { name: "Hide (D)" }).click();
  await page.getByRole("button", { name: "No, they are kept out" }).click();
  await page.locator(".timeline .tick").last().click();
  await expect(page.locator(".prediction-result")).toContainText("right");

  await nav(page).getByRole("button", { name: "My predictions" }).click();
  await expect(page.locator(".progress-lab .summary")).toHaveText("1 right, 1 wrong, over 2 run(s).");
  await expect(page.getByRole("row", { name: /Session hijacking by XSS/ })).toContainText("2 run(s)");
  await expect(page.getByRole("row", { name: /Cross-site request forgery/ })).toContainText("not seen yet");

  // Kept across a reload; a reset clears them.
  await page.reload();
  await expect(page.locator(".progress-lab .summary")).toHaveText("1 right, 1 wrong, over 2 run(s).");
  await page.getByRole("button", { name: "Reset my predictions" }).click();
  await expect(page.locator(".progress-lab .summary")).toHaveText("0 right, 0 wrong, over 0 run(s).");
  await app.expectClean();
});

test("predict: unreadable saved predictions are dropped with a notice", async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("session-lab/predictions/v1", "1\ncsrf||y|y\n<garbage>\n");
      sessionStorage.setItem("seeded", "1");
    }
  });
  await page.goto("./#v=1&predict=1&view=progress");
  await expect(page.locator(".notices")).toContainText("1 saved prediction(s) could not be read");
  await expect(page.locator(".progress-lab .summary")).toHaveText("1 right, 0 wrong, over 1 run(s).");
});

test("compare: one setting changed, the first divergence marked, verdicts side by side", async ({ page, context }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Compare" }).click();
  await page.getByLabel("Scenario", { exact: true }).selectOption("csrf");
  await page.getByLabel("Setting", { exact: true }).selectOption("same-site");
  await page.getByLabel("B's value", { exact: true }).selectOption("strict");
  const a = page.getByRole("region", { name: /^A: SameSite/ });
  const b = page.getByRole("region", { name: /^B: SameSite: Strict/ });
  await expect(a.locator(".verdict")).toContainText("Attacker got in");
  await expect(b.locator(".verdict")).toContainText("Attacker kept out");
  await expect(a.locator("li.diverge .diverge-mark")).toHaveText("⚑ First difference: ");
  await expect(b.locator("li.diverge")).toHaveCount(1);
  const step = Number((await page.locator(".compare-summary").textContent()).match(/step (\d+)/)[1]);
  // Everything before the mark is the same in both runs, and folded: the
  // first difference is in view at once, with what changed marked.
  await expect(b.locator(".same-steps summary")).toHaveText(`Steps 1–${step - 1}: the same in both runs`);
  for (let i = 0; i < step - 1; i++) {
    await expect(b.locator("ol.steps li").nth(i)).toHaveText(await a.locator("ol.steps li").nth(i).textContent());
  }
  await expect(b.locator("li.diverge")).toBeInViewport();
  await expect(b.locator("li.diverge .changed-line mark")).toContainText("Strict");
  // A header whose narration is the same in both runs: the changed
  // Set-Cookie line shows, "; HttpOnly" marked.
  await page.getByLabel("Scenario", { exact: true }).selectOption("login");
  await page.getByLabel("Setting", { exact: true }).selectOption("http-only");
  const withHttpOnly = page.getByRole("region", { name: /^B: HttpOnly: on/ });
  await expect(withHttpOnly.locator("li.diverge .changed-line")).toContainText("Set-Cookie: sessionid=");
  await expect(withHttpOnly.locator("li.diverge .changed-line mark")).toHaveText("; HttpOnly");
  await page.getByLabel("Scenario", { exact: true }).selectOption("csrf");
  await page.getByLabel("Setting", { exact: true }).selectOption("same-site");
  await page.getByLabel("B's value", { exact: true }).selectOption("strict");
  // The link reopens the same comparison.
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("region", { name: /^B: SameSite: Strict/ }).locator("li.diverge")).toHaveCount(1);
  await other.close();
  // And run B opens in the scenarios view at the first difference.
  await b.getByRole("button", { name: "Open this run at the first difference" }).click();
  await expect(page.locator(".step-count")).toContainText(`Step ${step} of`);
  await expect(page.locator("#scenario-select")).toHaveValue("csrf");
  await app.expectClean();
});

test("guide: a lesson plan with its worksheet and exit ticket, printable on A4 and Letter", async ({ page }) => {
  const app = await openApp(page);
  await nav(page).getByRole("button", { name: "Guide" }).click();
  const guide = page.locator(".guide");
  await expect(page.getByRole("heading", { name: /Instructor guide/ })).toBeVisible();
  for (const part of ["Learning objectives", "The 50 minutes", "Misconceptions to address", "Discussion questions", "Prediction worksheet", "Exit ticket"]) {
    await expect(page.getByRole("heading", { name: part })).toBeVisible();
  }
  // Four scenarios in 50 minutes, not the whole catalogue.
  await expect(guide.locator("table.plan:not(.worksheet) tbody tr")).toHaveCount(5);
  await guide.getByText("Answer key").click();
  await expect(guide.locator(".answers li")).toHaveCount(5);
  // A misconception's link opens the step that refutes it.
  await guide.getByRole("link", { name: "Sniffing with Secure on" }).click();
  await expect(page.locator("#scenario-select")).toHaveValue("hijack-sniffing");
  await expect(page.locator(".timeline .tick.deciding.current")).toHaveCount(1);
  // The keyboard reaches the navigation.
  await nav(page).getByRole("button", { name: "Guide" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Instructor guide/ })).toBeVisible();

  // Printed: nothing runs past the printable width of A4 or Letter (about
  // 7 inches with the browser's margins), and the worksheet and the exit
  // ticket are in the print.
  await page.emulateMedia({ media: "print" });
  for (const [paper, width] of [["A4", 718], ["Letter", 720]]) {
    await page.setViewportSize({ width, height: 1000 });
    const over = await page.evaluate((w) => [...document.querySelectorAll(".guide *")]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5)
      .map((e) => e.tagName + ":" + e.textContent.slice(0, 40)), width);
    expect(over, `${paper}: cut off`).toEqual([]);
    await expect(page.locator("header.top")).toBeHidden();
    await expect(guide.locator("table.worksheet")).toBeVisible();
  }
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(1000);
  await app.expectClean();
});

test("end cards: a run ends on how it ended and what to try next, and trying it changes the ending", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=login&step=9999");
  const card = page.getByRole("region", { name: "How it ended" });
  // Logging in: the ID Alice's browser presents did not change at login.
  await expect(card).toContainText("kept presenting the same session ID");
  await card.getByRole("button", { name: /^Try it: New session ID at login: on$/ }).click();
  await expect(card).toContainText("the server gave her a new session ID");
  await expect(card.getByRole("button", { name: /^Next scenario:/ })).toBeVisible();

  // An attack that got in names its deciding step and what would have
  // kept Mallory out; trying the first keeps her out.
  await page.evaluate((h) => (window.location.hash = h), "#v=1&s=hijack-sniffing&step=9999");
  const deciding = Number((await page.getByRole("button", { name: /Jump to the deciding step/ }).textContent()).match(/\d+/)[0]);
  await expect(card).toContainText(`Step ${deciding} decided it:`);
  await expect(card).toContainText("Any one of these would have kept Mallory out:");
  const tryIt = card.getByRole("button", { name: /^Try it:/ });
  await tryIt.click();
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("Attacker kept out");
  await expect(card).toContainText("What keeps Mallory out here");
  // Not at the end, no card.
  await page.getByRole("button", { name: "Step back" }).click();
  await expect(card).toHaveCount(0);
  await app.expectClean();
});
