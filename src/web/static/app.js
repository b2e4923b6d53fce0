// deckhand review keys and reveal. Loaded as a file (the CSP allows no inline script); works with
// htmx swapping #review-card in place, and degrades to links and forms when this file does not run.
(() => {
  let busy = false;

  const card = () => document.getElementById('review-card');

  function isRevealed(root) {
    const answer = root.querySelector('#answer');
    return answer !== null && !answer.hidden;
  }

  function reveal(root) {
    const answer = root.querySelector('#answer');
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
    if (root === null || busy) return;
    const key = event.key;
    if (key === ' ' || key === 'Enter') {
      if (!isRevealed(root) && root.querySelector('#answer')) {
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

  // One request at a time: a key held or pressed twice must not send a second grade.
  document.addEventListener('htmx:before:request', () => {
    busy = true;
  });
  document.addEventListener('htmx:finally:request', () => {
    busy = false;
  });
})();
