//! The support center's rules: who a ticket is between, what its status is
//! after each step of its thread, who may read and act on it, and what a
//! ticket, a message and a category must be.
//!
//! A ticket is always between two accounts, one directly or transitively
//! above the other: the *upper* party (the admin, or a reseller) and the
//! *lower* one (a reseller, or a user). Either may have opened it: a user
//! asking its reseller for help opens it from below; the admin messaging a
//! reseller opens it from above. The side that did not open it is the
//! receiving side: it is the one that answers, and the one that may change
//! the working priority.

use serde::{Deserialize, Serialize};

use super::{FieldError, Role};

/// At most this many tickets an account has open towards its owner.
pub const MAX_OPEN_TOWARDS_OWNER: u32 = 10;
/// At most this many messages an account writes per minute.
pub const MAX_MESSAGES_PER_MINUTE: u32 = 20;
pub const SUBJECT_MAX_CHARS: usize = 200;
pub const TEXT_MAX_CHARS: usize = 20_000;
pub const CATEGORY_NAME_MAX_CHARS: usize = 60;
pub const CATEGORY_POSITION_MAX: i64 = 9_999;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    pub fn key(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    pub fn parse(key: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.key() == key.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }

    /// What the priority means, as the reference's form says it.
    pub fn meaning(self) -> &'static str {
        match self {
            Priority::High => "High — resolve immediately",
            Priority::Medium => "Medium — not very important",
            Priority::Low => "Low — not urgent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for the receiving side.
    Open,
    /// The receiving side wrote last.
    Answered,
    /// Either side closed it; a new message reopens it.
    Closed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Answered, Status::Closed];

    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Answered => "answered",
            Status::Closed => "closed",
        }
    }

    pub fn parse(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::Answered => "Answered",
            Status::Closed => "Closed",
        }
    }
}

/// One of the two parties of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Upper,
    Lower,
}

impl Side {
    pub fn key(self) -> &'static str {
        match self {
            Side::Upper => "upper",
            Side::Lower => "lower",
        }
    }

    pub fn parse(key: &str) -> Option<Side> {
        match key {
            "upper" => Some(Side::Upper),
            "lower" => Some(Side::Lower),
            _ => None,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Upper => Side::Lower,
            Side::Lower => Side::Upper,
        }
    }

    /// Where the other party stands, seen from this side.
    pub fn direction(self) -> Direction {
        match self {
            Side::Upper => Direction::FromBelow,
            Side::Lower => Direction::FromAbove,
        }
    }
}

/// Where a ticket's other party stands, seen from one of its parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// With the account's owner (or the admin above it).
    FromAbove,
    /// With an account below it.
    FromBelow,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::FromAbove => "above",
            Direction::FromBelow => "below",
        }
    }

    pub fn parse(key: &str) -> Option<Direction> {
        match key.trim() {
            "above" => Some(Direction::FromAbove),
            "below" => Some(Direction::FromBelow),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::FromAbove => "From above",
            Direction::FromBelow => "From below",
        }
    }
}

/// The status after a message written by `author`, on a ticket opened by
/// `opened_by`: the receiving side writing answers it, the opening side
/// writing (again) waits for an answer. A closed ticket is reopened either way.
pub fn status_after_message(opened_by: Side, author: Side) -> Status {
    if author == opened_by {
        Status::Open
    } else {
        Status::Answered
    }
}

/// How a viewer stands to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// One of the two parties: reads, replies, closes.
    Party(Side),
    /// The admin, on a ticket between two other accounts: reads only.
    Observer,
    /// Anyone else: the ticket does not exist for them.
    Stranger,
}

impl Standing {
    pub fn may_read(self) -> bool {
        !matches!(self, Standing::Stranger)
    }

    pub fn side(self) -> Option<Side> {
        match self {
            Standing::Party(side) => Some(side),
            _ => None,
        }
    }
}

/// How the account `viewer` (of `role`) stands to a ticket between `upper`
/// and `lower`. Only the two parties and the admin ever read a ticket; a
/// ticket whose party was deleted stays readable by the admin.
pub fn standing(viewer: &str, role: Role, upper: &str, lower: &str) -> Standing {
    if viewer == upper {
        Standing::Party(Side::Upper)
    } else if viewer == lower {
        Standing::Party(Side::Lower)
    } else if role == Role::Admin {
        Standing::Observer
    } else {
        Standing::Stranger
    }
}

/// Whether the account `target` (owned by `target_owner`) is below the
/// account `upper` of `upper_role`, so that `upper` may message it: a
/// reseller's own users; for the admin, every other account.
pub fn is_below(upper_role: Role, upper: &str, target: &str, target_owner: Option<&str>) -> bool {
    match upper_role {
        Role::Admin => target != upper,
        Role::Reseller => target_owner == Some(upper),
        Role::User => false,
    }
}

