//! Floating-point numbers to and from text, as Go's `strconv` does it:
//! the value of a decimal text (`ParseFloat(s, 64)`, correctly rounded)
//! and the shortest digits that read back as a float64 or float32
//! (`FormatFloat(f, _, -1, 64 | 32)`, the nearest of them when several
//! are as short).
//!
//! Both work on a multiprecision decimal shifted by powers of two (the
//! method of Go's own fallback, `strconv/decimal.go`, written anew here),
//! without the tables and code of std's `f64::from_str` and float
//! formatting (and serde_json's): those were 25 KB of the first-grid wasm
//! module (`gzip -9`), for the few numbers with a fraction or an exponent
//! a manifest holds. Texts of up to 15 significant digits with a small
//! exponent take the exact fast path (one rounding of exact operands).
//! The tests compare both directions with std on random values; where a
//! value lies halfway between two shortest texts, Go (and this) rounds
//! to even, std up.

/// Digits kept; one more nonzero digit sets `trunc` (a float64 halfway
/// between two neighbours has at most 767 significant digits).
const MAX_DIGITS: usize = 800;

/// Bits shifted at once: a digit times 2^60 plus a carry fits a `u64`.
const MAX_SHIFT: u32 = 60;

/// A decimal number 0.d[0]d[1]...d[nd-1] × 10^dp.
struct Decimal {
    /// Digit values 0..=9; no trailing zeros among the first `nd`.
    d: [u8; MAX_DIGITS],
    nd: usize,
    dp: i32,
    /// Nonzero digits beyond the kept ones were dropped.
    trunc: bool,
}

impl Decimal {
    fn zero() -> Decimal {
        Decimal {
            d: [0; MAX_DIGITS],
            nd: 0,
            dp: 0,
            trunc: false,
        }
    }

    fn from_u64(mut v: u64) -> Decimal {
        let mut a = Decimal::zero();
        let mut rev = [0u8; 20];
        let mut n = 0;
        while v > 0 {
            rev[n] = (v % 10) as u8;
            v /= 10;
            n += 1;
        }
        for i in 0..n {
            a.d[i] = rev[n - 1 - i];
        }
        a.nd = n;
        a.dp = n as i32;
        a.trim();
        a
    }

    fn trim(&mut self) {
        while self.nd > 0 && self.d[self.nd - 1] == 0 {
            self.nd -= 1;
        }
        if self.nd == 0 {
            self.dp = 0;
        }
    }

    /// Multiplies by 2^k (k > 0) or divides by 2^-k (k < 0), exactly but
    /// for digits beyond `MAX_DIGITS`.
    fn shift(&mut self, mut k: i32) {
        if self.nd == 0 {
            return;
        }
        while k > 0 {
            let s = (k as u32).min(MAX_SHIFT);
            self.left_shift(s);
            k -= s as i32;
        }
        while k < 0 {
            let s = (k.unsigned_abs()).min(MAX_SHIFT);
            self.right_shift(s);
            k += s as i32;
        }
    }

    /// × 2^k: the digits from the last, each times 2^k plus the carry,
    /// written from the right of a scratch buffer.
    fn left_shift(&mut self, k: u32) {
        let mut out = [0u8; MAX_DIGITS + 20];
        let mut w = out.len();
        let mut n: u64 = 0;
        for r in (0..self.nd).rev() {
            n += u64::from(self.d[r]) << k;
            w -= 1;
            out[w] = (n % 10) as u8;
            n /= 10;
        }
        while n > 0 {
            w -= 1;
            out[w] = (n % 10) as u8;
            n /= 10;
        }
        let produced = out.len() - w;
        self.dp += (produced - self.nd) as i32;
        let kept = produced.min(MAX_DIGITS);
        self.d[..kept].copy_from_slice(&out[w..w + kept]);
        if out[w + kept..].iter().any(|&c| c != 0) {
            self.trunc = true;
        }
        self.nd = kept;
        self.trim();
    }

