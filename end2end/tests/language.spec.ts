import { test, expect, Page } from "@playwright/test";
import { ADMIN_PASSWORD, RESELLER_PASSWORD, createReseller, expectAccessible, expectNoHorizontalScroll, hydrated, logInAsAdmin, loggedIn, screenshot } from "./helpers";

/** Opens the side menu where it is folded away (a phone). */
async function openMenuIn(page: Page, label: string) {
  const toggle = page.getByRole("button", { name: label });
  if (await toggle.isVisible()) await toggle.click();
}

test("the panel speaks the browser's language until the account chooses one, on every browser it logs in from", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const reseller = `lang${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await createReseller(page, reseller);

  // A browser that prefers Russian: the server renders the login page in it.
  const russian = await browser.newContext({ locale: "ru-RU", viewport: page.viewportSize() ?? undefined });
  const ru = await russian.newPage();
  await ru.goto("/login");
  await expect(ru.locator("html")).toHaveAttribute("lang", "ru");
  await expect(ru.getByRole("heading", { name: "Вход в панель управления" })).toBeVisible();
  await hydrated(ru);
  await ru.getByLabel("Логин", { exact: true }).fill(reseller);
  await ru.getByLabel("Пароль", { exact: true }).fill(RESELLER_PASSWORD);
  await ru.getByRole("button", { name: "Войти" }).click();
  await expect(ru.getByText("Здравствуйте,")).toBeVisible();
  await expect(ru.locator(".role-badge")).toHaveText("Реселлер");
  await hydrated(ru);
  await openMenuIn(ru, "Меню");
  await expect(ru.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Пользователи" })).toBeVisible();
  await expectAccessible(ru);
  await expectNoHorizontalScroll(ru);
  await screenshot(ru, "russian-dashboard", info.project.name);

  // Its users list and the form to add one, in Russian: longer words must
  // not push anything sideways at 360 px.
  await ru.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Пользователи" }).click();
  await expect(ru.getByRole("heading", { name: "Пользователи", level: 1 })).toBeVisible();
  await expect(ru.getByText("Подходящих пользователей нет.")).toBeVisible();
  await expectAccessible(ru);
  await expectNoHorizontalScroll(ru);
  await ru.getByRole("link", { name: "Добавить пользователя" }).click();
  await expect(ru.getByRole("heading", { name: "Добавить пользователя", level: 1 })).toBeVisible();
  await hydrated(ru);
  await ru.getByLabel("Логин", { exact: true }).fill(`u${reseller}`);
  await ru.getByLabel("Пароль", { exact: true }).fill("long enough");
  await ru.getByLabel("Подтверждение пароля").fill("long enough");
  // A refusal with its figures, in Russian.
  await ru.getByLabel("Дисковая квота (МиБ)").fill("1000");
  await ru.getByLabel("Трафик (МиБ в месяц)").fill("100");
  await ru.getByRole("button", { name: "Добавить пользователя" }).click();
  await expect(ru.locator("#field-disk_mib-error")).toHaveText("Не больше 500 МиБ — это весь пул.");
  await ru.getByLabel("Дисковая квота (МиБ)").fill("100");
  await expectAccessible(ru);
  await expectNoHorizontalScroll(ru);
  await screenshot(ru, "russian-user-form", info.project.name);
  await ru.getByRole("button", { name: "Добавить пользователя" }).click();
  await expect(ru.getByText("Показано 1 из 1 пользователя")).toBeVisible();
  await expect(ru.getByRole("row", { name: new RegExp(`u${reseller}`) })).toContainText("100 МиБ");
  await expectNoHorizontalScroll(ru);
  await screenshot(ru, "russian-users", info.project.name);
  await openMenuIn(ru, "Меню");

  // The account chooses English: the whole panel switches, in this browser
  // and in any other it logs in from.
  await ru.getByRole("link", { name: "Настройки учётной записи" }).click();
  await expect(ru.getByRole("heading", { name: "Настройки учётной записи", level: 1 })).toBeVisible();
  await hydrated(ru);
  await expectNoHorizontalScroll(ru);
  await screenshot(ru, "russian-account-settings", info.project.name);
  await ru.getByLabel("Язык панели").selectOption("en");
  await ru.getByRole("button", { name: "Сохранить язык" }).click();
  await expect(ru.getByRole("heading", { name: "Account settings", level: 1 })).toBeVisible();
  await expect(ru.locator("html")).toHaveAttribute("lang", "en");
  await expect(ru.getByLabel("Panel language")).toHaveValue("en");

  const elsewhere = await (await browser.newContext({ locale: "ru-RU" })).newPage();
  await elsewhere.goto("/login");
  await expect(elsewhere.getByRole("heading", { name: "Вход в панель управления" })).toBeVisible();
  await hydrated(elsewhere);
  await elsewhere.getByLabel("Логин", { exact: true }).fill(reseller);
  await elsewhere.getByLabel("Пароль", { exact: true }).fill(RESELLER_PASSWORD);
  await elsewhere.getByRole("button", { name: "Войти" }).click();
  await expect(elsewhere.getByText("Welcome,")).toBeVisible();
  await elsewhere.context().close();

  // Back to the browser's preference.
  await hydrated(ru);
  await ru.getByLabel("Panel language").selectOption("");
  await ru.getByRole("button", { name: "Save language" }).click();
  await expect(ru.getByRole("heading", { name: "Настройки учётной записи", level: 1 })).toBeVisible();
  await russian.close();
});

test("the language can be chosen without WebAssembly", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const reseller = `lnj${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await createReseller(page, reseller);
  const plain = await (await browser.newContext({ javaScriptEnabled: false, locale: "en-US" })).newPage();
  await plain.goto("/login");
  await plain.getByLabel("Login", { exact: true }).fill(reseller);
  await plain.getByLabel("Password", { exact: true }).fill(RESELLER_PASSWORD);
  await plain.getByRole("button", { name: "Log in" }).click();
  await plain.goto("/account");
  await plain.getByLabel("Panel language").selectOption("ru");
  await plain.getByRole("button", { name: "Save language" }).click();
  await expect(plain.getByRole("heading", { name: "Настройки учётной записи", level: 1 })).toBeVisible();
  await expect(plain.getByLabel("Язык панели")).toHaveValue("ru");
  await plain.context().close();
});

