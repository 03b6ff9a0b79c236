/**
 * Students' questions, written without looking at the lessons. accepted: topic ids that answer it, best first; or
 * `outside` (not about how GPT works: "not covered — here is what I teach") or `uncovered` (in the field, on the list
 * of terms without a lesson yet: said so, with the nearest lessons offered). The questions for the seven 2026 topics
 * and the outside/uncovered ones were written and committed before those lessons existed (issue 17).
 */
export interface Question { q: string; accepted: string[] }

/** What a question outside the curriculum, or on a known term without a lesson, is expected to get. */
export const OUTSIDE = 'outside';
export const UNCOVERED = 'uncovered';

export const TUNING_QUESTIONS: Question[] = [
  // gpt
  { q: "GPT这三个字母到底是啥意思", accepted: ["gpt"] },
  { q: "从GPT-1到GPT-4主要变了什么", accepted: ["gpt"] },
  { q: "chatgpt跟gpt是一回事吗", accepted: ["gpt"] },
  { q: "what does the P in GPT stand for", accepted: ["gpt", "pretraining"] },
  { q: "who made gpt and when did it first come out", accepted: ["gpt"] },
  { q: "is chatgpt the same thing as gpt-4??", accepted: ["gpt"] },

  // generative
  { q: "模型是怎么一个字一个字把回答写出来的", accepted: ["generative"] },
  { q: "自回归是什么意思 为啥叫autoregressive", accepted: ["generative"] },
  { q: "生成模型和分类模型有什么不一样", accepted: ["generative"] },
  { q: "how does it come up with new sentences that werent in its training data", accepted: ["generative"] },
  { q: "does the model write the whole answer at once or one word after another", accepted: ["generative", "decoder-only"] },

  // pretraining
  { q: "预训练阶段模型到底在学什么", accepted: ["pretraining"] },
  { q: "没有人标注数据 模型怎么学会说话的", accepted: ["pretraining", "learning-paradigms"] },
  { q: "为什么光预测下一个词就能学到这么多知识", accepted: ["pretraining", "generative"] },
  { q: "what happens in the first stage of training on all that internet text", accepted: ["pretraining"] },
  { q: "why is it called self-supervised if nobody labels anything", accepted: ["pretraining", "learning-paradigms"] },

  // fine-tuning
  { q: "微调和预训练有啥区别", accepted: ["fine-tuning", "pretraining"] },
  { q: "我想让模型专门做客服 要怎么用自己的数据再训练", accepted: ["fine-tuning"] },
  { q: "LoRA是干嘛用的 听说很省显存", accepted: ["fine-tuning"] },
  { q: "what is instruction tuning and why do they do it", accepted: ["fine-tuning", "rlhf"] },
  { q: "can you train an already trained model a bit more on a small labeled dataset", accepted: ["fine-tuning"] },

  // transformer
  { q: "Attention Is All You Need这篇论文讲了啥", accepted: ["transformer", "attention"] },
  { q: "为什么transformer把RNN淘汰了", accepted: ["transformer"] },
  { q: "transfomer里面一层一层的都是些什么东西", accepted: ["transformer"] },
  { q: "why cant rnns handle really long sentences well", accepted: ["transformer"] },
  { q: "what was so special about the 2017 architecture everyone uses now", accepted: ["transformer"] },
  { q: "how come transformers train so much faster than lstms, parallel something?", accepted: ["transformer"] },

  // encoder-decoder
  { q: "BERT和GPT结构上有什么区别", accepted: ["encoder-decoder", "decoder-only"] },
  { q: "encoder和decoder分别负责什么", accepted: ["encoder-decoder", "transformer"] },
  { q: "cross-attention是干嘛的", accepted: ["encoder-decoder", "attention"] },
  { q: "is T5 more like bert or more like gpt", accepted: ["encoder-decoder"] },
  { q: "why do translation models use an encoder and a decoder", accepted: ["encoder-decoder"] },

  // attention
  { q: "注意力机制通俗点讲是怎么回事", accepted: ["attention"] },
  { q: "模型怎么知道“它”指的是前面哪个词", accepted: ["attention"] },
  { q: "attention计算大概分几步", accepted: ["attention", "scaled-dot-product"] },
  { q: "how does a word decide which other words to pay attention to", accepted: ["attention", "qkv"] },
  { q: "explain self attention like im five", accepted: ["attention"] },
  { q: "what are the steps of the attention calculation from start to finish", accepted: ["attention", "scaled-dot-product"] },

  // qkv
  { q: "attention里的Q和K是干嘛的", accepted: ["qkv", "attention"] },
  { q: "query key value分别代表什么意思", accepted: ["qkv"] },
  { q: "Wq Wk Wv这几个矩阵是从哪来的", accepted: ["qkv"] },
  { q: "why do we need three different vectors for every word", accepted: ["qkv"] },
  { q: "whats the diffrence between a key and a value", accepted: ["qkv"] },

  // scaled-dot-product
  { q: "为什么要除以根号dk", accepted: ["scaled-dot-product"] },
  { q: "能不能带我用具体数字算一遍attention", accepted: ["scaled-dot-product", "attention"] },
  { q: "can someone explain softmax(QK^T/sqrt(d_k))V step by step", accepted: ["scaled-dot-product", "attention"] },
  { q: "why scale the dot products, what goes wrong if you dont", accepted: ["scaled-dot-product"] },
  { q: "why multiply Q by K transposed", accepted: ["scaled-dot-product", "qkv"] },

  // softmax
  { q: "分数怎么变成加起来等于1的概率", accepted: ["softmax"] },
  { q: "softmax里为什么要用e的指数", accepted: ["softmax"] },
  { q: "负数的分数也能变成概率吗", accepted: ["softmax"] },
  { q: "what is softmax", accepted: ["softmax"] },
  { q: "how do raw scores turn into percentages that add up to 100", accepted: ["softmax"] },

  // multi-head
  { q: "多头注意力为什么要好几个头", accepted: ["multi-head"] },
  { q: "每个head算完之后怎么合在一起", accepted: ["multi-head"] },
  { q: "why not just use one big attention instead of 8 small ones", accepted: ["multi-head"] },
  { q: "do different heads learn different things like grammar vs meaning", accepted: ["multi-head"] },
  { q: "what does concat then linear mean in multi head attention", accepted: ["multi-head"] },

  // learning-paradigms
  { q: "监督学习和无监督学习的区别是什么", accepted: ["learning-paradigms"] },
  { q: "强化学习跟普通的训练方法有什么不一样", accepted: ["learning-paradigms", "rlhf"] },
  { q: "supervised vs unsupervised vs reinforcement, whats the diff", accepted: ["learning-paradigms"] },
  { q: "is learning from labels different from learning from rewards", accepted: ["learning-paradigms"] },
  { q: "what kind of learning is it when no right answers are given", accepted: ["learning-paradigms", "pretraining"] },

  // generative-risks
  { q: "AI为什么会一本正经地胡说八道", accepted: ["generative-risks"] },
  { q: "模型会有偏见吗 比如性别歧视", accepted: ["generative-risks"] },
  { q: "why does chatgpt make up fake sources", accepted: ["generative-risks"] },
  { q: "what are the dangers of ai writing stuff, like scams or fake news", accepted: ["generative-risks"] },
  { q: "how do companies stop the model from saying harmful things", accepted: ["generative-risks", "rlhf"] },

  // tokens
  { q: "token到底是一个字还是一个词", accepted: ["tokens"] },
  { q: "为什么GPT数不清strawberry里有几个r", accepted: ["tokens"] },
  { q: "BPE分词是怎么工作的", accepted: ["tokens"] },
  { q: "why is api pricing counted in tokens not words", accepted: ["tokens"] },
  { q: "how does the text get chopped into pieces before the model sees it", accepted: ["tokens"] },
  { q: "what does 8k context length mean, 8000 words?", accepted: ["tokens"] },

  // embeddings
  { q: "词向量是怎么来的", accepted: ["embeddings"] },
  { q: "为什么意思相近的词向量也离得近", accepted: ["embeddings"] },
  { q: "embedding矩阵有多大 每一行是什么", accepted: ["embeddings"] },
  { q: "how does a word become a list of numbers", accepted: ["embeddings", "tokens"] },
  { q: "why is king minus man plus woman close to queen", accepted: ["embeddings"] },

  // positional-encoding
  { q: "模型怎么知道词的先后顺序", accepted: ["positional-encoding"] },
  { q: "RoPE旋转位置编码是啥", accepted: ["positional-encoding"] },
  { q: "if attention looks at everything at once how does it know word order", accepted: ["positional-encoding"] },
  { q: "why sine and cosine waves for positions", accepted: ["positional-encoding"] },
  { q: "dog bites man vs man bites dog, how does the model tell them apart", accepted: ["positional-encoding"] },

  // decoder-only
  { q: "GPT为什么只用decoder不要encoder", accepted: ["decoder-only", "encoder-decoder"] },
  { q: "因果mask是干嘛的 为什么不能看后面的词", accepted: ["decoder-only"] },
  { q: "what is a kv cache and why does it make generation faster", accepted: ["decoder-only"] },
  { q: "how does gpt stop itself from peeking at future words during training", accepted: ["decoder-only"] },
  { q: "so gpt only uses half of the transformer?", accepted: ["decoder-only", "transformer"] },

  // sampling
  { q: "同一个问题问两遍为啥答案不一样", accepted: ["sampling"] },
  { q: "tempreture调高调低有什么区别", accepted: ["sampling"] },
  { q: "top-p和top-k有什么不同", accepted: ["sampling"] },
  { q: "whats greedy decoding", accepted: ["sampling"] },
  { q: "how do i make the output less random and more predictable", accepted: ["sampling"] },
  { q: "if i set a seed will i always get the same answer", accepted: ["sampling"] },

  // rlhf
  { q: "RLHF具体是怎么训练的", accepted: ["rlhf"] },
  { q: "奖励模型是怎么学会打分的", accepted: ["rlhf"] },
  { q: "how do humans ranking answers make chatgpt better", accepted: ["rlhf"] },
  { q: "what is PPO used for when training chat models", accepted: ["rlhf"] },
  { q: "how did they make gpt polite and follow instructions instead of just rambling", accepted: ["rlhf", "fine-tuning"] },

  // in-context-learning
  { q: "few-shot和zero-shot提示有什么区别", accepted: ["in-context-learning"] },
  { q: "为什么在提示词里给几个例子模型就会做了 它的参数变了吗", accepted: ["in-context-learning"] },
  { q: "系统提示词是干什么用的", accepted: ["in-context-learning"] },
  { q: "what is chain of thought prompting", accepted: ["in-context-learning", "reasoning-models"] },
  { q: "how can a model learn a new task from examples in the prompt without training", accepted: ["in-context-learning"] },
  { q: "what's a system prompt and why does every chatbot have one", accepted: ["in-context-learning"] },

  // scaling
  { q: "什么是scaling law 规模定律", accepted: ["scaling"] },
  { q: "模型参数越多就一定越聪明吗", accepted: ["scaling"] },
  { q: "Chinchilla说训练数据要多少才合适", accepted: ["scaling"] },
  { q: "what are scaling laws?", accepted: ["scaling"] },
  { q: "why did language models keep getting bigger every year", accepted: ["scaling", "gpt"] },
  { q: "how many tokens should you train a 70 billion parameter model on", accepted: ["scaling"] },

  // reasoning-models
  { q: "o1这种推理模型跟普通GPT有什么不同", accepted: ["reasoning-models"] },
  { q: "DeepSeek-R1是怎么用强化学习学会推理的", accepted: ["reasoning-models"] },
  { q: "模型先想一会儿再回答 那些思考的token是什么", accepted: ["reasoning-models"] },
  { q: "what is test-time compute", accepted: ["reasoning-models"] },
  { q: "how do reasoning models like o3 think before they answer", accepted: ["reasoning-models"] },
  { q: "what does reinforcement learning with verifiable rewards mean", accepted: ["reasoning-models", "rlhf"] },

  // kv-cache
  { q: "KV缓存是什么 为什么能加快生成", accepted: ["kv-cache"] },
  { q: "上下文窗口越长为什么越吃显存", accepted: ["kv-cache"] },
  { q: "GQA分组查询注意力是怎么省内存的", accepted: ["kv-cache", "multi-head"] },
  { q: "what is a KV cache", accepted: ["kv-cache"] },
  { q: "what does flash attention do differently", accepted: ["kv-cache"] },
  { q: "why do models forget things in the middle of a very long document", accepted: ["kv-cache"] },

  // transformer-block
  { q: "transformer块里的前馈网络MLP是做什么的", accepted: ["transformer-block"] },
  { q: "残差连接和层归一化有什么用", accepted: ["transformer-block"] },
  { q: "模型训练时的损失函数交叉熵是怎么算的", accepted: ["transformer-block", "pretraining"] },
  { q: "what is RMSNorm and why do newer models use it", accepted: ["transformer-block"] },
  { q: "how does backpropagation update the weights of gpt", accepted: ["transformer-block", "pretraining"] },
  { q: "what is the residual stream", accepted: ["transformer-block"] },

  // mixture-of-experts
  { q: "什么是混合专家模型", accepted: ["mixture-of-experts"] },
  { q: "MoE模型的路由器怎么决定用哪个专家", accepted: ["mixture-of-experts"] },
  { q: "为什么说Mixtral总参数很多但每个token只用一部分", accepted: ["mixture-of-experts"] },
  { q: "what is a mixture of experts model", accepted: ["mixture-of-experts"] },
  { q: "what's the difference between total and active parameters", accepted: ["mixture-of-experts"] },
  { q: "how does top-2 routing work in moe layers", accepted: ["mixture-of-experts"] },

  // rag-and-tools
  { q: "RAG检索增强生成是什么", accepted: ["rag-and-tools"] },
  { q: "大模型是怎么调用工具和函数的", accepted: ["rag-and-tools"] },
  { q: "AI智能体agent有什么风险", accepted: ["rag-and-tools", "generative-risks"] },
  { q: "how does retrieval augmented generation reduce hallucinations", accepted: ["rag-and-tools"] },
  { q: "how can chatgpt search the web or run code", accepted: ["rag-and-tools"] },
  { q: "what is function calling in the openai api", accepted: ["rag-and-tools"] },

  // outside the curriculum: "not covered", never a lesson
  { q: "who won the 2022 world cup?", accepted: [OUTSIDE] },
  { q: "how do I make banana bread", accepted: [OUTSIDE] },
  { q: "今天北京天气怎么样", accepted: [OUTSIDE] },
  { q: "帮我解这道数学题 x平方等于16", accepted: [OUTSIDE] },
  { q: "what's the capital of australia", accepted: [OUTSIDE] },
  { q: "红烧肉怎么做才好吃", accepted: [OUTSIDE] },

  // in the field, no lesson yet: said so, nearest lessons offered
  { q: "how do diffusion models make images", accepted: [UNCOVERED] },
  { q: "扩散模型是怎么生成图片的", accepted: [UNCOVERED] },
  { q: "what is a convolutional neural network", accepted: [UNCOVERED] },
  { q: "多模态大模型是怎么看懂图片的", accepted: [UNCOVERED] },
];

