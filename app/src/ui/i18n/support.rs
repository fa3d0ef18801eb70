//! The support center's words: inbox, tickets, new ticket, message, categories and the ticket fields.

use super::use_locale;
use crate::domain::locale::Locale;
use crate::domain::support::{Direction, Priority, Status};

texts!(SupportTexts {
    loading,
    cancel,
    to,
    // A ticket's facts, as columns, labels and fields.
    subject,
    with,
    status,
    priority,
    category,
    last_activity,
    between,
    opened_by,
    // Statuses, priorities and where the other party stands.
    status_open,
    status_answered,
    status_closed,
    priority_high,
    priority_medium,
    priority_low,
    meaning_high,
    meaning_medium,
    meaning_low,
    from_above,
    from_below,
    // The inbox.
    support_center,
    new_ticket,
    mailboxes,
    mailbox_mine,
    mailbox_above,
    mailbox_below,
    mailbox_server,
    filter_tickets,
    words_in_subject,
    any_status,
    any_priority,
    any_category,
    apply,
    no_tickets_match,
    tickets_newest_first,
    unread_mark,
    ticket_pages,
    newest,
    older,
    // One ticket.
    ticket,
    back_to_support,
    observer_notice,
    show_earlier,
    your_reply,
    send_reply,
    reopen_with_reply,
    close_ticket,
    working_priority,
    set,
    // A new ticket and a message to accounts below.
    send_ticket,
    send_a_message,
    send,
    // The ticket fields.
    choose_a_category,
    no_categories,
    message,
    plain_text_hint,
    // Ticket categories.
    ticket_categories,
    edit_category,
    add_a_category,
    add_category,
    save_category,
    category_saved,
    category_deleted,
    name,
    position,
    position_hint,
    state,
    enabled,
    enabled_hint,
    disabled,
    default_priority,
    no_priority,
    tickets,
    actions,
    edit,
    delete,
    no_categories_yet,
});

pub static EN: SupportTexts = SupportTexts {
    loading: "Loading…",
    cancel: "Cancel",
    to: "To: ",
    subject: "Subject",
    with: "With",
    status: "Status",
    priority: "Priority",
    category: "Category",
    last_activity: "Last activity",
    between: "Between",
    opened_by: "Opened by",
    status_open: "Open",
    status_answered: "Answered",
    status_closed: "Closed",
    priority_high: "High",
    priority_medium: "Medium",
    priority_low: "Low",
    meaning_high: "High — resolve immediately",
    meaning_medium: "Medium — not very important",
    meaning_low: "Low — not urgent",
    from_above: "From above",
    from_below: "From below",
    support_center: "Support center",
    new_ticket: "New ticket",
    mailboxes: "Mailboxes",
    mailbox_mine: "All mine",
    mailbox_above: "With above",
    mailbox_below: "With accounts below",
    mailbox_server: "Every ticket on the server",
    filter_tickets: "Filter tickets",
    words_in_subject: "Words in the subject",
    any_status: "Any status",
    any_priority: "Any priority",
    any_category: "Any category",
    apply: "Apply",
    no_tickets_match: "No tickets match.",
    tickets_newest_first: "Tickets, newest activity first",
    unread_mark: " (unread)",
    ticket_pages: "Ticket pages",
    newest: "Newest",
    older: "Older",
    ticket: "Ticket",
    back_to_support: "← Support center",
    observer_notice: "You are reading a ticket between two other accounts; only they can reply.",
    show_earlier: "Show earlier messages",
    your_reply: "Your reply",
    send_reply: "Send reply",
    reopen_with_reply: "Reopen with this reply",
    close_ticket: "Close ticket",
    working_priority: "Working priority",
    set: "Set",
    send_ticket: "Send ticket",
    send_a_message: "Send a message",
    send: "Send",
    choose_a_category: "Choose a category",
    no_categories: "No categories",
    message: "Message",
    plain_text_hint: "Plain text; line breaks are kept.",
    ticket_categories: "Ticket categories",
    edit_category: "Edit category",
    add_a_category: "Add a category",
    add_category: "Add category",
    save_category: "Save category",
    category_saved: "Category saved.",
    category_deleted: "Category deleted.",
    name: "Name",
    position: "Position",
    position_hint: "Lower numbers are listed first.",
    state: "State",
    enabled: "Enabled",
    enabled_hint: "only enabled categories can be chosen",
    disabled: "Disabled",
    default_priority: "Default priority",
    no_priority: "None",
    tickets: "Tickets",
    actions: "Actions",
    edit: "Edit",
    delete: "Delete",
    no_categories_yet: "No categories yet: tickets go without one.",
};

