//! The PDF file structure: where each object stands (xref tables, xref streams, `/Prev`
//! chains, object streams), reading an object and decoding a stream's data.
//!
//! A file whose cross-reference is missing or broken is read by scanning it for `N G obj`
//! (the last definition of a number wins, as an incremental update would). Streams are
//! inflated with a per-stream limit and a budget for the whole file, so a small file cannot
//! make us allocate without bound; decoded streams are kept, so a form drawn on every page is
//! inflated once.
//!
//! An encrypted file's handler (`crypt.rs`) is made once the trailer is known; from then on
//! each object read at an offset has its strings decrypted, and each stream its data before
//! the filters (an object stream as a whole: the objects in it are not decrypted again).
//!
//! Invariants: never panics; time is linear in the file plus the inflated data; memory is
//! bounded by [`MAX_STREAM_BYTES`] per stream and [`MAX_INFLATED`] in all.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::crypt::{Crypt, Id};
use super::lexer::{Dict, Lexer, Object};
use super::Error;

/// The largest decoded stream (a page's content, a font map).
pub const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// The most data inflated from one file.
pub const MAX_INFLATED: usize = 256 * 1024 * 1024;
/// The most objects a file may declare.
const MAX_OBJECTS: usize = 2_000_000;
/// The longest `/Prev` chain followed.
const MAX_SECTIONS: usize = 256;

/// Where an object is stored.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// At a byte offset of the file.
    Offset(usize),
    /// The `index`-th object of the object stream `stream`.
    InStream { stream: u32, index: usize },
}

/// An opened PDF file.
pub struct File<'a> {
    bytes: &'a [u8],
    places: HashMap<u32, Place>,
    pub trailer: Dict,
    /// Decoded streams by object number.
    decoded: RefCell<HashMap<u32, Rc<Vec<u8>>>>,
    /// The objects of object streams, by stream number: (number, offset) pairs and the data.
    object_streams: RefCell<HashMap<u32, Rc<ObjectStream>>>,
    inflated: Cell<usize>,
    /// Where every `endstream` keyword stands, found once when a stream's length is wrong.
    endstreams: OnceCell<Vec<usize>>,
    /// The security handler of an encrypted file.
    crypt: Option<Crypt>,
}

/// A decoded object stream: the (number, offset) of each object in it, and the data.
type ObjectStream = (Vec<(u32, usize)>, Vec<u8>);

/// A stream object: its dictionary and the raw bytes of its data.
pub struct Stream<'a> {
    pub dict: Dict,
    pub data: &'a [u8],
    /// The number and generation it is stored under, which decrypt it.
    pub id: Id,
}

