//! The file an export writes into: a hidden temporary file in the target's folder, renamed
//! over the target only once complete. A cancelled or failed export deletes it, so the
//! folder never holds a half-written file and an older file of that name stays intact.
//! Charts (PNG, SVG) are saved the same way through `write_file`.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::file_name;
use super::ExportError;

pub(crate) struct PartFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl PartFile {
    pub(crate) fn create(target: &Path) -> Result<PartFile, ExportError> {
        // A rename would replace a device or a folder's entry rather than write into it.
        if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            return Err(ExportError::io(
                target,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "it exists and is not a regular file",
                ),
            ));
        }
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let prefix = format!(".{}.", file_name(target));
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".part");
        // The permissions a plain file write gives (the umask applies), not the
        // temporary file's owner-only ones.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder
            .tempfile_in(dir)
            .map_err(|err| ExportError::io(target, err))?;
        Ok(PartFile {
            temp,
            target: target.to_owned(),
        })
    }

    pub(crate) fn file(&self) -> &File {
        self.temp.as_file()
    }

    /// The target's path, for error messages.
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the file to disk and renames it to the target, replacing any older file.
    pub(crate) fn commit(self) -> Result<(), ExportError> {
        let target = self.target;
        self.temp
            .as_file()
            .sync_all()
            .map_err(|err| ExportError::io(&target, err))?;
        self.temp
            .persist(&target)
            .map_err(|err| ExportError::io(&target, err.error))?;
        Ok(())
    }
}

/// Writes `bytes` to `path` as an export does: into a temporary file renamed over `path`
/// once complete, so a full disk or a crash leaves any older file of that name intact.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_with(path, |file| file.write_all(bytes))
}

/// `write_file` with the writing step given, so a test can make it fail.
fn write_with(
    path: &Path,
    write: impl FnOnce(&mut &File) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let part = PartFile::create(path)?;
    write(&mut part.file()).map_err(|err| ExportError::io(path, err))?;
    part.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_the_older_file_untouched_and_no_part_behind() {
        let dir = tempfile::tempdir().unwrap();
        let chart = dir.path().join("chart.png");
        std::fs::write(&chart, b"the older chart").unwrap();
        let err = write_with(&chart, |file| {
            file.write_all(b"\x89PNG half")?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(err.to_string().contains("chart.png"), "{err}");
        assert_eq!(std::fs::read(&chart).unwrap(), b"the older chart");
        assert_eq!(folder_entries(dir.path()), ["chart.png"]);
        write_file(&chart, b"the new chart").unwrap();
        assert_eq!(std::fs::read(&chart).unwrap(), b"the new chart");
        assert_eq!(folder_entries(dir.path()), ["chart.png"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        for target in [Path::new("/dev/null"), dir.path()] {
            let err = write_file(target, b"x").unwrap_err();
            assert!(err.to_string().starts_with("could not write"), "{err}");
        }
        assert!(Path::new("/dev/null").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_file_gets_the_permissions_of_a_plain_write() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (plain, written) = (dir.path().join("plain"), dir.path().join("written"));
        std::fs::write(&plain, b"x").unwrap();
        write_file(&written, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&written), mode(&plain));
    }
}
