import * as vscode from 'vscode';
import { AWS_EXAM_QUESTIONS, countExamQuestions } from '../../core/exam';
import {
  MAX_TIME_LIMIT_MINUTES,
  availableQuestions,
  defaultTimeLimitMinutes,
  selectExamCards,
  tagCounts,
  type DeckCards,
  type StartExamArgs,
} from './examOptions';

interface ScopeItem extends vscode.QuickPickItem {
  deck?: string;
  tag?: string;
}

/**
 * The setup steps of "Start Practice Exam": decks and topics, number of questions, time limit.
 * Resolves undefined when the learner cancels any step. The pass mark comes from the setting.
 */
export async function pickExamArgs(decks: readonly DeckCards[]): Promise<StartExamArgs | undefined> {
  const usable = decks.filter((d) => availableQuestions(selectExamCards([d], {})) > 0);
  if (!usable.length) {
    void vscode.window.showWarningMessage('Flashcards: no deck has cards that can be used in an exam.');
    return undefined;
  }
  // Decks written for exams (mostly multiple choice and cloze) are picked to begin with.
  const examDecks = usable.filter((d) => countExamQuestions(selectExamCards([d], {})).gradable * 2 >= d.cards.length);
  const items: ScopeItem[] = [{ label: 'Decks', kind: vscode.QuickPickItemKind.Separator }];
  for (const d of usable) {
    const { gradable, selfGraded } = countExamQuestions(selectExamCards([d], {}));
    items.push({
      label: d.title,
      description: `${gradable + selfGraded} questions`,
      detail: selfGraded ? `${gradable} multiple choice or cloze, ${selfGraded} self-graded` : undefined,
      picked: examDecks.includes(d),
      deck: d.key,
    });
  }
  const tags = tagCounts(selectExamCards(usable, {}));
  if (tags.length) items.push({ label: 'Topics', kind: vscode.QuickPickItemKind.Separator });
  for (const t of tags) items.push({ label: `$(tag) ${t.tag}`, description: `${t.cards} card${t.cards === 1 ? '' : 's'}`, tag: t.tag });

  const scope = await vscode.window.showQuickPick(items, {
    title: 'Practice Exam (1/3): decks and topics',
    placeHolder: 'Pick decks and/or topics (none picked: every deck, every topic)',
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!scope) return undefined;
  const args: StartExamArgs = {};
  const pickedDecks = scope.flatMap((i) => (i.deck ? [i.deck] : []));
  const pickedTags = scope.flatMap((i) => (i.tag ? [i.tag] : []));
  if (pickedDecks.length) args.decks = pickedDecks;
  if (pickedTags.length) args.tags = pickedTags;
  const available = availableQuestions(selectExamCards(usable, args));
  if (!available) {
    void vscode.window.showWarningMessage('Flashcards: none of the chosen cards can be used in an exam.');
    return undefined;
  }

  const countText = await vscode.window.showInputBox({
    title: 'Practice Exam (2/3): number of questions',
    prompt: `1 to ${available} (the AWS Certified Data Engineer – Associate exam has ${AWS_EXAM_QUESTIONS})`,
    value: String(Math.min(AWS_EXAM_QUESTIONS, available)),
    ignoreFocusOut: true,
    validateInput: (text) => {
      const n = Number(text.trim());
      return Number.isInteger(n) && n >= 1 && n <= available ? undefined : `Enter a whole number from 1 to ${available}.`;
    },
  });
  if (countText === undefined) return undefined;
  args.count = Number(countText.trim());

  const minutesText = await vscode.window.showInputBox({
    title: 'Practice Exam (3/3): time limit in minutes',
    prompt: 'The AWS exam allows 130 minutes for 65 questions: 2 minutes per question. The exam is submitted when the time runs out.',
    value: String(defaultTimeLimitMinutes(args.count)),
    ignoreFocusOut: true,
    validateInput: (text) => {
      const n = Number(text.trim());
      return n > 0 && n <= MAX_TIME_LIMIT_MINUTES ? undefined : `Enter a number of minutes from 1 to ${MAX_TIME_LIMIT_MINUTES}.`;
    },
  });
  if (minutesText === undefined) return undefined;
  args.timeLimitMinutes = Number(minutesText.trim());
  return args;
}
