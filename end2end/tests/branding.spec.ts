import { test, expect, Page } from "@playwright/test";
import {
  ADMIN_PASSWORD, expectAccessible, expectNoHorizontalScroll, hydrated, screenshot, createReseller, createUser, loggedIn,
  RESELLER_PASSWORD, USER_PASSWORD,
} from "./helpers";

const PASSWORD = RESELLER_PASSWORD;
const PORT = Number(process.env.E2E_PORT ?? 3100);
// A 48×24 checkered PNG.
const LOGO_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAYCAIAAAAzn+mLAAAAQ0lEQVR4nGPIlu9GQx8WMaEheqphGHXQqIOGnYMG1npMNaMOGnXQ8HPQwFqPqWbUQaMOGn4OGljrMdWMOmjUQcPOQQDChvyMwgiBTAAAAABJRU5ErkJggg==",
  "base64",
);


/** The value of a CSS custom property on the document. */
async function cssVar(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
}

test("a reseller brands its panel and its user sees that brand on the reseller's host from the first paint", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const tag = `${info.project.name[0]}${Date.now() % 1_000_000}`;
  const reseller = `b${tag}`;
  const user = `u${tag}`;
  const brandName = `Acme ${tag}`;
  const host = `panel-${tag}.acme.example`;
  const hostUrl = `http://${host}:${PORT}`;

  const admin = await loggedIn(browser, "admin", ADMIN_PASSWORD);
  await createReseller(admin, reseller);
  const page = await loggedIn(browser, reseller, PASSWORD);
  await createUser(page, user);

  // The reseller's Branding page: own brand, a colour too light refused with its ratio.
  await page.goto("/branding");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Branding of " + reseller })).toBeVisible();
  await page.getByLabel("Own brand").check();
  await page.getByLabel("Panel name").fill(brandName);
  await page.getByLabel("Primary colour", { exact: true }).fill("#ffcc00");
  await expect(page.getByText("too light: needs 4.5:1")).toBeVisible();
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.locator("#field-primary-error")).toContainText("1.5");
  await page.getByLabel("Primary colour", { exact: true }).fill("#6b1f8b");
  await page.getByLabel("Accent colour", { exact: true }).fill("#8b4513");
  await page.getByLabel("Support e-mail").fill("help@acme.example");
  await page.getByLabel("Support web address").fill("https://help.acme.example/");
  await page.getByLabel("Footer line").fill(`Acme Hosting ${tag}`);
  await page.getByLabel("Host names").fill(host);
  // The preview follows what is typed.
  await expect(page.locator(".brand-preview .brand-name").first()).toHaveText(brandName);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "branding-form", info.project.name);
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByText("Brand saved.")).toBeVisible();
  await expect(page.locator("header .brand-name")).toHaveText(brandName);
  expect(await cssVar(page, "--brand")).toBe("#6b1f8b");

  // The logo: uploaded, re-encoded, served with its type and a long cache.
  await hydrated(page);
  await page.getByLabel("New logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: LOGO_PNG });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.locator("header img.brand-logo")).toBeVisible();
  const logoSrc = await page.locator("header img.brand-logo").getAttribute("src");
  expect(logoSrc).toMatch(/^\/brand\/logo\/[a-z0-9]+\/[0-9a-f]{16}$/);
  const logo = await page.request.get(logoSrc!);
  expect(logo.headers()["content-type"]).toBe("image/png");
  expect(logo.headers()["cache-control"]).toContain("immutable");
  expect(logo.headers()["x-content-type-options"]).toBe("nosniff");
  // An SVG named .png is refused, next to the field.
  await page.getByLabel("New logo").setInputFiles({
    name: "evil.png", mimeType: "image/png",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.locator("#field-logo-error")).toContainText("SVG images are not accepted");
  await screenshot(page, "branding-saved", info.project.name);

  // The reseller's host, before any script runs: the brand is in the HTML.
  const bare = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await bare.goto(`${hostUrl}/login`);
  await expect(bare.locator(".login-card .brand-name")).toHaveText(brandName);
  expect(await cssVar(bare, "--brand")).toBe("#6b1f8b");
  await expect(bare).toHaveTitle(`Log in — ${brandName}`);
  await expect(bare.locator('link[rel="icon"]')).toHaveAttribute("href", /^\/brand\/favicon\//);

  // (Another tree's account refused on this host is pinned by the HTTP
  // tests: a failed login here would count towards this address's lock,
  // which the other browser tests' logins share.)

  // The user logs in on the reseller's host and sees its brand everywhere.
  const userPage = await (await browser.newContext()).newPage();
  await userPage.goto(`${hostUrl}/login`);
  await hydrated(userPage);
  await expectAccessible(userPage);
  await screenshot(userPage, "branded-login", info.project.name);
  await userPage.getByLabel("Login", { exact: true }).fill(user);
  await userPage.getByLabel("Password", { exact: true }).fill(USER_PASSWORD);
  await userPage.getByRole("button", { name: "Log in" }).click();
  await expect(userPage.getByText("Welcome,")).toBeVisible();
  await hydrated(userPage);
  await expect(userPage.locator("header .brand-name")).toHaveText(brandName);
  await expect(userPage).toHaveTitle(`Dashboard — ${brandName}`);
  expect(await cssVar(userPage, "--brand")).toBe("#6b1f8b");
  await expect(userPage.locator("footer.brand-footer")).toContainText(`Acme Hosting ${tag}`);
  await expect(userPage.getByRole("heading", { name: "Need help?" })).toBeVisible();
  await expect(userPage.getByRole("link", { name: "help@acme.example" }).first()).toHaveAttribute("href", "mailto:help@acme.example");
  await expectAccessible(userPage);
  await expectNoHorizontalScroll(userPage);
  await screenshot(userPage, "branded-dashboard", info.project.name);

  // The admin entering the reseller's panel sees the reseller's brand.
  const entering = await loggedIn(browser, "admin", ADMIN_PASSWORD);
  const listed = await entering.request.post("/api/resellers/list", { data: { query: { filter: reseller } } });
  const resellerId = (await listed.json()).rows[0].id;
  expect((await entering.request.post("/api/resellers/enter", { data: { id: resellerId } })).status()).toBe(200);
  await entering.goto("/");
  await expect(entering.locator("header .brand-name")).toHaveText(brandName);
  await expect(entering.getByText("entered from admin")).toBeVisible();
  expect(await cssVar(entering, "--brand")).toBe("#6b1f8b");

  // The admin's own pages keep the default brand.
  await admin.goto("/");
  await expect(admin.locator("header .brand-name")).toHaveText("Trellis");
  expect(await cssVar(admin, "--brand")).toBe("#1f5f8b");
});
