#![allow(clippy::expect_used)]

use super::*;

fn set(functions: &[Function]) -> Access {
    functions.iter().copied().collect()
}

#[test]
fn every_key_is_unique_and_parses_back() {
    let mut keys = std::collections::HashSet::new();
    for f in Function::ALL {
        assert!(keys.insert(f.key()), "{} is used twice", f.key());
        assert_eq!(Function::parse(f.key()), Some(f));
    }
    assert_eq!(Function::parse("users.fly"), None);
}

#[test]
fn every_function_belongs_to_a_listed_module() {
    let listed: usize = Module::ALL.iter().map(|m| m.functions().count()).sum();
    assert_eq!(listed, Function::ALL.len());
}

#[test]
fn keys_stored_by_the_first_release_keep_their_meaning() {
    // Migration 8 granted these keys to every existing account: renaming one
    // would withdraw it from all of them.
    let first_release = [
        "users.list",
        "users.create",
        "users.edit",
        "users.delete",
        "users.enable",
        "users.enter",
        "users.access",
        "audit.view",
    ];
    for key in first_release {
        assert!(Function::parse(key).is_some(), "{key} was renamed");
    }
}

#[test]
fn the_admin_holds_everything_whatever_is_stored() {
    let rights = effective(Role::Admin, &Access::default(), None);
    assert_eq!(rights.len(), Function::ALL.len());
}

#[test]
fn a_reseller_never_holds_admin_functions_even_if_stored() {
    let stored = set(&[Function::ResellersCreate, Function::UsersCreate]);
    let rights = effective(Role::Reseller, &stored, None);
    assert_eq!(rights, set(&[Function::UsersCreate]));
}

#[test]
fn a_users_rights_are_its_grants_within_its_resellers() {
    let reseller = set(&[Function::AuditView]);
    let user = set(&[Function::AuditView]);
    assert_eq!(
        effective(Role::User, &user, Some(&reseller)),
        set(&[Function::AuditView])
    );
    // Withdrawn from the reseller: gone from the user, whose grants still say so.
    assert!(effective(Role::User, &user, Some(&Access::default())).is_empty());
    // A user of the admin has its own grants.
    assert_eq!(effective(Role::User, &user, None), user);
}

#[test]
fn users_never_hold_the_users_module() {
    let stored = set(&[Function::UsersCreate, Function::AuditView]);
    let owner = Access::everything_for(Role::Reseller);
    assert_eq!(
        effective(Role::User, &stored, Some(&owner)),
        set(&[Function::AuditView])
    );
}

#[test]
fn a_function_added_later_is_denied_to_accounts_granted_before_it() {
    // Stored grants name what was allowed; a key the account never saw is absent.
    let stored = Access::from_keys(["users.list", "audit.view"]);
    let rights = effective(Role::Reseller, &stored, None);
    assert!(!rights.allows(Function::UsersCreate));
    assert!(rights.allows(Function::UsersList));
}

#[test]
fn unknown_stored_keys_are_ignored() {
    let stored = Access::from_keys(["users.list", "branding.upload_logo"]);
    assert_eq!(stored, set(&[Function::UsersList]));
}

#[test]
fn defaults_are_everything_until_the_admin_saves_some() {
    assert_eq!(
        defaults_for(Role::Reseller, None),
        Access::everything_for(Role::Reseller)
    );
    let saved = set(&[Function::UsersList, Function::ResellersCreate]);
    assert_eq!(
        defaults_for(Role::Reseller, Some(&saved)),
        set(&[Function::UsersList])
    );
}

#[test]
fn a_reseller_cannot_grant_what_it_does_not_hold() {
    let reseller = set(&[Function::AuditView]);
    let requested = set(&[Function::AuditView]);
    assert_eq!(
        regrant(&reseller, Role::User, &Access::default(), &requested),
        Ok(requested.clone())
    );
    let error = regrant(
        &Access::default(),
        Role::User,
        &Access::default(),
        &requested,
    )
    .expect_err("not held");
    assert_eq!(error.field, "functions");
    assert!(
        error.message.contains("Audit log: View"),
        "{}",
        error.message
    );
}

#[test]
fn a_function_that_does_not_apply_to_the_role_is_refused() {
    let admin = Access::everything_for(Role::Admin);
    let error = regrant(
        &admin,
        Role::Reseller,
        &Access::default(),
        &set(&[Function::ResellersCreate]),
    )
    .expect_err("admin only");
    assert!(
        error.message.contains("does not apply"),
        "{}",
        error.message
    );
}

#[test]
fn grants_the_granter_cannot_see_are_kept() {
    // The reseller lost Audit; the user's grant of it stays for when it returns.
    let reseller_rights = Access::default();
    let stored = set(&[Function::AuditView]);
    let kept = regrant(&reseller_rights, Role::User, &stored, &Access::default());
    assert_eq!(kept, Ok(stored));
}

#[test]
fn unchecking_a_visible_function_withdraws_it() {
    let admin = Access::everything_for(Role::Admin);
    let stored = set(&[Function::UsersCreate, Function::UsersList]);
    let now = regrant(
        &admin,
        Role::Reseller,
        &stored,
        &set(&[Function::UsersList]),
    );
    assert_eq!(now, Ok(set(&[Function::UsersList])));
}

#[test]
fn the_menu_lists_only_allowed_pages() {
    let hrefs = |role, rights: &Access| -> Vec<&str> {
        menu(role, rights).iter().map(|item| item.href).collect()
    };
    assert_eq!(hrefs(Role::Reseller, &Access::default()), vec!["/"]);
    assert_eq!(
        hrefs(
            Role::Reseller,
            &set(&[Function::UsersList, Function::AuditView])
        ),
        vec!["/", "/users", "/audit"]
    );
    assert_eq!(
        hrefs(Role::Admin, &Access::everything_for(Role::Admin)),
        vec![
            "/",
            "/resellers",
            "/users",
            "/audit",
            "/support",
            "/support/categories",
            "/branding",
            "/settings/access"
        ]
    );
    // A user reads and writes tickets but has no categories of its own.
    assert_eq!(
        hrefs(Role::User, &Access::everything_for(Role::User)),
        vec!["/", "/audit", "/support"]
    );
}
