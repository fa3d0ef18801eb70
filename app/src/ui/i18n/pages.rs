//! The words of the access, branding and audit pages.

use super::use_locale;
use crate::domain::Role;
use crate::domain::access::{Function, Module};
use crate::domain::audit::{describe_chain, format_time};
use crate::domain::locale::{Forms, Locale};

texts!(PagesTexts {
    // Shared by the forms.
    saving,
    nothing_changed,
    back_to_list,
    // An account's Access page.
    access,
    access_title_prefix,
    access_saved,
    save,
    reset_to_defaults,
    reset_to_defaults_hint,
    cannot_change,
    all_functions_allowed,
    no_function_allowed,
    menu_preview,
    // Default access.
    default_access,
    default_access_intro,
    defaults_saved,
    allow_everything,
    // Branding.
    branding,
    branding_server,
    brand_saved,
    brand,
    which_brand,
    own_brand,
    panel_name,
    panel_name_hint,
    primary_colour,
    accent_colour,
    support_email,
    support_url,
    footer_line,
    footer_hint,
    save_brand,
    preview,
    colour_format,
    passes_aa,
    too_light,
    host_names,
    host_names_hint,
    server_host_names,
    server_hosts_none,
    server_hosts_set,
    logo,
    current_logo,
    no_logo,
    new_logo,
    new_logo_hint,
    choose_image_first,
    uploading,
    upload_logo,
    remove_logo,
    own_brand_for_logo,
    // The brand's preview.
    header_phone,
    header_desktop,
    preview_customer,
    login_page,
    brand_preview,
    // The audit log.
    audit_log,
    filter_audit_log,
    account,
    login_placeholder,
    action,
    any_action,
    from_utc,
    to_utc,
    apply,
    audit_pages,
    newer,
    older,
    no_entries,
    audit_caption,
    time_utc,
    time,
    who,
    target,
    what_changed,
    correct_filters,
});

pub static EN: PagesTexts = PagesTexts {
    saving: "Saving…",
    nothing_changed: "Nothing changed.",
    back_to_list: "Back to the list",
    access: "Access",
    access_title_prefix: "Access: ",
    access_saved: "Access saved. Open sessions use it from their next request.",
    save: "Save",
    reset_to_defaults: "Reset to defaults",
    reset_to_defaults_hint: "“Reset to defaults” ticks what new accounts get; nothing changes until you save.",
    cannot_change: "You cannot change this: your own account may not use it.",
    all_functions_allowed: "All functions allowed",
    no_function_allowed: "No function allowed",
    menu_preview: "Menu preview",
    default_access: "Default access",
    default_access_intro: "The functions new accounts are granted when they are created. Accounts that exist keep their own: change those on their Access pages.",
    defaults_saved: "Defaults saved. Accounts created from now on get them.",
    allow_everything: "Allow everything",
    branding: "Branding",
    branding_server: "Branding: the server's brand",
    brand_saved: "✓ Brand saved.",
    brand: "Brand",
    which_brand: "Which brand its panel shows",
    own_brand: "Own brand",
    panel_name: "Panel name",
    panel_name_hint: "Shown in the header and the browser tab.",
    primary_colour: "Primary colour",
    accent_colour: "Accent colour",
    support_email: "Support e-mail",
    support_url: "Support web address",
    footer_line: "Footer line",
    footer_hint: "Plain text at the foot of every page.",
    save_brand: "Save brand",
    preview: "Preview",
    colour_format: "Write it as # and six hex digits.",
    passes_aa: "passes AA",
    too_light: "too light: needs 4.5:1",
    host_names: "Host names",
    host_names_hint: "One per line, such as panel.acme-hosting.example. Point them at this server: they show this brand's login page, and only this reseller and its users can log in on them.",
    server_host_names: "The server's host names",
    server_hosts_none: "None set (TRELLIS_HOSTS). Every host name that no reseller holds shows this brand.",
    server_hosts_set: "Set with TRELLIS_HOSTS. They, and any host name no reseller holds, show this brand.",
    logo: "Logo",
    current_logo: "The current logo",
    no_logo: "No logo: the header shows the name's first letter.",
    new_logo: "New logo",
    new_logo_hint: "PNG, JPEG or WebP, up to 256 KiB and 1024×1024 pixels. The favicon is made from it.",
    choose_image_first: "Choose an image file first.",
    uploading: "Uploading…",
    upload_logo: "Upload logo",
    remove_logo: "Remove logo",
    own_brand_for_logo: "Choose “Own brand” and save it to upload a logo.",
    header_phone: "Header, phone (360 px)",
    header_desktop: "Header, desktop",
    preview_customer: "customer",
    login_page: "Login page",
    brand_preview: "Preview of the brand",
    audit_log: "Audit log",
    filter_audit_log: "Filter the audit log",
    account: "Account",
    login_placeholder: "login",
    action: "Action",
    any_action: "Any action",
    from_utc: "From (UTC)",
    to_utc: "To (UTC)",
    apply: "Apply",
    audit_pages: "Audit pages",
    newer: "Newer",
    older: "Older",
    no_entries: "No entries match these filters.",
    audit_caption: "Audit entries, newest first",
    time_utc: "Time (UTC)",
    time: "Time",
    who: "Who",
    target: "Target",
    what_changed: "What changed",
    correct_filters: "Correct the filters above.",
};

