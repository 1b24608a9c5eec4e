//! What the targets share: the fuzz input is one or more texts separated
//! by NUL bytes (a NUL never appears in a manifest a user pastes), read
//! as the CLI reads a file: invalid UTF-8 replaced.

/// The texts of `data`, split at NUL bytes, at most `max` of them (the
/// last one keeps any further NULs).
pub fn texts(data: &[u8], max: usize) -> Vec<String> {
    data.splitn(max, |&b| b == 0)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect()
}
