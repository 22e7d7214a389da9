//! Hard inputs: the worst cases the readers must get through quickly — thousands of
//! heading-like lines, zip bombs, PDF bombs, a form that draws itself, damaged files.
//!
//! The integration tests assert what nianbao answers on each (`tests/it/robustness.rs`,
//! `docx.rs`, `pdf.rs`, `pdf_crypt.rs`); `npm run bench` (`examples/bench.rs hard`) times each
//! in a release build against its budget ([`cases`]). No debug test holds a wall-clock bound: a
//! busy machine would fail it for nothing.
//!
//! Inputs are made lazily, one at a time, so that a set of damaged files is never all in memory.

use std::path::Path;
use std::time::Duration;

use super::pdf::{classic, Objects};
use super::{raw_zip, RawEntry, Rng};

/// How an input is read.
pub enum Input {
    Text(String),
    Docx(Vec<u8>),
    Pdf(Vec<u8>),
}

/// One hard case for the bench: its inputs and what they may take.
pub struct Hard {
    pub name: &'static str,
    pub inputs: Box<dyn Iterator<Item = Input>>,
    /// The budget of one input.
    pub each: Duration,
    /// The budget of all inputs together, when it is tighter than `each` times their number.
    pub all: Option<Duration>,
}

/// Every hard case with its budget (the bounds the debug tests used to hold, as hang guards).
pub fn cases() -> Vec<Hard> {
    let secs = Duration::from_secs;
    let one =
        |f: fn() -> Input| -> Box<dyn Iterator<Item = Input>> { Box::new(std::iter::once_with(f)) };
    let docx = || fixture("grid/blanks-2021.docx");
    vec![
        Hard {
            name: "10,000 numbered measures in section 一",
            inputs: one(|| Input::Text(numbered_measures(10_000))),
            each: secs(2),
            all: None,
        },
        Hard {
            name: "10,000 heading-like lines in section 一",
            inputs: one(|| Input::Text(numbered_lists(10_000))),
            each: secs(2),
            all: None,
        },
        Hard {
            name: "zip bomb, sizes told (200 MiB of zeros)",
            inputs: one(|| Input::Docx(honest_bomb())),
            each: secs(5),
            all: None,
        },
        Hard {
            name: "zip bomb, sizes lying",
            inputs: one(|| Input::Docx(lying_bomb())),
            each: secs(5),
            all: None,
        },
        Hard {
            name: ".docx of 16 MiB of zeros (ratio)",
            inputs: one(|| Input::Docx(dense_zip())),
            each: secs(5),
            all: None,
        },
        Hard {
            name: "every 1,024th prefix of a .docx",
            inputs: Box::new(prefixes(&docx()).into_iter().map(Input::Docx)),
            each: secs(5),
            all: Some(secs(5)),
        },
        Hard {
            name: "300 damaged .docx, 300 random zips",
            inputs: Box::new(
                damaged_copies(vec![docx()], DOCX_DAMAGE_SEED, 300, 8)
                    .chain(random_zips(DOCX_DAMAGE_SEED, 300))
                    .map(Input::Docx),
            ),
            each: secs(5),
            all: Some(secs(5)),
        },
        Hard {
            name: "100 PDF fonts sharing a full ToUnicode map",
            inputs: one(|| Input::Pdf(many_fonts(100))),
            each: secs(60),
            all: None,
        },
        Hard {
            name: "PDF stream inflating to 40 MiB",
            inputs: one(|| Input::Pdf(stream_bomb())),
            each: secs(15),
            all: None,
        },
        Hard {
            name: "100,000 PDF streams with a wrong length",
            inputs: one(|| Input::Pdf(broken_streams(100_000))),
            each: secs(30),
            all: None,
        },
        Hard {
            name: "PDF form drawing itself 50 times",
            inputs: one(|| Input::Pdf(self_drawing_form())),
            each: secs(60),
            all: None,
        },
        Hard {
            name: "300 damaged PDFs",
            inputs: Box::new(damaged_pdfs().map(Input::Pdf)),
            each: secs(5),
            all: Some(secs(180)),
        },
        Hard {
            name: "120 damaged encrypted PDFs",
            inputs: Box::new(damaged_encrypted_pdfs().map(Input::Pdf)),
            each: secs(5),
            all: None,
        },
    ]
}

/// The bytes of `tests/fixtures/NAME`.
fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ------------------------------------------------------------------------------------------
// Text

/// Seed 000 with `lines` inserted at the start of section 二, so inside section 一.
fn seed_with(lines: &str) -> String {
    let seed = String::from_utf8(fixture("seeds/000_3fdcef6c825e6b6d.txt")).expect("UTF-8");
    let at = seed.find("二、主动公开政府信息情况").expect("section 二");
    format!("{}{lines}{}", &seed[..at], &seed[at..])
}

/// Seed 000 with `n` numbered measures (`一、…` as Chinese numerals, one short line each)
/// inside section 一.
pub fn numbered_measures(n: usize) -> String {
    let lines: String = (1..=n)
        .map(|i| format!("{}、落实第{i}项工作措施\n", cn_number(i)))
        .collect();
    seed_with(&lines)
}

