//! The pickle codec fail2ban's socket speaks: a bounded decoder for protocols 0–5
//! and an encoder for request lists. It knows nothing about sockets or commands,
//! never executes anything a pickle names, and never panics on any input.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::{Error, Result};

/// The bytes that end every request and reply on fail2ban's socket.
pub const END_COMMAND: &[u8] = b"<F2B_END_COMMAND>";
/// Sent (followed by [`END_COMMAND`]) to ask the server to close the connection.
pub const CLOSE_COMMAND: &[u8] = b"<F2B_CLOSE_COMMAND>";

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
        let mut carry = true;
        for b in &mut mag {
            *b = !*b;
            if carry {
                let (v, c) = b.overflowing_add(1);
                *b = v;
                carry = c;
            }
        }
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

/// Bounds that keep a hostile or corrupt reply from exhausting memory or stack.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of containers and objects.
    pub max_depth: usize,
    /// Most distinct memo slots.
    pub max_memo: usize,
    /// Most values created in total, counting every value copied out of the memo.
    /// The effective budget is also capped at `2 * input length + 1024`.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // fail2ban replies nest about six levels deep; 200 leaves room while
        // keeping recursive drops and conversions far from the thread's stack limit.
        Limits {
            max_depth: 200,
            max_memo: 1 << 22,
            max_nodes: 1 << 26,
        }
    }
}

/// Decode one pickle with the default [`Limits`]. Bytes after `STOP` are
/// ignored, as Python's `pickle.loads` does.
pub fn decode(data: &[u8]) -> Result<Value> {
    decode_with(data, Limits::default())
}

/// Decode one pickle with explicit limits.
pub fn decode_with(data: &[u8], limits: Limits) -> Result<Value> {
    // A first pass finds which memo slots are ever read. Storing only those
    // avoids copying every memoised container (fail2ban memoises each level of
    // its reply, so a large ban list would otherwise be copied several times).
    let wanted = referenced_memo_slots(data)?;
    let budget = limits
        .max_nodes
        .min(data.len().saturating_mul(2).saturating_add(1024));
    Decoder {
        r: Reader { data, pos: 0 },
        stack: Vec::new(),
        marks: Vec::new(),
        memo: HashMap::new(),
        assigned: HashSet::new(),
        wanted,
        limits,
        budget,
    }
    .run()
}

fn protocol_error(msg: impl std::fmt::Display, at: usize) -> Error {
    Error::Protocol(format!("bad pickle at byte {at}: {msg}"))
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn err(&self, msg: impl std::fmt::Display) -> Error {
        protocol_error(msg, self.pos)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// `n` bytes, checked against what is left before anything is allocated.
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        match rest.get(..n) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(self.err(format!(
                "needs {n} bytes, only {} left (truncated?)",
                rest.len()
            ))),
        }
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn len_u32(&mut self) -> Result<usize> {
        Ok(u32::from_le_bytes(self.array()?) as usize)
    }

    fn len_u64(&mut self) -> Result<usize> {
        let n = u64::from_le_bytes(self.array()?);
        usize::try_from(n).map_err(|_| self.err("length does not fit in memory"))
    }

    /// A protocol-0 argument: everything up to the next newline.
    fn line(&mut self) -> Result<&'a [u8]> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        match rest.iter().position(|&b| b == b'\n') {
            Some(i) => {
                self.pos += i + 1;
                Ok(&rest[..i])
            }
            None => Err(self.err("unterminated text argument")),
        }
    }
}

