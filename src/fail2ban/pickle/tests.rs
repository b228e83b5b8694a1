use super::*;
use crate::Error;
use crate::fail2ban::testdata as td;
use proptest::prelude::*;

fn s(x: &str) -> Value {
    Value::Str(x.into())
}

fn ip(x: &str) -> Value {
    Value::Object {
        module: "builtins".into(),
        name: "str".into(),
        args: vec![s(x)],
        state: None,
    }
}

fn ok(v: Value) -> Value {
    Value::Tuple(vec![Value::Int(0), v])
}

#[test]
fn ping_reply() {
    assert_eq!(td::value(td::PING), ok(s("pong")));
}

#[test]
fn status_reply() {
    assert_eq!(
        td::value(td::STATUS),
        ok(Value::List(vec![
            Value::Tuple(vec![s("Number of jail"), Value::Int(2)]),
            Value::Tuple(vec![s("Jail list"), s("bangui-noaction, bangui-test")]),
        ]))
    );
}

#[test]
fn status_jail_reply_keeps_ips_through_memo() {
    let v = td::value(td::STATUS_JAIL);
    let expected = ok(Value::List(vec![
        Value::Tuple(vec![
            s("Filter"),
            Value::List(vec![
                Value::Tuple(vec![s("Currently failed"), Value::Int(0)]),
                Value::Tuple(vec![s("Total failed"), Value::Int(0)]),
                Value::Tuple(vec![
                    s("File list"),
                    Value::List(vec![s("/tmp/bangui-f2b.ZwA2Zl/test.log")]),
                ]),
            ]),
        ]),
        Value::Tuple(vec![
            s("Actions"),
            Value::List(vec![
                Value::Tuple(vec![s("Currently banned"), Value::Int(2)]),
                Value::Tuple(vec![s("Total banned"), Value::Int(2)]),
                Value::Tuple(vec![
                    s("Banned IP list"),
                    Value::List(vec![ip("192.0.2.1"), ip("2001:db8::1")]),
                ]),
            ]),
        ]),
    ]));
    assert_eq!(v, expected);
}

#[test]
fn banned_reply_is_list_of_one_key_dicts() {
    assert_eq!(
        td::value(td::BANNED),
        ok(Value::List(vec![
            Value::Dict(vec![(
                s("bangui-test"),
                Value::List(vec![ip("192.0.2.1"), ip("2001:db8::1")])
            )]),
            Value::Dict(vec![(s("bangui-noaction"), Value::List(vec![]))]),
        ]))
    );
}

#[test]
fn with_time_reply() {
    let v = td::value(td::WITH_TIME);
    let list = v.as_list().unwrap()[1].as_list().unwrap().to_vec();
    assert_eq!(
        list,
        vec![
            s("192.0.2.1 \t2026-11-24 05:50:35 + 600 = 2026-11-24 06:00:35"),
            s("2001:db8::1 \t2026-11-24 05:50:35 + 600 = 2026-11-24 06:00:35"),
        ]
    );
}

#[test]
fn exception_reply_keeps_class_and_args() {
    assert_eq!(
        td::value(td::UNKNOWN_JAIL),
        Value::Tuple(vec![
            Value::Int(1),
            Value::Object {
                module: "fail2ban.exceptions".into(),
                name: "UnknownJailException".into(),
                args: vec![s("nojail")],
                state: None,
            }
        ])
    );
}

#[test]
fn bare_error_reply_is_a_str() {
    assert_eq!(
        td::value(td::BARE_ERROR),
        s("ERROR: Memo value not found at index 101")
    );
}

#[test]
fn small_scalar_replies() {
    assert_eq!(td::value(td::BAN_2), ok(Value::Int(2)));
    assert_eq!(td::value(td::BANTIME), ok(Value::Int(600)));
    assert_eq!(td::value(td::BANTIME_PERMANENT), ok(Value::Int(-1)));
    assert_eq!(td::value(td::IDLE_OFF), ok(Value::Bool(false)));
    assert_eq!(
        td::value(td::THREAD),
        ok(Value::Dict(vec![(s("stacksize"), Value::Int(0))]))
    );
    assert_eq!(
        td::value(td::ECHO),
        ok(Value::List(vec![
            s("a"),
            Value::Int(1),
            Value::Bool(true),
            Value::List(vec![Value::Float(2.5)])
        ]))
    );
}

