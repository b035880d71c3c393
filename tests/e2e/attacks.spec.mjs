// Every attack as a student meets it: run it with its defaults and read the
// verdict; flip the decisive defense by its label; the verdict changes and
// names the reason. Every verdict comes from running the engine in the page.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

// [scenario, [[control label, value], ...], words the new reason must contain]
const ATTACKS = [
  // Served over HTTPS, the browser's HTTPS-Upgrades keeps the passive
  // sniffer out: the old http:// bookmark is tried as https:// first.
  ["hijack-sniffing", [["Shop served over", "https"]], /HTTPS-Upgrades/],
  // The active attacker blocks port 443: only HSTS refuses the silent fallback.
  ["hijack-sniffing-active", [["HSTS", "on"]], /Strict-Transport-Security/],
  ["hijack-xss", [["HttpOnly", true]], /HttpOnly/],
  ["session-riding-xss", [["Search page output", "escaped"]], /escaped/i],
  ["hijack-stored-xss", [["Product reviews shown", "escaped"]], /escaped/i],
  ["fixation-url", [["New session ID at login", true]], /ended|new ID|regenerat/i],
  ["fixation-cookie-tossing", [["__Host- prefix", true]], /__Secure- or __Host-/],
  ["predictable-ids", [["Session ID generator", "csprng-128"]], /guess/i],
  ["reuse-after-logout", [["Logout", "invalidate"]], /logged out|log(ged)? ?out/i],
  ["reuse-after-inactivity", [["Idle timeout", "15"]], /idle|inactiv/i],
  ["csrf", [["SameSite", "lax"]], /SameSite=Lax/],
  // The forged POST carries Origin: https://evil.example and
  // Sec-Fetch-Site: cross-site (over https), which these checks read.
  ["csrf", [["Origin check", true]], /Origin header/],
  ["csrf", [["Fetch Metadata", true]], /Sec-Fetch-Site: cross-site/],
  ["role-tampering", [["User role kept in", "session"]], /session/i],
];

const verdict = (page) => page.getByRole("region", { name: "Verdict" });

for (const [id, flips, reason] of ATTACKS) {
  const flipped = flips.map(([label]) => label).join(" + ");
  test(`${id}: gets in by default, kept out once ${flipped} is on`, async ({ page }) => {
    const app = await openApp(page, `#v=1&s=${id}&step=9999`);
    await expect(verdict(page)).toContainText("Attacker got in");
    await expect(page.locator(".verdict-word")).toContainText("✗");

    await page.getByRole("button", { name: "Defenses" }).click();
    for (const [label, value] of flips) {
      const control = page.getByLabel(label, { exact: true });
      if (value === true) await control.check();
      else await control.selectOption(String(value));
    }
    await expect(verdict(page)).toContainText("Attacker kept out");
    await expect(page.locator(".verdict-reason")).toContainText(reason);
    await expect(page.locator(".outcome-change")).toContainText("no longer gets in");

    // The deciding step is one click away, and the timeline marks it.
    await page.getByRole("button", { name: "Hide (D)" }).click();
    await page.getByRole("button", { name: /Jump to the deciding step/ }).click();
    await expect(page.locator(".timeline .tick.current")).toHaveClass(/deciding/);
    await app.expectClean();
  });
}

// A binding the attacker passes is named with why it matched: behind the
// café's NAT the sniffer's address is Alice's, so IP binding changes no
// outcome, and the verdict says so instead of "the ID alone is the key".
test("hijack-sniffing: binding to the IP address is passed behind the same NAT", async ({ page }) => {
  const app = await openApp(page, "#v=1&s=hijack-sniffing&step=9999");
  await expect(verdict(page)).toContainText("Attacker got in");
  await expect(page.locator(".verdict-reason")).toContainText("the ID alone is the key");
  await page.getByRole("button", { name: "Defenses" }).click();
  await page.getByLabel("Bind session to", { exact: true }).selectOption("ip");
  await expect(verdict(page)).toContainText("Attacker got in");
  await expect(page.locator(".verdict-reason")).toContainText("public address behind the café's NAT");
  await app.expectClean();
});
