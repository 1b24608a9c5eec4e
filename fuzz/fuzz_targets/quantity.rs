//! `resource.Quantity`: parse, then every way of writing it back and the
//! arithmetic the engine uses.
#![no_main]

use daemonset_sim::k8s::quantity::{Format, Quantity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = Quantity::parse(text) else {
        return;
    };
    let canonical = q.canonical();
    let _ = q.to_json();
    let _ = (q.milli_value(), q.value(), q.sign(), q.is_zero());
    for scale in [-9, -3, 0, 3, 9] {
        let _ = q.scaled_value_exact(scale);
        let _ = q.checked_scaled_value(scale);
    }
    for format in [Format::BinarySI, Format::DecimalSI, Format::DecimalExponent] {
        let mut f = q.clone();
        f.set_format(format);
        let _ = f.canonical();
    }
    // the canonical form reads back as the same amount, except where
    // v1.36 itself loses it: a DecimalSI value past `E` is printed without
    // its exponent (kubernetes/kubernetes#140459, after v1.36; see
    // decimal_si_past_exa_prints_the_mantissa_alone_as_v1_36_does)
    let again = Quantity::parse(&canonical).expect("the canonical form parses");
    let mut exponent_form = q.clone();
    exponent_form.set_format(Format::DecimalExponent);
    let past_exa = q.format() == Format::DecimalSI
        && exponent_form
            .canonical()
            .rsplit_once('e')
            .and_then(|(_, e)| e.parse::<i64>().ok())
            .is_some_and(|e| e > 18);
    if past_exa {
        return;
    }
    assert_eq!(
        again.cmp_exact(&q),
        std::cmp::Ordering::Equal,
        "{text:?} -> {canonical:?}"
    );
    let mut sum = q.clone();
    sum.add(&q);
    sum.sub(&q);
    let _ = sum.cmp_exact(&q);
    let _ = q.cmp_int64(1);
});
