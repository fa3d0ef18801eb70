//! The server's refusals and notices in the reader's language.
//!
//! The rules write their refusals in English, with the figures in them
//! ("Disk pool exhausted: 464.6 GiB (475 700 MiB) of 1 TiB allocated, …").
//! A page shows them through [`translate`], which finds the refusal's
//! template in a catalogue and writes it again in the reader's language,
//! carrying the figures and names over (amounts in the language's units).
//! A refusal missing from the catalogue shows in English; a test runs the
//! rules' refusals through it so that none is missed.

use crate::domain::locale::Locale;
use crate::error::AppError;

/// `{}` marks a figure or name carried over, in order.
pub type Template = (&'static str, &'static str);

/// The account rules: logins, passwords, addresses, limits, pools, states.
const ACCOUNTS: &[Template] = &[
    ("Please log in.", "Войдите в панель."),
    (
        "Something went wrong on the server. Please try again.",
        "На сервере произошла ошибка. Попробуйте ещё раз.",
    ),
    ("Some fields need correcting.", "Исправьте отмеченные поля."),
    (
        "The server could not be reached ({}).",
        "Сервер недоступен ({}).",
    ),
    (
        "The request could not be read: {}",
        "Не удалось прочитать запрос: {}",
    ),
    ("Enter a login.", "Введите логин."),
    ("Enter your login.", "Введите логин."),
    ("Enter your password.", "Введите пароль."),
    ("Enter a password.", "Введите пароль."),
    (
        "A login starts with a lower-case letter (a–z).",
        "Логин начинается со строчной латинской буквы (a–z).",
    ),
    (
        "A login may contain only a–z, 0–9, '_' and '-' (found '{}').",
        "Логин может содержать только a–z, 0–9, «_» и «-» (найдено «{}»).",
    ),
    (
        "A login has at most 32 characters (this one has {}).",
        "Логин не длиннее 32 символов (в этом — {}).",
    ),
    ("That login is too long.", "Слишком длинный логин."),
    ("That password is too long.", "Слишком длинный пароль."),
    (
        "A password has at least 8 characters.",
        "Пароль — не менее 8 символов.",
    ),
    (
        "A password has at most 128 characters.",
        "Пароль — не более 128 символов.",
    ),
    (
        "A password cannot be only spaces.",
        "Пароль не может состоять из одних пробелов.",
    ),
    ("The two passwords differ.", "Пароли не совпадают."),
    ("Enter your current password.", "Введите текущий пароль."),
    (
        "That is not your current password.",
        "Это не ваш текущий пароль.",
    ),
    (
        "Enter an e-mail address like name@example.com.",
        "Введите адрес e-mail вида name@example.com.",
    ),
    (
        "An e-mail address has at most 254 characters.",
        "Адрес e-mail — не более 254 символов.",
    ),
    (
        "A comment has at most 1000 characters.",
        "Комментарий — не более 1000 символов.",
    ),
    (
        "A comment cannot contain control characters.",
        "Комментарий не может содержать управляющие символы.",
    ),
    (
        "Enter a whole number of MiB (0 or more), or tick “unlimited”.",
        "Введите целое число МиБ (0 или больше) или отметьте «без ограничений».",
    ),
    (
        "Enter a whole number of users (0 or more), or tick “unlimited”.",
        "Введите целое число пользователей (0 или больше) или отметьте «без ограничений».",
    ),
    (
        "Enter a number, or tick “unlimited”.",
        "Введите число или отметьте «без ограничений».",
    ),
    ("At most {} MiB.", "Не больше {} МиБ."),
    ("At most {} users.", "Не больше {} пользователей."),
    (
        "At most {} — the whole pool.",
        "Не больше {} — это весь пул.",
    ),
    (
        "Disk pool exhausted: {} of {} allocated, {} left.",
        "Дисковый пул исчерпан: выделено {} из {}, осталось {}.",
    ),
    (
        "Traffic pool exhausted: {} of {} allocated, {} left.",
        "Пул трафика исчерпан: выделено {} из {}, осталось {}.",
    ),
    (
        "It already owns {} users: the limit cannot be lower than that.",
        "У него уже {} польз.: лимит не может быть меньше.",
    ),
    (
        "User limit reached: {} of {} users exist.",
        "Достигнут лимит пользователей: создано {} из {}.",
    ),
    (
        "{} of its users have unlimited disk: make their disk finite first.",
        "Пользователей с диском без ограничений: {}. Сначала задайте им конечный лимит диска.",
    ),
    (
        "{} of its users have unlimited traffic: make their traffic finite first.",
        "Пользователей с трафиком без ограничений: {}. Сначала задайте им конечный лимит трафика.",
    ),
    (
        "{} is allocated to its users: the limit cannot be lower than that.",
        "Его пользователям выделено {}: лимит не может быть меньше.",
    ),
    (
        "Disk total too large: its owner's users already hold {}, and {} more would pass the largest total that can be counted ({} MiB).",
        "Слишком большой итог по диску: у пользователей владельца уже {}, ещё {} превысят наибольший учитываемый итог ({} МиБ).",
    ),
    (
        "Traffic total too large: its owner's users already hold {}, and {} more would pass the largest total that can be counted ({} MiB).",
        "Слишком большой итог по трафику: у пользователей владельца уже {}, ещё {} превысят наибольший учитываемый итог ({} МиБ).",
    ),
    (
        "Unlimited disk is possible only where the owner is unlimited (its pool is {}).",
        "Диск без ограничений возможен, только если он не ограничен у владельца (его пул — {}).",
    ),
    (
        "Unlimited traffic is possible only where the owner is unlimited (its pool is {}).",
        "Трафик без ограничений возможен, только если он не ограничен у владельца (его пул — {}).",
    ),
    (
        "{} does not have {}: only its own properties can be granted.",
        "У {} нет возможностей «{}»: выдать можно только свои.",
    ),
    ("{} owns {} users", "у {} есть пользователи: {}"),
    ("{} owns {} user", "у {} есть пользователи: {}"),
    (
        "Select at least one reseller.",
        "Выберите хотя бы одного реселлера.",
    ),
    (
        "Select at least one user.",
        "Выберите хотя бы одного пользователя.",
    ),
    (
        "Select exactly one reseller for this action.",
        "Для этого действия выберите ровно одного реселлера.",
    ),
    (
        "Select exactly one user for this action.",
        "Для этого действия выберите ровно одного пользователя.",
    ),
    ("Choose an action.", "Выберите действие."),
    (
        "Choose one of the languages offered.",
        "Выберите один из предложенных языков.",
    ),
    (
        "Only the admin or a reseller may manage users.",
        "Управлять пользователями может только администратор или реселлер.",
    ),
    (
        "Only the administrator may do this.",
        "Это может сделать только администратор.",
    ),
    ("Only the {} may do this.", "Это может сделать только {}."),
];

