//! Just enough of the zip format to take one entry out of a .docx: the end-of-central-directory
//! record, the central directory, one local header, and the entry's data stored (method 0) or
//! deflated (method 8, inflated by `miniz_oxide`), checked against its CRC-32.
//!
//! A .docx is a zip archive written by Word, WPS or LibreOffice; none of them uses ZIP64,
//! encryption or several disks for a report, so those are refused with a clear error rather
//! than half supported. Sizes and offsets are taken from the central directory, which also
//! covers entries written with a trailing data descriptor.
//!
//! Damage and bombs are told apart. An entry is described twice, in the central directory and
//! in its local header (or the data descriptor after its data); a single damaged byte makes the
//! two disagree, which is damage ([`Error::Damaged`]). Only sizes that agree and still exceed
//! the limits, or data that really inflates to far more than real text could, are a bomb
//! ([`Error::Bomb`]): a damaged deflate stream that overruns its declared size is counted on,
//! into a small buffer, to see which it is.
//!
//! Invariants: every read is bounds-checked (a damaged archive is an [`Error`], never a panic);
//! inflating never produces more than the entry's declared size, which is checked against
//! [`MAX_ENTRY_BYTES`] and [`MAX_RATIO`] before a single byte is allocated, so a zip bomb costs
//! at most that much memory and time (counting an overrun stops at [`MAX_RATIO`] times the
//! compressed size, in a 32 KiB buffer).

use super::Error;

/// The largest uncompressed entry we inflate (document.xml of a long report is a few MiB).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The largest compression ratio accepted for an entry larger than [`RATIO_FLOOR`] bytes.
pub const MAX_RATIO: u64 = 200;
/// Entries up to this size are inflated whatever their ratio: they cannot hurt.
const RATIO_FLOOR: u64 = 1024 * 1024;

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const CENTRAL_LEN: usize = 46;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const LOCAL_LEN: usize = 30;
const DESCRIPTOR_SIGNATURE: u32 = 0x0807_4b50;
/// Flag bit 3: crc and sizes follow the data, in a data descriptor.
const FLAG_DESCRIPTOR: u16 = 0x0008;
/// An archive comment is at most this long, so the end record is within the last 64 KiB.
const MAX_COMMENT: usize = 0xFFFF;

/// One entry of the central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The name as stored (UTF-8 or CP437; we only compare ASCII names).
    pub name: &'a [u8],
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local_offset: u64,
}

/// An entry as its local header gives it: the header, the compressed data after it, and the
/// offset where the data ends (where a data descriptor stands).
struct Local<'a> {
    header: &'a [u8],
    data: &'a [u8],
    end: usize,
}

