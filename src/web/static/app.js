// deckhand review keys and reveal. Loaded as a file (the CSP allows no inline script); works with
// htmx swapping #review-card in place, and degrades to links and forms when this file does not run.
// The answer is found by class, not id: while htmx settles a swap it restores the attributes of
// elements with an id, which would hide an answer revealed in that moment again.
(() => {
  // The #review-card element a request was sent from. Keys are ignored until it has been replaced,
  // so a key held or pressed twice cannot grade the same card twice; the new card takes keys at once.
  let pending = null;

  const card = () => document.getElementById('review-card');

  function isRevealed(root) {
    const answer = root.querySelector('.answer');
    return answer !== null && !answer.hidden;
  }

  function reveal(root) {
    const answer = root.querySelector('.answer');
    if (answer === null || !answer.hidden) return;
    answer.hidden = false;
    const row = root.querySelector('.reveal-row');
    if (row) row.hidden = true;
    // Focus the answer region (not a grade button), so a stray Enter cannot grade by accident.
    answer.setAttribute('tabindex', '-1');
    answer.focus({ preventScroll: true });
  }

  function typing(target) {
    return (
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
    );
  }

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-reveal]') : null;
    const root = card();
    if (link && root) {
      event.preventDefault();
      reveal(root);
    }
  });

  document.addEventListener('keydown', (event) => {
    // An input method is composing (Chinese pinyin): the keys belong to it, not to us.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (typing(event.target)) return;
    const root = card();
    if (root === null || root === pending) return;
    const key = event.key;
    if (key === ' ' || key === 'Enter') {
      if (!isRevealed(root) && root.querySelector('.answer')) {
        event.preventDefault();
        reveal(root);
      }
      return;
    }
    if (/^[1-4]$/.test(key) && isRevealed(root)) {
      const button = root.querySelector(`.grades [data-key="${key}"]`);
      if (button) {
        event.preventDefault();
        button.click();
      }
      return;
    }
    if (key === 'u' || key === 'U') {
      const undo = root.querySelector('.undo [data-key="u"]');
      if (undo) {
        event.preventDefault();
        undo.click();
      }
    }
  });

  document.addEventListener('htmx:before:request', () => {
    pending = card();
  });
  document.addEventListener('htmx:finally:request', () => {
    pending = null;
  });
})();

// ---- Quiz (views/partials/quiz-*.eta) -------------------------------------------------------------
// Keys 1–4 pick a choice, Enter submits the answer or moves on (never while an input method is
// composing), and with a time limit a countdown. The server keeps the time and records an answer
// once; without this file the quiz is plain forms and links, and only the live countdown is missing.
(() => {
  const section = () => document.getElementById('quiz-question');
  // The #quiz-question a request was sent from: no second submit until it has been replaced.
  let sent = null;

  function typing(target) {
    return (
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
      !(target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox'))
    );
  }

  function activates(target) {
    // Enter on a focused button, link or summary already does its own thing.
    return target instanceof Element && target.closest('button, a[href], summary') !== null;
  }

  document.addEventListener('keydown', (event) => {
    if (event.isComposing || event.keyCode === 229) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const root = section();
    if (root === null || root === sent) return;
    const key = event.key;
    if (/^[1-9]$/.test(key) && !typing(event.target)) {
      const input = root.querySelector(`.choices input[data-key="${key}"]`);
      if (input) {
        event.preventDefault();
        input.checked = true;
        input.focus({ preventScroll: true });
      }
      return;
    }
    if (key !== 'Enter' || event.shiftKey || activates(event.target)) return;
    if (event.target instanceof HTMLTextAreaElement) return;
    const form = root.querySelector('form.answer-form');
    if (form) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    const next = root.querySelector('[data-next]');
    if (next) {
      event.preventDefault();
      next.click();
    }
  });

  // A second submit (a double click, Enter held) while the first is on its way goes nowhere.
  document.addEventListener(
    'submit',
    (event) => {
      const root = section();
      if (root === null || !(event.target instanceof Element) || !root.contains(event.target)) return;
      if (root === sent) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      sent = root;
    },
    true,
  );
  document.addEventListener('htmx:finally:request', () => {
    sent = null;
  });

  // Countdown. The server sends its own clock with the deadline, so a wrong clock here does not matter.
  let shown = null;
  let offset = 0;
  let leaving = false;

  function clock(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }

  function tick() {
    const timer = document.getElementById('quiz-timer');
    if (timer === null) return;
    if (timer !== shown) {
      shown = timer;
      offset = Date.parse(timer.dataset.now) - Date.now();
    }
    const left = Date.parse(timer.dataset.deadline) - (Date.now() + offset);
    timer.textContent = clock(left);
    timer.classList.toggle('low', left < 60_000);
    // A moment after the deadline, so the server agrees that time is up; it ends the quiz there.
    if (left <= -1000 && !leaving) {
      leaving = true;
      window.location.assign(timer.dataset.results);
    }
  }

  setInterval(tick, 250);
  tick();
})();