/// Every catalogue, looked through in order.
fn catalogues() -> [&'static [Template]; 2] {
    [ACCOUNTS, super::refusals_more::SUPPORT_AND_PAGES]
}

/// `english` in `locale`: the catalogue's words with the figures carried
/// over, or `english` itself when the catalogue has no template for it.
pub fn translate(locale: Locale, english: &str) -> String {
    if locale == Locale::En {
        return english.to_owned();
    }
    // The most specific template wins: "At most {} — the whole pool." over
    // "At most {} MiB.", had a pool been quoted so.
    let mut best: Option<(usize, &str, Vec<String>)> = None;
    for catalogue in catalogues() {
        for (template, translated) in catalogue {
            if let Some(figures) = fill_in(template, english) {
                let literal = template.len() - 2 * figures.len();
                if best.as_ref().is_none_or(|(most, _, _)| literal > *most) {
                    best = Some((literal, translated, figures));
                }
            }
        }
    }
    match best {
        Some((_, translated, figures)) => write_in(locale, translated, &figures),
        None => english.to_owned(),
    }
}

/// A refusal's text in `locale`.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    translate(locale, &error.to_string())
}

/// A refusal's text in this request's language.
pub fn localized(error: &AppError) -> String {
    error_text(super::use_locale(), error)
}

