#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The support center through its services: tickets down and up, who sees
//! what through every function, status and unread counts, the abuse limits,
//! categories, paging and filters.

mod common;

use app::api::support::{TicketPage, TicketQuery};
use app::domain::support::{CategoryForm, Priority, Status, TicketForm};
use app::error::AppError;
use app::service::{Actor, AppContext, resellers, support, support_categories, users};
use common::*;

fn ticket(subject: &str, priority: &str, category: &str, text: &str) -> TicketForm {
    TicketForm {
        subject: subject.into(),
        priority: priority.into(),
        category: category.into(),
        text: text.into(),
    }
}

async fn inbox(ctx: &AppContext, actor: &Actor, query: TicketQuery) -> TicketPage {
    support::list(ctx, actor, query).await.expect("inbox")
}

async fn mine(ctx: &AppContext, actor: &Actor) -> TicketPage {
    inbox(ctx, actor, TicketQuery::default()).await
}

fn subjects(page: &TicketPage) -> Vec<String> {
    page.rows.iter().map(|r| r.subject.clone()).collect()
}

async fn unread(ctx: &AppContext, actor: &Actor) -> (u64, u64) {
    let counts = support::unread(ctx, actor).await.unwrap();
    (counts.from_above, counts.from_below)
}

/// The admin, two resellers, a user of each, and the server's category.
struct World {
    admin: Actor,
    acme: Actor,
    beta: Actor,
    web1: Actor,
    web2: Actor,
    general: String,
}

async fn world(ctx: &AppContext) -> World {
    let admin = admin(ctx).await;
    let acme_id = resellers::create(ctx, &admin, reseller_form("acme"))
        .await
        .unwrap();
    let beta_id = resellers::create(ctx, &admin, reseller_form("beta"))
        .await
        .unwrap();
    let web1 = add_user(ctx, &acme_id, "web1", 100, true, true).await;
    let web2 = add_user(ctx, &beta_id, "web2", 100, true, true).await;
    let general = support_categories::list(ctx, &admin).await.unwrap()[0]
        .id
        .clone();
    World {
        acme: acting_as(ctx, &acme_id).await,
        beta: acting_as(ctx, &beta_id).await,
        web1: acting_as(ctx, &web1).await,
        web2: acting_as(ctx, &web2).await,
        admin,
        general,
    }
}

fn category(name: &str, enabled: bool, default_priority: &str) -> CategoryForm {
    CategoryForm {
        name: name.into(),
        position: "1".into(),
        enabled,
        default_priority: default_priority.into(),
    }
}

#[tokio::test]
async fn the_admin_messages_a_reseller_and_the_reply_comes_back() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let acme_id = w.acme.acting().id.clone();
    let ids = support::message_down(
        &ctx,
        &w.admin,
        std::slice::from_ref(&acme_id),
        ticket(
            "Maintenance tonight",
            "high",
            &w.general,
            "We restart at 02:00.",
        ),
    )
    .await
    .unwrap();
    assert_eq!(ids.len(), 1);
    // In the reseller's support center, unread, from above.
    let page = mine(&ctx, &w.acme).await;
    assert_eq!(subjects(&page), ["Maintenance tonight"]);
    let row = &page.rows[0];
    assert!(row.unread);
    assert_eq!(row.with, "admin");
    assert_eq!(row.priority, Priority::High);
    assert_eq!(row.category.as_deref(), Some("General"));
    assert_eq!(row.status, Status::Open);
    assert_eq!(unread(&ctx, &w.acme).await, (1, 0));
    assert_eq!(unread(&ctx, &w.admin).await, (0, 0));

    // Opening it reads it; replying answers it and tells the admin.
    let thread = support::get(&ctx, &w.acme, &ids[0], None).await.unwrap();
    assert_eq!(thread.messages.len(), 1);
    assert_eq!(thread.messages[0].who, "admin");
    assert!(thread.party);
    assert!(
        thread.may_set_priority,
        "the receiving side sets the priority"
    );
    assert_eq!(unread(&ctx, &w.acme).await, (0, 0));
    support::reply(&ctx, &w.acme, &ids[0], "Thanks, noted.")
        .await
        .unwrap();
    assert_eq!(unread(&ctx, &w.admin).await, (0, 1));
    let page = mine(&ctx, &w.admin).await;
    assert_eq!(page.rows[0].status, Status::Answered);
    assert!(page.rows[0].unread);
    let thread = support::get(&ctx, &w.admin, &ids[0], None).await.unwrap();
    assert_eq!(
        thread
            .messages
            .iter()
            .map(|m| (m.text.as_str(), m.mine))
            .collect::<Vec<_>>(),
        [("We restart at 02:00.", true), ("Thanks, noted.", false)]
    );
    assert!(!thread.may_set_priority, "the sender does not");
    assert_eq!(unread(&ctx, &w.admin).await, (0, 0));
}

