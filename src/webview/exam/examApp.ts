import type { ExamResponse } from '../../core/exam';
import type { ExamScreenState, WebviewMessage } from '../../shared/protocol';
import { h } from '../dom';
import { host } from '../vscodeApi';
import {
  KEY_HELP,
  examKeyAction,
  formatClock,
  gridCell,
  isTimeLow,
  kindLabel,
  optionLabel,
  submitWarningLines,
  submitWarningOf,
  timerAnnouncement,
  toggleOption,
  type ExamKeyAction,
} from './examModel';
import { markdown } from './markdownElement';
import { renderReport } from './examReport';

type Exam = NonNullable<ExamScreenState['exam']>;
type Action = ExamKeyAction | { type: 'goto'; index: number } | { type: 'submit' } | { type: 'saveCloze' };

/** What survives a reload of the webview besides the host's copy of the exam: which answers were shown. */
interface SavedState {
  examId?: string;
  revealed?: number[];
}

/**
 * The exam screen. The host owns the exam and sends what to show; this side draws it, runs the
 * visible clock and turns keys and clicks into actions. An action that depends on the state (a
 * toggle, a flag, a move) waits until the host has applied the previous one, so fast typing never
 * works on a stale question.
 */
export class ExamApp {
  private state: ExamScreenState | undefined;
  /** Counts this webview's actions; the host restarts its `ack` at 0 when a webview says `ready`. */
  private rev = 0;
  private inFlight = 0;
  private readonly waiting: Action[] = [];
  private revealed = new Set<number>();
  private confirming = false;
  private deadline = 0;
  private lastAnnounced = Number.POSITIVE_INFINITY;
  private clock: ReturnType<typeof setInterval> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The exam whose revealed answers `revealed` holds (restored from the webview state). */
  private savedExamId: string | undefined;
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
    const saved = (host.getState() ?? {}) as SavedState;
    if (typeof saved.examId === 'string') {
      this.revealed = new Set(Array.isArray(saved.revealed) ? saved.revealed.filter(Number.isInteger) : []);
      this.savedExamId = saved.examId;
    }
    document.addEventListener('keydown', (e) => this.onKey(e));
    root.addEventListener('click', (e) => this.onClick(e));
    root.addEventListener('change', (e) => this.onChange(e));
    root.addEventListener('input', (e) => this.onInput(e));
  }

  update(state: ExamScreenState): void {
    if (this.state && state.seq < this.state.seq) return;
    const previous = this.state?.exam;
    const next = state.exam;
    if (previous?.id !== next?.id) {
      if (next?.id !== this.savedExamId) this.revealed.clear();
      this.savedExamId = next?.id;
      this.confirming = false;
      this.waiting.length = 0;
      this.lastAnnounced = Number.POSITIVE_INFINITY;
    }
    this.state = state;
    if (next?.overview.finished) this.confirming = false;
    this.deadline = next ? Date.now() + next.overview.remainingMs : 0;
    this.save();
    const moved = previous?.id !== next?.id || previous?.overview.current !== next?.overview.current || previous?.overview.finished !== next?.overview.finished;
    this.render(moved);
    this.drain();
  }

  /** The host's error: unlock input so the learner can try again. */
  showError(message: string): void {
    this.inFlight = 0;
    this.waiting.length = 0;
    this.root.querySelector('.exam-error')?.remove();
    this.root.prepend(h('p', { class: 'error exam-error', role: 'alert' }, message));
  }

  // -------------------------------------------------------------------------------------------
  // Drawing

  private render(moved: boolean): void {
    const exam = this.state?.exam;
    this.root.removeAttribute('aria-busy');
    if (!exam) {
      this.stopClock();
      this.root.replaceChildren(h('main', { class: 'empty exam-empty' },
        h('h1', {}, 'No exam in progress'),
        h('p', {}, 'A practice exam draws multiple-choice, cloze and plain cards from your decks, with a time limit like the real one.'),
        h('button', { class: 'primary', 'data-action': 'new' }, 'Start a practice exam')));
      return;
    }
    if (exam.report) {
      this.stopClock();
      // Re-rendering the report would scroll it back up; draw it once per exam.
      if (this.root.dataset.report === exam.id && !moved) return;
      this.root.dataset.report = exam.id;
      this.root.replaceChildren(...renderReport(exam));
      if (moved) this.root.querySelector<HTMLElement>('.exam-verdict')?.focus({ preventScroll: true });
      return;
    }
    delete this.root.dataset.report;
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    const typed = this.typedAnswers();
    this.root.replaceChildren(this.renderBar(exam), h('div', { class: 'exam-layout' }, this.renderQuestion(exam, typed), this.renderNavigator(exam)),
      this.confirming ? this.renderConfirm(exam) : '', h('p', { class: 'exam-help' }, KEY_HELP));
    this.startClock();
    this.focusAfterRender(exam, moved, focusKey);
  }

  private renderBar(exam: Exam): HTMLElement {
    const o = exam.overview;
    return h('header', { class: 'exam-bar' },
      h('h1', { class: 'exam-title' }, exam.title),
      h('span', { class: 'exam-position' }, `Question ${o.current + 1} of ${o.total}`),
      h('span', { class: 'exam-answered' }, `${o.answered} answered`),
      h('span', { class: 'exam-timer-box' }, h('span', { class: 'exam-timer-label' }, 'Time left '),
        h('span', { class: 'exam-timer', role: 'timer', 'aria-label': 'Time left' }, formatClock(o.remainingMs))),
      // The visible clock changes every second; this region speaks only at the thresholds.
      h('span', { class: 'sr-only exam-announce', 'aria-live': 'polite', 'aria-atomic': 'true' }));
  }

  private renderQuestion(exam: Exam, typed: Map<string, string>): HTMLElement {
    const q = exam.question;
    const prompt = markdown('div', 'question markdown', q.prompt, q.format);
    prompt.id = 'exam-prompt';
    const main = h('main', { class: `exam-question kind-${q.kind}`, tabindex: '-1', 'aria-labelledby': 'exam-heading', 'data-index': String(q.index), 'data-focus': 'question' },
      h('h2', { class: 'exam-heading', id: 'exam-heading' }, `Question ${q.index + 1}`, h('span', { class: 'exam-kind' }, ` · ${kindLabel(q.kind, q.choose)}`),
        q.flagged ? h('span', { class: 'exam-flag-badge' }, ' · ⚑ Flagged') : undefined),
      prompt);
    if (q.kind === 'single' || q.kind === 'multiple') main.append(this.renderOptions(exam));
    else if (q.kind === 'cloze') main.append(this.renderBlanks(exam, typed));
    else main.append(this.renderSelf(exam));
    main.append(h('div', { class: 'exam-controls' },
      button('previous', '← Previous', 'Previous question (←)', q.index === 0),
      button('flag', q.flagged ? '⚑ Unflag' : '⚑ Flag for review', 'Flag for review (F)', false, { 'aria-pressed': String(q.flagged), 'data-focus': 'flag' }),
      button('next', 'Next →', 'Next question (→)', q.index + 1 >= exam.overview.total),
      h('span', { class: 'spacer' }),
      button('ask-submit', 'Submit exam…', 'Submit the exam (S)', false, { class: 'primary', 'data-focus': 'ask-submit' })));
    return main;
  }

  private renderOptions(exam: Exam): HTMLElement {
    const q = exam.question;
    const selected = q.response?.kind === 'choice' ? q.response.selected : [];
    const group = h('div', { class: 'exam-options', role: 'group', 'aria-label': q.kind === 'multiple' ? `Options, choose ${q.choose}` : 'Options, choose 1' });
    (q.options ?? []).forEach((o, i) => {
      const on = selected.includes(o.id);
      const text = markdown('span', 'exam-option-text markdown', o.text, q.format, true);
      group.append(h('button', {
        class: `exam-option${on ? ' selected' : ''}`,
        'data-action': 'option',
        'data-index': String(i),
        'data-option-id': String(o.id),
        'data-focus': `option-${i}`,
        'aria-pressed': String(on),
        title: `Option ${optionLabel(i)} (${i < 5 ? `${optionLabel(i)} or ` : ''}${i + 1})`,
      }, h('span', { class: 'exam-key', 'aria-hidden': 'true' }, optionLabel(i)), h('span', { class: 'exam-check', 'aria-hidden': 'true' }, on ? (q.kind === 'multiple' ? '☑' : '◉') : q.kind === 'multiple' ? '☐' : '○'), text));
    });
    return group;
  }

  private renderBlanks(exam: Exam, typed: Map<string, string>): HTMLElement {
    const q = exam.question;
    const answers = q.response?.kind === 'cloze' ? q.response.answers : [];
    const box = h('div', { class: 'exam-blanks' });
    (q.blanks ?? []).forEach((b, i) => {
      const id = `exam-blank-${i}`;
      const input = h('input', {
        id,
        class: 'exam-blank',
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        'data-blank': String(i),
        'data-focus': `blank-${i}`,
        placeholder: b.hint ? `hint: ${b.hint}` : 'type the missing text',
      });
      input.value = typed.get(`${q.index}/${i}`) ?? answers[i] ?? '';
      box.append(h('label', { for: id, class: 'exam-blank-label' }, (q.blanks?.length ?? 0) > 1 ? `Blank ${i + 1}` : 'Your answer'), input);
    });
    box.append(h('p', { class: 'exam-hint' }, 'Enter saves your answer and moves on. Case, spacing and unit spellings do not matter.'));
    return box;
  }

  private renderSelf(exam: Exam): HTMLElement {
    const q = exam.question;
    const knew = q.response?.kind === 'self' ? q.response.knew : undefined;
    const revealed = this.revealed.has(q.index) || knew !== undefined;
    const box = h('div', { class: 'exam-self' });
    if (!revealed) {
      box.append(button('reveal', 'Show answer', 'Show the answer (Space)', false, { class: 'primary', 'data-focus': 'reveal' }));
      return box;
    }
    box.append(markdown('section', 'answer markdown', q.answer ?? '', q.format),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Did you know it?' },
        button('knew', 'I knew it', 'I knew it (K)', false, { 'aria-pressed': String(knew === true), 'data-focus': 'knew', class: knew === true ? 'selected' : '' }),
        button('didnt', "I didn't", "I didn't know it (D)", false, { 'aria-pressed': String(knew === false), 'data-focus': 'didnt', class: knew === false ? 'selected' : '' })));
    return box;
  }

  private renderNavigator(exam: Exam): HTMLElement {
    const grid = h('div', { class: 'exam-grid' });
    for (const item of exam.overview.items) {
      const cell = gridCell(item, exam.overview.current);
      grid.append(h('button', { class: cell.classes.join(' '), 'data-action': 'goto', 'data-index': String(item.index), 'data-focus': `cell-${item.index}`, 'aria-label': cell.label, title: cell.label, 'aria-current': item.index === exam.overview.current ? 'step' : undefined },
        h('span', { class: 'exam-cell-number' }, cell.text), h('span', { class: 'exam-cell-mark', 'aria-hidden': 'true' }, cell.mark)));
    }
    return h('nav', { class: 'exam-nav', 'aria-label': 'Questions' },
      h('h2', {}, 'Questions'),
      grid,
      h('ul', { class: 'exam-legend' },
        h('li', {}, h('span', { class: 'exam-cell answered legend', 'aria-hidden': 'true' }, '✓'), ' answered'),
        h('li', {}, h('span', { class: 'exam-cell unanswered legend', 'aria-hidden': 'true' }, ' '), ' not answered'),
        h('li', {}, h('span', { class: 'exam-cell flagged legend', 'aria-hidden': 'true' }, '⚑'), ' flagged')));
  }

  private renderConfirm(exam: Exam): HTMLElement {
    const lines = submitWarningLines(submitWarningOf(exam.overview.items), exam.overview.total);
    return h('section', { class: 'exam-confirm', role: 'alertdialog', 'aria-modal': 'false', 'aria-labelledby': 'exam-confirm-title', 'aria-describedby': 'exam-confirm-text' },
      h('h2', { id: 'exam-confirm-title' }, 'Submit the exam?'),
      h('div', { id: 'exam-confirm-text' }, ...lines.map((l) => h('p', {}, l))),
      h('div', { class: 'actions' },
        button('submit', 'Submit exam', 'Submit now (Enter)', false, { class: 'primary', 'data-focus': 'submit' }),
        button('cancel', 'Keep working', 'Back to the questions (Esc)', false, { 'data-focus': 'cancel' })));
  }

  /** A new question gets the focus (its first text box for a cloze); a redraw of the same one keeps it where it was. */
  private focusAfterRender(exam: Exam, moved: boolean, focusKey: string | undefined): void {
    let target: HTMLElement | null = null;
    if (this.confirming) target = this.root.querySelector('[data-focus="submit"]');
    else if (!moved && focusKey) target = this.root.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`);
    else if (moved && exam.question.kind === 'cloze') target = this.root.querySelector('input.exam-blank');
    if (!target && moved) target = this.root.querySelector('main.exam-question');
    target?.focus({ preventScroll: !moved });
    if (target instanceof HTMLInputElement) target.setSelectionRange(target.value.length, target.value.length);
    if (moved) this.root.querySelector('main.exam-question')?.scrollIntoView?.({ block: 'nearest' });
  }

  // -------------------------------------------------------------------------------------------
  // The clock

  private startClock(): void {
    this.tickClock();
    this.clock ??= setInterval(() => this.tickClock(), 250);
  }

  private stopClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.clock = undefined;
  }

  private tickClock(): void {
    const exam = this.state?.exam;
    if (!exam || exam.overview.finished) return;
    const left = Math.max(0, this.deadline - Date.now());
    const timer = this.root.querySelector<HTMLElement>('.exam-timer');
    if (timer) {
      // The host submits at the deadline; say so meanwhile.
      const text = left > 0 ? formatClock(left) : 'Time is up';
      if (timer.textContent !== text) timer.textContent = text;
      timer.classList.toggle('low', isTimeLow(left, exam.timeLimitMs));
    }
    const said = timerAnnouncement(this.lastAnnounced, left);
    if (this.lastAnnounced !== Number.POSITIVE_INFINITY && said) {
      const region = this.root.querySelector('.exam-announce');
      if (region) region.textContent = said;
    }
    this.lastAnnounced = left;
  }

  // -------------------------------------------------------------------------------------------
  // Input

  private onKey(e: KeyboardEvent): void {
    const exam = this.state?.exam;
    if (!exam || exam.report || e.isComposing) return;
    const target = e.target as HTMLElement;
    const q = exam.question;
    const action = examKeyAction({
      key: e.key,
      ctrl: e.ctrlKey,
      alt: e.altKey,
      meta: e.metaKey,
      inTextField: target.tagName === 'INPUT' || target.tagName === 'TEXTAREA',
      onButton: target.tagName === 'BUTTON',
      kind: q.kind,
      optionCount: q.options?.length ?? 0,
      revealed: this.revealed.has(q.index) || q.response?.kind === 'self',
      confirming: this.confirming,
    });
    if (!action) return;
    e.preventDefault();
    this.perform(action);
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const link = target.closest('a');
    if (link) {
      e.preventDefault();
      const card = link.dataset.deck !== undefined ? { deckKey: link.dataset.deck, cardId: link.dataset.card ?? '' } : undefined;
      if (card) this.send({ type: 'openCard', ...card });
      else if (link.getAttribute('href')) this.send({ type: 'openLink', href: link.getAttribute('href')! });
      return;
    }
    const el = target.closest<HTMLElement>('[data-action]');
    if (!el || el.hasAttribute('disabled')) return;
    const index = Number(el.dataset.index);
    switch (el.dataset.action) {
      case 'option':
        return this.perform({ type: 'option', index });
      case 'goto':
        return this.perform({ type: 'goto', index });
      case 'previous':
        return this.perform({ type: 'previous' });
      case 'next':
        return this.perform({ type: 'next' });
      case 'flag':
        return this.perform({ type: 'flag' });
      case 'reveal':
        return this.perform({ type: 'reveal' });
      case 'knew':
        return this.perform({ type: 'self', knew: true });
      case 'didnt':
        return this.perform({ type: 'self', knew: false });
      case 'ask-submit':
        return this.perform({ type: 'askSubmit' });
      case 'submit':
        return this.perform({ type: 'submit' });
      case 'cancel':
        return this.perform({ type: 'cancel' });
      case 'new':
        return this.send({ type: 'examNew' });
      case 'retry':
        return this.sendFor('examRetryWrong');
      case 'study':
        return this.sendFor('examStudyWrong');
    }
  }

  /** A cloze box that loses focus keeps what was typed. */
  private onChange(e: Event): void {
    if ((e.target as HTMLElement).classList?.contains('exam-blank')) this.perform({ type: 'saveCloze' });
  }

  /** Typing pauses are saved too: a webview in a hidden tab is destroyed without a `change` event. */
  private onInput(e: Event): void {
    if (!(e.target as HTMLElement).classList?.contains('exam-blank')) return;
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.perform({ type: 'saveCloze' }), 800);
  }

  private perform(action: Action): void {
    if (!this.state) return;
    if (this.inFlight > this.state.ack) {
      this.waiting.push(action);
      return;
    }
    const exam = this.state?.exam;
    if (!exam || exam.report) return;
    const q = exam.question;
    switch (action.type) {
      case 'option': {
        if ((q.kind !== 'single' && q.kind !== 'multiple') || !q.options?.[action.index]) return;
        const selected = q.response?.kind === 'choice' ? q.response.selected : [];
        this.act({ type: 'examAnswer', examId: exam.id, rev: 0, index: q.index, response: { kind: 'choice', selected: toggleOption(q.kind, selected, q.options[action.index].id) } });
        return;
      }
      case 'flag':
        this.act({ type: 'examFlag', examId: exam.id, rev: 0, index: q.index, flagged: !q.flagged });
        return;
      case 'previous':
      case 'next':
      case 'goto': {
        const to = action.type === 'goto' ? action.index : q.index + (action.type === 'next' ? 1 : -1);
        if (to < 0 || to >= exam.overview.total || to === q.index) return;
        this.saveTyped(exam);
        this.act({ type: 'examNavigate', examId: exam.id, rev: 0, index: to });
        return;
      }
      case 'saveCloze':
        this.saveTyped(exam);
        return;
      case 'saveAndNext':
        this.saveTyped(exam);
        if (q.index + 1 < exam.overview.total) this.act({ type: 'examNavigate', examId: exam.id, rev: 0, index: q.index + 1 });
        else this.root.querySelector<HTMLElement>('[data-focus="ask-submit"]')?.focus();
        return;
      case 'leaveField':
        this.saveTyped(exam);
        this.root.querySelector<HTMLElement>('main.exam-question')?.focus();
        return;
      case 'focusField':
        this.root.querySelector<HTMLElement>('input.exam-blank')?.focus();
        return;
      case 'reveal':
        if (q.kind !== 'self') return;
        this.revealed.add(q.index);
        this.save();
        this.render(false);
        this.root.querySelector<HTMLElement>('[data-focus="knew"]')?.focus();
        return;
      case 'self':
        if (q.kind !== 'self') return;
        this.act({ type: 'examAnswer', examId: exam.id, rev: 0, index: q.index, response: { kind: 'self', knew: action.knew } });
        return;
      case 'askSubmit':
        this.saveTyped(exam);
        this.confirming = true;
        this.render(false);
        return;
      case 'cancel':
        this.confirming = false;
        this.render(false);
        this.root.querySelector<HTMLElement>('[data-focus="ask-submit"]')?.focus();
        return;
      case 'submit':
        this.confirming = false;
        this.act({ type: 'examSubmit', examId: exam.id, rev: 0 });
        return;
    }
  }

  /** Sends the typed cloze answers of the question on screen if they differ from what the host has. */
  private saveTyped(exam: Exam): void {
    const q = exam.question;
    if (q.kind !== 'cloze') return;
    const inputs = [...this.root.querySelectorAll<HTMLInputElement>('input.exam-blank')];
    if (!inputs.length) return;
    const answers = inputs.map((i) => i.value);
    const before = q.response?.kind === 'cloze' ? q.response.answers : [];
    const unchanged = before.length ? answers.every((a, i) => a === before[i]) : answers.every((a) => !a.trim());
    if (unchanged) return;
    const response: ExamResponse = { kind: 'cloze', answers };
    this.act({ type: 'examAnswer', examId: exam.id, rev: 0, index: q.index, response });
  }

  private act(message: Extract<WebviewMessage, { rev: number }>): void {
    if (this.typingTimer && message.type !== 'examAnswer') clearTimeout(this.typingTimer);
    message.rev = ++this.rev;
    this.inFlight = message.rev;
    this.save();
    host.postMessage(message);
  }

  /** Runs actions that waited for the host, until one has to wait again. */
  private drain(): void {
    while (this.waiting.length && this.inFlight <= (this.state?.ack ?? 0)) this.perform(this.waiting.shift()!);
  }

  private send(message: WebviewMessage): void {
    host.postMessage(message);
  }

  private sendFor(type: 'examRetryWrong' | 'examStudyWrong'): void {
    const exam = this.state?.exam;
    if (exam) this.send({ type, examId: exam.id });
  }

  /** Text typed into the blanks on screen, kept across a redraw of the same question. */
  private typedAnswers(): Map<string, string> {
    const out = new Map<string, string>();
    const q = this.state?.exam?.question;
    for (const input of this.root.querySelectorAll<HTMLInputElement>('input.exam-blank')) {
      const main = input.closest<HTMLElement>('main.exam-question');
      if (q && main?.dataset.index === String(q.index)) out.set(`${q.index}/${input.dataset.blank}`, input.value);
    }
    return out;
  }

  private save(): void {
    const saved: SavedState = { examId: this.state?.exam?.id ?? this.savedExamId, revealed: [...this.revealed] };
    host.setState(saved);
  }
}

function button(action: string, label: string, title: string, disabled = false, attrs: Record<string, string | undefined> = {}): HTMLButtonElement {
  const b = h('button', { class: 'secondary', 'data-action': action, title, ...attrs }, label);
  if (disabled) b.setAttribute('disabled', '');
  return b;
}