/// Seed 000 with `n` short numbered lines inside section 一, numbered in lists of five
/// (`一、` … `五、`, again and again), as a long list of measures grouped under sub-items is.
pub fn numbered_lists(n: usize) -> String {
    let lines: String = (0..n)
        .map(|i| format!("{}、落实第{i}项工作措施\n", cn_number(i % 5 + 1)))
        .collect();
    seed_with(&lines)
}

/// `n` (1..=9999) as a Chinese numeral, the way a list numbers its items: 十一, 二十, 一百零五.
pub fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in digits.iter().zip(UNITS) {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(*d == 1 && unit == "十" && out.is_empty()) {
            out.push_str(DIGITS[*d]);
        }
        out.push_str(unit);
    }
    out
}

// ------------------------------------------------------------------------------------------
// .docx

/// The zeros of a zip bomb: 200 MiB.
pub const BOMB_ZEROS: usize = 200 * 1024 * 1024;
/// The seed of the damaged and random .docx inputs.
pub const DOCX_DAMAGE_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// A raw deflate stream of `len` zeros with fixed Huffman codes: one literal, then matches of
/// 258 bytes at distance 1 (13 bits each), about 1:160.
pub fn deflated_zeros(len: usize) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::with_capacity(len / 150),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0x30, 8); // literal 0
    let mut left = len - 1;
    while left >= 258 {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30, 8);
    }
    bits.code(0, 7); // end of block (code 256)
    bits.put(0, 7);
    bits.out
}

/// A deflate bit writer.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    /// Writes `count` bits of `value`, least significant first.
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// Writes a Huffman code, most significant bit first.
    fn code(&mut self, code: u64, count: u32) {
        let reversed = (0..count).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.put(reversed, count);
    }
}

/// A .docx whose document part is [`BOMB_ZEROS`] deflated zeros, stating `size`.
fn bomb(size: u32) -> Vec<u8> {
    let stream = deflated_zeros(BOMB_ZEROS);
    raw_zip(&[RawEntry {
        name: "word/document.xml",
        method: 8,
        // The CRC is never reached: the size is judged first.
        crc: 0,
        size,
        stored: &stream,
    }])
}

/// A zip bomb that states its true size.
pub fn honest_bomb() -> Vec<u8> {
    bomb(BOMB_ZEROS as u32)
}

/// A zip bomb that states 4 KiB.
pub fn lying_bomb() -> Vec<u8> {
    bomb(4096)
}

/// A .docx whose document part is 16 MiB of zeros, honestly deflated: within the size cap,
/// beyond the compression ratio.
pub fn dense_zip() -> Vec<u8> {
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let stored = miniz_oxide::deflate::compress_to_vec(&zeros, 6);
    raw_zip(&[RawEntry {
        name: "word/document.xml",
        method: 8,
        crc: nianbao::docx::crc32(&zeros),
        size: zeros.len() as u32,
        stored: &stored,
    }])
}

/// Every 1,024th prefix of `file`, and the one a byte short.
pub fn prefixes(file: &[u8]) -> Vec<Vec<u8>> {
    (0..file.len())
        .step_by(1024)
        .chain([file.len() - 1])
        .map(|len| file[..len].to_vec())
        .collect()
}

