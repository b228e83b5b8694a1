//! The decoded pickle value, its accessors and JSON/repr views, and the number
//! and text conversions that build values from raw pickle bytes.

use std::fmt::Write as _;

/// A decoded pickle value. Globals are never resolved: `REDUCE`/`NEWOBJ` of a
/// global become an [`Value::Object`] that records the class and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An integer that does not fit `i64`: little-endian two's complement, as in
    /// the `LONG1`/`LONG4` opcodes.
    BigInt(Vec<u8>),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    /// Insertion order; duplicate keys are kept, the last one wins (as in Python).
    Dict(Vec<(Value, Value)>),
    Set(Vec<Value>),
    Global {
        module: String,
        name: String,
    },
    Object {
        module: String,
        name: String,
        args: Vec<Value>,
        state: Option<Box<Value>>,
    },
}

impl Value {
    /// The string, also when fail2ban wrapped it as `builtins.str(...)` (how it
    /// pickles its `IPAddr` objects).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            Value::Object {
                module, name, args, ..
            } if module == "builtins" && name == "str" => match args.as_slice() {
                [Value::Str(s)] => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The integer; `True`/`False` count as 1/0 because Python treats them so.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            _ => None,
        }
    }

    /// The items of a list or a tuple (fail2ban uses both for sequences).
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(v) | Value::Tuple(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// A short name of the variant, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "None",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Global { .. } => "global",
            Value::Object { .. } => "object",
        }
    }

    /// A Python-like rendering, for error messages and logs.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        fn seq(out: &mut String, open: &str, items: &[Value], close: &str) {
            out.push_str(open);
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                v.write_repr(out);
            }
            out.push_str(close);
        }
        match self {
            Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => out.push_str(&bigint_to_decimal(b)),
            Value::Float(f) => {
                let _ = write!(out, "{f:?}");
            }
            Value::Str(s) => {
                let _ = write!(out, "{s:?}");
            }
            Value::Bytes(b) => {
                let _ = write!(out, "b{:?}", String::from_utf8_lossy(b));
            }
            Value::List(v) => seq(out, "[", v, "]"),
            Value::Tuple(v) if v.len() == 1 => seq(out, "(", v, ",)"),
            Value::Tuple(v) => seq(out, "(", v, ")"),
            Value::Set(v) => seq(out, "{", v, "}"),
            Value::Dict(kv) => {
                out.push('{');
                for (i, (k, v)) in kv.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out);
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            Value::Global { module, name } => {
                let _ = write!(out, "{module}.{name}");
            }
            Value::Object {
                module, name, args, ..
            } => {
                let _ = write!(out, "{module}.{name}");
                seq(out, "(", args, ")");
            }
        }
    }

    /// A JSON rendering for output such as `jail get`. `builtins.str` objects
    /// become plain strings; other objects become
    /// `{"__class__": "module.Name", "args": [...], "state": ...}`; integers too
    /// large for `i64` become decimal strings so no precision is lost.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::None => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::BigInt(b) => J::String(bigint_to_decimal(b)),
            Value::Float(f) => match serde_json::Number::from_f64(*f) {
                Some(n) => J::Number(n),
                // JSON has no NaN/inf; a string keeps the information.
                None => J::String(format!("{f}")),
            },
            Value::Str(s) => J::String(s.clone()),
            Value::Bytes(b) => match std::str::from_utf8(b) {
                Ok(s) => J::String(s.to_owned()),
                Err(_) => J::Array(b.iter().map(|x| J::from(*x)).collect()),
            },
            Value::List(v) | Value::Tuple(v) | Value::Set(v) => {
                J::Array(v.iter().map(Value::to_json).collect())
            }
            Value::Dict(kv) => {
                let keys: Option<Vec<String>> = kv
                    .iter()
                    .map(|(k, _)| match k {
                        Value::Int(i) => Some(i.to_string()),
                        other => other.as_str().map(str::to_owned),
                    })
                    .collect();
                match keys {
                    Some(keys) => J::Object(
                        keys.into_iter()
                            .zip(kv.iter().map(|(_, v)| v.to_json()))
                            .collect(),
                    ),
                    None => J::Array(
                        kv.iter()
                            .map(|(k, v)| J::Array(vec![k.to_json(), v.to_json()]))
                            .collect(),
                    ),
                }
            }
            Value::Global { module, name } => J::String(format!("{module}.{name}")),
            obj @ Value::Object {
                module,
                name,
                args,
                state,
            } => match obj.as_str() {
                Some(s) => J::String(s.to_owned()),
                None => {
                    let mut m = serde_json::Map::new();
                    m.insert("__class__".into(), J::String(format!("{module}.{name}")));
                    m.insert(
                        "args".into(),
                        J::Array(args.iter().map(Value::to_json).collect()),
                    );
                    m.insert(
                        "state".into(),
                        state.as_ref().map_or(J::Null, |s| s.to_json()),
                    );
                    J::Object(m)
                }
            },
        }
    }
}

