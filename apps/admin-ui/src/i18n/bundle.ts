/** A feature's texts: the same keys in Chinese and English (the type keeps them in step). */
export interface MessageBundle {
  zh: Messages;
  en: Messages;
}
export interface Messages {
  [key: string]: string | Messages;
}

/** Declares the Chinese texts and makes the English ones carry the same keys. */
export function bundle<T extends Messages>(zh: T, en: DeepStrings<T>): MessageBundle {
  return { zh, en: en as Messages };
}
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
