pub mod account_access;
mod checks;
pub mod default_access;