/// A zip archive held in memory: its bytes and its central directory.
#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    /// How far the archive was moved by bytes prepended to it (a self-extracting stub).
    shift: u64,
    pub entries: Vec<Entry<'a>>,
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `bytes`. The caller has checked the first bytes.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Error> {
        let eocd = find_eocd(bytes).ok_or(Error::Truncated)?;
        let field16 = |at: usize| u16_at(bytes, eocd + at).ok_or(Error::Truncated);
        let field32 = |at: usize| u32_at(bytes, eocd + at).ok_or(Error::Truncated);
        let (disk, cd_disk) = (field16(4)?, field16(6)?);
        let (count, total) = (field16(8)?, field16(10)?);
        let (cd_size, cd_offset) = (field32(12)?, field32(16)?);
        let zip64_locator = eocd
            .checked_sub(20)
            .and_then(|at| u32_at(bytes, at))
            .is_some_and(|sig| sig == ZIP64_LOCATOR_SIGNATURE);
        if zip64_locator || total == 0xFFFF || cd_size == u32::MAX || cd_offset == u32::MAX {
            return Err(Error::Zip64);
        }
        if disk != 0 || cd_disk != 0 || count != total {
            return Err(Error::Damaged("压缩包分成了多个分卷"));
        }
        // The directory ends where the end record starts; anything before it that the offsets
        // do not account for was prepended to the archive.
        let cd_start = (eocd as u64)
            .checked_sub(u64::from(cd_size))
            .ok_or(Error::Damaged("目录记录不完整"))?;
        let shift = cd_start
            .checked_sub(u64::from(cd_offset))
            .ok_or(Error::Truncated)?;
        let cd = slice(bytes, cd_start, u64::from(cd_size)).ok_or(Error::Truncated)?;
        let entries = read_central_directory(cd, usize::from(total))?;
        Ok(Archive {
            bytes,
            shift,
            entries,
        })
    }

    /// The entry named `name`, tolerating a leading `/` and backslashes as separators.
    pub fn find(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| same_name(e.name, name))
    }

    /// True when some entry's name starts with `prefix` (ASCII case-insensitive).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.entries.iter().any(|e| {
            let name = e.name.strip_prefix(b"/").unwrap_or(e.name);
            name.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
        })
    }

    /// The uncompressed bytes of `entry`, checked against its size and CRC-32.
    pub fn extract(&self, entry: &Entry<'_>) -> Result<Vec<u8>, Error> {
        let Local { header, data, end } = self.data(entry)?;
        if !self.records_agree(entry, header, end) {
            return Err(Error::Damaged("文件条目的记录前后不一致"));
        }
        if entry.flags & 0x0001 != 0 || entry.method == 99 {
            return Err(Error::Encrypted);
        }
        if entry.compressed == u64::from(u32::MAX) || entry.size == u64::from(u32::MAX) {
            return Err(Error::Zip64);
        }
        if entry.size > MAX_ENTRY_BYTES {
            return Err(Error::EntryTooLarge { bytes: entry.size });
        }
        if entry.size > RATIO_FLOOR && entry.size > entry.compressed.saturating_mul(MAX_RATIO) {
            return Err(Error::Bomb);
        }
        let size =
            usize::try_from(entry.size).map_err(|_| Error::EntryTooLarge { bytes: entry.size })?;
        let out = match entry.method {
            0 if data.len() == size => data.to_vec(),
            0 => return Err(Error::Damaged("未压缩数据的长度与记录不符")),
            8 => inflate(data, size)?,
            other => return Err(Error::Method(other)),
        };
        if crc32(&out) != entry.crc {
            return Err(Error::Crc);
        }
        Ok(out)
    }

    /// True when the local header (and the data descriptor, when there is one) says what the
    /// central directory says of `entry`: flags, method, CRC-32 and sizes.
    fn records_agree(&self, entry: &Entry<'_>, header: &[u8], end: usize) -> bool {
        let flags = u16_at(header, 6).unwrap_or(0);
        let method = u16_at(header, 8).unwrap_or(0);
        if (flags ^ entry.flags) & (0x0001 | FLAG_DESCRIPTOR) != 0 || method != entry.method {
            return false;
        }
        let described = if flags & FLAG_DESCRIPTOR == 0 {
            header.get(14..26)
        } else {
            self.descriptor(end)
        };
        let Some(fields) = described else {
            // A data descriptor that cannot be found says nothing either way.
            return true;
        };
        let field = |at: usize| u32_at(fields, at).map(u64::from);
        field(0) == Some(u64::from(entry.crc))
            && field(4) == Some(entry.compressed)
            && field(8) == Some(entry.size)
    }

    /// The CRC-32 and sizes of the data descriptor at `end` (right after the data), if it
    /// stands there with its signature.
    fn descriptor(&self, end: usize) -> Option<&'a [u8]> {
        let after = self.bytes.get(end..)?;
        (u32_at(after, 0) == Some(DESCRIPTOR_SIGNATURE))
            .then(|| after.get(4..16))
            .flatten()
    }

    /// The local header of `entry` and its compressed bytes, after the header.
    fn data(&self, entry: &Entry<'_>) -> Result<Local<'a>, Error> {
        let at = entry
            .local_offset
            .checked_add(self.shift)
            .ok_or(Error::Truncated)?;
        let header = slice(self.bytes, at, LOCAL_LEN as u64).ok_or(Error::Truncated)?;
        if u32_at(header, 0) != Some(LOCAL_SIGNATURE) {
            return Err(Error::Damaged("文件条目的位置不对"));
        }
        let name_len = u16_at(header, 26).ok_or(Error::Truncated)?;
        let extra_len = u16_at(header, 28).ok_or(Error::Truncated)?;
        let start = at + LOCAL_LEN as u64 + u64::from(name_len) + u64::from(extra_len);
        let data = slice(self.bytes, start, entry.compressed).ok_or(Error::Truncated)?;
        let end = usize::try_from(start).map_err(|_| Error::Truncated)? + data.len();
        Ok(Local { header, data, end })
    }
}

