#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn an_entry_is_in_the_admins_view_its_targets_and_its_owners() {
    assert_eq!(
        views_of(Some("t1"), Some("r1")),
        vec![View::All, View::Of("t1".into()), View::Of("r1".into())]
    );
}

#[test]
fn an_entry_without_a_target_id_is_only_the_admins() {
    assert_eq!(views_of(None, Some("r1")), vec![View::All]);
}

#[test]
fn keys_narrow_each_view_by_login_action_and_both() {
    let keys = keys_of(Some("u1"), None, "web1", "user.update");
    assert_eq!(
        keys,
        vec![
            "*",
            "*|l:web1",
            "*|a:user.update",
            "*|l:web1|a:user.update",
            "v:u1",
            "v:u1|l:web1",
            "v:u1|a:user.update",
            "v:u1|l:web1|a:user.update",
        ]
    );
    // The reader builds the same key for the same filter.
    assert!(keys.contains(&View::Of("u1".into()).key(Some("web1"), Some("user.update"))));
}

#[test]
fn a_target_that_is_no_login_gets_no_login_keys() {
    let keys = keys_of(None, None, "x|a:login", "login.failed");
    assert_eq!(keys, vec!["*", "*|a:login.failed"]);
}

#[test]
fn newer_entries_have_smaller_ranks() {
    assert!(rank_of(2 * NANOS) < rank_of(NANOS));
}

#[test]
fn a_cursor_survives_its_text_form_and_junk_is_refused() {
    let cursor = Cursor { rank: 42, nonce: 7 };
    assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
    assert_eq!(Cursor::decode("x.1"), None);
    assert_eq!(Cursor::decode("12"), None);
}

#[test]
fn dates_are_whole_utc_days_and_times_are_minutes() {
    assert_eq!(parse_time("1970-01-01", false), Some(0));
    assert_eq!(parse_time("1970-01-01", true), Some(86_399));
    assert_eq!(parse_time("2025-11-28T06:37", false), Some(1_764_311_820));
    assert_eq!(parse_time("2025-11-28T06:37", true), Some(1_764_311_879));
    assert_eq!(parse_time("2024-02-29", false), Some(1_709_164_800));
    for bad in [
        "2023-02-29",
        "2025-13-01",
        "25-01-01",
        "2025-01-01T25:00",
        "soon",
        "",
    ] {
        assert_eq!(parse_time(bad, false), None, "{bad}");
    }
}

#[test]
fn times_are_shown_in_utc() {
    assert_eq!(format_time(1_764_311_832), "2025-11-28 06:37:12 UTC");
    assert_eq!(format_time(0), "1970-01-01 00:00:00 UTC");
}

#[test]
fn the_chain_reads_as_who_acted_as_whom() {
    assert_eq!(
        describe_chain(&["admin".into(), "acme".into()]),
        "admin as acme"
    );
}

#[test]
fn filters_are_checked_field_by_field() {
    let errors =
        Filter::parse("Bad Login", "user.explode", "yesterday", "", Some("x")).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["login", "action", "from", "after"]);
    let errors = Filter::parse("", "", "2025-02-02", "2025-02-01", None).unwrap_err();
    assert_eq!(errors[0].field, "to");
}

#[test]
fn blank_filters_filter_nothing_and_ranges_cover_whole_days() {
    let filter = Filter::parse(" ", "", "", "", None).unwrap();
    assert_eq!(filter, Filter::default());
    assert_eq!(filter.ranks(), (0, i64::MAX));
    let day = Filter::parse("acme", "login", "2025-11-28", "2025-11-28", None).unwrap();
    let (newest, oldest) = day.ranks();
    let start = 1_764_288_000 * NANOS;
    assert_eq!(oldest, rank_of(start));
    assert_eq!(newest, rank_of(start + 86_400 * NANOS - 1));
}

#[test]
fn every_action_has_a_label_and_unknown_ones_show_as_is() {
    assert_eq!(action_label("user.update"), "Edited a user");
    assert_eq!(action_label("something.new"), "something.new");
}
