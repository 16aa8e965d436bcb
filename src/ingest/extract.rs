//! Extraction as ingest runs it: many opinions at once on every core
//! (rayon), each guarded so that an extractor panic on one text costs that
//! opinion, not the run; the stored form of an [`Extraction`]; and the
//! fingerprint that tells whether stored extractions came from the
//! extractor this binary has.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

use rayon::prelude::*;

use crate::cite::{self, Extraction, reporters::Reporters};

thread_local! {
    /// Set while this thread runs a guarded extraction, so the panic hook
    /// stays quiet: the panic becomes a reported rejection instead.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that is silent for guarded extractions and
/// hands every other panic to the hook that was there before.
fn quiet_guarded_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Extracts `text`, turning an extractor panic into an error message.
pub(super) fn guarded(text: &str, reporters: &Reporters) -> Result<Extraction, String> {
    quiet_guarded_panics();
    GUARDED.with(|g| g.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| cite::extract(text, reporters)));
    GUARDED.with(|g| g.set(false));
    result.map_err(|payload| {
        format!(
            "the citation extractor failed on this text: {}",
            panic_message(payload.as_ref())
        )
    })
}

/// An extraction and its stored form.
pub(super) struct Extracted {
    /// The extraction.
    pub extraction: Extraction,
    /// [`encode`]d.
    pub stored: Vec<u8>,
}

/// How many texts are extracted together before their results are handed
/// on: enough to keep every core busy, few enough that storing the first
/// results starts at once.
const BATCH: usize = 32;

/// Extracts and encodes every text of `texts` on every core, and hands
/// each result, in the order of `texts`, to `take` on the calling thread,
/// calling `tick` after each extraction. The next batch is extracted while
/// `take` stores the one before, so storing (one thread, SQLite) hides
/// behind extraction instead of following it. The first error `take`
/// returns stops the run and is returned.
pub(super) fn in_order<E>(
    texts: &[&str],
    reporters: &Reporters,
    tick: &(dyn Fn() + Sync),
    mut take: impl FnMut(usize, Result<Extracted, String>) -> Result<(), E>,
) -> Result<(), E> {
    let (send, batches) = std::sync::mpsc::sync_channel::<Vec<Result<Extracted, String>>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for batch in texts.chunks(BATCH) {
                let results = batch
                    .par_iter()
                    .map(|text| {
                        let result = guarded(text, reporters).and_then(|extraction| {
                            let stored = encode(&extraction)?;
                            Ok(Extracted { extraction, stored })
                        });
                        tick();
                        result
                    })
                    .collect();
                // The receiver is gone only when `take` failed: stop.
                if send.send(results).is_err() {
                    break;
                }
            }
        });
        let mut at = 0;
        for batch in batches {
            for result in batch {
                take(at, result)?;
                at += 1;
            }
        }
        Ok(())
    })
}

/// The stored form of an extraction: MessagePack with field names, so that
/// fields added to `Citation` later (with serde defaults) still decode.
pub(super) fn encode(extraction: &Extraction) -> Result<Vec<u8>, String> {
    rmp_serde::to_vec_named(extraction).map_err(|e| e.to_string())
}

/// An extraction from its stored form.
pub(super) fn decode(bytes: &[u8]) -> Result<Extraction, String> {
    rmp_serde::from_slice(bytes).map_err(|e| e.to_string())
}

/// Text the fingerprint extracts: the seed opinion, plus the forms ingest
/// relies on most (parallel cites, short forms, *Id.*).
const PROBE: &str = concat!(
    include_str!("../../data/opinions/munoz-v-guevara.txt"),
    "\n\nThe standard is settled. Strickland v. Washington, 466 U.S. 668, 687, 104 S. Ct. 2052, \
     80 L. Ed. 2d 674 (1984). Under Strickland, 466 U.S. at 690, counsel is presumed \
     competent. Id. at 691. See United States v. Al-Rikabi, 606 F.3d 11, 14 (1st Cir. 2010).\n"
);

/// A fingerprint of the extractor: the crate version and a hash of what it
/// extracts from a fixed text. Stored extractions with another fingerprint
/// are redone by the next ingest.
pub(super) fn fingerprint(reporters: &Reporters) -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        match guarded(PROBE, reporters) {
            Ok(extraction) => {
                let bytes = serde_json::to_vec(&extraction).unwrap_or_default();
                hasher.update(&bytes);
            }
            Err(message) => {
                hasher.update(message.as_bytes());
            }
        }
        hasher.finalize().to_hex()[..16].to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_text_order_and_the_first_error_stops_the_run() {
        let r = Reporters::bundled();
        // More texts than a batch, so that several batches are in flight.
        let texts: Vec<String> = (1..=3 * BATCH + 5)
            .map(|i| format!("The rule is settled. Doe v. Roe, {i} U.S. 100, 104 (1990)."))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut volumes = Vec::new();
        let all = in_order(&texts, &r, &|| {}, |at, result| {
            let extracted = result.map_err(|e| (at, e))?;
            volumes.push((at, extracted.extraction.citations[0].volume.clone()));
            Ok::<_, (usize, String)>(())
        });
        assert_eq!(all, Ok(()));
        let expected: Vec<(usize, Option<String>)> = (0..texts.len())
            .map(|at| (at, Some((at + 1).to_string())))
            .collect();
        assert_eq!(volumes, expected);

        let mut taken = 0;
        let stopped = in_order(&texts, &r, &|| {}, |at, _| {
            taken += 1;
            if at == BATCH + 3 { Err(at) } else { Ok(()) }
        });
        assert_eq!(stopped, Err(BATCH + 3));
        assert_eq!(taken, BATCH + 4);
    }

    #[test]
    fn a_stored_extraction_decodes_to_itself() {
        let r = Reporters::bundled();
        let extraction = cite::extract(PROBE, &r);
        let bytes = encode(&extraction).expect("encodes");
        let back = decode(&bytes).expect("decodes");
        assert_eq!(back.citations, extraction.citations);
        assert_eq!(back.document, extraction.document);
    }

    #[test]
    fn the_fingerprint_is_stable_within_a_process() {
        let r = Reporters::bundled();
        assert_eq!(fingerprint(&r), fingerprint(&r));
        assert_eq!(fingerprint(&r).len(), 16);
    }
}
