// Why an uploaded spreadsheet is not read at all (too big, not a spreadsheet, damaged): one message for
// the person who sent it, raised anywhere in the reading and turned into the file's problem (parse.ts).
import type { MessageKey, MessageValues } from '../i18n/messages.js';

/** A reason the file is not read, for the person who sent it. */
export class FileProblem extends Error {
  readonly messageKey: MessageKey;
  readonly values: MessageValues | undefined;
  constructor(messageKey: MessageKey, values?: MessageValues) {
    super(messageKey);
    this.messageKey = messageKey;
    this.values = values;
  }
}

/** The file cannot be read as what it claims to be. */
export const unreadable = () => new FileProblem('import.file.unreadable');
