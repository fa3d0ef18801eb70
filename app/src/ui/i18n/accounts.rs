//! The words of the dashboard, the account lists (resellers, users) with their
//! filters, toolbar and pager, and the account form.

use super::use_locale;
use crate::domain::locale::{Forms, Locale};
use crate::ui::components::account_kind::ListKind;

texts!(AccountsTexts {
    // Dashboard.
    dashboard,
    resources,
    resource,
    allocated_to_users,
    used,
    limit,
    users,
    disk,
    traffic_per_month,
    properties,
    on_suffix,
    off_suffix,
    your_provider,
    provided_by,
    need_help,
    support_suffix,
    support_label,
    // Amounts.
    unlimited,
    // Lists.
    filter_name,
    filter_by_name,
    filters_and_sorting,
    owner,
    reseller_login,
    state,
    sort_by,
    apply,
    select_all_on_page,
    select_label,
    name,
    disk_quota,
    traffic,
    used_prefix,
    allocated_prefix,
    over_allocated,
    over_quota,
    over_limit,
    sort_login,
    sort_login_desc,
    sort_users_desc,
    sort_disk_desc,
    sort_disk,
    sort_traffic_desc,
    sort_state,
    state_any,
    state_active,
    state_inactive,
    pages,
    first_page,
    previous,
    next,
    // Badges.
    account_active,
    account_not_active,
    active,
    disabled,
    inactive_reseller_disabled,
    its_reseller_too,
    // Toolbar and deletion.
    edit,
    access,
    branding,
    enter,
    enable,
    also_enable_users,
    disable,
    message,
    delete,
    cancel,
    delete_resellers_title,
    delete_resellers_consequence,
    delete_users_title,
    delete_users_consequence,
    this_deletes,
    // The account form.
    account,
    login,
    login_fixed,
    login_rules,
    password,
    password_keep,
    password_rules,
    confirm_password,
    contact_email_optional,
    comment,
    limits,
    accounts_unit,
    mib_unit,
    mib_per_month_unit,
    pool_unlimited,
    oversell,
    oversell_hint,
    properties_of_users_domains,
    properties_of_domains,
    revoke_from_users,
    account_state,
    active_hint_reseller,
    active_hint_user,
    saving,
    save,
    back_to_resellers,
    back_to_users,
    // Pages.
    not_found_title,
    not_found_heading,
    not_found_text,
});

