import { test, expect, Browser, Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, logIn, logInAsAdmin, screenshot } from "./helpers";

/** A reseller made through the API as the admin, unique to this run and project. */
async function makeReseller(browser: Browser, login: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInAsAdmin(page);
  const response = await page.request.post("/api/resellers/create", {
    data: {
      form: {
        login, password: "first-password", password_confirm: "first-password",
        users: "5", disk_mib: "500", traffic_mib: "500", enabled: true,
        features: { shell: false, cgi: false, php: true, ssi: false, https: true },
      },
    },
  });
  expect(response.status()).toBe(200);
  await context.close();
}

async function loggedIn(browser: Browser, login: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login, password);
  await expect(page.getByText("Welcome,")).toBeVisible();
  await hydrated(page);
  return page;
}

test("an account changes its e-mail and password; its other sessions end", async ({ browser }, info) => {
  const login = `settings-${info.project.name}-${Date.now() % 100000}`;
  await makeReseller(browser, login);
  const elsewhere = await loggedIn(browser, login, "first-password");
  const page = await loggedIn(browser, login, "first-password");

  await page.getByRole("link", { name: "Account settings" }).click();
  await expect(page.getByRole("heading", { name: "Account settings" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("textbox", { name: "E-mail" }).fill("help@acme.example");
  await page.getByRole("button", { name: "Save e-mail" }).click();
  await expect(page.getByText("The e-mail address was saved.")).toBeVisible();

  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("second-password");
  await page.getByLabel("New password again").fill("second-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "account-refused", info.project.name);

  await page.getByLabel("Current password").fill("first-password");
  await page.getByLabel("New password", { exact: true }).fill("second-password");
  await page.getByLabel("New password again").fill("second-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await screenshot(page, "account-changed", info.project.name);

  // This session goes on; the other one is over.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account settings" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "E-mail" })).toHaveValue("help@acme.example");
  await elsewhere.goto("/");
  await expect(elsewhere).toHaveURL(/\/login$/);

  // The old password no longer works; the new one does.
  await logIn(elsewhere, login, "first-password");
  await expect(elsewhere.getByText("Wrong login or password.")).toBeVisible();
  await logIn(elsewhere, login, "second-password");
  await expect(elsewhere.getByText("Welcome,")).toBeVisible();
});
