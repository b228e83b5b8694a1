//! The pickler for request lists: protocol 3, strings, integers, booleans and
//! nested lists only.

use super::{END_COMMAND, op};
use crate::{Error, Result};

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

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
