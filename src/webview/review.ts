import { renderCardMarkdown } from '../core/render/markdown';
import type { Rating, ReviewState } from '../shared/protocol';
import { h } from './dom';
import { host } from './vscodeApi';

const RATINGS: { rating: Rating; label: string; key: string }[] = [
  { rating: 1, label: 'Again', key: '1' },
  { rating: 2, label: 'Hard', key: '2' },
  { rating: 3, label: 'Good', key: '3' },
  { rating: 4, label: 'Easy', key: '4' },
];

/**
 * The review screen. The host owns the queue and the schedule; this side only shows the card it is
 * given, measures how long the learner took, and sends grades back. Input is ignored while a
 * grade is in flight so a double key press cannot grade the next card by accident.
 */
export class ReviewView {
  private state: ReviewState | undefined;
  private revealed = false;
  private shownAt = 0;
  private pending = false;
  private lastGradeId = 0;
  private ackPending = false;
  private lastSeq: number | undefined;
  /** What the card element on screen shows, to tell a confirmation from a change. */
  private shown: string | undefined;
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
    document.addEventListener('keydown', (e) => this.onKey(e));
    root.addEventListener('click', (e) => this.onClick(e));
  }

  update(state: ReviewState): void {
    if (this.lastSeq !== undefined && state.seq < this.lastSeq) return;
    this.lastSeq = state.seq;
    // A state from before our latest grade would take back the card already shown for it.
    if (state.acked < this.lastGradeId) return;
    const sameCard = this.state?.card?.key === state.card?.key && state.card !== undefined;
    const acted = this.pending;
    this.state = state;
    this.pending = false;
    // After an action the same card can come straight back (Again on the last learning card):
    // it is a new showing, so it starts on the question side.
    if (!sameCard || acted) {
      this.revealed = false;
      this.shownAt = performance.now();
    }
    this.render();
    if (this.ackPending) {
      this.ackPending = false;
      // User Timing entries: `npm run bench` reads them from the real webview.
      performance.measure('flashcards:grade-to-ack', 'flashcards:grade');
    }
  }

  /**
   * Shows the queue's next card as soon as a grade is sent; the host's state, sent once the
   * grade is on disk, confirms it (or replaces it in the rare case the answer reordered the queue).
   */
  private showUpcoming(): void {
    const s = this.state!;
    const next = s.upcoming;
    if (!next) {
      this.pending = true;
      return;
    }
    this.state = { ...s, card: next.card, intervals: next.intervals, upcoming: undefined, canUndo: true };
    this.revealed = false;
    this.shownAt = performance.now();
    this.render();
    performance.measure('flashcards:grade-to-card', 'flashcards:grade');
  }

  private render(): void {
    const s = this.state;
    if (!s) return;
    const header = h('header', { class: 'counts', 'aria-label': 'Cards left today' },
      h('span', { class: 'scope' }, s.scope),
      h('span', { class: 'count new', title: 'New' }, `${s.counts.new}`),
      h('span', { class: 'count learning', title: 'Learning' }, `${s.counts.learning}`),
      h('span', { class: 'count due', title: 'Due' }, `${s.counts.due}`));
    header.querySelector('.new')!.setAttribute('aria-label', `${s.counts.new} new`);
    header.querySelector('.learning')!.setAttribute('aria-label', `${s.counts.learning} learning`);
    header.querySelector('.due')!.setAttribute('aria-label', `${s.counts.due} due`);

    // The host confirming the card already shown (after a grade) must not rebuild it: a Space
    // pressed on its button at that moment would lose its keyup, and with it the click.
    const shown = s.card ? JSON.stringify([s.card, s.intervals, this.revealed]) : undefined;
    const header0 = this.root.querySelector('header.counts');
    const undo0 = this.root.querySelector<HTMLButtonElement>('button[data-action="undo"]');
    if (shown !== undefined && shown === this.shown && header0 && undo0) {
      header0.replaceWith(header);
      undo0.disabled = !s.canUndo;
      return;
    }
    this.shown = shown;
    const body = s.card ? this.renderCard(s) : this.renderEmpty(s);
    const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Card actions' },
      button('undo', 'Undo', 'U', !s.canUndo),
      s.card ? button('bury', 'Bury', '-') : undefined,
      s.card ? button('suspend', 'Suspend', '@') : undefined,
      s.card ? button('edit', 'Edit', 'E') : undefined);
    this.root.replaceChildren(header, body, toolbar);
    this.focusPrimary();
  }

  private renderCard(s: ReviewState): HTMLElement {
    const card = s.card!;
    const question = h('div', { class: 'question markdown' });
    question.innerHTML = renderCardMarkdown(card.question, card.format);
    const meta = h('div', { class: 'meta' }, h('span', { class: `state ${card.state}` }, card.state), ` ${card.deckTitle}`);
    const answer = h('section', { class: 'answer markdown', 'aria-live': 'polite', 'aria-label': 'Answer' });
    const actions = h('div', { class: 'actions' });
    if (this.revealed) {
      answer.innerHTML = renderCardMarkdown(card.answer, card.format);
      if (card.source) {
        answer.append(h('p', { class: 'source' }, 'Source: ', h('a', { href: card.source }, hostName(card.source))));
      }
      for (const r of RATINGS) {
        const interval = s.intervals?.[r.rating];
        const b = h('button', { class: `grade grade-${r.rating}`, 'data-action': 'grade', 'data-rating': String(r.rating), title: `${r.label} (${r.key})` },
          h('span', { class: 'label' }, r.label), interval ? h('span', { class: 'interval' }, ` · ${interval}`) : undefined);
        actions.append(b);
      }
    } else {
      actions.append(h('button', { class: 'reveal primary', 'data-action': 'reveal', title: 'Show answer (Space or Enter)' }, 'Show answer'));
    }
    return h('main', { class: 'card', 'data-card': card.key }, meta, question, h('hr'), answer, actions);
  }

  private renderEmpty(s: ReviewState): HTMLElement {
    const next = s.empty?.nextDue ? `The next card is due ${s.empty.nextDue}.` : 'No cards are scheduled.';
    return h('main', { class: 'empty' },
      h('h2', {}, 'All caught up'),
      h('p', {}, next),
      s.empty && s.empty.aheadAvailable > 0
        ? h('button', { class: 'primary', 'data-action': 'ahead', title: 'Review cards before they are due' }, `Study ahead (${s.empty.aheadAvailable})`)
        : undefined);
  }

  private focusPrimary(): void {
    const target = this.root.querySelector<HTMLButtonElement>(this.revealed ? 'button.grade-3' : 'button.reveal, button[data-action="ahead"]');
    target?.focus({ preventScroll: true });
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const link = target.closest('a');
    if (link) {
      e.preventDefault();
      const href = link.getAttribute('href');
      if (href) host.postMessage({ type: 'openLink', href });
      return;
    }
    const action = target.closest<HTMLElement>('[data-action]');
    if (!action || action.hasAttribute('disabled')) return;
    this.perform(action.dataset.action!, Number(action.dataset.rating));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.isComposing || !this.state) return;
    const onButton = (e.target as HTMLElement).tagName === 'BUTTON';
    const key = e.key;
    let action: string | undefined;
    let rating = 0;
    if ((key === 'z' || key === 'Z') && (e.ctrlKey || e.metaKey)) action = 'undo';
    else if (e.ctrlKey || e.metaKey) return;
    else if (key === ' ' || key === 'Enter') {
      // A focused button handles Space/Enter itself; its click already carries the action.
      if (onButton) return;
      action = this.revealed ? 'grade' : 'reveal';
      rating = 3;
    } else if (key >= '1' && key <= '4') {
      action = 'grade';
      rating = Number(key);
    } else if (key === 'u' || key === 'U') action = 'undo';
    else if (key === '-') action = 'bury';
    else if (key === '@') action = 'suspend';
    else if (key === 'e' || key === 'E') action = 'edit';
    if (!action) return;
    e.preventDefault();
    this.perform(action, rating);
  }

  private perform(action: string, rating: number): void {
    const s = this.state;
    if (!s || this.pending) return;
    const card = s.card;
    switch (action) {
      case 'reveal':
        if (!card || this.revealed) return;
        this.revealed = true;
        this.render();
        return;
      case 'grade':
        if (!card || !this.revealed || rating < 1 || rating > 4) return;
        this.ackPending = true;
        performance.mark('flashcards:grade');
        host.postMessage({ type: 'grade', id: ++this.lastGradeId, cardKey: card.key, rating: rating as Rating, durationMs: Math.round(performance.now() - this.shownAt) });
        this.showUpcoming();
        return;
      case 'undo':
        if (!s.canUndo) return;
        this.pending = true;
        host.postMessage({ type: 'undo' });
        return;
      case 'bury':
        if (!card) return;
        this.pending = true;
        host.postMessage({ type: 'bury', cardKey: card.key });
        return;
      case 'suspend':
        if (!card) return;
        this.pending = true;
        host.postMessage({ type: 'suspend', cardKey: card.key });
        return;
      case 'edit':
        if (card) host.postMessage({ type: 'openSource', cardKey: card.key });
        return;
      case 'ahead':
        host.postMessage({ type: 'studyAhead' });
        return;
    }
  }

  /** Lets the host's error message release the input lock. */
  unlock(): void {
    this.pending = false;
  }
}

function button(action: string, label: string, key: string, disabled = false): HTMLButtonElement {
  const b = h('button', { class: 'secondary', 'data-action': action, title: `${label} (${key})` }, label);
  if (disabled) b.setAttribute('disabled', '');
  return b;
}

function hostName(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
