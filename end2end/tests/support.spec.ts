import { test, expect, Page } from "@playwright/test";
import {
  ADMIN_PASSWORD, expectAccessible, expectNoHorizontalScroll, hydrated, screenshot, createReseller, createUser, loggedIn,
  RESELLER_PASSWORD, USER_PASSWORD,
} from "./helpers";

const PASSWORD = RESELLER_PASSWORD;

/** The menu, opened on phones where it is collapsed. */
async function openMenu(page: Page) {
  const toggle = page.getByRole("button", { name: "Menu" });
  if (await toggle.isVisible()) await toggle.click();
}

/** The unread count the menu's badge shows (0 when there is none). */
async function unreadBadge(page: Page): Promise<string | null> {
  return page.locator(".unread-badges").first().getAttribute("data-unread");
}

// Text a hostile writer might send: it must arrive inert, exactly as typed.
const HOSTILE = [
  "Please check <script>window.__pwned = 1</script>",
  '<img src=x onerror="window.__pwned = 2">',
  "[click](javascript:window.__pwned=3)",
  "\u202Eevil\u202C and a\u0301\u0301\u0301",
].join("\n");

test("the admin messages a reseller, the reply shows live, a user asks its reseller, and nobody else can read it", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const tag = `${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `s${tag}`;
  const other = `o${tag}`;
  const user = `w${tag}`;
  const subject = `Maintenance ${tag}`;

  const admin = await loggedIn(browser, "admin", ADMIN_PASSWORD);
  await createReseller(admin, reseller);
  await createReseller(admin, other);
  // The reseller is signed in and looking at its dashboard before anything is sent.
  const resellerPage = await loggedIn(browser, reseller, PASSWORD);
  await createUser(resellerPage, user);
  expect(await unreadBadge(resellerPage)).toBe("0");

  // Resellers list → select → Message: High, the server's category, hostile text.
  await admin.goto("/resellers");
  await hydrated(admin);
  await admin.getByLabel("Name", { exact: true }).fill(reseller);
  await admin.getByLabel(`Select ${reseller}`, { exact: true }).check();
  await admin.getByRole("button", { name: "Message" }).click();
  await expect(admin.getByRole("heading", { name: "Send a message" })).toBeVisible();
  await expect(admin.locator(".recipients")).toHaveText(reseller);
  await hydrated(admin);
  await admin.getByLabel("Subject").fill(subject);
  await admin.getByLabel("Priority").selectOption("high");
  await expect(admin.getByLabel("Category")).toHaveValue("general");
  await admin.getByLabel("Message", { exact: true }).fill(HOSTILE);
  await expectAccessible(admin);
  await expectNoHorizontalScroll(admin);
  await screenshot(admin, "support-message", info.project.name);
  await admin.getByRole("button", { name: "Send", exact: true }).click();
  await expect(admin.getByRole("heading", { name: subject })).toBeVisible();
  await hydrated(admin);

  // The reseller's badge turns to one unread from above, without a reload.
  await expect.poll(() => unreadBadge(resellerPage), { timeout: 2_000 }).toBe("1");
  await openMenu(resellerPage);
  await expect(resellerPage.getByRole("link", { name: /Support center.*1 unread from above/ })).toBeVisible();
  await resellerPage.getByRole("link", { name: /Support center/ }).click();
  await expect(resellerPage.getByRole("heading", { name: "Support center" })).toBeVisible();
  const row = resellerPage.getByRole("row", { name: new RegExp(subject) });
  await expect(row).toContainText("(unread)");
  await expect(row).toContainText("High");
  await expect(row).toContainText("General");
  await expectAccessible(resellerPage);
  await expectNoHorizontalScroll(resellerPage);
  await screenshot(resellerPage, "support-inbox", info.project.name);
  await row.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(resellerPage.getByRole("heading", { name: subject })).toBeVisible();
  await hydrated(resellerPage);

  // Shown exactly as typed, and inert: no element came of it, no script ran.
  await expect(resellerPage.locator(".message-text").first()).toHaveText(HOSTILE, { useInnerText: false });
  expect(await resellerPage.locator(".thread img, .thread script, .thread a").count()).toBe(0);
  expect(await resellerPage.evaluate(() => (window as any).__pwned)).toBeUndefined();
  await expect.poll(() => unreadBadge(resellerPage), { timeout: 2_000 }).toBe("0");

  // The reseller replies; the admin's open thread shows it within 2 s, no reload.
  const reply = `Noted, thanks ${tag}`;
  await resellerPage.getByLabel("Your reply").fill(reply);
  await expectAccessible(resellerPage);
  await expectNoHorizontalScroll(resellerPage);
  await screenshot(resellerPage, "support-thread", info.project.name);
  await resellerPage.getByRole("button", { name: "Send reply" }).click();
  await expect(resellerPage.locator(".message-text").filter({ hasText: reply })).toHaveCount(1);
  await expect(resellerPage.getByLabel("Your reply")).toHaveValue("");
  await expect(admin.locator(".message-text").filter({ hasText: reply })).toHaveCount(1, { timeout: 2_000 });
  await expect(admin.locator(".ticket-facts")).toContainText("Answered");
  // It is there once, however many updates arrived.
  await admin.waitForTimeout(500);
  await expect(admin.locator(".message-text").filter({ hasText: reply })).toHaveCount(1);

  // A user opens a ticket to its reseller.
  const userPage = await loggedIn(browser, user, USER_PASSWORD);
  await userPage.goto("/support");
  await hydrated(userPage);
  await userPage.getByRole("link", { name: "New ticket" }).click();
  await expect(userPage.getByRole("heading", { name: "New ticket" })).toBeVisible();
  await hydrated(userPage);
  await expect(userPage.getByText(`To: ${reseller}`)).toBeVisible();
  const question = `My site is down ${tag}`;
  await userPage.getByLabel("Subject").fill(question);
  await userPage.getByLabel("Message", { exact: true }).fill("Since this morning.\nPlease help.");
  await expectAccessible(userPage);
  await expectNoHorizontalScroll(userPage);
  await screenshot(userPage, "support-new-ticket", info.project.name);
  await userPage.getByRole("button", { name: "Send ticket" }).click();
  await expect(userPage.getByRole("heading", { name: question })).toBeVisible();
  const ticketPath = new URL(userPage.url()).pathname;
  // The reseller hears of it from below.
  await expect.poll(() => unreadBadge(resellerPage), { timeout: 2_000 }).toBe("1");
  await expect(resellerPage.locator(".count-badge.below")).toContainText("1");

  // Another reseller cannot open it by id: the page and the call say it does not exist.
  const otherPage = await loggedIn(browser, other, PASSWORD);
  await otherPage.goto(ticketPath);
  await expect(otherPage.getByText("No such ticket.")).toBeVisible();
  await expect(otherPage.getByText(question)).toHaveCount(0);
  const id = ticketPath.split("/").pop();
  const refused = await otherPage.request.post("/api/support/get", { data: { id } });
  expect(refused.status()).toBe(404);
});

test("a ticket thread works with plain reloads before any script runs", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const tag = `n${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `r${tag}`;
  const admin = await loggedIn(browser, "admin", ADMIN_PASSWORD);
  await createReseller(admin, reseller);
  const made = await admin.request.post("/api/support/open", { form: { subject: "x", priority: "low", text: "x" } });
  // The admin has nobody above to open a ticket to.
  expect(made.status()).toBe(422);
  // A ticket from the reseller to the admin, sent through the API.
  const resellerApi = await loggedIn(browser, reseller, PASSWORD);
  const opened = await resellerApi.request.post("/api/support/open", {
    form: { subject: `Without script ${tag}`, priority: "medium", category: "general", text: "First." },
  });
  expect(opened.status()).toBe(200);
  const id = await opened.json();

  // The admin, with scripts off: reads the thread, replies, closes it.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Login", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.goto(`/support/${id}`);
  await expect(page.getByRole("heading", { name: `Without script ${tag}` })).toBeVisible();
  await page.getByLabel("Your reply").fill("Answered without script.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.locator(".message-text").filter({ hasText: "Answered without script." })).toHaveCount(1);
  await page.getByRole("button", { name: "Close ticket" }).click();
  await expect(page.locator(".ticket-facts")).toContainText("Closed");
  // The inbox filters by links and a plain form.
  await page.goto("/support");
  await page.getByLabel("Status").selectOption("closed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page.getByRole("link", { name: `Without script ${tag}` })).toBeVisible();
  // (The accessibility checker runs as a script in the page: it is run on
  // these pages with scripts on, in the test above.)
});

test("a reseller keeps ticket categories for its users, and one in use is disabled rather than deleted", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const tag = `c${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `r${tag}`;
  const user = `u${tag}`;
  const admin = await loggedIn(browser, "admin", ADMIN_PASSWORD);
  await createReseller(admin, reseller);
  const page = await loggedIn(browser, reseller, PASSWORD);
  await createUser(page, user);

  await openMenu(page);
  await page.getByRole("link", { name: "Ticket categories" }).click();
  await expect(page.getByRole("heading", { name: "Ticket categories" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Name").fill("Billing");
  await page.getByLabel("Default priority").selectOption("low");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Category saved" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Billing/ })).toContainText("Low");
  // An empty name is refused beside its field.
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "support-categories", info.project.name);

  // The user's form offers it and takes its default priority.
  const userPage = await loggedIn(browser, user, USER_PASSWORD);
  await userPage.goto("/support/new");
  await hydrated(userPage);
  await userPage.getByLabel("Category").selectOption({ label: "Billing" });
  await expect(userPage.getByLabel("Priority")).toHaveValue("low");
  await userPage.getByLabel("Subject").fill(`Invoice ${tag}`);
  await userPage.getByLabel("Message", { exact: true }).fill("Where is my invoice?");
  await userPage.getByRole("button", { name: "Send ticket" }).click();
  await expect(userPage.getByRole("heading", { name: `Invoice ${tag}` })).toBeVisible();

  // Used by a ticket: deleting is refused with the count; disabling works.
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: "Delete Billing" }).click();
  await expect(page.getByText(/used by 1 ticket/)).toBeVisible();
  await page.getByRole("button", { name: "Edit Billing" }).click();
  await page.getByLabel("Enabled").uncheck();
  await page.getByRole("button", { name: "Save category" }).click();
  await expect(page.getByRole("row", { name: /Billing/ })).toContainText("Disabled");
  await userPage.goto("/support/new");
  await expect(userPage.getByLabel("Category")).toBeDisabled();
});