pub static RU: SupportTexts = SupportTexts {
    loading: "Загрузка…",
    cancel: "Отмена",
    to: "Кому: ",
    subject: "Тема",
    with: "Собеседник",
    status: "Статус",
    priority: "Приоритет",
    category: "Категория",
    last_activity: "Последняя активность",
    between: "Участники",
    opened_by: "Автор",
    status_open: "Открыто",
    status_answered: "Есть ответ",
    status_closed: "Закрыто",
    priority_high: "Высокий",
    priority_medium: "Средний",
    priority_low: "Низкий",
    meaning_high: "Высокий — решить немедленно",
    meaning_medium: "Средний — не очень важно",
    meaning_low: "Низкий — не срочно",
    from_above: "Вышестоящий",
    from_below: "Нижестоящий",
    support_center: "Центр поддержки",
    new_ticket: "Новое обращение",
    mailboxes: "Папки обращений",
    mailbox_mine: "Все мои",
    mailbox_above: "С вышестоящими",
    mailbox_below: "С нижестоящими учётными записями",
    mailbox_server: "Все обращения на сервере",
    filter_tickets: "Фильтр обращений",
    words_in_subject: "Слова из темы",
    any_status: "Любой статус",
    any_priority: "Любой приоритет",
    any_category: "Любая категория",
    apply: "Применить",
    no_tickets_match: "Подходящих обращений нет.",
    tickets_newest_first: "Обращения, сначала с самой поздней активностью",
    unread_mark: " (не прочитано)",
    ticket_pages: "Страницы обращений",
    newest: "Самые новые",
    older: "Более старые",
    ticket: "Обращение",
    back_to_support: "← Центр поддержки",
    observer_notice: "Вы просматриваете обращение между двумя другими учётными записями; отвечать в нём могут только они.",
    show_earlier: "Показать более ранние сообщения",
    your_reply: "Ваш ответ",
    send_reply: "Ответить",
    reopen_with_reply: "Ответить и открыть заново",
    close_ticket: "Закрыть обращение",
    working_priority: "Рабочий приоритет",
    set: "Установить",
    send_ticket: "Отправить обращение",
    send_a_message: "Отправить сообщение",
    send: "Отправить",
    choose_a_category: "Выберите категорию",
    no_categories: "Категорий нет",
    message: "Сообщение",
    plain_text_hint: "Обычный текст; переносы строк сохраняются.",
    ticket_categories: "Категории обращений",
    edit_category: "Изменение категории",
    add_a_category: "Новая категория",
    add_category: "Добавить категорию",
    save_category: "Сохранить категорию",
    category_saved: "Категория сохранена.",
    category_deleted: "Категория удалена.",
    name: "Название",
    position: "Порядок",
    position_hint: "Категории с меньшим числом идут в списке первыми.",
    state: "Состояние",
    enabled: "Включена",
    enabled_hint: "выбрать можно только включённые категории",
    disabled: "Отключена",
    default_priority: "Приоритет по умолчанию",
    no_priority: "Не задан",
    tickets: "Обращений",
    actions: "Действия",
    edit: "Изменить",
    delete: "Удалить",
    no_categories_yet: "Категорий пока нет: обращения создаются без категории.",
};

/// These words in this request's language.
pub fn use_support_texts() -> &'static SupportTexts {
    texts_in(use_locale())
}

