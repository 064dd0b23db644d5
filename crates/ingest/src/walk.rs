//! Folder listing for the walk: entries sorted by name (byte order, so runs
//! are reproducible), hidden entries (`.name`) skipped, symbolic links
//! followed to files but not to folders (no cycles, no walking out of the
//! tree), sockets and devices ignored.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The entries of `dir` to visit, in order; an entry that cannot be
/// inspected comes back as its error.
pub(crate) fn list_dir(dir: &Path) -> io::Result<Vec<Result<PathBuf, (PathBuf, io::Error)>>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                entries.push(Err((dir.to_path_buf(), e)));
                continue;
            }
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let keep = match entry.file_type() {
            Ok(t) if t.is_dir() || t.is_file() => Ok(true),
            Ok(t) if t.is_symlink() => Ok(fs::metadata(&path).is_ok_and(|m| m.is_file())),
            Ok(_) => Ok(false),
            Err(e) => Err(e),
        };
        match keep {
            Ok(true) => entries.push(Ok(path)),
            Ok(false) => {}
            Err(e) => entries.push(Err((path, e))),
        }
    }
    entries.sort_by(|a, b| sort_key(a).cmp(sort_key(b)));
    Ok(entries)
}

fn sort_key(entry: &Result<PathBuf, (PathBuf, io::Error)>) -> &Path {
    match entry {
        Ok(path) | Err((path, _)) => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_without_hidden_or_linked_folders() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", ".hidden.txt", "C.txt"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("link.txt")).unwrap();
        }
        let names: Vec<String> = list_dir(dir.path())
            .unwrap()
            .into_iter()
            .map(|e| e.unwrap().file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        #[cfg(unix)]
        assert_eq!(names, ["C.txt", "a.txt", "b.txt", "link.txt", "sub"]);
        #[cfg(not(unix))]
        assert_eq!(names, ["C.txt", "a.txt", "b.txt", "sub"]);
    }
}
