/**
 * UTF-8 test vectors for group 6, by class, as hex (RFC 3629 §3–4: a valid sequence is a
 * shortest-form encoding of a scalar value U+0000–U+D7FF or U+E000–U+10FFFF). Our own selection:
 * each class's edges, not a list taken from elsewhere.
 */
export interface Utf8Vector {
  readonly hex: string;
  readonly isValid: boolean;
}

/** A class of vectors: the sub-group it becomes and whether its members are valid. */
export interface Utf8VectorClass {
  readonly sub: number;
  readonly key: Utf8ClassKey;
  readonly vectors: readonly string[];
  readonly isValid: boolean;
}

/** The catalogue key naming each class (conformance namespace). */
export type Utf8ClassKey =
  | 'conformance:utf8.samples'
  | 'conformance:utf8.boundaries'
  | 'conformance:utf8.noncharacters'
  | 'conformance:utf8.outOfRange'
  | 'conformance:utf8.continuations'
  | 'conformance:utf8.lonelyStarts'
  | 'conformance:utf8.truncated'
  | 'conformance:utf8.impossible'
  | 'conformance:utf8.overlong'
  | 'conformance:utf8.surrogates';

/** Vector classes in sub-group order, 6.5 to 6.14. */
export const utf8Classes: readonly Utf8VectorClass[] = [
  {
    sub: 5, key: 'conformance:utf8.samples', isValid: true,
    vectors: [
      '48 65 6c 6c 6f 2d c2 b5 40 c3 9f c3 b6 c3 a4 c3 bc 2d 55 54 46 2d 38 21',
      'ce ba e1 bd b9 cf 83 ce bc ce b5',
      'e4 b8 ad e6 96 87 e6 b5 8b e8 af 95',
      'f0 9f 98 80 20 f0 9f 8e 89',
      '61 20 c3 a9 20 e4 b8 ad 20 f0 9f 98 80',
      'ef bb bf 42 4f 4d',
      '61 00 62',
    ],
  },
  {
    sub: 6, key: 'conformance:utf8.boundaries', isValid: true,
    vectors: ['7f', 'c2 80', 'df bf', 'e0 a0 80', 'ed 9f bf', 'ee 80 80', 'ef bf bd', 'f0 90 80 80', 'f4 8f bf bf'],
  },
  {
    sub: 7, key: 'conformance:utf8.noncharacters', isValid: true,
    vectors: ['ef b7 90', 'ef b7 af', 'ef bf be', 'ef bf bf', 'f0 9f bf be', 'f4 8f bf be'],
  },
  {
    sub: 8, key: 'conformance:utf8.outOfRange', isValid: false,
    vectors: ['f4 90 80 80', 'f5 80 80 80', 'f7 bf bf bf', 'f8 88 80 80 80', 'fc 84 80 80 80 80'],
  },
  {
    sub: 9, key: 'conformance:utf8.continuations', isValid: false,
    vectors: ['80', 'bf', '80 bf', '80 bf 80', '61 62 80 63 64', 'c3 a9 a9'],
  },
  {
    sub: 10, key: 'conformance:utf8.lonelyStarts', isValid: false,
    vectors: ['c0 20', 'c2 20', 'df 20', 'e0 20', 'ef 20', 'f0 20', 'f4 20'],
  },
  {
    sub: 11, key: 'conformance:utf8.truncated', isValid: false,
    vectors: ['c2', 'e0 a0', 'f0 90 80', '61 e4 b8', 'e4 b8 61', 'c2 e0 a0 f0 90 80'],
  },
  {
    sub: 12, key: 'conformance:utf8.impossible', isValid: false,
    vectors: ['fe', 'ff', 'fe fe ff ff', 'c1 80'],
  },
  {
    sub: 13, key: 'conformance:utf8.overlong', isValid: false,
    vectors: ['c0 af', 'e0 80 af', 'f0 80 80 af', 'c1 bf', 'e0 9f bf', 'f0 8f bf bf', 'c0 80', 'e0 80 80'],
  },
  {
    sub: 14, key: 'conformance:utf8.surrogates', isValid: false,
    vectors: ['ed a0 80', 'ed ad bf', 'ed ae 80', 'ed af bf', 'ed b0 80', 'ed bf bf', 'ed a0 80 ed b0 80', 'ed af bf ed bf bf'],
  },
];

/** Valid texts whose every split into two fragments is sent (6.15): each mixes sequence lengths. */
export const splitValidVectors: readonly string[] = [
  'ce ba e1 bd b9 cf 83 ce bc ce b5',
  '61 20 c3 a9 20 e4 b8 ad 20 f0 9f 98 80',
  'f4 8f bf bf ef bf bd',
];

/** Invalid texts sent split into two fragments at every offset, one case per split (6.16). */
export const splitInvalidVectors: readonly string[] = ['61 f4 90 80 80 62', '61 ed a0 80 62', '61 e0 80 af 62', '61 c2 62'];
