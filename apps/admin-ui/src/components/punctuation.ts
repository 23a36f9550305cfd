import i18next from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Punctuation that differs by language (`common:punctuation.*`): Chinese uses full-width ：；、（）, English
 * ": ", "; ", ", " and " (…)". Use it where a text is assembled from parts that are not all in the messages
 * (names, dates, React nodes); a whole phrase with interpolation in the messages is better where it fits.
 */
export interface Punctuation {
  /** "：" or ": " */
  colon: string;
  /** "；" or "; " */
  semicolon: string;
  /** "，" or ", " (between clauses; `list` is for items) */
  comma: string;
  /** "（" or " (" */
  open: string;
  /** "）" or ")" */
  close: string;
  /** Items of a list: 甲、乙、丙 or a, b, c. */
  list(items: readonly string[]): string;
  /** 标签：值 or "Label: value". */
  labelled(label: string, value: Part): string;
  /** 名称（说明） or "Name (note)". */
  note(text: Part, note: Part): string;
}

/** A piece of text; null or undefined reads as nothing. */
type Part = string | number | null | undefined;

export function punctuation(language: string = i18next.language): Punctuation {
  const t = i18next.getFixedT(language, 'common');
  const separator = t('punctuation.listSeparator');
  return {
    colon: t('punctuation.colon'),
    semicolon: t('punctuation.semicolon'),
    comma: t('punctuation.comma'),
    open: t('punctuation.open'),
    close: t('punctuation.close'),
    list: (items) => items.join(separator),
    labelled: (label, value) => t('punctuation.labelled', { label, value: value ?? '' }),
    note: (text, note) => t('punctuation.note', { text: text ?? '', note: note ?? '' }),
  };
}

/** `punctuation()` for the current language, re-made when the language changes. */
export function usePunctuation(): Punctuation {
  const { i18n } = useTranslation();
  return useMemo(() => punctuation(i18n.language), [i18n.language]);
}