pub static RU: PagesTexts = PagesTexts {
    saving: "Сохранение…",
    nothing_changed: "Ничего не изменилось.",
    back_to_list: "Вернуться к списку",
    access: "Доступ",
    access_title_prefix: "Доступ: ",
    access_saved: "Доступ сохранён. Открытые сеансы применяют его со следующего запроса.",
    save: "Сохранить",
    reset_to_defaults: "Восстановить по умолчанию",
    reset_to_defaults_hint: "«Восстановить по умолчанию» отмечает то, что получают новые учётные записи; ничего не изменится, пока вы не сохраните.",
    cannot_change: "Изменить нельзя: вашей учётной записи эта функция недоступна.",
    all_functions_allowed: "Разрешены все функции",
    no_function_allowed: "Не разрешено ни одной функции",
    menu_preview: "Предпросмотр меню",
    default_access: "Доступ по умолчанию",
    default_access_intro: "Функции, которые получают новые учётные записи при создании. Существующие учётные записи сохраняют свои: их доступ меняется на их страницах «Доступ».",
    defaults_saved: "Доступ по умолчанию сохранён. Его получат учётные записи, созданные с этого момента.",
    allow_everything: "Разрешить всё",
    branding: "Брендинг",
    branding_server: "Брендинг: бренд сервера",
    brand_saved: "✓ Бренд сохранён.",
    brand: "Бренд",
    which_brand: "Какой бренд показывает его панель",
    own_brand: "Собственный бренд",
    panel_name: "Название панели",
    panel_name_hint: "Показывается в шапке и на вкладке браузера.",
    primary_colour: "Основной цвет",
    accent_colour: "Акцентный цвет",
    support_email: "E-mail поддержки",
    support_url: "Веб-адрес поддержки",
    footer_line: "Строка в подвале",
    footer_hint: "Простой текст внизу каждой страницы.",
    save_brand: "Сохранить бренд",
    preview: "Предпросмотр",
    colour_format: "Укажите цвет в виде # и шести шестнадцатеричных цифр.",
    passes_aa: "соответствует AA",
    too_light: "слишком светлый: нужно 4,5:1",
    host_names: "Имена хостов",
    host_names_hint: "По одному в строке, например panel.acme-hosting.example. Направьте их на этот сервер: на них открывается страница входа с этим брендом, и войти через них могут только этот реселлер и его пользователи.",
    server_host_names: "Имена хостов сервера",
    server_hosts_none: "Не заданы (TRELLIS_HOSTS). Этот бренд показывается на всех именах хостов, не занятых реселлерами.",
    server_hosts_set: "Задаются в TRELLIS_HOSTS. Этот бренд показывается на них и на всех именах хостов, не занятых реселлерами.",
    logo: "Логотип",
    current_logo: "Текущий логотип",
    no_logo: "Логотипа нет: в шапке показывается первая буква названия.",
    new_logo: "Новый логотип",
    new_logo_hint: "PNG, JPEG или WebP, не больше 256 КиБ и 1024×1024 пикселей. Из него создаётся значок сайта (favicon).",
    choose_image_first: "Сначала выберите файл изображения.",
    uploading: "Загрузка…",
    upload_logo: "Загрузить логотип",
    remove_logo: "Удалить логотип",
    own_brand_for_logo: "Выберите «Собственный бренд» и сохраните, чтобы загрузить логотип.",
    header_phone: "Шапка на телефоне (360 px)",
    header_desktop: "Шапка на компьютере",
    preview_customer: "клиент",
    login_page: "Страница входа",
    brand_preview: "Предпросмотр бренда",
    audit_log: "Журнал действий",
    filter_audit_log: "Фильтр журнала действий",
    account: "Учётная запись",
    login_placeholder: "логин",
    action: "Действие",
    any_action: "Любое действие",
    from_utc: "С (UTC)",
    to_utc: "По (UTC)",
    apply: "Применить",
    audit_pages: "Страницы журнала",
    newer: "Новее",
    older: "Старее",
    no_entries: "Нет записей, подходящих под эти фильтры.",
    audit_caption: "Записи журнала, сначала новые",
    time_utc: "Время (UTC)",
    time: "Время",
    who: "Кто",
    target: "Объект",
    what_changed: "Что изменилось",
    correct_filters: "Исправьте фильтры выше.",
};

