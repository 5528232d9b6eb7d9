/** An edited template text checked as the API refuses it: an AppError naming the field and rule. */
import { AppError } from '../errors.js'
import { checkTemplate, TemplateProblem, type AnswerKey } from './answer-book.js'

/** The normalised text, or 400 naming what is wrong (every unknown slot). */
export function checkedTemplateText(key: AnswerKey, raw: string): string {
  try {
    return checkTemplate(key, raw).text
  } catch (err) {
    if (err instanceof TemplateProblem) {
      const message = err.message.replace(/^answer template /, 'template ').replace('the file is empty', 'the text is empty')
      // The field and rule let a screen say in its own words what to fix (web/src/errors.ts).
      const rule = err.unknownSlots.length ? 'slots' : /is empty/.test(message) ? 'empty' : /at most/.test(message) ? 'maxLength' : 'braces'
      throw new AppError('VALIDATION', message, { field: 'text', rule, ...(err.unknownSlots.length ? { unknownSlots: err.unknownSlots } : {}) })
    }
    throw err
  }
}
