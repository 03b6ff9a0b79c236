import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Sampling: temperature, top-k, top-p',
  summary: 'How the next token is picked from the model’s probabilities: greedy, temperature, top-k, top-p and seeds.',
  keywords: [
    'sampling',
    'sampling strategy',
    'decoding strategy',
    'temperature',
    'temperature setting',
    'top-k',
    'top k',
    'top-p',
    'top p',
    'nucleus sampling',
    'greedy decoding',
    'greedy search',
    'beam search',
    'random seed',
    'seed',
    'randomness',
    'deterministic output',
    'creativity setting',
    'different answer every time',
    'same question different answers',
  ],
  levels: {
    kid: `Every time GPT is about to write a word, it holds a spinning prize wheel. Each word it could write next gets a slice, and the more likely the word, the bigger the slice. After "The cat sat on the ...", "mat" has a huge slice, "sofa" a medium one, "roof" a small one and "moon" just a thin sliver.

How does GPT choose?

- **Greedy**: always take the biggest slice. Safe, but boring, and it can get stuck saying the same thing again and again.
- **Spin the wheel**: big slices still win most of the time, but sometimes a surprise wins. That's why the same question can get different answers.

People can turn a few knobs on the wheel:

- **Temperature**: turn it down and the big slices grow while the small ones shrink, so answers become careful and predictable. Turn it up and the slices become more equal, so answers get wild. Maybe the cat sits on the moon! 🌙
- **Top-k**: before spinning, cut away every slice except the k biggest ones, for example the top 2.
- **Top-p**: keep only the biggest slices that together fill most of the wheel, say 90%, and throw away the tiny slivers.

And the **seed**? Think of it as deciding in advance exactly how the wheel will spin. Use the same seed with the same question and settings, and you get the very same story again.`,
    beginner: `At each step GPT gives every token in its vocabulary a probability of coming next. *Sampling* is how one token is picked from that list. Say that after "The cat sat on the" the model gives:

\`\`\`
mat 61%   sofa 22%   roof 14%   moon 3%
\`\`\`

**Greedy decoding** always takes the top token, "mat". It is deterministic (same input, same output) but often dull, and it can fall into loops that repeat a phrase.

**Random sampling** draws a token according to the probabilities: "mat" 61% of the time, "moon" 3% of the time. Settings change the odds first:

- **Temperature** (T): below 1 the odds get sharper, above 1 flatter. At T = 0.5 "mat" rises to 84%; at T = 2 it falls to 43% and "moon" climbs to 10%. As T approaches 0, sampling turns into greedy.
- **Top-k**: keep only the k most likely tokens. With k = 2 only mat and sofa remain, rescaled so they add up to 100%: 73% and 27%.
- **Top-p** (nucleus sampling): keep the smallest group of top tokens whose probabilities add up to at least p. With p = 0.9: mat + sofa = 83%, not enough; adding roof gives 97%. So three stay, rescaled to 63%, 23%, 14%, and "moon" can no longer appear.

Low temperature suits facts and code; higher temperature suits brainstorming and stories.

A **random seed** fixes the random numbers used for the draws, so the same seed, prompt and settings reproduce the same text.`,
    expert: `At step \`t\` the model outputs logits \`z ∈ ℝ^|V|\`. The sampling distribution is

\`\`\`
p_i = exp(z_i / T) / Σ_j exp(z_j / T)
\`\`\`

- **Greedy**: \`argmax_i z_i\`, the \`T → 0\` limit; deterministic, prone to degenerate repetition. Beam search keeps the \`b\` best partial sequences instead.
- **Temperature**: \`T < 1\` sharpens, \`T > 1\` flattens, \`T = 1\` is the model's own distribution.
- **Top-k**: keep the \`k\` largest \`p_i\`, zero the rest, renormalise.
- **Top-p / nucleus** (Holtzman et al. 2019): sort descending, keep the smallest prefix with cumulative mass \`≥ p\`, renormalise. The candidate set adapts to the model's confidence, unlike a fixed \`k\`.

Example: \`z = (2.0, 1.0, 0.5, −1.0)\` for (mat, sofa, roof, moon):

\`\`\`
T = 1     p = 0.61  0.22  0.14  0.03
T = 0.5   p = 0.84  0.11  0.04  0.002
T = 2     p = 0.43  0.26  0.21  0.10
top-k, k=2 (T=1):   0.73  0.27  0     0
top-p, p=0.9 (T=1): cum 0.61 0.83 0.97 → 0.63  0.23  0.14  0
\`\`\`

Usual order: scale by \`T\`, filter (top-k, then top-p), renormalise, draw with a pseudo-random generator. A fixed seed makes the draws reproducible for the same model, input and settings, though batched GPU kernels can still add small floating-point nondeterminism.`,
  },
} satisfies LessonText;
