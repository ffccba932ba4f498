// The Hugging Face reference for the tests: reads one JSON request from stdin, writes one JSON
// answer to stdout. Requests:
//   {"op":"sweep","chunks":[string,...]}             -> {"normalized":[...],"words":[[...],...]}
//     (BertNormalizer uncased and BertPreTokenizer on each chunk)
//   {"op":"encode","tokenizerJson":path,"texts":[...]} -> {"ids":[[...],...]}
//     (loads a tokenizer.json written by PairTuner and encodes each text)
// Run by NodeReference.cs from the repository root after `npm ci`.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve('package.json'));
const { Tokenizer, bertNormalizer, bertPreTokenizer } = require('tokenizers');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

if (request.op === 'sweep') {
  const normalizer = bertNormalizer({ cleanText: true, handleChineseChars: true, stripAccents: true, lowercase: true });
  const preTokenizer = bertPreTokenizer();
  const normalized = request.chunks.map((c) => normalizer.normalizeString(c));
  const words = normalized.map((n) => preTokenizer.preTokenizeString(n).map(([word]) => word));
  process.stdout.write(JSON.stringify({ normalized, words }));
} else if (request.op === 'encode') {
  const tokenizer = Tokenizer.fromFile(request.tokenizerJson);
  const ids = [];
  for (const text of request.texts) ids.push((await tokenizer.encode(text)).getIds());
  process.stdout.write(JSON.stringify({ ids }));
} else {
  throw new Error(`unknown op ${request.op}`);
}