/// These words in this request's language.
pub fn use_pages_texts() -> &'static PagesTexts {
    texts_in(use_locale())
}

// The Access pages.

/// A module's name: the domain's English, or its Russian.
pub fn module_label(locale: Locale, module: Module) -> &'static str {
    let ru = match module {
        Module::Resellers => "Реселлеры",
        Module::Users => "Пользователи",
        Module::Audit => "Журнал действий",
        Module::Support => "Центр поддержки",
        Module::Branding => "Брендинг",
        Module::Settings => "Настройки",
    };
    match locale {
        Locale::En => module.label(),
        Locale::Ru => ru,
    }
}

/// A function's name within its module: the domain's English, or its Russian.
pub fn function_label(locale: Locale, function: Function) -> &'static str {
    let ru = match function {
        Function::ResellersList | Function::UsersList => "Список",
        Function::ResellersCreate | Function::UsersCreate => "Создание",
        Function::ResellersEdit | Function::UsersEdit => "Изменение",
        Function::ResellersDelete | Function::UsersDelete => "Удаление",
        Function::ResellersEnable | Function::UsersEnable => "Включение / отключение",
        Function::ResellersEnter | Function::UsersEnter => "Вход в панель",
        Function::ResellersAccess | Function::UsersAccess => "Доступ к модулям",
        Function::AuditView => "Просмотр",
        Function::SupportRead => "Чтение обращений",
        Function::SupportReply => "Ответ, закрытие, смена приоритета",
        Function::SupportSend => "Отправка сообщения / новое обращение",
        Function::SupportCategories => "Категории обращений",
        Function::Branding => "Бренд и имена хостов",
        Function::DefaultAccess => "Доступ по умолчанию",
    };
    match locale {
        Locale::En => function.label(),
        Locale::Ru => ru,
    }
}

/// "Access of acme" (the form's name for screen readers).
pub fn access_form_label(locale: Locale, login: &str) -> String {
    match locale {
        Locale::En => format!("Access of {login}"),
        Locale::Ru => format!("Доступ {login}"),
    }
}

