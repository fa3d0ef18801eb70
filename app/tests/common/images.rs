//! Images for white-label tests, made here rather than by the code under
//! test: real ones through the `image` crate, hostile ones byte by byte.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

/// A real PNG of this size, with a text chunk (metadata that must not
/// survive re-encoding).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 0x80, 0xff])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    let bytes = out.into_inner();
    // Insert a tEXt chunk after IHDR (8 signature + 25 IHDR bytes).
    let mut with_text = bytes[..33].to_vec();
    with_text.extend(chunk(b"tEXt", b"Comment\0<script>alert(1)</script>"));
    with_text.extend_from_slice(&bytes[33..]);
    with_text
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 0x40])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// A PNG with a script after its end.
pub fn png_with_trailing_script() -> Vec<u8> {
    let mut bytes = png(16, 16);
    bytes.extend_from_slice(b"<script>alert(document.cookie)</script>");
    bytes
}

/// An SVG with a script, named like a PNG (the name is not sent; the bytes are).
pub fn svg_renamed_png() -> Vec<u8> {
    br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#.to_vec()
}

/// A tiny, well-formed PNG that claims 50 000 × 50 000 pixels: 2.5 G
/// pixels if anything decoded it.
pub fn decompression_bomb() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    bytes.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of a few zero bytes: real compressed rows would follow.
    bytes.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    ));
    bytes.extend(chunk(b"IEND", b""));
    bytes
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    out
}

/// CRC-32 (IEEE), bit by bit: PNG's chunk checksum.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
