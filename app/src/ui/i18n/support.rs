//! The support center's words: inbox, tickets, new ticket, message, categories and the ticket fields.

use super::use_locale;
use crate::domain::locale::Locale;

texts!(SupportTexts {
    heading,
});

pub static EN: SupportTexts = SupportTexts { heading: "Heading" };

pub static RU: SupportTexts = SupportTexts { heading: "Заголовок" };

pub fn texts_in(locale: Locale) -> &'static SupportTexts {
    match locale {
        Locale::En => &EN,
        Locale::Ru => &RU,
    }
}

/// These words in this request's language.
pub fn use_support_texts() -> &'static SupportTexts {
    texts_in(use_locale())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_written_in_both_languages() {
        crate::ui::i18n::assert_translated(&EN.all(), &RU.all(), &[]);
    }
}
