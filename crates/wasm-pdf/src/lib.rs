//! The page's PDF module: [`read_pdf`] turns a PDF into a document and hands it back as a
//! string ([`nianbao_doc::wire`]); the checker already loaded (crates/wasm, `checkPdfDocument`)
//! checks it. So the module a page fetches to open a PDF carries the reader and nothing of the
//! checker.
//!
//! Invariant: nothing here panics or unwraps; a PDF that cannot be read is a `JsError` with the
//! reader's Chinese message.

use wasm_bindgen::prelude::*;

/// Installs the panic hook once the module is instantiated, so a panic shows in the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Reads a PDF given as bytes: `{document, pages}`, the document in the wire format of
/// `nianbao_doc::wire`, for `checkPdfDocument` of the first module.
#[wasm_bindgen(js_name = readPdf)]
pub fn read_pdf(bytes: &[u8]) -> Result<js_sys::Object, JsError> {
    let pdf = nianbao_pdf::read(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &value)
            .map(drop)
            .map_err(|_| JsError::new("无法返回读取结果"))
    };
    set("document", nianbao_doc::wire::encode(&pdf.document).into())?;
    set("pages", (pdf.pages as f64).into())?;
    Ok(object)
}