/// Why a function has no effect: its owner may not use it.
pub fn withheld_by(locale: Locale, owner: &str) -> String {
    match locale {
        Locale::En => format!("Withheld by {owner}: no effect until {owner} may use it."),
        Locale::Ru => {
            format!("Недоступна для {owner}: не действует, пока {owner} не получит к ней доступ.")
        }
    }
}

/// The Access page's opening line for an account of `role`; `reseller` is
/// the owner of a user under a reseller.
pub fn access_intro(locale: Locale, role: Role, reseller: Option<&str>) -> String {
    let intro = match (locale, reseller, role) {
        (Locale::En, Some(owner), Role::User) => format!(
            "What this user may use: what you tick, within what its reseller {owner} may use."
        ),
        (Locale::En, _, _) => {
            let noun = role.label().to_lowercase();
            format!("What this {noun} may use. A function you untick is refused to it at once.")
        }
        (Locale::Ru, Some(owner), Role::User) => format!(
            "Что может использовать этот пользователь: то, что вы отметите, в пределах доступного его реселлеру {owner}."
        ),
        (Locale::Ru, _, _) => {
            let noun = match role {
                Role::Admin => "администратор",
                Role::Reseller => "реселлер",
                Role::User => "пользователь",
            };
            format!(
                "Что может использовать этот {noun}. Функция, с которой вы снимете отметку, сразу становится ему недоступна."
            )
        }
    };
    match (role, locale) {
        (Role::Reseller, Locale::En) => format!("{intro} Its users lose what it loses."),
        (Role::Reseller, Locale::Ru) => format!("{intro} Его пользователи теряют то же, что и он."),
        _ => intro,
    }
}

/// How many of a module's functions are allowed.
pub fn functions_allowed(locale: Locale, n: usize, total: usize) -> String {
    let t = texts_in(locale);
    match n {
        n if n == total => t.all_functions_allowed.to_owned(),
        0 => t.no_function_allowed.to_owned(),
        n => {
            let (n, total) = (locale.count(n as u64), total as u64);
            match locale {
                Locale::En => {
                    let functions = Forms {
                        one: "function",
                        few: "functions",
                        many: "functions",
                    };
                    format!("{n} of {} allowed", functions.of(locale, total))
                }
                Locale::Ru => {
                    // "из 1 функции", "из 5 функций".
                    let functions = Forms {
                        one: "функции",
                        few: "функций",
                        many: "функций",
                    };
                    format!("Разрешено: {n} из {}", functions.of(locale, total))
                }
            }
        }
    }
}

/// Under the menu preview: who will see it ("acme", "a new user").
pub fn menu_preview_hint(locale: Locale, who: &str) -> String {
    match locale {
        Locale::En => format!("The menu {who} will see once this is saved."),
        Locale::Ru => format!("Меню, которое увидит {who} после сохранения."),
    }
}

// Default access.

/// "a new reseller": who sees the menu of a new account's defaults.
pub fn a_new(locale: Locale, role: Role) -> &'static str {
    match (locale, role) {
        (Locale::En, Role::Admin) => "a new administrator",
        (Locale::En, Role::Reseller) => "a new reseller",
        (Locale::En, Role::User) => "a new user",
        (Locale::Ru, Role::Admin) => "новый администратор",
        (Locale::Ru, Role::Reseller) => "новый реселлер",
        (Locale::Ru, Role::User) => "новый пользователь",
    }
}

/// The heading of a role's defaults: "New resellers".
pub fn new_accounts(locale: Locale, role: Role) -> &'static str {
    match (locale, role) {
        (Locale::En, Role::Reseller) => "New resellers",
        (Locale::En, _) => "New users",
        (Locale::Ru, Role::Reseller) => "Новые реселлеры",
        (Locale::Ru, _) => "Новые пользователи",
    }
}

