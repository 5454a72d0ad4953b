import { describe, expect, it } from 'vitest';
import { foldForMatching } from './normalize.js';
import { findSensitiveWords, prepareSensitiveWords } from './sensitive-words.js';

const find = (text: string, words: string[]) =>
  findSensitiveWords(foldForMatching(text), prepareSensitiveWords(words)).map((r) =>
    text.slice(r.start, r.end),
  );

describe('findSensitiveWords', () => {
  it.each([
    ['exact', '这里有内部资料。', ['内部资料'], ['内部资料']],
    ['every occurrence', '绝密，绝密', ['绝密'], ['绝密', '绝密']],
    ['full-width text, half-width word', '标注ＡＢＣ密级', ['abc'], ['ＡＢＣ']],
    ['half-width text, full-width word', '标注abc密级', ['ＡＢＣ'], ['abc']],
    ['case-insensitive Latin', 'Top Secret 文件', ['top secret'], ['Top Secret']],
    ['longest wins over a word inside it', '内部资料汇编', ['内部', '内部资料'], ['内部资料']],
    ['overlapping words merge', 'ABCD', ['ab', 'bcd'], ['ABCD']],
    ['overlapping occurrences of one word', '哈哈哈', ['哈哈'], ['哈哈哈']],
    ['separate hits stay separate', '秘密和机密', ['秘密', '机密'], ['秘密', '机密']],
    ['blank and padded entries', '测试词', ['', '  ', ' 测试词 '], ['测试词']],
    ['no list', '任意文字', [], []],
    ['no hit', '任意文字', ['绝密'], []],
  ])('%s', (_label, text, words, expected) => {
    expect(find(text, words)).toEqual(expected);
  });

  it('puts longer words first and drops duplicates after folding', () => {
    expect(prepareSensitiveWords(['ab', 'ＡＢ', 'abc', 'AB'])).toEqual(['abc', 'ab']);
  });
});