mod op {
    pub const MARK: u8 = b'(';
    pub const STOP: u8 = b'.';
    pub const POP: u8 = b'0';
    pub const POP_MARK: u8 = b'1';
    pub const DUP: u8 = b'2';
    pub const FLOAT: u8 = b'F';
    pub const INT: u8 = b'I';
    pub const BININT: u8 = b'J';
    pub const BININT1: u8 = b'K';
    pub const LONG: u8 = b'L';
    pub const BININT2: u8 = b'M';
    pub const NONE: u8 = b'N';
    pub const REDUCE: u8 = b'R';
    pub const STRING: u8 = b'S';
    pub const BINSTRING: u8 = b'T';
    pub const SHORT_BINSTRING: u8 = b'U';
    pub const UNICODE: u8 = b'V';
    pub const BINUNICODE: u8 = b'X';
    pub const APPEND: u8 = b'a';
    pub const BUILD: u8 = b'b';
    pub const GLOBAL: u8 = b'c';
    pub const DICT: u8 = b'd';
    pub const EMPTY_DICT: u8 = b'}';
    pub const APPENDS: u8 = b'e';
    pub const GET: u8 = b'g';
    pub const BINGET: u8 = b'h';
    pub const LONG_BINGET: u8 = b'j';
    pub const LIST: u8 = b'l';
    pub const EMPTY_LIST: u8 = b']';
    pub const PUT: u8 = b'p';
    pub const BINPUT: u8 = b'q';
    pub const LONG_BINPUT: u8 = b'r';
    pub const SETITEM: u8 = b's';
    pub const TUPLE: u8 = b't';
    pub const EMPTY_TUPLE: u8 = b')';
    pub const SETITEMS: u8 = b'u';
    pub const BINFLOAT: u8 = b'G';
    pub const PROTO: u8 = 0x80;
    pub const NEWOBJ: u8 = 0x81;
    pub const TUPLE1: u8 = 0x85;
    pub const TUPLE2: u8 = 0x86;
    pub const TUPLE3: u8 = 0x87;
    pub const NEWTRUE: u8 = 0x88;
    pub const NEWFALSE: u8 = 0x89;
    pub const LONG1: u8 = 0x8a;
    pub const LONG4: u8 = 0x8b;
    pub const BINBYTES: u8 = b'B';
    pub const SHORT_BINBYTES: u8 = b'C';
    pub const SHORT_BINUNICODE: u8 = 0x8c;
    pub const BINUNICODE8: u8 = 0x8d;
    pub const BINBYTES8: u8 = 0x8e;
    pub const EMPTY_SET: u8 = 0x8f;
    pub const ADDITEMS: u8 = 0x90;
    pub const FROZENSET: u8 = 0x91;
    pub const STACK_GLOBAL: u8 = 0x93;
    pub const MEMOIZE: u8 = 0x94;
    pub const FRAME: u8 = 0x95;
    pub const BYTEARRAY8: u8 = 0x96;
}