    /// ÷ 2^k: long division from the first digit.
    fn right_shift(&mut self, k: u32) {
        let mut r = 0; // read
        let mut w = 0; // write
        let mut n: u64 = 0;
        // enough leading digits for a first quotient digit
        while n >> k == 0 {
            if r < self.nd {
                n = n * 10 + u64::from(self.d[r]);
            } else if n == 0 {
                self.nd = 0;
                self.dp = 0;
                return;
            } else {
                n *= 10;
            }
            r += 1;
        }
        self.dp -= r as i32 - 1;
        let mask = (1u64 << k) - 1;
        while r < self.nd {
            let c = u64::from(self.d[r]);
            self.d[w] = (n >> k) as u8;
            w += 1;
            n = (n & mask) * 10 + c;
            r += 1;
        }
        while n > 0 {
            let dig = (n >> k) as u8;
            if w < MAX_DIGITS {
                self.d[w] = dig;
                w += 1;
            } else if dig > 0 {
                self.trunc = true;
            }
            n = (n & mask) * 10;
        }
        self.nd = w;
        self.trim();
    }

    /// Whether chopping at `nd` digits should round up (half to even;
    /// dropped digits make a half more than half).
    fn should_round_up(&self, nd: usize) -> bool {
        if nd >= self.nd {
            return false;
        }
        if self.d[nd] == 5 && nd + 1 == self.nd {
            return self.trunc || (nd > 0 && self.d[nd - 1] % 2 == 1);
        }
        self.d[nd] >= 5
    }

    fn round(&mut self, nd: usize) {
        if self.should_round_up(nd) {
            self.round_up(nd);
        } else {
            self.round_down(nd);
        }
    }

    fn round_down(&mut self, nd: usize) {
        if nd < self.nd {
            self.nd = nd;
            self.trim();
        }
    }

    fn round_up(&mut self, nd: usize) {
        if nd >= self.nd {
            return;
        }
        for i in (0..nd).rev() {
            if self.d[i] < 9 {
                self.d[i] += 1;
                self.nd = i + 1;
                return;
            }
        }
        // all nines: 1 with the point one further
        self.d[0] = 1;
        self.nd = 1;
        self.dp += 1;
    }

    /// The integer part, rounded half to even (`dp` at most 20).
    fn rounded_integer(&self) -> u64 {
        if self.dp < 0 {
            return 0; // under a tenth
        }
        let dp = self.dp as usize;
        let mut n: u64 = 0;
        for i in 0..dp {
            n = n * 10 + u64::from(if i < self.nd { self.d[i] } else { 0 });
        }
        if self.should_round_up(dp) {
            n += 1;
        }
        n
    }
}

/// Powers of ten a float64 holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The float64 a decimal text stands for, correctly rounded (overflow is
/// infinity), or `None` when the text is not one. Reads what
/// `str::parse::<f64>` reads: a sign, then `inf`, `infinity` or `nan` in
/// any case, or digits with at most one `.` (a digit on either side) and
/// an exponent `e`/`E`, sign and digits.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let signed = |v: f64| if neg { -v } else { v };
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        return Some(signed(f64::INFINITY));
    }
    if b.eq_ignore_ascii_case(b"nan") {
        return Some(f64::NAN);
    }
    let mut a = Decimal::zero();
    let mut i = 0;
    let mut digits = 0;
    let mut point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                digits += 1;
                let c = c - b'0';
                if a.nd == 0 && c == 0 {
                    // a leading zero: only after the point does it count
                    if point {
                        a.dp -= 1;
                    }
                } else {
                    if a.nd < MAX_DIGITS {
                        a.d[a.nd] = c;
                        a.nd += 1;
                    } else if c != 0 {
                        a.trunc = true;
                    }
                    if !point {
                        a.dp += 1;
                    }
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() {
        if b[i] != b'e' && b[i] != b'E' {
            return None;
        }
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i32 = 0;
        while let Some(c @ b'0'..=b'9') = b.get(i) {
            // beyond any float64's range either way
            if e < 100_000 {
                e = e * 10 + i32::from(c - b'0');
            }
            i += 1;
        }
        if i == start || i < b.len() {
            return None;
        }
        if a.nd > 0 {
            a.dp += if eneg { -e } else { e };
        }
    }
    a.trim();
    Some(signed(decimal_to_f64(&mut a)))
}