pub static EN: AccountsTexts = AccountsTexts {
    dashboard: "Dashboard",
    resources: "Resources",
    resource: "Resource",
    allocated_to_users: "Allocated to users",
    used: "Used",
    limit: "Limit",
    users: "Users",
    disk: "Disk",
    traffic_per_month: "Traffic (per month)",
    properties: "Properties",
    on_suffix: ": on",
    off_suffix: ": off",
    your_provider: "Your provider",
    provided_by: "Provided by ",
    need_help: "Need help?",
    support_suffix: "support",
    support_label: "Support: ",
    unlimited: "unlimited",
    filter_name: "Name",
    filter_by_name: "Filter by name",
    filters_and_sorting: "Filters and sorting",
    owner: "Owner",
    reseller_login: "Reseller login",
    state: "State",
    sort_by: "Sort by",
    apply: "Apply",
    select_all_on_page: "Select all on this page",
    select_label: "Select",
    name: "Name",
    disk_quota: "Disk quota",
    traffic: "Traffic",
    used_prefix: "used ",
    allocated_prefix: "allocated ",
    over_allocated: "⚠ over-allocated or over-used",
    over_quota: "⚠ over quota",
    over_limit: "⚠ over limit",
    sort_login: "Name (A–Z)",
    sort_login_desc: "Name (Z–A)",
    sort_users_desc: "Most users",
    sort_disk_desc: "Largest disk quota",
    sort_disk: "Smallest disk quota",
    sort_traffic_desc: "Largest traffic limit",
    sort_state: "Inactive first",
    state_any: "All",
    state_active: "Active",
    state_inactive: "Not active",
    pages: "Pages",
    first_page: "First page",
    previous: "Previous",
    next: "Next",
    account_active: "Account active",
    account_not_active: "Account not active",
    active: "Active",
    disabled: "Disabled",
    inactive_reseller_disabled: "Inactive: its reseller is disabled",
    its_reseller_too: "(its reseller too)",
    edit: "Edit",
    access: "Access",
    branding: "Branding",
    enter: "Enter",
    enable: "Enable",
    also_enable_users: "also enable users disabled individually",
    disable: "Disable",
    message: "Message",
    delete: "Delete",
    cancel: "Cancel",
    delete_resellers_title: "Delete resellers?",
    delete_resellers_consequence: ". A reseller that still owns users is not deleted. This cannot be undone.",
    delete_users_title: "Delete users?",
    delete_users_consequence: ". Their sessions end and their resources return to the pool. This cannot be undone.",
    this_deletes: "This deletes ",
    account: "Account",
    login: "Login",
    login_fixed: "The login cannot be changed.",
    login_rules: "Lower-case letters, digits, '_' and '-'; starts with a letter; at most 32.",
    password: "Password",
    password_keep: "Leave blank to keep the current password.",
    password_rules: "At least 8 characters.",
    confirm_password: "Confirm password",
    contact_email_optional: "Contact e-mail (optional)",
    comment: "Comment",
    limits: "Limits",
    accounts_unit: "accounts",
    mib_unit: "MiB",
    mib_per_month_unit: "MiB per month",
    pool_unlimited: "The pool is unlimited.",
    oversell: "Overselling allowed",
    oversell_hint: "its users' allocations may add up to more than its limits",
    properties_of_users_domains: "Properties of its users' WWW domains",
    properties_of_domains: "Properties of its WWW domains",
    revoke_from_users: "Also revoke removed properties from its users",
    account_state: "State",
    active_hint_reseller: "a disabled reseller and all its users cannot log in",
    active_hint_user: "a disabled user cannot log in",
    saving: "Saving…",
    save: "Save",
    back_to_resellers: "Back to resellers",
    back_to_users: "Back to users",
    not_found_title: "Not found",
    not_found_heading: "Page not found",
    not_found_text: "There is no page at this address.",
};

