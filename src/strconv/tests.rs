//! std's float conversions (correctly rounded parsing, shortest digits by
//! Grisu and Dragon4) are the independent reference.

use super::*;

/// xorshift64*: reproducible values without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// std's shortest digits and exponent, from `{:e}`.
fn std_shortest(s: String) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap();
    (mant.replace('.', ""), exp.parse().unwrap())
}

/// `got` is std's shortest `want`, or, where the value lies exactly
/// halfway between two shortest candidates, the one with the even last
/// digit: Go's Ryu rounds half to even, std's Grisu/Dragon4 half up
/// (2^-25 is 2.9802322387695312e-08 in Go, ...313 in Rust). `exact` is the
/// value's whole decimal expansion (std's `{:.1100e}`).
fn same_shortest(got: (String, i32), want: (String, i32), exact: String) {
    if got == want {
        return;
    }
    let (digits, _) = std_shortest(exact);
    let n = want.0.len();
    let (kept, rest) = digits.split_at(n - 1);
    let tie = rest.len() > 1 && rest[1..].starts_with('5') && rest[2..].bytes().all(|c| c == b'0');
    let last = |s: &str| s.as_bytes()[s.len() - 1] - b'0';
    assert!(
        tie && got.1 == want.1
            && got.0.len() == n
            && got.0.starts_with(kept)
            && last(&got.0) % 2 == 0
            && last(&want.0) == last(&got.0) + 1,
        "{got:?}, std {want:?}, exactly {digits}e{}",
        want.1
    );
}

fn same_f64(text: &str) {
    let want = text.parse::<f64>().ok();
    let got = parse_f64(text);
    assert_eq!(
        got.map(|f| if f.is_nan() { u64::MAX } else { f.to_bits() }),
        want.map(|f| if f.is_nan() { u64::MAX } else { f.to_bits() }),
        "{text:?}: {got:?}, std {want:?}"
    );
}

#[test]
fn parses_as_std_does() {
    for text in [
        "0",
        "-0",
        "+0",
        "0.0",
        "00.000e5",
        "1",
        "1.5",
        ".5",
        "5.",
        "1e3",
        "1E+3",
        "1e-3",
        "-2.5E-3",
        "123456789.125",
        "0.1",
        "0.30000000000000004",
        "1e21",
        "1e22",
        "1e23",
        "9007199254740993",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "2.2250738585072014e-308",
        "2.2250738585072011e-308",
        "4.9e-324",
        "5e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-400",
        "1e400",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "0e99999999999999999999",
        "inf",
        "-Infinity",
        "NaN",
        "infinit",
        "",
        "+",
        "-",
        ".",
        "e5",
        "1e",
        "1e+",
        "1.2.3",
        "1_000",
        "0x10",
        "1 ",
        " 1",
        "1e5.5",
        "--1",
        "1ee5",
        // halfway between two floats, and one digit either side of it
        "9007199254740993.0000000000000000000001",
        "9007199254740992.9999999999999999999999",
        "8.98846567431157953864652595394512365e307",
    ] {
        same_f64(text);
    }
    // the exact halfway point between 1 and the next float64, over 50 digits
    let half = "1.00000000000000011102230246251565404236316680908203125";
    same_f64(half);
    same_f64(&format!("{half}0000000000000000001"));
    same_f64(&"9".repeat(900));
    same_f64(&format!("0.{}1", "0".repeat(850)));
    same_f64(&format!("{}e-900", "1".repeat(900)));
}

#[test]
fn parses_random_texts_as_std_does() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200_000 {
        let mut s = String::new();
        if rng.below(4) == 0 {
            s.push('-');
        }
        let int = rng.below(25) as usize;
        for _ in 0..int {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
        if rng.below(2) == 0 {
            s.push('.');
            for _ in 0..rng.below(25) {
                s.push(char::from(b'0' + rng.below(10) as u8));
            }
        }
        if rng.below(2) == 0 {
            s.push('e');
            s.push_str(&(rng.below(700) as i64 - 350).to_string());
        }
        same_f64(&s);
        // the shortest text of a random float, and a digit more or less
        let f = f64::from_bits(rng.next());
        if f.is_finite() {
            let t = format!("{f:e}");
            same_f64(&t);
            same_f64(&format!("{f:.20e}"));
            same_f64(&format!("{f:.3e}"));
        }
    }
}

#[test]
fn shortest_digits_are_std_s() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let check64 = |f: f64| {
        if f.is_finite() && f != 0.0 {
            let f = f.abs();
            same_shortest(
                shortest_f64(f),
                std_shortest(format!("{f:e}")),
                format!("{f:.1100e}"),
            );
        }
    };
    // a tie: Go writes 2.9802322387695312e-08
    assert_eq!(
        shortest_f64(2f64.powi(-25)),
        ("29802322387695312".into(), -8)
    );
    for f in [
        1.0,
        0.1,
        1.5e-7,
        1e21,
        123456789.125,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        2f64.powi(60),
        9007199254740993.0,
    ] {
        check64(f);
    }
    for _ in 0..300_000 {
        check64(f64::from_bits(rng.next()));
        // small exponents: the common numbers
        check64(f64::from_bits(
            rng.next() & 0x800f_ffff_ffff_ffff | (0x3f0 + rng.below(0x20)) << 52,
        ));
        // powers of two: the nearer lower bound
        check64(f64::from_bits((rng.below(0x7fe) + 1) << 52));
    }
    let check32 = |f: f32| {
        if f.is_finite() && f != 0.0 {
            let f = f.abs();
            same_shortest(
                shortest_f32(f),
                std_shortest(format!("{f:e}")),
                format!("{:.1100e}", f64::from(f)),
            );
        }
    };
    for f in [
        1.5f32,
        0.1,
        1.234_567_9,
        1e6,
        123456.0,
        0.00001,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45,
    ] {
        check32(f);
    }
    for _ in 0..300_000 {
        check32(f32::from_bits(rng.next() as u32));
        check32(f32::from_bits(((rng.below(0xfe) + 1) << 23) as u32));
    }
}

#[test]
fn go_v_f64_is_fmt_s_percent_v() {
    // what fmt.Sprint(float64) prints in Go
    for (f, want) in [
        (1e6, "1e+06"),
        (123456.0, "123456"),
        (999999.0, "999999"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1e21, "1e+21"),
        (1e100, "1e+100"),
        (1.5, "1.5"),
        (1e8, "1e+08"),
        (-2.5e-7, "-2.5e-07"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"),
        (f64::INFINITY, "+Inf"),
        (f64::NEG_INFINITY, "-Inf"),
        (f64::NAN, "NaN"),
        (-0.0, "-0"),
        (0.0, "0"),
    ] {
        assert_eq!(go_v_f64(f), want, "{f:e}");
    }
    // and it reads back as the same float
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..100_000 {
        let f = f64::from_bits(rng.next());
        if f.is_finite() {
            assert_eq!(
                parse_f64(&go_v_f64(f)).map(f64::to_bits),
                Some(f.to_bits()),
                "{f:e}"
            );
        }
    }
}
