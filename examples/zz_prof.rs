fn main() {
    let f = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(f).unwrap();
    let mut s = daemonset_sim::session::Session::new();
    for _ in 0..6 {
        let t = std::time::Instant::now();
        let r = s.set_cluster(&text);
        eprintln!("{:?} {}", t.elapsed(), r.nodes);
    }
}
