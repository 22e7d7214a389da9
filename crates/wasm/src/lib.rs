//! WebAssembly bindings for the page in `www/`: a thin adapter over [`nianbao::check`],
//! [`nianbao::check_with_previous`], the document readers and [`nianbao::rules`], with no logic of
//! its own. The PDF reader is not here: the page's PDF module (crates/wasm-pdf) reads a PDF into
//! a document, and `checkPdfDocument` checks it, so the first load does not carry the reader.
//!
//! Every value crosses the boundary through `serde_wasm_bindgen`'s JSON-compatible serializer,
//! so the page sees exactly the JSON contract documented in [`nianbao::report`]: `None` becomes
//! `null` and maps become plain objects. Locations carry `start16`/`end16`, computed by the
//! pure core, so the page can select text in a JavaScript string without counting anything.
//!
//! Invariant: nothing here panics or unwraps; a failure to convert is returned as a `JsError`.
//! A JavaScript string with a lone surrogate arrives as U+FFFD, which is one UTF-16 unit as
//! well, so the UTF-16 offsets still line up with the string the page holds.

use nianbao::config::Setting;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook once the module is instantiated, so a panic shows in the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Checks one report and returns the report object (see `report.rs`), with UTF-16 offsets.
/// `laidOut`: the text is `source.text` of an earlier `checkHtml`/`checkDocx` report, perhaps
/// edited since, so its tables are read by their columns (see `Options::laid_out`).
/// `config` (optional): `{ignore: ["T003"], severity: {T002: "error"}, ignoreFindings: [fingerprint]}`.
/// `pages` (optional): for the text of a PDF, `source.page_lines` of its report (the line each
/// page begins on), so every location keeps its `page`.
#[wasm_bindgen]
pub fn check(
    text: &str,
    #[wasm_bindgen(js_name = laidOut)] laid_out: Option<bool>,
    config: JsValue,
    pages: Option<Vec<u32>>,
) -> Result<JsValue, JsError> {
    let options = nianbao::Options {
        utf16: true,
        laid_out: laid_out.unwrap_or(false),
        config: config_of(config)?,
        pages: pages.unwrap_or_default(),
    };
    to_js(&nianbao::check(text, &options))
}

/// The configuration in a JavaScript value (`{ignore, severity, ignoreFindings}`); `undefined`
/// or `null` is none. A rule id that names no rule is an error naming it, as in the CLI. Read with `Reflect` rather than serde, which would add 25 KB of
/// deserialiser for three fields.
fn config_of(value: JsValue) -> Result<nianbao::config::Config, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(nianbao::config::Config::NONE);
    }
    let field = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok();
    let strings = |name: &str| -> Result<Vec<String>, JsError> {
        match field(name).filter(|v| !v.is_undefined() && !v.is_null()) {
            None => Ok(Vec::new()),
            Some(v) if js_sys::Array::is_array(&v) => js_sys::Array::from(&v)
                .iter()
                .map(|s| {
                    s.as_string()
                        .ok_or_else(|| JsError::new(&format!("「{name}」应为字符串数组")))
                })
                .collect(),
            Some(_) => Err(JsError::new(&format!("「{name}」应为字符串数组"))),
        }
    };
    let mut severity = Vec::new();
    if let Some(map) = field("severity").filter(|v| v.is_object()) {
        for entry in js_sys::Object::entries(&js_sys::Object::from(map)).iter() {
            let pair = js_sys::Array::from(&entry);
            let id = pair.get(0).as_string().unwrap_or_default();
            let level = pair.get(1).as_string().unwrap_or_default();
            let s = nianbao::config::parse_severity(&level).ok_or_else(|| {
                JsError::new(&format!("级别「{level}」应为 error、warning 或 info"))
            })?;
            severity.push((id.to_ascii_uppercase(), s));
        }
    }
    let config = nianbao::config::Config {
        ignore: strings("ignore")?
            .into_iter()
            .map(|s| s.to_ascii_uppercase())
            .collect(),
        severity,
        ignore_findings: strings("ignoreFindings")?,
    };
    let unknown: Vec<String> = config
        .unknown_rules()
        .iter()
        .map(|u| match u.setting {
            Setting::Ignore => format!("config.ignore：{u}"),
            Setting::Severity => format!("config.severity：{u}"),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(JsError::new(&unknown.join("；")));
    }
    Ok(config)
}

/// Checks a report against the same body's report for the previous year (`previous`, laid out
/// from a document when `previousLaidOut`); spans refer to `text`. `pages` as for `check`.
#[wasm_bindgen(js_name = checkWithPrevious)]
pub fn check_with_previous(
    text: &str,
    laid_out: Option<bool>,
    previous: &str,
    previous_laid_out: Option<bool>,
    config: JsValue,
    pages: Option<Vec<u32>>,
) -> Result<JsValue, JsError> {
    let options = nianbao::Options {
        utf16: true,
        laid_out: laid_out.unwrap_or(false),
        config: config_of(config)?,
        pages: pages.unwrap_or_default(),
    };
    let previous = nianbao::Previous {
        text: previous,
        laid_out: previous_laid_out.unwrap_or(false),
    };
    to_js(&nianbao::check_with_previous(text, &previous, &options))
}

/// Checks a report pasted as HTML (`text/html` from Word, WPS or a web page); the report's
/// `source.text` is the text every span refers to.
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html(html: &str) -> Result<JsValue, JsError> {
    to_js(&nianbao::check_html(html, &UTF16))
}

/// Checks a Word .docx file given as bytes; a file that is not a readable .docx is an error with
/// a Chinese message.
#[wasm_bindgen(js_name = checkDocx)]
pub fn check_docx(bytes: &[u8]) -> Result<JsValue, JsError> {
    let report = nianbao::check_docx(bytes, &UTF16).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Checks the document the PDF module read a PDF of `pages` pages into (`readPdf` of
/// crates/wasm-pdf, in the wire format of `nianbao_doc::wire`). The report's `source` is
/// `{kind: "pdf", text, pages}`.
#[wasm_bindgen(js_name = checkPdfDocument)]
pub fn check_pdf_document(document: &str, pages: u32) -> Result<JsValue, JsError> {
    let document = nianbao::doc::wire::decode(document)
        .ok_or_else(|| JsError::new("PDF 读取结果已损坏，请重新打开该文件"))?;
    to_js(&nianbao::check_pdf_document(
        &document,
        pages as usize,
        &UTF16,
    ))
}

const UTF16: nianbao::Options = nianbao::Options {
    utf16: true,
    laid_out: false,
    config: nianbao::config::Config::NONE,
    pages: Vec::new(),
};

/// Returns the rule catalogue: `[{id, family, title, severity, clause}]`. The documentation texts
/// (what, why, bad, good, fix) are not compiled in (the core's `docs` feature is off here): the
/// page and the package read them from `rule-docs.js`, which scripts/build.mjs writes.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&nianbao::rules())
}

/// Returns the checker's version.
#[wasm_bindgen]
pub fn version() -> String {
    nianbao::VERSION.to_string()
}

/// Converts a serde value into a plain JavaScript value shaped like its JSON.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}