/// Inflates raw deflate `data` that should give exactly `size` bytes, never more.
fn inflate(data: &[u8], size: usize) -> Result<Vec<u8>, Error> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    match decompress_to_vec_with_limit(data, size) {
        Ok(out) if out.len() == size => Ok(out),
        Ok(_) => Err(Error::Damaged("解压后的大小与记录不符")),
        // More output than the archive declared: a zip bomb lying about its size when the data
        // really inflates past the size limit or far more than text could, else damaged data.
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            let limit = (data.len() as u64)
                .saturating_mul(MAX_RATIO)
                .clamp(RATIO_FLOOR, MAX_ENTRY_BYTES);
            if inflated_len(data, limit) > limit {
                Err(Error::Bomb)
            } else {
                Err(Error::Damaged("解压后的大小与记录不符"))
            }
        }
        Err(e) if e.status == TINFLStatus::FailedCannotMakeProgress => {
            Err(Error::Damaged("压缩数据不完整"))
        }
        Err(_) => Err(Error::Damaged("压缩数据无法解压")),
    }
}

/// How many bytes raw deflate `data` inflates to, counted into a small buffer and no further
/// than just past `limit`.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut buffer = vec![0u8; 32 * 1024];
    let mut input = data;
    let mut total = 0u64;
    while total <= limit {
        let step = inflate(&mut state, input, &mut buffer, MZFlush::None);
        input = input.get(step.bytes_consumed..).unwrap_or(&[]);
        total += step.bytes_written as u64;
        let progress = step.bytes_consumed + step.bytes_written > 0;
        if !(progress && step.status == Ok(MZStatus::Ok)) {
            break;
        }
    }
    total
}

/// True when `bytes` end like a zip archive, with an end-of-central-directory record.
pub fn has_end_record(bytes: &[u8]) -> bool {
    find_eocd(bytes).is_some()
}

/// The offset of the end-of-central-directory record, searched backwards from the end.
fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(MAX_COMMENT);
    (first..=last).rev().find(|&at| {
        u32_at(bytes, at) == Some(EOCD_SIGNATURE)
            // The comment must end exactly at the end of the file.
            && u16_at(bytes, at + 20).is_some_and(|n| at + EOCD_LEN + usize::from(n) == bytes.len())
    })
}

/// Reads `count` central-directory records from `cd`.
fn read_central_directory(cd: &[u8], count: usize) -> Result<Vec<Entry<'_>>, Error> {
    let mut entries = Vec::with_capacity(count.min(cd.len() / CENTRAL_LEN));
    let mut at = 0usize;
    for _ in 0..count {
        let damaged = Error::Damaged("目录记录不完整");
        let head = cd.get(at..at + CENTRAL_LEN).ok_or(damaged.clone())?;
        if u32_at(head, 0) != Some(CENTRAL_SIGNATURE) {
            return Err(damaged);
        }
        let field16 = |off: usize| u16_at(head, off).map(usize::from).unwrap_or(0);
        let field32 = |off: usize| u32_at(head, off).map(u64::from).unwrap_or(0);
        let (name_len, extra_len, comment_len) = (field16(28), field16(30), field16(32));
        let name_start = at + CENTRAL_LEN;
        let name = cd
            .get(name_start..name_start + name_len)
            .ok_or(damaged.clone())?;
        entries.push(Entry {
            name,
            flags: u16_at(head, 8).unwrap_or(0),
            method: u16_at(head, 10).unwrap_or(0),
            crc: u32_at(head, 16).unwrap_or(0),
            compressed: field32(20),
            size: field32(24),
            local_offset: field32(42),
        });
        at = name_start + name_len + extra_len + comment_len;
    }
    Ok(entries)
}

