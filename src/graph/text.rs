//! Text the graph keeps by the million (a citation as written, its pin,
//! parenthetical and proposition) as a slice of a buffer many share.
//!
//! A graph read from its snapshot keeps each section's bytes and points
//! into them instead of copying every string into an allocation of its
//! own: those copies were most of the time a 100,000-opinion corpus took
//! to open. Text made any other way owns its bytes.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string, cheap to clone, that may share its bytes.
#[derive(Clone)]
pub struct Text {
    /// Bytes of which `start..start + len` are the text.
    bytes: Arc<Vec<u8>>,
    start: u32,
    len: u32,
}

impl Text {
    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        let bytes = &self.bytes[start..start + self.len as usize];
        // SAFETY: every constructor takes `start..start + len` from the
        // bytes of a `&str`, and the buffer never changes after.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// `text` in a buffer of its own.
    fn owned(text: String) -> Text {
        let len = text.len();
        match u32::try_from(len) {
            Ok(len) => Text {
                bytes: Arc::new(text.into_bytes()),
                start: 0,
                len,
            },
            // No real citation or sentence is 4 GB long; keep what fits at
            // a character boundary rather than fail.
            Err(_) => {
                let mut cut = u32::MAX as usize;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                Text::owned(text[..cut].to_string())
            }
        }
    }

    /// `text` as a slice of the buffer being decoded, when it lies in it.
    fn in_shared(text: &str) -> Option<Text> {
        SHARED.with(|shared| {
            let shared = shared.borrow();
            let bytes = shared.as_ref()?;
            let base = bytes.as_ptr() as usize;
            let at = (text.as_ptr() as usize).checked_sub(base)?;
            let end = at.checked_add(text.len())?;
            (end <= bytes.len()).then_some(())?;
            Some(Text {
                bytes: Arc::clone(bytes),
                start: u32::try_from(at).ok()?,
                len: u32::try_from(text.len()).ok()?,
            })
        })
    }
}

thread_local! {
    /// The buffer [`sharing`] is decoding on this thread.
    static SHARED: RefCell<Option<Arc<Vec<u8>>>> = const { RefCell::new(None) };
}

/// Runs `decode`, during which any [`Text`] deserialized from a string
/// borrowed from `bytes` points into `bytes` instead of copying it.
pub(crate) fn sharing<R>(bytes: &Arc<Vec<u8>>, decode: impl FnOnce() -> R) -> R {
    struct Reset(Option<Arc<Vec<u8>>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            SHARED.with(|shared| *shared.borrow_mut() = previous);
        }
    }
    let previous = SHARED.with(|shared| shared.borrow_mut().replace(Arc::clone(bytes)));
    let _reset = Reset(previous);
    decode()
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::owned(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::owned(text.to_string())
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::owned(String::new())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Text, E> {
                Ok(Text::in_shared(text).unwrap_or_else(|| Text::from(text)))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::from(text))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Text, E> {
                Ok(Text::from(text))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_decoded_from_a_shared_buffer_points_into_it() {
        let encoded = rmp_serde::to_vec(&("Strickland", "at 687")).expect("encodes");
        let bytes = Arc::new(encoded);
        let (name, pin): (Text, Text) =
            sharing(&bytes, || rmp_serde::from_slice(&bytes)).expect("decodes");
        assert_eq!(name, "Strickland");
        assert_eq!(pin.as_str(), "at 687");
        assert!(Arc::ptr_eq(&name.bytes, &bytes));
        assert_eq!(Arc::strong_count(&bytes), 3);
        // Outside `sharing`, text owns its bytes.
        let alone: Text = rmp_serde::from_slice(&bytes[..])
            .map(|(a, _): (Text, Text)| a)
            .expect("decodes");
        assert!(!Arc::ptr_eq(&alone.bytes, &bytes));
        assert_eq!(alone, name);
    }

    #[test]
    fn text_from_json_and_back() {
        let text: Text = serde_json::from_str(r#""a \"quoted\" pin""#).expect("decodes");
        assert_eq!(text.as_str(), "a \"quoted\" pin");
        assert_eq!(
            serde_json::to_string(&text).expect("encodes"),
            r#""a \"quoted\" pin""#
        );
    }
}
