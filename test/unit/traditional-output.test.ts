/**
 * Every Chinese text the tutor shows — lessons, quiz questions, UI strings, command descriptions — converted for
 * Taiwan (zh-Hant) and Hong Kong (zh-HK) readers: no mainland word where the region says another, no 里/后 (or 隻,
 * 髮, 錶) picked wrongly by character, corner quotes, and no space after full-width punctuation in the sources.
 * When a new lesson fails here, reword the Simplified source or add the word to locales/zh/traditional.ts.
 */
import { describe, expect, it } from 'vitest';
import { toScript } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import { chineseTexts } from '../../training/chinese-texts.js';

/**
 * Mainland words and what the region writes instead. Left out on purpose: 文件 (in Taiwan and Hong Kong it is a
 * document, as in 檢索到的文件; a file to upload is 檔案, which OpenCC writes), 登錄 (to register; and 未登錄詞, an
 * out-of-vocabulary word), and, for Hong Kong, 數據 網絡 軟件 硬件 概率 用戶 智能 (Hong Kong's own words).
 */
const MAINLAND_TERMS: Record<'zh-Hant' | 'zh-HK', Record<string, string>> = {
  'zh-Hant': {
    數據: '資料', 網絡: '網路', 信息: '資訊', 概率: '機率', 代碼: '程式碼', 內存: '記憶體', 程序: '程式',
    軟件: '軟體', 硬件: '硬體', 默認: '預設', 視頻: '影片', 質量: '品質', 服務器: '伺服器', 鼠標: '滑鼠',
    屏幕: '螢幕', 打印: '列印', 菜單: '選單', 字符: '字元', 字節: '位元組', 緩存: '快取', 激活: '啟用',
    反饋: '回饋', 掩碼: '遮罩', 智能: '智慧', 互聯網: '網際網路', 芯片: '晶片', 博客: '部落格', 文件夾: '資料夾',
    採樣: '取樣', 並行: '平行', 串行: '循序',
    // OpenCC's Taiwan computing words, wrong in machine learning and mathematics.
    引數: '參數', 函式: '函數', 連線: '連接', 字首: '前綴', 迴圈神經: '循環神經', 智慧體: '代理人',
  },
  'zh-HK': {
    信息: '資訊', 內存: '記憶體', 默認: '預設', 程序: '程式', 代碼: '程式碼', 視頻: '影片', 質量: '質素',
    服務器: '伺服器', 鼠標: '滑鼠', 字符: '字元', 字節: '位元組', 設置: '設定', 導入: '匯入', 博客: '網誌',
    文件夾: '資料夾',
  },
};

/** Words that contain a mainland term but are not it: 一連串行動 is “a series of actions”, not 串行. */
const NOT_THE_TERM = ['一連串行動'];

/** Characters OpenCC picks by the character where the word needs another, each with the words where it is right. */
const CHARACTER_ERRORS: { name: string; pattern: RegExp }[] = [
  { name: '里 for 裡/裏 (only 公里, 英里, 里程… keep 里)', pattern: /(?<![公英海鄰千萬故])里(?![程長])/u },
  { name: '后 for 後 (only 皇后, 王后, 太后… keep 后)', pattern: /(?<![皇王太天影歌母])后(?![羿妃])/u },
  { name: '隻 for 只 (隻 counts animals: 一隻, 這隻, 幾隻)', pattern: /(?<![一二兩三四五六七八九十百千幾這那每某半])隻/u },
  { name: '髮 for 發 (頭髮 is hair; 發現 is to find)', pattern: /髮(?=[現生明送佈展揮出表])/u },
  { name: '錶 for 表 (錶 is a watch: 鐘錶, 手錶)', pattern: /(?<![鐘手])錶/u },
  { name: '複制 for 複製', pattern: /複制/u },
  { name: '麵 for 面 (麵 is noodles or dough)', pattern: /[前後裡裏上下外對]麵/u },
  { name: 'curly quotes (Traditional uses 「」 and 『』)', pattern: /[“”‘’]/u },
];

/** Each region's own form of 裡/裏: Taiwan writes 裡, Hong Kong 裏. */
const OTHER_REGION_FORMS: Record<'zh-Hant' | 'zh-HK', RegExp> = { 'zh-Hant': /裏/u, 'zh-HK': /裡/u };

const texts = chineseTexts();

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 8), index + 10).replace(/\n/g, '⏎');
}

/** `where: …context…` for every match of the pattern in the converted texts. */
function findings(locale: Locale, pattern: RegExp, ignoring: readonly string[] = []): string[] {
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  return texts.flatMap(({ where, text }) => {
    const converted = ignoring.reduce((out, word) => out.replaceAll(word, '　'), toScript(locale, text));
    return [...converted.matchAll(global)].map((match) => `${where}: …${around(converted, match.index)}…`);
  });
}

describe('the corpus covers what the tutor shows', () => {
  it('has every lesson, quiz question, UI string and command description', () => {
    const kinds = new Set(texts.map(({ where }) => where.split(' ')[0]));
    expect([...kinds].sort()).toEqual(['command', 'lesson', 'quiz', 'ui']);
    expect(texts.length).toBeGreaterThan(1000);
  });
});

for (const locale of ['zh-Hant', 'zh-HK'] as const) {
  describe(`${locale} output`, () => {
    it.each(Object.entries(MAINLAND_TERMS[locale]))('never says %s (the region says %s)', (term) => {
      expect(findings(locale, new RegExp(term, 'u'), NOT_THE_TERM)).toEqual([]);
    });

    it.each(CHARACTER_ERRORS)('has no $name', ({ pattern }) => {
      expect(findings(locale, pattern)).toEqual([]);
    });

    it("writes the region's own 裡/裏", () => {
      expect(findings(locale, OTHER_REGION_FORMS[locale])).toEqual([]);
    });
  });
}

describe('conversion', () => {
  it('uses phrases of the region, not only characters', () => {
    expect(toScript('zh-Hant', '训练数据存在内存里，由程序读取网络上的信息')).toBe('訓練資料存在記憶體裡，由程式讀取網路上的資訊');
    expect(toScript('zh-HK', '训练数据存在内存里，由程序读取网络上的信息')).toBe('訓練數據存在記憶體裏，由程式讀取網絡上的資訊');
  });

  it('writes corner quotes, outer 「」 and inner 『』', () => {
    expect(toScript('zh-Hant', '他说：“这叫‘注意力’。”')).toBe('他說：「這叫『注意力』。」');
  });

  it('leaves Simplified and English alone', () => {
    expect(toScript('zh', '“数据”')).toBe('“数据”');
    expect(toScript('en', '“data”')).toBe('“data”');
  });
});

describe('zh sources', () => {
  it('put no space after full-width punctuation (outside code)', () => {
    const spaced = texts.flatMap(({ where, text }) => {
      const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
      return [...prose.matchAll(/[，。！？：；、）」』》][*_]*[ \t]+(?=\S)/gu)].map((m) => `${where}: …${around(prose, m.index)}…`);
    });
    expect(spaced).toEqual([]);
  });
});