/// Skip the argument of `opcode`; `Ok(false)` for an opcode this codec does not know.
/// Shared by the pre-pass so both passes agree on where each opcode ends.
fn skip_arg(r: &mut Reader<'_>, opcode: u8) -> Result<bool> {
    use op::*;
    match opcode {
        MARK | STOP | POP | POP_MARK | DUP | NONE | REDUCE | APPEND | BUILD | DICT | EMPTY_DICT
        | APPENDS | LIST | EMPTY_LIST | SETITEM | TUPLE | EMPTY_TUPLE | SETITEMS | NEWOBJ
        | TUPLE1 | TUPLE2 | TUPLE3 | NEWTRUE | NEWFALSE | EMPTY_SET | ADDITEMS | FROZENSET
        | STACK_GLOBAL | MEMOIZE => {}
        FLOAT | INT | LONG | STRING | UNICODE | GET | PUT => {
            r.line()?;
        }
        GLOBAL => {
            r.line()?;
            r.line()?;
        }
        BININT1 | BINGET | BINPUT | PROTO => {
            r.take(1)?;
        }
        BININT2 => {
            r.take(2)?;
        }
        BININT | LONG_BINGET | LONG_BINPUT => {
            r.take(4)?;
        }
        BINFLOAT | FRAME => {
            r.take(8)?;
        }
        LONG1 | SHORT_BINSTRING | SHORT_BINBYTES | SHORT_BINUNICODE => {
            let n = usize::from(r.u8()?);
            r.take(n)?;
        }
        LONG4 | BINSTRING | BINUNICODE | BINBYTES => {
            let n = r.len_u32()?;
            r.take(n)?;
        }
        BINUNICODE8 | BINBYTES8 | BYTEARRAY8 => {
            let n = r.len_u64()?;
            r.take(n)?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn referenced_memo_slots(data: &[u8]) -> Result<HashSet<u64>> {
    let mut r = Reader { data, pos: 0 };
    let mut wanted = HashSet::new();
    while !r.at_end() {
        let opcode = r.u8()?;
        match opcode {
            op::GET => {
                let line = r.line()?;
                if let Some(i) = parse_ascii::<u64>(line) {
                    wanted.insert(i);
                }
            }
            op::BINGET => {
                wanted.insert(u64::from(r.u8()?));
            }
            op::LONG_BINGET => {
                wanted.insert(u64::from(u32::from_le_bytes(r.array()?)));
            }
            op::STOP => break,
            other => {
                if !skip_arg(&mut r, other)? {
                    // The main pass reports the unknown opcode with its position.
                    break;
                }
            }
        }
    }
    Ok(wanted)
}

fn parse_ascii<T: std::str::FromStr>(b: &[u8]) -> Option<T> {
    std::str::from_utf8(b).ok()?.trim().parse().ok()
}

/// A stack entry with the nesting depth of its value, so depth is checked in
/// O(1) whenever a value goes into a container.
struct Item {
    v: Value,
    depth: usize,
}

struct MemoEntry {
    v: Value,
    depth: usize,
    nodes: usize,
}

struct Decoder<'a> {
    r: Reader<'a>,
    stack: Vec<Item>,
    /// Stack lengths at each MARK (CPython's "metastack").
    marks: Vec<usize>,
    memo: HashMap<u64, MemoEntry>,
    /// Every slot ever written, stored or not, so MEMOIZE numbers slots as Python does.
    assigned: HashSet<u64>,
    wanted: HashSet<u64>,
    limits: Limits,
    budget: usize,
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::List(x) | Value::Tuple(x) | Value::Set(x) => x.iter().map(count_nodes).sum(),
        Value::Dict(kv) => kv
            .iter()
            .map(|(k, v)| count_nodes(k) + count_nodes(v))
            .sum(),
        Value::Object { args, state, .. } => {
            args.iter().map(count_nodes).sum::<usize>() + state.as_deref().map_or(0, count_nodes)
        }
        _ => 0,
    }
}

impl Decoder<'_> {
    fn err(&self, msg: impl std::fmt::Display) -> Error {
        // The opcode just read sits one byte before the reader position at worst;
        // the reader position is close enough to find the spot in a hex dump.
        self.r.err(msg)
    }

    fn spend(&mut self, nodes: usize) -> Result<()> {
        match self.budget.checked_sub(nodes) {
            Some(left) => {
                self.budget = left;
                Ok(())
            }
            None => Err(self.err("too many values (decode limit)")),
        }
    }

    fn push(&mut self, v: Value, depth: usize) -> Result<()> {
        if depth > self.limits.max_depth {
            return Err(self.err(format!(
                "nested deeper than {} levels",
                self.limits.max_depth
            )));
        }
        self.spend(1)?;
        self.stack.push(Item { v, depth });
        Ok(())
    }

    fn push_leaf(&mut self, v: Value) -> Result<()> {
        self.push(v, 1)
    }

    fn floor(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn pop(&mut self) -> Result<Item> {
        if self.stack.len() <= self.floor() {
            return Err(self.err("stack underflow"));
        }
        self.stack.pop().ok_or_else(|| self.err("stack underflow"))
    }

    fn top_mut(&mut self) -> Result<&mut Item> {
        if self.stack.len() <= self.floor() {
            return Err(self.err("stack underflow"));
        }
        let at = self.r.pos;
        self.stack
            .last_mut()
            .ok_or_else(|| protocol_error("stack underflow", at))
    }

    /// The items pushed since the last MARK, removing the mark.
    fn pop_mark(&mut self) -> Result<Vec<Item>> {
        let m = self
            .marks
            .pop()
            .ok_or_else(|| self.err("no MARK on the stack"))?;
        if m > self.stack.len() {
            return Err(self.err("MARK above the stack top"));
        }
        Ok(self.stack.split_off(m))
    }

    fn depth_of(items: &[Item]) -> usize {
        items.iter().map(|i| i.depth).max().unwrap_or(0) + 1
    }

    fn push_container(&mut self, items: Vec<Item>, make: fn(Vec<Value>) -> Value) -> Result<()> {
        let depth = Self::depth_of(&items);
        self.push(make(items.into_iter().map(|i| i.v).collect()), depth)
    }

    fn memo_put(&mut self, idx: u64) -> Result<()> {
        if !self.assigned.contains(&idx) && self.assigned.len() >= self.limits.max_memo {
            return Err(self.err("memo too large"));
        }
        self.assigned.insert(idx);
        if !self.wanted.contains(&idx) {
            return Ok(());
        }
        let at = self.r.pos;
        let top = self
            .stack
            .last()
            .ok_or_else(|| protocol_error("memoising an empty stack", at))?;
        let nodes = count_nodes(&top.v);
        let entry = MemoEntry {
            v: top.v.clone(),
            depth: top.depth,
            nodes,
        };
        self.spend(nodes)?;
        self.memo.insert(idx, entry);
        Ok(())
    }

    fn memo_get(&mut self, idx: u64) -> Result<()> {
        let (v, depth, nodes) = match self.memo.get(&idx) {
            Some(e) => (e.v.clone(), e.depth, e.nodes),
            None => return Err(self.err(format!("memo slot {idx} is empty"))),
        };
        // push() spends one node; the clone's remaining nodes are paid here.
        self.spend(nodes.saturating_sub(1))?;
        self.push(v, depth)
    }

    fn text_str(&self, b: &[u8]) -> Result<String> {
        String::from_utf8(b.to_vec()).map_err(|_| self.err("non-UTF-8 name"))
    }

    fn push_int_text(&mut self, line: &[u8]) -> Result<()> {
        let t = std::str::from_utf8(line)
            .map_err(|_| self.err("non-ASCII integer"))?
            .trim();
        let t = t.strip_suffix('L').unwrap_or(t);
        if let Ok(i) = t.parse::<i64>() {
            return self.push_leaf(Value::Int(i));
        }
        let v = decimal_to_bigint(t).ok_or_else(|| self.err(format!("bad integer {t:?}")))?;
        self.push_leaf(v)
    }

    fn run(mut self) -> Result<Value> {
        use op::*;
        loop {
            if self.r.at_end() {
                return Err(self.err("pickle ends without STOP (truncated?)"));
            }
            let opcode = self.r.u8()?;
            match opcode {
                PROTO => {
                    let p = self.r.u8()?;
                    if p > 5 {
                        return Err(self.err(format!("unsupported pickle protocol {p}")));
                    }
                }
                FRAME => {
                    // Frames only help buffered readers; the whole reply is in memory.
                    self.r.take(8)?;
                }
                STOP => {
                    return self
                        .stack
                        .pop()
                        .map(|i| i.v)
                        .ok_or_else(|| self.err("STOP with an empty stack"));
                }
                MARK => {
                    if self.marks.len() >= self.limits.max_depth {
                        return Err(self.err("too many nested MARKs"));
                    }
                    self.marks.push(self.stack.len());
                }
                POP => {
                    if self.stack.len() > self.floor() {
                        self.stack.pop();
                    } else if self.marks.pop().is_none() {
                        return Err(self.err("POP on an empty stack"));
                    }
                }
                POP_MARK => {
                    self.pop_mark()?;
                }
                DUP => {
                    let top = self.top_mut()?;
                    let (v, depth) = (top.v.clone(), top.depth);
                    let nodes = count_nodes(&v);
                    self.spend(nodes.saturating_sub(1))?;
                    self.push(v, depth)?;
                }
                NONE => self.push_leaf(Value::None)?,
                NEWTRUE => self.push_leaf(Value::Bool(true))?,
                NEWFALSE => self.push_leaf(Value::Bool(false))?,
                INT => {
                    let line = self.r.line()?;
                    // Protocol 0 writes booleans as INT 01 / 00.
                    match line {
                        b"01" => self.push_leaf(Value::Bool(true))?,
                        b"00" => self.push_leaf(Value::Bool(false))?,
                        _ => self.push_int_text(line)?,
                    }
                }
                LONG => {
                    let line = self.r.line()?;
                    self.push_int_text(line)?;
                }
                BININT => {
                    let v = i32::from_le_bytes(self.r.array()?);
                    self.push_leaf(Value::Int(i64::from(v)))?;
                }
                BININT1 => {
                    let v = self.r.u8()?;
                    self.push_leaf(Value::Int(i64::from(v)))?;
                }
                BININT2 => {
                    let v = u16::from_le_bytes(self.r.array()?);
                    self.push_leaf(Value::Int(i64::from(v)))?;
                }
                LONG1 => {
                    let n = usize::from(self.r.u8()?);
                    let b = self.r.take(n)?;
                    self.push_leaf(long_from_le(b))?;
                }
                LONG4 => {
                    let n = self.r.len_u32()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(long_from_le(b))?;
                }
                FLOAT => {
                    let line = self.r.line()?;
                    let f = parse_ascii::<f64>(line).ok_or_else(|| self.err("bad float"))?;
                    self.push_leaf(Value::Float(f))?;
                }
                BINFLOAT => {
                    let f = f64::from_be_bytes(self.r.array()?);
                    self.push_leaf(Value::Float(f))?;
                }
                SHORT_BINUNICODE => {
                    let n = usize::from(self.r.u8()?);
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Str(utf8_lossy(b)))?;
                }
                BINUNICODE => {
                    let n = self.r.len_u32()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Str(utf8_lossy(b)))?;
                }
                BINUNICODE8 => {
                    let n = self.r.len_u64()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Str(utf8_lossy(b)))?;
                }
                UNICODE => {
                    let line = self.r.line()?;
                    self.push_leaf(Value::Str(raw_unicode_escape(line)))?;
                }
                SHORT_BINBYTES => {
                    let n = usize::from(self.r.u8()?);
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Bytes(b.to_vec()))?;
                }
                BINBYTES => {
                    let n = self.r.len_u32()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Bytes(b.to_vec()))?;
                }
                BINBYTES8 | BYTEARRAY8 => {
                    let n = self.r.len_u64()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(Value::Bytes(b.to_vec()))?;
                }
                SHORT_BINSTRING => {
                    let n = usize::from(self.r.u8()?);
                    let b = self.r.take(n)?;
                    self.push_leaf(py2_string(b.to_vec()))?;
                }
                BINSTRING => {
                    let n = self.r.len_u32()?;
                    let b = self.r.take(n)?;
                    self.push_leaf(py2_string(b.to_vec()))?;
                }
                STRING => {
                    let line = self.r.line()?;
                    let b = unquote_string(line).ok_or_else(|| self.err("bad STRING quoting"))?;
                    self.push_leaf(py2_string(b))?;
                }
                EMPTY_LIST => self.push_leaf(Value::List(Vec::new()))?,
                EMPTY_TUPLE => self.push_leaf(Value::Tuple(Vec::new()))?,
                EMPTY_DICT => self.push_leaf(Value::Dict(Vec::new()))?,
                EMPTY_SET => self.push_leaf(Value::Set(Vec::new()))?,
                LIST => {
                    let items = self.pop_mark()?;
                    self.push_container(items, Value::List)?;
                }
                TUPLE => {
                    let items = self.pop_mark()?;
                    self.push_container(items, Value::Tuple)?;
                }
                FROZENSET => {
                    let items = self.pop_mark()?;
                    self.push_container(items, Value::Set)?;
                }
                TUPLE1 | TUPLE2 | TUPLE3 => {
                    let n = usize::from(opcode - TUPLE1 + 1);
                    if self.stack.len() < self.floor() + n {
                        return Err(self.err("stack underflow"));
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    self.push_container(items, Value::Tuple)?;
                }
                DICT => {
                    let items = self.pop_mark()?;
                    let depth = Self::depth_of(&items);
                    let pairs = self.pairs(items)?;
                    self.push(Value::Dict(pairs), depth)?;
                }
                APPEND => {
                    let item = self.pop()?;
                    self.extend_top(vec![item])?;
                }
                APPENDS | ADDITEMS => {
                    let items = self.pop_mark()?;
                    self.extend_top(items)?;
                }
                SETITEM => {
                    let v = self.pop()?;
                    let k = self.pop()?;
                    self.set_items(vec![k, v])?;
                }
                SETITEMS => {
                    let items = self.pop_mark()?;
                    self.set_items(items)?;
                }
                GLOBAL => {
                    let module = self.r.line()?;
                    let name = self.r.line()?;
                    let (module, name) = (self.text_str(module)?, self.text_str(name)?);
                    self.push_leaf(Value::Global { module, name })?;
                }
                STACK_GLOBAL => {
                    let name = self.pop()?.v;
                    let module = self.pop()?.v;
                    match (module, name) {
                        (Value::Str(module), Value::Str(name)) => {
                            self.push_leaf(Value::Global { module, name })?
                        }
                        _ => return Err(self.err("STACK_GLOBAL needs two strings")),
                    }
                }
                REDUCE | NEWOBJ => {
                    let args = self.pop()?;
                    let callable = self.pop()?;
                    let depth = args.depth.max(callable.depth) + 1;
                    let args = match args.v {
                        Value::Tuple(a) => a,
                        other => {
                            return Err(self.err(format!(
                                "REDUCE/NEWOBJ arguments are a {}, not a tuple",
                                other.type_name()
                            )));
                        }
                    };
                    match callable.v {
                        Value::Global { module, name } => self.push(
                            Value::Object {
                                module,
                                name,
                                args,
                                state: None,
                            },
                            depth,
                        )?,
                        other => {
                            return Err(self.err(format!(
                                "REDUCE/NEWOBJ of a {}, not a global",
                                other.type_name()
                            )));
                        }
                    }
                }
                BUILD => {
                    let state = self.pop()?;
                    let max_depth = self.limits.max_depth;
                    let at = self.r.pos;
                    let top = self.top_mut()?;
                    let depth = top.depth.max(state.depth + 1);
                    if depth > max_depth {
                        return Err(protocol_error(
                            format!("nested deeper than {max_depth} levels"),
                            at,
                        ));
                    }
                    match &mut top.v {
                        Value::Object { state: s, .. } => {
                            *s = Some(Box::new(state.v));
                            top.depth = depth;
                        }
                        other => {
                            return Err(protocol_error(
                                format!("BUILD on a {}, not an object", other.type_name()),
                                at,
                            ));
                        }
                    }
                }
                PUT => {
                    let line = self.r.line()?;
                    let idx = parse_ascii::<u64>(line).ok_or_else(|| self.err("bad PUT index"))?;
                    self.memo_put(idx)?;
                }
                BINPUT => {
                    let idx = u64::from(self.r.u8()?);
                    self.memo_put(idx)?;
                }
                LONG_BINPUT => {
                    let idx = u64::from(u32::from_le_bytes(self.r.array()?));
                    self.memo_put(idx)?;
                }
                MEMOIZE => {
                    let idx = self.assigned.len() as u64;
                    self.memo_put(idx)?;
                }
                GET => {
                    let line = self.r.line()?;
                    let idx = parse_ascii::<u64>(line).ok_or_else(|| self.err("bad GET index"))?;
                    self.memo_get(idx)?;
                }
                BINGET => {
                    let idx = u64::from(self.r.u8()?);
                    self.memo_get(idx)?;
                }
                LONG_BINGET => {
                    let idx = u64::from(u32::from_le_bytes(self.r.array()?));
                    self.memo_get(idx)?;
                }
                other => {
                    return Err(protocol_error(
                        format!("unsupported opcode 0x{other:02x}"),
                        self.r.pos - 1,
                    ));
                }
            }
        }
    }

    fn pairs(&self, items: Vec<Item>) -> Result<Vec<(Value, Value)>> {
        if !items.len().is_multiple_of(2) {
            return Err(self.err("odd number of dict items"));
        }
        let mut out = Vec::with_capacity(items.len() / 2);
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            out.push((k.v, v.v));
        }
        Ok(out)
    }

    fn extend_top(&mut self, items: Vec<Item>) -> Result<()> {
        let child_depth = Self::depth_of(&items);
        let max_depth = self.limits.max_depth;
        let at = self.r.pos;
        let top = self.top_mut()?;
        let depth = top.depth.max(child_depth);
        if depth > max_depth {
            return Err(protocol_error(
                format!("nested deeper than {max_depth} levels"),
                at,
            ));
        }
        match &mut top.v {
            Value::List(v) | Value::Set(v) => v.extend(items.into_iter().map(|i| i.v)),
            other => {
                return Err(protocol_error(
                    format!("APPEND/ADDITEMS to a {}", other.type_name()),
                    at,
                ));
            }
        }
        top.depth = depth;
        Ok(())
    }

    fn set_items(&mut self, items: Vec<Item>) -> Result<()> {
        let child_depth = Self::depth_of(&items);
        let pairs = self.pairs(items)?;
        let max_depth = self.limits.max_depth;
        let at = self.r.pos;
        let top = self.top_mut()?;
        let depth = top.depth.max(child_depth);
        if depth > max_depth {
            return Err(protocol_error(
                format!("nested deeper than {max_depth} levels"),
                at,
            ));
        }
        match &mut top.v {
            Value::Dict(kv) => kv.extend(pairs),
            other => {
                return Err(protocol_error(
                    format!("SETITEM on a {}", other.type_name()),
                    at,
                ));
            }
        }
        top.depth = depth;
        Ok(())
    }
}

