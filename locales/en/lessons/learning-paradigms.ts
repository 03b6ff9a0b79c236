import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Supervised, unsupervised, reinforcement',
  summary: 'The three main ways machines learn (with labels, without labels, from rewards) and where each appears in GPT.',
  keywords: [
    'supervised learning',
    'unsupervised learning',
    'reinforcement learning',
    'supervised vs unsupervised',
    'types of machine learning',
    'learning paradigms',
    'labelled data',
    'labeled data',
    'unlabeled data',
    'labels',
    'reward',
    'clustering',
    'agent',
  ],
  levels: {
    kid: `There are three main ways a computer can learn, and you already know all of them from real life.

1. **With answers (supervised learning).** A teacher shows you flashcards: a picture of an apple, and on the back the word "apple". You guess, flip the card, and find out right away if you were right. A computer can learn to spot junk emails the same way, from lots of emails already marked "junk" or "not junk".

2. **Without answers (unsupervised learning).** Someone hands you a big box of mixed buttons and says nothing. You still sort them: round ones here, square ones there, shiny ones over there. Nobody told you the groups; you found them. Shops do this to find groups of customers who buy similar things.

3. **With points (reinforcement learning).** You play a video game. Nobody tells you each move; you just win points for good moves and lose a life for bad ones. After many games you know a whole plan of moves. 🎮

GPT uses all three! First it reads tons of text and learns by guessing the next word; the text holds the answer, so no teacher is needed. Then it studies examples with good answers. Finally, people rate its replies, like handing out points, so it learns to be more helpful.`,
    beginner: `Machine learning has three classic paradigms. Side by side:

\`\`\`
          supervised     unsupervised    reinforcement
data      labelled       no labels       decisions in an environment
feedback  direct         none            rewards
goal      predict        find hidden     learn a sequence
          outcomes       structure       of actions
\`\`\`

- **Supervised learning**: every example comes with the correct answer (a *label*). A spam filter learns from thousands of emails already marked "spam" or "not spam", then predicts the label of new ones.
- **Unsupervised learning**: no labels, no feedback. The algorithm finds structure on its own, e.g. *clustering* customers into groups with similar shopping habits.
- **Reinforcement learning (RL)**: an *agent* acts, and the environment answers with rewards or penalties. A game-playing program learns which sequence of moves wins.

How GPT fits in:

- Pretraining is **self-supervised**, a kind of unsupervised learning: the text supplies its own targets (the next word), so nobody labels anything.
- Fine-tuning is **supervised**: human-written example answers serve as labels.
- **RLHF** (reinforcement learning from human feedback): people rank the model's replies, a *reward model* learns their preferences, and RL nudges the chat model toward the answers people prefer.`,
    expert: `The three paradigms differ in the signal that drives the update.

- **Supervised**: data \`{(x_i, y_i)}\` with labels; minimise a loss \`ℓ(f_θ(x), y)\`; feedback is direct and per example. E.g. a spam classifier trained on labelled emails, house-price regression.
- **Unsupervised**: data \`{x_i}\` only, no labels and no feedback; learn structure in \`p(x)\`: clustering (k-means customer segmentation), dimensionality reduction (PCA), density estimation.
- **Reinforcement**: an agent in an MDP \`(S, A, P, R, γ)\` takes actions, receives scalar rewards and learns a policy \`π(a|s)\` maximising expected return \`E[Σ γ^t r_t]\`. Feedback is delayed and evaluative, never the correct action. E.g. game-playing agents (Atari, Go).

GPT's training pipeline uses all three:

1. **Pretraining**, self-supervised: labels are derived from the input (\`y_t = x_{t+1}\`), so it is density estimation of \`p(x)\` through a supervised-looking loss; usually classed as unsupervised.
2. **Supervised fine-tuning (SFT)**: cross-entropy on human-written demonstrations (prompt → ideal response).
3. **RLHF**: humans rank sampled responses; a reward model \`r_φ(x, y)\` is fitted to the pairwise comparisons; the policy is optimised with PPO to maximise \`r_φ\` minus a KL penalty that keeps it close to the SFT model.

Self-supervision is what makes scale possible: raw text is nearly unlimited, while labels and human comparisons are expensive, so each later stage uses orders of magnitude less data.`,
  },
} satisfies LessonText;
