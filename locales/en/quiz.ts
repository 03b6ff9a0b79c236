import type { QuizQuestionText } from '../quiz/types.js';

/** The quiz questions in English, keyed by the ids of locales/quiz/bank.ts. */
const quiz: Record<string, QuizQuestionText> = {
  'gpt-1': {
    question: 'In the name GPT, what does the letter P stand for?',
    options: [
      'Predictive',
      'Programmed',
      'Pre-trained',
      'Parallel',
    ],
    explanations: [
      'GPT does predict the next token, but the letter P is for Pre-trained: the long first stage of learning from raw text.',
      'Its behaviour is not written as rules by programmers; it is learned from data. The P is for Pre-trained.',
      'Right. Before any task, GPT learned general language skill by predicting the next token in a huge amount of unlabelled text.',
      'Transformers do process positions in parallel during training, but that is not in the name. The P is for Pre-trained.',
    ],
  },
  'gpt-2': {
    question: "Which description of GPT's architecture is accurate?",
    options: [
      'A decoder-only Transformer whose attention is causally masked',
      'An encoder that reads the prompt, then a decoder that writes',
      'An encoder-only Transformer that reads text in both directions',
      'A recurrent network that reads one token at a time in a loop',
    ],
    explanations: [
      'Right. GPT keeps only the decoder side of the original Transformer: a stack of blocks in which each token attends to itself and earlier tokens.',
      'That is the original 2017 translation model (and T5). GPT has no encoder and no cross-attention; one stack reads the prompt and writes the reply.',
      'That describes BERT. GPT is decoder-only: each token sees only the tokens before it, which is what writing left to right needs.',
      'That is an RNN, the design Transformers replaced. GPT is a Transformer: attention links all positions, computed in parallel in training.',
    ],
  },
  'gpt-3': {
    question: '"GPT-3 has 175 billion parameters." What are these parameters?',
    options: [
      'The words it read during its long training',
      'The tokens listed in its vocabulary',
      'Facts it has stored in a lookup table',
      'Numbers in the network set by training',
    ],
    explanations: [
      'That is the training data, counted in tokens (about 300 billion for GPT-3). Parameters are the numbers inside the network that training adjusts.',
      "GPT-3's vocabulary has only 50,257 tokens. Parameters are the learned numbers (weights) inside the network.",
      'There is no fact table; knowledge is spread across the weights. Parameters are the numbers that training adjusts.',
      'Right. Parameters (weights) are the numbers adjusted during training; more of them usually means more capacity.',
    ],
  },
  'gpt-4': {
    question: 'Someone says: "ChatGPT is just GPT-3 pretrained on more text." Which training steps does this leave out?',
    options: [
      'An encoder added so it can understand the questions',
      'Masked-word training so it reads in both directions',
      'A database of stored answers it looks up per question',
      'Fine-tuning on sample chats, then RLHF from rankings',
    ],
    explanations: [
      'GPT-style chat models have no encoder; understanding comes from the same decoder stack. What was added is fine-tuning on example dialogues and RLHF.',
      "That is BERT's objective. ChatGPT stays a left-to-right next-token model; the added steps are supervised fine-tuning and RLHF.",
      'It does not look up stored replies; it generates each answer token by token. The missing steps are supervised fine-tuning and RLHF.',
      'Right. After pretraining, ChatGPT was fine-tuned on human-written demonstrations, then trained with RLHF, where people ranked its replies.',
    ],
  },
  'generative-1': {
    question: 'What makes GPT a generative model?',
    options: [
      'It sorts each text into one of a fixed set of labels',
      'It writes new text, choosing one token after another',
      'It finds the best-matching sentence in its training data',
      'It keeps learning from every conversation it has',
    ],
    explanations: [
      'That is a classifier (for example spam or not spam). A generative model produces new text instead of picking a label.',
      'Right. At each step GPT gives every token a probability, picks one, appends it and repeats, producing new text.',
      'GPT does not search for stored sentences; it composes text token by token, so it can write sentences that appear nowhere in its data.',
      'Its weights do not change while it answers; learning happens in training. "Generative" means it produces new text.',
    ],
  },
  'generative-2': {
    question: 'GPT generates text autoregressively. What does that mean?',
    options: [
      'It drafts the whole answer at once, then polishes it',
      'Each token is predicted from all the text before it',
      'It updates its weights after every token it writes',
      'Each token depends on the prompt only, not on its own output',
    ],
    explanations: [
      'GPT never drafts a whole answer first. It produces one token per step, and a token once written is not revised.',
      'Right. The model predicts a token, appends it and feeds the longer text back in, until an end token or a length limit.',
      'No training happens during generation; the weights are fixed. Only the context grows as tokens are appended.',
      'Its own earlier tokens are part of the context too. Every new token is predicted from the prompt plus everything generated so far.',
    ],
  },
  'generative-3': {
    question: 'You ask GPT the same question twice, in two new chats, and get two different answers. What is the most likely reason?',
    options: [
      'Each token is drawn at random from the probabilities',
      'It learned from your first question and changed its weights',
      'It noticed the first answer was wrong and corrected itself',
      'It searched the internet for newer facts the second time',
    ],
    explanations: [
      'Right. With sampling, a less likely token is sometimes picked, and every later token depends on it, so the answers diverge.',
      'Using the model does not train it; its weights stay fixed between chats. The difference comes from random sampling.',
      'In a new chat it has no memory of the first answer and no check of its correctness. The difference comes from random sampling.',
      'A plain GPT model has no internet access; it answers from its weights. The difference comes from sampling.',
    ],
  },
  'generative-4': {
    question: 'Why can one early mistake spoil the rest of a generated answer?',
    options: [
      'The model rewrites earlier tokens, mixing two versions',
      'Attention weights grow with each token until they overflow',
      'Each token is context for the next, so errors carry on',
      'The model forgets the prompt after the first few tokens',
    ],
    explanations: [
      'Tokens already written are never revised. The trouble is the opposite: the mistake stays in the context and later tokens build on it.',
      'Softmax weights always lie between 0 and 1 and sum to 1; they cannot overflow. The mistake persists because it stays in the context.',
      'Right. Every sampled token is fed back as input, so later tokens are predicted to fit it, even when it was wrong.',
      'The whole prompt stays visible as long as it fits in the context window. The problem is that the wrong token is visible too.',
    ],
  },
  'tokens-1': {
    question: 'What does GPT actually receive as its input?',
    options: [
      'The letters of the text, one character at a time',
      'Whole words, each looked up in a dictionary',
      'A list of integer ids, one for each token',
      'Sentences, each handled as one unit of meaning',
    ],
    explanations: [
      'GPT never sees letters. A tokenizer first cuts the text into tokens, and the model only receives their id numbers.',
      'Tokens are not dictionary words: common words are one token, rarer words are split into pieces, and punctuation gets its own token.',
      'Right. The tokenizer turns text into tokens and each token into an id; each id then selects a row of the embedding table.',
      'Text is not fed in as sentences. It is cut into tokens, often word pieces, and each token becomes an id number.',
    ],
  },
  'tokens-2': {
    question: 'Asked how many r\'s are in "strawberry", a model often answers wrong. What is the main reason?',
    options: [
      'It sees one or two token ids, not the letters inside',
      "The word never appeared in the model's training data",
      'The tokenizer drops repeated letters to save space',
      'Attention only looks at the first letter of each word',
    ],
    explanations: [
      "Right. The letters inside a token are not part of the input; the model knows a token's spelling only loosely, so counting letters is guesswork.",
      'A common word like strawberry appears many times in web text. The problem is that the model sees token ids, not the letters inside them.',
      'Tokenization is lossless: decoding the ids gives back the exact text. But the model sees ids, not the letters inside them.',
      'Attention works on whole tokens, not letters; no letter is ever its input. The word reaches the model as one or a few token ids.',
    ],
  },
  'tokens-3': {
    question: "How does byte-pair encoding (BPE) build a tokenizer's vocabulary?",
    options: [
      'It gives every word in a big dictionary its own id number',
      'It splits text at each space, so every token is one word',
      'Linguists choose the prefixes, roots and suffixes by hand',
      'From single bytes, it keeps merging the most frequent pair',
    ],
    explanations: [
      'A dictionary vocabulary could not handle new words or typos. BPE learns merges from data, so any text can be encoded from bytes.',
      'Tokens often are not whole words: rare words become several pieces, spaces usually join the next token, and Chinese has no spaces at all.',
      'No one picks the pieces. BPE finds them by counting which adjacent symbols occur together most often in a large text collection.',
      'Right. Starting from bytes, it repeatedly merges the most frequent adjacent pair into a new token until the vocabulary is big enough.',
    ],
  },
  'tokens-4': {
    question: 'GPT-2 has a context window of 1,024 tokens. What does that limit?',
    options: [
      'Prompt and generated text together, in tokens',
      'The number of different tokens in its vocabulary',
      'Any text up to 1,024 words, whatever the language',
      'How many questions it can answer before retraining',
    ],
    explanations: [
      'Right. Input and output must fit together in 1,024 tokens; text beyond that has to be cut or dropped.',
      "GPT-2's vocabulary has 50,257 tokens. The context window is how many tokens the model can take in at once.",
      'The limit counts tokens, not words. An English token is about ¾ of a word, and GPT-2 often needs more than one token per Chinese character.',
      'The model does not wear out with use, and answering never retrains it. The window limits how many tokens fit into one input.',
    ],
  },
  'pretraining-1': {
    question: 'During pretraining, which task does GPT practise billions of times?',
    options: [
      'Filling in words hidden in the middle of a sentence',
      'Predicting the next token from the tokens before it',
      'Answering quiz questions written by human teachers',
      'Sorting texts into topics such as sport or science',
    ],
    explanations: [
      "That is BERT's masked-word objective. GPT reads left to right and always predicts the next token from the ones before it.",
      'Right. Given the text so far, it predicts what comes next and learns from the real next token in the text.',
      'Human-written question and answer pairs are used later, in fine-tuning. Pretraining uses plain unlabelled text.',
      "That is classification, a supervised task with labels. GPT's pretraining needs no labels: it predicts the next token.",
    ],
  },
  'pretraining-2': {
    question: 'Pretraining uses billions of web pages that nobody labelled. How can the model learn without labels?',
    options: [
      'A smaller model labels the pages automatically first',
      "It does need labels: people mark each sentence's meaning",
      'It only memorises the pages, so nothing is graded',
      'The text itself: each next token is the answer to guess',
    ],
    explanations: [
      'No labelling model is needed. The target for each position is simply the next token of the same text.',
      'Labelling billions of pages by hand would be impossible. The text supplies its own targets: each next token.',
      'Every prediction is graded: the loss measures how much probability the model gave to the real next token.',
      'Right. The targets are the inputs shifted by one position, so the data labels itself. This is called self-supervised learning.',
    ],
  },
  'pretraining-3': {
    question: "How does GPT's pretraining use one 100-token sequence from the corpus?",
    options: [
      'One forward pass predicts the next token at every position',
      "Only the last position's prediction is scored",
      'It runs 100 passes one after another, one per prefix',
      'It first writes its own text, then compares it with the page',
    ],
    explanations: [
      'Right. The causal mask keeps each position from seeing later tokens, so all positions are trained in one pass, each on the true prefix.',
      'That would waste 99 of 100 chances to learn. Thanks to the causal mask, every position predicts its own next token in the same pass.',
      'That is how generation works, step by step. In training the true text is known, so all positions are predicted in parallel.',
      'Training uses teacher forcing: the model is always given the true prefix, never its own samples, and predicts the next token.',
    ],
  },
  'pretraining-4': {
    question: 'What does a model gain from getting good at next-token prediction on a huge corpus?',
    options: [
      'Spelling only; facts must be added in fine-tuning',
      'Nothing useful until a person checks each prediction',
      'Grammar, word meanings and facts about the world',
      'An exact copy of every page, to look up when asked',
    ],
    explanations: [
      'To predict well it must absorb facts too ("Paris is the capital of" → France). Fine-tuning mostly shapes behaviour, not knowledge.',
      'No person checks predictions; the real next token does. Pretraining alone already yields grammar, meanings and facts.',
      'Right. Predicting the next token well requires knowing how language works and what is true about the world, so these end up in the weights.',
      'The weights are far too small to store the corpus; they hold compressed patterns. Some text is memorised, but mostly it generalises.',
    ],
  },
  'learning-paradigms-1': {
    question: 'A spam filter is trained on thousands of e-mails, each marked "spam" or "not spam". Which kind of learning is this?',
    options: [
      'Supervised learning',
      'Unsupervised learning',
      'Reinforcement learning',
      'Self-supervised learning',
    ],
    explanations: [
      'Right. Every example comes with the correct answer (a label), and the model learns to predict it for new e-mails.',
      'Unsupervised learning has no labels at all; it finds structure such as clusters. Here every e-mail carries a label.',
      'Reinforcement learning gets rewards for actions, never the correct answer. Here each e-mail comes with its correct label.',
      'Self-supervised targets come from the data itself, like the next word. Here people supplied the labels, so it is supervised.',
    ],
  },
  'learning-paradigms-2': {
    question: "GPT's training pipeline has three stages. Which one is reinforcement learning?",
    options: [
      'Pretraining, rewarded for each correct next-word guess',
      'Supervised fine-tuning on human-written answers',
      'RLHF, where a reward model scores sampled answers',
      "A later stage in which users' chats retrain it live",
    ],
    explanations: [
      'Pretraining is told the correct next token at every position and gets a cross-entropy loss: direct feedback, so it is self-supervised, not RL.',
      'Imitating human-written demonstrations with a cross-entropy loss is supervised learning. The RL stage comes after it.',
      'Right. The model generates answers, a reward model trained on human rankings scores them, and PPO updates the model to raise the score.',
      "Deployed models are not retrained live from each chat. The RL stage is RLHF, done before release with a reward model trained on labellers' rankings.",
    ],
  },
  'learning-paradigms-3': {
    question: 'What kind of feedback does a reinforcement learning agent receive?',
    options: [
      'The correct action for every situation it meets',
      'A reward or penalty, not the right answer',
      'No feedback at all; it finds patterns by itself',
      'The true next token of a text, as in pretraining',
    ],
    explanations: [
      'Being told the correct answer is supervised learning. An RL agent only learns how good its actions were, often much later.',
      'Right. The environment scores what the agent did, often with delay, and the agent learns a sequence of actions that earns more reward.',
      'Learning with no feedback is unsupervised learning. An RL agent does get feedback: rewards and penalties.',
      'Predicting the next token is self-supervised learning with direct targets. RL feedback is a reward for the actions taken.',
    ],
  },
  'learning-paradigms-4': {
    question: 'Pretraining uses hundreds of billions of tokens, while fine-tuning and RLHF use far less data. Why?',
    options: [
      'Later stages need less data because the model runs faster',
      'Raw text is abundant; labels and rankings cost human work',
      'Human labels are free, but there are few of them online',
      'More data in later stages would erase what pretraining taught',
    ],
    explanations: [
      'Speed is not the reason. Fine-tuning needs little data because it builds on what pretraining learned, and its data is costly.',
      'Right. Self-supervised pretraining can use almost unlimited text; each later stage needs people to write or compare answers, so it is smaller.',
      'Human labels are the expensive part: people must write answers or rank replies. Raw text needs no labelling at all.',
      'Long training on narrow data can cause forgetting, but that is not why these datasets are small: labels and human rankings are expensive.',
    ],
  },
  'fine-tuning-1': {
    question: 'What is fine-tuning?',
    options: [
      'Training a new model from scratch on the task data only',
      'Choosing a temperature and top-p that suit the task',
      'Writing a longer prompt that explains the task well',
      'Training a pretrained model more on labelled examples',
    ],
    explanations: [
      'Fine-tuning starts from the pretrained weights and keeps their language skill; that is why it needs far less data than training from scratch.',
      'Those are sampling settings; they change how tokens are picked, not the model. Fine-tuning changes the weights by training.',
      'A prompt changes only the input; the weights stay the same. Fine-tuning trains the model further.',
      'Right. The model keeps what pretraining taught it and adjusts its weights toward a task, using far less data and compute.',
    ],
  },
  'fine-tuning-2': {
    question: "You put three solved examples in the prompt, and GPT solves a fourth in the same style. This is few-shot prompting. What happened to the model's weights?",
    options: [
      'Nothing; it adapts from the examples in its context',
      'They were briefly fine-tuned on the three examples',
      'The examples were added to the vocabulary as new tokens',
      'They changed for your account only and reset later',
    ],
    explanations: [
      'Right. This is in-context learning: the examples steer the predictions through attention. Nothing is stored; a new chat starts without them.',
      'No training step runs when you send a prompt. The examples only act as context; the weights are unchanged.',
      'The vocabulary is fixed before training. The examples are just tokens in the prompt that the model attends to.',
      'Weights are shared by all users and do not change at use time. The examples work only while they are in the context.',
    ],
  },
  'fine-tuning-3': {
    question: 'What is catastrophic forgetting?',
    options: [
      'Losing the start of a prompt longer than the context window',
      'Deleting the pretraining data once training is done',
      'Losing general skills after heavy training on narrow data',
      'Not remembering what a user said in an earlier chat',
    ],
    explanations: [
      'That is the context limit: text beyond the window is cut. Catastrophic forgetting is about training wearing away skills.',
      'Deleting data does not change the trained weights. Catastrophic forgetting happens in the weights during further training.',
      'Right. Training too long or too hard on a small dataset can overwrite general abilities. Low learning rates and mixed-in general data help.',
      'Separate chats sharing no memory is by design, not forgetting. Catastrophic forgetting means training erases skills.',
    ],
  },
  'fine-tuning-4': {
    question: 'What does LoRA train when it fine-tunes a large model?',
    options: [
      'Every weight of the model, but with a smaller learning rate',
      'A small low-rank update added on top of frozen weights',
      'Only the embedding table, leaving every layer unchanged',
      "A separate small model that rewrites the big one's answers",
    ],
    explanations: [
      'That is ordinary full fine-tuning. LoRA freezes the original weights and trains only a small add-on.',
      'Right. LoRA learns two thin matrices whose product is added to a frozen weight matrix, so only a tiny fraction of the parameters is trained.',
      'LoRA usually adapts the weight matrices inside the layers, such as the attention projections, not just the embeddings.',
      "LoRA does not add a second model. Its low-rank update acts inside the network's own weight matrices and can be merged into them.",
    ],
  },
  'fine-tuning-5': {
    question: 'A prompt says only "Translate into French: cheese", with no examples, and the model answers "fromage". What is this called?',
    options: [
      'Few-shot prompting',
      'Fine-tuning',
      'Zero-shot prompting',
      'Reinforcement learning',
    ],
    explanations: [
      'Few-shot prompting puts a few solved examples in the prompt. Here there are none, only the instruction.',
      'Fine-tuning trains the weights on labelled examples. Here nothing is trained; the model simply follows the instruction.',
      'Right. The task is described but no example is given; the model relies on what its training taught it, and no weights change.',
      'Reinforcement learning improves a policy from rewards over many trials. Here the model answers once, and nothing is learned.',
    ],
  },
  'rlhf-1': {
    question: 'In RLHF, what do the human labellers mainly do?',
    options: [
      'Write the next word for each sentence of pretraining data',
      "Adjust the model's weights by hand, one at a time",
      'Rank several answers to one prompt, best to worst',
      'Write the rules the chatbot must follow word for word',
    ],
    explanations: [
      "Pretraining needs no labellers: the next word is already in the text. In RLHF, people compare the model's own answers.",
      'With billions of weights, nobody edits them by hand. People rank answers, and training turns those rankings into weight updates.',
      'Right. Comparing answers is easier and more consistent than scoring each one alone; a reward model learns from these rankings.',
      'RLHF does not hand the model a rulebook. People rank its answers, and the model is trained to prefer what they preferred.',
    ],
  },
  'rlhf-2': {
    question: 'What is the reward model in RLHF?',
    options: [
      'A model trained on human rankings to score answers',
      'The labellers themselves, scoring every answer live',
      'A count of the thumbs-up clicks from users of the app',
      'The pretrained GPT before it was fine-tuned at all',
    ],
    explanations: [
      'Right. It learns to predict which answer people would prefer, so it can score many answers quickly during the RL stage.',
      'Humans are far too slow to score every answer during training. The reward model, trained on their rankings, stands in for them.',
      'The classic recipe uses rankings by hired labellers, not app clicks. A reward model learns from those rankings and gives a score.',
      'The pretrained model is a starting point, not a judge. The reward model is a separate network trained on human rankings.',
    ],
  },
  'rlhf-3': {
    question: 'During RLHF, a KL penalty keeps the model close to its fine-tuned (SFT) version. Why?',
    options: [
      'It lets the training skip the reward model altogether',
      'It keeps answers short by counting generated tokens',
      'It makes the output the same for the same prompt',
      'So it cannot drift into text that games the reward model',
    ],
    explanations: [
      'The penalty works alongside the reward model, not instead of it. (Methods like DPO drop the reward model, but that is another recipe.)',
      "The penalty measures how far the model's probabilities drift from the SFT model, not how long its answers are.",
      'Outputs still vary with sampling. The penalty limits drift from the SFT model; it does not fix the output.',
      'Right. The reward model is imperfect; without the penalty, the policy can find strange outputs that score high but read badly.',
    ],
  },
  'rlhf-4': {
    question: 'After RLHF, a model starts giving longer, more flattering answers that are not more correct, because the reward model happens to score them higher. What is this called?',
    options: [
      'Hallucination',
      'Catastrophic forgetting',
      'Reward hacking',
      'Prompt injection',
    ],
    explanations: [
      'Hallucination means stating false things confidently. Here the model exploits a flaw in its reward signal: reward hacking.',
      'Catastrophic forgetting is losing general skills on narrow data. Here the model learned to please a flawed reward model.',
      "Right. The model finds answers that raise the reward model's score without being better. The KL penalty and better reward data limit it.",
      'Prompt injection is hidden instructions in content the model reads. Here the model is gaming its reward model: reward hacking.',
    ],
  },
};

export default quiz;
