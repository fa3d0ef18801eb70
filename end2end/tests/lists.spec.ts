import { test, expect, Page } from "@playwright/test";
import { createReseller, expectAccessible, expectNoHorizontalScroll, hydrated, logInAsAdmin, screenshot, showAllFilters } from "./helpers";

/** The logins of the rows shown, top to bottom. */
async function shownLogins(page: Page): Promise<string[]> {
  return page.locator("tbody th[scope=row]").allInnerTexts();
}

test("a list's filter, sort and page live in its address: reload, back and a shared link show the same list", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  // "z…": after every other test's accounts in a list by name, so that these
  // 51 never push another test's new account off the first page.
  const tag = `zl${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  // 51 resellers: one more than a page.
  for (let i = 0; i < 51; i++) {
    await createReseller(page, `${tag}-${String(i).padStart(2, "0")}`);
  }

  await page.goto("/resellers");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(tag);
  await expect(page).toHaveURL(new RegExp(`\\?q=${tag}$`));
  await expect(page.getByText(`50 shown of 51 resellers`)).toBeVisible();
  await showAllFilters(page);
  await page.getByLabel("Sort by").selectOption({ label: "Name (Z–A)" });
  await expect(page).toHaveURL(new RegExp(`\\?q=${tag}&sort=login-desc$`));
  await expect.poll(async () => (await shownLogins(page))[0]).toBe(`${tag}-50`);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, "list-from-address", info.project.name);

  // The next page is a link; this tab knows where it came from.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/&after=/);
  await expect.poll(() => shownLogins(page)).toEqual([`${tag}-00`]);
  await expect(page.getByRole("link", { name: "Previous" })).toBeVisible();

  // Reload: the same page, filter and sort; "First page" leads back.
  await page.reload();
  await hydrated(page);
  await expect.poll(() => shownLogins(page)).toEqual([`${tag}-00`]);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(tag);
  await expect(page.getByLabel("Sort by")).toHaveValue("login-desc");
  await page.getByRole("link", { name: "First page" }).click();
  await expect.poll(async () => (await shownLogins(page))[0]).toBe(`${tag}-50`);

  // Back returns to the second page.
  await page.goBack();
  await expect.poll(() => shownLogins(page)).toEqual([`${tag}-00`]);

  // A shared link, in a browser that never runs the WebAssembly, shows the
  // same list, rendered by the server.
  const address = new URL(page.url());
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(address.pathname + address.search);
  await expect.poll(() => shownLogins(plain)).toEqual([`${tag}-00`]);

  // And its filters still work: the form submits to the server.
  await plain.goto("/resellers");
  await plain.getByLabel("Name", { exact: true }).fill(`${tag}-1`);
  await plain.getByRole("button", { name: "Apply" }).click();
  await expect(plain).toHaveURL(new RegExp(`q=${tag}-1`));
  await expect.poll(async () => (await shownLogins(plain)).length).toBe(10);
  await expect(plain.getByText("10 shown of 10 resellers")).toBeVisible();
  // A column's heading is a link: it sorts without the script too. (On a
  // phone the rows are cards and the headings are off screen.)
  if (info.project.name !== "phone") {
    await plain.getByRole("link", { name: "Name", exact: true }).click();
    await expect(plain).toHaveURL(new RegExp(`\\?q=${tag}-1&sort=login-desc$`));
    await expect.poll(async () => (await shownLogins(plain))[0]).toBe(`${tag}-19`);
  }
  // (No accessibility scan here: the scanner is a script, and scripts are off.)
  await noScript.close();

  // With the script, the same links sort in place, each click reversing.
  if (info.project.name !== "phone") {
    const name = page.getByRole("columnheader", { name: "Name", exact: true });
    await name.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${tag}$`));
    await expect.poll(async () => (await shownLogins(page))[0]).toBe(`${tag}-00`);
    await expect(name).toHaveAttribute("aria-sort", "ascending");
    await name.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${tag}&sort=login-desc$`));
    await expect.poll(async () => (await shownLogins(page))[0]).toBe(`${tag}-50`);
    await expect(name).toHaveAttribute("aria-sort", "descending");
  }
});

test("on a phone the rows start on the first screen, and the actions appear when a row is selected", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "a phone's first screen");
  const tag = `s${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await createReseller(page, `${tag}-a`);
  await page.goto(`/resellers?q=${tag}`);
  await hydrated(page);
  const firstRow = page.locator("tbody tr").first();
  const box = await firstRow.boundingBox();
  const screenHeight = page.viewportSize()!.height;
  expect(box!.y).toBeLessThan(screenHeight - 100);
  await expect(page.getByRole("toolbar")).toBeHidden();
  await page.getByLabel(`Select ${tag}-a`, { exact: true }).check();
  await expect(page.getByRole("toolbar")).toBeVisible();
  await expect(page.getByRole("toolbar").getByRole("button", { name: "Disable" })).toBeEnabled();
  await expectNoHorizontalScroll(page);
  await screenshot(page, "list-selection-bar", info.project.name);
});
