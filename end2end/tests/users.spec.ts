import { test, expect, Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, logIn, logInAsAdmin, screenshot, showAllFilters } from "./helpers";

const RESELLER_PASSWORD = "reseller-pass-1";
const USER_PASSWORD = "user-pass-1";

function row(page: Page, login: string) {
  return page.locator("tbody tr").filter({ has: page.getByRole("link", { name: login, exact: true }) });
}

/** The admin adds a reseller with a 1000 MiB disk pool for five users. */
async function addReseller(page: Page, login: string) {
  await logInAsAdmin(page);
  await page.goto("/resellers/new");
  await hydrated(page);
  await page.getByLabel("Login", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(RESELLER_PASSWORD);
  await page.getByLabel("Confirm password").fill(RESELLER_PASSWORD);
  await page.getByLabel("Contact e-mail (optional)").fill(`help@${login}.example`);
  await page.getByLabel("Users (accounts)").fill("5");
  await page.getByLabel("Disk quota (MiB)").fill("1000");
  await page.getByLabel("Traffic (MiB per month)").fill("10000");
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page).toHaveURL(/\/resellers$/);
}

async function fillUser(page: Page, login: string, disk: string) {
  await page.getByLabel("Login", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(USER_PASSWORD);
  await page.getByLabel("Confirm password").fill(USER_PASSWORD);
  await page.getByLabel("Disk quota (MiB)").fill(disk);
  await page.getByLabel("Traffic (MiB per month)").fill("100");
}

async function addUser(page: Page, login: string, disk: string) {
  await page.goto("/users/new");
  await hydrated(page);
  await fillUser(page, login, disk);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(row(page, login)).toBeVisible();
}

test("a reseller fills its pool, edits a user down and adds another; the user sees its panel", async ({ page }, info) => {
  const tag = `${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `p${tag}`;
  await addReseller(page, reseller);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await logIn(page, reseller, RESELLER_PASSWORD);
  await expect(page.getByText("Welcome,")).toBeVisible();
  // The menu (collapsed on phones) offers the Users module.
  await expect(page.locator('#primary-nav a[href="/users"]')).toHaveCount(1);
  await addUser(page, `a${tag}`, "600");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "users-list", info.project.name);

  // The pool runs out: the refusal gives the figures beside the field, nothing is created.
  await page.goto("/users/new");
  await hydrated(page);
  await expect(page.getByText("400 MiB left of 1000 MiB in the pool.")).toBeVisible();
  await fillUser(page, `b${tag}`, "600");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("Disk pool exhausted: 600 of 1000 MiB allocated, 400 MiB left.")).toBeVisible();
  await expect(page.getByLabel("Disk quota (MiB)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Shell access")).toBeDisabled();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "user-form-pool-exhausted", info.project.name);

  // Edit the first user down, then the second fits.
  await page.goto("/users");
  await hydrated(page);
  await row(page, `a${tag}`).getByRole("link", { name: `a${tag}` }).click();
  await expect(page.getByRole("heading", { name: `User a${tag}` })).toBeVisible();
  await page.getByLabel("Disk quota (MiB)").fill("300");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(row(page, `a${tag}`)).toContainText("300 MiB");
  await addUser(page, `b${tag}`, "600");
  await expect(page.getByText("2 shown of 2 users")).toBeVisible();

  // The dashboard shows the pool as allocated.
  await page.goto("/");
  await expect(page.getByRole("row", { name: /Disk/ })).toContainText("900 MiB");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The user sees its own panel, and nothing else.
  await logIn(page, `b${tag}`, USER_PASSWORD);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Resources" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Disk/ })).toContainText("600 MiB");
  await expect(page.getByText(`help@${reseller}.example`)).toBeVisible();
  await expect(page.locator('#primary-nav a[href="/users"]')).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "user-dashboard", info.project.name);
  await page.goto("/users");
  await expect(page.getByText("This account may not use “Users: List”.")).toBeVisible();
});

test("a reseller that owns users is deleted only after its users are gone", async ({ page, browser }, info) => {
  const tag = `${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `d${tag}`;
  await addReseller(page, reseller);

  const other = await browser.newPage();
  await logIn(other, reseller, RESELLER_PASSWORD);
  await expect(other.getByText("Welcome,")).toBeVisible();
  await addUser(other, `u${tag}`, "100");
  await other.close();

  // Refused while it owns a user.
  await page.goto("/resellers");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(reseller);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel(`Select ${reseller}`, { exact: true }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText(`0 deleted, 1 refused: ${reseller} owns 1 user`);
  await expect(row(page, reseller)).toBeVisible();

  // The admin finds the user in All users by its owner and deletes it.
  await page.goto("/users");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "All users" })).toBeVisible();
  await showAllFilters(page);
  await page.getByLabel("Owner", { exact: true }).fill(reseller);
  await page.getByLabel("Owner", { exact: true }).press("Enter");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, `u${tag}`)).toContainText(reseller);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "all-users", info.project.name);
  await page.getByLabel(`Select u${tag}`, { exact: true }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`u${tag}`);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText("1 deleted");

  // Now the reseller goes.
  await page.goto("/resellers");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(reseller);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel(`Select ${reseller}`, { exact: true }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText("1 deleted");
  await expect(row(page, reseller)).toHaveCount(0);
});
