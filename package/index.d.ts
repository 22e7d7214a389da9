// Types of the nianbao package: the functions and the whole result model. The model is the JSON
// contract of src/report.rs (the CLI's `--format json` prints the same objects, without
// start16/end16); tests/browser/package.test.mjs checks these declarations against real reports.

/** How much a finding matters. */
export type Severity = 'error' | 'warning' | 'info';

/** A place in the checked text. */
export interface Location {
  /** UTF-8 byte offset of the first byte. */
  start: number;
  /** UTF-8 byte offset one past the last byte. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in characters. */
  column: number;
  /** UTF-16 offset of `start`: `textarea.setSelectionRange(start16, end16)`. */
  start16: number;
  /** UTF-16 offset of `end`. */
  end16: number;
  /** For a PDF (or its text checked again with `pages`): the 1-based page `start` stands on. */
  page?: number;
}

/** The result of checking one report. */
export interface Report {
  tool: Tool;
  /**
   * The notice of the format checked against: `国办公开办函〔2021〕30号`, or for a 2019 or 2020
   * report the trial format's `国办公开办函〔2019〕60号`.
   */
  template: string;
  /** The format section 二 follows: `"2019"` when it is in the 2019 trial format. */
  format: '2021' | '2019';
  outline: Outline;
  tables: Tables;
  /** Sorted by position; findings without a place (`span: null`) come first. */
  diagnostics: Diagnostic[];
  /** How many findings the configuration left out. */
  ignored: number;
  /** Only for HTML and .docx input: the text every span refers to. */
  source?: Source;
  /** Only when last year's report was given: what the two-year check compared. */
  previous_year?: PreviousYear;
}

/** What the check against the same body's report for the previous year compared. */
export interface PreviousYear {
  /** The year of last year's report, as read from it. */
  year: number | null;
  /** False when the two years do not follow each other: nothing compared (Y004), no checks. */
  compared: boolean;
  checks: YearCheck[];
}

/** One comparison with last year's report. */
export interface YearCheck {
  key: 'carried_over' | 'in_force' | 'identical';
  /** What was compared, in Chinese. */
  title: string;
  /** Failures are findings too (Y001–Y003, A007). */
  status: 'passed' | 'failed' | 'not_checked';
  /** The numbers compared, or why the comparison was not made, in Chinese. */
  detail: string;
}

/** A report read from HTML, .docx or PDF: its spans refer to `source.text`. */
export interface DocumentReport extends Report {
  source: Source;
}

/** Name and version of the checker. */
export interface Tool {
  name: string;
  version: string;
}

/** Where the checked text came from, when it was not plain text. */
export interface Source {
  kind: 'html' | 'docx' | 'pdf';
  /** The text the document was laid out as (tab-separated table rows). */
  text: string;
  /** How many tables the document holds. */
  tables: number;
  /** How many pages a PDF has (absent for the other kinds). */
  pages?: number;
  /** For a PDF, the line of `text` each page begins on (1-based): `check(text, {pages})`. */
  page_lines?: number[];
}

/** The report's title, year and six statutory sections. */
export interface Outline {
  title: string | null;
  title_span: Location | null;
  year: number | null;
  /** Always six entries, numbers 1 to 6. */
  sections: Section[];
}

/** One of the six statutory sections, found or not. */
export interface Section {
  number: number;
  /** The canonical title from the template. */
  title: string;
  /** The heading as written, or null when the section was not found. */
  heading: string | null;
  found: boolean;
  /** The heading's span. */
  span: Location | null;
}

/** The tables of sections 二, 三 and 四. */
export interface Tables {
  s2: Table2;
  s3: Table3;
  s4: Table4;
}

/** Section 二: six rows under four 第二十条 captions. */
export interface Table2 {
  groups: Group2[];
  rows: Row[];
}

/** One caption group of section 二, as the template prints it. */
export interface Group2 {
  caption: string;
  /** The value column headers. */
  columns: string[];
  /** The keys of the group's rows. */
  rows: string[];
}

/** Section 三: the 25 template rows × 7 columns, in template order. */
export interface Table3 {
  columns: string[];
  /** A row missing from the text is here with `span: null` and all values null. */
  rows: Row[];
  /** Only when present: rows of the 2019 format read in place of template rows (key `other`). */
  extra_rows?: Row[];
}

/** Section 四: one row of 15 values. */
export interface Table4 {
  columns: Column[];
  values: (number | null)[];
  cells: (Location | null)[];
  span: Location | null;
}

/** A column of section 四. */
export interface Column {
  /** `review.upheld` … `after_review.total`. */
  key: string;
  /** 行政复议, 未经复议直接起诉 or 复议后起诉. */
  group: string;
  /** 结果维持 … 总计. */
  label: string;
}

/** One template row as read from the report. */
export interface Row {
  key: string;
  /** The canonical label from the template. */
  label: string;
  /** The merged label the row stands under, if any. */
  group: string | null;
  /** Null when missing, blank or not read with certainty (the diagnostics say which). */
  values: (number | null)[];
  /** Parallel to `values`: where each value was read from. */
  cells: (Location | null)[];
  /** From the row's label to its last value; null when the row is missing. */
  span: Location | null;
}

