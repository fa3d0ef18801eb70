//! The page's one script: it fetches and hydrates the WebAssembly once the
//! page has painted.
//!
//! Leptos's own `HydrationScripts` preloads the WebAssembly from the head,
//! so on a slow phone network half a megabyte competes with the stylesheet
//! for the first paint, and measuring tools count the whole download as
//! part of it. The pages are rendered whole on the server and their forms
//! and lists work without the script, so it can wait for the first paint.

use leptos::prelude::*;

/// The content-hashed names of the script and the WebAssembly, as cargo-leptos
/// wrote them beside the server binary; the plain names in a build without
/// hashes.
fn site_file_names(options: &LeptosOptions) -> (String, String) {
    let output = options.output_name.to_string();
    if options.hash_files {
        let (js, wasm) = content_hashes(options);
        let named = |hash: Option<String>| match hash {
            Some(hash) => format!("{output}.{hash}"),
            None => output.clone(),
        };
        return (named(js), named(wasm));
    }
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        format!("{output}_bg")
    } else {
        output.clone()
    };
    (output, wasm)
}

/// The hashes of the script and the WebAssembly from cargo-leptos's hash file.
#[cfg(feature = "ssr")]
fn content_hashes(options: &LeptosOptions) -> (Option<String>, Option<String>) {
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    let hash_of = |wanted: &str| {
        hashes
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(file, _)| file.trim() == wanted)
            .map(|(_, hash)| hash.trim().to_owned())
    };
    (hash_of("js"), hash_of("wasm"))
}

/// The browser never renders the shell, so it never needs the hashes.
#[cfg(not(feature = "ssr"))]
fn content_hashes(_options: &LeptosOptions) -> (Option<String>, Option<String>) {
    (None, None)
}

#[component]
pub fn HydrateAfterPaint(options: LeptosOptions) -> impl IntoView {
    let (js, wasm) = site_file_names(&options);
    let pkg = format!("/{}", options.site_pkg_dir);
    let script = format!(
        r#"(function (js, wasm) {{
  const hydrate = () => import(js).then((mod) => mod.default({{ module_or_path: wasm }}).then(() => mod.hydrate()));
  // After the page's first frame: its HTML and stylesheet have the network to themselves.
  const afterPaint = () => requestAnimationFrame(() => setTimeout(hydrate, 0));
  if (document.readyState === "complete") afterPaint(); else addEventListener("load", afterPaint, {{ once: true }});
}})({js:?}, {wasm:?});"#,
        js = format!("{pkg}/{js}.js"),
        wasm = format!("{pkg}/{wasm}.wasm"),
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}
