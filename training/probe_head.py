"""Picks the attention head the heatmap shows by default: the one that looks hardest at the previous token
(mean weight on the sub-diagonal over held-out text). Such a head gives the clearest first picture of attention
("each token looks mostly at the one before it"); users can ask for any other layer and head.
"""
import torch


@torch.no_grad()
def previous_token_scores(gpt, ids, window=128):
    """scores[layer][head]: mean attention from each position to the one just before it."""
    totals, count = None, 0
    for start in range(0, len(ids) - 1, window):
        x = torch.tensor(ids[start:start + window], dtype=torch.long).unsqueeze(0)
        if x.shape[1] < 2:
            break
        _, attns = gpt(x, want_attn=True)
        # a[:, :, i, i-1] for i >= 1, summed over positions: [layers, heads]
        sub = torch.stack([a[0].diagonal(offset=-1, dim1=-2, dim2=-1).sum(-1) for a in attns])
        totals = sub if totals is None else totals + sub
        count += x.shape[1] - 1
    return (totals / count).tolist()


def choose(gpt, ids):
    scores = previous_token_scores(gpt, ids)
    layer, head = max(((l, h) for l in range(len(scores)) for h in range(len(scores[0]))),
                      key=lambda lh: (scores[lh[0]][lh[1]], -lh[0], -lh[1]))
    return {"layer": layer, "head": head, "previous_token_weight": round(scores[layer][head], 4),
            "why": "the head that attends most to the previous token on held-out text"}