pub static RU: AccountsTexts = AccountsTexts {
    dashboard: "Обзор",
    resources: "Ресурсы",
    resource: "Ресурс",
    allocated_to_users: "Выделено пользователям",
    used: "Использовано",
    limit: "Лимит",
    users: "Пользователи",
    disk: "Диск",
    traffic_per_month: "Трафик (в месяц)",
    properties: "Возможности",
    on_suffix: ": вкл.",
    off_suffix: ": выкл.",
    your_provider: "Ваш провайдер",
    provided_by: "Услуги предоставляет ",
    need_help: "Нужна помощь?",
    support_suffix: "— поддержка",
    support_label: "Поддержка: ",
    unlimited: "без ограничений",
    filter_name: "Имя",
    filter_by_name: "Фильтр по имени",
    filters_and_sorting: "Фильтры и сортировка",
    owner: "Владелец",
    reseller_login: "Логин реселлера",
    state: "Состояние",
    sort_by: "Сортировка",
    apply: "Применить",
    select_all_on_page: "Выбрать все на странице",
    select_label: "Выбор",
    name: "Имя",
    disk_quota: "Дисковая квота",
    traffic: "Трафик",
    used_prefix: "использовано ",
    allocated_prefix: "выделено ",
    over_allocated: "⚠ выделено или использовано сверх лимита",
    over_quota: "⚠ превышена квота",
    over_limit: "⚠ сверх лимита",
    sort_login: "Имя (А–Я)",
    sort_login_desc: "Имя (Я–А)",
    sort_users_desc: "Больше всего пользователей",
    sort_disk_desc: "Наибольшая дисковая квота",
    sort_disk: "Наименьшая дисковая квота",
    sort_traffic_desc: "Наибольший лимит трафика",
    sort_state: "Сначала неактивные",
    state_any: "Все",
    state_active: "Активные",
    state_inactive: "Неактивные",
    pages: "Страницы",
    first_page: "Первая страница",
    previous: "Назад",
    next: "Далее",
    account_active: "Учётная запись активна",
    account_not_active: "Учётная запись неактивна",
    active: "Активна",
    disabled: "Отключена",
    inactive_reseller_disabled: "Неактивна: её реселлер отключён",
    its_reseller_too: "(и её реселлер)",
    edit: "Изменить",
    access: "Доступ",
    branding: "Брендинг",
    enter: "Войти в панель",
    enable: "Включить",
    also_enable_users: "включить и пользователей, отключённых по отдельности",
    disable: "Отключить",
    message: "Написать",
    delete: "Удалить",
    cancel: "Отмена",
    delete_resellers_title: "Удалить реселлеров?",
    delete_resellers_consequence: ". Реселлер, у которого ещё есть пользователи, не удаляется. Это действие нельзя отменить.",
    delete_users_title: "Удалить пользователей?",
    delete_users_consequence: ". Их сеансы завершатся, а ресурсы вернутся в пул. Это действие нельзя отменить.",
    this_deletes: "Будут удалены: ",
    account: "Учётная запись",
    login: "Логин",
    login_fixed: "Логин изменить нельзя.",
    login_rules: "Строчные латинские буквы, цифры, «_» и «-»; начинается с буквы; не длиннее 32.",
    password: "Пароль",
    password_keep: "Оставьте пустым, чтобы сохранить текущий пароль.",
    password_rules: "Не менее 8 символов.",
    confirm_password: "Подтверждение пароля",
    contact_email_optional: "Контактный e-mail (необязательно)",
    comment: "Комментарий",
    limits: "Лимиты",
    accounts_unit: "учётных записей",
    mib_unit: "МиБ",
    mib_per_month_unit: "МиБ в месяц",
    pool_unlimited: "Пул не ограничен.",
    oversell: "Разрешить перепродажу",
    oversell_hint: "сумма выделенного его пользователям может превышать его лимиты",
    properties_of_users_domains: "Возможности WWW-доменов его пользователей",
    properties_of_domains: "Возможности его WWW-доменов",
    revoke_from_users: "Отозвать снятые возможности и у его пользователей",
    account_state: "Состояние",
    active_hint_reseller: "отключённый реселлер и все его пользователи не могут войти",
    active_hint_user: "отключённый пользователь не может войти",
    saving: "Сохранение…",
    save: "Сохранить",
    back_to_resellers: "К списку реселлеров",
    back_to_users: "К списку пользователей",
    not_found_title: "Не найдено",
    not_found_heading: "Страница не найдена",
    not_found_text: "По этому адресу страницы нет.",
};

/// These words in this request's language.
pub fn use_accounts_texts() -> &'static AccountsTexts {
    texts_in(use_locale())
}

/// A list's accounts, counted: "1 reseller", "5 реселлеров".
pub fn accounts(locale: Locale, kind: ListKind, n: u64) -> String {
    let forms = match (locale, kind) {
        (Locale::En, ListKind::Resellers) => Forms {
            one: "reseller",
            few: "resellers",
            many: "resellers",
        },
        (Locale::En, _) => Forms {
            one: "user",
            few: "users",
            many: "users",
        },
        (Locale::Ru, ListKind::Resellers) => Forms {
            one: "реселлер",
            few: "реселлера",
            many: "реселлеров",
        },
        (Locale::Ru, _) => Forms {
            one: "пользователь",
            few: "пользователя",
            many: "пользователей",
        },
    };
    forms.of(locale, n)
}

/// After "of" ("из"), where Russian wants the genitive: "из 51 реселлера",
/// "из 5 пользователей".
pub fn of_accounts(locale: Locale, kind: ListKind, n: u64) -> String {
    let forms = match (locale, kind) {
        (Locale::Ru, ListKind::Resellers) => Forms {
            one: "реселлера",
            few: "реселлеров",
            many: "реселлеров",
        },
        (Locale::Ru, _) => Forms {
            one: "пользователя",
            few: "пользователей",
            many: "пользователей",
        },
        (Locale::En, _) => return accounts(locale, kind, n),
    };
    forms.of(locale, n)
}

