//! The panel's words in each language, and the language of this request.
//!
//! Every text is a field of [`Texts`]: a language without one of them does
//! not compile, so no key can exist in one language and not the other. The
//! server picks the language (the account's choice, kept in a cookie, else
//! the browser's `Accept-Language`) and renders in it; the browser hydrates
//! in the same one.

use leptos::prelude::*;

use crate::domain::Role;
use crate::domain::access::MenuItem;
use crate::domain::locale::Locale;

/// Declares `Texts` with one `&'static str` per key, and the list of its
/// keys and texts, for the tests that compare the languages.
macro_rules! texts {
    ($($key:ident),* $(,)?) => {
        pub struct Texts {
            $(pub $key: &'static str,)*
        }

        impl Texts {
            /// Every text with its key.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

texts! {
    loading,
    skip_to_content,
    menu,
    welcome,
    entered_from,
    account_settings,
    log_out,
    back_to,
    main_navigation,
    // The menu.
    nav_dashboard,
    nav_resellers,
    nav_all_users,
    nav_users,
    nav_audit,
    nav_support,
    nav_ticket_categories,
    nav_branding,
    nav_default_access,
    // Roles.
    role_admin,
    role_reseller,
    role_user,
    // The login page.
    log_in_title,
    log_in_heading,
    login,
    password,
    log_in,
    logging_in,
    // Account settings.
    logged_in_as,
    contact_email,
    email_for_users,
    email_for_provider,
    email,
    email_hint,
    email_saved,
    save_email,
    change_password,
    change_password_hint,
    current_password,
    new_password,
    new_password_hint,
    new_password_again,
    password_changed,
    language,
    panel_language,
    language_hint,
    language_of_browser,
    save_language,
}

pub static EN: Texts = Texts {
    loading: "Loading…",
    skip_to_content: "Skip to content",
    menu: "Menu",
    welcome: "Welcome,",
    entered_from: "entered from",
    account_settings: "Account settings",
    log_out: "Log out",
    back_to: "Back to",
    main_navigation: "Main",
    nav_dashboard: "Dashboard",
    nav_resellers: "Resellers",
    nav_all_users: "All users",
    nav_users: "Users",
    nav_audit: "Audit log",
    nav_support: "Support center",
    nav_ticket_categories: "Ticket categories",
    nav_branding: "Branding",
    nav_default_access: "Default access",
    role_admin: "Administrator",
    role_reseller: "Reseller",
    role_user: "User",
    log_in_title: "Log in",
    log_in_heading: "Log in to your panel",
    login: "Login",
    password: "Password",
    log_in: "Log in",
    logging_in: "Logging in…",
    logged_in_as: "Logged in as",
    contact_email: "Contact e-mail",
    email_for_users: "Your users see this address as their provider's contact.",
    email_for_provider: "Your provider uses this address to reach you.",
    email: "E-mail",
    email_hint: "Leave blank to remove the address.",
    email_saved: "The e-mail address was saved.",
    save_email: "Save e-mail",
    change_password: "Change password",
    change_password_hint: "Every other session of this account ends when the password changes; this one stays.",
    current_password: "Current password",
    new_password: "New password",
    new_password_hint: "At least 8 characters; a long passphrase is best.",
    new_password_again: "New password again",
    password_changed: "Your password was changed. Your other sessions have ended.",
    language: "Language",
    panel_language: "Panel language",
    language_hint: "The panel speaks this language to you on every browser you log in from.",
    language_of_browser: "As the browser prefers",
    save_language: "Save language",
};

pub static RU: Texts = Texts {
    loading: "Загрузка…",
    skip_to_content: "К содержимому",
    menu: "Меню",
    welcome: "Здравствуйте,",
    entered_from: "вход из панели",
    account_settings: "Настройки учётной записи",
    log_out: "Выйти",
    back_to: "Вернуться к",
    main_navigation: "Главное меню",
    nav_dashboard: "Обзор",
    nav_resellers: "Реселлеры",
    nav_all_users: "Все пользователи",
    nav_users: "Пользователи",
    nav_audit: "Журнал действий",
    nav_support: "Центр поддержки",
    nav_ticket_categories: "Категории обращений",
    nav_branding: "Брендинг",
    nav_default_access: "Доступ по умолчанию",
    role_admin: "Администратор",
    role_reseller: "Реселлер",
    role_user: "Пользователь",
    log_in_title: "Вход",
    log_in_heading: "Вход в панель управления",
    login: "Логин",
    password: "Пароль",
    log_in: "Войти",
    logging_in: "Вход…",
    logged_in_as: "Вы вошли как",
    contact_email: "Контактный e-mail",
    email_for_users: "Ваши пользователи видят этот адрес как контакт своего провайдера.",
    email_for_provider: "По этому адресу с вами связывается ваш провайдер.",
    email: "E-mail",
    email_hint: "Оставьте пустым, чтобы удалить адрес.",
    email_saved: "Адрес e-mail сохранён.",
    save_email: "Сохранить e-mail",
    change_password: "Сменить пароль",
    change_password_hint: "При смене пароля все остальные сеансы этой учётной записи завершаются; текущий остаётся.",
    current_password: "Текущий пароль",
    new_password: "Новый пароль",
    new_password_hint: "Не менее 8 символов; лучше всего длинная парольная фраза.",
    new_password_again: "Новый пароль ещё раз",
    password_changed: "Пароль изменён. Остальные сеансы завершены.",
    language: "Язык",
    panel_language: "Язык панели",
    language_hint: "Панель будет говорить с вами на этом языке в любом браузере, из которого вы входите.",
    language_of_browser: "Как предпочитает браузер",
    save_language: "Сохранить язык",
};

impl Locale {
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::Ru => &RU,
        }
    }
}

impl Texts {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Reseller => self.role_reseller,
            Role::User => self.role_user,
        }
    }

    /// A menu entry's words, by the page it leads to.
    pub fn menu_label(&self, item: &MenuItem, role: Role) -> &'static str {
        match item.href {
            "/" => self.nav_dashboard,
            "/resellers" => self.nav_resellers,
            "/users" if role == Role::Admin => self.nav_all_users,
            "/users" => self.nav_users,
            "/audit" => self.nav_audit,
            "/support" => self.nav_support,
            "/support/categories" => self.nav_ticket_categories,
            "/branding" => self.nav_branding,
            "/settings/access" => self.nav_default_access,
            // A page added to the menu without words here (a test fails).
            _ => item.label,
        }
    }
}

