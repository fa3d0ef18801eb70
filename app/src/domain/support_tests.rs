#![allow(clippy::unwrap_used)]

use super::*;

fn form(subject: &str, priority: &str, text: &str) -> TicketForm {
    TicketForm {
        subject: subject.into(),
        priority: priority.into(),
        category: String::new(),
        text: text.into(),
    }
}

fn fields(errors: &[FieldError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.field).collect()
}

#[test]
fn the_receiving_side_answers_and_the_opening_side_waits() {
    // Opened from below (a user asking its reseller).
    assert_eq!(status_after_message(Side::Lower, Side::Lower), Status::Open);
    assert_eq!(
        status_after_message(Side::Lower, Side::Upper),
        Status::Answered
    );
    // Opened from above (the admin messaging a reseller): the reseller answers.
    assert_eq!(status_after_message(Side::Upper, Side::Upper), Status::Open);
    assert_eq!(
        status_after_message(Side::Upper, Side::Lower),
        Status::Answered
    );
}

#[test]
fn only_the_parties_and_the_admin_stand_anywhere() {
    assert_eq!(
        standing("r1", Role::Reseller, "r1", "u1"),
        Standing::Party(Side::Upper)
    );
    assert_eq!(
        standing("u1", Role::User, "r1", "u1"),
        Standing::Party(Side::Lower)
    );
    assert_eq!(standing("adm", Role::Admin, "r1", "u1"), Standing::Observer);
    assert_eq!(
        standing("adm", Role::Admin, "adm", "r1"),
        Standing::Party(Side::Upper)
    );
    // Another reseller, another user: strangers, even of the same role.
    assert_eq!(
        standing("r2", Role::Reseller, "r1", "u1"),
        Standing::Stranger
    );
    assert_eq!(standing("u2", Role::User, "r1", "u1"), Standing::Stranger);
    assert!(!Standing::Stranger.may_read());
    assert!(Standing::Observer.may_read());
    assert_eq!(Standing::Observer.side(), None);
}

#[test]
fn the_receiving_side_sets_the_working_priority() {
    assert!(may_set_priority(Side::Lower, Side::Upper));
    assert!(!may_set_priority(Side::Lower, Side::Lower));
    assert!(may_set_priority(Side::Upper, Side::Lower));
}

#[test]
fn a_valid_ticket_keeps_its_text_exactly() {
    let text = "  <script>alert(1)</script>\n\u{202E}line two  ";
    let valid = form("  Disk full  ", "high", text).parse().unwrap();
    assert_eq!(valid.subject, "Disk full");
    assert_eq!(valid.priority, Priority::High);
    assert_eq!(valid.text, text);
    assert_eq!(valid.category, None);
}

#[test]
fn every_bad_field_is_named_at_once() {
    let errors = form("   ", "urgent", " \n ").parse().unwrap_err();
    assert_eq!(fields(&errors), ["subject", "priority", "text"]);
}

#[test]
fn subject_and_text_have_limits_in_characters() {
    let subject = "é".repeat(SUBJECT_MAX_CHARS);
    assert!(parse_subject(&subject).is_ok());
    assert!(parse_subject(&format!("{subject}x")).is_err());
    assert!(parse_subject("two\nlines").is_err());
    let text = "ж".repeat(TEXT_MAX_CHARS);
    assert!(parse_text(&text).is_ok());
    assert!(parse_text(&format!("{text}x")).is_err());
    // Ten thousand combining marks are characters like any others.
    let marks = format!("a{}", "\u{0301}".repeat(10_000));
    assert_eq!(parse_text(&marks).unwrap(), marks);
}

#[test]
fn a_category_must_be_an_enabled_one_of_the_upper_party() {
    let categories = [
        Choosable {
            id: "billing".into(),
            enabled: true,
        },
        Choosable {
            id: "old".into(),
            enabled: false,
        },
    ];
    assert_eq!(
        choose_category(Some("billing"), &categories).unwrap(),
        Some("billing".into())
    );
    assert_eq!(
        choose_category(Some("old"), &categories).unwrap_err().field,
        "category"
    );
    assert!(choose_category(Some("nope"), &categories).is_err());
    assert!(choose_category(None, &categories).is_err());
    // Without any enabled category, a ticket has none.
    assert_eq!(choose_category(None, &categories[1..]).unwrap(), None);
    assert_eq!(choose_category(None, &[]).unwrap(), None);
}

