/**
 * Words OpenCC converts wrongly in our texts, and what a reader of Traditional characters expects instead: keys are
 * Simplified, as written in locales/zh and locales/quiz; values are the exact Traditional output. Installed into
 * src/core/traditional.ts at start-up (src/content/shipped.ts), which writes these words as given and lets OpenCC
 * convert the rest (Taiwan phrases for zh-Hant, Hong Kong phrases for zh-HK).
 *
 * Prefer rewording the Simplified source when it reads as well; add a word here when the Simplified is right and only
 * the conversion is wrong. test/unit/traditional-output.test.ts converts every lesson, quiz and UI text and fails on
 * mainland terms and on 里/后 errors, so a new lesson tells you when it needs a line here.
 */

type Fixes = Readonly<Record<string, string>>;

/**
 * OpenCC cuts these at the wrong place and picks the wrong character: 在文/本里 (里), 擅/长发/现 and 头发/现 (髮),
 * 被复/制到 (制), 而不/是只 and 最/多只 (隻), 压缩/进 read as 縮進 (indent), 挨得 as 捱得.
 */
function characterFixes(inside: '裡' | '裏'): Fixes {
  return {
    文本里: `文本${inside}`,
    里面: `${inside}面`,
    发现: '發現',
    复制: '複製',
    不是只: '不是只',
    最多只: '最多只',
    压缩进: '壓縮進',
    挨得近: '挨得近',
  };
}

/** Taiwan: a table's rows are 列 and its columns 欄 (a line of text stays 行). */
const TAIWAN_ROWS_AND_COLUMNS: Fixes = {
  '行是正在看的词元，列是被看的词元': '列是正在看的詞元，欄是被看的詞元',
  '行是正在“看”的词元，列是被看的词元': '列是正在「看」的詞元，欄是被看的詞元',
  '（行）': '（列）',
  '（列）': '（欄）',
  矩阵中的一行: '矩陣中的一列',
  占一行: '佔一列',
  那一行: '那一列',
  这一行: '這一列',
  一行向量: '一列向量',
  取出一行: '取出一列',
  同一行: '同一列',
  只有一行: '只有一列',
  位置一行: '位置一列',
  取行: '取列',
  按行: '按列',
  逐行: '逐列',
  每行: '每列',
  每一行: '每一列',
  那些行: '那些列',
  行的顺序: '列的順序',
  行数: '列數',
  对应的行: '對應的列',
  范围的行: '範圍的列',
  前几行: '前幾列',
  第1行: '第1列',
  第2行: '第2列',
  '1,024行': '1,024列',
  '2,048行': '2,048列',
  第一行: '第一列',
  这一列: '這一欄',
  列名: '欄位名稱',
  缺少列: '缺少欄位',
  文件中的列: '檔案中的欄位',
  ' 列：': ' 欄：',
  列附近: '欄附近',
};

/** Taiwan: OpenCC's Taiwan phrases are computing words; in machine learning and in a classroom Taiwan says otherwise. */
export const TAIWAN_FIXES: Fixes = {
  ...characterFixes('裡'),
  ...TAIWAN_ROWS_AND_COLUMNS,
  // A model's parameters are 參數 (引數 is a function's argument); softmax is a mathematical 函數 (函式: a subroutine).
  参数: '參數',
  函数: '函數',
  // Residual connections and links between positions are 連接 (連線: going online); a sequence's prefix is 前綴.
  连接: '連接',
  前缀: '前綴',
  后缀: '後綴',
  // A model's or a structure's type is 類型 (型別 is a type in a programming language).
  类型: '類型',
  // 未登錄詞 is an out-of-vocabulary word (登入: logging in); 導出 is “derived from” (匯出: exporting a file).
  未登录词: '未登錄詞',
  导出: '導出',
  // A LoRA adapter, weight tying, moderation, least privilege: OpenCC's 介面卡, 繫結, 稽核 and 許可權 are other things.
  适配器: '適配器',
  绑定: '綁定',
  审核: '審核',
  权限: '權限',
  大批量: '大量',
  // Recurrence is 循環 (OpenCC writes 迴圈, a loop in code); 串行 is “one step after another”; 一连串 is “a series”.
  循环: '循環',
  一连串行动: '一連串行動',
  串行: '循序',
  反馈: '回饋',
  并行: '平行',
  质量: '品質',
  掩码: '遮罩',
  采样: '取樣',
  智能体: '代理人',
  推理: '推論',
  实现时: '實作時',
  实现中: '實作中',
  实现要点: '實作要點',
  正则: '正規表示式',
  器栈: '器堆疊',
  // 通過 is passing (a filter, a test); “by way of” is 透過.
  通过: '透過',
  没有通过: '沒有通過',
  // A chat command is 指令, a terminal 終端機, a lesson's topic 主題 (知識點 is mainland school talk).
  命令: '指令',
  终端: '終端機',
  知识点: '主題',
  私信: '私訊',
  单元格: '儲存格',
  // Grammar in Taiwan's classrooms, and everyday words.
  主语: '主詞',
  宾语: '受詞',
  单词: '單字',
  // Taiwan's name as Taiwan's own interfaces write it (OpenCC's standard form is 臺灣).
  台湾: '台灣',
  台灣: '台灣',
  谷歌: 'Google',
  公交车: '公車',
  网上: '網路上',
  打游戏: '玩遊戲',
  头脑风暴: '腦力激盪',
  教程: '教學',
  电子邮箱: '電子郵件地址',
  文本文件: '文字檔',
  匹配对象: '匹配對象',
  点赞: '按讚',
  '点“赞”': '按「讚」',
};

/** Hong Kong: OpenCC's Hong Kong phrase list is small; these are the computing words Hong Kong writes differently. */
export const HONG_KONG_FIXES: Fixes = {
  ...characterFixes('裏'),
  信息: '資訊',
  程序: '程式',
  程序员: '程式員',
  内存: '記憶體',
  默认: '預設',
  代码: '程式碼',
  质量: '質素',
  设置: '設定',
  导入: '匯入',
  字符: '字元',
  字符串: '字串',
  字节: '位元組',
  // Files to upload are 檔案; documents are 文件.
  文件: '檔案',
  文档: '文件',
  文本文件: '文字檔案',
  私信: '私訊',
  单元格: '儲存格',
  谷歌: 'Google',
  公交车: '巴士',
  打游戏: '玩遊戲',
  电子邮箱: '電郵地址',
  点赞: '讚好',
  '点“赞”': '按「讚好」',
};
