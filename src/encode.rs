//! The small encodings the site, its open data, the archive package and
//! the locks share: checksums in hex, ASCII names for URLs and folders, percent
//! encoding, and Swedish timestamps.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::calendar::swedish_offset;

/// SHA-256 in lower-case hex, as `sha256sum` writes it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// SHA-512 in lower-case hex.
pub fn sha512_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha512::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// An ASCII name for a URL or folder: `Åsa Öberg` → `asa-oberg`,
/// `RUN/574/2019` → `run-574-2019`; `fallback` when nothing is left.
pub fn ascii_slug(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'æ' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug.to_owned()
    }
}

/// A path as a URL path: every byte but ASCII letters, digits and
/// `/.-_~#` percent-encoded (the ärende pages keep å, ä and ö in their names).
pub fn percent_encode(path: &str) -> String {
    let mut url = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/#.-_~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

/// The inverse of [`percent_encode`].
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `2017-09-27T09:00:00+02:00`: Swedish time on `day` with its offset, as
/// RFC 3339 (OParl's date-time, METS's xs:dateTime) writes it. `time` is
/// `HH:MM:SS`.
pub fn swedish_timestamp(day: NaiveDate, time: &str) -> String {
    format!("{day}T{time}{}", swedish_offset(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ascii_and_paths_round_trip() {
        assert_eq!(ascii_slug("Åsa Öberg-Ström", "x"), "asa-oberg-strom");
        assert_eq!(ascii_slug("RUN/574/2019", "x"), "run-574-2019");
        assert_eq!(ascii_slug(" – ", "x"), "x");
        let path = "arenden/ärende-1.html#p2";
        assert_eq!(percent_encode(path), "arenden/%C3%A4rende-1.html#p2");
        assert_eq!(percent_decode(&percent_encode(path)), path);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
