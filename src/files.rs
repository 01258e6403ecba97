//! Writing files without harming what is already there: the one place that replaces a file.
//!
//! A regular file is replaced atomically: the new content goes to a hidden temporary file in the
//! same folder, is synced, renamed into place, and the folder is synced, so the file is either
//! the old one or the whole new one. Anything else at the path is written *through*, never
//! replaced: a symbolic link keeps pointing where it did (a link to a regular file has that file
//! replaced atomically; a shared `metrics.toml` linked into a data folder stays shared), and a
//! device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) receives the bytes as a shell
//! redirection would give them. A folder is an error. A missing folder on the way to a new file
//! is created. `-` as an output path means standard output (see [`is_stdout`]).

use anyhow::{Context, bail};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files this module writes beside their target.
pub const TMP_PREFIX: &str = ".tmp-";

/// `-o -`: the path that means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Where the bytes for `path` go.
enum Target {
    /// Replace this regular file (or create it) by an atomic rename.
    Replace(PathBuf),
    /// Open and write through: a device, FIFO, socket, or a link that resolves to one.
    Through,
}

fn target(path: &Path) -> anyhow::Result<Target> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target::Replace(path.to_path_buf()));
        }
        Err(e) => bail!("{}: cannot write: {}", path.display(), io_reason(&e)),
    };
    if meta.is_dir() {
        bail!("{}: is a folder; name a file to write", path.display());
    }
    if meta.is_file() {
        return Ok(Target::Replace(path.to_path_buf()));
    }
    if meta.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            // A link to a regular file: replace the file it points to, keep the link.
            Ok(m) if m.is_file() => match std::fs::canonicalize(path) {
                Ok(real) => Ok(Target::Replace(real)),
                Err(_) => Ok(Target::Through),
            },
            Ok(m) if m.is_dir() => bail!(
                "{}: is a link to a folder; name a file to write",
                path.display()
            ),
            // A link to a device or pipe, or a dangling link: write where it points.
            _ => Ok(Target::Through),
        };
    }
    Ok(Target::Through)
}

/// Writes a file at `path` with `write`, as the module's rules say: atomically for a regular file
/// or a new one, through to a device, pipe or link target otherwise.
pub fn write_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match target(path)? {
        Target::Replace(real) => replace(&real, write),
        Target::Through => {
            let mut f = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(path)
                .map_err(|e| {
                    anyhow::anyhow!("{}: cannot write: {}", path.display(), io_reason(&e))
                })?;
            write(&mut f)?;
            f.flush()
                .with_context(|| format!("{}: cannot write", path.display()))
        }
    }
}

/// Writes `bytes` to `path` (see [`write_with`]).
pub fn write_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_with(path, |f| {
        f.write_all(bytes)
            .with_context(|| format!("{}: cannot write", path.display()))
    })
}

/// Replaces the regular file (or the free name) `path` atomically.
fn replace(path: &Path, write: impl FnOnce(&mut File) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    if !dir.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot create the folder: {}",
                dir.display(),
                io_reason(&e)
            )
        })?;
    }
    let tmp = dir.join(format!("{TMP_PREFIX}{}-{name}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .or_else(|e| {
                // A temporary file left by a killed run of this same process id.
                if e.kind() == std::io::ErrorKind::AlreadyExists
                    && std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file())
                {
                    std::fs::remove_file(&tmp)?;
                    OpenOptions::new().write(true).create_new(true).open(&tmp)
                } else {
                    Err(e)
                }
            })
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", dir.display(), io_reason(&e)))?;
        write(&mut f)?;
        f.flush()
            .with_context(|| format!("{}: cannot write", tmp.display()))?;
        f.sync_all()
            .map_err(|e| anyhow::anyhow!("{}: cannot sync: {}", tmp.display(), io_reason(&e)))?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot rename into place: {}",
                path.display(),
                io_reason(&e)
            )
        })?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Syncs a folder, so a rename in it survives a crash.
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot sync the folder: {}",
            dir.display(),
            io_reason(&e)
        )
    })
}

/// A short reason for an I/O error ("no such folder", "permission denied", "the disk is full").
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        std::io::ErrorKind::IsADirectory => "is a folder".into(),
        std::io::ErrorKind::NotADirectory => "a part of the path is a file".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_and_a_regular_file_are_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_bytes(&p, b"one").unwrap();
        write_bytes(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_link_to_a_file_is_kept_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("shared.toml");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("metrics.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_bytes(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_device_is_written_through_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        write_bytes(&link, b"x").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        write_bytes(Path::new("/dev/null"), b"x").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_bytes(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn a_dash_is_standard_output() {
        assert!(is_stdout(Path::new("-")));
        assert!(!is_stdout(Path::new("./-")));
    }
}