/// What new accounts of `role` get, once defaults are saved or before.
pub fn defaults_intro(locale: Locale, role: Role, saved: bool) -> String {
    match (locale, saved) {
        (Locale::En, true) => format!(
            "New {} get the functions ticked here. Functions that later releases add are not included until you tick them.",
            en_plural(role)
        ),
        (Locale::En, false) => format!(
            "Not saved yet: new {} get every function, including those that later releases add.",
            en_plural(role)
        ),
        (Locale::Ru, true) => format!(
            "{} получают функции, отмеченные здесь. Функции, добавленные в следующих версиях, не включаются, пока вы их не отметите.",
            new_accounts(locale, role)
        ),
        (Locale::Ru, false) => format!(
            "Ещё не сохранено: {} получают все функции, включая добавленные в следующих версиях.",
            new_accounts(locale, role).to_lowercase()
        ),
    }
}

/// The name of a role's defaults form, for screen readers.
pub fn defaults_form_label(locale: Locale, role: Role) -> String {
    match locale {
        Locale::En => format!("Default access of new {}", en_plural(role)),
        Locale::Ru => format!("Доступ по умолчанию для новых {}", ru_plural_genitive(role)),
    }
}

/// The button that saves a role's defaults.
pub fn save_defaults(locale: Locale, role: Role) -> String {
    match locale {
        Locale::En => format!("Save defaults for new {}", en_plural(role)),
        Locale::Ru => format!("Сохранить для новых {}", ru_plural_genitive(role)),
    }
}

fn en_plural(role: Role) -> &'static str {
    match role {
        Role::Reseller => "resellers",
        _ => "users",
    }
}

fn ru_plural_genitive(role: Role) -> &'static str {
    match role {
        Role::Reseller => "реселлеров",
        _ => "пользователей",
    }
}

// Branding.

/// The heading of the admin's page for a reseller's brand.
pub fn branding_of(locale: Locale, login: &str) -> String {
    match locale {
        Locale::En => format!("Branding of {login}"),
        Locale::Ru => format!("Брендинг реселлера {login}"),
    }
}

/// The choice to show the server's brand, by its name.
pub fn server_brand_named(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("The server's brand ({name})"),
        Locale::Ru => format!("Бренд сервера ({name})"),
    }
}

/// The colour picker's name: "Pick the primary colour".
pub fn pick_colour(locale: Locale, label: &str) -> String {
    match locale {
        Locale::En => format!("Pick the {}", label.to_lowercase()),
        Locale::Ru => format!("Выбрать {}", label.to_lowercase()),
    }
}

/// The contrast of white text on a brand colour, and whether it is enough.
pub fn contrast(locale: Locale, ratio: f64) -> String {
    let t = texts_in(locale);
    let verdict = if ratio >= 4.5 {
        t.passes_aa
    } else {
        t.too_light
    };
    // Hundredths, rounded down (4.499 must not read as passing), written with
    // integers: formatting a float would pull the float printer into the
    // browser's first download (`{:.2}` is its only use there).
    let hundredths = (ratio * 100.0).floor().max(0.0) as u64;
    let shown = format!(
        "{}{}{:02}",
        hundredths / 100,
        locale.decimal_mark(),
        hundredths % 100
    );
    match locale {
        Locale::En => format!("White text on it: {shown}:1, {verdict}."),
        Locale::Ru => format!("Белый текст на нём: {shown}:1, {verdict}."),
    }
}

// The audit log.

