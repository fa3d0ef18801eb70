#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn colour(hex: &str) -> Colour {
    Colour::parse(hex).unwrap_or_else(|| panic!("{hex} should parse"))
}

#[test]
fn contrast_ratios_match_the_published_wcag_values() {
    // Reference values from the WCAG definition: black on white is 21:1,
    // a colour on itself 1:1, and #767676 is the lightest grey that passes
    // AA on white (4.54:1) while #777777 fails (4.48:1).
    let white = colour("#ffffff");
    assert!((contrast_ratio(colour("#000000"), white) - 21.0).abs() < 0.01);
    assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
    assert!((contrast_ratio(colour("#767676"), white) - 4.54).abs() < 0.01);
    assert!((contrast_ratio(colour("#777777"), white) - 4.48).abs() < 0.01);
    // Symmetric.
    assert_eq!(
        contrast_ratio(colour("#1f5f8b"), white),
        contrast_ratio(white, colour("#1f5f8b"))
    );
}

#[test]
fn brand_colours_are_refused_below_aa_with_the_ratio() {
    assert_eq!(
        parse_brand_colour("primary", "#767676"),
        Ok(colour("#767676"))
    );
    let refused = parse_brand_colour("primary", "#777777").unwrap_err();
    assert_eq!(refused.field, "primary");
    // 4.478…, shown rounded down: a refusal never quotes a passing ratio.
    assert!(refused.message.contains("4.47:1"), "{}", refused.message);
    let yellow = parse_brand_colour("accent", "#ffff00").unwrap_err();
    assert_eq!(yellow.field, "accent");
    assert!(yellow.message.contains("1.07:1"), "{}", yellow.message);
}

#[test]
fn only_six_digit_hex_colours_parse() {
    assert_eq!(
        Colour::parse("#1F5F8B").map(Colour::hex),
        Some("#1f5f8b".into())
    );
    for bad in [
        "red",
        "#fff",
        "1f5f8b",
        "#1f5f8g",
        "#1f5f8b00",
        "red;}</style>",
        "#000000;}</style><script>",
        "url(javascript:alert(1))",
        "rgb(0,0,0)",
        "#ééé",
        "",
    ] {
        assert_eq!(Colour::parse(bad), None, "{bad}");
        assert_eq!(
            parse_brand_colour("primary", bad).map_err(|e| e.field),
            Err("primary")
        );
    }
}

#[test]
fn names_and_footers_are_one_line_of_plain_text() {
    assert_eq!(parse_name("  Acme Panel "), Ok("Acme Panel".into()));
    assert_eq!(parse_name("").unwrap_err().field, "name");
    assert_eq!(parse_name(&"x".repeat(41)).unwrap_err().field, "name");
    assert_eq!(
        parse_name(&"я".repeat(40)).map(|n| n.chars().count()),
        Ok(40)
    );
    assert_eq!(parse_name("a\nb").unwrap_err().field, "name");
    for markup in ["</style><script>", "Acme <b>", "a > b"] {
        let refused = parse_name(markup).unwrap_err();
        assert!(refused.message.contains("Plain text"), "{markup}");
        assert_eq!(parse_footer(markup).unwrap_err().field, "footer");
    }
    assert_eq!(
        parse_footer("© 2026 Acme & Co."),
        Ok("© 2026 Acme & Co.".into())
    );
    assert_eq!(parse_footer(""), Ok(String::new()));
    assert_eq!(parse_footer(&"f".repeat(201)).unwrap_err().field, "footer");
    assert_eq!(parse_footer("a\u{0}b").unwrap_err().field, "footer");
}

#[test]
fn contact_urls_are_http_with_a_valid_host() {
    assert_eq!(
        parse_contact_url("https://help.acme.example/tickets?x=1"),
        Ok(Some("https://help.acme.example/tickets?x=1".into()))
    );
    assert_eq!(
        parse_contact_url("http://help.acme.example:8080/"),
        Ok(Some("http://help.acme.example:8080/".into()))
    );
    assert_eq!(parse_contact_url(" "), Ok(None));
    for bad in [
        "javascript:alert(1)",
        "url(javascript:alert(1))",
        "ftp://acme.example",
        "https://",
        "https://acme",
        "https://acme.example/\"onmouseover=x",
        "https://acme.example/ a",
        "https://аcme.example/",
    ] {
        assert_eq!(
            parse_contact_url(bad).map_err(|e| e.field),
            Err("contact_url"),
            "{bad}"
        );
    }
}

#[test]
fn host_names_are_lower_case_ascii_dns_names() {
    assert_eq!(
        HostName::parse(" Panel.Acme-Hosting.Example. ").map(|h| h.as_str().to_owned()),
        Ok("panel.acme-hosting.example".into())
    );
    for (bad, says) in [
        ("panel.acme.example:8080", "port"),
        ("panel.acme.example/login", "path"),
        ("https://panel.acme.example", "scheme"),
        ("localhost", "full host name"),
        ("-panel.acme.example", "not a valid"),
        ("panel..example", "not a valid"),
        ("pan_el.example", "not a valid"),
        ("10.0.0.1", "IP address"),
        // A Cyrillic "а" in place of the Latin one.
        ("pаnel.acme.example", "ASCII"),
        ("xn--pnel-5cd.acme.example", "international"),
        ("", "Enter"),
    ] {
        let refused = HostName::parse(bad).unwrap_err();
        assert_eq!(refused.field, "hosts");
        assert!(refused.message.contains(says), "{bad}: {}", refused.message);
    }
    assert!(HostName::parse(&format!("{}.example", "a".repeat(64))).is_err());
}

