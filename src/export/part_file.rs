//! The file an export writes into: a hidden temporary file in the target's folder, renamed
//! over the target only once complete. A cancelled or failed export deletes it, so the
//! folder never holds a half-written file and an older file of that name stays intact.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::error::file_name;
use super::ExportError;

pub(crate) struct PartFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl PartFile {
    pub(crate) fn create(target: &Path) -> Result<PartFile, ExportError> {
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{}.", file_name(target)))
            .suffix(".part")
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
