//! What spaCy does after the parser: tree edges and sentence starts from
//! the heads (`set_children_from_heads`), and de-projectivization (lifted
//! arcs carry labels "dep||head-dep"; each is reattached, breadth first
//! from its current head, to the first descendant labelled "head-dep").

use super::parser::ArcLabel;

/// Leftmost and rightmost token of each token's subtree, as spaCy computes
/// them (passes over the heads until each sentence holds its heads, at
/// most twelve), and the sentence starts (left edge of each root).
#[derive(Debug, Clone)]
pub struct Edges {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
    pub sent_starts: Vec<bool>,
}

/// `heads[i]` is the head of token `i`; a root is its own head.
pub fn edges(heads: &[usize]) -> Edges {
    let n = heads.len();
    let mut left: Vec<usize> = (0..n).collect();
    let mut right: Vec<usize> = (0..n).collect();
    let mut passes = 0;
    loop {
        let settled = edge_pass(heads, &mut left, &mut right);
        if settled || passes > 10 {
            break;
        }
        passes += 1;
    }
    let mut sent_starts = vec![false; n];
    for (i, &h) in heads.iter().enumerate() {
        if h == i {
            sent_starts[left[i]] = true;
        }
    }
    Edges {
        left,
        right,
        sent_starts,
    }
}

/// One pass of spaCy's `_set_lr_kids_and_edges`; true when every token's
/// head lies in the token's sentence.
fn edge_pass(heads: &[usize], left: &mut [usize], right: &mut [usize]) -> bool {
    let n = heads.len();
    for i in (0..n).chain((0..n).rev()) {
        let h = heads[i];
        if left[i] < left[h] {
            left[h] = left[i];
        }
        if right[i] > right[h] {
            right[h] = right[i];
        }
    }
    let mut is_start = vec![false; n];
    for (i, &h) in heads.iter().enumerate() {
        if h == i {
            is_start[left[i]] = true;
        }
    }
    let mut sent_start = 0;
    for (i, &starts) in is_start.iter().enumerate() {
        if (i > 0 && starts) || i + 1 == n {
            let sent_end = i;
            if (sent_start..sent_end).any(|j| heads[j] < sent_start || heads[j] > sent_end) {
                return false;
            }
            sent_start = i;
        }
    }
    true
}

/// Children of `t` as spaCy's `Token.children` lists them: within the
/// edges computed before, tokens whose current head is `t`, left to right.
fn children<'a>(
    t: usize,
    heads: &'a [usize],
    edges: &'a Edges,
) -> impl Iterator<Item = usize> + 'a {
    (edges.left[t]..t)
        .chain(t + 1..=edges.right[t])
        .filter(move |&j| heads[j] == t)
}

/// Reattaches lifted arcs in place, token by token in order (later tokens
/// see the earlier reattachments, as in spaCy).
pub fn deprojectivize(heads: &mut [usize], labels: &mut [ArcLabel], is_space: &[bool]) {
    if !labels.iter().any(|l| l.lifted_from.is_some()) {
        return;
    }
    let edges = edges(heads);
    let mut seen = vec![false; heads.len()];
    for i in 0..heads.len() {
        let Some(head_dep) = labels[i].lifted_from else {
            continue;
        };
        let new_head = find_new_head(i, head_dep, heads, labels, is_space, &edges, &mut seen);
        heads[i] = new_head;
        labels[i] = ArcLabel {
            dep: labels[i].dep,
            lifted_from: None,
        };
    }
}

/// Breadth first from the head of `token`, left to right, skipping space
/// tokens and `token` itself: the first child labelled `head_dep`, else the
/// current head.
fn find_new_head(
    token: usize,
    head_dep: crate::Dep,
    heads: &[usize],
    labels: &[ArcLabel],
    is_space: &[bool],
    edges: &Edges,
    seen: &mut [bool],
) -> usize {
    seen.iter_mut().for_each(|s| *s = false);
    let mut queue = vec![heads[token]];
    while !queue.is_empty() {
        let mut next = Vec::new();
        for &q in &queue {
            for child in children(q, heads, edges) {
                if is_space.get(child).copied().unwrap_or(false) || child == token || seen[child] {
                    continue;
                }
                seen[child] = true;
                if labels[child].lifted_from.is_none() && labels[child].dep == head_dep {
                    return child;
                }
                next.push(child);
            }
        }
        queue = next;
    }
    heads[token]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts_are_left_edges_of_roots() {
        // 0 <- 1 (root), 2 -> 1; 3 (root) <- 4
        let e = edges(&[1, 1, 1, 3, 3]);
        assert_eq!(e.sent_starts, [true, false, false, true, false]);
        assert_eq!(e.left, [0, 0, 2, 3, 4]);
        assert_eq!(e.right, [0, 2, 2, 4, 4]);
    }
}
