// Topic page script: turns clicks into the few messages the extension accepts, and keeps state for reloads.
(function () {
  const vscode = acquireVsCodeApi();
  const topicId = document.body.dataset.topicId;
  vscode.setState({ topicId });

  // Links have one path: this message. Caught before the webview host's own link handling, which would scroll to the
  // top for href="#" (links out carry no real href, so the host never opens them itself).
  document.addEventListener(
    'click',
    event => {
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();
      if (link.dataset.topic) vscode.postMessage({ type: 'open', topicId: link.dataset.topic });
      else if (link.dataset.external) vscode.postMessage({ type: 'external', url: link.dataset.external });
    },
    true,
  );

  document.getElementById('back').addEventListener('click', () => vscode.postMessage({ type: 'back' }));
  document.getElementById('forward').addEventListener('click', () => vscode.postMessage({ type: 'forward' }));
  document.addEventListener('keydown', event => {
    if (event.altKey && event.key === 'ArrowLeft') vscode.postMessage({ type: 'back' });
    if (event.altKey && event.key === 'ArrowRight') vscode.postMessage({ type: 'forward' });
  });

  const form = document.getElementById('search');
  const input = document.getElementById('search-input');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = input.value.trim();
    if (query) vscode.postMessage({ type: 'search', query });
  });
  input.addEventListener('change', () => {
    const query = input.value.trim();
    if (query && Array.from(document.querySelectorAll('#topic-titles option')).some(o => o.value === query)) {
      vscode.postMessage({ type: 'search', query });
    }
  });
})();