/// The language of this request, chosen on the server.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use crate::service::auth::{cookie_value, language_cookie_name};
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Locale::En;
    };
    let secure =
        use_context::<crate::service::AppContext>().is_some_and(|ctx| ctx.settings.secure_cookies);
    if let Some(chosen) = cookie_value(&parts.headers, language_cookie_name(secure))
        .as_deref()
        .and_then(Locale::from_code)
    {
        return chosen;
    }
    parts
        .headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Locale::En, Locale::negotiate)
}

/// Makes this request's language known to every component; the browser
/// takes the server's choice as it hydrates.
pub fn provide_locale() -> Locale {
    #[cfg(feature = "ssr")]
    let chosen = SharedValue::new(request_locale).into_inner();
    #[cfg(not(feature = "ssr"))]
    let chosen = SharedValue::new(Locale::default).into_inner();
    provide_context(chosen);
    chosen
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The words of this request's language.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::{Access, menu};

    /// (key, English, Russian) for every key.
    fn both() -> Vec<(&'static str, &'static str, &'static str)> {
        let (en, ru) = (EN.all(), RU.all());
        assert_eq!(en.len(), ru.len());
        en.into_iter()
            .zip(ru)
            .map(|((key, en), (same_key, ru))| {
                assert_eq!(key, same_key);
                (key, en, ru)
            })
            .collect()
    }

    #[test]
    fn every_menu_entry_has_its_words_in_each_language() {
        for role in [Role::Admin, Role::Reseller, Role::User] {
            for item in menu(role, &Access::everything_for(role)) {
                assert_eq!(EN.menu_label(&item, role), item.label, "{}", item.href);
                assert_ne!(RU.menu_label(&item, role), item.label, "{}", item.href);
            }
        }
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        // Words a Russian panel writes as the English one does.
        const SAME_IN_BOTH: [&str; 1] = ["email"];
        for (key, en, ru) in both() {
            assert!(
                !en.trim().is_empty() && !ru.trim().is_empty(),
                "{key}: an empty text"
            );
            assert!(
                en != ru || SAME_IN_BOTH.contains(&key),
                "{key}: not translated ({en:?})"
            );
            if !SAME_IN_BOTH.contains(&key) {
                assert!(
                    ru.chars()
                        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')),
                    "{key}: not in Russian ({ru:?})"
                );
            }
        }
    }
}
