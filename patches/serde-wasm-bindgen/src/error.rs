use serde::de::{Expected, Unexpected};
use wasm_bindgen::prelude::*;

/// A newtype that represents Serde errors as JavaScript exceptions.
#[derive(Debug)]
pub struct Error(JsValue);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        #[wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(js_name = String)]
            pub fn to_string(value: &JsValue) -> String;
        }

        to_string(&self.0).fmt(f)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Creates a JavaScript `Error` with a given message.
    pub fn new<T: std::fmt::Display>(msg: T) -> Self {
        Error(JsError::new(&msg.to_string()).into())
    }
}

impl serde::ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }
}

impl serde::de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }

    // Patched: serde's provided `invalid_type`/`invalid_value` print `Unexpected` with its
    // `Display`, whose `Float` arm links in Rust's float formatting. `Shown` prints the same
    // words, numbers through JS.
    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error::new(format_args!("invalid type: {}, expected {}", Shown(unexp), exp))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error::new(format_args!("invalid value: {}, expected {}", Shown(unexp), exp))
    }
}

/// `Unexpected` as serde's `Display` spells it, with floats spelled by JS's `String()`.
struct Shown<'a>(Unexpected<'a>);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        #[wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(js_name = String)]
            fn number_string(value: f64) -> String;
        }

        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{}`", b),
            Unexpected::Unsigned(i) => write!(f, "integer `{}`", i),
            Unexpected::Signed(i) => write!(f, "integer `{}`", i),
            Unexpected::Float(v) => write!(f, "number {}", number_string(v)),
            Unexpected::Char(c) => write!(f, "character `{}`", c),
            Unexpected::Str(s) => write!(f, "string \"{}\"", s),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

/// This conversion is needed for `?` to just work when using wasm-bindgen
/// imports that return JavaScript exceptions as `Result<T, JsValue>`.
impl From<JsValue> for Error {
    fn from(error: JsValue) -> Error {
        Error(error)
    }
}

// This conversion is needed for `?` to just work in wasm-bindgen exports
// that return `Result<T, JsValue>` to throw JavaScript exceptions.
impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        error.0
    }
}
