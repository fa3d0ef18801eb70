use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::components::account_kind::ListKind;
use crate::ui::components::account_list::AccountList;

#[component]
pub fn ResellersPage() -> impl IntoView {
    view! {
        <Title text="Resellers" />
        <AccountList kind=ListKind::Resellers />
    }
}
