import type { LessonFacts } from './types.js';

export default {
  en: [/hallucinat|fabricat|invent/i, /bias/i, /privacy|phone number|memori[sz]/i, /check|review|verif/i],
  zh: [/幻觉|编造|捏造/, /偏见/, /隐私|电话号码|记住/, /核实|核对|核查|复核|把关/],
} satisfies LessonFacts;
