//! nftables over netlink, for the two things the `nft` program does slowly
//! on big interval sets: changing the elements of existing sets (nft reads
//! every element back first) and reading counter objects. One batch is one
//! kernel transaction: either every message applies or none does. It builds
//! bytes and talks to the kernel; it knows nothing about sources or the
//! database.

use std::io;
use std::os::fd::OwnedFd;
use std::time::Duration;

use rustix::net::{self, AddressFamily, RecvFlags, SendFlags, SocketType, netlink, sockopt};

const NFNL_SUBSYS_NFTABLES: u16 = 10;
const NFNL_MSG_BATCH_BEGIN: u16 = 16;
const NFNL_MSG_BATCH_END: u16 = 17;
const NFT_MSG_NEWSETELEM: u16 = 12;
const NFT_MSG_DELSETELEM: u16 = 14;
const NFT_MSG_GETOBJ: u16 = 19;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_ACK: u16 = 0x4;
const NLM_F_DUMP: u16 = 0x300;
const NLM_F_CREATE: u16 = 0x400;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NFPROTO_INET: u8 = 1;
const NLA_F_NESTED: u16 = 0x8000;
const NFTA_SET_ELEM_LIST_TABLE: u16 = 1;
const NFTA_SET_ELEM_LIST_SET: u16 = 2;
const NFTA_SET_ELEM_LIST_ELEMENTS: u16 = 3;
const NFTA_LIST_ELEM: u16 = 1;
const NFTA_SET_ELEM_KEY: u16 = 1;
const NFTA_SET_ELEM_FLAGS: u16 = 3;
const NFTA_DATA_VALUE: u16 = 1;
const NFT_SET_ELEM_INTERVAL_END: u32 = 1;
const NFTA_OBJ_TABLE: u16 = 1;
const NFTA_OBJ_NAME: u16 = 2;
const NFTA_OBJ_TYPE: u16 = 3;
const NFTA_OBJ_DATA: u16 = 4;
const NFT_OBJECT_COUNTER: u32 = 1;
const NFTA_COUNTER_BYTES: u16 = 1;
const NFTA_COUNTER_PACKETS: u16 = 2;

/// Elements per message: a nested attribute's length field has 16 bits.
const PER_MESSAGE: usize = 1000;
const TIMEOUT: Duration = Duration::from_secs(60);

/// One interval of addresses (IPv4 values fit in the low 32 bits).
pub type Range = (u128, u128);

/// What a failed batch reports: the errno and the set it concerned.
#[derive(Debug)]
pub struct BatchError {
    pub errno: i32,
    pub set: Option<String>,
}

/// Changes to elements of interval sets, in one transaction.
pub struct Batch {
    buf: Vec<u8>,
    seq: u32,
    /// (seq, set) of every message that asks for an acknowledgement.
    acked: Vec<(u32, String)>,
}

/// A message type of the nftables subsystem.
const fn nft_type(msg: u16) -> u16 {
    (NFNL_SUBSYS_NFTABLES << 8) | msg
}

fn put_u16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_ne_bytes());
}

fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_ne_bytes());
}

fn pad(b: &mut Vec<u8>) {
    while !b.len().is_multiple_of(4) {
        b.push(0);
    }
}

/// Open an attribute; returns its offset for [`close`].
fn open(b: &mut Vec<u8>, kind: u16) -> usize {
    let at = b.len();
    put_u16(b, 0);
    put_u16(b, kind);
    at
}

fn close(b: &mut Vec<u8>, at: usize) {
    let len = (b.len() - at) as u16;
    b[at..at + 2].copy_from_slice(&len.to_ne_bytes());
    pad(b);
}

fn attr(b: &mut Vec<u8>, kind: u16, data: &[u8]) {
    let at = open(b, kind);
    b.extend_from_slice(data);
    close(b, at);
}

fn attr_str(b: &mut Vec<u8>, kind: u16, s: &str) {
    let at = open(b, kind);
    b.extend_from_slice(s.as_bytes());
    b.push(0);
    close(b, at);
}