impl SupportTexts {
    /// A ticket's status, as its badge and the status filter name it.
    pub fn status_label(&self, status: Status) -> &'static str {
        match status {
            Status::Open => self.status_open,
            Status::Answered => self.status_answered,
            Status::Closed => self.status_closed,
        }
    }

    /// A priority's name.
    pub fn priority_label(&self, priority: Priority) -> &'static str {
        match priority {
            Priority::High => self.priority_high,
            Priority::Medium => self.priority_medium,
            Priority::Low => self.priority_low,
        }
    }

    /// What a priority means, as the ticket form offers it.
    pub fn priority_meaning(&self, priority: Priority) -> &'static str {
        match priority {
            Priority::High => self.meaning_high,
            Priority::Medium => self.meaning_medium,
            Priority::Low => self.meaning_low,
        }
    }

    /// Where a ticket's other party stands.
    pub fn direction_label(&self, direction: Direction) -> &'static str {
        match direction {
            Direction::FromAbove => self.from_above,
            Direction::FromBelow => self.from_below,
        }
    }

    /// Where the other party stands as an inbox row carries it (the
    /// domain's English words); anything else is shown as it came.
    pub fn direction_shown(&self, label: String) -> String {
        [Direction::FromAbove, Direction::FromBelow]
            .into_iter()
            .find(|d| d.label() == label)
            .map_or(label, |d| self.direction_label(d).to_owned())
    }
}

/// The edit button's name for the category `name`: "Edit Billing".
pub fn edit_category_named(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Edit {name}"),
        Locale::Ru => format!("Изменить «{name}»"),
    }
}

/// The delete button's name for the category `name`: "Delete Billing".
pub fn delete_category_named(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Delete {name}"),
        Locale::Ru => format!("Удалить «{name}»"),
    }
}

/// Why a category some ticket used cannot be deleted.
pub fn category_in_use(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("{name} is used by tickets: disable it instead"),
        Locale::Ru => {
            format!("Категория «{name}» используется в обращениях: вместо удаления отключите её")
        }
    }
}

/// The thread's heading: "Messages (20 shown)".
pub fn messages_shown(locale: Locale, n: u64) -> String {
    let n = locale.count(n);
    match locale {
        Locale::En => format!("Messages ({n} shown)"),
        Locale::Ru => format!("Сообщения (показано: {n})"),
    }
}

/// After the recipients of a message to several accounts:
/// " — each gets a ticket of its own (3)".
pub fn each_gets_a_ticket(locale: Locale, n: u64) -> String {
    let n = locale.count(n);
    match locale {
        Locale::En => format!(" — each gets a ticket of its own ({n})"),
        Locale::Ru => format!(" — каждый получит отдельное обращение ({n})"),
    }
}

/// After the working priority, the one the ticket was opened with when
/// it differs: " (asked: High)".
pub fn asked_priority(locale: Locale, priority: Priority) -> String {
    let label = texts_in(locale).priority_label(priority);
    match locale {
        Locale::En => format!(" (asked: {label})"),
        Locale::Ru => format!(" (запрошен: {label})"),
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
    fn the_domain_s_words_are_the_english_ones() {
        for status in Status::ALL {
            assert_eq!(EN.status_label(status), status.label());
            assert_ne!(RU.status_label(status), status.label());
        }
        for priority in Priority::ALL {
            assert_eq!(EN.priority_label(priority), priority.label());
            assert_eq!(EN.priority_meaning(priority), priority.meaning());
            assert_ne!(RU.priority_label(priority), priority.label());
            assert_ne!(RU.priority_meaning(priority), priority.meaning());
        }
        for direction in [Direction::FromAbove, Direction::FromBelow] {
            assert_eq!(EN.direction_label(direction), direction.label());
            assert_eq!(
                RU.direction_shown(direction.label().to_owned()),
                RU.direction_label(direction)
            );
        }
        assert_eq!(RU.direction_shown("admin".into()), "admin");
    }

    #[test]
    fn words_with_figures_and_names() {
        assert_eq!(edit_category_named(Locale::En, "Billing"), "Edit Billing");
        assert_eq!(
            delete_category_named(Locale::En, "Billing"),
            "Delete Billing"
        );
        assert_eq!(
            category_in_use(Locale::En, "Billing"),
            "Billing is used by tickets: disable it instead"
        );
        assert_eq!(messages_shown(Locale::En, 20), "Messages (20 shown)");
        assert_eq!(messages_shown(Locale::Ru, 20), "Сообщения (показано: 20)");
        assert_eq!(
            each_gets_a_ticket(Locale::En, 3),
            " — each gets a ticket of its own (3)"
        );
        assert_eq!(asked_priority(Locale::En, Priority::High), " (asked: High)");
        assert_eq!(
            asked_priority(Locale::Ru, Priority::Low),
            " (запрошен: Низкий)"
        );
    }
}