#[test]
fn a_host_list_is_deduplicated_and_bounded() {
    let hosts = parse_hosts("b.example\nA.example, a.example  b.example").unwrap();
    let names: Vec<&str> = hosts.iter().map(HostName::as_str).collect();
    assert_eq!(names, ["a.example", "b.example"]);
    assert_eq!(parse_hosts("   "), Ok(Vec::new()));
    let many: Vec<String> = (0..11).map(|i| format!("h{i}.example")).collect();
    assert_eq!(parse_hosts(&many.join(" ")).unwrap_err().field, "hosts");
}

#[test]
fn the_request_host_drops_its_port() {
    assert_eq!(
        request_host("Panel.Acme.Example:3000").map(|h| h.as_str().to_owned()),
        Some("panel.acme.example".into())
    );
    assert_eq!(request_host("127.0.0.1:3000"), None);
    assert_eq!(request_host("[::1]:3000"), None);
}

#[test]
fn a_form_reports_every_refused_field() {
    let form = BrandForm {
        name: String::new(),
        primary: "red".into(),
        accent: "#ffff00".into(),
        contact_email: "nope".into(),
        contact_url: "javascript:x".into(),
        footer: "a\u{7}".into(),
    };
    let mut fields: Vec<&str> = form.parse().unwrap_err().iter().map(|e| e.field).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "accent",
            "contact_email",
            "contact_url",
            "footer",
            "name",
            "primary"
        ]
    );
    let default = BrandValues::trellis();
    assert_eq!(default.form().parse(), Ok(default));
}

#[test]
fn brands_belong_to_resellers_and_their_users() {
    assert_eq!(brand_key(Role::Admin, "a", None), None);
    assert_eq!(brand_key(Role::Reseller, "r1", Some("a")), Some("r1"));
    assert_eq!(brand_key(Role::User, "u1", Some("r1")), Some("r1"));
    let own = BrandOf::Reseller("r1".into());
    let other = BrandOf::Reseller("r2".into());
    assert!(may_brand(Role::Admin, "a", &BrandOf::Server));
    assert!(may_brand(Role::Admin, "a", &own));
    assert!(may_brand(Role::Reseller, "r1", &own));
    assert!(!may_brand(Role::Reseller, "r1", &other));
    assert!(!may_brand(Role::Reseller, "r1", &BrandOf::Server));
    assert!(!may_brand(Role::User, "r1", &own));
}

fn png_with(tail: &[u8]) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0; 16]);
    bytes.extend_from_slice(&PNG_END);
    bytes.extend_from_slice(tail);
    bytes
}

#[test]
fn logo_bytes_are_told_by_their_signature_and_must_end_with_the_image() {
    assert_eq!(check_logo_bytes(&png_with(b"")), Ok(LogoFormat::Png));
    let trailing = check_logo_bytes(&png_with(b"<script>alert(1)</script>")).unwrap_err();
    assert!(
        trailing.message.contains("after the end"),
        "{}",
        trailing.message
    );
    let svg =
        br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>"#;
    assert!(check_logo_bytes(svg).unwrap_err().message.contains("SVG"));
    assert!(
        check_logo_bytes(b"GIF89a....")
            .unwrap_err()
            .message
            .contains("not a PNG")
    );
    assert_eq!(
        check_logo_bytes(&[0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]),
        Ok(LogoFormat::Jpeg)
    );
    assert!(check_logo_bytes(&[0xff, 0xd8, 0xff, 0xe0, 0, 0]).is_err());
    let mut webp = b"RIFF\x08\0\0\0WEBPVP8 ".to_vec();
    assert_eq!(check_logo_bytes(&webp), Ok(LogoFormat::WebP));
    webp.push(0);
    assert!(check_logo_bytes(&webp).is_err());
    let big = png_with(&vec![0; LOGO_MAX_BYTES]);
    assert!(
        check_logo_bytes(&big)
            .unwrap_err()
            .message
            .contains("at most 256 KiB")
    );
    assert_eq!(check_logo_bytes(b"").unwrap_err().field, "logo");
}

#[test]
fn logo_sizes_are_bounded_before_decoding() {
    assert_eq!(check_logo_size(1024, 1024), Ok(()));
    assert_eq!(check_logo_size(1, 1), Ok(()));
    assert!(
        check_logo_size(50_000, 50_000)
            .unwrap_err()
            .message
            .contains("50000×50000")
    );
    assert!(check_logo_size(1025, 10).is_err());
    assert!(check_logo_size(0, 10).is_err());
}

#[test]
fn a_resellers_host_admits_only_the_reseller_and_its_users() {
    assert!(may_log_in_on(None, "admin1", None));
    assert!(may_log_in_on(None, "u9", Some("r2")));
    assert!(may_log_in_on(Some("r1"), "r1", Some("admin1")));
    assert!(may_log_in_on(Some("r1"), "u1", Some("r1")));
    assert!(!may_log_in_on(Some("r1"), "u2", Some("r2")));
    assert!(!may_log_in_on(Some("r1"), "r2", Some("admin1")));
    assert!(!may_log_in_on(Some("r1"), "admin1", None));
}
