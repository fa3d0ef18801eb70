import { test, expect, Browser, Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, logIn, logInAsAdmin, screenshot } from "./helpers";

const PASSWORD = "reseller-pass-1";
const USER_PASSWORD = "user-pass-1";

async function api(page: Page, path: string, data: object) {
  return page.request.post(path, { data });
}

async function loggedIn(browser: Browser, login: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login, password);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await hydrated(page);
  return page;
}

async function select(page: Page, login: string) {
  await page.getByLabel(`Select ${login}`, { exact: true }).check();
}

/** The menu, opened on phones where it is collapsed. */
async function openMenu(page: Page) {
  const toggle = page.getByRole("button", { name: "Menu" });
  if (await toggle.isVisible()) await toggle.click();
}

test("the admin withholds user creation from a reseller, enters its panel and a user's, and the audit log shows it", async ({ browser }, info) => {
  // Three sessions and a dozen pages: longer than one page's default.
  test.setTimeout(150_000);
  const tag = `${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `x${tag}`;
  const user = `u${tag}`;

  // The admin makes a reseller, which makes a user.
  const admin = await loggedIn(browser, "admin", process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password");
  const made = await api(admin, "/api/resellers/create", {
    form: {
      login: reseller, password: PASSWORD, password_confirm: PASSWORD,
      users: "5", disk_mib: "500", traffic_mib: "500", enabled: true,
      features: { shell: false, cgi: false, php: true, ssi: false, https: true },
    },
  });
  expect(made.status()).toBe(200);
  const resellerPage = await loggedIn(browser, reseller, PASSWORD);
  const madeUser = await api(resellerPage, "/api/users/create", {
    form: {
      login: user, password: USER_PASSWORD, password_confirm: USER_PASSWORD,
      disk_mib: "10", traffic_mib: "10", enabled: true,
      features: { shell: false, cgi: false, php: true, ssi: false, https: false },
    },
  });
  expect(madeUser.status()).toBe(200);

  // Access: select the reseller → "Access", untick Users: Create, save.
  await admin.goto("/resellers");
  await hydrated(admin);
  await admin.getByLabel("Name", { exact: true }).fill(reseller);
  await select(admin, reseller);
  await admin.getByRole("button", { name: "Access" }).click();
  await expect(admin.getByRole("heading", { name: new RegExp(`Access.*${reseller}`) })).toBeVisible();
  await hydrated(admin);
  const users = admin.getByRole("group", { name: "Users" });
  await users.getByRole("checkbox", { name: "Create", exact: true }).uncheck();
  await expectAccessible(admin);
  await expectNoHorizontalScroll(admin);
  await screenshot(admin, "access-page", info.project.name);
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Access saved" })).toBeVisible();

  // The reseller's open session: a replayed create call is refused by the
  // server, naming the function, and its next page has no "Add user".
  const replay = await api(resellerPage, "/api/users/create", {
    form: {
      login: `v${tag}`, password: USER_PASSWORD, password_confirm: USER_PASSWORD,
      disk_mib: "10", traffic_mib: "10", enabled: true,
      features: { shell: false, cgi: false, php: false, ssi: false, https: false },
    },
  });
  expect(await replay.text()).toContain("Users: Create");
  expect(replay.status()).toBe(403);
  const me = await (await resellerPage.request.post("/api/auth/me")).json();
  expect(me.rights).not.toContain("UsersCreate");
  await resellerPage.goto("/users");
  await hydrated(resellerPage);
  await expect(resellerPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(resellerPage.getByRole("link", { name: "Add user" })).toHaveCount(0);

  // Enter the reseller's panel from the resellers list.
  await admin.goto("/resellers");
  await hydrated(admin);
  await admin.getByLabel("Name", { exact: true }).fill(reseller);
  await select(admin, reseller);
  await admin.getByRole("button", { name: "Enter" }).click();
  await expect(admin.getByText(`entered from admin`)).toBeVisible();
  await expect(admin.locator(".welcome strong")).toHaveText(reseller);
  await hydrated(admin);
  // Acting as the reseller: its menu, without the admin's modules or "Add user".
  await openMenu(admin);
  await expect(admin.locator('#primary-nav a[href="/resellers"]')).toHaveCount(0);
  await admin.locator('#primary-nav a[href="/users"]').click();
  await expect(admin.getByRole("heading", { name: "Users" })).toBeVisible();
  await hydrated(admin);
  await expect(admin.getByRole("link", { name: "Add user" })).toHaveCount(0);
  await expectAccessible(admin);
  await expectNoHorizontalScroll(admin);
  await screenshot(admin, "entered-reseller", info.project.name);

  // And one level further: the user's panel.
  await select(admin, user);
  await admin.getByRole("button", { name: "Enter" }).click();
  await expect(admin.locator(".welcome strong")).toHaveText(user);
  await expect(admin.getByText(`entered from ${reseller}`)).toBeVisible();
  await hydrated(admin);
  await expectAccessible(admin);
  await expectNoHorizontalScroll(admin);
  await screenshot(admin, "entered-user", info.project.name);

  // Back twice by the welcome line's link; still signed in.
  await admin.getByRole("button", { name: `Back to ${reseller}` }).click();
  await expect(admin.locator(".welcome strong")).toHaveText(reseller);
  await hydrated(admin);
  await admin.getByRole("button", { name: "Back to admin" }).click();
  await expect(admin.locator(".welcome strong")).toHaveText("admin");
  await expect(admin.getByText("entered from")).toHaveCount(0);
  await hydrated(admin);

  // The audit log has those steps, with the whole chain.
  await admin.goto("/audit");
  await hydrated(admin);
  await expect(admin.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const log = admin.locator("main");
  await expect(log.getByText(`admin as ${reseller}`).first()).toBeVisible();
  await expect(log.getByText(new RegExp(`admin as ${reseller} as ${user}`)).first()).toBeVisible();
  await expectAccessible(admin);
  await expectNoHorizontalScroll(admin);
  await screenshot(admin, "audit-log", info.project.name);
});
