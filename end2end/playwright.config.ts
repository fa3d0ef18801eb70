import { defineConfig, devices } from "@playwright/test";

// The server under test: the debug build, an in-memory database, a known admin password.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    // Resellers' host names in the tests resolve to the server under test.
    "--host-resolver-rules=MAP *.example 127.0.0.1",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, launchOptions: chromium } },
  ],
  webServer: {
    command: "../target/debug/server",
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      TRELLIS_DB: "mem://",
      TRELLIS_LISTEN: `127.0.0.1:${port}`,
      TRELLIS_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password",
      // A throwaway in-memory database: nothing to back up.
      TRELLIS_BACKUPS: "off",
      LEPTOS_SITE_ROOT: "../target/site",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      RUST_LOG: "warn",
    },
  },
});
