#[coro::coroutine]
fn tokens(lines: Vec<String>) -> impl Iterator<Item = String> {
    let _guard = Guard::new();
    'lines: for line in lines {
        match line.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())) {
            Some((key, value)) if !key.is_empty() => {
                yield_!(key.clone());
                if value == "stop" {
                    break 'lines;
                }
                yield_!(value);
            }
            _ => continue,
        }
    }
}
