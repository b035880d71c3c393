// Shared by the end-to-end tests: open the app and watch for anything that
// should never happen (a request to another origin, a CSP violation, an
// uncaught error).
import { expect, test } from "@playwright/test";

export async function openApp(page, hash = "") {
  const problems = [];
  const origin = new URL(test.info().project.use.baseURL).origin;
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol !== "data:" && url.origin !== origin) problems.push(`request to another origin: ${req.url()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  await page.goto(hash ? `./${hash}` : "./");
  await expect(page.locator("main.app")).toBeVisible();
  return {
    problems,
    async expectClean() {
      const csp = await page.evaluate(() => window.__cspViolations);
      expect(csp, "CSP violations").toEqual([]);
      expect(problems, "requests, errors").toEqual([]);
    },
  };
}