/// An action's English (as the domain has it) and Russian, by its key.
fn action_words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "login" => ("Logged in", "Вход"),
        "login.failed" => ("Failed login", "Неудачный вход"),
        "panel.enter" => ("Entered a panel", "Вход в панель учётной записи"),
        "panel.return" => ("Returned from a panel", "Возврат из панели учётной записи"),
        "account.password" => ("Changed own password", "Смена своего пароля"),
        "account.email" => ("Changed own e-mail", "Смена своего e-mail"),
        "admin.password_reset" => ("Admin password reset", "Сброс пароля администратора"),
        "reseller.create" => ("Created a reseller", "Создание реселлера"),
        "reseller.update" => ("Edited a reseller", "Изменение реселлера"),
        "reseller.delete" => ("Deleted a reseller", "Удаление реселлера"),
        "reseller.enable" => ("Enabled a reseller", "Включение реселлера"),
        "reseller.disable" => ("Disabled a reseller", "Отключение реселлера"),
        "user.create" => ("Created a user", "Создание пользователя"),
        "user.update" => ("Edited a user", "Изменение пользователя"),
        "user.delete" => ("Deleted a user", "Удаление пользователя"),
        "user.enable" => ("Enabled a user", "Включение пользователя"),
        "user.disable" => ("Disabled a user", "Отключение пользователя"),
        "reseller.access" => ("Changed a reseller's access", "Изменение доступа реселлера"),
        "user.access" => ("Changed a user's access", "Изменение доступа пользователя"),
        "access.defaults" => ("Changed default access", "Изменение доступа по умолчанию"),
        "support.ticket" => ("Opened a ticket", "Создание обращения"),
        "support.categories" => ("Changed ticket categories", "Изменение категорий обращений"),
        "branding.change" => ("Changed a brand", "Изменение бренда"),
        _ => return None,
    })
}

/// An action's name by its key; `None` for one without words here (it is
/// shown as the server names it).
pub fn action_label(locale: Locale, key: &str) -> Option<&'static str> {
    action_words(key).map(|(en, ru)| match locale {
        Locale::En => en,
        Locale::Ru => ru,
    })
}

/// An entry's time: "2025-11-28 06:37:12 UTC", "28.11.2025 06:37:12".
/// A support time (milliseconds) in `locale`: the server's own English text
/// as it is, otherwise the language's format.
pub fn support_time(locale: Locale, english: String, at_ms: i64) -> String {
    match locale {
        Locale::En => english,
        _ => audit_time(locale, at_ms.div_euclid(1000)),
    }
}

/// Who wrote a support message ("admin as acme", as the server says it) in
/// `locale`. Logins hold no spaces, so the chain splits back cleanly.
pub fn support_author(locale: Locale, english: String) -> String {
    match locale {
        Locale::En => english,
        _ => chain(
            locale,
            &english.split(" as ").map(str::to_owned).collect::<Vec<_>>(),
        ),
    }
}

pub fn audit_time(locale: Locale, seconds: i64) -> String {
    let en = format_time(seconds);
    match locale {
        Locale::En => en,
        Locale::Ru => {
            let ru = en.strip_suffix(" UTC").and_then(|text| {
                let (date, time) = text.split_once(' ')?;
                let mut parts = date.splitn(3, '-');
                let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
                Some(format!("{d}.{m}.{y} {time}"))
            });
            ru.unwrap_or(en)
        }
    }
}

