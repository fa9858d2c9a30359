// zxcvbn with its common and English dictionaries: about 1.6 MB, so `passphrase.ts` imports this
// module lazily and it becomes one chunk of its own, loaded the first time a meter is shown.

import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export function makeZxcvbn(): ZxcvbnFactory {
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
}