/// `count` random byte strings under 4 KiB, every second one after a zip entry's signature.
pub fn random_zips(seed: u64, count: usize) -> impl Iterator<Item = Vec<u8>> {
    let mut rng = Rng::new(seed);
    (0..count).map(move |i| {
        let len = rng.below(4096);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        if i % 2 == 0 {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        bytes
    })
}

// ------------------------------------------------------------------------------------------
// Damage

/// `count` damaged copies of `files` in turn: every third cut short, the others with 1 to
/// `edits` bytes changed, at places and to values from a generator seeded with `seed`.
pub fn damaged_copies(
    files: Vec<Vec<u8>>,
    seed: u64,
    count: usize,
    edits: usize,
) -> impl Iterator<Item = Vec<u8>> {
    let mut rng = Rng::new(seed);
    (0..count).map(move |i| {
        let good = &files[i % files.len()];
        let mut file = good.to_vec();
        if i % 3 == 0 {
            file.truncate(rng.below(good.len()));
            return file;
        }
        for _ in 0..(1 + i % edits) {
            let at = rng.below(file.len());
            file[at] = rng.next_u64() as u8;
        }
        file
    })
}

/// 300 damaged copies of real and LibreOffice PDFs (up to 16 bytes changed).
pub fn damaged_pdfs() -> impl Iterator<Item = Vec<u8>> {
    let names = [
        "hongze-2023",
        "blanks-2021",
        "no-other-column",
        "shanghai-2019",
        "subtotal-column",
    ];
    let files = names.map(|n| fixture(&format!("pdf/{n}.pdf"))).to_vec();
    damaged_copies(files, 0x9E37_79B9_7F4A_7C15, 300, 16)
}

/// 120 damaged copies of encrypted PDFs (up to 8 bytes changed).
pub fn damaged_encrypted_pdfs() -> impl Iterator<Item = Vec<u8>> {
    let names = [
        "blanks-2021-rc4-40",
        "blanks-2021-aes-128",
        "blanks-2021-aes-256-objstm",
        "blanks-2021-password",
    ];
    let files = names.map(|n| fixture(&format!("pdf/{n}.pdf"))).to_vec();
    damaged_copies(files, 0x2545_F491_4F6C_DD1D, 120, 8)
}

// ------------------------------------------------------------------------------------------
// PDF

/// One page showing `<0041>` in each of `fonts` Type0 fonts whose ToUnicode, one line, maps
/// all 65,536 codes: 6.5 M entries to read for 100 fonts. Unbounded, 20,000 such fonts (a
/// 4 MB file) took minutes and gigabytes.
pub fn many_fonts(fonts: usize) -> Vec<u8> {
    let mut objects = Objects::default();
    let catalog = objects.reserve();
    let pages = objects.reserve();
    let map = objects.add_stream("", cmap_of_everything().as_bytes(), false);
    let ids: Vec<usize> = (0..fonts)
        .map(|_| {
            objects.add(format!(
                "<</Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
                 /ToUnicode {map} 0 R /DescendantFonts []>>"
            ))
        })
        .collect();
    let names: String = ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("/F{i} {id} 0 R "))
        .collect();
    let shown: String = (0..fonts)
        .map(|i| format!("/F{i} 12 Tf 72 700 Td <0041> Tj "))
        .collect();
    let content = objects.add_stream("", format!("BT {shown}ET").as_bytes(), false);
    let resources = format!("<</Font <<{names}>>>>");
    single_page(objects, catalog, pages, content, &resources)
}

/// A CMap that maps every two-byte code, in one range.
fn cmap_of_everything() -> String {
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
     1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
     1 beginbfrange <0000> <FFFF> <4E00> endbfrange\n\
     endcmap CMapName currentdict /CMap defineresource pop end end"
        .to_string()
}

/// The file of `objects` once its page tree and one page drawing `content` are set.
fn single_page(
    mut objects: Objects,
    catalog: usize,
    pages: usize,
    content: usize,
    resources: &str,
) -> Vec<u8> {
    let page = objects.add(format!(
        "<</Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R \
         /Resources {resources}>>"
    ));
    objects.set(
        pages,
        format!("<</Type /Pages /Kids [{page} 0 R] /Count 1>>"),
    );
    objects.set(catalog, format!("<</Type /Catalog /Pages {pages} 0 R>>"));
    let info = objects.add("<</Producer (nianbao tests)>>".into());
    classic(objects, catalog, info)
}

/// A page whose content stream inflates to 40 MiB of spaces, past the per-stream limit; no
/// xref, so the objects are found by scanning.
pub fn stream_bomb() -> Vec<u8> {
    let spaces = vec![b' '; 40 << 20];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&spaces, 9);
    let mut file = b"%PDF-1.4\n".to_vec();
    let mut number = 0;
    let mut object = |file: &mut Vec<u8>, body: &[u8]| {
        number += 1;
        file.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        file.extend_from_slice(body);
        file.extend_from_slice(b"\nendobj\n");
    };
    object(&mut file, b"<</Type /Catalog /Pages 2 0 R>>");
    object(&mut file, b"<</Type /Pages /Kids [3 0 R] /Count 1>>");
    object(&mut file, b"<</Type /Page /Parent 2 0 R /Contents 4 0 R>>");
    let mut stream = format!(
        "<</Length {} /Filter /FlateDecode>>\nstream\n",
        packed.len()
    )
    .into_bytes();
    stream.extend_from_slice(&packed);
    stream.extend_from_slice(b"\nendstream");
    object(&mut file, &stream);
    file.extend_from_slice(b"trailer\n<</Root 1 0 R>>\n%%EOF\n");
    file
}

/// `n` stream objects with a wrong length and no `endstream`.
pub fn broken_streams(n: usize) -> Vec<u8> {
    let mut file = b"%PDF-1.4\n".to_vec();
    for i in 1..=n {
        file.extend_from_slice(format!("{i} 0 obj<</Length 99999999>>stream\nxx\n").as_bytes());
    }
    file
}

/// A page drawing a form that draws itself 50 times: the nesting and operator limits end it.
pub fn self_drawing_form() -> Vec<u8> {
    let mut objects = Objects::default();
    let catalog = objects.reserve();
    let pages = objects.reserve();
    let form = objects.reserve();
    objects.set_stream(
        form,
        &format!("/Type /XObject /Subtype /Form /Resources <</XObject <</X {form} 0 R>>>>"),
        "/X Do ".repeat(50).as_bytes(),
        false,
    );
    let content = objects.add_stream("", b"/X Do", false);
    let resources = format!("<</XObject <</X {form} 0 R>>>>");
    single_page(objects, catalog, pages, content, &resources)
}