/// Two's complement negation of a little-endian number, in place.
fn negate(le: &mut [u8]) {
    let mut carry = true;
    for b in le {
        *b = !*b;
        if carry {
            let (v, c) = b.overflowing_add(1);
            *b = v;
            carry = c;
        }
    }
}

/// Little-endian two's complement bytes as a decimal string. Long inputs are
/// shown as hex instead: decimal conversion is quadratic.
fn bigint_to_decimal(le: &[u8]) -> String {
    if le.is_empty() {
        return "0".into();
    }
    if le.len() > 256 {
        let hex: String = le.iter().rev().map(|b| format!("{b:02x}")).collect();
        return format!("0x{hex} (two's complement)");
    }
    let negative = le.last().is_some_and(|b| b & 0x80 != 0);
    // Magnitude, little-endian.
    let mut mag: Vec<u8> = le.to_vec();
    if negative {
        negate(&mut mag);
    }
    let mut digits = Vec::new();
    while mag.iter().any(|&b| b != 0) {
        let mut rem: u32 = 0;
        for b in mag.iter_mut().rev() {
            let cur = (rem << 8) | u32::from(*b);
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    if negative {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8_lossy(&digits).into_owned()
}

pub(super) fn utf8_lossy(b: &[u8]) -> String {
    // Python pickles lone surrogates (from undecodable log lines) with
    // "surrogatepass"; one odd character must not make a whole reply unreadable.
    String::from_utf8_lossy(b).into_owned()
}

/// Python 2 `str` data: text when it is UTF-8 (Python 3 reads it as ASCII by default).
pub(super) fn py2_string(b: Vec<u8>) -> Value {
    match String::from_utf8(b) {
        Ok(s) => Value::Str(s),
        Err(e) => Value::Bytes(e.into_bytes()),
    }
}

pub(super) fn long_from_le(b: &[u8]) -> Value {
    if b.is_empty() {
        return Value::Int(0);
    }
    if b.len() <= 8 {
        let fill = if b[b.len() - 1] & 0x80 != 0 { 0xff } else { 0 };
        let mut a = [fill; 8];
        a[..b.len()].copy_from_slice(b);
        return Value::Int(i64::from_le_bytes(a));
    }
    // Longer encodings may still be small numbers with redundant sign bytes.
    let fill = if b[b.len() - 1] & 0x80 != 0 { 0xff } else { 0 };
    let (low, high) = b.split_at(8);
    if high.iter().all(|&x| x == fill) && (low[7] & 0x80 != 0) == (fill == 0xff) {
        let mut a = [0u8; 8];
        a.copy_from_slice(low);
        return Value::Int(i64::from_le_bytes(a));
    }
    Value::BigInt(b.to_vec())
}

/// Python refuses to convert integers longer than this many digits from text
/// (`sys.int_info.default_max_str_digits`); the conversion below is quadratic.
const MAX_DECIMAL_DIGITS: usize = 4300;

pub(super) fn decimal_to_bigint(t: &str) -> Option<Value> {
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || digits.len() > MAX_DECIMAL_DIGITS {
        return None;
    }
    let mut mag: Vec<u8> = vec![0];
    for c in digits.bytes() {
        if !c.is_ascii_digit() {
            return None;
        }
        let mut carry = u32::from(c - b'0');
        for b in &mut mag {
            let cur = u32::from(*b) * 10 + carry;
            *b = (cur & 0xff) as u8;
            carry = cur >> 8;
        }
        while carry > 0 {
            mag.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    // Room for the sign bit.
    mag.push(0);
    if neg {
        negate(&mut mag);
    }
    Some(long_from_le(&mag))
}
