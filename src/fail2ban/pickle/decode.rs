//! The bounded unpickler: reads protocols 0–5, never resolves a global or runs
//! anything a pickle names, and never panics on any input.

use std::collections::{HashMap, HashSet};

use super::op;
use super::value::{Value, decimal_to_bigint, long_from_le, py2_string, utf8_lossy};
use crate::{Error, Result};

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

    /// The payload of a length-prefixed opcode: a one-byte length for the short
    /// forms and `LONG1`, four bytes for the 4-byte forms, eight for the rest.
    fn counted(&mut self, opcode: u8) -> Result<&'a [u8]> {
        use op::*;
        let n = match opcode {
            LONG1 | SHORT_BINSTRING | SHORT_BINBYTES | SHORT_BINUNICODE => usize::from(self.u8()?),
            LONG4 | BINSTRING | BINUNICODE | BINBYTES => self.len_u32()?,
            _ => self.len_u64()?,
        };
        self.take(n)
    }

    /// The slot a memo opcode names: text for `GET`/`PUT` (`None` when it is not
    /// a number), one byte for `BINGET`/`BINPUT`, four for the `LONG_` forms.
    fn memo_slot(&mut self, opcode: u8) -> Result<Option<u64>> {
        use op::*;
        Ok(match opcode {
            GET | PUT => parse_ascii::<u64>(self.line()?),
            BINGET | BINPUT => Some(u64::from(self.u8()?)),
            _ => Some(u64::from(u32::from_le_bytes(self.array()?))),
        })
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
        LONG1 | SHORT_BINSTRING | SHORT_BINBYTES | SHORT_BINUNICODE | LONG4 | BINSTRING
        | BINUNICODE | BINBYTES | BINUNICODE8 | BINBYTES8 | BYTEARRAY8 => {
            r.counted(opcode)?;
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
            op::GET | op::BINGET | op::LONG_BINGET => {
                if let Some(i) = r.memo_slot(opcode)? {
                    wanted.insert(i);
                }
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

    /// The stack top about to take children `child_depth` deep, with its depth
    /// after that (checked against the limit) and the reader position.
    fn top_receiving(&mut self, child_depth: usize) -> Result<(&mut Item, usize, usize)> {
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
        Ok((top, depth, at))
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
                LONG1 | LONG4 => {
                    let b = self.r.counted(opcode)?;
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
                SHORT_BINUNICODE | BINUNICODE | BINUNICODE8 => {
                    let b = self.r.counted(opcode)?;
                    self.push_leaf(Value::Str(utf8_lossy(b)))?;
                }
                UNICODE => {
                    let line = self.r.line()?;
                    self.push_leaf(Value::Str(raw_unicode_escape(line)))?;
                }
                SHORT_BINBYTES | BINBYTES | BINBYTES8 | BYTEARRAY8 => {
                    let b = self.r.counted(opcode)?;
                    self.push_leaf(Value::Bytes(b.to_vec()))?;
                }
                SHORT_BINSTRING | BINSTRING => {
                    let b = self.r.counted(opcode)?;
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
                    let (top, depth, at) = self.top_receiving(state.depth + 1)?;
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
                PUT | BINPUT | LONG_BINPUT => {
                    let slot = self.r.memo_slot(opcode)?;
                    let idx = slot.ok_or_else(|| self.err("bad PUT index"))?;
                    self.memo_put(idx)?;
                }
                MEMOIZE => {
                    let idx = self.assigned.len() as u64;
                    self.memo_put(idx)?;
                }
                GET | BINGET | LONG_BINGET => {
                    let slot = self.r.memo_slot(opcode)?;
                    let idx = slot.ok_or_else(|| self.err("bad GET index"))?;
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
        let (top, depth, at) = self.top_receiving(Self::depth_of(&items))?;
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
        let (top, depth, at) = self.top_receiving(child_depth)?;
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
