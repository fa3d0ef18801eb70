import { test, expect, Page, Browser } from "@playwright/test";
import { expectNoHorizontalScroll, hydrated, logInAsAdmin, screenshot } from "./helpers";

/** A page of the admin's panel in a browser that never runs the WebAssembly. */
async function adminWithoutScript(page: Page, browser: Browser): Promise<Page> {
  await logInAsAdmin(page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: page.viewportSize() ?? undefined,
  });
  return context.newPage();
}

test("the account form adds and edits a reseller without WebAssembly, keeping what was typed when it is refused", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const tag = `nf${info.project.name[0]}${Date.now() % 1_000_000}`;
  const plain = await adminWithoutScript(page, browser);

  await plain.goto("/resellers/new");
  await plain.getByLabel("Login", { exact: true }).fill(tag);
  await plain.getByLabel("Password", { exact: true }).fill("long enough");
  await plain.getByLabel("Confirm password").fill("long enough");
  await plain.getByLabel("Comment").fill("Typed before the script ran");
  await plain.getByLabel("Users (accounts)").fill("5");
  await plain.getByLabel("Disk quota (MiB)").fill("lots");
  await plain.getByLabel("Traffic (MiB per month)").fill("500");
  await plain.getByRole("button", { name: "Add reseller" }).click();
  // Refused: the same page, the error beside its field, the rest as typed,
  // the passwords not sent back.
  await expect(plain).toHaveURL(/\/resellers\/new$/);
  await expect(plain.locator("#field-disk_mib-error")).toHaveText("Enter a whole number of MiB (0 or more), or tick “unlimited”.");
  await expect(plain.getByLabel("Login", { exact: true })).toHaveValue(tag);
  await expect(plain.getByLabel("Comment")).toHaveValue("Typed before the script ran");
  await expect(plain.getByLabel("Traffic (MiB per month)")).toHaveValue("500");
  await expect(plain.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectNoHorizontalScroll(plain);
  await screenshot(plain, "form-refused-without-script", info.project.name);

  await plain.getByLabel("Password", { exact: true }).fill("long enough");
  await plain.getByLabel("Confirm password").fill("long enough");
  await plain.getByLabel("Disk quota (MiB)").fill("1000");
  await plain.getByRole("button", { name: "Add reseller" }).click();
  await expect(plain).toHaveURL(/\/resellers$/);

  // Edit it: its row's box, then Edit, then Save.
  await plain.goto(`/resellers?q=${tag}`);
  await plain.getByLabel(`Select ${tag}`, { exact: true }).check();
  await plain.getByRole("toolbar").getByRole("button", { name: "Edit" }).click();
  await expect(plain.getByRole("heading", { name: `Reseller ${tag}` })).toBeVisible();
  await expect(plain.getByLabel("Disk quota (MiB)")).toHaveValue("1000");
  await plain.getByLabel("Disk quota (MiB)").fill("1536");
  await plain.getByLabel("Account active").uncheck();
  await plain.getByRole("button", { name: "Save" }).click();
  await expect(plain).toHaveURL(/\/resellers$/);
  await plain.goto(`/resellers?q=${tag}`);
  const row = plain.getByRole("row", { name: new RegExp(tag) });
  await expect(row).toContainText("Disabled");
  await expect(row).toContainText("1.5 GiB");
  await plain.context().close();
});

test("a list's actions work on ticked rows without WebAssembly, deletion asking first", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const tag = `nb${info.project.name[0]}${Date.now() % 1_000_000}`;
  const plain = await adminWithoutScript(page, browser);
  await plain.goto("/resellers/new");
  await plain.getByLabel("Login", { exact: true }).fill(tag);
  await plain.getByLabel("Password", { exact: true }).fill("long enough");
  await plain.getByLabel("Confirm password").fill("long enough");
  await plain.getByLabel("Users (accounts)").fill("5");
  await plain.getByLabel("Disk quota (MiB)").fill("500");
  await plain.getByLabel("Traffic (MiB per month)").fill("500");
  await plain.getByRole("button", { name: "Add reseller" }).click();
  await expect(plain).toHaveURL(/\/resellers$/);

  await plain.goto(`/resellers?q=${tag}`);
  const toolbar = plain.getByRole("toolbar");
  // Nothing ticked: the server says what is missing.
  if (info.project.name !== "phone") {
    await toolbar.getByRole("button", { name: "Disable" }).click();
    await expect(plain.getByText("Select at least one reseller.")).toBeVisible();
  } else {
    // On a phone the actions wait for a ticked row, script or not.
    await expect(toolbar).toBeHidden();
  }

  await plain.getByLabel(`Select ${tag}`, { exact: true }).check();
  await expect(toolbar).toBeVisible();
  await toolbar.getByRole("button", { name: "Disable" }).click();
  await expect(plain.getByText("1 disabled")).toBeVisible();
  // The list is the one that was posted from (its filter kept).
  await expect(plain).toHaveURL(new RegExp(`q=${tag}`));
  await expect(plain.getByRole("row", { name: new RegExp(tag) })).toContainText("Disabled");

  await plain.getByLabel(`Select ${tag}`, { exact: true }).check();
  await toolbar.getByRole("button", { name: "Delete" }).click();
  const dialog = plain.getByRole("alertdialog", { name: "Delete resellers?" });
  await expect(dialog).toContainText(tag);
  await expectNoHorizontalScroll(plain);
  await screenshot(plain, "delete-asked-without-script", info.project.name);
  // Cancel goes back to the list untouched.
  await dialog.getByRole("link", { name: "Cancel" }).click();
  await expect(plain.getByRole("row", { name: new RegExp(tag) })).toBeVisible();

  await plain.getByLabel(`Select ${tag}`, { exact: true }).check();
  await toolbar.getByRole("button", { name: "Delete" }).click();
  await plain.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(plain.getByText("1 deleted")).toBeVisible();
  await expect(plain.getByText("No resellers match.")).toBeVisible();
  await plain.context().close();
});

test("a form refused before the WebAssembly arrived keeps what was typed once it hydrates", async ({ page }, info) => {
  test.setTimeout(120_000);
  const tag = `nh${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  // Hold the WebAssembly back, as a slow network would, until released.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/resellers/new");
  await page.getByLabel("Login", { exact: true }).fill(tag);
  await page.getByLabel("Comment").fill("Still here after hydration");
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page.locator("#field-password-error")).not.toBeEmpty();
  release();
  await hydrated(page);
  await expect(page.getByLabel("Login", { exact: true })).toHaveValue(tag);
  await expect(page.getByLabel("Comment")).toHaveValue("Still here after hydration");
  await expect(page.locator("#field-password-error")).not.toBeEmpty();
  // Hydrated, the form now answers in place.
  await page.getByLabel("Comment").fill("Changed after hydration");
  await page.getByRole("button", { name: "Add reseller" }).click();
  await expect(page.locator("#field-password-error")).not.toBeEmpty();
  await expect(page.getByLabel("Comment")).toHaveValue("Changed after hydration");
});
