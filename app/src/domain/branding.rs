//! White label: the values a brand holds, parsed so that nothing but
//! validated data reaches a page — a name and a footer are plain text, a
//! colour is three bytes, a host name is a DNS name, a logo is a raster image
//! whose container ends where the image does.

use serde::{Deserialize, Serialize};

use super::{Email, FieldError, Role};

pub const NAME_MAX_CHARS: usize = 40;
pub const FOOTER_MAX_CHARS: usize = 200;
pub const CONTACT_URL_MAX_CHARS: usize = 300;
/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;
pub const LOGO_MAX_BYTES: usize = 256 * 1024;
pub const LOGO_MAX_SIDE: u32 = 1024;
/// Host names one reseller may attach.
pub const HOSTS_MAX: usize = 10;

/// Text on a brand colour (the header, buttons) is white, and the colour is
/// the text colour of links on white: one ratio covers both.
pub const TEXT_ON_BRAND: Colour = Colour {
    r: 255,
    g: 255,
    b: 255,
};

/// An sRGB colour, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    /// `#rrggbb` (either case), nothing else: no names, no functions, no
    /// short form — so that what is stored can only ever be a colour.
    pub fn parse(input: &str) -> Option<Colour> {
        let hex = input.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Colour {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
        })
    }

    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f64 {
        fn channel(value: u8) -> f64 {
            let c = f64::from(value) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast_ratio(a: Colour, b: Colour) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A brand colour: a valid colour that white text can be read on.
pub fn parse_brand_colour(field: &'static str, input: &str) -> Result<Colour, FieldError> {
    let colour = Colour::parse(input).ok_or_else(|| {
        FieldError::new(
            field,
            "Enter a colour as # and six hex digits, like #1f5f8b.",
        )
    })?;
    let ratio = contrast_ratio(colour, TEXT_ON_BRAND);
    if ratio < MIN_CONTRAST {
        // Rounded down, so that the message never claims a passing ratio.
        let shown = (ratio * 100.0).floor() / 100.0;
        return Err(FieldError::new(
            field,
            format!(
                "White text on {} has a contrast of {shown:.2}:1; it needs at least 4.5:1 \
                 (WCAG AA). Choose a darker colour.",
                colour.hex()
            ),
        ));
    }
    Ok(colour)
}

/// One line of plain text, trimmed, without control characters or angle
/// brackets. It is escaped wherever it is shown, but text that looks like
/// markup in a brand is a mistake or an attack, never a name.
fn parse_line(field: &'static str, input: &str, max: usize) -> Result<String, FieldError> {
    let text = input.trim();
    if text.chars().count() > max {
        return Err(FieldError::new(field, format!("At most {max} characters.")));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "One line of text, without control characters.",
        ));
    }
    if text.contains(['<', '>']) {
        return Err(FieldError::new(
            field,
            "Plain text only: < and > are not allowed.",
        ));
    }
    Ok(text.to_owned())
}

/// The panel's name: 1–40 characters of plain text.
pub fn parse_name(input: &str) -> Result<String, FieldError> {
    let name = parse_line("name", input, NAME_MAX_CHARS)?;
    if name.is_empty() {
        return Err(FieldError::new("name", "Enter the panel's name."));
    }
    Ok(name)
}

/// The footer line: plain text, possibly empty.
pub fn parse_footer(input: &str) -> Result<String, FieldError> {
    parse_line("footer", input, FOOTER_MAX_CHARS)
}