impl<'a> File<'a> {
    /// Opens the file: its cross-reference by `startxref`, else by scanning; then its security
    /// handler, when the trailer names `/Encrypt`.
    pub fn open(bytes: &'a [u8]) -> Result<File<'a>, Error> {
        let mut file = File {
            bytes,
            places: HashMap::new(),
            trailer: Dict::default(),
            decoded: RefCell::new(HashMap::new()),
            object_streams: RefCell::new(HashMap::new()),
            inflated: Cell::new(0),
            endstreams: OnceCell::new(),
            crypt: None,
        };
        let read = file.read_xref_chain();
        let scanned =
            read.is_err() || file.trailer.get(b"Root").is_none() || file.places.is_empty();
        if scanned {
            file.places.clear();
            file.trailer = Dict::default();
            file.scan()?;
        }
        // `/Encrypt null` is no `/Encrypt`; a reference to nothing is a damaged file.
        let encrypt = file.trailer.get(b"Encrypt").filter(|e| **e != Object::Null);
        if let Some(encrypt) = encrypt.cloned() {
            file.crypt = Some(file.security_handler(&encrypt)?);
            // Streams read so far (a `/Length` in an object stream) were read undecrypted.
            file.decoded.borrow_mut().clear();
            file.object_streams.borrow_mut().clear();
        }
        if scanned {
            file.index_object_streams();
        }
        Ok(file)
    }

    /// The handler of the `/Encrypt` dictionary `encrypt`, read before any decryption (the
    /// dictionary is not encrypted), with the first string of the trailer's `/ID`.
    fn security_handler(&self, encrypt: &Object) -> Result<Crypt, Error> {
        let dict = self.dict(encrypt).ok_or(Error::Damaged("找不到加密字典"))?;
        let dict = Dict(
            dict.0
                .into_iter()
                .map(|(k, v)| (k, self.resolve(&v)))
                .collect(),
        );
        let ids = self.trailer.get(b"ID").map(|i| self.resolve(i));
        let id = match ids
            .as_ref()
            .and_then(Object::as_array)
            .and_then(|a| a.first())
        {
            Some(Object::Str(s)) => s.clone(),
            _ => Vec::new(),
        };
        let number = match encrypt {
            Object::Ref(num) => Some(*num),
            _ => None,
        };
        Crypt::open(&dict, &id, number)
    }

    /// Follows `startxref` and the `/Prev` chain; newer sections win.
    fn read_xref_chain(&mut self) -> Result<(), Error> {
        let mut offset = Some(self.startxref().ok_or(Error::Damaged("找不到交叉引用表"))?);
        let mut seen = Vec::new();
        while let Some(at) = offset.take() {
            if seen.contains(&at) || seen.len() >= MAX_SECTIONS {
                break;
            }
            seen.push(at);
            let trailer = self.read_section(at)?;
            if let Some(Object::Int(stm)) = trailer.get(b"XRefStm") {
                if let Ok(stm) = usize::try_from(*stm) {
                    let _ = self.read_section(stm);
                }
            }
            offset = trailer
                .get(b"Prev")
                .and_then(Object::as_int)
                .and_then(|p| usize::try_from(p).ok());
            if self.trailer.0.is_empty() {
                self.trailer = trailer;
            } else {
                for (k, v) in trailer.0 {
                    if self.trailer.get(&k).is_none() {
                        self.trailer.0.push((k, v));
                    }
                }
            }
        }
        Ok(())
    }

    /// The offset after the last `startxref`.
    fn startxref(&self) -> Option<usize> {
        let from = self.bytes.len().saturating_sub(2048);
        let tail = self.bytes.get(from..)?;
        let at = rfind(tail, b"startxref")?;
        let mut lexer = Lexer::new(tail, at + 9);
        let offset = lexer.object()?.as_int()?;
        usize::try_from(offset)
            .ok()
            .filter(|&o| o < self.bytes.len())
    }

    /// Reads one xref section (a table and its trailer, or an xref stream) at `at`.
    fn read_section(&mut self, at: usize) -> Result<Dict, Error> {
        let damaged = Error::Damaged("交叉引用表已损坏");
        let mut lexer = Lexer::new(self.bytes, at);
        lexer.skip_space();
        if self
            .bytes
            .get(lexer.pos..)
            .is_some_and(|b| b.starts_with(b"xref"))
        {
            lexer.pos += 4;
            return self.read_table(&mut lexer).ok_or(damaged);
        }
        let (_, object) = self.object_at(at).ok_or(damaged.clone())?;
        let ParsedAt::Stream(dict, data) = object else {
            return Err(damaged);
        };
        let data = self.decode(&dict, data, None)?;
        self.read_xref_stream(&dict, &data).ok_or(damaged)?;
        Ok(dict)
    }

    /// A classic xref table after `xref`, up to and including its trailer dictionary.
    fn read_table(&mut self, lexer: &mut Lexer) -> Option<Dict> {
        loop {
            match lexer.object()? {
                Object::Keyword(k) if k == b"trailer" => {
                    return lexer.object()?.as_dict().cloned();
                }
                Object::Int(first) => {
                    let count = lexer.object()?.as_int()?;
                    let first = u32::try_from(first).ok()?;
                    let count = usize::try_from(count).ok()?;
                    if self.places.len() + count > MAX_OBJECTS {
                        return None;
                    }
                    for i in 0..count {
                        let offset = lexer.object()?.as_int()?;
                        let _generation = lexer.object()?;
                        let kind = lexer.object()?;
                        let num = first.checked_add(u32::try_from(i).ok()?)?;
                        if kind == Object::Keyword(b"n".to_vec()) {
                            if let Ok(offset) = usize::try_from(offset) {
                                self.places.entry(num).or_insert(Place::Offset(offset));
                            }
                        }
                    }
                }
                _ => return None,
            }
        }
    }

    /// The entries of a decoded xref stream.
    fn read_xref_stream(&mut self, dict: &Dict, data: &[u8]) -> Option<()> {
        let widths: Vec<usize> = dict
            .get(b"W")?
            .as_array()?
            .iter()
            .map(|w| w.as_int().and_then(|w| usize::try_from(w).ok()))
            .collect::<Option<_>>()?;
        let [w0, w1, w2] = widths.as_slice() else {
            return None;
        };
        let row = w0 + w1 + w2;
        if row == 0 || *w0 > 8 || *w1 > 8 || *w2 > 8 {
            return None;
        }
        let size = dict.get(b"Size").and_then(Object::as_int).unwrap_or(0);
        let index: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
            Some(a) => a.iter().filter_map(Object::as_int).collect(),
            None => vec![0, size],
        };
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let [first, count] = pair else {
                continue;
            };
            let (first, count) = (u32::try_from(*first).ok()?, usize::try_from(*count).ok()?);
            if self.places.len() + count > MAX_OBJECTS {
                return None;
            }
            for i in 0..count {
                let Some(entry) = rows.next() else {
                    return Some(());
                };
                let (a, rest) = entry.split_at(*w0);
                let (b, c) = rest.split_at(*w1);
                let kind = if *w0 == 0 { 1 } else { be(a) };
                let num = first.checked_add(u32::try_from(i).ok()?)?;
                let place = match kind {
                    1 => Place::Offset(usize::try_from(be(b)).ok()?),
                    2 => Place::InStream {
                        stream: u32::try_from(be(b)).ok()?,
                        index: usize::try_from(be(c)).ok()?,
                    },
                    _ => continue,
                };
                self.places.entry(num).or_insert(place);
            }
        }
        Some(())
    }

    /// Rebuilds the places by scanning the file for `N G obj`; the trailer is the last
    /// `trailer` dictionary or xref stream dictionary, else a catalog found by type.
    fn scan(&mut self) -> Result<(), Error> {
        let bytes = self.bytes;
        let mut at = 0;
        let mut catalog = None;
        while let Some(found) = find(bytes.get(at..).unwrap_or(b""), b"obj") {
            let obj = at + found;
            at = obj + 3;
            let Some(num) = object_number_before(bytes, obj) else {
                continue;
            };
            if self.places.len() >= MAX_OBJECTS {
                return Err(Error::TooComplex);
            }
            let start = line_start_of_number(bytes, obj);
            self.places.insert(num, Place::Offset(start));
            if let Some((_, ParsedAt::Object(Object::Dict(d)) | ParsedAt::Stream(d, _))) =
                self.object_at(start)
            {
                let kind = d.get(b"Type").and_then(Object::as_name);
                if kind == Some(b"Catalog") {
                    catalog = Some(num);
                }
                if kind == Some(b"XRef") && d.get(b"Root").is_some() {
                    self.trailer = d.clone();
                }
            }
        }
        if let Some(t) = rfind(bytes, b"trailer") {
            if let Some(Object::Dict(d)) = Lexer::new(bytes, t + 7).object() {
                if d.get(b"Root").is_some() {
                    self.trailer = d;
                }
            }
        }
        if self.trailer.get(b"Root").is_none() {
            let catalog = catalog.ok_or(Error::Damaged("找不到文档目录"))?;
            self.trailer
                .0
                .push((b"Root".to_vec(), Object::Ref(catalog)));
        }
        Ok(())
    }

    /// After a scan (and once the security handler is known): the objects stored in object
    /// streams, where no direct one was found.
    fn index_object_streams(&mut self) {
        let streams: Vec<u32> = self.places.keys().copied().collect();
        for num in streams {
            let Some(Place::Offset(at)) = self.places.get(&num).copied() else {
                continue;
            };
            let Some((_, ParsedAt::Stream(d, _))) = self.object_at(at) else {
                continue;
            };
            if d.get(b"Type").and_then(Object::as_name) != Some(b"ObjStm") {
                continue;
            }
            let Some(contents) = self.object_stream(num) else {
                continue;
            };
            for (index, (inner, _)) in contents.0.iter().enumerate() {
                self.places
                    .entry(*inner)
                    .or_insert(Place::InStream { stream: num, index });
            }
        }
    }

    /// The object at byte offset `at` (`N G obj … endobj`), its strings decrypted; a stream's
    /// data is left as stored.
    fn object_at(&self, at: usize) -> Option<(Id, ParsedAt<'a>)> {
        let mut lexer = Lexer::new(self.bytes, at);
        let num = u32::try_from(lexer.object()?.as_int()?).ok()?;
        // The generation's low 16 bits, as object keys take them.
        let id = (num, (lexer.object()?.as_int()? & 0xFFFF) as u16);
        if lexer.object()? != Object::Keyword(b"obj".to_vec()) {
            return None;
        }
        let mut object = lexer.object()?;
        if let Some(crypt) = &self.crypt {
            // A string that does not decrypt leaves the object unread, as one that does not
            // parse.
            crypt.object(id, &mut object).ok()?;
        }
        let Object::Dict(dict) = object else {
            return Some((id, ParsedAt::Object(object)));
        };
        match lexer.object() {
            Some(Object::Keyword(k)) if k == b"stream" => {
                let data = self.stream_data(&dict, lexer.pos)?;
                Some((id, ParsedAt::Stream(dict, data)))
            }
            _ => Some((id, ParsedAt::Object(Object::Dict(dict)))),
        }
    }

    /// The raw data of a stream whose keyword `stream` ends at `at`.
    fn stream_data(&self, dict: &Dict, at: usize) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get(b"Length") {
            Some(Object::Int(n)) => usize::try_from(*n).ok(),
            Some(Object::Ref(r)) => self.direct_int(*r),
            _ => None,
        };
        let rest = bytes.get(start..)?;
        if let Some(len) = declared.filter(|&len| len <= rest.len()) {
            let after = rest.get(len..).unwrap_or(b"");
            let trimmed = after
                .iter()
                .position(|b| !super::lexer::is_space(*b))
                .and_then(|p| after.get(p..))
                .unwrap_or(b"");
            if trimmed.starts_with(b"endstream") {
                return rest.get(..len);
            }
        }
        // A wrong or missing length: the data runs to the next `endstream` (found by a binary
        // search in the keyword's positions, so many broken streams cost no more than one).
        let ends = self.endstreams.get_or_init(|| {
            bytes
                .windows(9)
                .enumerate()
                .filter(|(_, w)| *w == b"endstream")
                .map(|(i, _)| i)
                .collect()
        });
        let next = ends.partition_point(|&e| e < start);
        let end = ends.get(next).map_or(rest.len(), |e| e - start);
        let data = rest.get(..end)?;
        let trim = data
            .iter()
            .rposition(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(0, |p| p + 1);
        data.get(..trim)
    }

    /// An integer stored as a direct object (a stream's `/Length`), without following streams.
    fn direct_int(&self, num: u32) -> Option<usize> {
        match self.places.get(&num)? {
            Place::Offset(at) => {
                let mut lexer = Lexer::new(self.bytes, *at);
                for _ in 0..3 {
                    lexer.object()?;
                }
                usize::try_from(lexer.object()?.as_int()?).ok()
            }
            Place::InStream { .. } => match self.get(num)? {
                Object::Int(n) => usize::try_from(n).ok(),
                _ => None,
            },
        }
    }

    /// Object `num`: a stream's dictionary for a stream (see [`File::stream`]).
    pub fn get(&self, num: u32) -> Option<Object> {
        match *self.places.get(&num)? {
            Place::Offset(at) => match self.object_at(at)? {
                (_, ParsedAt::Object(o)) => Some(o),
                (_, ParsedAt::Stream(d, _)) => Some(Object::Dict(d)),
            },
            Place::InStream { stream, index } => {
                let contents = self.object_stream(stream)?;
                let (inner, offset) = *contents.0.get(index)?;
                if inner != num {
                    return None;
                }
                Lexer::new(&contents.1, offset).object()
            }
        }
    }

    /// Follows references (a few levels) to a direct object.
    pub fn resolve(&self, object: &Object) -> Object {
        let mut current = object.clone();
        for _ in 0..8 {
            match current {
                Object::Ref(num) => current = self.get(num).unwrap_or(Object::Null),
                other => return other,
            }
        }
        Object::Null
    }

    /// The dictionary `object` is or refers to.
    pub fn dict(&self, object: &Object) -> Option<Dict> {
        match self.resolve(object) {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// The stream object `num` refers to, undecoded.
    pub fn stream(&self, num: u32) -> Option<Stream<'a>> {
        match *self.places.get(&num)? {
            Place::Offset(at) => match self.object_at(at)? {
                (id, ParsedAt::Stream(dict, data)) => Some(Stream { dict, data, id }),
                _ => None,
            },
            Place::InStream { .. } => None,
        }
    }

    /// The decoded data of stream `num` (kept for the next call).
    pub fn stream_bytes(&self, num: u32) -> Result<Rc<Vec<u8>>, Error> {
        if let Some(data) = self.decoded.borrow().get(&num) {
            return Ok(Rc::clone(data));
        }
        let stream = self.stream(num).ok_or(Error::Damaged("找不到数据流"))?;
        let data = Rc::new(self.decode(&stream.dict, stream.data, Some(stream.id))?);
        self.decoded.borrow_mut().insert(num, Rc::clone(&data));
        Ok(data)
    }

    /// The objects of object stream `num`: their numbers and offsets, and the data.
    fn object_stream(&self, num: u32) -> Option<Rc<ObjectStream>> {
        if let Some(c) = self.object_streams.borrow().get(&num) {
            return Some(Rc::clone(c));
        }
        let stream = self.stream(num)?;
        let n = stream.dict.get(b"N")?.as_int()?;
        let first = usize::try_from(stream.dict.get(b"First")?.as_int()?).ok()?;
        let data = self
            .decode(&stream.dict, stream.data, Some(stream.id))
            .ok()?;
        let mut lexer = Lexer::new(&data, 0);
        let mut entries = Vec::new();
        for _ in 0..n.clamp(0, 1_000_000) {
            let inner = u32::try_from(lexer.object()?.as_int()?).ok()?;
            let offset = usize::try_from(lexer.object()?.as_int()?).ok()?;
            entries.push((inner, first.saturating_add(offset)));
        }
        let contents = Rc::new((entries, data));
        self.object_streams
            .borrow_mut()
            .insert(num, Rc::clone(&contents));
        Some(contents)
    }

    /// Decodes the data of stream `id` by its `/Filter` chain, decrypting it first in an
    /// encrypted file (`None`: an xref stream, which is never encrypted). A `/Crypt` filter
    /// names the crypt filter in its parameters (`/Identity` when none).
    fn decode(&self, dict: &Dict, data: &[u8], id: Option<Id>) -> Result<Vec<u8>, Error> {
        let resolve = |o: Option<&Object>| o.map(|o| self.resolve(o)).unwrap_or(Object::Null);
        let filters = match resolve(dict.get(b"Filter")) {
            Object::Name(n) => vec![n],
            Object::Array(a) => a
                .iter()
                .filter_map(|f| f.as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        let params = match resolve(dict.get(b"DecodeParms")) {
            Object::Dict(d) => vec![Some(d)],
            Object::Array(a) => a.iter().map(|p| self.dict(p)).collect(),
            _ => Vec::new(),
        };
        let mut out = match (&self.crypt, id) {
            (Some(crypt), Some(id)) => {
                let named = match (filters.first(), params.first()) {
                    (Some(f), p) if f == b"Crypt" => Some(
                        p.and_then(Option::as_ref)
                            .and_then(|p| p.get(b"Name"))
                            .and_then(Object::as_name)
                            .unwrap_or(b"Identity".as_slice()),
                    ),
                    _ => None,
                };
                crypt.stream(id, dict, data, named)?
            }
            _ => data.to_vec(),
        };
        for (i, filter) in filters.iter().enumerate() {
            let param = params.get(i).cloned().flatten();
            out = match filter.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let inflated = self.inflate(&out)?;
                    super::filters::unpredict(inflated, param.as_ref())?
                }
                b"ASCIIHexDecode" | b"AHx" => super::filters::ascii_hex(&out),
                b"ASCII85Decode" | b"A85" => super::filters::ascii85(&out),
                b"Crypt" => out,
                _ => return Err(Error::Filter(String::from_utf8_lossy(filter).into_owned())),
            };
        }
        Ok(out)
    }

    /// Inflates zlib (or raw deflate) data within the stream limit and the file's budget.
    fn inflate(&self, data: &[u8]) -> Result<Vec<u8>, Error> {
        let left = MAX_INFLATED.saturating_sub(self.inflated.get());
        let limit = MAX_STREAM_BYTES.min(left);
        let out = super::filters::inflate(data, limit)?;
        self.inflated.set(self.inflated.get() + out.len());
        Ok(out)
    }
}

