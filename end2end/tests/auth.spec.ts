import { test, expect } from "@playwright/test";
import { ADMIN_PASSWORD, expectAccessible, expectNoHorizontalScroll, hydrated, logIn, logInAsAdmin, screenshot } from "./helpers";

test("the login page is accessible and fits the screen", async ({ page }, info) => {
  await page.goto("/login");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Log in to your panel" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "login", info.project.name);
});

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused with a message beside the field", async ({ page }, info) => {
  await logIn(page, "admin", "not-the-password");
  const field = page.getByLabel("Password", { exact: true });
  await expect(page.getByText("Wrong login or password.")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login$/);
  await screenshot(page, "login-refused", info.project.name);
});

test("empty fields are refused field by field", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Enter your login.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("the admin logs in, sees the dashboard, and logs out", async ({ page }, info) => {
  await logInAsAdmin(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Administrator")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Resellers" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "dashboard", info.project.name);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The session really ended: the dashboard is out of reach again.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("the session cookie is HttpOnly and SameSite=Strict", async ({ page, context }) => {
  await logIn(page, "admin", ADMIN_PASSWORD);
  await expect(page.getByText("Welcome,")).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "trellis_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Strict");
  expect(await page.evaluate(() => document.cookie)).not.toContain("trellis_session");
});
