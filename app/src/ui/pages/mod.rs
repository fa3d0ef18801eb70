pub mod access;
pub mod account;
pub mod audit;
pub mod dashboard;
pub mod login;
pub mod not_found;
pub mod resellers;
pub mod users;
