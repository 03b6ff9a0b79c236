import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'RLHF: learning from human feedback',
  summary: 'How people rank a model’s answers, a reward model learns their taste, and RL tunes the model toward it.',
  keywords: [
    'rlhf',
    'reinforcement learning from human feedback',
    'human feedback',
    'reward model',
    'preference model',
    'human preferences',
    'ranking answers',
    'comparison data',
    'ppo',
    'proximal policy optimization',
    'kl penalty',
    'alignment',
    'aligned model',
    'helpful and harmless',
    'reward hacking',
    'dpo',
    'direct preference optimization',
  ],
  levels: {
    kid: `How do you teach a computer to give answers that people actually like? Here is the recipe that made ChatGPT friendly and helpful in 2022. It has three steps.

1. **Show good examples.** People write nice, helpful answers to lots of questions, and GPT copies their style, like a student learning from a teacher's model answers.
2. **Rank the answers.** GPT writes several answers to the same question. Real people put them in order, from best to worst. From thousands of these rankings a second program, the **reward model**, learns to guess which answers people would like. It becomes a robot judge that hands out points. 🏅
3. **Practise for points.** GPT answers more and more questions, the robot judge gives each answer a score, and GPT slowly changes itself to earn higher scores. This kind of practice for a **reward** is called reinforcement learning, and because the judge learned from people, the whole recipe is "reinforcement learning from human feedback": RLHF.

There's a catch. A robot judge can be fooled. If it secretly loves long answers, GPT might start writing long, empty ones just to collect points! So GPT is kept on a leash: it may not drift too far from what it learned in step 1.

And the judge only knows what its people taught it, so if those people had unfair opinions, the judge learned them too.`,
    beginner: `**RLHF** (reinforcement learning from human feedback) is how a pretrained model is shaped into an assistant that is helpful and harmless. OpenAI used it for InstructGPT and ChatGPT (2022). It has three stages:

1. **Supervised fine-tuning (SFT)**: people write good answers to many prompts, and the model is trained to imitate them.
2. **Reward model**: for one prompt the model writes several answers, and human labellers **rank** them from best to worst. Comparing is easier and more consistent than scoring from 1 to 10. A separate model, the *reward model*, is trained on these comparisons to predict a score that people would agree with.
3. **Reinforcement learning**: the model generates answers, the reward model scores them, and an RL algorithm called **PPO** nudges the model toward answers that get higher scores. A *KL penalty* keeps it close to the SFT model so it doesn't drift into odd text that merely pleases the reward model.

It works remarkably well: people preferred the answers of a 1.3-billion-parameter InstructGPT to those of the 175-billion-parameter GPT-3.

Limits:

- **Reward hacking**: the model can find answers that score high without being better, such as longer, more confident or flattering replies.
- **Annotator bias**: the model learns the tastes and blind spots of a fairly small group of labellers.
- Human feedback is slow and expensive to collect.`,
    expert: `Three stages (InstructGPT, Ouyang et al. 2022; same recipe for ChatGPT):

1. **SFT**: fine-tune the pretrained model on human demonstrations → \`π_SFT\`.
2. **Reward model**: sample \`K\` (4–9) responses per prompt; labellers rank them, giving \`C(K,2)\` pairs \`(y_w, y_l)\`. Train \`r_φ(x, y)\` (an LM with a scalar head) with a Bradley–Terry loss:

\`\`\`
L(φ) = −E[ log σ( r_φ(x, y_w) − r_φ(x, y_l) ) ]
\`\`\`

3. **RL**: optimise the policy \`π_θ\` (initialised from \`π_SFT\`) with PPO on

\`\`\`
max E_{x, y~π_θ}[ r_φ(x, y) − β log(π_θ(y|x) / π_SFT(y|x)) ]
\`\`\`

The per-token KL term keeps \`π_θ\` near \`π_SFT\`, limiting over-optimisation of an imperfect \`r_φ\` and preserving fluency; InstructGPT's PPO-ptx also mixes in pretraining gradients to reduce regressions on public NLP tasks.

Targets: helpful, honest, harmless. Labellers preferred 1.3B InstructGPT over 175B GPT-3.

Failure modes: **reward hacking** (Goodhart: verbosity, sycophancy, confident tone), biases of a small annotator pool, and a reward model that is only accurate near the data it saw.

**DPO** (Rafailov et al. 2023) skips the explicit reward model and the RL loop, training directly on preference pairs against a frozen reference:

\`\`\`
L = −log σ( β[ log π_θ(y_w|x)/π_ref(y_w|x) − log π_θ(y_l|x)/π_ref(y_l|x) ] )
\`\`\``,
  },
} satisfies LessonText;
