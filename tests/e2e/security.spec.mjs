// The security of the page itself: it loads nothing from any other origin,
// its Content-Security-Policy is never violated, and whatever a user can
// put into it (the link's hash, saved state) is shown as text, never run as
// markup, through every kind of interaction a class would use.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

// Every request that leaves the page's origin is recorded and stopped
// before it reaches the network.
async function blockOtherOrigins(page) {
  const origin = new URL(test.info().project.use.baseURL).origin;
  const foreign = [];
  await page.route(
    (url) => url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin,
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  page.on("websocket", (ws) => foreign.push(`websocket ${ws.url()}`));
  return foreign;
}

// Resource attributes in the DOM that point anywhere but here.
async function foreignResources(page) {
  return page.evaluate(() => {
    const bad = [];
    // Links to elsewhere are not loads; everything else with a URL is.
    for (const el of document.querySelectorAll("[src], [href], [srcset], [data], [action], [formaction]")) {
      if (el.tagName === "A" || el.tagName === "AREA") continue;
      for (const attr of ["src", "href", "srcset", "data", "action", "formaction"]) {
        const v = el.getAttribute(attr);
        if (v === null) continue;
        const url = new URL(v, document.baseURI);
        if (url.protocol === "data:" && el.tagName === "LINK") continue;
        if (url.origin !== location.origin) bad.push(`<${el.tagName.toLowerCase()} ${attr}="${v}">`);
      }
    }
    return bad;
  });
}

test("nothing is loaded from another origin and the CSP holds, through every kind of interaction", async ({ page }) => {
  const foreign = await blockOtherOrigins(page);
  const app = await openApp(page);

  // The policy comes before anything it governs.
  const order = await page.evaluate(() =>
    [...document.head.children].map((el) => (el.matches('meta[http-equiv="Content-Security-Policy"]') ? "csp" : el.tagName.toLowerCase())),
  );
  expect(order.indexOf("csp")).toBeGreaterThanOrEqual(0);
  for (const tag of ["script", "link", "style"]) {
    const first = order.indexOf(tag);
    if (first >= 0) expect(order.indexOf("csp"), `CSP before the first <${tag}>`).toBeLessThan(first);
  }

  // Every scenario, played to its last step.
  const ids = await page.locator("#scenario-select option").evaluateAll((os) => os.map((o) => o.value));
  expect(ids.length).toBeGreaterThan(1);
  for (const id of ids) {
    await page.locator("#scenario-select").selectOption(id);
    await page.locator(".timeline button.tick").last().click();
    await expect(page.locator(".step-count")).toHaveText(/Step (\d+) of \1$/);
  }

  // The defenses drawer, a toggle and a choice.
  await page.locator("#scenario-select").selectOption("login");
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("HttpOnly", { exact: true }).check();
  await page.getByLabel("SameSite").selectOption("strict");

  // The help overlay.
  await page.locator("body").click({ position: { x: 5, y: 700 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");

  // A message opened in full.
  await page.locator(".timeline button.tick").first().click();
  for (let i = 0; i < 12 && (await page.locator(".packet .open-message").count()) === 0; i++) {
    await page.getByRole("button", { name: "Step forward" }).click();
  }
  await page.locator(".packet .open-message").first().click();
  await expect(page.getByRole("dialog")).toContainText("HTTP/1.1");
  await page.keyboard.press("Escape");

  // Projector mode, autoplay, a reload from saved state.
  await page.keyboard.press("p");
  await page.getByLabel("Speed").selectOption("400");
  const before = await page.locator(".step-count").textContent();
  await page.getByRole("button", { name: "Play" }).click();
  // Autoplay has moved on by a step: then reload mid-play.
  await expect(page.locator(".step-count")).not.toHaveText(before);
  await page.reload();
  await expect(page.locator("main.app")).toBeVisible();

  expect(await foreignResources(page), "resources from another origin in the DOM").toEqual([]);
  expect(foreign, "requests to another origin").toEqual([]);
  await app.expectClean();
});

const PAYLOADS = [
  "<img src=x onerror=window.__xss=1>",
  '"><script>window.__xss=1</script>',
  "javascript:window.__xss=1",
  "<svg onload=window.__xss=1>",
  "'><iframe srcdoc=x onload=window.__xss=1>",
  "<a href=javascript:window.__xss=1>x</a>",
];

// Catches a payload that runs: its assignment, or an alert.
async function trapExecution(page) {
  await page.addInitScript(() => {
    window.alert = () => {
      window.__xss = "alert";
    };
  });
}

// Nothing ran, nothing was injected, and (if the page echoes it) the
// payload is on the page as text.
async function expectInert(page, shown) {
  expect(await page.evaluate(() => window.__xss), "a payload ran").toBeUndefined();
  const injected = await page.evaluate(() => {
    const found = [];
    // The page's own scripts: Trunk's loader (a module) and the early
    // compile that scripts/post-build.mjs puts in <head>.
    for (const el of document.querySelectorAll('img[src="x"], iframe, object, embed, script:not([type=module]):not(head > #early-compile)')) {
      if (!el.closest("noscript")) found.push(el.outerHTML.slice(0, 80));
    }
    // Inline handlers anywhere, and script URLs where a URL is followed
    // (as a title or a value, "javascript:" is only text).
    const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) {
        if (a.name.startsWith("on") || (urlAttributes.includes(a.name) && /^\s*javascript:/i.test(a.value))) {
          found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
        }
      }
    }
    return found;
  });
  expect(injected, "elements or handlers injected").toEqual([]);
  if (shown) await expect(page.locator(".notices")).toContainText(shown);
}

// Each field of a link, filled with a payload. `shown` is what the page
// should echo as text in its notice (clipped as the page clips it), or null
// where the notice does not repeat the input.
function linkCases(payload) {
  const enc = encodeURIComponent(payload);
  return [
    { field: "scenario (encoded)", hash: `#v=1&s=${enc}`, shown: payload.slice(0, 40) },
    // The browser escapes only some characters of a typed fragment (space,
    // quotes, angle brackets); the page decodes them back to the text.
    { field: "scenario (as typed)", hash: `#v=1&s=${payload}`, shown: payload.slice(0, 40) },
    { field: "cfg control", hash: `#v=1&s=login&cfg=${encodeURIComponent(payload.replaceAll(":", "") + ":on")}`, shown: payload.replaceAll(":", "").slice(0, 30) },
    { field: "cfg toggle value", hash: `#v=1&s=login&cfg=${encodeURIComponent("http-only:" + payload.replaceAll(",", ""))}`, shown: payload.replaceAll(",", "").slice(0, 30) },
    { field: "cfg choice value", hash: `#v=1&s=login&cfg=${encodeURIComponent("same-site:" + payload.replaceAll(",", ""))}`, shown: payload.replaceAll(",", "").slice(0, 30) },
    { field: "seed", hash: `#v=1&s=login&seed=${enc}`, shown: null },
    { field: "step", hash: `#v=1&s=login&step=${enc}`, shown: null },
    { field: "version", hash: `#v=${enc}&s=login`, shown: null },
    { field: "a part without a value", hash: `#v=1&${enc}`, shown: null },
    { field: "an unknown key", hash: `#v=1&${enc}=${enc}`, shown: null },
  ];
}

// The links the page writes itself, one per view of the main navigation
// (the scenarios, each lab): whatever keys they carry, now or later, get
// the payload too.
async function ownLinks(page) {
  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("button");
  const links = [{ view: "scenarios", hash: await page.evaluate(() => location.hash) }];
  for (let v = 0; v < (await nav.count()); v++) {
    await nav.nth(v).click();
    links.push({ view: (await nav.nth(v).textContent()).trim(), hash: await page.evaluate(() => location.hash) });
  }
  return links;
}

function ownLinkCases(links, payload) {
  const enc = encodeURIComponent(payload);
  const cases = [];
  for (const { view, hash } of links) {
    const parts = hash.replace(/^#/, "").split("&").filter(Boolean);
    for (const [i, part] of parts.entries()) {
      const key = part.split("=")[0];
      if (key === "v") continue;
      const changed = parts.map((p, j) => (j === i ? `${key}=${enc}` : p));
      // Pasted into the open page only: a fresh load reads a link the same
      // way (Action::OpenLink), and the explicit cases above do both.
      cases.push({ field: `${view} link: ${key}`, hash: `#${changed.join("&")}`, shown: null, pastedOnly: true });
    }
  }
  return cases;
}

for (const [i, payload] of PAYLOADS.entries()) {
  test(`link payload ${i + 1} stays text in every field: ${payload}`, async ({ page }) => {
    test.setTimeout(180_000);
    const foreign = await blockOtherOrigins(page);
    await trapExecution(page);
    const app = await openApp(page, "#v=1&s=login");
    // Every key of the page's own links, with the first two payloads (the
    // others are variations; each case costs a page update).
    const own = i < 2 ? ownLinkCases(await ownLinks(page), payload) : [];
    for (const c of [...linkCases(payload), ...own]) {
      await test.step(c.field, async () => {
        if (!c.pastedOnly) {
          // Opened fresh, as a shared link is (not a same-page hash change).
          await page.goto("about:blank");
          await page.goto(`./${c.hash}`);
          await expect(page.locator("main.app")).toBeVisible();
          await expectInert(page, c.shown);
        }
        // And pasted into the address bar of the open page.
        await page.goto("./#v=1&s=login");
        // The page has read the new hash once its hashchange listener ran
        // (ours is added after the app's, so runs after it) and the next
        // frame is drawn.
        await page.evaluate(
          (h) =>
            new Promise((done) => {
              const drawn = () => requestAnimationFrame(() => requestAnimationFrame(done));
              const old = location.hash;
              addEventListener("hashchange", drawn, { once: true });
              location.hash = h;
              // A hash equal to the one there fires no event: nothing to read.
              if (location.hash === old) {
                removeEventListener("hashchange", drawn);
                drawn();
              }
            }),
          c.hash,
        );
        await expect(page.locator("main.app")).toBeVisible();
        await expectInert(page, c.shown);
      });
    }
    expect(foreign).toEqual([]);
    await app.expectClean();
  });
}

// Every field a student can type into, in every view the main navigation
// offers (the scenarios have none today; the labs do), with every payload,
// and again after a reload restores what was typed from the link.
test("markup typed into any text field of any view stays text", async ({ page }) => {
  test.setTimeout(120_000);
  const foreign = await blockOtherOrigins(page);
  await trapExecution(page);
  const app = await openApp(page);
  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("button");
  const views = Math.max(1, await nav.count());
  const typed = [];
  for (let v = 0; v < views; v++) {
    if ((await nav.count()) > v) await nav.nth(v).click();
    const view = (await nav.count()) > v ? (await nav.nth(v).textContent()).trim() : "the page";
    const fields = page.locator(
      "main.app textarea, main.app input:not([type]), main.app input[type=text], main.app input[type=url], main.app input[type=search]",
    );
    const n = await fields.count();
    for (let i = 0; i < n; i++) {
      const field = fields.nth(i);
      if (!(await field.isVisible()) || !(await field.isEditable())) continue;
      const name = (await field.getAttribute("aria-label")) ?? (await field.getAttribute("id")) ?? `field ${i + 1}`;
      for (const payload of PAYLOADS) {
        await field.fill(payload);
        await expect(page.locator("main.app")).toBeVisible();
        await expectInert(page, null);
      }
      typed.push(`${view}: ${name}`);
    }
    if (n > 0) {
      await page.reload();
      await expect(page.locator("main.app")).toBeVisible();
      await expectInert(page, null);
    }
  }
  test.info().annotations.push({ type: "text fields typed into", description: typed.join("; ") || "none" });
  expect(foreign).toEqual([]);
  await app.expectClean();
});

test("saved state carrying markup is shown as text", async ({ page }) => {
  test.setTimeout(120_000);
  const foreign = await blockOtherOrigins(page);
  await trapExecution(page);
  for (const payload of PAYLOADS) {
    for (const [stored, shown] of [
      [`1|${payload.replaceAll("|", "")}|`, payload.slice(0, 40)],
      [`1|login|${payload.replaceAll("|", "").replaceAll(":", "")}:on`, payload.replaceAll(":", "").slice(0, 30)],
      [`${payload}`, null],
    ]) {
      await test.step(stored, async () => {
        // Written from a page of the same origin that is not the app, so the
        // app cannot save over it before the reload.
        await page.goto("./not-the-app");
        await page.evaluate((s) => localStorage.setItem("session-lab/v1", s), stored);
        await page.goto("./");
        await expect(page.locator("main.app")).toBeVisible();
        await expectInert(page, shown);
      });
    }
  }
  expect(foreign).toEqual([]);
});