/// The float64 nearest to `a` (half to even), infinity past the largest.
fn decimal_to_f64(a: &mut Decimal) -> f64 {
    const MANT_BITS: i32 = 52;
    const BIAS: i32 = -1023;
    if a.nd == 0 {
        return 0.0;
    }
    // exact operands, one rounding
    if a.nd <= 15 && !a.trunc {
        let e = a.dp - a.nd as i32;
        if (-22..=22).contains(&e) {
            let m = a.d[..a.nd].iter().fold(0u64, |m, &c| m * 10 + u64::from(c)) as f64;
            return if e >= 0 {
                m * EXACT_POW10[e as usize]
            } else {
                m / EXACT_POW10[(-e) as usize]
            };
        }
    }
    if a.dp > 310 {
        return f64::INFINITY;
    }
    if a.dp < -330 {
        return 0.0;
    }
    // bits of 10^dp, about, so that a lands in [0.5, 1)
    const POW2_OF_POW10: [i32; 9] = [1, 3, 6, 9, 13, 16, 19, 23, 26];
    let step = |dp: i32| POW2_OF_POW10.get(dp as usize).copied().unwrap_or(27);
    let mut exp: i32 = 0;
    while a.dp > 0 {
        let n = step(a.dp);
        a.shift(-n);
        exp += n;
    }
    while a.dp < 0 || (a.dp == 0 && a.d[0] < 5) {
        let n = step(-a.dp);
        a.shift(n);
        exp -= n;
    }
    // [0.5, 1) to the float's [1, 2)
    exp -= 1;
    if exp < BIAS + 1 {
        let n = BIAS + 1 - exp;
        a.shift(-n);
        exp += n;
    }
    if exp - BIAS >= 0x7ff {
        return f64::INFINITY;
    }
    a.shift(1 + MANT_BITS);
    let mut mant = a.rounded_integer();
    if mant == 2 << MANT_BITS {
        mant >>= 1;
        exp += 1;
        if exp - BIAS >= 0x7ff {
            return f64::INFINITY;
        }
    }
    if mant & (1 << MANT_BITS) == 0 {
        exp = BIAS; // subnormal
    }
    let bits = (mant & ((1 << MANT_BITS) - 1)) | (((exp - BIAS) as u64 & 0x7ff) << MANT_BITS);
    f64::from_bits(bits)
}

/// The shortest digits that read back as `f` (finite, positive), the
/// nearest of them when several are as short, and the exponent of the
/// first: `1.5e-7` is `("15", -7)`. Go's `FormatFloat(f, 'e', -1, 64)`.
pub fn shortest_f64(f: f64) -> (String, i32) {
    let bits = f.to_bits();
    shortest(
        bits & ((1 << 52) - 1),
        ((bits >> 52) & 0x7ff) as i32,
        52,
        -1023,
    )
}

/// As [`shortest_f64`] for a float32 (`FormatFloat(f, 'e', -1, 32)`).
pub fn shortest_f32(f: f32) -> (String, i32) {
    let bits = f.to_bits();
    shortest(
        u64::from(bits & ((1 << 23) - 1)),
        ((bits >> 23) & 0xff) as i32,
        23,
        -127,
    )
}

/// `frac` and `biased` are the float's fields (IEEE 754).
fn shortest(frac: u64, biased: i32, mant_bits: i32, bias: i32) -> (String, i32) {
    let (mant, exp) = if biased == 0 {
        (frac, bias + 1) // subnormal
    } else {
        (frac | (1 << mant_bits), biased + bias)
    };
    let mut d = Decimal::from_u64(mant);
    d.shift(exp - mant_bits);
    round_shortest(&mut d, mant, exp, mant_bits, bias);
    let digits = d.d[..d.nd].iter().map(|&c| char::from(b'0' + c)).collect();
    (digits, d.dp - 1)
}

/// Go's `encoding/json` float64 text: `strconv.FormatFloat(f, 'f', -1, 64)`
/// for 1e-6 <= |f| < 1e21 (and 0), else the `'e'` form with `e-09`
/// cleaned to `e-9`.
pub fn go_json_float(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let abs = f.abs();
    let sign = if f < 0.0 { "-" } else { "" };
    let (digits, exp) = shortest_f64(abs);
    if !(1e-6..1e21).contains(&abs) {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        // Go prints at least two exponent digits, then json trims e-0X
        let e = if exp < 0 {
            if exp > -10 {
                format!("e-{}", -exp)
            } else {
                format!("e-{:02}", -exp)
            }
        } else {
            format!("e+{exp:02}")
        };
        return format!("{sign}{m}{e}");
    }
    format!("{sign}{}", positional(&digits, exp))
}

