//! `resource.Quantity` unit tests (the 2,000-case conformance replay is
//! in tests/it/conformance_quantity.rs).

use super::*;
use std::cmp::Ordering::*;

fn q(s: &str) -> Quantity {
    match Quantity::parse(s) {
        Ok(q) => q,
        Err(e) => panic!("{s:?}: {e}"),
    }
}

#[test]
fn canonical_forms() {
    let cases: &[(&str, &str, Format)] = &[
        ("0", "0", Format::DecimalSI),
        ("1", "1", Format::DecimalSI),
        ("1.5Gi", "1536Mi", Format::BinarySI),
        ("1024Ki", "1Mi", Format::BinarySI),
        ("1536Mi", "1536Mi", Format::BinarySI),
        ("0.5Ki", "512", Format::BinarySI),
        ("1.1Ki", "1126400m", Format::BinarySI),
        ("100m", "100m", Format::DecimalSI),
        ("1.5", "1500m", Format::DecimalSI),
        ("1000", "1k", Format::DecimalSI),
        ("1000000", "1M", Format::DecimalSI),
        ("0.1", "100m", Format::DecimalSI),
        ("1e3", "1e3", Format::DecimalExponent),
        ("1e4", "10e3", Format::DecimalExponent),
        ("1.5e3", "1500", Format::DecimalExponent),
        ("1E3", "1E3", Format::DecimalExponent), // kept as typed
        ("1E4", "10e3", Format::DecimalExponent),
        ("-1e-10", "-1e-9", Format::DecimalExponent),
        ("-0.1n", "-1n", Format::DecimalSI),
        ("1n", "1n", Format::DecimalSI),
        ("0.0000000015", "2n", Format::DecimalSI),
        ("985.98E", "985980P", Format::DecimalSI),
        ("1000E", "1", Format::DecimalSI), // no suffix above E
        ("8Ei", "9223372036854775807", Format::BinarySI),
        ("-16Ei", "-9223372036854775807", Format::BinarySI),
        ("0.0001Ki", "102400u", Format::DecimalSI),
        // the input text is kept when the fast path finds it canonical
        ("+1", "+1", Format::DecimalSI),
        ("037E", "037E", Format::DecimalSI),
        ("+01Ki", "+01Ki", Format::BinarySI),
        ("01000", "1k", Format::DecimalSI),
        // odd but valid
        (".", "0", Format::DecimalSI),
        ("-", "0", Format::DecimalSI),
        ("k", "0", Format::DecimalSI),
        ("Ki", "0", Format::BinarySI),
        ("1.Ki", "1.Ki", Format::BinarySI), // kept as typed
        ("8.Ki", "8Ki", Format::BinarySI),
        ("1e+3", "1e+3", Format::DecimalExponent), // kept as typed
        ("1e+4", "10e3", Format::DecimalExponent),
        ("1e4294967296", "1e4294967296", Format::DecimalExponent), // int32(exponent) == 0
    ];
    for &(input, canonical, format) in cases {
        let v = q(input);
        assert_eq!(v.canonical(), canonical, "{input}");
        assert_eq!(v.format(), format, "{input}");
        assert_eq!(v.to_json(), format!("\"{canonical}\""), "{input}");
        assert_eq!(v.to_string(), canonical, "{input}");
    }
}

#[test]
fn errors() {
    let cases: &[(&str, &str)] = &[
        ("", ERR_FORMAT_WRONG),
        (" 1", ERR_FORMAT_WRONG),
        ("1 ", ERR_FORMAT_WRONG),
        ("1.0.0", ERR_FORMAT_WRONG),
        ("1e- 3", ERR_FORMAT_WRONG),
        ("１", ERR_FORMAT_WRONG),
        ("1K", ERR_SUFFIX),
        ("1e", ERR_SUFFIX),
        ("1ee3", ERR_SUFFIX),
        ("1Ki5", ERR_SUFFIX),
        ("1e99999999999999999999", ERR_SUFFIX),
        ("Ei", ERR_NUMERIC),
        (".e-20", ERR_NUMERIC),
    ];
    for &(input, msg) in cases {
        assert_eq!(
            Quantity::parse(input).err(),
            Some(QuantityError(msg.to_string())),
            "{input:?}"
        );
    }
}