/// Whose categories sort the tickets between `upper` (of `upper_role`) and
/// the accounts below it: the admin's are the server's.
pub fn category_owner(upper_role: Role, upper: &str) -> String {
    if upper_role == Role::Admin {
        "server".into()
    } else {
        upper.to_owned()
    }
}

/// Whether `side` may change a ticket's working priority: the receiving
/// side, the one that works on it.
pub fn may_set_priority(opened_by: Side, side: Side) -> bool {
    side != opened_by
}

/// A ticket or message form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketForm {
    pub subject: String,
    pub priority: String,
    /// A category's id, or empty for none.
    pub category: String,
    pub text: String,
}

/// A ticket that passed the rules that need no stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTicket {
    pub subject: String,
    pub priority: Priority,
    pub category: Option<String>,
    pub text: String,
}

/// The subject: 1–200 characters once trimmed, one line.
pub fn parse_subject(subject: &str) -> Result<String, FieldError> {
    let subject = subject.trim();
    if subject.is_empty() {
        return Err(FieldError::new("subject", "Enter a subject."));
    }
    if subject.chars().count() > SUBJECT_MAX_CHARS {
        return Err(FieldError::new(
            "subject",
            format!("A subject is at most {SUBJECT_MAX_CHARS} characters."),
        ));
    }
    if subject.chars().any(|c| c == '\n' || c == '\r') {
        return Err(FieldError::new("subject", "A subject is one line."));
    }
    Ok(subject.to_owned())
}

/// A message's text: not blank, at most 20 000 characters, kept exactly as
/// typed (it is shown as plain text, never rendered).
pub fn parse_text(text: &str) -> Result<String, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new("text", "Write a message."));
    }
    if text.chars().count() > TEXT_MAX_CHARS {
        return Err(FieldError::new(
            "text",
            format!("A message is at most {TEXT_MAX_CHARS} characters."),
        ));
    }
    Ok(text.to_owned())
}

pub fn parse_priority(priority: &str) -> Result<Priority, FieldError> {
    Priority::parse(priority)
        .ok_or_else(|| FieldError::new("priority", "Choose High, Medium or Low."))
}

impl TicketForm {
    /// Every field's refusal at once, or the valid ticket.
    pub fn parse(&self) -> Result<ValidTicket, Vec<FieldError>> {
        let subject = parse_subject(&self.subject);
        let priority = parse_priority(&self.priority);
        let text = parse_text(&self.text);
        let category = self.category.trim();
        let category = (!category.is_empty()).then(|| category.to_owned());
        match (subject, priority, text) {
            (Ok(subject), Ok(priority), Ok(text)) => Ok(ValidTicket {
                subject,
                priority,
                category,
                text,
            }),
            (subject, priority, text) => Err([subject.err(), priority.err(), text.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// A category as a ticket form may choose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choosable {
    pub id: String,
    pub enabled: bool,
}

/// The category of a new ticket, among the upper party's categories: an
/// enabled one of them, or none when the upper party has no enabled
/// category at all.
pub fn choose_category(
    requested: Option<&str>,
    categories: &[Choosable],
) -> Result<Option<String>, FieldError> {
    let any_enabled = categories.iter().any(|c| c.enabled);
    match requested {
        None if any_enabled => Err(FieldError::new("category", "Choose a category.")),
        None => Ok(None),
        Some(id) => match categories.iter().find(|c| c.id == id) {
            Some(c) if c.enabled => Ok(Some(c.id.clone())),
            Some(_) => Err(FieldError::new(
                "category",
                "This category is disabled; choose another.",
            )),
            None => Err(FieldError::new("category", "Choose one of the categories.")),
        },
    }
}

/// A ticket category as typed on the categories page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    pub name: String,
    pub position: String,
    pub enabled: bool,
    /// A priority key, or empty for none.
    pub default_priority: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCategory {
    pub name: String,
    pub position: i64,
    pub enabled: bool,
    pub default_priority: Option<Priority>,
}

impl CategoryForm {
    pub fn parse(&self) -> Result<ValidCategory, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "Enter a name."));
        } else if name.chars().count() > CATEGORY_NAME_MAX_CHARS {
            errors.push(FieldError::new(
                "name",
                format!("A name is at most {CATEGORY_NAME_MAX_CHARS} characters."),
            ));
        } else if name.chars().any(char::is_control) {
            errors.push(FieldError::new("name", "A name is one line of text."));
        }
        let position = self.position.trim();
        let position = if position.is_empty() {
            Some(0)
        } else {
            position
                .parse::<i64>()
                .ok()
                .filter(|p| (0..=CATEGORY_POSITION_MAX).contains(p))
        };
        if position.is_none() {
            errors.push(FieldError::new(
                "position",
                format!("A position is a whole number from 0 to {CATEGORY_POSITION_MAX}."),
            ));
        }
        let default_priority = match self.default_priority.trim() {
            "" => Some(None),
            key => Priority::parse(key).map(Some),
        };
        if default_priority.is_none() {
            errors.push(FieldError::new(
                "default_priority",
                "Choose High, Medium, Low or none.",
            ));
        }
        match (position, default_priority) {
            (Some(position), Some(default_priority)) if errors.is_empty() => Ok(ValidCategory {
                name: name.to_owned(),
                position,
                enabled: self.enabled,
                default_priority,
            }),
            _ => Err(errors),
        }
    }
}