/// A list's title: "Resellers", "All users".
pub fn list_title(locale: Locale, kind: ListKind) -> &'static str {
    match (locale, kind) {
        (Locale::En, _) => kind.title(),
        (Locale::Ru, ListKind::Resellers) => "Реселлеры",
        (Locale::Ru, ListKind::Users) => "Пользователи",
        (Locale::Ru, ListKind::AllUsers) => "Все пользователи",
    }
}

/// "Add reseller".
pub fn add_account(locale: Locale, kind: ListKind) -> &'static str {
    match (locale, kind) {
        (Locale::En, ListKind::Resellers) => "Add reseller",
        (Locale::En, _) => "Add user",
        (Locale::Ru, ListKind::Resellers) => "Добавить реселлера",
        (Locale::Ru, _) => "Добавить пользователя",
    }
}

/// "Reseller acme", the heading of its form.
pub fn account_heading(locale: Locale, kind: ListKind, login: &str) -> String {
    match (locale, kind) {
        (Locale::En, ListKind::Resellers) => format!("Reseller {login}"),
        (Locale::En, _) => format!("User {login}"),
        (Locale::Ru, ListKind::Resellers) => format!("Реселлер {login}"),
        (Locale::Ru, _) => format!("Пользователь {login}"),
    }
}

/// "No resellers match."
pub fn none_match(locale: Locale, kind: ListKind) -> &'static str {
    match (locale, kind) {
        (Locale::En, ListKind::Resellers) => "No resellers match.",
        (Locale::En, _) => "No users match.",
        (Locale::Ru, ListKind::Resellers) => "Подходящих реселлеров нет.",
        (Locale::Ru, _) => "Подходящих пользователей нет.",
    }
}

/// "Actions on selected resellers".
pub fn actions_on_selected(locale: Locale, kind: ListKind) -> &'static str {
    match (locale, kind) {
        (Locale::En, ListKind::Resellers) => "Actions on selected resellers",
        (Locale::En, _) => "Actions on selected users",
        (Locale::Ru, ListKind::Resellers) => "Действия с выбранными реселлерами",
        (Locale::Ru, _) => "Действия с выбранными пользователями",
    }
}

/// "50 shown of 51 resellers".
pub fn shown_of(locale: Locale, kind: ListKind, shown: usize, total: u64) -> String {
    match locale {
        Locale::En => format!("{shown} shown of {}", accounts(locale, kind, total)),
        Locale::Ru => format!("Показано {shown} из {}", of_accounts(locale, kind, total)),
    }
}

/// "Select acme" (a row's box).
pub fn select(locale: Locale, login: &str) -> String {
    match locale {
        Locale::En => format!("Select {login}"),
        Locale::Ru => format!("Выбрать {login}"),
    }
}

/// "Disabled by admin".
pub fn disabled_by(locale: Locale, by: &str) -> String {
    match locale {
        Locale::En => format!("Disabled by {by}"),
        Locale::Ru => format!("Отключена: {by}"),
    }
}

/// " + 2 unlimited" after an allocated sum.
pub fn plus_unlimited(locale: Locale, n: u64) -> String {
    match locale {
        Locale::En => format!(" + {n} unlimited"),
        Locale::Ru => format!(" + {} без ограничений", locale.count(n)),
    }
}

/// "Pool of acme: 3 of 10 users exist. Overselling is allowed."
pub fn pool_summary(
    locale: Locale,
    owner: &str,
    existing: u64,
    max: Option<u64>,
    oversell: bool,
) -> String {
    match locale {
        Locale::En => {
            let users = match max {
                Some(max) => format!("{existing} of {max} users exist"),
                None => format!("{existing} users exist"),
            };
            let oversell = if oversell {
                " Overselling is allowed."
            } else {
                ""
            };
            format!("Pool of {owner}: {users}.{oversell}")
        }
        Locale::Ru => {
            let users = match max {
                Some(max) => format!(
                    "создано {existing} из {}",
                    of_accounts(locale, ListKind::Users, max)
                ),
                None => format!("создано {}", accounts(locale, ListKind::Users, existing)),
            };
            let oversell = if oversell {
                " Перепродажа разрешена."
            } else {
                ""
            };
            format!("Пул {owner}: {users}.{oversell}")
        }
    }
}