/// Compares a stored entry name with `wanted` (ASCII case-insensitive, leading `/` and `\`
/// separators tolerated).
fn same_name(stored: &[u8], wanted: &str) -> bool {
    let stored = stored.strip_prefix(b"/").unwrap_or(stored);
    stored.len() == wanted.len()
        && stored.iter().zip(wanted.bytes()).all(|(&a, b)| {
            let a = if a == b'\\' { b'/' } else { a };
            a.eq_ignore_ascii_case(&b)
        })
}

/// `len` bytes of `bytes` from `start`, if they are all there.
fn slice(bytes: &[u8], start: u64, len: u64) -> Option<&[u8]> {
    let start = usize::try_from(start).ok()?;
    let end = start.checked_add(usize::try_from(len).ok()?)?;
    bytes.get(start..end)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

/// The CRC-32 lookup table of the zip polynomial (reflected 0xEDB88320), built at compile time.
// Indexing in a constant is checked when compiling: it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// The CRC-32 of `bytes`, as zip (and PNG, gzip) compute it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &b in bytes {
        let index = usize::from((crc as u8) ^ b);
        crc = CRC_TABLE.get(index).copied().unwrap_or(0) ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Writes a zip archive of `(name, data, deflate)` entries, as a .docx writer would.
    pub(crate) fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for &(name, data, deflate) in entries {
            let stored = if deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let method: u16 = if deflate { 8 } else { 0 };
            let offset = out.len() as u32;
            let common = |v: &mut Vec<u8>| {
                v.extend_from_slice(&20u16.to_le_bytes()); // version needed
                v.extend_from_slice(&0u16.to_le_bytes()); // flags
                v.extend_from_slice(&method.to_le_bytes());
                v.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
                v.extend_from_slice(&crc32(data).to_le_bytes());
                v.extend_from_slice(&(stored.len() as u32).to_le_bytes());
                v.extend_from_slice(&(data.len() as u32).to_le_bytes());
                v.extend_from_slice(&(name.len() as u16).to_le_bytes());
                v.extend_from_slice(&0u16.to_le_bytes()); // extra
            };
            out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
            common(&mut out);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&stored);
            central.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
            central.extend_from_slice(&20u16.to_le_bytes()); // version made by
            common(&mut central);
            central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
            central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    fn extract(bytes: &[u8], name: &str) -> Result<Vec<u8>, Error> {
        let archive = Archive::open(bytes)?;
        let entry = archive.find(name).ok_or(Error::NoDocument)?;
        archive.extract(entry)
    }

    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn stored_and_deflated_entries() {
        let text = "一、总体情况\n".repeat(100);
        let bytes = zip(&[
            ("a.txt", b"stored", false),
            ("word/document.xml", text.as_bytes(), true),
        ]);
        assert_eq!(extract(&bytes, "a.txt"), Ok(b"stored".to_vec()));
        assert_eq!(extract(&bytes, "word/document.xml"), Ok(text.into_bytes()));
        assert_eq!(
            extract(&bytes, "WORD/Document.xml").map(|v| v.len()),
            Ok(1900)
        );
    }

    #[test]
    fn names_with_a_leading_slash_or_backslashes() {
        let bytes = zip(&[("/word\\document.xml", b"x", false)]);
        assert_eq!(extract(&bytes, "word/document.xml"), Ok(b"x".to_vec()));
    }

    #[test]
    fn prepended_bytes_and_a_comment_are_tolerated() {
        let mut bytes = b"MZ stub".to_vec();
        bytes.extend(zip(&[("a", b"data", true)]));
        let comment_at = bytes.len() - 2;
        bytes.splice(comment_at.., [3, 0]);
        bytes.extend_from_slice(b"abc");
        assert_eq!(extract(&bytes, "a"), Ok(b"data".to_vec()));
    }

    #[test]
    fn damage_is_an_error() {
        let bytes = zip(&[("a", b"some data to check", false)]);
        let data_at = LOCAL_LEN + 1;
        let mut flipped = bytes.clone();
        flipped[data_at] ^= 1;
        assert_eq!(extract(&flipped, "a"), Err(Error::Crc));
        let mut method = bytes.clone();
        let cd = bytes.len() - EOCD_LEN - CENTRAL_LEN - 1;
        method[cd + 10] = 12; // bzip2, in both records
        method[8] = 12;
        assert_eq!(extract(&method, "a"), Err(Error::Method(12)));
        let mut encrypted = bytes.clone();
        encrypted[cd + 8] = 1;
        encrypted[6] = 1;
        assert_eq!(extract(&encrypted, "a"), Err(Error::Encrypted));
        for len in 0..bytes.len() {
            assert!(
                extract(&bytes[..len], "a").is_err(),
                "prefix of {len} bytes"
            );
        }
    }

    #[test]
    fn zip64_is_refused() {
        let mut bytes = zip(&[("a", b"x", false)]);
        let total = bytes.len() - EOCD_LEN + 10;
        bytes[total..total + 2].copy_from_slice(&[0xFF, 0xFF]);
        assert_eq!(Archive::open(&bytes).map(|_| ()), Err(Error::Zip64));
    }

    #[test]
    fn bombs_stop_at_the_declared_size() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bytes = zip(&[("a", &zeros, true)]);
        assert_eq!(extract(&bytes, "a"), Err(Error::Bomb));
        // The same data declaring 1,000 bytes: inflating stops there.
        let small = zip(&[("a", &zeros[..1000], true)]);
        let mut lying = bytes.clone();
        let cd = lying.len() - EOCD_LEN - CENTRAL_LEN - 1;
        lying[cd + 24..cd + 28].copy_from_slice(&1000u32.to_le_bytes());
        lying[cd + 16..cd + 20].copy_from_slice(&small[14..18]);
        // A bomb lies in both records; a lie in one of them is damage.
        assert_eq!(
            extract(&lying, "a"),
            Err(Error::Damaged("文件条目的记录前后不一致"))
        );
        lying[22..26].copy_from_slice(&1000u32.to_le_bytes());
        lying[14..18].copy_from_slice(&small[14..18]);
        assert_eq!(extract(&lying, "a"), Err(Error::Bomb));
    }

    #[test]
    fn a_damaged_stream_that_overruns_its_size_is_damage() {
        let text = "一、总体情况\n（一）主动公开。本年主动公开信息190条。\n".repeat(200);
        let good = zip(&[("a", text.as_bytes(), true)]);
        let mut short = good.clone();
        let declared = (text.len() - 100) as u32;
        let cd = short.len() - EOCD_LEN - CENTRAL_LEN - 1;
        short[cd + 24..cd + 28].copy_from_slice(&declared.to_le_bytes());
        short[22..26].copy_from_slice(&declared.to_le_bytes());
        assert_eq!(
            extract(&short, "a"),
            Err(Error::Damaged("解压后的大小与记录不符"))
        );
    }

    #[test]
    fn records_that_disagree_are_damage() {
        let bytes = zip(&[("a", b"some data to check", true)]);
        let cd = bytes.len() - EOCD_LEN - CENTRAL_LEN - 1;
        // Sizes past the limit or beyond any ratio, in one record only.
        for (at, value) in [
            (cd + 24, 0x0500_0000u32),
            (cd + 24, 0x0020_0000),
            (cd + 16, 7),
        ] {
            let mut damaged = bytes.clone();
            damaged[at..at + 4].copy_from_slice(&value.to_le_bytes());
            assert_eq!(
                extract(&damaged, "a"),
                Err(Error::Damaged("文件条目的记录前后不一致")),
                "{at}"
            );
        }
        let mut method = bytes.clone();
        method[8] = 12;
        assert_eq!(
            extract(&method, "a"),
            Err(Error::Damaged("文件条目的记录前后不一致"))
        );
    }
}
