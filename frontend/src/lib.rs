//! The browser entry point: hydrate the server-rendered page.
// The whole app's view types are monomorphised here; the size-optimised
// release profile needs more room than the default to resolve them.
#![recursion_limit = "1024"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets browser tests wait until event handlers are attached.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__trellis_hydrated".into(), &true.into());
    }
}
