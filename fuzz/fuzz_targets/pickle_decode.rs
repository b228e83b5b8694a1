//! Fuzz the reply path: decoding any bytes, classifying the reply and rendering
//! the value must return, never panic or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = bangui::fail2ban::pickle::decode(data) {
        let _ = v.to_json();
        let _ = v.repr();
    }
    let _ = bangui::fail2ban::interpret_reply(data);
});
