use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::Role;
use crate::model::Me;
use crate::ui::components::account_kind::ListKind;
use crate::ui::components::account_list::AccountList;

/// A reseller's own users; for the admin, every user with its owner.
#[component]
pub fn UsersPage() -> impl IntoView {
    let role = use_context::<Me>().map(|me| me.role());
    let kind = if role == Some(Role::Admin) {
        ListKind::AllUsers
    } else {
        ListKind::Users
    };
    view! {
        <Title text=crate::ui::i18n::accounts::list_title(crate::ui::i18n::use_locale(), kind) />
        <AccountList kind />
    }
}
