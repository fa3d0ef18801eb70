//! The words of the access, branding and audit pages.

use super::use_locale;
use crate::domain::locale::Locale;

texts!(PagesTexts {
    heading,
});

pub static EN: PagesTexts = PagesTexts { heading: "Heading" };

pub static RU: PagesTexts = PagesTexts { heading: "Заголовок" };

pub fn texts_in(locale: Locale) -> &'static PagesTexts {
    match locale {
        Locale::En => &EN,
        Locale::Ru => &RU,
    }
}

/// These words in this request's language.
pub fn use_pages_texts() -> &'static PagesTexts {
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