/// An object as read at an offset: a plain object, or a stream's dictionary and data.
enum ParsedAt<'a> {
    Object(Object),
    Stream(Dict, &'a [u8]),
}

/// A big-endian unsigned number of up to eight bytes.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, &b| (n << 8) | u64::from(b))
}

/// The first position of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The last position of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The object number of `N G obj` whose `obj` starts at `obj`, if the bytes before it are
/// two numbers at the start of a line or after white space.
fn object_number_before(bytes: &[u8], obj: usize) -> Option<u32> {
    if bytes
        .get(obj + 3)
        .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let before = bytes.get(obj.saturating_sub(24)..obj)?;
    let text = std::str::from_utf8(before).ok().or_else(|| {
        let p = before.iter().rposition(|b| !b.is_ascii())?;
        std::str::from_utf8(before.get(p + 1..)?).ok()
    })?;
    let mut words = text.split_ascii_whitespace().rev();
    let generation = words.next()?;
    let num = words.next()?;
    let num = num.trim_start_matches(|c: char| !c.is_ascii_digit());
    if !generation.bytes().all(|b| b.is_ascii_digit()) || num.is_empty() {
        return None;
    }
    num.parse().ok()
}

/// Where the object number before `obj` starts.
fn line_start_of_number(bytes: &[u8], obj: usize) -> usize {
    let mut at = obj;
    let mut fields = 0;
    let mut in_field = false;
    while at > 0 {
        let b = bytes.get(at - 1).copied().unwrap_or(b' ');
        if b.is_ascii_digit() {
            in_field = true;
        } else if in_field {
            fields += 1;
            in_field = false;
            if fields == 2 {
                break;
            }
        } else if !super::lexer::is_space(b) {
            break;
        }
        at -= 1;
    }
    at
}
