pub mod account_badges;
pub mod account_form;
pub mod account_kind;
pub mod account_list;
pub mod account_table;
pub mod confirm_delete;
pub mod field;
pub mod layout;