/// Start a message: header and nfgenmsg; returns its offset for [`end_msg`].
fn begin_msg(b: &mut Vec<u8>, kind: u16, flags: u16, seq: u32, family: u8, res_id: u16) -> usize {
    let at = b.len();
    put_u32(b, 0);
    put_u16(b, kind);
    put_u16(b, flags);
    put_u32(b, seq);
    put_u32(b, 0);
    b.push(family);
    b.push(0);
    b.extend_from_slice(&res_id.to_be_bytes());
    at
}

fn end_msg(b: &mut [u8], at: usize) {
    let len = (b.len() - at) as u32;
    b[at..at + 4].copy_from_slice(&len.to_ne_bytes());
}

/// The keys an interval set holds for ranges, in the kernel's form: a start
/// key, and an end key one past the last address flagged as the interval's
/// end (none when the range reaches the top of the family). Ascending, each
/// start before its end: the kernel checks an end key against the start
/// below it, so this order also holds when a neighbour is deleted in the
/// same transaction.
pub fn interval_keys(
    ranges: impl IntoIterator<Item = Range>,
    v6: bool,
) -> impl Iterator<Item = (u128, bool)> {
    let max = if v6 { u128::MAX } else { u128::from(u32::MAX) };
    ranges
        .into_iter()
        .flat_map(move |(s, e)| std::iter::once((s, false)).chain((e < max).then(|| (e + 1, true))))
}

fn put_key(b: &mut Vec<u8>, v: u128, v6: bool) {
    if v6 {
        b.extend_from_slice(&v.to_be_bytes());
    } else {
        b.extend_from_slice(&((v & u128::from(u32::MAX)) as u32).to_be_bytes());
    }
}

impl Batch {
    pub fn new(seq: u32) -> Batch {
        let mut buf = Vec::new();
        let at = begin_msg(
            &mut buf,
            NFNL_MSG_BATCH_BEGIN,
            NLM_F_REQUEST,
            seq,
            0,
            NFNL_SUBSYS_NFTABLES,
        );
        end_msg(&mut buf, at);
        Batch {
            buf,
            seq: seq.wrapping_add(1),
            acked: Vec::new(),
        }
    }

    /// Add (`add = true`) or delete ranges of one set of `table` (family inet).
    /// `count` is the number of ranges, to size the buffer once.
    pub fn elements(
        &mut self,
        add: bool,
        table: &str,
        set: &str,
        ranges: impl IntoIterator<Item = Range>,
        count: usize,
        v6: bool,
    ) {
        // Up to 2 keys per range, each at most 36 bytes (v6 with end flag).
        let key = if v6 { 36 } else { 24 };
        self.buf
            .reserve(count * 2 * key + count / PER_MESSAGE * 96 + 96);
        let mut keys = interval_keys(ranges, v6).peekable();
        while keys.peek().is_some() {
            let (kind, flags) = if add {
                (
                    nft_type(NFT_MSG_NEWSETELEM),
                    NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE,
                )
            } else {
                (nft_type(NFT_MSG_DELSETELEM), NLM_F_REQUEST | NLM_F_ACK)
            };
            let seq = self.seq;
            self.seq = self.seq.wrapping_add(1);
            let b = &mut self.buf;
            let at = begin_msg(b, kind, flags, seq, NFPROTO_INET, 0);
            attr_str(b, NFTA_SET_ELEM_LIST_TABLE, table);
            attr_str(b, NFTA_SET_ELEM_LIST_SET, set);
            let list = open(b, NFTA_SET_ELEM_LIST_ELEMENTS | NLA_F_NESTED);
            for (key, end) in keys.by_ref().take(PER_MESSAGE) {
                let el = open(b, NFTA_LIST_ELEM | NLA_F_NESTED);
                let k = open(b, NFTA_SET_ELEM_KEY | NLA_F_NESTED);
                let v = open(b, NFTA_DATA_VALUE);
                put_key(b, key, v6);
                close(b, v);
                close(b, k);
                if end {
                    attr(
                        b,
                        NFTA_SET_ELEM_FLAGS,
                        &NFT_SET_ELEM_INTERVAL_END.to_be_bytes(),
                    );
                }
                close(b, el);
            }
            close(b, list);
            end_msg(b, at);
            self.acked.push((seq, set.to_string()));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.acked.is_empty()
    }

    /// The bytes to send and the messages that will be acknowledged.
    pub fn finish(mut self) -> (Vec<u8>, Vec<(u32, String)>) {
        let seq = self.seq;
        let at = begin_msg(
            &mut self.buf,
            NFNL_MSG_BATCH_END,
            NLM_F_REQUEST,
            seq,
            0,
            NFNL_SUBSYS_NFTABLES,
        );
        end_msg(&mut self.buf, at);
        (self.buf, self.acked)
    }
}

fn socket() -> io::Result<OwnedFd> {
    let fd = net::socket(
        AddressFamily::NETLINK,
        SocketType::RAW,
        Some(netlink::NETFILTER),
    )?;
    net::bind(&fd, &netlink::SocketAddrNetlink::new(0, 0))?;
    sockopt::set_socket_timeout(&fd, sockopt::Timeout::Recv, Some(TIMEOUT))?;
    Ok(fd)
}

/// The netlink messages in one datagram: (type, seq, payload).
fn messages(buf: &[u8]) -> Vec<(u16, u32, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at + 16 <= buf.len() {
        let len = u32::from_ne_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]) as usize;
        if len < 16 || at + len > buf.len() {
            break;
        }
        let kind = u16::from_ne_bytes([buf[at + 4], buf[at + 5]]);
        let seq = u32::from_ne_bytes([buf[at + 8], buf[at + 9], buf[at + 10], buf[at + 11]]);
        out.push((kind, seq, &buf[at + 16..at + len]));
        at += (len + 3) & !3;
    }
    out
}

