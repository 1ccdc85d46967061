//! The file's bytes as the reader takes them: counted for progress, and an interrupted
//! read tried again rather than taken for a failing disk.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A reader that counts the bytes taken from the file.
pub(super) struct Counted<R> {
    pub(super) inner: R,
    pub(super) count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_some(&mut self.inner, buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// One `read`, repeated while the system interrupts it.
pub(super) fn read_some(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Interrupted once before each read that succeeds.
    struct Restless {
        interrupt: bool,
        data: io::Cursor<Vec<u8>>,
    }

    impl Read for Restless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(io::ErrorKind::Interrupted.into());
            }
            self.data.read(buf)
        }
    }

    #[test]
    fn interrupted_reads_are_retried_and_bytes_counted() {
        let count = Arc::new(AtomicU64::new(0));
        let mut counted = Counted {
            inner: Restless {
                interrupt: false,
                data: io::Cursor::new(b"id,name\n".to_vec()),
            },
            count: Arc::clone(&count),
        };
        let mut buf = [0u8; 16];
        let n = counted.read(&mut buf).expect("the interruption is retried");
        assert_eq!(&buf[..n], b"id,name\n");
        assert_eq!(count.load(Ordering::Relaxed), 8);
    }
}
