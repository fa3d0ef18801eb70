import { expect, Browser, Page } from "@playwright/test";
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

/**
 * Nothing scrolls sideways or is cut off: not the page, and not any element
 * inside it (a table scrolling within its card hides its last column on a
 * phone just as surely). Text fields, deliberately truncated text and the
 * visually hidden labels for screen readers are exempt.
 */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const clipped = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const name = (el: Element) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.closest(".visually-hidden, [hidden], input, textarea, select, option")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || style.textOverflow === "ellipsis") continue;
      const box = el.getBoundingClientRect();
      // Moved off-screen on purpose (a table head read by screen readers only).
      if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
      const scrollsOrClips = ["auto", "scroll", "hidden", "clip"].includes(style.overflowX);
      if (scrollsOrClips && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth}px sideways`);
      } else if (box.right > viewport + 1) {
        found.push(`${name(el)} reaches ${Math.round(box.right - viewport)}px past the screen`);
      }
    }
    return found;
  });
  expect(clipped).toEqual([]);
}

/** On a phone the less used filters wait behind "Filters and sorting". */
export async function showAllFilters(page: Page) {
  const summary = page.getByText("Filters and sorting", { exact: true });
  if (await summary.isVisible()) {
    await summary.click();
  }
}

export async function screenshot(page: Page, name: string, project: string) {
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
}

export const RESELLER_PASSWORD = "reseller-pass-1";
export const USER_PASSWORD = "user-pass-1";

/** A fresh browser context, signed in and hydrated. */
export async function loggedIn(browser: Browser, login: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login, password);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await hydrated(page);
  return page;
}

/** A reseller made through the API by the signed-in admin. */
export async function createReseller(admin: Page, login: string) {
  const made = await admin.request.post("/api/resellers/create", {
    data: {
      form: {
        login, password: RESELLER_PASSWORD, password_confirm: RESELLER_PASSWORD,
        users: "5", disk_mib: "500", traffic_mib: "500", enabled: true,
        features: { shell: false, cgi: false, php: true, ssi: false, https: true },
      },
    },
  });
  expect(made.status()).toBe(200);
}

/** A user made through the API by the signed-in reseller. */
export async function createUser(reseller: Page, login: string) {
  const made = await reseller.request.post("/api/users/create", {
    data: {
      form: {
        login, password: USER_PASSWORD, password_confirm: USER_PASSWORD,
        disk_mib: "10", traffic_mib: "10", enabled: true,
        features: { shell: false, cgi: false, php: true, ssi: false, https: false },
      },
    },
  });
  expect(made.status()).toBe(200);
}
