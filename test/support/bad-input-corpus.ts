/** Hostile and malformed input every adapter must answer safely: the core's tests and each platform's use it. */

export const LONG = 'a'.repeat(10_000);
export const CONTROL = '\u0000\u0007\u001b[31m\u202E\u0008';
export const MARKUP = '<b>bold</b> **x** `y` [z](http://example.com) <script>';

/** [typed line, expected error key or null for a normal reply] — run in both languages. */
export const BAD_INPUT_CASES: [string, string | null][] = [
  ['/explain', null],
  ['/explain    ', null],
  [`/explain ${LONG}`, 'errors.option_too_long'],
  [`/explain ${CONTROL}`, null],
  [`/explain ${MARKUP}`, null],
  ['/explain @everyone @here', null],
  ['/explain attention level:NaN', 'errors.option_invalid_choice'],
  ['/explain attention level:-1', 'errors.option_invalid_choice'],
  ['/explain attention level:99999999999999999999', 'errors.option_invalid_choice'],
  ['/lang', null],
  ['/lang klingon', 'errors.option_invalid_choice'],
  [`/lang ${LONG}`, 'errors.option_invalid_choice'],
  ['/lang zh @everyone', 'errors.option_invalid_choice'],
  ['/lang zh group @everyone', 'errors.unexpected_text'],
  ['/help', null],
  ['/help nosuch', 'errors.unknown_command'],
  [`/help ${LONG}`, 'errors.option_too_long'],
  [`/help ${CONTROL}`, 'errors.unknown_command'],
  ['/start', null],
  [`/start ${LONG}`, 'errors.option_too_long'],
  ['/start @everyone', null],
  ['/generate temperature:NaN hi', 'errors.option_not_a_number'],
  ['/generate max_new_tokens:-5 hi', 'errors.option_out_of_range'],
  ['/generate max_new_tokens:1e9 hi', 'errors.option_not_an_integer'],
  ['/generate top_p:2 hi', 'errors.option_out_of_range'],
  ['/generate seed:99999999999 hi', 'errors.option_out_of_range'],
  [`/generate ${LONG}`, 'errors.option_too_long'],
  ['/generate', 'errors.option_required'],
  ['/generate    ', 'errors.option_required'],
  [`/generate ${CONTROL}`, null],
  ['/attention', 'errors.option_required'],
  [`/attention ${LONG}`, 'errors.option_too_long'],
  ['/attention layer:0 hello', 'errors.option_out_of_range'],
  ['/attention head:-1 hello', 'errors.option_out_of_range'],
  // A class quiz's numbers are checked wherever it is typed (in a private chat `start` then says where class quizzes
  // run and practises instead).
  ['/quiz start attention 99999 -1', 'errors.option_out_of_range'],
  ['/quiz answer n:forged o:9', 'errors.option_out_of_range'],
  ['/quiz answer n:forged o:1', 'errors.question_closed'],
  ['/quiz review now', 'errors.unexpected_text'],
  ['/quiz tick q:x s:close-0', 'errors.unknown_subcommand'],
  ['/quiz play q:x i:0 o:1', null],
  // A file import belongs to the group that will run the quiz: refused in a private chat before anything else.
  ['/quiz import', 'errors.import_group_only'],
  [`/${LONG}`, 'errors.unknown_command'],
  ['/nosuch', 'errors.unknown_command'],
  [LONG, 'errors.option_too_long'],
  [CONTROL, null],
  ['   ', null],
  [MARKUP, null],
];
