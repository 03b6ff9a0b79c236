"""A GPT-2-style decoder (pre-LayerNorm blocks, learned positions, GELU MLP, weight-tied head) with a KV cache.

forward() serves training and both ONNX exports: with `past` it is the cached decoder transformers.js drives
(model_type gpt2); with want_attn it also returns each layer's attention weights for the probe.
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

# Finite, not -inf: a fully padded row then gives a uniform softmax instead of NaN.
MASK_VALUE = -1e4


class Block(nn.Module):
    def __init__(self, d, heads, dropout):
        super().__init__()
        self.heads, self.hd = heads, d // heads
        self.drop = nn.Dropout(dropout)
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.fc = nn.Linear(d, 4 * d)
        self.out = nn.Linear(4 * d, d)

    def forward(self, x, bias, past_k=None, past_v=None):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        # Head count and head size stay Python ints so the exported cache shapes are fixed numbers.
        q, k, v = (z.reshape(b, t, self.heads, self.hd).transpose(1, 2) for z in (q, k, v))
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd)) + bias
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.out(F.gelu(self.fc(self.ln2(x)))))
        return x, k, v, att


class GPT(nn.Module):
    def __init__(self, vocab, context, layers, d, heads, dropout=0.0):
        super().__init__()
        self.context = context
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads, dropout) for _ in range(layers))
        self.drop = nn.Dropout(dropout)
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        self.head.weight = self.wte.weight  # tied, as in GPT-2
        self.apply(self._init)
        for name, p in self.named_parameters():
            if name.endswith("proj.weight") or name.endswith("out.weight"):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * layers))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, ids, attention_mask=None, position_ids=None, past=None, want_attn=False):
        b, t = ids.shape
        past_len = past[0][0].shape[2] if past else 0
        if position_ids is None:
            position_ids = torch.arange(past_len, past_len + t, device=ids.device).unsqueeze(0).expand(b, t)
        x = self.drop(self.wte(ids) + self.wpe(position_ids))
        total = past_len + t
        # Query i (absolute position past_len + i) may see key j when j <= past_len + i and j is not padding.
        rows = torch.arange(t, device=ids.device).unsqueeze(1) + past_len
        cols = torch.arange(total, device=ids.device).unsqueeze(0)
        allowed = (cols <= rows).unsqueeze(0).unsqueeze(0)
        if attention_mask is not None:
            allowed = allowed & (attention_mask[:, None, None, :] > 0)
        bias = torch.where(allowed, torch.zeros((), dtype=x.dtype), torch.full((), MASK_VALUE, dtype=x.dtype))
        presents, attns = [], []
        for i, block in enumerate(self.blocks):
            pk, pv = (past[i] if past else (None, None))
            x, k, v, att = block(x, bias, pk, pv)
            presents.append((k, v))
            attns.append(att)
        logits = self.head(self.ln_f(x))
        if want_attn:
            return logits, attns
        return logits, presents