#[test]
fn helpers_unwrap_builtins_str() {
    let v = td::value(td::IGNOREIP);
    let list = v.as_list().unwrap()[1].as_list().unwrap();
    assert_eq!(list[0].as_str(), Some("10.0.0.0/8"));
    assert_eq!(Value::Int(3).as_int(), Some(3));
    assert_eq!(Value::Bool(true).as_bool(), Some(true));
    assert_eq!(s("x").as_int(), None);
    assert_eq!(list[0].to_json(), serde_json::json!("10.0.0.0/8"));
}

#[test]
fn to_json_shapes() {
    let v = td::value(td::DATEPATTERN);
    assert_eq!(
        v.to_json(),
        serde_json::json!([
            0,
            [
                "{^LN-BEG}%Y-%m-%d %H:%M:%S",
                "{^LN-BEG}Year-Month-Day 24hour:Minute:Second"
            ]
        ])
    );
    let err = td::value(td::NAME_ERROR).to_json();
    assert_eq!(
        err[1],
        serde_json::json!({"__class__": "builtins.NameError", "args": ["name 'abc' is not defined"], "state": null})
    );
    assert_eq!(
        td::value(td::THREAD).to_json(),
        serde_json::json!([0, {"stacksize": 0}])
    );
}

#[test]
fn protocol_0_text_opcodes() {
    // Python 3.11: pickle.dumps([1, -2, 3000000000, 2**70, -(2**70), 1.5, "hé\\\n",
    // True, False, None, (1,), (), {"a": [1,2]}, {1,2}, frozenset([3]), b"\0\xff"], 0)
    let b = td::bytes(
        "286c70300a49310a61492d320a614c333030303030303030304c0a614c313138303539313632303731373431313330333432344c0a614c2d313138303539313632303731373431313330333432344c0a6146312e350a615668e95c75303035635c75303030610a70310a614930310a614930300a614e612849310a7470320a61287461286470330a56610a70340a286c70350a49310a6149320a617361635f5f6275696c74696e5f5f0a7365740a70360a28286c70370a49310a6149320a617470380a5270390a61635f5f6275696c74696e5f5f0a66726f7a656e7365740a7031300a28286c7031310a49330a61747031320a527031330a61635f636f646563730a656e636f64650a7031340a28565c7530303030ff0a7031350a566c6174696e310a7031360a747031370a527031380a612e",
    );
    let v = decode(&b).unwrap();
    let l = v.as_list().unwrap();
    assert_eq!(l[0], Value::Int(1));
    assert_eq!(l[1], Value::Int(-2));
    assert_eq!(l[2], Value::Int(3_000_000_000));
    assert_eq!(l[3].to_json(), serde_json::json!("1180591620717411303424"));
    assert_eq!(l[4].to_json(), serde_json::json!("-1180591620717411303424"));
    assert_eq!(l[5], Value::Float(1.5));
    assert_eq!(l[6], s("hé\\\n"));
    assert_eq!(l[7], Value::Bool(true));
    assert_eq!(l[8], Value::Bool(false));
    assert_eq!(l[9], Value::None);
    assert_eq!(l[10], Value::Tuple(vec![Value::Int(1)]));
    assert_eq!(l[11], Value::Tuple(vec![]));
    assert_eq!(
        l[12],
        Value::Dict(vec![(
            s("a"),
            Value::List(vec![Value::Int(1), Value::Int(2)])
        )])
    );
    // Protocol 0 has no set opcodes: sets arrive as GLOBAL + REDUCE.
    match &l[13] {
        Value::Object { module, name, .. } => {
            assert_eq!((module.as_str(), name.as_str()), ("__builtin__", "set"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(l.len(), 16);
}

#[test]
fn protocol_2_binary_opcodes() {
    let b = td::bytes(
        "80025d7100284b014afeffffff8a05005ed0b2008a090000000000000000408a090000000000000000c0473ff8000000000000580300000068c3a97101884e4b014b024b03877102284b014b024b034b047471037d71042858010000006b7105580100000076710658020000006b3271074b0275635f636f646563730a656e636f64650a710858020000007879710958060000006c6174696e31710a86710b52710c635f5f6275696c74696e5f5f0a6279746561727261790a710d680858020000006162710e680a86710f527110857111527112652e",
    );
    let v = decode(&b).unwrap();
    let l = v.as_list().unwrap();
    assert_eq!(l[0], Value::Int(1));
    assert_eq!(l[1], Value::Int(-2));
    assert_eq!(l[2], Value::Int(3_000_000_000));
    assert_eq!(l[3].repr(), "1180591620717411303424");
    assert_eq!(l[4].repr(), "-1180591620717411303424");
    assert_eq!(l[5], Value::Float(1.5));
    assert_eq!(l[6], s("hé"));
    assert_eq!(l[7], Value::Bool(true));
    assert_eq!(l[8], Value::None);
    assert_eq!(
        l[9],
        Value::Tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)])
    );
    assert_eq!(l[10], Value::Tuple((1..=4).map(Value::Int).collect()));
    assert_eq!(
        l[11],
        Value::Dict(vec![(s("k"), s("v")), (s("k2"), Value::Int(2))])
    );
    // BINGET of the memoised `_codecs.encode` global.
    match &l[13] {
        Value::Object { name, args, .. } => {
            assert_eq!(name, "bytearray");
            assert!(matches!(&args[0], Value::Object { name, .. } if name == "encode"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn protocol_4_memo_of_shared_str() {
    let b = td::bytes("80049519000000000000005d94288c067368617265649468017d948c017894680173652e");
    assert_eq!(
        decode(&b).unwrap(),
        Value::List(vec![
            s("shared"),
            s("shared"),
            Value::Dict(vec![(s("x"), s("shared"))])
        ])
    );
}

#[test]
fn sets_bytes_and_build() {
    // EMPTY_SET MARK K1 K2 ADDITEMS
    assert_eq!(
        decode(b"\x80\x04\x8f(K\x01K\x02\x90.").unwrap(),
        Value::Set(vec![Value::Int(1), Value::Int(2)])
    );
    // MARK K3 FROZENSET
    assert_eq!(
        decode(b"(K\x03\x91.").unwrap(),
        Value::Set(vec![Value::Int(3)])
    );
    assert_eq!(decode(b"C\x02ab.").unwrap(), Value::Bytes(b"ab".to_vec()));
    assert_eq!(
        decode(b"B\x01\x00\x00\x00z.").unwrap(),
        Value::Bytes(b"z".to_vec())
    );
    assert_eq!(decode(b"U\x02hi.").unwrap(), s("hi"));
    assert_eq!(decode(b"T\x02\x00\x00\x00hi.").unwrap(), s("hi"));
    assert_eq!(decode(b"S'a\\nb'\n.").unwrap(), s("a\nb"));
    assert_eq!(
        decode(b"\x8d\x01\x00\x00\x00\x00\x00\x00\x00x.").unwrap(),
        s("x")
    );
    // GLOBAL m\nC\n EMPTY_TUPLE NEWOBJ EMPTY_DICT ... BUILD
    let v = decode(b"cm\nC\n)\x81}X\x01\x00\x00\x00aK\x01sb.").unwrap();
    assert_eq!(
        v,
        Value::Object {
            module: "m".into(),
            name: "C".into(),
            args: vec![],
            state: Some(Box::new(Value::Dict(vec![(s("a"), Value::Int(1))]))),
        }
    );
    // DUP, POP, POP_MARK, LONG_BINPUT/LONG_BINGET, PUT/GET
    assert_eq!(
        decode(b"K\x01\x32\x86.").unwrap(),
        Value::Tuple(vec![Value::Int(1), Value::Int(1)])
    );
    assert_eq!(decode(b"K\x01K\x020.").unwrap(), Value::Int(1));
    assert_eq!(decode(b"K\x01(K\x02K\x031.").unwrap(), Value::Int(1));
    assert_eq!(
        decode(b"K\x07r\x05\x00\x00\x00j\x05\x00\x00\x00\x86.").unwrap(),
        Value::Tuple(vec![Value::Int(7), Value::Int(7)])
    );
    assert_eq!(
        decode(b"K\x07p9\ng9\n\x86.").unwrap(),
        Value::Tuple(vec![Value::Int(7), Value::Int(7)])
    );
    assert_eq!(
        decode(b"(K\x01K\x02d.").unwrap(),
        Value::Dict(vec![(Value::Int(1), Value::Int(2))])
    );
    assert_eq!(
        decode(b"M\xff\xffJ\xff\xff\xff\xff\x86.").unwrap(),
        Value::Tuple(vec![Value::Int(65535), Value::Int(-1)])
    );
    assert_eq!(
        decode(b"\x8b\x02\x00\x00\x00\xff\x7f.").unwrap(),
        Value::Int(32767)
    );
}

#[test]
fn rejects_bad_input_without_panicking() {
    for bad in [
        &b""[..],
        b"\x80\x06K\x01.",       // protocol 6
        b"K\x01",                // no STOP
        b"\xff.",                // unknown opcode
        b"a.",                   // APPEND on empty stack
        b"h\x00.",               // empty memo slot
        b"X\xff\xff\xff\xffab.", // length beyond input
        b"\x8b\xff\xff\xff\x7f.",
        b"K\x01K\x02R.", // REDUCE of an int
        b"e.",           // APPENDS without MARK
        b"(.",           // STOP with only a mark
        b"P1\n.",        // persistent ids are refused
    ] {
        assert!(matches!(decode(bad), Err(Error::Protocol(_))), "{bad:?}");
    }
}

#[test]
fn depth_is_bounded() {
    let mut deep = b"\x80\x04".to_vec();
    deep.extend(std::iter::repeat_n(b']', 10_000));
    deep.extend(std::iter::repeat_n(b'a', 9_999));
    deep.push(b'.');
    let err = decode(&deep).unwrap_err();
    assert!(err.to_string().contains("deeper"), "{err}");
    // The same with tuples.
    let mut deep = b")".to_vec();
    deep.extend(std::iter::repeat_n(0x85u8, 5_000));
    deep.push(b'.');
    assert!(decode(&deep).is_err());
}

#[test]
fn memo_copies_are_bounded() {
    // A list memoised, fetched twice and appended to itself repeatedly doubles
    // on each round; the node budget must stop it quickly.
    let mut p = b"]\x94".to_vec();
    for i in 0..60u8 {
        p.extend_from_slice(&[b'h', i, b'h', i, 0x86, 0x94]);
    }
    p.push(b'.');
    assert!(decode(&p).is_err());
}

#[test]
fn encode_matches_python_and_round_trips() {
    let req = encode_request(&[Arg::from("ping")]).unwrap();
    assert_eq!(req, b"\x80\x03](X\x04\x00\x00\x00pinge.");
    assert_eq!(decode(&req).unwrap(), Value::List(vec![s("ping")]));
    let args = vec![
        Arg::from("set"),
        Arg::Int(-5),
        Arg::Int(i64::MAX),
        Arg::Bool(true),
        Arg::List(vec![]),
        Arg::List(vec![Arg::from("é")]),
    ];
    let v = decode(&encode_request(&args).unwrap()).unwrap();
    assert_eq!(
        v,
        Value::List(vec![
            s("set"),
            Value::Int(-5),
            Value::Int(i64::MAX),
            Value::Bool(true),
            Value::List(vec![]),
            Value::List(vec![s("é")]),
        ])
    );
}

#[test]
fn encode_refuses_end_marker() {
    let err = encode_request(&[Arg::from("x<F2B_END_COMMAND>y")]).unwrap_err();
    assert!(matches!(err, Error::BadInput { .. }));
    let err = encode_request(&[Arg::List(vec![Arg::from("<F2B_END_COMMAND>")])]).unwrap_err();
    assert!(matches!(err, Error::BadInput { .. }));
}

fn arg_strategy() -> impl Strategy<Value = Arg> {
    let leaf = prop_oneof![
        any::<String>().prop_map(Arg::Str),
        any::<i64>().prop_map(Arg::Int),
        any::<bool>().prop_map(Arg::Bool),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(Arg::List)
    })
}

fn arg_to_value(a: &Arg) -> Value {
    match a {
        Arg::Str(x) => Value::Str(x.clone()),
        Arg::Int(i) => Value::Int(*i),
        Arg::Bool(b) => Value::Bool(*b),
        Arg::List(l) => Value::List(l.iter().map(arg_to_value).collect()),
    }
}

/// Opcodes with small valid-looking arguments, to reach deeper decoder states
/// than uniformly random bytes do.
fn opcode_soup() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(vec![b'(']),
        Just(vec![b']']),
        Just(vec![b')']),
        Just(vec![b'}']),
        Just(vec![0x8f]),
        Just(vec![b'a']),
        Just(vec![b'e']),
        Just(vec![b's']),
        Just(vec![b'u']),
        Just(vec![0x90]),
        Just(vec![0x91]),
        Just(vec![b't']),
        Just(vec![b'l']),
        Just(vec![b'd']),
        Just(vec![0x85]),
        Just(vec![0x86]),
        Just(vec![0x87]),
        Just(vec![0x94]),
        Just(vec![0x93]),
        Just(vec![b'R']),
        Just(vec![b'b']),
        Just(vec![0x81]),
        Just(vec![b'0']),
        Just(vec![b'1']),
        Just(vec![b'2']),
        Just(vec![b'N']),
        Just(vec![0x88]),
        Just(b"\x8c\x01x".to_vec()),
        Just(b"cm\nn\n".to_vec()),
        any::<u8>().prop_map(|i| vec![b'K', i]),
        any::<u8>().prop_map(|i| vec![b'h', i % 8]),
        any::<u8>().prop_map(|i| vec![b'q', i % 8]),
        Just(b"\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x80".to_vec()),
    ];
    prop::collection::vec(piece, 0..64).prop_map(|v| {
        let mut out = v.concat();
        out.push(b'.');
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_random_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&data);
    }

    #[test]
    fn never_panics_on_opcode_soup(data in opcode_soup()) {
        if let Ok(v) = decode(&data) {
            let _ = v.to_json();
            let _ = v.repr();
        }
    }

    #[test]
    fn never_panics_on_mutated_replies(
        which in 0..td::ALL.len(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut data = td::bytes(td::ALL[which]);
        for (at, byte, kind) in edits {
            let at = if data.is_empty() { 0 } else { at % (data.len() + 1) };
            match kind {
                0 if at < data.len() => data[at] = byte,
                1 => data.insert(at, byte),
                _ if at < data.len() => { data.remove(at); }
                _ => data.push(byte),
            }
        }
        if let Ok(v) = decode(&data) {
            let _ = v.to_json();
        }
    }

    #[test]
    fn requests_round_trip(args in prop::collection::vec(arg_strategy(), 0..6)) {
        let bytes = encode_request(&args).unwrap();
        prop_assert_eq!(
            decode(&bytes).unwrap(),
            Value::List(args.iter().map(arg_to_value).collect())
        );
    }

    #[test]
    fn long1_round_trips(i in any::<i64>()) {
        let mut p = vec![0x8a, 8];
        p.extend_from_slice(&i.to_le_bytes());
        p.push(b'.');
        prop_assert_eq!(decode(&p).unwrap(), Value::Int(i));
    }
}