/// The acting chain as people say it: "admin as acme", "admin от имени acme".
pub fn chain(locale: Locale, chain: &[String]) -> String {
    match locale {
        Locale::En => describe_chain(chain),
        Locale::Ru => chain.join(" от имени "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ACTIONS;

    fn russian(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        crate::ui::i18n::assert_translated(&EN.all(), &RU.all(), &[]);
    }

    #[test]
    fn every_module_and_function_has_its_words_in_each_language() {
        for module in Module::ALL {
            assert_eq!(module_label(Locale::En, module), module.label());
            assert!(russian(module_label(Locale::Ru, module)), "{module:?}");
        }
        for function in Function::ALL {
            assert_eq!(function_label(Locale::En, function), function.label());
            assert!(
                russian(function_label(Locale::Ru, function)),
                "{function:?}"
            );
        }
    }

    #[test]
    fn every_audit_action_has_its_words_in_each_language() {
        for (key, label) in ACTIONS {
            assert_eq!(action_label(Locale::En, key), Some(*label), "{key}");
            let ru = action_label(Locale::Ru, key).unwrap_or_default();
            assert!(russian(ru), "{key}");
        }
        assert_eq!(action_label(Locale::Ru, "something.new"), None);
    }

    #[test]
    fn english_sentences_read_as_before() {
        let en = Locale::En;
        assert_eq!(
            access_intro(en, Role::Reseller, None),
            "What this reseller may use. A function you untick is refused to it at once. Its users lose what it loses."
        );
        assert_eq!(
            access_intro(en, Role::User, None),
            "What this user may use. A function you untick is refused to it at once."
        );
        assert_eq!(
            access_intro(en, Role::User, Some("acme")),
            "What this user may use: what you tick, within what its reseller acme may use."
        );
        assert_eq!(functions_allowed(en, 3, 3), "All functions allowed");
        assert_eq!(functions_allowed(en, 0, 3), "No function allowed");
        assert_eq!(functions_allowed(en, 2, 7), "2 of 7 functions allowed");
        for role in [Role::Reseller, Role::User] {
            assert_eq!(
                a_new(en, role),
                format!("a new {}", role.label().to_lowercase())
            );
        }
        assert_eq!(
            defaults_intro(en, Role::User, false),
            "Not saved yet: new users get every function, including those that later releases add."
        );
        assert_eq!(
            save_defaults(en, Role::Reseller),
            "Save defaults for new resellers"
        );
        assert_eq!(
            pick_colour(en, EN.primary_colour),
            "Pick the primary colour"
        );
        assert_eq!(contrast(en, 4.519), "White text on it: 4.51:1, passes AA.");
        assert_eq!(
            contrast(en, 3.0),
            "White text on it: 3.00:1, too light: needs 4.5:1."
        );
        assert_eq!(audit_time(en, 1_764_311_832), "2025-11-28 06:37:12 UTC");
        let acting = ["admin".to_owned(), "acme".to_owned()];
        assert_eq!(chain(en, &acting), describe_chain(&acting));
    }

    #[test]
    fn russian_sentences_agree_with_their_figures() {
        let ru = Locale::Ru;
        assert_eq!(functions_allowed(ru, 2, 7), "Разрешено: 2 из 7 функций");
        assert_eq!(functions_allowed(ru, 1, 21), "Разрешено: 1 из 21 функции");
        assert_eq!(functions_allowed(ru, 1, 3), "Разрешено: 1 из 3 функций");
        assert_eq!(
            defaults_intro(ru, Role::Reseller, false),
            "Ещё не сохранено: новые реселлеры получают все функции, включая добавленные в следующих версиях."
        );
        assert_eq!(
            contrast(ru, 4.519),
            "Белый текст на нём: 4,51:1, соответствует AA."
        );
        assert_eq!(audit_time(ru, 1_764_311_832), "28.11.2025 06:37:12");
        assert_eq!(
            support_time(ru, "x".into(), 1_764_311_832_500),
            "28.11.2025 06:37:12"
        );
        assert_eq!(support_time(Locale::En, "as sent".into(), 0), "as sent");
        assert_eq!(
            support_author(ru, "admin as acme".into()),
            chain(ru, &["admin".into(), "acme".into()])
        );
        assert_eq!(
            support_author(Locale::En, "admin as acme".into()),
            "admin as acme"
        );
        assert_eq!(
            chain(ru, &["admin".to_owned(), "acme".to_owned()]),
            "admin от имени acme"
        );
        for role in [Role::Reseller, Role::User] {
            assert!(russian(a_new(ru, role)));
            assert!(russian(&access_intro(ru, role, None)));
            assert!(russian(&defaults_intro(ru, role, true)));
            assert!(russian(&defaults_form_label(ru, role)));
            assert!(russian(&save_defaults(ru, role)));
        }
    }
}
