import { test, expect, Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, logIn, logInAsAdmin, screenshot } from "./helpers";

const PASSWORD = "reseller-pass-1";

async function fillNewReseller(page: Page, login: string) {
  await page.getByLabel("Login", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByLabel("Users (accounts)").fill("5");
  await page.getByLabel("Disk quota (MiB)").fill("1000");
  await page.getByLabel("Traffic (MiB per month)").fill("10000");
}

function row(page: Page, login: string) {
  return page.locator("tbody tr").filter({ has: page.getByRole("link", { name: login, exact: true }) });
}

async function select(page: Page, login: string) {
  await page.getByLabel(`Select ${login}`, { exact: true }).check();
}

test("the admin adds, edits, disables, enables and deletes a reseller", async ({ page, browser }, info) => {
  const login = `r${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await page.goto("/resellers");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Resellers" })).toBeVisible();

  // Add: a bad login is refused beside its field and nothing is created.
  await page.getByRole("link", { name: "Add reseller" }).click();
  await expect(page.getByRole("heading", { name: "Add reseller" })).toBeVisible();
  await fillNewReseller(page, "Bad Login!");
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page.getByText("A login starts with a lower-case letter")).toBeVisible();
  await expect(page.getByLabel("Login", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "reseller-form-refused", info.project.name);

  await page.getByLabel("Login", { exact: true }).fill(login);
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page).toHaveURL(/\/resellers$/);
  await expect(row(page, login)).toBeVisible();
  await expect(row(page, login)).toContainText("1000 MiB");

  // Edit: the login is fixed, a blank password stays, the new quota shows in the list.
  await row(page, login).getByRole("link", { name: login }).click();
  await expect(page.getByRole("heading", { name: `Reseller ${login}` })).toBeVisible();
  await expect(page.getByLabel("Login", { exact: true })).toBeDisabled();
  await page.getByLabel("Disk quota (MiB)").fill("2000");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/resellers$/);
  // 2000 MiB reads as 2 GiB, with the exact figure a tap or hover away.
  await expect(row(page, login).locator('[title="2\u202f000 MiB"]').first()).toHaveText("2 GiB");

  // Filter as you type.
  await page.getByLabel("Name", { exact: true }).fill(login);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "resellers-list", info.project.name);

  // Disable: the reseller can no longer log in.
  await select(page, login);
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 disabled" })).toBeVisible();
  await expect(row(page, login)).toContainText("Disabled by admin");
  const other = await browser.newPage();
  await logIn(other, login, PASSWORD);
  await expect(other.getByText("This account is disabled.")).toBeVisible();

  // Enable: it can log in again and sees its own panel.
  await select(page, login);
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 enabled" })).toBeVisible();
  await expect(row(page, login)).toContainText("Active");
  await logIn(other, login, PASSWORD);
  await expect(other.getByText("Welcome,")).toBeVisible();
  await expect(other.getByRole("heading", { name: "Resources" })).toBeVisible();
  await other.close();

  // Delete, after a confirmation that names it.
  await select(page, login);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(login);
  await screenshot(page, "reseller-delete-confirm", info.project.name);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 deleted" })).toBeVisible();
  await expect(row(page, login)).toHaveCount(0);
});

test("a reseller cannot open the resellers module", async ({ page }, info) => {
  const login = `x${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await page.goto("/resellers/new");
  await hydrated(page);
  await fillNewReseller(page, login);
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page).toHaveURL(/\/resellers$/);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await logIn(page, login, PASSWORD);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await expect(page.getByRole("link", { name: "Resellers" })).toHaveCount(0);
  await page.goto("/resellers");
  await expect(page.getByText("This account may not use “Resellers: List”.")).toBeVisible();
});

test("a list refreshes itself when another session changes accounts", async ({ page, browser }, info) => {
  const tag = `l${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await page.goto("/resellers");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(tag);
  await expect(page.getByText("No resellers match")).toBeVisible();

  // Another browser (another admin session) adds a matching reseller.
  const other = await (await browser.newContext()).newPage();
  await logInAsAdmin(other);
  const made = await other.request.post("/api/resellers/create", {
    data: {
      form: {
        login: `${tag}a`, password: PASSWORD, password_confirm: PASSWORD,
        users: "5", disk_mib: "500", traffic_mib: "500", enabled: true,
        features: { shell: false, cgi: false, php: true, ssi: false, https: true },
      },
    },
  });
  expect(made.status()).toBe(200);

  // The first page shows it without being reloaded, and still works.
  await expect(row(page, `${tag}a`)).toBeVisible({ timeout: 5_000 });
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "resellers-live", info.project.name);
  await other.context().close();
});
