// End-to-end tests: Debian's Chromium (never a downloaded browser) against
// the release build in dist/, served under a sub-path to prove the build's
// URLs are relative and it works on any static host.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 8391);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "target/playwright-output",
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: [["list"], ["json", { outputFile: "target/playwright-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/session-lab/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `node tests/e2e/static-server.mjs dist ${PORT} /session-lab/`,
    url: `http://127.0.0.1:${PORT}/session-lab/`,
    reuseExistingServer: false,
    timeout: 15_000,
  },
});
