//! The words of the frame every page shares (header, menu, roles), the
//! login page and the account settings.

use super::use_locale;
use crate::domain::access::MenuItem;
use crate::domain::locale::Locale;
use crate::domain::{Feature, Role};

texts!(Texts {
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
    feature_shell,
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
});

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
    feature_shell: "Shell access",
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
    feature_shell: "Доступ к shell",
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

impl Texts {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Reseller => self.role_reseller,
            Role::User => self.role_user,
        }
    }

    /// A property's name (the other four are the same in both languages).
    pub fn feature(&self, feature: Feature) -> &'static str {
        match feature {
            Feature::Shell => self.feature_shell,
            other => other.label(),
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

/// A support badge's words: "3 unread from above" (tickets from the account
/// above) or "from below" (from its own accounts).
pub fn unread(locale: Locale, count: u64, from_above: bool) -> String {
    match (locale, from_above) {
        (Locale::En, true) => format!("{count} unread from above"),
        (Locale::En, false) => format!("{count} unread from below"),
        (Locale::Ru, true) => format!("непрочитанных сверху: {}", locale.count(count)),
        (Locale::Ru, false) => format!("непрочитанных снизу: {}", locale.count(count)),
    }
}

/// The frame's words in this request's language.
pub fn use_texts() -> &'static Texts {
    texts_in(use_locale())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::{Access, menu};

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
        crate::ui::i18n::assert_translated(&EN.all(), &RU.all(), &["email"]);
    }
}