#[tokio::test]
async fn a_user_opens_a_ticket_to_its_reseller_with_the_resellers_category() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let billing = support_categories::save(&ctx, &w.acme, None, category("Billing", true, "low"))
        .await
        .unwrap();
    // The user's form offers its reseller's categories, not the server's.
    let options = support::options_up(&ctx, &w.web1).await.unwrap();
    assert_eq!(options.to, ["acme"]);
    let offered: Vec<_> = options.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(offered, ["Billing"]);
    assert_eq!(options.categories[0].default_priority, Some(Priority::Low));
    // The server's category is not one of them.
    let refused = support::open_up(
        &ctx,
        &w.web1,
        ticket("Invoice", "low", &w.general, "Where is it?"),
    )
    .await
    .unwrap_err();
    assert!(refused.for_field("category").is_some(), "{refused:?}");
    let id = support::open_up(&ctx, &w.web1, ticket("Invoice", "low", &billing, "Where?"))
        .await
        .unwrap();
    assert_eq!(unread(&ctx, &w.acme).await, (0, 1));
    let row = &mine(&ctx, &w.acme).await.rows[0];
    assert_eq!((row.id.as_str(), row.with.as_str()), (id.as_str(), "web1"));
    assert_eq!(row.status, Status::Open);
    // The admin is no party, but reads it — and only reads it.
    let thread = support::get(&ctx, &w.admin, &id, None).await.unwrap();
    assert!(!thread.party);
    let refused = support::reply(&ctx, &w.admin, &id, "Hello")
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden(_)), "{refused:?}");
    assert_eq!(
        unread(&ctx, &w.acme).await,
        (0, 1),
        "reading as admin reads nothing for acme"
    );
    let server = inbox(
        &ctx,
        &w.admin,
        TicketQuery {
            mailbox: "server".into(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(server.rows[0].with, "acme ↔ web1");
    // The admin's own inbox does not hold it.
    assert!(mine(&ctx, &w.admin).await.rows.is_empty());
}

#[tokio::test]
async fn nobody_else_sees_or_touches_a_ticket_through_any_function() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(&ctx, &w.web1, ticket("Private", "medium", "", "secret"))
        .await
        .unwrap();
    for stranger in [&w.beta, &w.web2] {
        let not_found = |e: AppError| assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
        not_found(support::get(&ctx, stranger, &id, None).await.unwrap_err());
        not_found(support::reply(&ctx, stranger, &id, "hi").await.unwrap_err());
        not_found(support::close(&ctx, stranger, &id).await.unwrap_err());
        not_found(
            support::set_priority(&ctx, stranger, &id, "low")
                .await
                .unwrap_err(),
        );
        assert!(mine(&ctx, stranger).await.rows.is_empty());
        assert_eq!(unread(&ctx, stranger).await, (0, 0));
    }
    // A made-up or malformed id is just as unknown.
    for bad in ["nope", "", "ticket:x", "a]b"] {
        let e = support::get(&ctx, &w.acme, bad, None).await.unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)), "{bad}: {e:?}");
    }
    // The thread is unchanged by all of that.
    let thread = support::get(&ctx, &w.web1, &id, None).await.unwrap();
    assert_eq!(thread.messages.len(), 1);
    assert_eq!(thread.status, Status::Open);
}

