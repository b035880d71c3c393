//! A stable insertion sort for the engine's short lists: a scenario's acts
//! (tens) and the cookies a request sends (a handful). The standard
//! library's stable sort is faster on long slices, but each element type it
//! is used with brings its own few kilobytes of sorting code into the
//! WebAssembly module; these lists never need it.

/// Sorts `items` by `key`, keeping items with equal keys in their order.
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        // Moves item `i` left past every item with a greater key; an equal
        // key stops it, which is what keeps the sort stable.
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::by_key;

    #[test]
    fn sorts_and_keeps_equal_keys_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        by_key(&mut v, |p| p.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // A deterministic spread of keys with many repeats.
        let mut v: Vec<(u32, usize)> = (0..200).map(|i| ((i * 37 % 11) as u32, i)).collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
    }
}
