//! Brotli and gzip copies of the site's static files, made once at release
//! time, so that the server sends a compressed file as it is instead of
//! compressing the WebAssembly (half a megabyte, ~50 ms of CPU) on every
//! download. The file server picks `name.br` or `name.gz` by the browser's
//! `Accept-Encoding`; a file without copies is compressed on the fly as before.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Files worth compressing: text and WebAssembly. Images are compressed already.
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "svg", "json", "html", "txt"];

/// Smaller than this, a compressed copy saves less than its own bookkeeping.
const SMALLEST_WORTH_COMPRESSING: u64 = 1024;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub compressed: usize,
    pub up_to_date: usize,
    pub bytes_in: u64,
    pub brotli_bytes: u64,
    pub gzip_bytes: u64,
}

/// Writes `file.br` and `file.gz` beside every compressible file under `dir`
/// that lacks them or changed since they were written.
pub fn precompress(dir: &Path) -> Result<Report, String> {
    let mut report = Report::default();
    for file in compressible_files(dir)? {
        let size = std::fs::metadata(&file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        if size < SMALLEST_WORTH_COMPRESSING {
            continue;
        }
        let brotli_path = with_suffix(&file, "br");
        let gzip_path = with_suffix(&file, "gz");
        if is_newer_than(&brotli_path, &file) && is_newer_than(&gzip_path, &file) {
            report.up_to_date += 1;
            continue;
        }
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let brotli = brotli_of(&bytes)?;
        let gzip = gzip_of(&bytes)?;
        write_atomically(&brotli_path, &brotli)?;
        write_atomically(&gzip_path, &gzip)?;
        report.compressed += 1;
        report.bytes_in += bytes.len() as u64;
        report.brotli_bytes += brotli.len() as u64;
        report.gzip_bytes += gzip.len() as u64;
    }
    Ok(report)
}

fn compressible_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn is_newer_than(copy: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(copy), modified(original)), (Some(c), Some(o)) if c >= o)
}

/// Brotli at its best quality: slow (a second or two for the wasm) but done once.
fn brotli_of(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn gzip_of(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

/// A copy is never seen half-written by a server reading the directory.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let partial = with_suffix(path, "partial");
    std::fs::write(&partial, bytes).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::io::Read;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("trellis-precompress-{name}-{}", std::process::id()));
        let _ignored_if_absent = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).expect("scratch dir");
        dir
    }

    #[test]
    fn copies_decompress_to_the_original_and_small_or_binary_files_are_left_alone() {
        let dir = scratch_dir("roundtrip");
        let script = "console.log('trellis');\n".repeat(200);
        std::fs::write(dir.join("pkg/app.js"), &script).unwrap();
        std::fs::write(dir.join("tiny.css"), "a{}").unwrap();
        std::fs::write(dir.join("pkg/logo.png"), vec![7u8; 4096]).unwrap();

        let report = precompress(&dir).unwrap();
        assert_eq!(report.compressed, 1);

        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(dir.join("pkg/app.js.br")).unwrap()[..],
            &mut unbrotlied,
        )
        .unwrap();
        assert_eq!(unbrotlied, script.as_bytes());
        let mut ungzipped = String::new();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("pkg/app.js.gz")).unwrap()[..])
            .read_to_string(&mut ungzipped)
            .unwrap();
        assert_eq!(ungzipped, script);
        assert!(!dir.join("tiny.css.br").exists());
        assert!(!dir.join("pkg/logo.png.br").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_second_run_keeps_fresh_copies_and_redoes_changed_files() {
        let dir = scratch_dir("again");
        std::fs::write(dir.join("pkg/app.js"), "let a = 1;\n".repeat(200)).unwrap();
        assert_eq!(precompress(&dir).unwrap().compressed, 1);
        let again = precompress(&dir).unwrap();
        assert_eq!((again.compressed, again.up_to_date), (0, 1));

        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("pkg/app.js"), "let b = 2;\n".repeat(200)).unwrap();
        assert_eq!(precompress(&dir).unwrap().compressed, 1);
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(dir.join("pkg/app.js.br")).unwrap()[..],
            &mut unbrotlied,
        )
        .unwrap();
        assert!(String::from_utf8(unbrotlied).unwrap().starts_with("let b"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