#[tokio::test]
async fn closing_and_a_new_message_follow_the_status_rule() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(
        &ctx,
        &w.web1,
        ticket("Slow site", "medium", "", "It is slow."),
    )
    .await
    .unwrap();
    let status = |actor: &Actor| {
        let (ctx, actor, id) = (&ctx, actor.clone(), id.clone());
        async move { support::get(ctx, &actor, &id, None).await.unwrap().status }
    };
    support::reply(&ctx, &w.acme, &id, "Looking.")
        .await
        .unwrap();
    assert_eq!(status(&w.web1).await, Status::Answered);
    support::reply(&ctx, &w.web1, &id, "Still slow.")
        .await
        .unwrap();
    assert_eq!(status(&w.web1).await, Status::Open);
    support::close(&ctx, &w.acme, &id).await.unwrap();
    assert_eq!(status(&w.web1).await, Status::Closed);
    // A new message reopens it.
    support::reply(&ctx, &w.web1, &id, "It is back.")
        .await
        .unwrap();
    assert_eq!(status(&w.web1).await, Status::Open);
    // The receiving side changes the working priority; the asked one stays.
    support::set_priority(&ctx, &w.acme, &id, "high")
        .await
        .unwrap();
    let thread = support::get(&ctx, &w.acme, &id, None).await.unwrap();
    assert_eq!(
        (thread.priority, thread.asked_priority),
        (Priority::High, Priority::Medium)
    );
    let refused = support::set_priority(&ctx, &w.web1, &id, "low")
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden(_)), "{refused:?}");
    let refused = support::set_priority(&ctx, &w.acme, &id, "urgent")
        .await
        .unwrap_err();
    assert!(refused.for_field("priority").is_some());
}

#[tokio::test]
async fn at_most_ten_open_tickets_towards_the_owner_even_all_at_once() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let attempts = (0..14).map(|i| {
        let (ctx, user) = (ctx.clone(), w.web1.clone());
        tokio::spawn(async move {
            support::open_up(&ctx, &user, ticket(&format!("T{i}"), "low", "", "x")).await
        })
    });
    let mut opened = Vec::new();
    let mut refused = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(id) => opened.push(id),
            Err(AppError::Conflict(message)) => {
                assert!(message.contains("10 open tickets"), "{message}");
                refused += 1;
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!((opened.len(), refused), (10, 4));
    assert_eq!(mine(&ctx, &w.acme).await.rows.len(), 10);
    // Closing one makes room for one.
    support::close(&ctx, &w.web1, &opened[0]).await.unwrap();
    support::open_up(&ctx, &w.web1, ticket("Again", "low", "", "x"))
        .await
        .unwrap();
    let refused = support::open_up(&ctx, &w.web1, ticket("More", "low", "", "x"))
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Conflict(_)));
}