/** One finding. */
export interface Diagnostic {
  /** Stable rule id, e.g. `A001`. */
  rule: string;
  severity: Severity;
  /** One Chinese sentence. */
  message: string;
  span: Location | null;
  /**
   * What the place `span` points at should hold. Given only when the finding determines it:
   * for a table cell, when the identities (勾稽关系, with the prose and last year's report) leave
   * exactly one explanation and it is this cell. Safe to offer as the fix for that place. A
   * finding that cannot tell which cell is wrong has no `expected`; its `related` places are
   * the cells of the identities that disagree.
   */
  expected?: number | string;
  /** What the place holds now, beside `expected`. */
  actual?: number | string;
  /** Replacement text to show (never applied). */
  suggestion?: string;
  /** Other places the finding involves (the other terms of an identity, say). */
  related?: Location[];
  /**
   * The rows (or other things) the finding is about, when more than three: the message then
   * gives their number, not each name. A list to show folded.
   */
  items?: string[];
  /** Names this finding across edits elsewhere: give it to `config.ignoreFindings`. */
  fingerprint: string;
}

/** A rule of the catalogue, as `rules()` returns it; its explanation is in `ruleDocs()`. */
export interface Rule {
  id: string;
  /** structure, template, arithmetic, prose, year, number or other. */
  family: string;
  /** Short Chinese title. */
  title: string;
  /** Default severity. */
  severity: Severity;
  /** The template clause or note the rule enforces. */
  clause: string;
}

/** A rule's documentation texts, as `ruleDocs()` returns them. */
export interface RuleDocs {
  /** The rule's id, as in `Rule`. */
  id: string;
  /** What it checks. */
  what: string;
  /** Why it matters. */
  why: string;
  /** A minimal example that triggers it, and the same written correctly. */
  bad: string;
  good: string;
  /** How to fix it. */
  fix: string;
}

/**
 * Rules and findings left out, severities changed (like the CLI's nianbao.toml). A rule id that
 * names no rule of `rules()` makes `check()` throw an error naming it.
 */
export interface Config {
  /** Rule ids not reported. */
  ignore?: string[];
  /** Rule id → the severity to report it at. */
  severity?: Record<string, Severity>;
  /** Fingerprints of single findings not reported. */
  ignoreFindings?: string[];
}

/** Last year's report, for the year-over-year rules (Y001–Y004, P007). */
export interface Previous {
  text: string;
  /** The text is `source.text` of an HTML or .docx report. */
  laidOut?: boolean;
}

/** The options of `check()`. */
export interface CheckOptions {
  /** The text is `source.text` of an HTML or .docx report (perhaps edited): read its columns. */
  laidOut?: boolean;
  config?: Config;
  previous?: string | Previous;
  /** The text is a PDF's: `source.page_lines` of its report, so locations keep their `page`. */
  pages?: number[];
}

/** What `init()` may load the module from; by default `nianbao_bg.wasm` next to the module. */
export type WasmSource =
  | string
  | URL
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/** Loads the checker (browsers); in Node it is loaded on import and this resolves at once. */
export function init(source?: WasmSource): Promise<void>;
/** Loads the checker at once from bytes or a compiled module. */
export function initSync(module: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
/** Checks a report's text. Throws before `init()` has finished. */
export function check(text: string, options?: CheckOptions): Report;
/** Checks a report given as HTML (clipboard `text/html`, a saved page, a rich editor's content). */
export function checkHtml(html: string): DocumentReport;
/** Checks a Word .docx file; throws an Error with a Chinese message when it is not readable. */
export function checkDocx(bytes: Uint8Array): DocumentReport;
/**
 * Checks a published PDF. The first call loads the PDF reader (`nianbao_pdf_bg.wasm`, by
 * default next to the module; in Node from the package's file), so it is asynchronous; the
 * reader hands the document to the checker (loaded by `init()` if it is not yet).
 * Rejects with a Chinese message when the PDF cannot be read faithfully (scanned, encrypted
 * with an open password, a font without a usable character map, damaged).
 */
export function checkPdf(bytes: Uint8Array, options?: { wasm?: WasmSource }): Promise<DocumentReport>;
/** The rule catalogue, in id order. */
export function rules(): Rule[];
/**
 * The rules' documentation texts, in the catalogue's order. They are kept out of the checker's
 * module: the first call imports `rule-docs.js` from the package.
 */
export function ruleDocs(): Promise<RuleDocs[]>;
/** The checker's version. */
export function version(): string;
export default init;

/** How many findings of each severity a report has. */
export interface Counts {
  error: number;
  warning: number;
  info: number;
}

/** The detail of the `nianbao-result` event of `<nianbao-checker>`. */
export interface ResultDetail {
  /** Null while the editor is empty. */
  report: Report | null;
  counts: Counts;
}