/// A support web address: `http(s)://` and a valid host name, no spaces and
/// none of the characters that could leave an attribute. Blank: none.
pub fn parse_contact_url(input: &str) -> Result<Option<String>, FieldError> {
    const FIELD: &str = "contact_url";
    let url = input.trim();
    if url.is_empty() {
        return Ok(None);
    }
    let refuse = || FieldError::new(FIELD, "Enter a web address like https://help.example.com/.");
    if url.chars().count() > CONTACT_URL_MAX_CHARS {
        return Err(FieldError::new(
            FIELD,
            format!("A web address has at most {CONTACT_URL_MAX_CHARS} characters."),
        ));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(refuse)?;
    if url
        .chars()
        .any(|c| !c.is_ascii_graphic() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'))
    {
        return Err(refuse());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    HostName::parse(host).map_err(|_| refuse())?;
    Ok(Some(url.to_owned()))
}

/// A host name a reseller's panel is served under: a lower-case ASCII DNS
/// name of at least two labels.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HostName(String);

impl HostName {
    pub fn parse(input: &str) -> Result<HostName, FieldError> {
        const FIELD: &str = "hosts";
        let refuse = |message: String| FieldError::new(FIELD, message);
        let raw = input.trim();
        if raw.is_empty() {
            return Err(refuse("Enter a host name.".into()));
        }
        if !raw.is_ascii() {
            return Err(refuse(format!(
                "“{raw}” has letters outside plain ASCII. Such names can imitate another \
                 provider's name, so only ASCII host names are accepted."
            )));
        }
        let host = raw.to_ascii_lowercase();
        if host.contains("://") || host.contains('/') {
            return Err(refuse(format!(
                "“{raw}”: enter the host name alone, without a scheme or a path."
            )));
        }
        if host.contains(':') {
            return Err(refuse(format!("“{raw}”: a host name has no port.")));
        }
        let host = host.strip_suffix('.').unwrap_or(&host);
        if host.len() > 253 {
            return Err(refuse(format!("“{raw}” is longer than 253 characters.")));
        }
        let labels: Vec<&str> = host.split('.').collect();
        if labels.len() < 2 {
            return Err(refuse(format!(
                "“{raw}”: use a full host name such as panel.example.com."
            )));
        }
        for label in &labels {
            let valid = !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !valid {
                return Err(refuse(format!(
                    "“{raw}” is not a valid host name: use letters, digits and hyphens \
                     between dots."
                )));
            }
            if label.starts_with("xn--") {
                return Err(refuse(format!(
                    "“{raw}” is an encoded international name. Such names can imitate \
                     another provider's name and are not accepted."
                )));
            }
        }
        if labels
            .last()
            .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(refuse(format!(
                "“{raw}” is an IP address; enter a host name."
            )));
        }
        Ok(HostName(host.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The host names as typed (one per line, or separated by spaces or
/// commas), each parsed, duplicates dropped, sorted.
pub fn parse_hosts(input: &str) -> Result<Vec<HostName>, FieldError> {
    let mut hosts = input
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(HostName::parse)
        .collect::<Result<Vec<_>, _>>()?;
    hosts.sort();
    hosts.dedup();
    if hosts.len() > HOSTS_MAX {
        return Err(FieldError::new(
            "hosts",
            format!("At most {HOSTS_MAX} host names."),
        ));
    }
    Ok(hosts)
}

/// The host a request names in its `Host` header, without the port; None
/// when it is no host name at all.
pub fn request_host(header: &str) -> Option<HostName> {
    let host = match header.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => header,
    };
    HostName::parse(host).ok()
}

/// The brand form exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub primary: String,
    #[serde(default)]
    pub accent: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub contact_url: String,
    #[serde(default)]
    pub footer: String,
}

/// A brand's values that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct BrandValues {
    pub name: String,
    pub primary: Colour,
    pub accent: Colour,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub footer: String,
}

impl BrandForm {
    /// Every field's refusal at once, or the valid values.
    pub fn parse(&self) -> Result<BrandValues, Vec<FieldError>> {
        let name = parse_name(&self.name);
        let primary = parse_brand_colour("primary", &self.primary);
        let accent = parse_brand_colour("accent", &self.accent);
        let email = Email::parse_optional(&self.contact_email)
            .map(|e| e.map(|e| e.as_str().to_owned()))
            .map_err(|message| FieldError::new("contact_email", message));
        let url = parse_contact_url(&self.contact_url);
        let footer = parse_footer(&self.footer);
        match (name, primary, accent, email, url, footer) {
            (Ok(name), Ok(primary), Ok(accent), Ok(contact_email), Ok(contact_url), Ok(footer)) => {
                Ok(BrandValues {
                    name,
                    primary,
                    accent,
                    contact_email,
                    contact_url,
                    footer,
                })
            }
            (name, primary, accent, email, url, footer) => Err([
                name.err(),
                primary.err(),
                accent.err(),
                email.err(),
                url.err(),
                footer.err(),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

impl BrandValues {
    /// The brand of a server whose admin never set one.
    pub fn trellis() -> Self {
        BrandValues {
            name: "Trellis".into(),
            primary: Colour {
                r: 0x1f,
                g: 0x5f,
                b: 0x8b,
            },
            accent: Colour {
                r: 0x2a,
                g: 0x7d,
                b: 0x4f,
            },
            contact_email: None,
            contact_url: None,
            footer: String::new(),
        }
    }

    pub fn form(&self) -> BrandForm {
        BrandForm {
            name: self.name.clone(),
            primary: self.primary.hex(),
            accent: self.accent.hex(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            contact_url: self.contact_url.clone().unwrap_or_default(),
            footer: self.footer.clone(),
        }
    }
}

/// Whose brand a page shows: an account's brand key. The admin and the
/// admin's own users see the server's brand (None); a reseller its own; a
/// user its owner's — which, for a user of the admin, is no reseller's, and
/// so falls back to the server's.
pub fn brand_key<'a>(role: Role, id: &'a str, owner_id: Option<&'a str>) -> Option<&'a str> {
    match role {
        Role::Admin => None,
        Role::Reseller => Some(id),
        Role::User => owner_id,
    }
}

/// The mark shown when a brand has no logo: its name's first letter or digit.
pub fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default()
}

/// Whether an account may log in on a host: anywhere unless the host is a
/// reseller's, and there only the reseller and its own users.
pub fn may_log_in_on(
    host_reseller: Option<&str>,
    account_id: &str,
    owner_id: Option<&str>,
) -> bool {
    match host_reseller {
        None => true,
        Some(reseller) => account_id == reseller || owner_id == Some(reseller),
    }
}

/// Whose brand an account edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrandOf {
    /// The server's default (the admin's own).
    Server,
    /// A reseller's (by id).
    Reseller(String),
}

/// Whether an account of `role` (with id `actor_id`) may edit the brand
/// `of`: the admin any, a reseller its own only, a user none.
pub fn may_brand(role: Role, actor_id: &str, of: &BrandOf) -> bool {
    match (role, of) {
        (Role::Admin, _) => true,
        (Role::Reseller, BrandOf::Reseller(id)) => id == actor_id,
        _ => false,
    }
}

/// The raster formats a logo may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
    WebP,
}

/// The checks a logo's bytes pass before anything decodes them: a size in
/// bounds, a raster format told by its signature (never by a file name),
/// and a container that ends where the image ends — a file with anything
/// after it (a script appended to a PNG) is refused, not trimmed.
pub fn check_logo_bytes(bytes: &[u8]) -> Result<LogoFormat, FieldError> {
    const FIELD: &str = "logo";
    if bytes.is_empty() {
        return Err(FieldError::new(FIELD, "Choose an image file."));
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(FieldError::new(
            FIELD,
            format!(
                "The logo is {} KiB; it may be at most {} KiB.",
                bytes.len().div_ceil(1024),
                LOGO_MAX_BYTES / 1024
            ),
        ));
    }
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        LogoFormat::Png
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        LogoFormat::Jpeg
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        LogoFormat::WebP
    } else if looks_like_svg(bytes) {
        return Err(FieldError::new(
            FIELD,
            "SVG images are not accepted (they can carry scripts). Upload a PNG, JPEG or WebP.",
        ));
    } else {
        return Err(FieldError::new(
            FIELD,
            "This is not a PNG, JPEG or WebP image.",
        ));
    };
    let whole = match format {
        LogoFormat::Png => bytes.ends_with(&PNG_END),
        LogoFormat::Jpeg => bytes.ends_with(&[0xff, 0xd9]),
        LogoFormat::WebP => {
            let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
            usize::try_from(declared).is_ok_and(|size| size + 8 == bytes.len())
        }
    };
    if !whole {
        return Err(FieldError::new(
            FIELD,
            "The file holds data after the end of the image. Save the image again and upload that.",
        ));
    }
    Ok(format)
}

/// The last chunk of every PNG: IEND, empty, with its fixed checksum.
const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82];

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.trim_start().starts_with('<') || head.contains("<svg")
}

/// A logo's size as its header declares it, checked before it is decoded,
/// so that a small file claiming a huge image (a decompression bomb) is
/// refused without allocating its pixels.
pub fn check_logo_size(width: u32, height: u32) -> Result<(), FieldError> {
    if width == 0 || height == 0 {
        return Err(FieldError::new("logo", "The image is empty."));
    }
    if width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE {
        return Err(FieldError::new(
            "logo",
            format!(
                "The image is {width}×{height} pixels; it may be at most \
                 {LOGO_MAX_SIDE}×{LOGO_MAX_SIDE}."
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "branding_tests.rs"]
mod tests;