#[tokio::test]
async fn at_most_twenty_messages_a_minute() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(&ctx, &w.web1, ticket("Chatty", "low", "", "1"))
        .await
        .unwrap();
    let mut sent = 1;
    let refusal = loop {
        match support::reply(&ctx, &w.web1, &id, "more").await {
            Ok(()) => sent += 1,
            Err(e) => break e,
        }
        assert!(sent <= 40, "never refused");
    };
    // A minute may turn during the run: then up to 20 more pass.
    assert!(
        (20..=40).contains(&sent),
        "{sent} messages passed before the refusal"
    );
    assert!(
        matches!(refusal, AppError::TooManyAttempts(_)),
        "{refusal:?}"
    );
    let thread = support::get(&ctx, &w.web1, &id, None).await.unwrap();
    assert_eq!(thread.messages.len(), sent, "the refused one is not stored");
    // The other party is not held back by it.
    support::reply(&ctx, &w.acme, &id, "Please slow down.")
        .await
        .unwrap();
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field_and_nothing_is_stored() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let web1_id = w.web1.acting().id.clone();
    let web2_id = w.web2.acting().id.clone();
    let cases = [
        (ticket("", "low", "", "x"), "subject"),
        (ticket(&"s".repeat(201), "low", "", "x"), "subject"),
        (ticket("S", "urgent", "", "x"), "priority"),
        (ticket("S", "low", "", "   "), "text"),
        (ticket("S", "low", "", &"t".repeat(20_001)), "text"),
        (ticket("S", "low", "nonexistent", "x"), "category"),
    ];
    for (form, field) in cases {
        let e = support::message_down(&ctx, &w.acme, std::slice::from_ref(&web1_id), form)
            .await
            .unwrap_err();
        assert!(e.for_field(field).is_some(), "{field}: {e:?}");
    }
    // Not below acme: beta's user, acme itself, the admin.
    for to in [&web2_id, &w.acme.acting().id, &w.admin.acting().id] {
        let e = support::message_down(
            &ctx,
            &w.acme,
            std::slice::from_ref(to),
            ticket("S", "low", "", "x"),
        )
        .await
        .unwrap_err();
        assert!(e.for_field("to").is_some(), "{e:?}");
    }
    // One recipient not below refuses the whole send.
    let e = support::message_down(
        &ctx,
        &w.acme,
        &[web1_id.clone(), web2_id.clone()],
        ticket("S", "low", "", "x"),
    )
    .await
    .unwrap_err();
    assert!(e.for_field("to").is_some());
    // A user has nobody below; the admin nobody above.
    assert!(
        support::message_down(&ctx, &w.web1, &[web2_id], ticket("S", "low", "", "x"))
            .await
            .is_err()
    );
    assert!(
        support::open_up(&ctx, &w.admin, ticket("S", "high", &w.general, "x"))
            .await
            .is_err()
    );
    assert!(mine(&ctx, &w.web1).await.rows.is_empty());
    assert!(mine(&ctx, &w.acme).await.rows.is_empty());
    assert_eq!(unread(&ctx, &w.web1).await, (0, 0));
}

#[tokio::test]
async fn hostile_text_is_kept_exactly_as_typed() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let text = "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n\
                [a](javascript:alert(3))\n\u{202E}evil\u{202C}\n"
        .to_owned()
        + &"\u{0301}".repeat(10_000);
    let id = support::open_up(&ctx, &w.web1, ticket("<b>bold</b>", "low", "", &text))
        .await
        .unwrap();
    let thread = support::get(&ctx, &w.acme, &id, None).await.unwrap();
    assert_eq!(thread.subject, "<b>bold</b>");
    assert_eq!(thread.messages[0].text, text);
}