fn errno_of(payload: &[u8]) -> i32 {
    if payload.len() < 4 {
        return 0;
    }
    -i32::from_ne_bytes([payload[0], payload[1], payload[2], payload[3]])
}

/// Send a batch and wait for every acknowledgement; the first error aborts
/// the whole transaction in the kernel and is returned.
pub fn send_batch(batch: Batch) -> Result<(), BatchError> {
    let (bytes, acked) = batch.finish();
    fn io_err(e: impl Into<io::Error>) -> BatchError {
        BatchError {
            errno: e.into().raw_os_error().unwrap_or(5),
            set: None,
        }
    }
    let fd = socket().map_err(io_err)?;
    let want = bytes.len() + 65_536;
    if sockopt::set_socket_send_buffer_size_force(&fd, want).is_err() {
        sockopt::set_socket_send_buffer_size(&fd, want).map_err(io_err)?;
    }
    let _ = sockopt::set_socket_recv_buffer_size_force(&fd, 8 << 20);
    let kernel = netlink::SocketAddrNetlink::new(0, 0);
    net::sendto(&fd, &bytes, SendFlags::empty(), &kernel).map_err(io_err)?;
    let mut pending: std::collections::HashMap<u32, String> = acked.into_iter().collect();
    let mut buf = vec![0u8; 1 << 20];
    while !pending.is_empty() {
        let (_, n) = net::recv(&fd, &mut buf[..], RecvFlags::empty()).map_err(io_err)?;
        for (kind, seq, payload) in messages(&buf[..n.min(buf.len())]) {
            if kind != NLMSG_ERROR {
                continue;
            }
            let errno = errno_of(payload);
            let set = pending.remove(&seq);
            if errno != 0 {
                return Err(BatchError { errno, set });
            }
        }
    }
    Ok(())
}

