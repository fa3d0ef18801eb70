pub mod account_badges;
pub mod field;
pub mod layout;