#[tokio::test]
async fn categories_in_use_are_disabled_not_deleted() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let domains = support_categories::save(&ctx, &w.acme, None, category("Domains", true, ""))
        .await
        .unwrap();
    let unused = support_categories::save(&ctx, &w.acme, None, category("Unused", true, ""))
        .await
        .unwrap();
    support::open_up(&ctx, &w.web1, ticket("DNS", "low", &domains, "x"))
        .await
        .unwrap();
    let refused = support_categories::delete(&ctx, &w.acme, &domains)
        .await
        .unwrap_err();
    match refused {
        AppError::Conflict(message) => assert!(message.contains("1 ticket"), "{message}"),
        other => panic!("{other:?}"),
    }
    support_categories::delete(&ctx, &w.acme, &unused)
        .await
        .unwrap();
    // Renamed and disabled: the ticket shows the new name, forms no longer offer it.
    support_categories::save(
        &ctx,
        &w.acme,
        Some(&domains),
        category("Domains & DNS", false, ""),
    )
    .await
    .unwrap();
    assert_eq!(
        mine(&ctx, &w.acme).await.rows[0].category.as_deref(),
        Some("Domains & DNS")
    );
    let listed = support_categories::list(&ctx, &w.acme).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].tickets, listed[0].enabled), (1, false));
    assert!(
        support::options_up(&ctx, &w.web1)
            .await
            .unwrap()
            .categories
            .is_empty()
    );
    let refused = support::open_up(&ctx, &w.web1, ticket("DNS 2", "low", &domains, "x"))
        .await
        .unwrap_err();
    assert!(refused.for_field("category").is_some());
    // Another account's categories do not exist for this one.
    for (who, id) in [(&w.beta, &domains), (&w.acme, &w.general)] {
        let e = support_categories::delete(&ctx, who, id).await.unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
        let e = support_categories::save(&ctx, who, Some(id), category("Mine", true, ""))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
    }
    let e = support_categories::save(&ctx, &w.acme, None, category("", true, "x"))
        .await
        .unwrap_err();
    assert!(e.for_field("name").is_some() && e.for_field("default_priority").is_some());
}

#[tokio::test]
async fn a_deleted_users_tickets_stay_readable_by_the_admin() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(&ctx, &w.web1, ticket("Leaving", "low", "", "bye"))
        .await
        .unwrap();
    users::delete(&ctx, &w.acme, &[w.web1.acting().id.clone()])
        .await
        .unwrap();
    let thread = support::get(&ctx, &w.admin, &id, None).await.unwrap();
    assert_eq!(
        (thread.lower_login.as_str(), thread.messages.len()),
        ("web1", 1)
    );
}