#[test]
fn values_and_quirks() {
    // (input, milli, value)
    let cases: &[(&str, i64, i64)] = &[
        ("1.5Gi", 1610612736000, 1610612736),
        ("100m", 100, 1),
        ("1n", 1, 1),
        ("-1.5", -1500, -2), // fast path: away from zero
        ("-100m", -100, -1),
        ("-585.976377064843809431", -585975, -584), // slow path: towards zero
        ("-0.1n", 1, 1),
        ("1E", 0, 1_000_000_000_000_000_000), // milli overflows to 0
        ("1Ei", i64::MIN, 1 << 60),           // wraps
        ("8Ei", -1000, i64::MAX),             // capped, then wraps
        ("1e19", 0, 0),
        ("9223372036854775807", -1000, i64::MAX),
        ("9223372036854775808", 0, i64::MIN),
        ("-9223372036854775808", 0, 0),
        ("-9223372036854775809", -1000, -1),
        ("-3Pi", -8646911284550, -8646911283),
        ("1e300", 0, 0),
    ];
    for &(input, milli, value) in cases {
        let v = q(input);
        assert_eq!(v.milli_value(), milli, "{input} milli");
        assert_eq!(v.value(), value, "{input} value");
    }
    assert_eq!(q("-1.5").scaled_value_exact(0).as_deref(), Some("-1"));
    assert_eq!(
        q("1E").scaled_value_exact(MILLI).as_deref(),
        Some("1000000000000000000000")
    );
    assert_eq!(q("1e999999999").scaled_value_exact(0), None);
    assert_eq!(q("1E").checked_scaled_value(MILLI), None);
    assert_eq!(q("1.5Gi").checked_scaled_value(0), Some(1610612736));
}

#[test]
fn comparisons() {
    let cases: &[(&str, &str, Ordering)] = &[
        ("1", "1000m", Equal),
        ("1Ki", "1024", Equal),
        ("1k", "1Ki", Less),
        ("-1", "1m", Less),
        ("1e300", "1E", Greater),
        ("-1e300", "-1E", Less),
        ("100000000000000000000", "1e20", Equal),
        ("0.000000001", "1n", Equal),
        ("0", "-0", Equal),
        ("1.5Gi", "1536Mi", Equal),
    ];
    for &(a, b, want) in cases {
        assert_eq!(q(a).cmp_exact(&q(b)), want, "{a} vs {b}");
        assert_eq!(q(b).cmp_exact(&q(a)), want.reverse(), "{b} vs {a}");
    }
    assert_eq!(q("1"), q("1000m"));
    assert!(q("2") > q("1999m"));
    assert_eq!(q("1Ki").cmp_int64(1024), Equal);
}

#[test]
fn add_and_sub() {
    // (a, b, a + b canonical, a - b canonical)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("100m", "200m", "300m", "-100m"),
        ("1", "500m", "1500m", "500m"),
        ("1Gi", "1Gi", "2Gi", "0"),
        ("1Ki", "1", "1025", "1023"),
        ("0", "1Ki", "1Ki", "-1Ki"),
        ("1E", "9E", "10E", "-8E"),
        (
            "9223372036854775807",
            "1",
            "9223372036854775808",
            "9223372036854775806",
        ),
        ("1.5", "-1.5", "0", "3"),
    ];
    for &(a, b, sum, diff) in cases {
        let mut x = q(a);
        x.add(&q(b));
        assert_eq!(x.canonical(), sum, "{a} + {b}");
        let mut y = q(a);
        y.sub(&q(b));
        assert_eq!(y.canonical(), diff, "{a} - {b}");
    }
    let mut x = q("1e300");
    x.add(&q("1"));
    assert_eq!(x.canonical(), format!("1{}1", "0".repeat(299)));
    let mut x = q("1e300");
    x.sub(&q("1"));
    assert_eq!(x.canonical(), "9".repeat(300));
    // Absurd exponent gaps stay cheap.
    let mut x = q("1e999999999");
    x.add(&q("1m"));
    assert_eq!(x.canonical(), "1e999999999");
    // Zero takes the other's format.
    let mut z = Quantity::from_value(0, Format::DecimalSI);
    z.add(&q("2Ki"));
    assert_eq!(z.format(), Format::BinarySI);
    // Overflow leaves the int64 path, exactly.
    let mut big = Quantity::from_value(i64::MAX, Format::DecimalSI);
    big.add(&Quantity::from_value(i64::MAX, Format::DecimalSI));
    assert_eq!(big.canonical(), "18446744073709551614");
    let mut n = q("1.5");
    n.neg();
    assert_eq!(n.canonical(), "-1500m");
    let mut m = Quantity::from_value(5, Format::DecimalSI);
    m.sub(&Quantity::from_value(i64::MIN, Format::DecimalSI));
    assert_eq!(m.canonical(), "9223372036854775813");
}