/// Which tickets a support center lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Mailbox {
    /// The acting account's own tickets, either direction.
    #[default]
    Mine,
    /// Its tickets with its owner (or the admin above it).
    Above,
    /// Its tickets with the accounts below it.
    Below,
    /// Every ticket on the server (the admin only).
    Server,
}

impl Mailbox {
    pub fn key(self) -> &'static str {
        match self {
            Mailbox::Mine => "",
            Mailbox::Above => "above",
            Mailbox::Below => "below",
            Mailbox::Server => "server",
        }
    }

    pub fn parse(key: &str) -> Option<Mailbox> {
        match key.trim() {
            "" | "mine" => Some(Mailbox::Mine),
            "above" => Some(Mailbox::Above),
            "below" => Some(Mailbox::Below),
            "server" => Some(Mailbox::Server),
            _ => None,
        }
    }

    /// Whether an account of `role` has this mailbox: the admin has no
    /// owner, a user has nobody below, only the admin sees every ticket.
    pub fn applies_to(self, role: Role) -> bool {
        match self {
            Mailbox::Mine => true,
            Mailbox::Above => role != Role::Admin,
            Mailbox::Below => role != Role::User,
            Mailbox::Server => role == Role::Admin,
        }
    }
}

/// The inbox's filters, as typed (a blank one filters nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFilter {
    pub mailbox: Mailbox,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub category: Option<String>,
    /// Lower-case words that must all appear in the subject.
    pub words: Vec<String>,
}

impl TicketFilter {
    pub fn parse(
        role: Role,
        mailbox: &str,
        status: &str,
        priority: &str,
        category: &str,
        search: &str,
    ) -> Result<TicketFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mailbox = match Mailbox::parse(mailbox).filter(|m| m.applies_to(role)) {
            Some(m) => m,
            None => {
                errors.push(FieldError::new(
                    "mailbox",
                    "Choose one of the listed boxes.",
                ));
                Mailbox::Mine
            }
        };
        let status = match status.trim() {
            "" => None,
            key => Status::parse(key).or_else(|| {
                errors.push(FieldError::new(
                    "status",
                    "Choose Open, Answered or Closed.",
                ));
                None
            }),
        };
        let priority = match priority.trim() {
            "" => None,
            key => Priority::parse(key).or_else(|| {
                errors.push(FieldError::new("priority", "Choose High, Medium or Low."));
                None
            }),
        };
        if search.chars().count() > SUBJECT_MAX_CHARS {
            errors.push(FieldError::new(
                "search",
                format!("Search for at most {SUBJECT_MAX_CHARS} characters."),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let category = category.trim();
        Ok(TicketFilter {
            mailbox,
            status,
            priority,
            category: (!category.is_empty()).then(|| category.to_owned()),
            words: search.split_whitespace().map(str::to_lowercase).collect(),
        })
    }

    /// Whether a ticket with these values passes the filters (the mailbox
    /// is chosen by the range read, not here).
    pub fn admits(
        &self,
        direction: Option<Direction>,
        status: Status,
        priority: Priority,
        category: Option<&str>,
        subject_lower: &str,
    ) -> bool {
        let direction_ok = match (self.mailbox, direction) {
            (Mailbox::Above, Some(d)) => d == Direction::FromAbove,
            (Mailbox::Below, Some(d)) => d == Direction::FromBelow,
            _ => true,
        };
        direction_ok
            && self.status.is_none_or(|s| s == status)
            && self.priority.is_none_or(|p| p == priority)
            && self.category.as_deref().is_none_or(|c| category == Some(c))
            && self
                .words
                .iter()
                .all(|w| subject_lower.contains(w.as_str()))
    }
}

/// The place of a ticket in a list: newest activity first, then by id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TicketCursor {
    pub rank: i64,
    pub ticket: String,
}

impl TicketCursor {
    /// The rank of a ticket last active at `at_ms`: later activity sorts first.
    pub fn rank_of(at_ms: i64) -> i64 {
        i64::MAX - at_ms.max(0)
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.rank, self.ticket)
    }

    /// A cursor from a client: anything malformed is refused, never read.
    pub fn decode(text: &str) -> Option<TicketCursor> {
        let (rank, ticket) = text.split_once('.')?;
        let rank = rank.parse::<i64>().ok().filter(|r| *r >= 0)?;
        is_ticket_id(ticket).then(|| TicketCursor {
            rank,
            ticket: ticket.to_owned(),
        })
    }
}

/// Whether `id` could be a ticket's key (letters and digits, as generated).
pub fn is_ticket_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
#[path = "support_tests.rs"]
mod tests;