/// Go's `%g` of the shortest digits `digits` × 10^`exp` (positive):
/// `strconv.FormatFloat(f, 'g', -1, bits)`, the exponent form when `exp`
/// is below -4 or at least 6 (the rule for the shortest precision), with
/// at least two exponent digits: `1e+06`, `1.5e-05`, `123456`.
pub fn format_g(digits: &str, exp: i32) -> String {
    if (-4..6).contains(&exp) {
        return positional(digits, exp);
    }
    let mut m = digits[..1].to_string();
    if digits.len() > 1 {
        m.push('.');
        m.push_str(&digits[1..]);
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{m}e{sign}{:02}", exp.unsigned_abs())
}

/// Go's `%v` of a float64 (`fmt` prints it as `%g`, and the infinities
/// with their sign): `1e+21`, `0.5`, `+Inf`, `NaN`, `-0`.
pub fn go_v_f64(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0");
    }
    let (digits, exp) = shortest_f64(f.abs());
    format!("{sign}{}", format_g(&digits, exp))
}

/// Digits with the decimal point placed for exponent `exp`.
pub fn positional(digits: &str, exp: i32) -> String {
    let n = digits.len() as i32;
    if exp < 0 {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else if exp + 1 >= n {
        format!("{digits}{}", "0".repeat((exp + 1 - n) as usize))
    } else {
        let (a, b) = digits.split_at((exp + 1) as usize);
        format!("{a}.{b}")
    }
}

/// Rounds `d` = mant × 2^(exp - mant_bits) to the fewest digits that still
/// lie strictly between the halfway points to the neighbouring floats (or
/// on one, when `mant` is even and round-half-to-even reads it back).
fn round_shortest(d: &mut Decimal, mant: u64, exp: i32, mant_bits: i32, bias: i32) {
    if mant == 0 {
        d.nd = 0;
        return;
    }
    let min_exp = bias + 1;
    // the nearest shorter number is 10^(dp-nd) away, the bounds at most
    // 2^(exp-mant_bits): already shortest when the first is larger
    // (log2(10) > 3.32)
    if exp > min_exp && 332 * (d.dp - d.nd as i32) >= 100 * (exp - mant_bits) {
        return;
    }
    // halfway to the next float up
    let mut upper = Decimal::from_u64(mant * 2 + 1);
    upper.shift(exp - mant_bits - 1);
    // halfway to the next float down (closer when mant is a power of two)
    let (mant_lo, exp_lo) = if mant > 1 << mant_bits || exp == min_exp {
        (mant - 1, exp)
    } else {
        (mant * 2 - 1, exp - 1)
    };
    let mut lower = Decimal::from_u64(mant_lo * 2 + 1);
    lower.shift(exp_lo - mant_bits - 1);
    let inclusive = mant % 2 == 0;

    // 0: d and upper agree so far; 1: they differed by one in a digit and
    // since then d had nines and upper zeros; 2: they differ by more
    let mut upper_delta = 0u8;
    let mut ui: i32 = 0;
    loop {
        let mi = ui - upper.dp + d.dp;
        if mi >= d.nd as i32 {
            break;
        }
        let li = ui - upper.dp + lower.dp;
        let digit = |a: &Decimal, i: i32| {
            if i >= 0 && (i as usize) < a.nd {
                a.d[i as usize]
            } else {
                0
            }
        };
        let l = digit(&lower, li);
        let m = digit(d, mi);
        let u = digit(&upper, ui);
        // truncating here stays above lower (or is lower, included)
        let ok_down = l != m || (inclusive && li + 1 == lower.nd as i32);
        upper_delta = match upper_delta {
            0 if m + 1 < u => 2,
            0 if m != u => 1,
            1 if m != 9 || u != 0 => 2,
            x => x,
        };
        // rounding up here stays below upper (or is upper, included)
        let ok_up = upper_delta > 0 && (inclusive || upper_delta > 1 || ui + 1 < upper.nd as i32);
        let at = (mi + 1) as usize;
        match (ok_down, ok_up) {
            (true, true) => return d.round(at),
            (true, false) => return d.round_down(at),
            (false, true) => return d.round_up(at),
            (false, false) => {}
        }
        ui += 1;
    }
}

#[cfg(test)]
mod tests;