fn utf8_lossy(b: &[u8]) -> String {
    // Python pickles lone surrogates (from undecodable log lines) with
    // "surrogatepass"; one odd character must not make a whole reply unreadable.
    String::from_utf8_lossy(b).into_owned()
}

/// Python 2 `str` data: text when it is UTF-8 (Python 3 reads it as ASCII by default).
fn py2_string(b: Vec<u8>) -> Value {
    match String::from_utf8(b) {
        Ok(s) => Value::Str(s),
        Err(e) => Value::Bytes(e.into_bytes()),
    }
}

fn long_from_le(b: &[u8]) -> Value {
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

fn decimal_to_bigint(t: &str) -> Option<Value> {
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
        let mut carry = true;
        for b in &mut mag {
            *b = !*b;
            if carry {
                let (v, c) = b.overflowing_add(1);
                *b = v;
                carry = c;
            }
        }
    }
    Some(long_from_le(&mag))
}

/// Protocol 0 `UNICODE`: latin-1 bytes with `\uXXXX` / `\UXXXXXXXX` escapes.
fn raw_unicode_escape(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() && (b[i + 1] == b'u' || b[i + 1] == b'U') {
            let n = if b[i + 1] == b'u' { 4 } else { 8 };
            if let Some(c) = b
                .get(i + 2..i + 2 + n)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                out.push(c);
                i += 2 + n;
                continue;
            }
        }
        out.push(char::from(b[i]));
        i += 1;
    }
    out
}