/// Whether the catalogue has a template for `english` (for tests).
pub fn is_known(english: &str) -> bool {
    catalogues().iter().any(|catalogue| {
        catalogue
            .iter()
            .any(|(template, _)| fill_in(template, english).is_some())
    })
}

/// The parts of `text` that stand where `template` has `{}`, if the rest
/// matches it exactly.
fn fill_in(template: &str, text: &str) -> Option<Vec<String>> {
    let mut pieces = template.split("{}");
    let first = pieces.next().unwrap_or("");
    let mut rest = text.strip_prefix(first)?;
    let mut figures = Vec::new();
    let pieces: Vec<&str> = pieces.collect();
    for (i, literal) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        let at = if last {
            // The last literal ends the text.
            if literal.is_empty() {
                rest.len()
            } else {
                rest.strip_suffix(literal).map(str::len)?
            }
        } else {
            rest.find(literal)?
        };
        figures.push(rest[..at].to_owned());
        rest = &rest[at + literal.len()..];
    }
    rest.is_empty().then_some(figures)
}

/// `template` with its `{}`s replaced by `figures` in the reader's units.
fn write_in(locale: Locale, template: &str, figures: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut figures = figures.iter();
    let mut pieces = template.split("{}").peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_some() {
            out.push_str(&amounts_in(
                locale,
                figures.next().map_or("", String::as_str),
            ));
        }
    }
    out
}

