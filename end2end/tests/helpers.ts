import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";

/** Waits until the wasm has hydrated the page, so that clicks reach Rust handlers. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__trellis_hydrated === true, null, { timeout: 30_000 });
}

export async function logIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Login", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

export async function logInAsAdmin(page: Page) {
  await logIn(page, "admin", ADMIN_PASSWORD);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await hydrated(page);
}

/** No serious or critical accessibility violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** The page never scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function screenshot(page: Page, name: string, project: string) {
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
}