/// Protocol 0 `STRING`: a Python 2 repr, quoted with ' or ", with backslash escapes.
fn unquote_string(line: &[u8]) -> Option<Vec<u8>> {
    let q = *line.first()?;
    if (q != b'\'' && q != b'"') || line.len() < 2 || *line.last()? != q {
        return None;
    }
    let body = &line[1..line.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != b'\\' || i + 1 >= body.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = body[i + 1];
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut k = 0;
                while k < 2 && i < body.len() && (b'0'..=b'7').contains(&body[i]) {
                    v = v * 8 + u32::from(body[i] - b'0');
                    i += 1;
                    k += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let h = body.get(i..i + 2)?;
                let v = u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()?;
                out.push(v);
                i += 2;
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Some(out)
}

/// One item of a request. fail2ban converts strings to numbers itself where it
/// needs them, so `Str` is almost always what a caller wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Arg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

impl From<i64> for Arg {
    fn from(i: i64) -> Self {
        Arg::Int(i)
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Self {
        Arg::Bool(b)
    }
}

/// Pickle a request list (protocol 3). Refuses any request whose bytes would
/// contain the end marker: fail2ban splits requests on it, so the tail would
/// run as a second, garbled command.
pub fn encode_request(args: &[Arg]) -> Result<Vec<u8>> {
    let mut out = vec![op::PROTO, 3];
    encode_list(args, &mut out);
    out.push(op::STOP);
    if contains(&out, END_COMMAND) {
        return Err(Error::bad_input(format!(
            "a fail2ban command argument must not contain {}",
            String::from_utf8_lossy(END_COMMAND)
        )));
    }
    Ok(out)
}

fn encode_list(items: &[Arg], out: &mut Vec<u8>) {
    out.push(op::EMPTY_LIST);
    if items.is_empty() {
        return;
    }
    out.push(op::MARK);
    for a in items {
        encode_arg(a, out);
    }
    out.push(op::APPENDS);
}

fn encode_arg(a: &Arg, out: &mut Vec<u8>) {
    match a {
        Arg::Str(s) => {
            match u32::try_from(s.len()) {
                Ok(n) => {
                    out.push(op::BINUNICODE);
                    out.extend_from_slice(&n.to_le_bytes());
                }
                Err(_) => {
                    out.push(op::BINUNICODE8);
                    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
                }
            }
            out.extend_from_slice(s.as_bytes());
        }
        Arg::Int(i) => match i32::try_from(*i) {
            Ok(small) => {
                out.push(op::BININT);
                out.extend_from_slice(&small.to_le_bytes());
            }
            Err(_) => {
                out.push(op::LONG1);
                out.push(8);
                out.extend_from_slice(&i.to_le_bytes());
            }
        },
        Arg::Bool(true) => out.push(op::NEWTRUE),
        Arg::Bool(false) => out.push(op::NEWFALSE),
        Arg::List(items) => encode_list(items, out),
    }
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests;
