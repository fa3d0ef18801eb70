use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::components::account_kind::ListKind;
use crate::ui::components::account_list::AccountList;

#[component]
pub fn ResellersPage() -> impl IntoView {
    view! {
        <Title text=crate::ui::i18n::accounts::list_title(crate::ui::i18n::use_locale(), ListKind::Resellers) />
        <AccountList kind=ListKind::Resellers />
    }
}