#[test]
fn a_category_form_is_checked_field_by_field() {
    let valid = CategoryForm {
        name: " Billing ".into(),
        position: "".into(),
        enabled: true,
        default_priority: "low".into(),
    }
    .parse()
    .unwrap();
    assert_eq!(valid.name, "Billing");
    assert_eq!(valid.position, 0);
    assert_eq!(valid.default_priority, Some(Priority::Low));
    let errors = CategoryForm {
        name: "".into(),
        position: "-1".into(),
        enabled: false,
        default_priority: "urgent".into(),
    }
    .parse()
    .unwrap_err();
    assert_eq!(fields(&errors), ["name", "position", "default_priority"]);
}

#[test]
fn mailboxes_follow_the_role() {
    assert!(Mailbox::Server.applies_to(Role::Admin));
    assert!(!Mailbox::Server.applies_to(Role::Reseller));
    assert!(!Mailbox::Above.applies_to(Role::Admin));
    assert!(!Mailbox::Below.applies_to(Role::User));
    let refused = TicketFilter::parse(Role::User, "server", "", "", "", "").unwrap_err();
    assert_eq!(fields(&refused), ["mailbox"]);
}

#[test]
fn filters_admit_only_what_they_name() {
    let filter =
        TicketFilter::parse(Role::Reseller, "below", "open", "high", "c1", "Disk FULL").unwrap();
    let admits = |direction, status, priority, category, subject: &str| {
        filter.admits(Some(direction), status, priority, category, subject)
    };
    use Direction::*;
    assert!(admits(
        FromBelow,
        Status::Open,
        Priority::High,
        Some("c1"),
        "my disk is full"
    ));
    assert!(!admits(
        FromAbove,
        Status::Open,
        Priority::High,
        Some("c1"),
        "my disk is full"
    ));
    assert!(!admits(
        FromBelow,
        Status::Closed,
        Priority::High,
        Some("c1"),
        "my disk is full"
    ));
    assert!(!admits(
        FromBelow,
        Status::Open,
        Priority::Low,
        Some("c1"),
        "my disk is full"
    ));
    assert!(!admits(
        FromBelow,
        Status::Open,
        Priority::High,
        None,
        "my disk is full"
    ));
    assert!(!admits(
        FromBelow,
        Status::Open,
        Priority::High,
        Some("c1"),
        "my disk"
    ));
    let bad = TicketFilter::parse(Role::Admin, "", "shut", "urgent", "", "").unwrap_err();
    assert_eq!(fields(&bad), ["status", "priority"]);
}

#[test]
fn cursors_round_trip_and_refuse_anything_else() {
    let cursor = TicketCursor {
        rank: TicketCursor::rank_of(1_700_000_000_000),
        ticket: "abc123".into(),
    };
    assert_eq!(TicketCursor::decode(&cursor.encode()), Some(cursor));
    for bad in ["", "1", "x.abc", "-5.abc", "5.a'b", "5.", "5.a]b"] {
        assert_eq!(TicketCursor::decode(bad), None, "{bad}");
    }
    // Later activity sorts first.
    assert!(TicketCursor::rank_of(2_000) < TicketCursor::rank_of(1_000));
}

#[test]
fn below_is_a_resellers_own_users_or_anyone_for_the_admin() {
    assert!(is_below(Role::Admin, "adm", "r1", Some("adm")));
    assert!(is_below(Role::Admin, "adm", "u1", Some("r1")));
    assert!(!is_below(Role::Admin, "adm", "adm", None));
    assert!(is_below(Role::Reseller, "r1", "u1", Some("r1")));
    assert!(!is_below(Role::Reseller, "r1", "u2", Some("r2")));
    assert!(!is_below(Role::Reseller, "r1", "r2", Some("adm")));
    assert!(!is_below(Role::User, "u1", "u2", Some("u1")));
    assert_eq!(category_owner(Role::Admin, "adm"), "server");
    assert_eq!(category_owner(Role::Reseller, "r1"), "r1");
}