/// "464.6 GiB (475 700 MiB)" in `locale`'s decimal mark and unit names.
fn amounts_in(locale: Locale, figure: &str) -> String {
    // A name ("found '1.5'") is carried over as it is.
    let is_amount = ["MiB", "GiB", "TiB", "PiB", "EiB"]
        .iter()
        .any(|unit| figure.contains(unit));
    if locale == Locale::En || !is_amount {
        return figure.to_owned();
    }
    let mut out = String::with_capacity(figure.len() + 8);
    let chars: Vec<char> = figure.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_ascii_digit()
            && chars[i + 1].is_ascii_digit();
        if c == '.' && between_digits {
            out.push(locale.decimal_mark());
        } else {
            out.push(c);
        }
    }
    for (en, ru) in [
        ("MiB", "МиБ"),
        ("GiB", "ГиБ"),
        ("TiB", "ТиБ"),
        ("PiB", "ПиБ"),
        ("EiB", "ЭиБ"),
    ] {
        out = out.replace(en, ru);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::{AccountForm, FormMode};

    #[test]
    fn a_refusal_with_figures_is_written_again_with_them() {
        let english =
            "Disk pool exhausted: 464.6 GiB (475 700 MiB) of 1 TiB allocated, 559.4 GiB left.";
        assert_eq!(
            translate(Locale::Ru, english),
            "Дисковый пул исчерпан: выделено 464,6 ГиБ (475 700 МиБ) из 1 ТиБ, осталось 559,4 ГиБ."
        );
        assert_eq!(translate(Locale::En, english), english);
    }

    #[test]
    fn the_most_specific_template_wins() {
        assert_eq!(
            translate(Locale::Ru, "At most 500 MiB — the whole pool."),
            "Не больше 500 МиБ — это весь пул."
        );
        assert_eq!(
            translate(Locale::Ru, "At most 99 users."),
            "Не больше 99 пользователей."
        );
    }

    #[test]
    fn a_name_is_carried_over_as_it_is() {
        assert_eq!(
            translate(
                Locale::Ru,
                "A login may contain only a–z, 0–9, '_' and '-' (found '1.5')."
            ),
            "Логин может содержать только a–z, 0–9, «_» и «-» (найдено «1.5»)."
        );
    }

    #[test]
    fn an_unknown_text_stays_as_it_is() {
        assert_eq!(translate(Locale::Ru, "Something new."), "Something new.");
        assert!(!is_known("Something new."));
    }

    #[test]
    fn every_template_is_written_in_russian_with_as_many_figures() {
        for catalogue in catalogues() {
            for (en, ru) in catalogue {
                assert_eq!(en.matches("{}").count(), ru.matches("{}").count(), "{en}");
                assert!(
                    ru.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')),
                    "{ru}"
                );
            }
        }
    }

    /// The pool rules' refusals, as they write them, are all in the catalogue.
    #[test]
    fn the_pool_rules_refusals_are_all_known() {
        use crate::domain::pool::{
            Allocation, Share, check_features, check_new_pool_limits, check_share,
        };
        use crate::domain::{Features, Limit, Limits};
        let pool = |users, disk, traffic| Limits {
            users: Limit::Finite(users),
            disk_mib: Limit::Finite(disk),
            traffic_mib: Limit::Finite(traffic),
        };
        let share = |disk, traffic| Share {
            disk_mib: disk,
            traffic_mib: traffic,
        };
        let held = Allocation::default().with(share(Limit::Finite(400), Limit::Finite(400)));
        let unlimited_held = Allocation::default().with(share(Limit::Unlimited, Limit::Unlimited));
        let mut refusals = Vec::new();
        refusals.extend(check_share(
            &pool(1, 500, 500),
            false,
            &held,
            None,
            share(Limit::Finite(200), Limit::Finite(200)),
        ));
        refusals.extend(check_share(
            &pool(10, 500, 500),
            false,
            &held,
            None,
            share(Limit::Finite(900), Limit::Finite(900)),
        ));
        refusals.extend(check_share(
            &pool(10, 500, 500),
            false,
            &held,
            None,
            share(Limit::Unlimited, Limit::Unlimited),
        ));
        refusals.extend(check_share(
            &pool(10, 500, 500),
            false,
            &held,
            None,
            share(Limit::Finite(u64::MAX), Limit::Finite(u64::MAX)),
        ));
        refusals.extend(check_new_pool_limits(&pool(0, 100, 100), &held, false));
        refusals.extend(check_new_pool_limits(
            &pool(0, 100, 100),
            &unlimited_held,
            false,
        ));
        let shell = Features {
            shell: true,
            ..Default::default()
        };
        refusals.extend(check_features(&shell, &Features::default(), "acme"));
        assert!(refusals.len() >= 10, "{refusals:?}");
        for refusal in refusals {
            assert!(
                is_known(&refusal.message),
                "not in the catalogue: {:?}",
                refusal.message
            );
        }
    }

    /// The account form's refusals, as the rules write them, are all in
    /// the catalogue.
    #[test]
    fn the_account_rules_refusals_are_all_known() {
        let bad = AccountForm {
            login: "1-bad login".into(),
            password: "short".into(),
            password_confirm: "other".into(),
            email: "nope".into(),
            comment: "\u{7}".into(),
            users: "lots".into(),
            disk_mib: "".into(),
            traffic_mib: "-1".into(),
            ..Default::default()
        };
        let mut refusals = bad.parse(FormMode::Create, true).err().unwrap_or_default();
        let long = AccountForm {
            login: "a".repeat(40),
            password: " ".repeat(10),
            password_confirm: " ".repeat(10),
            ..Default::default()
        };
        refusals.extend(long.parse(FormMode::Create, true).err().unwrap_or_default());
        let mismatched = AccountForm {
            password: "long enough".into(),
            password_confirm: "long enougH".into(),
            ..Default::default()
        };
        refusals.extend(
            mismatched
                .parse(FormMode::Create, true)
                .err()
                .unwrap_or_default(),
        );
        assert!(refusals.len() > 8);
        for refusal in refusals {
            assert!(
                is_known(&refusal.message),
                "not in the catalogue: {:?}",
                refusal.message
            );
        }
    }
}
