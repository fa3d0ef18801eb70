//! A list's state in its address — `?q=acme&state=inactive&sort=disk-desc&after=…`
//! — so that back, reload and a shared link show the same list, and so that
//! the server renders it before any WebAssembly runs.

use super::account::StateFilter;
use super::listing::{ListQuery, SortKey};

/// Longest name filter an address may carry; a longer one is cut, not refused.
const FILTER_PARAM_MAX: usize = 64;

impl ListQuery {
    /// The list an address asks for. Parameters that do not parse read as
    /// their defaults: an address is typed by people, and a list it cannot
    /// describe is still a list.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> Self {
        let (sort, descending) = parse_sort_param(&param("sort").unwrap_or_default());
        let filter: String = param("q")
            .unwrap_or_default()
            .chars()
            .take(FILTER_PARAM_MAX)
            .collect();
        ListQuery {
            filter,
            state: StateFilter::parse(&param("state").unwrap_or_default()),
            sort,
            descending,
            after: param("after").filter(|a| !a.is_empty()),
            owner: param("owner").filter(|o| !o.trim().is_empty()),
        }
    }

    /// The address's query for this list, defaults left out: "" for the
    /// plain list, else "?q=acme&sort=disk-desc".
    pub fn to_address_query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.filter.is_empty() {
            pairs.push(("q", self.filter.as_str()));
        }
        if let Some(owner) = &self.owner {
            pairs.push(("owner", owner.as_str()));
        }
        if self.state != StateFilter::Any {
            pairs.push(("state", self.state.key()));
        }
        let sort = self.sort_param();
        if sort != "login" {
            pairs.push(("sort", sort.as_str()));
        }
        if let Some(after) = &self.after {
            pairs.push(("after", after.as_str()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let joined: Vec<String> = pairs
            .into_iter()
            .map(|(key, value)| format!("{key}={}", percent_encode(value)))
            .collect();
        format!("?{}", joined.join("&"))
    }

    /// "disk-desc", "login": the sort as the address and the sort menu say it.
    pub fn sort_param(&self) -> String {
        if self.descending {
            format!("{}-desc", self.sort.key())
        } else {
            self.sort.key().to_owned()
        }
    }

    /// The same list from its first page.
    pub fn first_page(&self) -> Self {
        ListQuery {
            after: None,
            ..self.clone()
        }
    }

    /// The same list from just after `cursor`.
    pub fn page_after(&self, cursor: Option<String>) -> Self {
        ListQuery {
            after: cursor,
            ..self.clone()
        }
    }
}

/// "disk-desc" → (Disk, descending); anything unknown → by name, A–Z.
pub fn parse_sort_param(value: &str) -> (SortKey, bool) {
    match value.strip_suffix("-desc") {
        Some(key) => (SortKey::parse(key), SortKey::parse(key).key() == key),
        None => (SortKey::parse(value), false),
    }
}

/// Everything but the unreserved characters of RFC 3986 as %XX of its UTF-8.
fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The address's parameters as a browser decodes them.
    fn params_of(query: &str) -> HashMap<String, String> {
        let decode = |s: &str| {
            let bytes = s.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' {
                    out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(0));
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            String::from_utf8(out).unwrap_or_default()
        };
        query
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), decode(v)))
            .collect()
    }

    #[test]
    fn the_plain_list_has_a_plain_address() {
        assert_eq!(ListQuery::default().to_address_query(), "");
        assert_eq!(ListQuery::from_params(|_| None), ListQuery::default());
    }

    #[test]
    fn filters_sort_and_page_are_written_as_people_read_them() {
        let query = ListQuery {
            filter: "acme".into(),
            state: StateFilter::Inactive,
            sort: SortKey::Disk,
            descending: true,
            after: Some("500~acme-7".into()),
            owner: None,
        };
        assert_eq!(
            query.to_address_query(),
            "?q=acme&state=inactive&sort=disk-desc&after=500~acme-7"
        );
    }

    #[test]
    fn every_list_survives_its_own_address() {
        let query = ListQuery {
            filter: "a&b=c ü#".into(),
            state: StateFilter::Active,
            sort: SortKey::Login,
            descending: true,
            after: Some("-3~x y".into()),
            owner: Some("reseller-1".into()),
        };
        let params = params_of(&query.to_address_query());
        assert_eq!(params["q"], "a&b=c ü#");
        assert_eq!(ListQuery::from_params(|k| params.get(k).cloned()), query);
    }

    #[test]
    fn what_an_address_cannot_say_reads_as_the_default() {
        let junk: HashMap<&str, &str> =
            [("state", "purple"), ("sort", "price-desc"), ("after", "")].into();
        let query = ListQuery::from_params(|k| junk.get(k).map(|v| v.to_string()));
        assert_eq!(query, ListQuery::default());
        assert_eq!(parse_sort_param("traffic-desc"), (SortKey::Traffic, true));
        assert_eq!(parse_sort_param("users"), (SortKey::Users, false));
        assert_eq!(parse_sort_param("-desc"), (SortKey::Login, false));
        let long = "x".repeat(500);
        let query = ListQuery::from_params(|k| (k == "q").then(|| long.clone()));
        assert_eq!(query.filter.len(), FILTER_PARAM_MAX);
    }
}
