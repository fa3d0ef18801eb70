//! The refusals of the support center, branding, access and audit rules, in
//! the catalogue's form (see `refusals`).

use super::refusals::Template;

pub const SUPPORT_AND_PAGES: &[Template] = &[
    // Support center: tickets and messages (domain::support, service::support).
    ("Enter a subject.", "Введите тему."),
    (
        "A subject is at most 200 characters.",
        "Тема — не более 200 символов.",
    ),
    (
        "A subject is one line.",
        "Тема должна умещаться в одну строку.",
    ),
    ("Write a message.", "Напишите сообщение."),
    (
        "A message is at most 20000 characters.",
        "Сообщение — не более 20 000 символов.",
    ),
    (
        "Choose High, Medium or Low.",
        "Выберите приоритет: «Высокий», «Средний» или «Низкий».",
    ),
    ("Choose a category.", "Выберите категорию."),
    (
        "This category is disabled; choose another.",
        "Эта категория отключена; выберите другую.",
    ),
    (
        "Choose one of the categories.",
        "Выберите одну из категорий.",
    ),
    (
        "Choose one of the listed boxes.",
        "Выберите одну из перечисленных папок.",
    ),
    (
        "Choose Open, Answered or Closed.",
        "Выберите статус: «Открыто», «Есть ответ» или «Закрыто».",
    ),
    (
        "Search for at most 200 characters.",
        "Строка поиска — не более 200 символов.",
    ),
    ("No such ticket.", "Обращение не найдено."),
    (
        "You have sent 20 messages in the last minute. Wait a moment and send it again.",
        "За последнюю минуту вы отправили 20 сообщений. Подождите немного и отправьте ещё раз.",
    ),
    (
        "The administrator has nobody above to send a ticket to.",
        "Над администратором никого нет: обращение отправить некому.",
    ),
    (
        "You already have 10 open tickets. Close one that is solved before opening another.",
        "У вас уже 10 открытых обращений. Закройте решённое, прежде чем открывать новое.",
    ),
    (
        "Your owner's account no longer exists.",
        "Учётной записи вашего владельца больше нет.",
    ),
    (
        "A user has no accounts below it to message.",
        "У пользователя нет подчинённых учётных записей, которым можно написать.",
    ),
    (
        "A recipient is not an account below yours.",
        "Один из получателей не относится к вашим подчинённым учётным записям.",
    ),
    (
        "You can read this ticket, but only its two parties can act on it.",
        "Вы можете читать это обращение, но действовать в нём могут только две его стороны.",
    ),
    (
        "Only the side that received the ticket sets its working priority.",
        "Рабочий приоритет устанавливает только сторона, получившая обращение.",
    ),
    ("This page no longer exists.", "Этой страницы больше нет."),
    (
        "Select at least one recipient.",
        "Выберите хотя бы одного получателя.",
    ),
    (
        "Select at most 500 recipients at once.",
        "Выберите не больше 500 получателей за раз.",
    ),
    // Ticket categories (domain::support, service::support_categories).
    ("Enter a name.", "Введите название."),
    (
        "A name is at most 60 characters.",
        "Название — не более 60 символов.",
    ),
    (
        "A name is one line of text.",
        "Название должно быть одной строкой текста.",
    ),
    (
        "A position is a whole number from 0 to 9999.",
        "Порядок — целое число от 0 до 9999.",
    ),
    (
        "Choose High, Medium, Low or none.",
        "Выберите приоритет: «Высокий», «Средний», «Низкий» или «Не задан».",
    ),
    ("No such category.", "Категория не найдена."),
    (
        "“{}” is used by {} ticket, so it cannot be deleted. Disable it instead: it will no longer be offered.",
        "Категорию «{}» нельзя удалить: она указана в обращениях ({}). Отключите её — тогда её больше не будут предлагать.",
    ),
    (
        "“{}” is used by {} tickets, so it cannot be deleted. Disable it instead: it will no longer be offered.",
        "Категорию «{}» нельзя удалить: она указана в обращениях ({}). Отключите её — тогда её больше не будут предлагать.",
    ),
    // Branding: the brand's values (domain::branding).
    (
        "Enter a colour as # and six hex digits, like #1f5f8b.",
        "Укажите цвет в виде # и шести шестнадцатеричных цифр, например #1f5f8b.",
    ),
    (
        "White text on {} has a contrast of {}:1; it needs at least 4.5:1 (WCAG AA). Choose a darker colour.",
        "Контраст белого текста на {} — {}:1, а нужно не менее 4,5:1 (WCAG AA). Выберите более тёмный цвет.",
    ),
    // Shadowed by ACCOUNTS' "At most {} {}." while that one is looked
    // through first (see the tests).
    ("At most 40 characters.", "Не более 40 символов."),
    ("At most 200 characters.", "Не более 200 символов."),
    ("At most 10 host names.", "Не более 10 имён хостов."),
    (
        "One line of text, without control characters.",
        "Одна строка текста без управляющих символов.",
    ),
    (
        "Plain text only: < and > are not allowed.",
        "Только простой текст: символы < и > не допускаются.",
    ),
    ("Enter the panel's name.", "Введите название панели."),
    (
        "Enter a web address like https://help.example.com/.",
        "Введите веб-адрес вида https://help.example.com/.",
    ),
    (
        "A web address has at most 300 characters.",
        "Веб-адрес — не более 300 символов.",
    ),
    // Host names (domain::branding, service::branding).
    ("Enter a host name.", "Введите имя хоста."),
    (
        "“{}” has letters outside plain ASCII. Such names can imitate another provider's name, so only ASCII host names are accepted.",
        "В «{}» есть буквы вне ASCII. Такие имена могут выдавать себя за имя другого провайдера, поэтому принимаются только имена хостов в ASCII.",
    ),
    (
        "“{}”: enter the host name alone, without a scheme or a path.",
        "«{}»: укажите только имя хоста, без схемы и пути.",
    ),
    (
        "“{}”: a host name has no port.",
        "«{}»: имя хоста указывается без порта.",
    ),
    (
        "“{}” is longer than 253 characters.",
        "«{}» длиннее 253 символов.",
    ),
    (
        "“{}”: use a full host name such as panel.example.com.",
        "«{}»: укажите полное имя хоста, например panel.example.com.",
    ),
    (
        "“{}” is not a valid host name: use letters, digits and hyphens between dots.",
        "«{}» — недопустимое имя хоста: используйте латинские буквы, цифры и дефисы между точками.",
    ),
    (
        "“{}” is an encoded international name. Such names can imitate another provider's name and are not accepted.",
        "«{}» — закодированное международное имя. Такие имена могут выдавать себя за имя другого провайдера и не принимаются.",
    ),
    (
        "“{}” is an IP address; enter a host name.",
        "«{}» — это IP-адрес; введите имя хоста.",
    ),
    (
        "“{}” is one of the server's own host names.",
        "«{}» — одно из собственных имён хостов сервера.",
    ),
    (
        "“{}” is already used by another reseller.",
        "«{}» уже использует другой реселлер.",
    ),
    ("No such brand.", "Бренд не найден."),
    // Logos (domain::branding, service::branding, the upload route).
    ("Choose an image file.", "Выберите файл изображения."),
    (
        "The logo is {} KiB; it may be at most 256 KiB.",
        "Размер логотипа — {} КиБ, а допускается не более 256 КиБ.",
    ),
    (
        "The logo may be at most 256 KiB.",
        "Логотип — не более 256 КиБ.",
    ),
    (
        "SVG images are not accepted (they can carry scripts). Upload a PNG, JPEG or WebP.",
        "Изображения SVG не принимаются (в них могут быть скрипты). Загрузите PNG, JPEG или WebP.",
    ),
    (
        "This is not a PNG, JPEG or WebP image.",
        "Это не изображение PNG, JPEG или WebP.",
    ),
    (
        "The file holds data after the end of the image. Save the image again and upload that.",
        "В файле есть данные после конца изображения. Пересохраните изображение и загрузите новый файл.",
    ),
    ("The image is empty.", "Изображение пустое."),
    (
        "The image is {}×{} pixels; it may be at most 1024×1024.",
        "Размер изображения — {}×{} пикселей, а допускается не более 1024×1024.",
    ),
    (
        "The image could not be read; it may be damaged.",
        "Не удалось прочитать изображение; возможно, оно повреждено.",
    ),
    (
        "This reseller uses the server's brand. Choose “Own brand” and save it before uploading a logo.",
        "Этот реселлер использует бренд сервера. Выберите «Собственный бренд» и сохраните его, прежде чем загружать логотип.",
    ),
    // Access to modules (domain::access, service::access, service::actor).
    ("There is no such reseller.", "Такого реселлера нет."),
    ("There is no such user.", "Такого пользователя нет."),
    (
        "This account may not use “{}”.",
        "Этой учётной записи недоступна функция «{}».",
    ),
    (
        "This account may not change the access of a reseller.",
        "Эта учётная запись не может изменять доступ реселлеров.",
    ),
    (
        "This account may not change the access of a user.",
        "Эта учётная запись не может изменять доступ пользователей.",
    ),
    (
        "Send at most 256 functions.",
        "Передайте не более 256 функций.",
    ),
    ("There is no function “{}”.", "Функции «{}» не существует."),
    (
        "The administrator holds every function: it has no defaults.",
        "Администратору доступны все функции: настроек по умолчанию для него нет.",
    ),
    (
        "{} does not apply to a reseller.",
        "Функция «{}» не применяется к реселлерам.",
    ),
    (
        "{} does not apply to a user.",
        "Функция «{}» не применяется к пользователям.",
    ),
    (
        "You cannot grant {} because your own account may not use it.",
        "Нельзя выдать функцию «{}»: вашей учётной записи она недоступна.",
    ),
    // Audit log filters (domain::audit).
    (
        "Enter an account's login, e.g. acme.",
        "Введите логин учётной записи, например acme.",
    ),
    (
        "Choose an action from the list.",
        "Выберите действие из списка.",
    ),
    (
        "Enter a date as YYYY-MM-DD, optionally with a time (HH:MM), in UTC.",
        "Введите дату в виде ГГГГ-ММ-ДД, при необходимости со временем (ЧЧ:ММ), по UTC.",
    ),
    (
        "The end must not be before the start.",
        "Конец периода не может быть раньше начала.",
    ),
    (
        "This page link is not valid.",
        "Эта ссылка на страницу недействительна.",
    ),
    // Logging in and the password throttle (domain::throttle, service::auth,
    // service::passwords).
    ("Wrong login or password.", "Неверный логин или пароль."),
    (
        "This account is disabled. Contact your provider.",
        "Учётная запись отключена. Обратитесь к своему провайдеру.",
    ),
    (
        "Too many failed attempts. Try again in {} minute.",
        "Слишком много неудачных попыток. Повторите через {} мин.",
    ),
    (
        "Too many failed attempts. Try again in {} minutes.",
        "Слишком много неудачных попыток. Повторите через {} мин.",
    ),
    (
        "The server is busy checking passwords. Try again in a moment.",
        "Сервер занят проверкой паролей. Повторите попытку чуть позже.",
    ),
    // Entering and leaving panels (service::switch).
    (
        "You are in your own panel: there is nothing to return from.",
        "Вы в своей панели: возвращаться некуда.",
    ),
    (
        "You cannot enter this panel: {} is not below {}.",
        "Войти в эту панель нельзя: учётная запись {} не подчинена учётной записи {}.",
    ),
    (
        "You cannot enter this panel: {} is disabled.",
        "Войти в эту панель нельзя: учётная запись {} отключена.",
    ),
    (
        "You cannot enter this panel: {} may no longer enter the panels of its resellers.",
        "Войти в эту панель нельзя: {} больше не может входить в панели своих реселлеров.",
    ),
    (
        "You cannot enter this panel: {} may no longer enter the panels of its users.",
        "Войти в эту панель нельзя: {} больше не может входить в панели своих пользователей.",
    ),
    (
        "You are back in {}'s panel: the account whose panel you were in no longer exists.",
        "Вы снова в панели {}: учётной записи, в панели которой вы были, больше нет.",
    ),
    (
        "You are back in {}'s panel: {} is not below {}.",
        "Вы снова в панели {}: учётная запись {} не подчинена учётной записи {}.",
    ),
    (
        "You are back in {}'s panel: {} is disabled.",
        "Вы снова в панели {}: учётная запись {} отключена.",
    ),
    (
        "You are back in {}'s panel: {} may no longer enter the panels of its resellers.",
        "Вы снова в панели {}: {} больше не может входить в панели своих реселлеров.",
    ),
    (
        "You are back in {}'s panel: {} may no longer enter the panels of its users.",
        "Вы снова в панели {}: {} больше не может входить в панели своих пользователей.",
    ),
    // Resellers and users: selections, logins, owners, suspensions
    // (service::shared, service::resellers, service::users, domain::suspension).
    (
        "Select at most 500 resellers at once.",
        "Выберите не больше 500 реселлеров за раз.",
    ),
    (
        "Select at most 500 users at once.",
        "Выберите не больше 500 пользователей за раз.",
    ),
    (
        "This login is taken: choose another.",
        "Этот логин занят: выберите другой.",
    ),
    (
        "There is no reseller called “{}”.",
        "Реселлера с логином «{}» нет.",
    ),
    (
        "{} of its users use {}: tick “also revoke from its users” to take it from them too.",
        "Его пользователи ({}) используют {}: отметьте «Отозвать снятые возможности и у его пользователей», чтобы отозвать и у них.",
    ),
    (
        "{} was disabled by the administrator: only the administrator can enable it.",
        "{} отключён администратором: включить его может только администратор.",
    ),
    (
        "{} was disabled by the reseller {}: only its reseller or the administrator can enable it.",
        "{} отключён реселлером {}: включить его может только его реселлер или администратор.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::{Access, Function, regrant};
    use crate::domain::audit::Filter;
    use crate::domain::branding::{
        BrandForm, HostName, check_logo_bytes, check_logo_size, parse_brand_colour,
        parse_contact_url, parse_footer, parse_hosts, parse_name,
    };
    use crate::domain::locale::Locale;
    use crate::domain::support::{
        CategoryForm, Choosable, TicketFilter, TicketForm, choose_category, parse_priority,
        parse_subject, parse_text,
    };
    use crate::domain::suspension::{Suspension, may_lift};
    use crate::domain::throttle::locked_message;
    use crate::domain::{FieldError, Role};
    use crate::ui::i18n::refusals::{is_known, translate};

    /// Every refusal is in the catalogue, and reads differently in Russian.
    fn assert_all_known(refusals: &[String]) {
        for refusal in refusals {
            assert!(is_known(refusal), "not in the catalogue: {refusal:?}");
            assert_ne!(&translate(Locale::Ru, refusal), refusal, "not translated");
        }
    }

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.message).collect()
    }

    fn refusal<T>(result: Result<T, FieldError>) -> String {
        match result {
            Ok(_) => panic!("expected a refusal"),
            Err(error) => error.message,
        }
    }

    /// Each template, filled with figures, is translated by itself: no other
    /// template (of this catalogue, or an earlier one) answers it first.
    #[test]
    fn every_template_is_reached_by_its_own_refusal() {
        for (en, ru) in SUPPORT_AND_PAGES {
            let (mut english, mut russian) = (String::new(), String::new());
            for (i, piece) in en.split("{}").enumerate() {
                if i > 0 {
                    english.push_str(&format!("x{i}"));
                }
                english.push_str(piece);
            }
            for (i, piece) in ru.split("{}").enumerate() {
                if i > 0 {
                    russian.push_str(&format!("x{i}"));
                }
                russian.push_str(piece);
            }
            assert_eq!(translate(Locale::Ru, &english), russian, "{en}");
        }
    }

    #[test]
    fn every_template_is_listed_once() {
        for (i, (en, _)) in SUPPORT_AND_PAGES.iter().enumerate() {
            assert!(
                SUPPORT_AND_PAGES[..i]
                    .iter()
                    .all(|(earlier, _)| earlier != en),
                "twice: {en}"
            );
        }
    }

    #[test]
    fn the_support_rules_refusals_are_all_known() {
        let long_subject = "s".repeat(201);
        let long_text = "t".repeat(20_001);
        let mut refusals = vec![
            refusal(parse_subject("  ")),
            refusal(parse_subject(&long_subject)),
            refusal(parse_subject("one\ntwo")),
            refusal(parse_text(" \n")),
            refusal(parse_text(&long_text)),
            refusal(parse_priority("urgent")),
        ];
        let categories = [
            Choosable {
                id: "on".into(),
                enabled: true,
            },
            Choosable {
                id: "off".into(),
                enabled: false,
            },
        ];
        refusals.push(refusal(choose_category(None, &categories)));
        refusals.push(refusal(choose_category(Some("off"), &categories)));
        refusals.push(refusal(choose_category(Some("gone"), &categories)));
        let ticket = TicketForm {
            subject: String::new(),
            priority: "x".into(),
            category: String::new(),
            text: String::new(),
        };
        refusals.extend(messages(ticket.parse().err().unwrap_or_default()));
        for category in [
            CategoryForm {
                name: String::new(),
                position: "-1".into(),
                enabled: true,
                default_priority: "urgent".into(),
            },
            CategoryForm {
                name: "n".repeat(61),
                position: "10000".into(),
                ..Default::default()
            },
            CategoryForm {
                name: "a\tb".into(),
                ..Default::default()
            },
        ] {
            refusals.extend(messages(category.parse().err().unwrap_or_default()));
        }
        let search = "w".repeat(201);
        for (role, mailbox) in [
            (Role::User, "below"),
            (Role::Admin, "above"),
            (Role::Reseller, "?"),
        ] {
            refusals.extend(messages(
                TicketFilter::parse(role, mailbox, "pending", "urgent", "", &search)
                    .err()
                    .unwrap_or_default(),
            ));
        }
        assert!(refusals.len() >= 20, "{refusals:?}");
        assert_all_known(&refusals);
    }

    #[test]
    fn the_branding_rules_refusals_are_all_known() {
        let mut refusals = vec![
            refusal(parse_brand_colour("primary", "blue")),
            refusal(parse_brand_colour("primary", "#fff")),
            refusal(parse_brand_colour("accent", "#ffff00")),
            refusal(parse_brand_colour("accent", "#777777")),
            refusal(parse_name("")),
            refusal(parse_name(&"n".repeat(41))),
            refusal(parse_name("a\u{7}b")),
            refusal(parse_name("<b>acme</b>")),
            refusal(parse_footer(&"f".repeat(201))),
            refusal(parse_contact_url("ftp://help.example.com/")),
            refusal(parse_contact_url("https://help.example.com/a b")),
            refusal(parse_contact_url("https://localhost/")),
            refusal(parse_contact_url(&format!(
                "https://help.example.com/{}",
                "p".repeat(300)
            ))),
        ];
        let long_host = format!("{}.example.com", vec!["a".repeat(60); 5].join("."));
        for host in [
            "",
            "пример.рф",
            "https://panel.example.com",
            "panel.example.com/path",
            "panel.example.com:8443",
            long_host.as_str(),
            "localhost",
            "-bad.example.com",
            "under_score.example.com",
            "xn--e1afmkfd.example.com",
            "192.168.0.1",
        ] {
            refusals.push(refusal(HostName::parse(host)));
        }
        let many: Vec<String> = (0..11).map(|i| format!("h{i}.example.com")).collect();
        refusals.push(refusal(parse_hosts(&many.join("\n"))));
        let form = BrandForm {
            name: String::new(),
            primary: "red".into(),
            accent: "#ffffff".into(),
            contact_email: "nope".into(),
            contact_url: "mailto:x@example.com".into(),
            footer: "<script>".into(),
        };
        refusals.extend(messages(form.parse().err().unwrap_or_default()));
        let png_start = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut png_with_tail = png_start.clone();
        png_with_tail
            .extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]);
        png_with_tail.extend_from_slice(b"<script>alert(1)</script>");
        refusals.extend([
            refusal(check_logo_bytes(&[])),
            refusal(check_logo_bytes(&vec![0; 256 * 1024 + 1])),
            refusal(check_logo_bytes(
                b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            )),
            refusal(check_logo_bytes(b"GIF89a....")),
            refusal(check_logo_bytes(&png_with_tail)),
            refusal(check_logo_size(0, 10)),
            refusal(check_logo_size(4000, 30)),
        ]);
        assert!(refusals.len() >= 30, "{refusals:?}");
        assert_all_known(&refusals);
    }

    #[test]
    fn the_access_audit_and_throttle_refusals_are_all_known() {
        let requested = |f: Function| -> Access { [f].into_iter().collect() };
        let everything = Access::everything_for(Role::Admin);
        let mut refusals = vec![
            refusal(regrant(
                &everything,
                Role::User,
                &Access::default(),
                &requested(Function::SupportCategories),
            )),
            refusal(regrant(
                &everything,
                Role::Reseller,
                &Access::default(),
                &requested(Function::ResellersList),
            )),
            refusal(regrant(
                &Access::default(),
                Role::User,
                &Access::default(),
                &requested(Function::SupportRead),
            )),
        ];
        for filter in [
            Filter::parse(
                "1 bad",
                "no.such.action",
                "2025-02-30",
                "tomorrow",
                Some("junk"),
            ),
            Filter::parse("", "", "2025-03-02", "2025-03-01", None),
        ] {
            refusals.extend(messages(filter.err().unwrap_or_default()));
        }
        refusals.extend([
            locked_message(30),
            locked_message(60),
            locked_message(61),
            locked_message(900),
        ]);
        assert!(refusals.len() >= 12, "{refusals:?}");
        assert_all_known(&refusals);
    }

    #[test]
    fn the_suspension_refusals_are_all_known() {
        let refusals: Vec<String> = [Role::Admin, Role::Reseller]
            .into_iter()
            .map(|by_role| {
                let suspension = Suspension {
                    by_login: "acme".into(),
                    by_role,
                    at: 0,
                };
                may_lift(Role::User, "web1", Some(&suspension))
                    .err()
                    .unwrap_or_default()
            })
            .collect();
        assert_all_known(&refusals);
        assert_eq!(
            translate(Locale::Ru, &refusals[1]),
            "web1 отключён реселлером acme: включить его может только его реселлер или администратор."
        );
    }

    /// The notices of leaving a panel that can no longer be entered.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_panel_switch_notices_are_all_known() {
        use crate::db::accounts::AccountRow;
        use crate::service::switch::valid_prefix;

        fn account(id: &str, role: &str, owner: Option<&str>, enabled: bool) -> AccountRow {
            AccountRow {
                id: id.into(),
                login: id.into(),
                role: role.into(),
                owner_id: owner.map(Into::into),
                owner_login: owner.map(Into::into),
                owner_enabled: owner.map(|_| true),
                enabled,
                ..AccountRow::default()
            }
        }
        let admin = account("admin", "admin", None, true);
        let acme = account("acme", "reseller", Some("admin"), true);
        let chains = [
            vec![Some(admin.clone()), None],
            vec![
                Some(admin.clone()),
                Some(account("acme", "reseller", Some("admin"), false)),
            ],
            vec![
                Some(acme.clone()),
                Some(account("web1", "user", Some("other"), true)),
            ],
            // A reseller granted nothing may no longer enter its users.
            vec![
                Some(admin),
                Some(acme.clone()),
                Some(account("web1", "user", Some("acme"), true)),
            ],
        ];
        let notices: Vec<String> = chains
            .into_iter()
            .map(|chain| valid_prefix(chain).1.unwrap_or_default())
            .collect();
        assert_all_known(&notices);
        assert_eq!(
            translate(Locale::Ru, &notices[1]),
            "Вы снова в панели admin: учётная запись acme отключена."
        );
    }

    /// Refusals the services write with figures, as they format them.
    #[test]
    fn the_service_refusals_with_figures_are_all_known() {
        let refusals = [
            "“Billing” is used by 1 ticket, so it cannot be deleted. Disable it instead: it will no longer be offered.",
            "“Billing” is used by 12 tickets, so it cannot be deleted. Disable it instead: it will no longer be offered.",
            "“panel.acme.example” is already used by another reseller.",
            "“panel.example.com” is one of the server's own host names.",
            "The logo is 300 KiB; it may be at most 256 KiB.",
            "This account may not use “Users: Create”.",
            "There is no function “users.fly”.",
            "There is no reseller called “nobody”.",
            "2 of its users use PHP, CGI: tick “also revoke from its users” to take it from them too.",
            "You cannot enter this panel: web1 is not below acme.",
            "You cannot enter this panel: acme may no longer enter the panels of its users.",
        ];
        let refusals: Vec<String> = refusals.iter().map(|r| (*r).to_owned()).collect();
        assert_all_known(&refusals);
        assert_eq!(
            translate(Locale::Ru, &refusals[1]),
            "Категорию «Billing» нельзя удалить: она указана в обращениях (12). Отключите её — тогда её больше не будут предлагать."
        );
    }
}