test("every module reads in Russian at phone width without anything pushed sideways", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  // A ticket from a reseller, so that the support center has a row to lay out.
  const reseller = `lm${info.project.name[0]}${Date.now() % 1_000_000}`;
  await logInAsAdmin(page);
  await createReseller(page, reseller);
  const from = await loggedIn(browser, reseller, RESELLER_PASSWORD);
  const opened = await from.request.post("/api/support/open", {
    form: { subject: `Русская тема ${reseller}`, priority: "high", category: "general", text: "Текст." },
  });
  expect(opened.status()).toBe(200);
  await from.context().close();
  // The admin in a browser that prefers Russian (its own setting untouched).
  const russian = await browser.newContext({ locale: "ru-RU", viewport: info.project.use.viewport ?? undefined });
  const ru = await russian.newPage();
  await ru.goto("/login");
  await hydrated(ru);
  await ru.getByLabel("Логин", { exact: true }).fill("admin");
  await ru.getByLabel("Пароль", { exact: true }).fill(ADMIN_PASSWORD);
  await ru.getByRole("button", { name: "Войти" }).click();
  await expect(ru.getByText("Здравствуйте,")).toBeVisible();
  const pages: [string, string][] = [
    ["/resellers", "Реселлеры"],
    ["/resellers/new", "Добавить реселлера"],
    ["/support", "Центр поддержки"],
    ["/support/categories", "Категории обращений"],
    ["/branding", "Брендинг"],
    ["/settings/access", "Доступ по умолчанию"],
    ["/audit", "Журнал действий"],
  ];
  for (const [path, heading] of pages) {
    await ru.goto(path);
    await expect(ru.getByRole("heading", { level: 1 })).toContainText(heading);
    await hydrated(ru);
    await screenshot(ru, `russian${path.replaceAll("/", "-")}`, info.project.name);
    await expectAccessible(ru);
    await expectNoHorizontalScroll(ru);
  }
  await russian.close();
});
