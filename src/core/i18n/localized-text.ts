// Text kept per language. Kazakh Latin is never stored: it is derived from Kazakh Cyrillic on display.
export type StoredLanguage = 'kk' | 'ru' | 'en';
export type LocalizedText = Partial<Record<StoredLanguage, string>>;