/// Packets and bytes of every counter object in table `table` (family inet);
/// `None` when the table does not exist.
pub fn counters(table: &str) -> io::Result<Option<Vec<(String, u64, u64)>>> {
    let fd = socket()?;
    let mut req = Vec::new();
    let at = begin_msg(
        &mut req,
        nft_type(NFT_MSG_GETOBJ),
        NLM_F_REQUEST | NLM_F_DUMP,
        1,
        NFPROTO_INET,
        0,
    );
    attr_str(&mut req, NFTA_OBJ_TABLE, table);
    attr(&mut req, NFTA_OBJ_TYPE, &NFT_OBJECT_COUNTER.to_be_bytes());
    end_msg(&mut req, at);
    net::sendto(
        &fd,
        &req,
        SendFlags::empty(),
        &netlink::SocketAddrNetlink::new(0, 0),
    )?;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let (_, n) = net::recv(&fd, &mut buf[..], RecvFlags::empty())?;
        for (kind, _, payload) in messages(&buf[..n.min(buf.len())]) {
            match kind {
                NLMSG_DONE => return Ok(Some(out)),
                NLMSG_ERROR => {
                    let errno = errno_of(payload);
                    if errno == 2 {
                        return Ok(None);
                    }
                    return Err(io::Error::from_raw_os_error(errno));
                }
                _ => {
                    if payload.len() < 4 || payload[0] != NFPROTO_INET {
                        continue;
                    }
                    let attrs = parse_attrs(&payload[4..]);
                    let get = |k: u16| attrs.iter().find(|(t, _)| *t == k).map(|(_, v)| *v);
                    let (Some(t), Some(name), Some(data)) =
                        (get(NFTA_OBJ_TABLE), get(NFTA_OBJ_NAME), get(NFTA_OBJ_DATA))
                    else {
                        continue;
                    };
                    if cstr(t) != table {
                        continue;
                    }
                    let inner = parse_attrs(data);
                    let num = |k: u16| {
                        inner
                            .iter()
                            .find(|(t, _)| *t == k)
                            .and_then(|(_, v)| <[u8; 8]>::try_from(&v[..v.len().min(8)]).ok())
                            .map(u64::from_be_bytes)
                            .unwrap_or(0)
                    };
                    out.push((
                        cstr(name),
                        num(NFTA_COUNTER_PACKETS),
                        num(NFTA_COUNTER_BYTES),
                    ));
                }
            }
        }
    }
}

fn cstr(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

fn parse_attrs(mut b: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    while b.len() >= 4 {
        let len = u16::from_ne_bytes([b[0], b[1]]) as usize;
        let kind = u16::from_ne_bytes([b[2], b[3]]) & 0x3fff;
        if len < 4 || len > b.len() {
            break;
        }
        out.push((kind, &b[4..len]));
        let next = ((len + 3) & !3).min(b.len());
        b = &b[next..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_become_start_and_end_keys() {
        let e: Vec<_> = interval_keys(
            [(0x0102_0300, 0x0102_03ff), (0x0a00_0001, 0x0a00_0001)],
            false,
        )
        .collect();
        assert_eq!(
            e,
            vec![
                (0x0102_0300, false),
                (0x0102_0400, true),
                (0x0a00_0001, false),
                (0x0a00_0002, true),
            ]
        );
        // The top of the family has no end key.
        let e: Vec<_> = interval_keys([(u128::MAX - 1, u128::MAX)], true).collect();
        assert_eq!(e, vec![(u128::MAX - 1, false)]);
        let mut b = Vec::new();
        put_key(&mut b, 0x0102_0300, false);
        put_key(&mut b, 1, true);
        assert_eq!(&b[..4], &[1, 2, 3, 0]);
        assert_eq!(b.len(), 20);
    }

    #[test]
    fn batch_framing() {
        let mut b = Batch::new(100);
        let many: Vec<Range> = (0..1500u128).map(|i| (i * 4, i * 4 + 1)).collect();
        b.elements(
            false,
            "bangui",
            "feed-v4",
            many[..2].iter().copied(),
            2,
            false,
        );
        b.elements(
            true,
            "bangui",
            "feed-v4",
            many.iter().copied(),
            many.len(),
            false,
        );
        let (bytes, acked) = b.finish();
        // 1 delete message, 3000 elements in 3 add messages.
        assert_eq!(
            acked.iter().map(|a| a.0).collect::<Vec<_>>(),
            vec![101, 102, 103, 104]
        );
        let msgs = messages(&bytes);
        assert_eq!(msgs.len(), 6);
        assert_eq!(msgs[0].0, NFNL_MSG_BATCH_BEGIN);
        assert_eq!(msgs[1].0, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_DELSETELEM);
        assert_eq!(msgs[2].0, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWSETELEM);
        assert_eq!(msgs[5].0, NFNL_MSG_BATCH_END);
        // Every message and attribute is 4-byte aligned and within bounds.
        for (_, _, p) in &msgs[1..5] {
            let attrs = parse_attrs(&p[4..]);
            assert_eq!(cstr(attrs[0].1), "bangui");
            assert_eq!(cstr(attrs[1].1), "feed-v4");
            assert!(!parse_attrs(attrs[2].1).is_empty());
        }
    }
}