export const HELD_OUT_QUESTIONS: Question[] = [
  // gpt
  { q: "GPT是哪家公司做的", accepted: ["gpt"] },
  { q: "gpt里那个T是transformer吗", accepted: ["gpt", "transformer"] },
  { q: "so what actually is gpt in simple terms", accepted: ["gpt"] },

  // generative
  { q: "生成式AI的生成两个字怎么理解", accepted: ["generative"] },
  { q: "how is generating text different from just classifying it", accepted: ["generative"] },

  // pretraining
  { q: "GPT一开始是用什么数据训练的 要标签吗", accepted: ["pretraining"] },
  { q: "what does the model learn just by guessing the next word over and over", accepted: ["pretraining", "generative"] },

  // fine-tuning
  { q: "拿自己公司的数据继续训一下GPT 这叫什么", accepted: ["fine-tuning"] },
  { q: "what's low rank adaptation", accepted: ["fine-tuning"] },
  { q: "how do you specialize a general model for medical questions", accepted: ["fine-tuning"] },

  // transformer
  { q: "RNN有梯度消失 transformer是怎么解决的", accepted: ["transformer"] },
  { q: "what replaced lstms and why", accepted: ["transformer"] },
  { q: "whats inside one transformer block", accepted: ["transformer-block", "transformer"] },

  // encoder-decoder
  { q: "encoder-decoder结构适合做什么任务", accepted: ["encoder-decoder"] },
  { q: "how does the decoder look at the encoder output", accepted: ["encoder-decoder"] },

  // attention
  { q: "一句话里每个词是怎么关注别的词的", accepted: ["attention"] },
  { q: "what does attention actually do in a language model", accepted: ["attention"] },
  { q: "how does the model figure out which earlier words matter most for the current one", accepted: ["attention", "qkv"] },

  // qkv
  { q: "Q K V 三个向量是怎么算出来的", accepted: ["qkv"] },
  { q: "what role does the value vector play", accepted: ["qkv"] },

  // scaled-dot-product
  { q: "QK点积之后为什么还要缩放", accepted: ["scaled-dot-product"] },
  { q: "walk me through the attention formula with actual numbers", accepted: ["scaled-dot-product", "attention"] },

  // softmax
  { q: "最后输出的分数要怎么归一化成概率", accepted: ["softmax"] },
  { q: "soft max 和直接取最大值有什么区别", accepted: ["softmax"] },
  { q: "why use exponentials to normalize scores instead of just dividing by the sum", accepted: ["softmax"] },

  // multi-head
  { q: "8个头并行算有什么好处", accepted: ["multi-head"] },
  { q: "why split attention into multiple heads", accepted: ["multi-head"] },

  // learning-paradigms
  { q: "有标签 没标签 有奖励 这三种学习方式咋区分", accepted: ["learning-paradigms"] },
  { q: "which type of machine learning uses rewards and penalties", accepted: ["learning-paradigms", "rlhf"] },

  // generative-risks
  { q: "怎么减少大模型编造事实", accepted: ["generative-risks"] },
  { q: "can ai chatbots be used to do bad stuff like phishing", accepted: ["generative-risks"] },
  { q: "why do llms confidently state wrong facts", accepted: ["generative-risks"] },

  // tokens
  { q: "中文一个汉字算几个token", accepted: ["tokens"] },
  { q: "词表里一共有多少个词 是怎么定的", accepted: ["tokens"] },
  { q: "why does the model split unhappiness into un and happiness", accepted: ["tokens"] },

  // embeddings
  { q: "token变成向量这一步叫什么", accepted: ["embeddings"] },
  { q: "how are similar words placed near each other inside the model", accepted: ["embeddings"] },
  { q: "what is the embedding matrix learned from", accepted: ["embeddings"] },

  // positional-encoding
  { q: "位置编码是加上去的还是学出来的", accepted: ["positional-encoding"] },
  { q: "how does gpt keep track of where each word is in teh sentence", accepted: ["positional-encoding"] },

  // decoder-only
  { q: "生成的时候为什么要缓存之前的key和value", accepted: ["kv-cache", "decoder-only", "qkv"] },
  { q: "what does the triangle mask in gpt do", accepted: ["decoder-only"] },

  // sampling
  { q: "温度设成0会怎么样", accepted: ["sampling"] },
  { q: "nucleus sampling是什么原理", accepted: ["sampling"] },
  { q: "why does it sometimes pick a word that isnt the most likely one", accepted: ["sampling", "generative"] },

  // rlhf
  { q: "人类反馈强化学习跟普通微调有啥不一样", accepted: ["rlhf", "fine-tuning"] },
  { q: "标注员给回答排序是为了训练什么", accepted: ["rlhf"] },
  { q: "how does a reward model know what a good answer is", accepted: ["rlhf"] },

  // in-context-learning
  { q: "提示词里举例子算训练吗", accepted: ["in-context-learning"] },
  { q: "why does saying think step by step make answers better", accepted: ["in-context-learning", "reasoning-models"] },
  { q: "give the model two examples first then ask, what is that technique called", accepted: ["in-context-learning"] },

  // scaling
  { q: "每个参数应该配多少训练token", accepted: ["scaling"] },
  { q: "把模型做大十倍 效果会怎么变", accepted: ["scaling"] },
  { q: "what did the kaplan 2020 paper find about model size and loss", accepted: ["scaling"] },

  // reasoning-models
  { q: "为什么推理模型回答得慢但是数学更好", accepted: ["reasoning-models"] },
  { q: "what are thinking tokens", accepted: ["reasoning-models"] },
  { q: "how was deepseek r1 trained to reason", accepted: ["reasoning-models"] },

  // kv-cache
  { q: "128k上下文的模型推理要多少内存", accepted: ["kv-cache"] },
  { q: "模型量化成int8会变笨吗", accepted: ["kv-cache"] },
  { q: "what is multi-query attention for", accepted: ["kv-cache", "multi-head"] },

  // transformer-block
  { q: "层归一化放在前面和后面有什么区别", accepted: ["transformer-block"] },
  { q: "what does the feed forward layer do after attention", accepted: ["transformer-block"] },
  { q: "what optimizer is used to train gpt models, adamw?", accepted: ["transformer-block"] },

  // mixture-of-experts
  { q: "专家模型里负载均衡是什么意思", accepted: ["mixture-of-experts"] },
  { q: "does deepseek use experts", accepted: ["mixture-of-experts"] },
  { q: "why is a sparse moe model cheaper to run than a dense one of the same size", accepted: ["mixture-of-experts"] },

  // rag-and-tools
  { q: "让模型先查资料再回答 这叫什么", accepted: ["rag-and-tools"] },
  { q: "向量数据库在问答系统里起什么作用", accepted: ["rag-and-tools", "embeddings"] },
  { q: "what can go wrong when an ai agent can click buttons and send emails", accepted: ["rag-and-tools", "generative-risks"] },

  // outside the curriculum
  { q: "what time is the football match tonight", accepted: [OUTSIDE] },
  { q: "怎么学好英语语法", accepted: [OUTSIDE] },
  { q: "can you help me with my chemistry homework on acids", accepted: [OUTSIDE] },
  { q: "周末去哪里玩比较好", accepted: [OUTSIDE] },

  // in the field, no lesson yet
  { q: "what is stable diffusion", accepted: [UNCOVERED] },
  { q: "语音识别模型是怎么工作的", accepted: [UNCOVERED] },
];
