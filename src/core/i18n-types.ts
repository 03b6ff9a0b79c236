import type { en } from '../../locales/en/ui.js';

/** The shape of the English strings with every leaf widened to string: what each other language must provide. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type UiStrings = Widen<typeof en>;

/** Dot paths to every string leaf, e.g. `errors.timeout`. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type UiKey = Leaves<UiStrings>;
