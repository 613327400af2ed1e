import type { HostMessage } from '../shared/protocol';
import { ExamApp } from './exam/examApp';
import { ReviewView } from './review';
import { renderStats } from './stats';
import { host, onHostMessage } from './vscodeApi';

// One bundle serves both screens; the host says which one through a data attribute.
const root = document.getElementById('app')!;
const view = document.body.dataset.view === 'stats' ? 'stats' : document.body.dataset.view === 'exam' ? 'exam' : 'review';
const review = view === 'review' ? new ReviewView(root) : undefined;
const exam = view === 'exam' ? new ExamApp(root) : undefined;

onHostMessage((message: HostMessage) => {
  switch (message.type) {
    case 'review':
      review?.update(message);
      // An editor panel is restored after a reload from this state (see registerWebviewPanelSerializer).
      host.setState({ scopeRef: message.scopeRef });
      break;
    case 'stats':
      if (view === 'stats') renderStats(root, message);
      break;
    case 'exam':
      exam?.update(message);
      break;
    case 'error':
      review?.unlock();
      exam?.showError(message.message);
      if (exam) break;
      root.prepend(Object.assign(document.createElement('p'), { className: 'error', textContent: message.message, role: 'alert' }));
      break;
  }
});

host.postMessage({ type: 'ready', view });