#[tokio::test]
async fn an_inbox_pages_by_activity_and_filters() {
    let ctx = context().await;
    let w = world(&ctx).await;
    app::service::seed::seed(&ctx, 1, 60).await.unwrap();
    let seeded = app::db::accounts::get_by_login(&ctx.db, "seed00001")
        .await
        .unwrap()
        .unwrap();
    let reseller = acting_as(&ctx, &seeded.id).await;
    let page = users::list(&ctx, &reseller, Default::default())
        .await
        .unwrap();
    let mut ids: Vec<String> = page.rows.iter().map(|r| r.id.clone()).collect();
    let more = users::list(
        &ctx,
        &reseller,
        app::domain::listing::ListQuery {
            after: page.next.clone(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    ids.extend(more.rows.iter().map(|r| r.id.clone()));
    assert_eq!(ids.len(), 60);
    // One send, sixty tickets (it counts as one message a minute).
    support::message_down(
        &ctx,
        &reseller,
        &ids,
        ticket("Upgrade notice", "low", "", "x"),
    )
    .await
    .unwrap();
    support::message_down(
        &ctx,
        &reseller,
        &ids[..1],
        ticket("Odd one", "high", "", "y"),
    )
    .await
    .unwrap();
    let first = mine(&ctx, &reseller).await;
    assert_eq!(first.rows.len(), 50);
    assert_eq!(first.rows[0].subject, "Odd one", "newest activity first");
    let second = inbox(
        &ctx,
        &reseller,
        TicketQuery {
            after: first.next.clone(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(second.rows.len(), 11);
    assert!(second.next.is_none());
    let mut all: Vec<String> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|r| r.id.clone())
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 61, "no ticket twice, none missing");
    let filtered = |query: TicketQuery| inbox(&ctx, &reseller, query);
    let high = filtered(TicketQuery {
        priority: "high".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(subjects(&high), ["Odd one"]);
    let searched = filtered(TicketQuery {
        search: "UPGRADE".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(searched.rows.len(), 50);
    let above = filtered(TicketQuery {
        mailbox: "above".into(),
        ..Default::default()
    })
    .await;
    assert!(above.rows.is_empty(), "all of them are with accounts below");
    let e = support::list(
        &ctx,
        &reseller,
        TicketQuery {
            status: "shut".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(e.for_field("status").is_some());
    let e = support::list(
        &ctx,
        &reseller,
        TicketQuery {
            mailbox: "server".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(e.for_field("mailbox").is_some());
    // A user sees only its own.
    let user = acting_as(&ctx, &ids[0]).await;
    assert_eq!(
        subjects(&mine(&ctx, &user).await),
        ["Odd one", "Upgrade notice"]
    );
    assert_eq!(unread(&ctx, &user).await, (2, 0));
    drop(w);
}

#[tokio::test]
async fn a_long_thread_shows_its_newest_messages_and_pages_back() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(&ctx, &w.web1, ticket("Long", "low", "", "m1"))
        .await
        .unwrap();
    // Both sides write, under the rate limit of each.
    for n in 2..=30 {
        let who = if n % 2 == 0 { &w.acme } else { &w.web1 };
        support::reply(&ctx, who, &id, &format!("m{n}"))
            .await
            .unwrap();
    }
    let thread = support::get(&ctx, &w.acme, &id, None).await.unwrap();
    assert_eq!(thread.messages.len(), 30);
    assert_eq!(thread.messages.last().unwrap().text, "m30");
    assert_eq!(thread.earlier, None);
    let older = support::get(&ctx, &w.acme, &id, Some(11)).await.unwrap();
    let texts: Vec<_> = older.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts.first(), Some(&"m1"));
    assert_eq!(texts.last(), Some(&"m10"));
}

#[tokio::test]
async fn a_message_written_from_an_entered_panel_names_the_whole_chain() {
    let ctx = context().await;
    let w = world(&ctx).await;
    let id = support::open_up(&ctx, &w.web1, ticket("Help", "low", "", "please"))
        .await
        .unwrap();
    // The admin acting in acme's panel answers as acme.
    let admin_row = w.admin.acting().clone();
    let acme_row = w.acme.acting().clone();
    let entered = Actor::new("test".into(), vec![admin_row, acme_row]);
    support::reply(&ctx, &entered, &id, "On it.").await.unwrap();
    let thread = support::get(&ctx, &w.web1, &id, None).await.unwrap();
    assert_eq!(thread.messages[1].who, "admin as acme");
    assert_eq!(thread.status, Status::Answered);
}

#[tokio::test]
async fn seeded_tickets_are_real_tickets_and_a_second_run_adds_none() {
    let ctx = context().await;
    let admin = admin(&ctx).await;
    app::service::seed::seed(&ctx, 2, 5).await.unwrap();
    let seeded = app::service::seed_tickets::seed_tickets(&ctx, 30, 300)
        .await
        .unwrap();
    assert_eq!(seeded, 30);
    let again = app::service::seed_tickets::seed_tickets(&ctx, 30, 300)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let server = inbox(
        &ctx,
        &admin,
        TicketQuery {
            mailbox: "server".into(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(server.rows.len(), 30);
    // The long thread: its newest 200 messages, the earlier ones a page back.
    let long = support::get(&ctx, &admin, "seed000000000", None)
        .await
        .unwrap();
    assert_eq!(long.messages.len(), 200);
    assert_eq!(long.earlier, Some(51));
    assert_eq!(long.messages.last().unwrap().seq, 250);
    // Each party finds its seeded tickets in its own inbox.
    let any = &server.rows[3];
    let thread = support::get(&ctx, &admin, &any.id, None).await.unwrap();
    let lower = app::db::accounts::get_by_login(&ctx.db, &thread.lower_login)
        .await
        .unwrap()
        .unwrap();
    let lower = acting_as(&ctx, &lower.id).await;
    let own = mine(&ctx, &lower).await;
    assert!(own.rows.iter().any(|r| r.id == any.id));
}
