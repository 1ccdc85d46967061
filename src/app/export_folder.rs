//! Where the save dialog opens: the folder of the previous export, remembered in a small
//! file of the user's configuration (never in a workspace, which may be shared). And the
//! folder scripted and headless runs save into without a dialog (`DESKBENCH_EXPORT_DIR`).

use std::path::{Path, PathBuf};

/// The file, in the user's configuration folder, that holds the last export's folder.
const LAST_FOLDER_FILE: &str = "last-export-folder";

/// Where a scripted run saves `name` instead of asking: `DESKBENCH_EXPORT_DIR`, if set.
pub fn scripted_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("DESKBENCH_EXPORT_DIR").map(|dir| PathBuf::from(dir).join(name))
}

/// The folder of the previous export, remembered under `config_dir`.
pub struct LastFolder(PathBuf);

impl LastFolder {
    pub fn in_config(config_dir: &Path) -> LastFolder {
        LastFolder(config_dir.join(LAST_FOLDER_FILE))
    }

    /// The remembered folder, while it still exists.
    pub fn read(&self) -> Option<PathBuf> {
        let folder = PathBuf::from(std::fs::read_to_string(&self.0).ok()?.trim());
        folder.is_dir().then_some(folder)
    }

    /// Remembers the folder `saved` went into. A convenience: an export never fails
    /// over it.
    pub fn remember(&self, saved: &Path) {
        let Some(folder) = saved.parent() else {
            return;
        };
        let _ = std::fs::create_dir_all(self.0.parent().unwrap_or(Path::new(".")))
            .and_then(|()| std::fs::write(&self.0, folder.to_string_lossy().as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_of_the_last_export_is_remembered_while_it_exists() {
        let config = tempfile::tempdir().unwrap();
        let exports = tempfile::tempdir().unwrap();
        let last = LastFolder::in_config(&config.path().join("deskbench"));
        assert_eq!(last.read(), None, "nothing yet");
        last.remember(&exports.path().join("chart.png"));
        assert_eq!(last.read().as_deref(), Some(exports.path()));
        let gone = exports.path().to_owned();
        drop(exports);
        assert!(!gone.exists());
        assert_eq!(last.read(), None, "a folder that is gone is forgotten");
    }
}