#[test]
fn constructors() {
    assert_eq!(Quantity::from_milli(100).canonical(), "100m");
    assert_eq!(Quantity::from_milli(1500).value(), 2);
    assert_eq!(Quantity::from_milli(-1500).value(), -2);
    assert_eq!(
        Quantity::from_value(2048, Format::BinarySI).canonical(),
        "2Ki"
    );
    assert_eq!(
        Quantity::from_value(1000, Format::BinarySI).canonical(),
        "1k"
    );
    assert_eq!(
        Quantity::from_value(3000, Format::DecimalExponent).canonical(),
        "3e3"
    );
    assert_eq!(
        Quantity::from_value(i64::MIN, Format::BinarySI).canonical(),
        "-9223372036854775808"
    );
    assert_eq!(
        Quantity::from_value(5, Format::DecimalSI).milli_value(),
        5000
    );
    assert_eq!("1Mi".parse::<Quantity>().map(|q| q.value()), Ok(1 << 20));
    assert_eq!(
        serde_json::to_string(&q("1.5Gi")).ok().as_deref(),
        Some("\"1536Mi\"")
    );
}

#[test]
fn odd_inputs_do_not_panic() {
    let long_digits = "9".repeat(5000);
    let long_frac = format!("0.{}1", "0".repeat(3000));
    let inputs = [
        "",
        "-",
        "+",
        ".",
        "-.",
        "+.",
        "..",
        "e",
        "E",
        "i",
        "Ki",
        "Ei",
        "-Ei",
        ".Ei",
        "1e999999999",
        "1e-999999999",
        "9999999999999999999999999Ei",
        "9999999999999999999999999e999999999",
        "-9999999999999999999999999e-999999999",
        "1.0.0",
        "1e2147483647",
        "1e-2147483648",
        "1.5e-2147483648",
        "1e2147483648",
        "-1e9223372036854775807",
        "1e9223372036854775808",
        &long_digits,
        &long_frac,
        "é",
        "1é",
        "１",
        "\u{0}",
        "1\u{0}",
        "0.0Ei",
        "-0",
        "000",
        "1Ki1",
        "1e+",
        "1e-",
        "+-1",
        "--1",
        "1..5",
        "1.5.",
        "1.5e3.",
        "9223372036854775807Ki",
        "-.5Ei",
        "0.000000000000000000001Ei",
    ];
    for s in inputs {
        if let Ok(v) = Quantity::parse(s) {
            let _ = (
                v.canonical(),
                v.value(),
                v.milli_value(),
                v.sign(),
                v.to_json(),
            );
            let _ = (
                v.scaled_value_exact(0),
                v.scaled_value(NANO),
                v.scaled_value(EXA),
            );
            let _ = (v.checked_scaled_value(0), v.checked_scaled_value(MILLI));
            let mut w = v.clone();
            w.add(&q("1m"));
            let _ = w.canonical();
            let _ = v.cmp_exact(&q("1"));
        }
    }
    assert_eq!(q("1e999999999").canonical(), "1e999999999");
    assert_eq!(q("1e999999999").value(), 0);
    assert_eq!(q("1e-999999999").canonical(), "1e-9");
    assert_eq!(q(&long_digits).value(), q(&long_digits).value());
}

#[test]
fn huge_values_print_as_binary_si_in_bounded_work() {
    // 200,002 digits: with its exponent, exact, in one pass (was 20,000
    // divisions of the whole number by 1024, 5.7 s)
    let mut q = Quantity::parse("20e200000").unwrap();
    q.set_format(Format::BinarySI);
    assert_eq!(q.canonical(), "2e200001");
    q.set_format(Format::DecimalExponent);
    assert_eq!(q.canonical(), "2e200001");
    // one digit less than the bound's: still divided by 1024 (1024 times
    // 10^4092 is 2^4102 5^4092: 410 powers of 1024, no suffix for them)
    let mut q = Quantity::parse("1024e4092").unwrap();
    q.set_format(Format::BinarySI);
    assert_ne!(q.canonical(), "1024e4092");
}

/// v1.36 drops the magnitude of a DecimalSI value whose canonical exponent
/// is past `E` (10^18): `CanonicalizeBytes` ignores that no suffix exists
/// and prints the mantissa alone (fixed upstream after v1.36 by
/// kubernetes/kubernetes#140459). The amount itself stays exact.
#[test]
fn decimal_si_past_exa_prints_the_mantissa_alone_as_v1_36_does() {
    for (text, canonical) in [
        ("27000E", "27"),
        ("1000E", "1"),
        ("1000000E", "1"),
        ("100E", "100E"),
    ] {
        let q = Quantity::parse(text).unwrap();
        assert_eq!(q.canonical(), canonical, "{text}");
    }
    let q = Quantity::parse("27000E").unwrap();
    assert_eq!(
        q.cmp_exact(&Quantity::parse("27e21").unwrap()),
        std::cmp::Ordering::Equal
    );
    // the exponent form keeps it
    let mut e = q.clone();
    e.set_format(Format::DecimalExponent);
    assert_eq!(e.canonical(), "27e21");
}