/// "Only properties that acme has can be granted."
pub fn only_owner_properties(locale: Locale, owner: &str) -> String {
    match locale {
        Locale::En => format!("Only properties that {owner} has can be granted."),
        Locale::Ru => format!("Можно выдать только те возможности, которые есть у {owner}."),
    }
}

/// Under a user's limit field: what is left of the pool.
pub fn pool_left(locale: Locale, left: &str, of: &str) -> String {
    match locale {
        Locale::En => format!("{left} left of {of} in the pool."),
        Locale::Ru => format!("В пуле осталось {left} из {of}."),
    }
}

/// Under a user's limit field when the owner may oversell.
pub fn pool_allocated_oversell(locale: Locale, allocated: &str, pool: &str) -> String {
    match locale {
        Locale::En => {
            format!("{allocated} allocated to other users of a {pool} pool (overselling allowed).")
        }
        Locale::Ru => format!(
            "Другим пользователям выделено {allocated} из пула {pool} (перепродажа разрешена)."
        ),
    }
}

/// The outcome of an action on several accounts: "3 disabled, 1 refused:
/// acme owns 2 users" / "Отключено: 3, отклонено: 1 — у acme есть
/// пользователи: 2".
pub fn bulk_summary(locale: Locale, report: &crate::model::BulkReport) -> String {
    if locale == Locale::En {
        return report.summary();
    }
    let verb = match report.verb.as_str() {
        "disabled" => "Отключено",
        "enabled" => "Включено",
        "deleted" => "Удалено",
        _ => "Выполнено",
    };
    let mut text = format!("{verb}: {}", locale.count(report.done.len() as u64));
    if !report.refused.is_empty() {
        let reasons: Vec<String> = report
            .refused
            .iter()
            .map(|r| super::refusals::translate(locale, &r.reason))
            .collect();
        text.push_str(&format!(
            ", отклонено: {} — {}",
            locale.count(report.refused.len() as u64),
            reasons.join("; ")
        ));
    }
    text
}

/// "ACME support" (a brand's help line).
pub fn brand_support(locale: Locale, brand: &str) -> String {
    match locale {
        Locale::En => format!("{brand} support"),
        Locale::Ru => format!("Поддержка {brand}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_written_in_both_languages() {
        crate::ui::i18n::assert_translated(&EN.all(), &RU.all(), &[]);
    }

    #[test]
    fn lists_count_their_accounts_in_each_language() {
        assert_eq!(
            shown_of(Locale::En, ListKind::Resellers, 50, 51),
            "50 shown of 51 resellers"
        );
        assert_eq!(
            shown_of(Locale::En, ListKind::Users, 1, 1),
            "1 shown of 1 user"
        );
        assert_eq!(
            shown_of(Locale::Ru, ListKind::Resellers, 50, 51),
            "Показано 50 из 51 реселлера"
        );
        assert_eq!(
            shown_of(Locale::Ru, ListKind::Users, 1, 2),
            "Показано 1 из 2 пользователей"
        );
        assert_eq!(accounts(Locale::Ru, ListKind::Users, 5), "5 пользователей");
        assert_eq!(accounts(Locale::Ru, ListKind::Users, 22), "22 пользователя");
    }

    #[test]
    fn a_bulk_outcome_reads_in_each_language() {
        let report = crate::model::BulkReport {
            verb: "deleted".into(),
            done: vec!["a".into()],
            refused: vec![crate::model::Refusal {
                login: "acme".into(),
                reason: "acme owns 2 users".into(),
            }],
        };
        assert_eq!(
            bulk_summary(Locale::En, &report),
            "1 deleted, 1 refused: acme owns 2 users"
        );
        assert_eq!(
            bulk_summary(Locale::Ru, &report),
            "Удалено: 1, отклонено: 1 — у acme есть пользователи: 2"
        );
    }

    #[test]
    fn english_titles_are_the_list_kinds_own() {
        for kind in [ListKind::Resellers, ListKind::Users, ListKind::AllUsers] {
            assert_eq!(list_title(Locale::En, kind), kind.title());
            assert_ne!(list_title(Locale::Ru, kind), kind.title());
        }
    }
}
