/**
 * The answers the demo's scenarios expect and its earlier complaints were given, read from the
 * server's own answer files (data/answers, through the AnswerBook the service seeds its templates
 * from): the demo shows exactly what the service says. Only slot-free templates are taken here; an
 * answer with the district's details in it is written where it is used.
 */
import { AnswerBook } from '../../server/src/answers/answer-book.js'

const book = AnswerBook.load()

/** 工程维护, already over (cutover.cleared.txt, quoted from the sources). */
export const ANSWER_CUTOVER = book.current('cutover.cleared').text
/** The place is in the current build plan (planned_site.txt, quoted from the sources). */
export const ANSWER_PLANNED = book.current('planned_site').text
