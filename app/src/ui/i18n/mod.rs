//! The panel's words in each language, and the language of this request.
//!
//! Each area of the panel has its words in a struct of its own (declared with
//! [`texts!`]), one static per language: a language without one of the keys
//! does not compile, so no key can exist in one language and not the other,
//! and a test per area refuses a text left untranslated. Words with figures
//! in them are functions of the locale beside their struct. The server picks
//! the language (the account's choice, kept in a cookie, else the browser's
//! `Accept-Language`) and renders in it; the browser hydrates in the same one.

use leptos::prelude::*;

use crate::domain::locale::Locale;

/// Declares a struct with one `&'static str` per key, the list of its keys
/// and texts for the tests that compare languages, and `texts_in(locale)`
/// choosing between the module's `EN` and `RU` statics.
macro_rules! texts {
    ($name:ident { $($key:ident),* $(,)? }) => {
        pub struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            /// Every text with its key.
            #[allow(dead_code)]
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }

        /// These words in `locale` (the module's `EN` and `RU` statics).
        pub fn texts_in(locale: Locale) -> &'static $name {
            match locale {
                Locale::En => &EN,
                Locale::Ru => &RU,
            }
        }
    };
}

pub mod accounts;
pub mod frame;
pub mod pages;
pub mod refusals;
pub mod refusals_more;
pub mod support;

pub use frame::use_texts;

/// The language of this request, chosen on the server.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Locale::En;
    };
    let secure =
        use_context::<crate::service::AppContext>().is_some_and(|ctx| ctx.settings.secure_cookies);
    locale_of_request(&parts.headers, secure)
}

/// The account's choice (its cookie), else the browser's `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn locale_of_request(headers: &http::HeaderMap, secure: bool) -> Locale {
    use crate::service::auth::{cookie_value, language_cookie_name};
    if let Some(chosen) = cookie_value(headers, language_cookie_name(secure))
        .as_deref()
        .and_then(Locale::from_code)
    {
        return chosen;
    }
    headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Locale::En, Locale::negotiate)
}

/// Makes this request's language known to every component; the browser
/// takes the server's choice as it hydrates.
pub fn provide_locale() -> Locale {
    #[cfg(feature = "ssr")]
    let chosen = SharedValue::new(request_locale).into_inner();
    #[cfg(not(feature = "ssr"))]
    let chosen = SharedValue::new(Locale::default).into_inner();
    provide_context(chosen);
    chosen
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Every key is written in both languages: not empty, and in Russian (in
/// Cyrillic) unless listed in `same_in_both`.
#[cfg(test)]
pub fn assert_translated(
    en: &[(&'static str, &'static str)],
    ru: &[(&'static str, &'static str)],
    same_in_both: &[&str],
) {
    assert_eq!(en.len(), ru.len());
    for ((key, en), (same_key, ru)) in en.iter().zip(ru) {
        assert_eq!(key, same_key);
        assert!(
            !en.trim().is_empty() && !ru.trim().is_empty(),
            "{key}: an empty text"
        );
        if same_in_both.contains(key) {
            continue;
        }
        assert!(en != ru, "{key}: not translated ({en:?})");
        assert!(
            ru.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')),
            "{key}: not in Russian ({ru:?})"
        );
    }
}
